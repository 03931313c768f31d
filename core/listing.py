"""Helpers shared by the listings of every content app."""

from __future__ import annotations

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet

from vietnam.fold import fold

MAX_KEYWORDS = 10
MAX_QUERY_LENGTH = 200


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def keyword_terms(query: str | None) -> list[str]:
    """Folded words of a reader's query: "Nghị định 42/2022" → ["nghi", "dinh", "42/2022"].

    Control characters are dropped: PostgreSQL refuses a NUL in a string literal."""
    folded = fold(_CONTROL.sub(" ", (query or "")[:MAX_QUERY_LENGTH]))
    return folded.split()[:MAX_KEYWORDS]


def keyword_filter(queryset: QuerySet, query: str | None, field: str = "search_key") -> QuerySet:
    """Keep the rows whose folded ``field`` contains every folded word of ``query``.

    Diacritics-insensitive on SQLite and PostgreSQL alike ("dang ky khai sinh" finds
    "Đăng ký khai sinh"). A scan of one text column: fine for a section's listing;
    site-wide ranked search is the search app's job.
    """
    for term in keyword_terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


def paginate(request, queryset, per_page: int = 20):
    """A page of ``queryset`` from ``?page=``; out-of-range numbers give the last page."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
