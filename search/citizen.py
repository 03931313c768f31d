"""A citizen's query read before it is searched (issue 25).

:func:`read` splits a query into the words that carry meaning and the fillers around them
(``vietnam.everyday``: "xin", "thủ tục", "như thế nào", "ở đâu" weigh nothing), finds the
site's lexicon entries in it (everyday words, former names, abbreviations: ``lexicon_for``)
and says what to search besides the words typed:

- ``content_query``: the content words as typed (accents kept, so an exactly accented match
  still ranks first); the query itself when it has no filler;
- ``rewrites``: the content with an entry's phrase replaced by each of its administrative
  terms ("làm sổ đỏ lần đầu" → "Giấy chứng nhận quyền sử dụng đất lần đầu"); these rank
  below what the typed words find (``EXPANSION_WEIGHT``);
- ``weights``: how much each content word says (``vocabulary.weight``), for the partial
  ranking when no row holds every word (``query.partial_rows``);
- ``covered``: whether the lexicon's phrases cover every content word, so an
  administrative term in a title says as much as the typed words would.

:func:`correct` is the speller's correction of a query against the site's vocabulary
(``search.vocabulary``), or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from congthongtin.vietnam.everyday import Lexicon
from congthongtin.vietnam.fold import search_key, search_words
from congthongtin.vietnam.spelling import Correction, telex_readings

from .lexicon import lexicon_for
from .vocabulary import vocabulary_for, weight

#: A word as typed: what ``vietnam.fold.SEARCH_WORD`` reads, before folding.
_SURFACE = re.compile(r"[^\W_]+(?:[/.-][^\W_]+)*", re.UNICODE)
#: Administrative terms searched at most for one query.
MAX_REWRITES = 4
#: Words at most of a query the speller corrects (each changed word costs one lookup).
MAX_CORRECTED_WORDS = 8
#: Content words at most read for the partial ranking (the heaviest are kept).
MAX_PARTIAL_WORDS = 6


@dataclass
class Reading:
    query: str
    #: The content words as typed, in order.
    content: list[str]
    #: Their search keys (folded, i/y folded), in order.
    keys: list[str]
    #: Whether the lexicon's phrases cover every content word.
    covered: bool = False
    rewrites: list[str] = field(default_factory=list)
    #: The administrative terms alone, when the query has words besides the lexicon's
    #: phrases (a title holding the term is a weaker match than one holding the rewrite).
    term_queries: list[str] = field(default_factory=list)
    #: The administrative terms added (for the results' "also searched" line).
    terms: list[str] = field(default_factory=list)
    #: Weight of each content key (``vocabulary.weight``).
    weights: dict[str, float] = field(default_factory=dict)
    #: Words typed (fillers included).
    typed_words: int = 0

    @property
    def content_query(self) -> str:
        """The content words as typed; the query itself when every word is content."""
        if self.content and len(self.content) < self.typed_words:
            return " ".join(self.content)
        return self.query


def surfaces(query: str) -> list[str] | None:
    """The words of ``query`` as typed, one per search key; None when they do not line up."""
    typed = _SURFACE.findall(query)
    for word in typed:
        if len(search_words(word)) != 1:
            return None
    return typed


def read(query: str, site, lexicon: Lexicon | None = None) -> Reading:
    lexicon = lexicon if lexicon is not None else lexicon_for(site)
    vocabulary = vocabulary_for(site)

    def usual(key: str) -> str | None:
        """The site's usual spelling of a word typed without accents."""
        return vocabulary.surface(key) if key in vocabulary.counts else None

    analysis = lexicon.analyse(query, usual=usual)
    typed = surfaces(query)
    if typed is None or len(typed) != len(analysis.typed):
        # A word the search keys split differently: no filler is left out.
        return Reading(query, [query], [" ".join(analysis.typed)], typed_words=1)
    content_keys = set(analysis.content)
    content_index = [i for i, key in enumerate(analysis.typed) if key in content_keys]
    content = [typed[i] for i in content_index]
    keys = [analysis.typed[i] for i in content_index]
    reading = Reading(query, content, keys, typed_words=len(typed))
    # Spans of the entries found, on the typed words.
    spans = lexicon.spans(list(analysis.typed))
    in_span = {i for _entry, start, end in spans for i in range(start, end)}
    reading.covered = bool(spans) and all(i in in_span for i in content_index)
    content_set = set(content_index)

    def rewrite(choice: dict[int, str]) -> str:
        """The content words with each span replaced by its chosen term."""
        out, i = [], 0
        starts = {start: (end, choice[start]) for _entry, start, end in spans}
        while i < len(typed):
            if i in starts:
                end, term = starts[i]
                out.append(term)
                i = end
                continue
            if i in content_set:
                out.append(typed[i])
            i += 1
        return " ".join(out)

    first = {start: entry.terms[0] for entry, start, _end in spans}
    choices = [first] + [
        {**first, start: term} for entry, start, _end in spans for term in entry.terms[1:]
    ]
    for choice in choices:
        if len(reading.rewrites) >= MAX_REWRITES:
            break
        text = rewrite(choice)
        if text not in reading.rewrites and text != reading.content_query:
            reading.rewrites.append(text)
            for term in choice.values():
                if term not in reading.terms:
                    reading.terms.append(term)
    if not reading.covered:
        for term in reading.terms[:MAX_REWRITES]:
            if term not in reading.rewrites:
                reading.term_queries.append(term)
    reading.weights = {key: weight(vocabulary, key) for key in keys}
    return reading


def correct(query: str, site, held=None) -> Correction | None:
    """The query with its unknown words corrected from the site's vocabulary, or None when
    nothing changes. ``held(word)``: whether some row of the site holds the word as typed;
    such a word (a name, a word of a body text not in any title: "Xuân" is no typo of
    "quân") is never corrected."""
    if len(_SURFACE.findall(query)) > MAX_CORRECTED_WORDS:
        return None  # a long query is a pasted text, not a typed one
    vocabulary = vocabulary_for(site)
    correction = vocabulary.correct(query)
    if not correction.changed:
        return None
    if held is not None:
        # A word read as half-typed Telex ("kys" for "ký") is corrected even though the
        # Telex copy of the index holds it.
        kept = [
            typed
            for typed, new in correction.changes
            if new not in telex_readings(search_key(typed)) and held(typed)
        ]
        if kept:
            correction = vocabulary.correct(query, keep=kept)
            if not correction.changed:
                return None
    return correction
