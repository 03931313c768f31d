"""Admin screens and home-page highlights of the news app."""

from __future__ import annotations

from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from congthongtin.core import sitecache
from congthongtin.core.api import API_ENDPOINTS_HOOK
from congthongtin.core.highlights import HOOK_NAME, Highlight, next_local_midnight
from congthongtin.core.viewsets import PortalSnippetViewSet

from .contributions import targets as contribution_targets
from .import_views import URL_NAME, WordImportMenuItem, WordImportView, header_buttons
from .models import NewsCategory, NewsIndexPage, NewsPage, NoticeIndexPage, NoticePage
from .models.news import make_thumbnails, with_thumbnails
from .upward import entries as upward_entries

FEATURED_COUNT = 3
LATEST_COUNT = 5


class NewsCategoryViewSet(PortalSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    add_to_admin_menu = False


register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_urls")
def register_word_import_url():
    return [path("tin-bai/nhap-word/", WordImportView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_word_import_menu_item():
    return WordImportMenuItem(
        _("Import from a Word file"),
        reverse(URL_NAME),
        icon_name="upload",
        order=251,
        name="news-word-import",
    )


hooks.register("register_page_header_buttons", header_buttons)

# The editorial inbox's page types (S1 Đ14): items sent to the standing office become
# drafts of these (a hook name, not an import: domain apps do not import each other).
hooks.register("congthongtin_contribution_targets", contribution_targets)
# Items proposed up to the parent portal and their copies there (S0 Đ4.2d; editorial.upward).
hooks.register("congthongtin_upward_copy", upward_entries)


def _index_url(model, home_page, request) -> str:
    index = sitecache.public(model.objects.live().descendant_of(home_page)).first()
    return index.get_url(request=request) if index else ""


def _news(home_page):
    return (
        sitecache.public(NewsPage.objects.live().descendant_of(home_page))
        .select_related("category")
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )


@hooks.register(HOOK_NAME)
def featured_news(home_page, request):
    """The featured news of the home page, with their lead images (R-NEWS-1)."""
    featured = _news(home_page).filter(featured=True).select_related("lead_image")
    # Cached with the highlights: the renditions are made before, not while rendering.
    items = make_thumbnails(list(with_thumbnails(featured)[:FEATURED_COUNT]))
    return Highlight(
        title=_("Featured news"),
        items=items,
        template="news/includes/featured_highlight.html",
    )


@hooks.register(HOOK_NAME)
def latest_news(home_page, request):
    # Featured items already shown above are not repeated.
    shown = _news(home_page).filter(featured=True).values_list("pk", flat=True)[:FEATURED_COUNT]
    items = list(_news(home_page).exclude(pk__in=list(shown))[:LATEST_COUNT])
    if not items:
        return None
    return Highlight(
        title=_("Latest news"),
        items=items,
        more_url=_index_url(NewsIndexPage, home_page, request),
    )


@hooks.register(HOOK_NAME)
def current_notices(home_page, request):
    """Notices still valid today (R-ANN-1)."""
    today = timezone.localdate()
    items = list(
        sitecache.public(NoticePage.objects.live().descendant_of(home_page))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .defer_streamfields()
        .order_by("-valid_from", "-first_published_at", "-pk")[:LATEST_COUNT]
    )
    if not items:
        return None
    return Highlight(
        title=_("Notices"),
        items=items,
        more_url=_index_url(NoticeIndexPage, home_page, request),
        # "Still valid today": the list may change at midnight without a publish.
        expires_at=next_local_midnight(),
    )


# The read-only JSON API (core.api, docs/api.md).
hooks.register(API_ENDPOINTS_HOOK, "congthongtin.news.api.endpoints")
