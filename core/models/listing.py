"""What every section listing shares (news, notices, articles, conferences, projects…): an
intro, pagination, an RSS route and the keyword filter."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from .. import sitecache
from ..feeds import FEED_SIZE, rss_response
from ..listing import keyword_filter, paginate
from ..query_params import clean_text
from .pages import VietnameseSlugMixin


class SectionIndexPage(RoutablePageMixin, VietnameseSlugMixin, Page):
    """A section's listing page with its RSS feed at ``<section>/rss/``.

    Subclasses name ``item_model`` (the page type listed) and refine
    ``filter_items(request, queryset)``; the listing and the feed both start from
    ``get_items()`` so they never disagree on what is public.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = Page.promote_panels

    #: The page type the section lists.
    item_model: type[Page] | None = None
    #: Items per page of the listing.
    per_page = 15
    #: Columns loaded for list and feed (the body is never needed there).
    item_select_related: tuple[str, ...] = ()
    max_count_per_parent = 1
    #: Metadata (core.metadata): a listing is a collection (DCMI Type).
    dc_type = "Collection"

    class Meta:
        abstract = True

    # Items ------------------------------------------------------------------------------
    def get_items(self):
        """Live, public items below this index, without their StreamFields."""
        return (
            sitecache.public(self.item_model.objects.live().descendant_of(self))
            .select_related(*self.item_select_related)
            .defer_streamfields()
        )

    def filter_items(self, request, queryset):
        """(queryset, filters) for ``request.GET``; ``filters`` is the cleaned values the
        template shows back in the form. The base handles ``?q=``."""
        query = clean_text(request.GET.get("q"))
        return keyword_filter(queryset, query), {"q": query}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset, filters = self.filter_items(request, self.get_items())
        context["filters"] = filters
        context["is_filtered"] = any(filters.values())
        context["page_obj"] = paginate(request, queryset, self.per_page)
        context["items"] = context["page_obj"].object_list
        return context

    # Feed -------------------------------------------------------------------------------
    def get_feed_items(self):
        return self.get_items().order_by("-first_published_at")[:FEED_SIZE]

    def feed_description(self, item) -> str:
        return getattr(item, "summary", "") or item.search_description or ""

    @path("rss/", name="feed")
    def feed(self, request):
        return rss_response(request, self, self.get_feed_items(), self.feed_description)
