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
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.db.models import Q
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from congthongtin.core import sitecache
from congthongtin.core.archives import archive_of_path, search_site_ids
from congthongtin.core.bodies import archive_site_ids, body_name, pages_in_sites, site_tree_paths
from congthongtin.core.listing import MAX_QUERY_LENGTH
from congthongtin.vietnam.documents import find_numbers, parse_number
from congthongtin.vietnam.fold import fold, fold_iy, iy_forms, strip_diacritics, telex

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
    #: The title holds every word searched (typed, or an administrative term the query's
    #: everyday words stand for): a candidate for the answer box.
    strong: bool = False
    #: Words of the query the row does not hold (a partial match), as typed.
    missing: tuple[str, ...] = ()

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
    #: Hits holding every content word of the query (before partial and added matches).
    strict: int = 0
    #: The corrected query the hits are for, when the query as typed found too little
    #: (shown as "Kết quả cho «…». Tìm chính xác «…»?"); "" otherwise.
    corrected: str = ""
    #: Administrative terms searched besides the words typed ("sổ đỏ" → "Giấy chứng nhận
    #: quyền sử dụng đất").
    terms: list[str] = field(default_factory=list)
    #: Words and terms to mark in the snippets.
    highlight: str = ""


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
    exactly accented rows match more fields and rank first. A word spelled with i or y
    where both are written ("kĩ"/"kỹ") is searched in both spellings (``iy_spellings``)."""
    variants = []
    for variant in (query, *iy_spellings(spaced(fold(query))), telex(query)):
        if variant and variant not in variants:
            variants.append(variant)
    combined = PlainText(variants[0], operator="and")
    for variant in variants[1:]:
        combined = combined | PlainText(variant, operator="and")
    return combined


def iy_spellings(folded: str) -> list[str]:
    """``folded`` as typed, with every i/y word (``vietnam.fold.iy_forms``) in i, and in y:
    at most three variants, however many such words the query has."""
    words = folded.split()
    forms = [iy_forms(word) for word in words]
    if all(len(form) == 1 for form in forms):
        return [folded]
    with_i = " ".join(form[0] for form in forms)
    with_y = " ".join(form[-1] for form in forms)
    return list(dict.fromkeys([folded, with_i, with_y]))


def small_scope(site) -> bool:
    """Whether ``site``'s search reads few enough rows to test each one
    (``postgres.SMALL_SCOPE_ROWS``): counted once per site and content version."""
    if site is None:
        return False

    def count() -> int:
        return base_queryset(site, Filters()).count()

    rows = sitecache.cached(sitecache.make_key("search-scope-rows", site.pk), count)
    return rows <= postgres.SMALL_SCOPE_ROWS


def base_queryset(site, filters: Filters):
    queryset = SearchDocument.objects.all()
    if site is not None:
        # The site's own pages (not those of a body nested in its tree), the pages of the
        # archives whose work it took over (Law 72/2025; labelled by the view), and, when
        # its board asks for it, its component bodies' (``search_scope``).
        queryset = queryset.filter(pages_in_sites(search_scope(site).site_ids, "path"))
    return filters.apply(queryset)


def run(
    query: str, site, filters: Filters, *, citizen: bool = True, exact: bool = False
) -> Outcome:
    """Ranked hits and facet counts; ``SearchUnavailable`` when the backend is down.

    ``citizen``: read the query as a citizen writes it (``search.citizen``): fillers weigh
    nothing, everyday words and former names add the administrative terms, a query whose
    words cannot all match ranks by the words that do, and a query that finds too little is
    corrected against the site's vocabulary. False: only the words typed (the search before
    issue 25, kept for the measure). ``exact``: no correction ("Tìm chính xác")."""
    try:
        return _run(query, site, filters, citizen, exact)
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error


#: Fewer hits holding every word than this, and partial matches are added: only when no
#: row holds every word, so a precise search is never padded with rows missing a word.
PARTIAL_BELOW = 1
#: Fewer rows holding every word typed than this, and the content words alone (fillers
#: left out) are searched too.
CONTENT_BELOW = 3
#: Results on a page of the search (``views.PER_PAGE``).
PER_PAGE = 10
#: Fewer hits holding every word than this, and the query is corrected (when it can be).
CORRECT_BELOW = 3
#: Rows read for one administrative term.
EXTRA_ROWS = 20
#: Candidates ranked for one administrative term (PostgreSQL).
EXTRA_CANDIDATES = 100
#: Searches for administrative terms at most per query (rewrites first, then terms alone).
MAX_EXTRA_SEARCHES = 3
#: Columns not read for the added rows, of which few are shown: their bodies are read for
#: the page shown only (``fill_bodies``).
LIGHT = ("body", "folded", "telex")


def _run(query: str, site, filters: Filters, citizen: bool = True, exact: bool = False):
    query = clean_query(query)
    if not fold(query):
        return Outcome()
    backend = get_search_backend()
    pg = stored_vectors(backend)
    scans = postgres.index_scans(SearchDocument.objects.db) if pg else nullcontext()
    with scans, postgres.row_scan(pg and small_scope(site)):
        scope = base_queryset(site, filters)
        found = _find(backend, query, site, scope, pg, citizen)
        if citizen and not exact and found.strict < CORRECT_BELOW:
            # Too little found: the query corrected is searched, and only the better of the
            # two goes on to the added matches and the facets (never both).
            from .citizen import correct

            correction = correct(
                query, site, held=lambda word: bool(match_ids(backend, word, scope, pg, 1))
            )
            if correction is not None:
                other = _find(backend, correction.display, site, scope, pg, citizen)
                if other.strict > found.strict:
                    outcome = _rank(backend, other, site, filters, pg)
                    outcome.corrected = correction.display
                    return outcome
        return _rank(backend, found, site, filters, pg)


@dataclass
class _Found:
    """What a query found holding every word (typed, or its content words when the typed
    ones found too little) and its document numbers: the first step of ``_run``."""

    reading: object  # citizen.Reading, or None for the words typed only
    text: str  # the text the ranked rows hold every word of
    stored: object  # postgres.Search of ``text`` on PostgreSQL, else None
    scope: object
    ranked: list
    exact: list

    @property
    def strict(self) -> int:
        return len({d.page_id or d.source for d in [*self.exact, *self.ranked]})


def _find(backend, query: str, site, scope, pg: bool, citizen: bool) -> _Found:
    from .citizen import read

    reading = read(query, site) if citizen else None
    text = query
    stored = postgres.Search(text) if pg else None
    ranked = ranked_rows(backend, text, scope, stored)
    if reading is not None and reading.content_query != query and len(ranked) < CONTENT_BELOW:
        # Few rows hold every word typed: the content words alone (fillers weigh nothing),
        # after the rows holding them all. A query whose words all match is searched as
        # typed: "của", "không", "có" belong to a phrase copied from a text.
        text = reading.content_query
        stored = postgres.Search(text) if pg else None
        seen_keys = {row.pk for row in ranked}
        more = ranked_rows(backend, text, scope, stored)
        ranked += [row for row in more if row.pk not in seen_keys]
    exact: list[SearchDocument] = []
    prefixes = number_prefixes(query)
    if prefixes and stored is not None:
        exact = postgres.exact_numbers(prefixes, scope, 20)
    elif prefixes:
        condition = Q()
        for prefix in prefixes:
            condition |= Q(number_keys__contains=f" {prefix}")
        exact = list(scope.filter(condition, anchor="")[:20])
    return _Found(reading, text, stored, scope, ranked, exact)


def _rank(backend, found: _Found, site, filters: Filters, pg: bool) -> Outcome:
    """The hits of ``found`` in tiers, the added matches of a citizen's query, the facets."""
    reading, text, stored, scope = found.reading, found.text, found.stored, found.scope
    ranked, exact = found.ranked, found.exact
    words = title_words(text)
    in_title = [holds(d, words) for d in ranked]
    typed_title = [d for d, held in zip(ranked, in_title, strict=True) if held]
    typed_other = [d for d, held in zip(ranked, in_title, strict=True) if not held]
    tiers: list[list[tuple[SearchDocument, bool, tuple[str, ...]]]] = [
        [(d, True, ()) for d in exact]
    ]
    if reading is not None:
        tiers.append([(d, True, ()) for d in typed_title])
    rewrite_title, term_title, extra_other, partial = [], [], [], []
    if reading is not None and len(typed_title) < PER_PAGE:
        # Until the first page is full of titles holding the typed words: the lexicon's
        # rewrites, then its terms alone, ``MAX_EXTRA_SEARCHES`` at most.
        extras = [*reading.rewrites, *reading.term_queries][:MAX_EXTRA_SEARCHES]
        checks = [(title_words(extra), extra in reading.rewrites) for extra in extras]
        firsts: dict[int, int] = {}
        for row in extra_rows(backend, extras, scope, pg):
            # A title holding a rewrite (all the typed words, the phrases replaced) is worth
            # more than one holding a term alone; among them, the lexicon's first term first.
            held = [i for i, (words_of, _rewrite) in enumerate(checks) if holds(row, words_of)]
            if not held:
                extra_other.append(row)
                continue
            firsts[row.pk] = held[0]
            if any(checks[i][1] for i in held):
                rewrite_title.append(row)
            else:
                term_title.append(row)
        rewrite_title.sort(key=lambda row: firsts[row.pk])  # stable: rank order within
        term_title.sort(key=lambda row: firsts[row.pk])

    if reading is not None and len(ranked) < PARTIAL_BELOW and len(reading.content) > 1:
        partial = partial_rows(backend, reading, scope, pg)
    if reading is None:  # the words typed only, in the backend's order (before issue 25)
        tiers.append([(d, held, ()) for d, held in zip(ranked, in_title, strict=True)])
    else:
        # A title holding the query with the lexicon's phrases replaced by their terms
        # ("kỳ họp hội đồng nhân dân xã" for "kỳ họp HĐND xã") says what a title holding
        # the typed words would; a title holding a term alone, less than the typed words
        # anywhere in a row, unless the query is nothing but the lexicon's phrases.
        tiers.append([(d, True, ()) for d in rewrite_title])
        typed_rest = [(d, False, ()) for d in typed_other]
        terms_rest = [(d, True, ()) for d in term_title]
        tiers += [typed_rest, terms_rest] if not reading.covered else [terms_rest, typed_rest]
        tiers.append([(d, False, missing) for d, missing in partial])
        tiers.append([(d, False, ()) for d in extra_other])
    hits: list[Hit] = []
    seen: set = set()
    for tier_number, tier in enumerate(tiers):
        for document, strong, missing in tier:
            key = document.page_id or document.source
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(document, tier_number == 0, strong=strong, missing=missing))
    hits = drop_unpublished(hits)
    if site is not None:
        scope_of_site = search_scope(site)
        for hit in hits:
            hit.origin = scope_of_site.origin(hit.document.path)
    # Without facet filters the ranked scope is the facets' scope: what the ranked search
    # read may already be every match.
    facets = facet_counts(backend, text, site, stored if not filters else None)
    terms = reading.terms if reading is not None else []
    return Outcome(
        hits=hits,
        facets=facets,
        strict=found.strict,
        terms=terms,
        highlight=" ".join([text, *terms]),
    )


def title_words(text: str) -> list[tuple[tuple[str, ...], str | None]]:
    """The words of ``text`` as a row's title is checked for them: (the folded spellings
    that count, ``iy_forms``; the Telex spelling when the word is typed with accents, else
    None). A word typed with accents must be in the title with the same accents ("bị" is
    not "bí" there)."""
    words = []
    for word in spaced(text).split():
        folded = fold(word)
        if not folded:
            continue
        plain = folded == word.lower() or any(char.isdigit() for char in word)
        words.append((iy_forms(folded), None if plain else telex(word.lower())))
    return words


def holds(document: SearchDocument, words: list[tuple[tuple[str, ...], str | None]]) -> bool:
    """Whether the row's title (and heading) holds every one of ``words`` (``title_words``)."""
    if not words:
        return False
    folded = set(document.folded_title.split())
    if not all(any(form in folded for form in forms) for forms, _exact in words):
        return False
    exact = [(forms, accented) for forms, accented in words if accented is not None]
    if not exact:
        return True
    return {accented for _forms, accented in exact} <= title_accents(document, exact)


def title_accents(document: SearchDocument, wanted) -> set[str]:
    """The Telex spellings in the row's title and heading of the words whose folded form is
    one of ``wanted``'s: only those words are spelled (a law's heading has dozens)."""
    text = f"{document.title} {document.heading}"
    folded = text.translate(_FOLD_TABLE)  # one character for one: positions line up
    pattern = _forms_pattern(frozenset(form for forms, _accented in wanted for form in forms))
    return {telex(text[m.start() : m.end()].lower()) for m in pattern.finditer(folded)}


@lru_cache(maxsize=256)
def _forms_pattern(forms: frozenset[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(forms))) + r")(?!\w)")


def extra_rows(backend, texts: list[str], scope, pg: bool) -> list[SearchDocument]:
    """The best rows of the lexicon's rewrites of a query, bodies not read: on PostgreSQL
    one search for all of them (``postgres.AnyTerms``), elsewhere one per rewrite."""
    if not texts:
        return []
    if pg:
        limit = EXTRA_ROWS * len(texts)
        return postgres.Search(texts).ranked(scope, EXTRA_CANDIDATES, limit, defer=LIGHT)
    rows, seen = [], set()
    for text in texts:
        for row in ranked_rows(backend, text, scope)[:EXTRA_ROWS]:
            if row.pk not in seen:
                seen.add(row.pk)
                rows.append(row)
    return rows


def fill_bodies(hits) -> None:
    """Read in one statement the bodies the rows of ``hits`` were read without (``LIGHT``),
    for their snippets."""
    light = [hit.document for hit in hits if "body" in hit.document.get_deferred_fields()]
    if not light:
        return
    bodies = dict(
        SearchDocument.objects.filter(pk__in=[d.pk for d in light]).values_list("pk", "body")
    )
    for document in light:
        document.body = bodies.get(document.pk, "")


#: Matches of one word read for the partial ranking.
PARTIAL_CANDIDATES = 300
#: Rows of the partial ranking read back.
PARTIAL_ROWS = 40
#: A word in the title counts this many times more in the partial ranking (besides once
#: for being in the row): the title says what a page is about, a long body holds everything.
TITLE_WEIGHT = 2.0


def match_ids(backend, word: str, scope, pg: bool, cap: int = PARTIAL_CANDIDATES) -> list[int]:
    """Ids of at most ``cap`` rows of ``scope`` that hold ``word`` (in any spelling)."""
    if pg:
        terms = postgres.Terms(word)
        if not terms:
            return []
        matches = scope.filter(postgres._match("text_vector", *terms.match_sql))
        return list(matches.values_list("id", flat=True)[:cap])
    return [row.pk for row in backend.search(search_query(word), scope.only("pk"))[:cap]]


def partial_rows(backend, reading, scope, pg: bool) -> list[tuple[SearchDocument, tuple]]:
    """(row, words it leaves out) of the rows holding some of the query's content words,
    holding more than half of them, best first: the weights (``vocabulary.weight``) of the
    words each row holds, and
    ``TITLE_WEIGHT`` times more for the words its title holds. Fillers never count; a word
    that no row holds weighs nothing. One read per word (the heaviest
    ``citizen.MAX_PARTIAL_WORDS``), one for the rows."""
    from .citizen import MAX_PARTIAL_WORDS

    words = sorted(
        zip(reading.content, reading.keys, strict=True),
        key=lambda item: -reading.weights.get(item[1], 1.0),
    )[:MAX_PARTIAL_WORDS]
    scores: dict[int, float] = {}
    held: dict[int, set[str]] = {}
    for surface, key in words:
        weight = reading.weights.get(key, 1.0)
        for pk in match_ids(backend, surface, scope, pg):
            scores[pk] = scores.get(pk, 0.0) + weight
            held.setdefault(pk, set()).add(surface)
    # A row must hold more than half of the words: "xyzzy khong co" finds nothing, not
    # every page with "có" in it.
    scores = {pk: score for pk, score in scores.items() if 2 * len(held[pk]) > len(words)}
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[: PARTIAL_ROWS * 3]
    rows = list(scope.model.objects.filter(pk__in=best).defer(*LIGHT))
    for row in rows:
        title = set(fold_iy(row.folded_title).split())
        bonus = TITLE_WEIGHT * sum(
            reading.weights.get(key, 1.0) for _s, key in words if key in title
        )
        row.partial_score = scores[row.pk] + bonus
    rows.sort(key=lambda row: (-row.partial_score, -row.pk))
    return [
        (row, tuple(surface for surface, _key in words if surface not in held[row.pk]))
        for row in rows[:PARTIAL_ROWS]
    ]


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
    words = [(forms, None) for forms, _exact in title_words(query)]
    rows.sort(  # stable: the backend's ranking orders within each group
        key=lambda d: (
            not holds(d, words),
            phrase is not None and not phrase.search(d.folded),
        )
    )
    return rows


def phrase_pattern(terms: list[str]) -> re.Pattern | None:
    """The folded words of a query of two words or more as one phrase, for the folded text."""
    if len(terms) < 2:
        return None
    parts = ["(?:" + "|".join(map(re.escape, iy_forms(term))) + ")" for term in terms]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)")


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
    patterns = [
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, iy_forms(term))) + r")(?!\w)")
        for term in terms
    ]
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
        # row (measured 28 against 37 ms median at 100,000 rows, 68 against 137 ms for the
        # province's site). A small site tests its own rows (``postgres.row_scan``): at a
        # province's 2.1 million rows the planner still took the shared GIN index for a
        # commune (p95 345–520 ms, 26–43 ms testing its rows; bench/PROVINCE.md §3).
        with postgres.row_scan(small_scope(site)):
            return postgres.suggestions(query, base_queryset(site, Filters()), limit)
    scope = base_queryset(site, Filters()).filter(anchor="")
    found = backend.autocomplete(spaced(fold(query)), scope)
    try:
        return list(found[:limit])
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
