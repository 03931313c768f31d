"""Site search at /tim-kiem/ with facets, snippets and suggestions (issue 9)."""

from __future__ import annotations

import logging
import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congthongtin.core.archives import archive_of_path
from congthongtin.core.models import Agency, Field
from congthongtin.core.query_params import choice, parse_year

from . import query as search
from .answers import answer_for
from .categories import CATEGORIES

logger = logging.getLogger(__name__)

PER_PAGE = 10
#: Shown (status 503) when Elasticsearch/OpenSearch cannot be reached; the rest of the site
#: does not depend on the search backend and keeps working.
UNAVAILABLE = _("Search is temporarily unavailable. Please try again in a few minutes.")
FACET_LABELS = {
    "loai": _("Content type"),
    "linh_vuc": pgettext_lazy("taxonomy", "Field"),
    "co_quan": _("Agency"),
    "nam": _("Year"),
}


SLUG = re.compile(r"^[a-z0-9-]{1,100}$")


def read_filters(params, fields=None, agencies=None) -> search.Filters:
    """Facet values from the URL; unknown or malformed values are ignored, never an error.
    ``fields``, ``agencies``: the slugs that exist (None: any well-formed slug)."""
    field, agency = params.get("linh_vuc", ""), params.get("co_quan", "")
    return search.Filters(
        category=choice(params.get("loai"), CATEGORIES) or "",
        field=field if SLUG.fullmatch(field) and (fields is None or field in fields) else "",
        agency=agency
        if SLUG.fullmatch(agency) and (agencies is None or agency in agencies)
        else "",
        year=parse_year(params.get("nam")),  # ASCII digits only: int("²") raised
    )


def facet_links(params, name, values, active):
    """[{label, count, url, active}] where the url sets (or, when active, clears) the facet."""
    links = []
    for value, label, count in values:
        query = params.copy()
        query.pop("page", None)
        if value == active:
            query.pop(name, None)
        else:
            query[name] = value
        links.append(
            {
                "label": label,
                "count": count,
                "url": "?" + query.urlencode(),
                "active": value == active,
            }
        )
    return links


def exact_url(params) -> str:
    """The address of the same search without the correction ("Tìm chính xác «…»?")."""
    query = params.copy()
    query.pop("page", None)
    query["chinh_xac"] = "1"
    return "?" + query.urlencode()


@require_GET
def search_view(request):
    query = search.clean_query(request.GET.get("q"))
    fields = dict(Field.objects.values_list("slug", "name"))
    agencies = dict(Agency.objects.values_list("slug", "name"))
    filters = read_filters(request.GET, fields, agencies)
    site = Site.find_for_request(request)
    # "Tìm chính xác": the words as typed, without the speller's correction.
    exact = request.GET.get("chinh_xac") == "1"
    try:
        outcome = search.run(query, site, filters, exact=exact) if query else search.Outcome()
    except search.SearchUnavailable as error:
        logger.error("Search backend unavailable: %s", error)
        return TemplateResponse(
            request,
            "portal_search/search.html",
            {"search_query": query, "unavailable": UNAVAILABLE},
            status=503,
            headers={"Retry-After": "120", "Cache-Control": "no-store"},
        )
    page = Paginator(outcome.hits, PER_PAGE).get_page(request.GET.get("page"))
    search.fill_bodies(page.object_list)
    for hit in page.object_list:
        doc = hit.document
        # escaped inside; the words of the corrected query and the administrative terms
        # searched are marked too
        hit.snippet = mark_safe(search.snippet(doc.body or doc.summary, outcome.highlight or query))
    raw = outcome.facets
    values = {
        "loai": [(slug, CATEGORIES.get(slug, slug), n) for slug, n in raw.get("category", [])],
        "linh_vuc": [(slug, fields.get(slug, slug), n) for slug, n in raw.get("field", [])],
        "co_quan": [(slug, agencies.get(slug, slug), n) for slug, n in raw.get("agency", [])],
        "nam": [(str(year), str(year), n) for year, n in raw.get("year", [])],
    }
    active = {
        "loai": filters.category,
        "linh_vuc": filters.field,
        "co_quan": filters.agency,
        "nam": str(filters.year or ""),
    }
    facets = [
        (name, FACET_LABELS[name], facet_links(request.GET, name, values[name], active[name]))
        for name in ("loai", "linh_vuc", "co_quan", "nam")
        if values[name]
    ]
    return TemplateResponse(
        request,
        "portal_search/search.html",
        {
            "search_query": query,
            "page_obj": page,
            "total": len(outcome.hits),
            "facets": facets,
            "corrected": outcome.corrected,
            "exact_url": exact_url(request.GET) if outcome.corrected else "",
            "terms": outcome.terms,
            # The answer box: on the first page, a procedure or a Q&A answer among the
            # first three hits whose title holds every word searched (``Hit.strong``).
            "answer": answer_for(outcome.hits, lambda hit: hit.strong)
            if page.number == 1
            else None,
        },
    )


@require_GET
def suggest_view(request):
    """JSON suggestions for the search box (the box is a plain form without JavaScript)."""
    site = Site.find_for_request(request)
    try:
        documents = search.suggestions(request.GET.get("q"), site)
    except search.SearchUnavailable as error:
        logger.error("Search backend unavailable: %s", error)
        return JsonResponse(
            {"suggestions": [], "error": str(UNAVAILABLE)},
            status=503,
            headers={"Retry-After": "120", "Cache-Control": "no-store"},
        )
    suggestions = []
    scope = search.search_scope(site) if site is not None else None
    for document in documents:
        archive = archive_of_path(document.path)
        origin = scope.origin(document.path) if scope is not None else None
        url = search.document_url(document, archive, origin)
        suggestion = {"title": document.title, "url": url}
        if archive is not None:
            suggestion["archive"] = archive["name"]
        elif origin is not None:  # a component body's page, in a province-wide search
            suggestion["body"] = origin["name"]
        suggestions.append(suggestion)
    return JsonResponse(
        {"suggestions": suggestions},
        headers={"Cache-Control": "public, max-age=300"},
    )
