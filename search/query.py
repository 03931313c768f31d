"""Vietnamese search over ``SearchDocument`` on any Wagtail backend.

- The query runs accented and folded at once: the accented form matches the original text
  (and ranks higher, matching more fields); the folded form matches the folded copy, so
  "dang ky ket hon", "đăng ký kết hôn" and "hoà"/"hòa" find the same rows.
- A query that is a document number ("42/2022/ND-CP", "NĐ 42/2022") puts the documents with
  that number first, whatever the text ranking says.
- Parts (articles of a legal document) compete with whole pages; each page appears once,
  at the rank of its best part, named and deep-linked.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from congthongtin.core import sitecache
from congthongtin.core.archives import archive_of_path, search_site_ids
from congthongtin.core.bodies import archive_site_ids, body_name, pages_in_sites, site_tree_paths
from congthongtin.core.listing import MAX_QUERY_LENGTH
from congthongtin.vietnam.documents import find_numbers, parse_number
from congthongtin.vietnam.fold import fold, strip_diacritics, telex

from . import postgres
from .indexing import spaced
from .models import SearchDocument


class SearchUnavailable(Exception):
    """The search backend (Elasticsearch/OpenSearch) cannot be reached or answered an error."""


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Connection and transport errors of the external backends' clients (when installed):
    a closed port, a timeout, a cluster that answers 5xx or has lost the index."""
    errors: list[type[BaseException]] = []
    try:
        import elastic_transport
        import elasticsearch

        errors += [elastic_transport.TransportError, elasticsearch.ApiError]
    except ImportError:  # pragma: no cover - installed with the project
        pass
    try:
        import opensearchpy

        errors.append(opensearchpy.exceptions.OpenSearchException)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


BACKEND_ERRORS = _transport_errors()


#: Ranked rows read to build one result list; pages beyond it are not shown.
MAX_RANKED_ROWS = 300
#: Whole-page rows counted for the facets.
MAX_FACET_ROWS = 5000
#: Matches ranked at most, where the backend would rank them all (``ranked_rows``).
MAX_RANK_CANDIDATES = 1000


@dataclass
class Filters:
    category: str = ""
    field: str = ""
    agency: str = ""
    year: int | None = None

    def __bool__(self) -> bool:
        return bool(self.category or self.field or self.agency or self.year)

    def apply(self, queryset):
        if self.category:
            queryset = queryset.filter(category=self.category)
        if self.field:
            # Search backends filter on whole values only (a "contains" on field_slugs was a
            # FilterFieldError, a 500, outside PostgreSQL): the field's documents are
            # selected in SQL and passed on by id.
            documents = SearchDocument.objects.filter(field_slugs__contains=f" {self.field} ")
            queryset = queryset.filter(id__in=documents.values_list("id", flat=True))
        if self.agency:
            queryset = queryset.filter(agency=self.agency)
        if self.year:
            queryset = queryset.filter(year=self.year)
        return queryset


@dataclass(frozen=True)
class Scope:
    """The sites one site's search looks in (``search_scope``)."""

    site_ids: frozenset[int]
    #: Site id → ``{"name", "root_url"}`` of each component body's site searched with the
    #: requesting one (``SearchSettings.search_component_sites``); empty when it is off.
    others: dict = field(default_factory=dict)

    def origin(self, path: str) -> dict | None:
        """The component body a row's page belongs to; None for the site's own pages (and
        for its archives', which ``Hit.archive`` labels)."""
        if not self.others:
            return None
        return self.others.get(site_id_of_path(path))


def site_id_of_path(path: str) -> int | None:
    """The site a treebeard path lies in: the most specific home page above it."""
    for root_path, site_id in site_tree_paths():
        if path.startswith(root_path):
            return site_id
    return None


def component_sites(site) -> list[int]:
    """The sites of the bodies under ``site``'s body (``core.Body.parent``, at any depth),
    nearest first. One query."""
    from congthongtin.core.models import Body

    children: dict[int, list[int]] = {}
    for site_id, parent_site_id in Body.objects.filter(parent__isnull=False).values_list(
        "site_id", "parent__site_id"
    ):
        children.setdefault(parent_site_id, []).append(site_id)
    found, queue, seen = [], [site.pk], {site.pk}
    while queue:
        for child in sorted(children.get(queue.pop(0), [])):
            if child not in seen:  # a loop in the parents is never followed twice
                seen.add(child)
                found.append(child)
                queue.append(child)
    return found


def search_scope(site) -> Scope:
    """The site's own pages and its archives' (``core.archives.search_site_ids``), and, when
    its board turns ``SearchSettings.search_component_sites`` on, those of every body under
    it with their archives. Cached per content version (saving a body or a setting bumps
    it): no query when warm."""
    from wagtail.models import Site

    from .models import SearchSettings

    def build():
        ids = set(search_site_ids(site))
        others = {}
        if SearchSettings.for_site(site).search_component_sites:
            components = component_sites(site)
            archived = archive_site_ids()
            for each in Site.objects.filter(pk__in=components).exclude(pk__in=archived):
                others[each.pk] = {"name": body_name(each), "root_url": each.root_url}
            for site_id in components:
                ids |= search_site_ids(Site(pk=site_id))
        return Scope(frozenset(ids), others)

    return sitecache.cached(sitecache.make_key("search-scope", site.pk), build)


@dataclass
class Hit:
    document: SearchDocument
    exact_number: bool = False
    #: ``Scope.origin``: the component body the row comes from, for a province-wide search.
    origin: dict | None = None

    @property
    def part(self) -> str:
        return self.document.heading if self.document.anchor else ""

    @cached_property
    def archive(self) -> dict | None:
        """The archive the row's page belongs to (``core.archives.archive_of_path``): the
        results label it "Lưu trữ" with the archive's name."""
        return archive_of_path(self.document.path)

    @property
    def url(self) -> str:
        return document_url(self.document, self.archive, self.origin)


def document_url(
    document: SearchDocument, archive: dict | None = None, origin: dict | None = None
) -> str:
    """The row's address; an archive's page, or a component body's, on its own host (a
    search on another site finds it, and it lives at its own address)."""
    url = document.url
    host = archive or origin
    if host is not None and url.startswith("/"):
        return host["root_url"] + url
    return url


@dataclass
class Outcome:
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


#: Anything but letters, digits and the separators of document numbers is dropped: quotes,
#: brackets and operators would otherwise reach the backends' query parsers.
_UNSAFE = re.compile(r"[^\w\s/.,-]|[\x00-\x1f\x7f]", re.UNICODE)


def clean_query(query: str | None) -> str:
    """The query without operators and control characters, its words kept; "" when no
    word is left: separators alone ("-", "/", "<->") are no query (on SQLite they reached
    FTS5 as an empty expression and the search answered 500)."""
    words = [
        word
        for word in _UNSAFE.sub(" ", (query or "")[: MAX_QUERY_LENGTH * 2]).split()
        if any(char.isalnum() for char in word)
    ]
    return " ".join(words)[:MAX_QUERY_LENGTH]


def search_query(query: str):
    """The query accented, folded and in Telex: every spelling finds the same rows, and the
    exactly accented rows match more fields and rank first."""
    variants = []
    for variant in (query, spaced(fold(query)), telex(query)):
        if variant and variant not in variants:
            variants.append(variant)
    combined = PlainText(variants[0], operator="and")
    for variant in variants[1:]:
        combined = combined | PlainText(variant, operator="and")
    return combined


def base_queryset(site, filters: Filters):
    queryset = SearchDocument.objects.all()
    if site is not None:
        # The site's own pages (not those of a body nested in its tree), the pages of the
        # archives whose work it took over (Law 72/2025; labelled by the view), and, when
        # its board asks for it, its component bodies' (``search_scope``).
        queryset = queryset.filter(pages_in_sites(search_scope(site).site_ids, "path"))
    return filters.apply(queryset)


def run(query: str, site, filters: Filters) -> Outcome:
    """Ranked hits and facet counts; ``SearchUnavailable`` when the backend is down."""
    try:
        return _run(query, site, filters)
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error


def _run(query: str, site, filters: Filters) -> Outcome:
    query = clean_query(query)
    if not fold(query):
        return Outcome()
    backend = get_search_backend()
    if stored_vectors(backend):
        with postgres.index_scans(SearchDocument.objects.db):
            return _search(backend, query, site, filters, postgres.Search(query))
    return _search(backend, query, site, filters, None)


def _search(backend, query: str, site, filters: Filters, stored) -> Outcome:
    scope = base_queryset(site, filters)
    ranked = ranked_rows(backend, query, scope, stored)
    exact: list[SearchDocument] = []
    prefixes = number_prefixes(query)
    if prefixes and stored is not None:
        exact = postgres.exact_numbers(prefixes, scope, 20)
    elif prefixes:
        condition = Q()
        for prefix in prefixes:
            condition |= Q(number_keys__contains=f" {prefix}")
        exact = list(scope.filter(condition, anchor="")[:20])
    hits: list[Hit] = []
    seen: set = set()
    for document, is_exact in [*((d, True) for d in exact), *((d, False) for d in ranked)]:
        key = document.page_id or document.source
        if key in seen:
            continue
        seen.add(key)
        hits.append(Hit(document, is_exact))
    hits = drop_unpublished(hits)
    if site is not None:
        scope = search_scope(site)
        for hit in hits:
            hit.origin = scope.origin(hit.document.path)
    # Without facet filters the ranked scope is the facets' scope: what the ranked search
    # read may already be every match.
    facets = facet_counts(backend, query, site, stored if not filters else None)
    return Outcome(hits=hits, facets=facets)


def stored_vectors(backend) -> bool:
    """Whether ``backend`` is modelsearch's PostgreSQL backend, whose own search ranks every
    match (``ts_rank`` per match, seconds for a broad query at 100,000 rows): there the
    stored vectors of migration 0003 are queried instead (``congthongtin.search.postgres``).
    Elasticsearch/OpenSearch and the SQLite backend (one FTS5 pass) rank top-k themselves."""
    try:
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    except ImportError:  # pragma: no cover - without psycopg
        return False
    return isinstance(backend, PostgresSearchBackend)


def ranked_rows(backend, query: str, scope, stored=None) -> list[SearchDocument]:
    """At most ``MAX_RANKED_ROWS`` rows, best first.

    Rows whose title holds every word of the query come first, then rows holding the words
    as one phrase, then the backend's relevance order, so every backend puts title matches
    on top and the exact phrase before scattered words. On PostgreSQL at most
    ``MAX_RANK_CANDIDATES`` matches are ranked (``congthongtin.search.postgres.Search.ranked``).
    """
    if stored_vectors(backend):
        stored = stored or postgres.Search(query)
        return stored.ranked(scope, MAX_RANK_CANDIDATES, MAX_RANKED_ROWS)
    rows = list(backend.search(search_query(query), scope)[:MAX_RANKED_ROWS])
    terms = spaced(fold(query)).split()
    phrase = phrase_pattern(terms)
    rows.sort(  # stable: the backend's ranking orders within each group
        key=lambda d: (
            not all(term in d.folded_title.split() for term in terms),
            phrase is not None and not phrase.search(d.folded),
        )
    )
    return rows


def phrase_pattern(terms: list[str]) -> re.Pattern | None:
    """The folded words of a query of two words or more as one phrase, for the folded text."""
    if len(terms) < 2:
        return None
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, terms)) + r"(?!\w)")


_NUMBER_YEAR = re.compile(r"(\d+)\s*/\s*(\d{4})")
#: Other identifiers pasted as they are written: a procedure code "1.001193", "12-HD/TU".
_CODE = re.compile(r"(?<![\w./-])\d+(?:[./-][0-9a-z]+)+(?![\w./-])")


def number_prefixes(query: str) -> list[str]:
    """Keys (or key prefixes) of the document numbers in a query, however typed:
    "42/2022/ND-CP", "42/2022/nđ-cp" → "42/2022/nd-cp"; "NĐ 42/2022" → "42/2022/"; and
    identifiers such as procedure codes as typed ("thủ tục 1.001193" → "1.001193")."""
    folded = fold(query).upper()
    keys = []
    whole = parse_number(folded)
    if whole is not None:
        keys.append(whole.search_key)
    keys.extend(number.search_key for _start, _end, number in find_numbers(folded))
    if not keys:
        keys = [f"{num}/{year}/" for num, year in _NUMBER_YEAR.findall(folded)]
    keys.extend(
        code for code in _CODE.findall(fold(query)) if not any(k.startswith(code) for k in keys)
    )
    return list(dict.fromkeys(keys))


def drop_unpublished(hits: list[Hit]) -> list[Hit]:
    """A safety net behind the index: never show a page that is no longer live."""
    page_ids = {hit.document.page_id for hit in hits if hit.document.page_id}
    live = set(Page.objects.filter(pk__in=page_ids, live=True).values_list("pk", flat=True))
    return [hit for hit in hits if not hit.document.page_id or hit.document.page_id in live]


def facet_counts(backend, query: str, site, stored=None) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value of the pages the query finds, before the facets are applied
    (at most ``MAX_FACET_ROWS`` pages are counted). ``stored``: the ``postgres.Search`` that
    ranked the same scope, whose candidates are reused when they were every match (and whose
    terms otherwise)."""
    whole = base_queryset(site, Filters()).filter(anchor="")
    if stored_vectors(backend):
        if stored is not None and stored.candidate_facets is not None:
            return count_facets(stored.candidate_facets)
        stored = stored or postgres.Search(query)
        return count_facets(stored.facet_rows(whole, MAX_FACET_ROWS))
    found = backend.search(search_query(query), whole.only("id"), order_by_relevance=False)
    ids = [document.pk for document in found[:MAX_FACET_ROWS]]
    rows = SearchDocument.objects.filter(pk__in=ids)
    return count_facets(rows.values_list(*postgres.FACET_COLUMNS))


def count_facets(rows) -> dict[str, list[tuple]]:
    """Facet counts of ``postgres.FACET_COLUMNS`` rows, read once: most
    frequent first (years newest first), ties in value order."""
    counters: dict[str, Counter] = {name: Counter() for name in ("category", "agency", "year")}
    fields: Counter = Counter()
    for category, agency, year, field_slugs in rows:
        if category:
            counters["category"][category] += 1
        if agency:
            counters["agency"][agency] += 1
        if year is not None:
            counters["year"][year] += 1
        fields.update(set(field_slugs.split()))

    def by_count(counter: Counter) -> list[tuple]:
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

    return {
        "category": by_count(counters["category"]),
        "agency": by_count(counters["agency"]),
        "year": sorted(counters["year"].items(), reverse=True),
        "field": by_count(fields),
    }


# Highlighting ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def _fold_char(char: str) -> str:
    folded = strip_diacritics(char).lower()
    return folded if len(folded) == 1 else char.lower()


class _FoldTable(dict):
    """``str.translate`` table folding one character to one character, filled on first use:
    the folded text lines up with the original index for index, and a 500,000-character law
    is folded at C speed (700 ms character by character in Python, measured)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _fold_char(char)
        self[code] = value = folded if len(folded) == 1 else char
        return value


_FOLD_TABLE = _FoldTable()


def snippet(text: str, query: str, width: int = 240) -> str:
    """HTML: a window of ``text`` around the first matched word, matched words in <mark>.

    Matching is on folded characters, one for one with the original, so "dang ky" marks
    "đăng ký" in the text as typed by the editor. Only the window is searched for the words
    to mark, so a long document costs one search per word.
    """
    text = " ".join((text or "").split())
    terms = {t for t in _WORD.findall(fold(query)) if len(t) > 1 or t.isdigit()}
    if not text:
        return ""
    folded = text.translate(_FOLD_TABLE)
    patterns = [re.compile(rf"(?<!\w){re.escape(term)}(?!\w)") for term in terms]
    firsts = [found.start() for pattern in patterns if (found := pattern.search(folded))]
    start = max(0, min(firsts) - width // 3) if firsts else 0
    end = min(len(text), start + width)
    # One character past the window, so a word cut by its end is not taken for a match.
    stop = min(len(folded), end + 1)
    spans = sorted(
        (m.start(), m.end()) for pattern in patterns for m in pattern.finditer(folded, start, stop)
    )
    pieces, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        pieces.append(html.escape(text[cursor:s]))
        pieces.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    pieces.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(pieces) + suffix


def suggestions(query: str, site, limit: int = 8) -> list[SearchDocument]:
    """Autocomplete on titles and numbers, folded: the same hits with or without accents."""
    query = clean_query(query)
    if len(fold(query)) < 2:
        return []
    backend = get_search_backend()
    if stored_vectors(backend):
        # The prefix words on ``title_vector`` (congthongtin.search.postgres.suggestions,
        # which keeps the whole pages): modelsearch's index of these rows is not kept on
        # PostgreSQL. Not in ``index_scans``: ``title_vector`` is small and stored in the
        # row, so the planner's choice between its GIN index and the site's ``path`` range
        # is sound (a commune's few hundred rows are read by path; measured 28 against 37 ms
        # median at 100,000 rows, 68 against 137 ms for the province's site).
        return postgres.suggestions(query, base_queryset(site, Filters()), limit)
    scope = base_queryset(site, Filters()).filter(anchor="")
    found = backend.autocomplete(spaced(fold(query)), scope)
    try:
        return list(found[:limit])
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
