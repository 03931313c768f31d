"""Filters, keyword search and ordering of the document listing (R-LEGAL-1).

Every filter value comes from the address (``?loai=nghi-dinh&nam=2022``) so a result list
can be shared. Values are checked here: an unknown slug, a bad date or year is ignored
and the reader is told so; nothing in the query string can cause a server error.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from congthongtin.core.listing import MAX_QUERY_LENGTH, keyword_filter, keyword_terms
from congthongtin.core.query_params import parse_date, parse_int
from congthongtin.vietnam.documents import parse_number

from .models.taxonomy import EffectStatus

SORT_NEWEST = "moi-nhat"
SORT_OLDEST = "cu-nhat"
SORT_RELEVANCE = "lien-quan"
SORTS = (SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE)
#: Query parameters the listing reads; everything else is ignored.
PARAMS = ("q", "loai", "linh_vuc", "co_quan", "nam", "tu_ngay", "den_ngay", "hieu_luc", "sap_xep")
MIN_YEAR, MAX_YEAR = 1945, 2100


def _clean_param(value: str | None, limit: int = MAX_QUERY_LENGTH) -> str:
    # NUL cannot be stored in a PostgreSQL string literal: drop it with the other controls.
    value = "".join(ch for ch in (value or "")[: limit * 2] if ch >= " " or ch == "\t")
    return value.strip()[:limit]


@dataclass
class ListingQuery:
    """The checked filters of one request, with the messages about ignored values."""

    q: str = ""
    number_key: str = ""
    document_type: object = None
    field: object = None
    agency: object = None
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    status: str = ""
    sort: str = SORT_NEWEST
    values: dict = dataclasses.field(default_factory=dict)  # cleaned raw values, to refill the form
    messages: list[str] = dataclasses.field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return any(
            (
                self.q,
                self.document_type,
                self.field,
                self.agency,
                self.year,
                self.date_from,
                self.date_to,
                self.status,
            )
        )


def parse_query(params, *, types, fields, agencies) -> ListingQuery:
    """Read ``params`` (request.GET) against the lists the filter form shows anyway, so
    checking a slug costs no query."""
    query = ListingQuery()
    raw = {name: _clean_param(params.get(name)) for name in PARAMS}
    query.values = raw

    query.q = raw["q"]
    if query.q:
        number = parse_number(query.q)
        if number is not None:
            query.number_key = number.search_key

    def by_slug(name, items, message):
        slug = raw[name]
        if not slug:
            return None
        for item in items:
            if item.slug == slug:
                return item
        query.messages.append(message % {"value": slug})
        raw[name] = ""
        return None

    query.document_type = by_slug(
        "loai", types, _("Unknown document type “%(value)s”: this filter was ignored.")
    )
    query.field = by_slug(
        "linh_vuc", fields, _("Unknown field “%(value)s”: this filter was ignored.")
    )
    query.agency = by_slug(
        "co_quan", agencies, _("Unknown issuing body “%(value)s”: this filter was ignored.")
    )

    if raw["nam"]:
        # ASCII digits only (parse_int): "²²²²".isdigit() is true and int() refused it.
        year = parse_int(raw["nam"], MIN_YEAR, MAX_YEAR) if len(raw["nam"]) == 4 else None
        if year is not None:
            query.year = year
        else:
            query.messages.append(
                _("“%(value)s” is not a year: this filter was ignored.") % {"value": raw["nam"]}
            )
            raw["nam"] = ""

    for name, attr in (("tu_ngay", "date_from"), ("den_ngay", "date_to")):
        if raw[name]:
            parsed = parse_date(raw[name])
            if parsed is None:
                query.messages.append(
                    _("“%(value)s” is not a valid date (dd/mm/yyyy): this filter was ignored.")
                    % {"value": raw[name]}
                )
                raw[name] = ""
            else:
                setattr(query, attr, parsed)
                raw[name] = parsed.strftime("%d/%m/%Y")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        query.messages.append(
            _("The start date is after the end date: the date filter was ignored.")
        )
        query.date_from = query.date_to = None

    if raw["hieu_luc"]:
        if raw["hieu_luc"] in EffectStatus.values:
            query.status = raw["hieu_luc"]
        else:
            query.messages.append(
                _("Unknown effect status “%(value)s”: this filter was ignored.")
                % {"value": raw["hieu_luc"]}
            )
            raw["hieu_luc"] = ""

    if raw["sap_xep"] in SORTS:
        query.sort = raw["sap_xep"]
    elif raw["sap_xep"]:
        raw["sap_xep"] = ""
    return query


def filter_documents(queryset: QuerySet, query: ListingQuery) -> QuerySet:
    """Apply the filters, the keyword and the ordering to a queryset of documents."""
    if query.q:
        matched = keyword_filter(queryset, query.q)
        if query.number_key:
            # A number typed in any spelling also finds its document exactly.
            matched = matched | queryset.filter(number_key=query.number_key)
        queryset = matched
    if query.document_type:
        queryset = queryset.filter(document_type=query.document_type)
    if query.field:
        queryset = queryset.filter(fields=query.field)
    if query.agency:
        queryset = queryset.filter(issuing_body=query.agency)
    if query.year:
        queryset = queryset.filter(issue_date__year=query.year)
    if query.date_from:
        queryset = queryset.filter(issue_date__gte=query.date_from)
    if query.date_to:
        queryset = queryset.filter(issue_date__lte=query.date_to)
    if query.status:
        queryset = queryset.filter(effect_status=query.status)
    return order_documents(queryset, query)


def order_documents(queryset: QuerySet, query: ListingQuery) -> QuerySet:
    newest = (F("issue_date").desc(nulls_last=True), "-pk")
    oldest = (F("issue_date").asc(nulls_last=True), "pk")
    exact = Value(0, output_field=IntegerField())
    if query.number_key:
        exact = Case(
            When(number_key=query.number_key, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    queryset = queryset.annotate(exact_number=exact)
    if query.sort == SORT_RELEVANCE and query.q:
        score = Value(0, output_field=IntegerField())
        for term in keyword_terms(query.q):
            score = score + Case(
                When(title_key__contains=term, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        queryset = queryset.annotate(title_score=score)
        return queryset.order_by("-exact_number", "-title_score", *newest)
    return queryset.order_by("-exact_number", *(oldest if query.sort == SORT_OLDEST else newest))
