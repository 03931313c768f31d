"""SQLite FTS5: the stock ranking, computed once per match instead of once per candidate.

modelsearch's ``SQLiteSearchQueryCompiler.search`` orders the model's rows by a correlated
sub-query, ``(SELECT bm25(...) FROM fts ... WHERE fts MATCH q AND object_id = outer.pk
LIMIT 1)``: SQLite runs the full-text MATCH again for every candidate row, so a query that
matches n rows costs about n full-text searches (450–785 ms at 2.7k documents measured,
against ~1 ms for one ``ORDER BY bm25``). Here the same score expression (``bm25()`` times
the title norm, plus ``bm25()``) is read in one pass for every match the queryset's filters
allow, the order (score, then ``-pk``, as upstream) is applied in Python and the page of rows
wanted is read by primary key: the same results in the same order, two statements whose cost
does not multiply with the number of matches.
Only relevance-ordered searches and autocompletes change; unordered searches (facets),
negated queries and ``annotate_score`` run as upstream.
"""

from __future__ import annotations

from django.db.models import CharField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class OnePassRanking:
    """Mix-in for modelsearch's SQLite query compilers (search and autocomplete)."""

    def scored_matches(self, config):
        """``(object_id, score)`` of every match in one FTS5 pass, or None when the query is
        not a plain ranked match (MatchAll, a negation)."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        rank = self._build_rank_expression(self.get_search_vectors(), config)
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=content_types)
            .annotate(score=rank)
            .values_list("index_entry__object_id", "score")
        )


class PortalSQLiteSearchQueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
    pass


class PortalSQLiteAutocompleteQueryCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
    pass


class PortalSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        if (
            not isinstance(compiler, OnePassRanking)
            or not compiler.order_by_relevance
            or self._score_field is not None
        ):
            return super()._do_search()
        matches = compiler.scored_matches(compiler.get_config(self.backend))
        if matches is None:
            return super()._do_search()
        queryset = compiler.queryset
        # The queryset's own filters (site, facets) restrict the matches in the same
        # statement; object ids are text in the index table.
        allowed = queryset.order_by().annotate(_text_pk=Cast("pk", CharField()))
        matches = matches.filter(index_entry__object_id__in=allowed.values("_text_pk"))
        to_pk = queryset.model._meta.pk.to_python
        scores = {to_pk(object_id): score for object_id, score in matches}
        ranked = sorted(scores, key=lambda pk: (scores[pk], _desc(pk)))
        wanted = ranked[self.start : self.stop]
        if not wanted:
            return []
        found = queryset.in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found]


def _desc(pk):
    """``-pk`` for any orderable key (integer ids negate; other keys sort reversed)."""
    return -pk if isinstance(pk, int) else _Reversed(pk)


class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __eq__(self, other):
        return self.value == other.value


class PortalSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = PortalSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = PortalSQLiteAutocompleteQueryCompiler
    results_class = PortalSQLiteSearchResults


SearchBackend = PortalSQLiteSearchBackend
