"""News and events (R-NEWS-1)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from congthongtin.core import sitecache
from congthongtin.core.blocks import BodyBlock
from congthongtin.core.models import BasePage, SectionIndexPage
from congthongtin.core.query_params import choice, month_range, parse_month

from ..blocks import GALLERY_BLOCKS
from .categories import NewsCategory

#: Rendition of the lead image on listings and highlights (prefetched there).
THUMBNAIL_SPEC = "fill-320x200"


def with_thumbnails(queryset, field: str = "lead_image"):
    """Prefetch the listing renditions of each item's image: no query per item."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_SPEC)
    return queryset.prefetch_related(models.Prefetch(f"{field}__renditions", queryset=renditions))


def make_thumbnails(items, field: str = "lead_image"):
    """Make each item's listing rendition now, so that it is among the image's prefetched
    renditions: items kept in a cache (the home page's highlights) show their images with no
    query, where a rendition made while rendering would be missing from the cached copy."""
    for item in items:
        image = getattr(item, field)
        if image is not None:
            image.get_rendition(THUMBNAIL_SPEC)
    return items


class NewsIndexPage(SectionIndexPage):
    """``/tin-tuc/``: news by category (``?chuyen_muc=<slug>``) and month (``?thang=2026-11``)."""

    item_model = None  # set below: NewsPage is defined after this class
    item_select_related = ("category", "lead_image")
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def get_items(self):
        return with_thumbnails(super().get_items()).order_by("-first_published_at", "-pk")

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        categories = sitecache.cached(
            sitecache.make_key("news-categories"), lambda: list(NewsCategory.objects.all())
        )
        slug = choice(request.GET.get("chuyen_muc"), {c.slug for c in categories})
        if slug:
            queryset = queryset.filter(category__slug=slug)
        month = parse_month(request.GET.get("thang"))
        if month:
            start, end = month_range(*month)
            queryset = queryset.filter(first_published_at__gte=start, first_published_at__lt=end)
        filters.update(
            {
                "chuyen_muc": slug or "",
                "thang": f"{month[0]}-{month[1]:02d}" if month else "",
            }
        )
        self._categories = categories
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self._categories
        context["months"] = self.months_with_news()
        return context

    def months_with_news(self) -> list[dict]:
        """The months that have news, newest first, for the month filter (one query on a
        cache miss; cached until the next publication)."""
        key = sitecache.make_key("news-months", self.pk, timezone.get_current_timezone_name())
        return sitecache.cached(key, self._months_with_news)

    def _months_with_news(self) -> list[dict]:
        months = sitecache.public(NewsPage.objects.live().descendant_of(self)).datetimes(
            "first_published_at", "month", order="DESC", tzinfo=timezone.get_current_timezone()
        )
        return [
            {"value": f"{m.year}-{m.month:02d}", "month": m.month, "year": m.year}
            for m in months[:60]
        ]


class Timeliness(models.TextChoices):
    """How soon a news item must be published (R-SLA-1)."""

    NEWS = "news", _("News: within 8 working hours of the event")
    CURRENT = "current", _("Current news: by 16:00 the same day")
    EVENT = "event", _("Conference or major event: within 3 working days")


class NewsPage(BasePage):
    """A news item (R-NEWS-1): category, lead image with caption and credit, summary, body,
    gallery, related items, the date of the event it reports (news is due within 8 working
    hours of the event, R-SLA-1) and a featured flag for the home page."""

    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="news_pages",
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences shown in lists and feeds.")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("text alternative of the lead image"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Empty = the image title."),
    )
    lead_image_caption = models.CharField(_("caption"), max_length=500, blank=True)
    lead_image_credit = models.CharField(_("photo credit"), max_length=255, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    gallery = StreamField(GALLERY_BLOCKS, verbose_name=_("photo gallery"), blank=True)
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        verbose_name=_("related items"),
        blank=True,
    )
    event_date = models.DateField(
        _("date of the event"),
        null=True,
        blank=True,
        help_text=_(
            "When the reported event happened. News is due within 8 working hours of the "
            "event (R-SLA-1)."
        ),
    )
    event_time = models.TimeField(_("time of the event"), null=True, blank=True)
    timeliness = models.CharField(
        _("publication time limit"),
        max_length=10,
        choices=Timeliness.choices,
        default=Timeliness.NEWS,
        help_text=_(
            "Counted from the event, in the body's working time (R-SLA-1; S0 Đ10.2, S2 Đ9, "
            "S4 Đ10.2). Without a date of the event there is no limit."
        ),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown among the featured news of the home page.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("related_pages"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_date"), FieldPanel("event_time")]),
                FieldPanel("timeliness"),
                FieldPanel("featured"),
            ],
            heading=_("Event and display"),
        ),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=tin-tuc (the search protocol of core.BasePage)
    search_category = "tin-tuc"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers

    #: Shown on the page: fetched with it when routed (core.routing).
    route_select_related = ("category", "lead_image", "responsible_unit")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("featured"),
        index.FilterField("category"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_search_key_parts(self) -> list[str]:
        return [*super().get_search_key_parts(), self.summary or ""]

    @property
    def event_start(self) -> dt.datetime | None:
        """When the event began (local time), for the timeliness report (R-SLA-1)."""
        if not self.event_date:
            return None
        return timezone.make_aware(
            dt.datetime.combine(self.event_date, self.event_time or dt.time.min)
        )

    def timeliness_clock(self):
        """From the event (R-SLA-1): a date without a time counts from the day's start."""
        start = self.event_start
        return (self.timeliness or Timeliness.NEWS, start) if start else None

    @property
    def lead_image_alt_text(self) -> str:
        return self.lead_image_alt or (self.lead_image.title if self.lead_image else "")

    # Metadata (core.metadata) -------------------------------------------------------
    og_type = "article"

    def meta_image(self):
        return self.lead_image

    def meta_image_alt(self) -> str:
        return self.lead_image_alt_text

    def dc_creator(self) -> str:
        return self.author_name

    def json_ld(self, request) -> dict:
        from ..metadata import news_article

        return news_article(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [
            block.value for block in self.related_pages if block.value and block.value.live
        ]
        return context


NewsIndexPage.item_model = NewsPage
