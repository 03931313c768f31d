"""Helpers shared by the listings of every content app."""

from __future__ import annotations

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from congthongtin.vietnam.fold import fold

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


#: Listings count their rows up to this many: beyond it they say "more than …".
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Django's paginator with a count that stops at ``cap`` rows.

    ``COUNT(*)`` over a section of 60,000 documents reads all 60,000 of them on every
    request, so the first page of a listing would get slower as the portal grows. Here
    the count is ``SELECT COUNT(*) FROM (… LIMIT cap + 1)``: bounded work. When there are
    more rows, ``is_capped`` is true, ``count`` is ``cap`` and the templates say "more than";
    the pages inside the cap work as usual and the page after them still has a "next"
    link. Only a reader who asks for a page beyond the cap pays for the exact count
    (and for the deep ``OFFSET`` that page needs anyway).
    """

    def __init__(self, object_list, per_page, cap: int | None = None, **kwargs):
        self.cap = COUNT_CAP if cap is None else cap
        self._exact = False
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _bounded_count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # Without ORDER BY (nothing to sort to count) and only the key: the database
            # stops after cap + 1 rows.
            return self.object_list.order_by().values("pk")[: self.cap + 1].count()
        return len(self.object_list)

    @property
    def is_capped(self) -> bool:
        return not self._exact and self._bounded_count > self.cap

    @cached_property
    def count(self):
        if self._exact:
            return super().count
        return min(self._bounded_count, self.cap)

    @property
    def capped_pages(self) -> int:
        """Pages known to be full while the count is capped."""
        return self.cap // self.per_page

    @cached_property
    def num_pages(self):
        if self.is_capped:
            # One more than the pages inside the cap: the last of them links to a next one.
            return self.capped_pages + 1
        return super().num_pages

    def page(self, number):
        if self.is_capped:
            try:
                wanted = int(number)
            except (TypeError, ValueError):
                wanted = None
            if wanted is not None and wanted > self.capped_pages:
                # A page past the cap: count exactly (rare, and that page's OFFSET is as
                # expensive anyway). Only here: ``next_page_number()`` must not count.
                self._exact = True
                self.__dict__.pop("count", None)
                self.__dict__.pop("num_pages", None)
        number = self.validate_number(number)
        if not self.is_capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


def paginate(request, queryset, per_page: int = 20, cap: int | None = None):
    """A page of ``queryset`` from ``?page=``; out-of-range numbers give the last page.
    The count stops at ``cap`` (default ``COUNT_CAP``; see ``CappedPaginator``)."""
    paginator = CappedPaginator(queryset, per_page, cap=COUNT_CAP if cap is None else cap)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
