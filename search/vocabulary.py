"""Each site's search vocabulary: the words of its titles and headings and of its lexicon.

The speller (``congthongtin.vietnam.spelling.Vocabulary``) corrects a query against it, and
the search weighs a query's words by how rare they are in it (``weight``). It is built from
the ``SearchDocument`` rows the site's search reads (``query.base_queryset``: its own pages,
its archives', its component bodies' when the board turns that on) and from the site's
lexicon (``lexicon.lexicon_for``).

A vocabulary is not rebuilt on every publish: a title published a few minutes ago is found
by the search at once, and waits at most ``TIMEOUT`` seconds to become a correction. It is
kept in the shared cache (one build per site per ``TIMEOUT`` for every process) and in the
process, where the index of deletions the speller builds on first use stays too. The
process keeps the ``LOCAL_MAX`` vocabularies used last: a worker serving a province's 188
sites kept every one it had built before (its memory grew by the vocabularies of every
body searched, bench/PROVINCE.md §6).

Why not ``pg_trgm`` on PostgreSQL: a Vietnamese word is one syllable of two to seven letters,
and trigram similarity between such short words is too low to tell a typo from another word
(measured on PostgreSQL 15: "phpe"/"phep" 0.25, "kest"/"ket" 0.29, "dnag"/"dang" 0.11, under
the default threshold 0.3, where lowering it lets in every short word). The speller's edit
distance and Telex readings find all three; the same code runs on every database.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from django.core.cache import cache

from congthongtin.vietnam.fold import search_key
from congthongtin.vietnam.spelling import Vocabulary

#: Seconds a site's vocabulary is used before it is built again.
TIMEOUT = 600
#: Rows read to build one vocabulary, newest first: a province's site keeps its words
#: without reading a million titles.
MAX_ROWS = 60_000

#: Vocabularies kept in one process, the most recently used first to stay.
LOCAL_MAX = 16

_local: OrderedDict[str, tuple[float, Vocabulary]] = OrderedDict()
_lock = threading.Lock()


def _cache_key(site) -> str:
    return f"portal:search-vocabulary:{site.pk if site is not None else 'all'}"


def build(site) -> Vocabulary:
    """The vocabulary of ``site``'s search (None: every row)."""
    from .lexicon import lexicon_for
    from .query import Filters, base_queryset

    vocabulary = Vocabulary()
    rows = base_queryset(site, Filters()).order_by("-pk").values_list("title", "heading", "anchor")
    documents = 0
    for title, heading, anchor in rows[:MAX_ROWS].iterator(chunk_size=2000):
        vocabulary.add(heading if anchor else title)
        documents += 1
    for entry in lexicon_for(site):
        vocabulary.add(entry.phrase)
        for term in entry.terms:
            vocabulary.add(term)
        documents += 1
    vocabulary.documents = documents
    return vocabulary


def vocabulary_for(site) -> Vocabulary:
    """``site``'s vocabulary, from the process, else the shared cache, else built."""
    key = _cache_key(site)
    now = time.monotonic()
    with _lock:
        found = _local.get(key)
        if found is not None and now - found[0] < TIMEOUT:
            _local.move_to_end(key)
            return found[1]
        vocabulary = cache.get(key)
        if vocabulary is None:
            vocabulary = build(site)
            cache.set(key, vocabulary, TIMEOUT)
        _local[key] = (now, vocabulary)
        _local.move_to_end(key)
        while len(_local) > LOCAL_MAX:
            _local.popitem(last=False)
    return vocabulary


def forget() -> None:
    """Drop every vocabulary of this process (tests; a lexicon change in the admin)."""
    _local.clear()


def weight(vocabulary: Vocabulary, word: str) -> float:
    """How much finding ``word`` says about a row: the inverse of how often the site's titles
    hold it, at least 1. A word they never hold weighs 1, the least: it is more often a
    typo or a word of the question than a rare word of the answer."""
    count = vocabulary.counts.get(search_key(word), 0)
    if not count:
        return 1.0
    documents = getattr(vocabulary, "documents", 0) or len(vocabulary) or 1
    return max(1.0, math.log((documents + 1) / (count + 1)) + 1.0)
