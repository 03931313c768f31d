"""PostgreSQL: search on the stored vectors of ``SearchDocument`` (migration 0003).

modelsearch's PostgreSQL backend builds ``title || body`` for every row it reads and ranks
every match before its LIMIT: 2.8 s p95 at 100,000 rows even with a GIN index on that
expression and a bounded candidate set (bench/SEARCH_RESULTS.md). Here each question is one
statement on ``portal_search_searchdocument`` answered from a GIN index on a column that is
already a ``tsvector``:

- ``ranked``: the rows whose title holds every word are read first (``title_vector``, up to
  ``cap``); when they are ``cap`` or more (a broad query), they are the candidates. Else (in
  the same statement) the matches are read unordered up to ``cap`` + 1. When there are no
  more than ``cap``, exactly those are ranked — the same set as ranking every match. When
  there are more, the title rows come first, then the first other matches; then one
  statement orders that set:
  title holds every word, then the words as one phrase, then every word exactly accented,
  then the score (``ts_rank_cd`` / ``ts_rank``).
- ``exact_numbers``: document numbers as prefix lookups of whole number lexemes.
- ``facet_rows``: the facet columns of up to ``limit`` whole-page matches, in one read.
- ``suggestions``: the search box's suggestions, every word of the query a prefix of a word
  of ``title_vector`` (the folded title and numbers), ordered within a bounded candidate set.

The query is folded (``vietnam.fold``) and in Telex: the folded words match the folded copy
of every spelling; the Telex words match only exactly accented text and add to the rank.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from congthongtin.vietnam.fold import fold, iy_forms, telex

from .indexing import spaced

#: Words as PostgreSQL's parser reads the folded text (letters and digits; "_" separates).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: Characters of a canonical number key ("42/2022/nd-cp", "541/qd-ubnd").
_NUMBER_KEY = re.compile(r"^[a-z0-9/.\-]+$")
#: Queries of up to this many distinct words are ranked by ``ts_rank_cd`` (cover density:
#: the words close together score higher); longer ones by ``ts_rank`` over any of the words.
#: Both costs grow with the words of the query where they are all required (``&``): for 356
#: rows and 17 words, ``ts_rank_cd`` 27 ms, ``ts_rank`` 34 ms; ``ts_rank`` over the words
#: joined by ``|`` (linear) 2 ms. Every candidate holds every word anyway.
COVER_DENSITY_WORDS = 6
#: ``ts_rank`` normalization 1 divides by 1 + log(length of the vector), so a whole code of
#: 500,000 characters does not outrank the article that holds the words.
NORMALIZATION = 1


def words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def lexeme(term: str) -> str:
    """One word of a tsquery: its i/y spellings as alternatives ("(ki | ky)")."""
    forms = iy_forms(term)
    return term if len(forms) == 1 else "(" + " | ".join(forms) + ")"


def all_of(terms: list[str]) -> str:
    """tsquery text (for ``to_tsquery('simple', …)``) requiring every word once, a word
    spelled with i or y in either spelling."""
    return " & ".join(lexeme(term) for term in dict.fromkeys(terms))


def any_of(terms: list[str]) -> str:
    return " | ".join(form for term in dict.fromkeys(terms) for form in iy_forms(term))


class Terms:
    """The query's words, folded and in Telex."""

    def __init__(self, query: str):
        self.folded = words(spaced(fold(query)))
        telex_words = words(telex(query))
        self.telex = telex_words if telex_words != self.folded else []

    def __bool__(self) -> bool:
        return bool(self.folded)

    @property
    def match_sql(self) -> tuple[str, list[str]]:
        """Folded words, or the Telex words (a query typed in Telex finds the same rows)."""
        texts = [all_of(self.folded)] + ([all_of(self.telex)] if self.telex else [])
        sql = " || ".join("to_tsquery('simple', %s)" for _ in texts)
        return f"({sql})", texts

    @property
    def rank_sql(self) -> tuple[str, list[str]]:
        """Relevance on the folded words; the Telex words (exact accents) add to it."""
        rank = "ts_rank(text_vector, to_tsquery('simple', %s), {n})"
        if len(set(self.folded)) <= COVER_DENSITY_WORDS:
            sql, params = rank.replace("ts_rank", "ts_rank_cd"), [all_of(self.folded)]
        else:
            sql, params = rank, [any_of(self.folded)]
        if self.telex:
            sql += " + " + rank
            params.append(any_of(self.telex))
        return sql.format(n=NORMALIZATION), params

    def phrase(self) -> str | None:
        return " <-> ".join(map(lexeme, self.folded)) if len(self.folded) > 1 else None

    @property
    def title_query(self) -> str:
        """tsquery text a title holding every folded word matches."""
        return all_of(self.folded)


class AnyTerms(Terms):
    """Several queries at once (the lexicon's rewrites of one query): a row matches when it
    holds every word of one of them; ranked on all their words (``ts_rank`` over any)."""

    def __init__(self, queries: list[str]):
        self.alternatives = [Terms(query) for query in queries]
        self.alternatives = [terms for terms in self.alternatives if terms]
        self.folded = [word for terms in self.alternatives for word in terms.folded]
        self.telex = []

    @property
    def match_sql(self) -> tuple[str, list[str]]:
        sql = " || ".join("to_tsquery('simple', %s)" for _ in self.alternatives)
        return f"({sql})", [all_of(terms.folded) for terms in self.alternatives]

    @property
    def rank_sql(self) -> tuple[str, list[str]]:
        sql = f"ts_rank(text_vector, to_tsquery('simple', %s), {NORMALIZATION})"
        return sql, [any_of(self.folded)]

    def phrase(self) -> str | None:
        return None

    @property
    def title_query(self) -> str:
        return " | ".join(f"({all_of(terms.folded)})" for terms in self.alternatives)


#: A search scope of at most this many rows (a commune's site) is searched by reading its
#: rows (the ``path`` index) and testing each vector, not through the GIN indexes: those hold
#: every site's rows, and a common word's posting list over a province (40,913 titles hold
#: "quyền sử dụng" among 2.1 million rows: 40 ms) costs more than testing a commune's 2,293
#: rows (1–15 ms). bench/PROVINCE.md §3.
SMALL_SCOPE_ROWS = 8000
_row_scan: ContextVar[bool] = ContextVar("search_row_scan", default=False)


@contextmanager
def row_scan(enabled: bool = True):
    """Inside, the statements built here test each row's vector instead of using the GIN
    indexes (``SMALL_SCOPE_ROWS``)."""
    token = _row_scan.set(enabled)
    try:
        yield
    finally:
        _row_scan.reset(token)


def _vector(column: str) -> str:
    # A copy of the vector is no indexed expression: the planner cannot take it to the GIN
    # index and reads the scope's rows by ``path``.
    return f"({column} || ''::tsvector)" if _row_scan.get() else column


def _match(column: str, tsquery_sql: str, params: list) -> RawSQL:
    return RawSQL(f"{_vector(column)} @@ {tsquery_sql}", params, output_field=BooleanField())


#: Columns read with the candidates: enough to count the facets when they are all the matches.
FACET_COLUMNS = ("category", "agency", "year", "field_slugs")


#: ``work_mem`` of a search's transaction: the bitmap of a broad word's matches stays exact.
#: At PostgreSQL's default (4 MB) the bitmap of "quyền" over a province's 2 million rows
#: (a million matches) turns lossy, and every row of a lossy page is checked again by reading
#: its vector out of TOAST (bench/PROVINCE.md §3).
WORK_MEM = "64MB"


@contextmanager
def index_scans(using: str = "default"):
    """Statements inside read matches from the GIN indexes, never by a sequential scan, with
    ``WORK_MEM`` for their bitmaps.

    With a ``LIMIT``, PostgreSQL's planner reads the table sequentially and stops after
    enough matches when it estimates that many rows match ("quyền": 64,574 of 100,000), but
    its cost model does not count reading each row's vector out of TOAST to test it: 26 ms
    for 7,400 rows read against 5 ms from the index for "thời hiệu", 83 ms against 30 ms for
    the facet rows of "quyền" (bench/SEARCH_RESULTS.md). ``enable_seqscan`` and ``work_mem``
    are set for this transaction only (``set_config(…, true)``) and put back as they were at
    the end, so an enclosing transaction keeps its own settings.
    """
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            "WITH s AS MATERIALIZED (SELECT current_setting('enable_seqscan') AS was, "
            "current_setting('work_mem') AS memory) "
            "SELECT was, memory, set_config('enable_seqscan', 'off', true), "
            "set_config('work_mem', %s, true) FROM s",
            [WORK_MEM],
        )
        was, memory = cursor.fetchone()[:2]
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('enable_seqscan', %s, true), set_config('work_mem', %s, true)",
                [was, memory],
            )


class Search:
    """One query on the stored vectors: its ranked rows, then (reusing what it read) the
    facet rows. Run inside ``index_scans()``."""

    def __init__(self, query: str | list[str]):
        self.terms = Terms(query) if isinstance(query, str) else AnyTerms(query)
        #: Facet columns of every whole-page match, when the candidates were all the matches.
        self.candidate_facets: list[tuple] | None = None

    def ranked(self, scope, cap: int, limit: int, defer=("folded", "telex")) -> list:
        """At most ``limit`` rows of ``scope`` best first, from at most ``cap`` candidates;
        ``defer``: the columns not read (the body too for rows few of which are shown)."""
        terms = self.terms
        if not terms:
            return []
        in_title = _match("title_vector", "to_tsquery('simple', %s)", [terms.title_query])
        title_ids, found = self._candidates(scope, in_title, cap)
        if found is None:  # the titles fill the candidates
            ids = title_ids
        else:
            ids = [row[0] for row in found]
            if len(ids) > cap:
                chosen = set(title_ids)
                ids = (title_ids + [pk for pk in ids if pk not in chosen])[:cap]
            else:
                self.candidate_facets = [row[2:] for row in found if not row[1]]
        if not ids:
            return []
        rank_sql, rank_params = terms.rank_sql
        rows = scope.model.objects.filter(pk__in=ids).defer(*defer)
        rows = rows.annotate(
            in_title=in_title, rank=RawSQL(rank_sql, rank_params, output_field=FloatField())
        )
        # Title holding every word, then the words as one phrase, then (for an accented
        # query) every word with its exact accents, then the score.
        keys = {}
        phrase = terms.phrase()
        if phrase:
            keys["as_phrase"] = _match("text_vector", "to_tsquery('simple', %s)", [phrase])
        if terms.telex:
            keys["accents"] = _match(
                "text_vector", "to_tsquery('simple', %s)", [all_of(terms.telex)]
            )
        rows = rows.annotate(**keys)
        order = ["-in_title", *(f"-{key}" for key in keys), "-rank", "-pk"]
        return list(rows.order_by(*order)[:limit])

    def _candidates(self, scope, in_title, cap: int) -> tuple[list[int], list[tuple] | None]:
        """In one statement: the ids of up to ``cap`` rows whose title holds every folded
        word (a subset of the matches: ``text_vector`` holds the title too, read from the
        small title index alone), then, only when they are fewer than ``cap``, up to
        ``cap`` + 1 matches with their facet columns (None otherwise). A broad query
        ("quyền" in a province's titles) thus never builds the bitmap of every match (a
        million rows over a province's sites): the second part sits under a one-time
        filter on the count of the first, which PostgreSQL evaluates before reading it."""
        titles = scope.filter(in_title).values_list("id", flat=True)[:cap]
        matches = scope.filter(_match("text_vector", *self.terms.match_sql))
        matches = matches.values_list("id", "anchor", *FACET_COLUMNS)[: cap + 1]
        titles_sql, titles_params = titles.query.sql_with_params()
        matches_sql, matches_params = matches.query.sql_with_params()
        empty = ", ".join(["NULL"] * (1 + len(FACET_COLUMNS)))
        sql = (
            f"WITH titles AS MATERIALIZED ({titles_sql}) "
            f"SELECT true, titles.id, {empty} FROM titles "
            f"UNION ALL SELECT false, matches.* FROM ({matches_sql}) AS matches "
            "WHERE (SELECT count(*) FROM titles) < %s"
        )
        with connections[scope.db].cursor() as cursor:
            cursor.execute(sql, [*titles_params, *matches_params, cap])
            rows = cursor.fetchall()
        title_ids = [row[1] for row in rows if row[0]]
        if len(title_ids) >= cap:
            return title_ids, None
        return title_ids, [row[1:] for row in rows if not row[0]]

    def facet_rows(self, whole, limit: int) -> list[tuple]:
        """``FACET_COLUMNS`` of at most ``limit`` matches in ``whole`` (whole pages)."""
        if not self.terms:
            return []
        matches = whole.filter(_match("text_vector", *self.terms.match_sql))
        return list(matches.values_list(*FACET_COLUMNS)[:limit])


def number_query(keys: list[str]) -> str | None:
    """A tsquery text finding number lexemes that start with any of ``keys``."""
    safe = [key for key in keys if _NUMBER_KEY.match(key)]
    if not safe:
        return None
    return " | ".join(f"'{key}':*" for key in safe)


def exact_numbers(keys: list[str], scope, limit: int) -> list:
    """Whole pages with a document number starting with one of ``keys`` (canonical, folded)."""
    text = number_query(keys)
    if text is None:
        return []
    return list(scope.filter(_match("title_vector", "%s::tsquery", [text]), anchor="")[:limit])


#: Whole-page matches ordered at most for one list of suggestions; when a short prefix
#: ("qu", "d") matches more, the titles that start with the query are taken first.
SUGGEST_CANDIDATES = 500


def prefix_query(terms: list[str]) -> str:
    """tsquery text: every word a prefix ("quyen:* & su:* & d:*")."""
    return " & ".join(f"{term}:*" for term in dict.fromkeys(terms))


def suggestions(query: str, scope, limit: int, cap: int = SUGGEST_CANDIDATES) -> list:
    """At most ``limit`` rows of ``scope`` whose ``title_vector`` has a word starting with
    each word of the query, folded: the same rows with and without accents, a document
    number by its first parts ("42/2022" finds 42/2022/NĐ-CP). Ordered: the title starts
    with the query, then ``ts_rank``, then the shorter title.

    This replaces modelsearch's autocomplete, which ranks every match of its own index
    table (1.16 GB at 100,000 rows, no longer written on PostgreSQL: ``search.backends``).
    """
    terms = words(spaced(fold(query)))
    if not terms:
        return []
    text = prefix_query(terms)
    match = _match("title_vector", "to_tsquery('simple', %s)", [text])
    longer = [term for term in terms if len(term) > 1]
    if longer and len(longer) < len(terms) and not _row_scan.get():
        # A one-letter prefix ("d:*") is every lexeme starting with that letter: 78 ms of
        # GIN reading at 100,000 rows against ~1 ms for "hop:*". The index answers the
        # longer words; the whole query is checked on those rows (a copy of the vector is
        # no indexed expression, so the planner cannot take it to the index).
        match = RawSQL(
            "title_vector @@ to_tsquery('simple', %s) "
            "AND (title_vector || ''::tsvector) @@ to_tsquery('simple', %s)",
            [prefix_query(longer), text],
            output_field=BooleanField(),
        )
    # Whole pages: ``length(anchor) = 0``, not ``anchor = ''``, which the planner would AND
    # with a bitmap of a third of the table read from the (page, anchor) index.
    scope = scope.filter(RawSQL("length(anchor) = 0", [], output_field=BooleanField()))
    ids = list(scope.filter(match).values_list("id", flat=True)[: cap + 1])
    start = " ".join(terms)
    if len(ids) > cap:
        leading = list(
            scope.filter(match, folded_title__startswith=start).values_list("id", flat=True)[:cap]
        )
        chosen = set(leading)
        ids = (leading + [pk for pk in ids if pk not in chosen])[:cap]
    if not ids:
        return []
    rows = scope.model.objects.filter(pk__in=ids).only(
        "id", "page_id", "source", "path", "anchor", "title", "url", "folded_title"
    )
    rows = rows.annotate(
        leading=ExpressionWrapper(Q(folded_title__startswith=start), BooleanField()),
        rank=RawSQL(
            f"ts_rank(title_vector, to_tsquery('simple', %s), {NORMALIZATION})",
            [text],
            output_field=FloatField(),
        ),
        title_length=Length("title"),
    )
    return list(rows.order_by("-leading", "-rank", "title_length", "-pk")[:limit])
