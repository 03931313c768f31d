"""``/api/v2/tin-tuc/`` (news, R-NEWS-1) and ``/api/v2/thong-bao/`` (notices, R-ANN-1).

Filtered by the public listings' own ``filter_items`` (``NewsIndexPage``: ``q``,
``chuyen_muc``, ``thang``; ``NoticeIndexPage``: ``q``, ``loai``, ``luu-tru``), so the API
and /tin-tuc/, /thong-bao/ agree; per site, not per section."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core.api import (
    DATE,
    STRING,
    TERM,
    TEXT_PARAMETER,
    TITLE,
    ApiField,
    ApiFilter,
    PageEndpoint,
    enum,
    slugs,
    term,
)

from .models import NewsCategory, NewsIndexPage, NewsPage, NoticeIndexPage, NoticePage
from .models.notices import ARCHIVE_PARAMETER, NoticeKind

BODY = ApiField(
    "body",
    {**STRING, "description": "HTML"},
    lambda page, request: str(page.body),
    detail_only=True,
)
KEYWORDS = ApiFilter("q", "Keywords, without accents if you like (folded search).")


class NewsEndpoint(PageEndpoint):
    api_name = "tin-tuc"
    model = NewsPage
    summary = _("News")
    select_related = ("category",)
    fields = (
        TITLE,
        ApiField("summary", STRING),
        ApiField("category", TERM, lambda page, request: term(page.category)),
        ApiField("event_date", DATE),
        BODY,
    )
    filters = (
        KEYWORDS,
        ApiFilter("chuyen_muc", "Category (slug).", choices=slugs(NewsCategory)),
        ApiFilter("thang", "Month of publication (yyyy-mm).", {"type": "string", "maxLength": 20}),
    )

    def filter_items(self, request, queryset):
        queryset, _filters = NewsIndexPage().filter_items(request, queryset.defer_streamfields())
        return queryset, []


class NoticeEndpoint(PageEndpoint):
    api_name = "thong-bao"
    model = NoticePage
    summary = _("Notices")
    fields = (
        TITLE,
        ApiField("kind", enum(NoticeKind.values)),
        ApiField("summary", STRING),
        ApiField("valid_from", DATE),
        ApiField("valid_until", DATE),
        ApiField("urgent", {"type": "boolean"}),
        BODY,
    )
    filters = (
        KEYWORDS,
        ApiFilter("loai", "Kind of notice.", enum(NoticeKind.values)),
        ApiFilter(
            ARCHIVE_PARAMETER,
            "1: the archive (notices no longer valid); otherwise the current notices.",
            {**TEXT_PARAMETER, "maxLength": 10},
        ),
    )

    def filter_items(self, request, queryset):
        queryset, _filters = NoticeIndexPage().filter_items(request, queryset.defer_streamfields())
        return queryset, []


def endpoints():
    return [NewsEndpoint, NoticeEndpoint]
