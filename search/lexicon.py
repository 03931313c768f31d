"""Each body's search lexicon: the shipped list (``vietnam.everyday.DEFAULT``) with the
body's own entries (``LexiconEntry``) on top.

``lexicon_for(site)`` is asked on every search, so it is cached per body under the content
version (``core.sitecache``): saving or deleting an entry bumps the version
(``search.signals``), and a warm call makes no query. A body without entries of its own gets
the shipped lexicon itself. Rows that the lexicon refuses (no word, no term: written behind
the form's back) are left out rather than failing the search.
"""

from __future__ import annotations

from congthongtin.core import sitecache
from congthongtin.core.bodies import as_site_id
from congthongtin.vietnam.everyday import DEFAULT, Entry, Lexicon


def body_entries(site_id: int) -> list[Entry]:
    """The body's own entries as the lexicon's, in a stable order (a later one wins)."""
    from .models import LexiconEntry

    entries = []
    for row in LexiconEntry.objects.filter(site_id=site_id).order_by("phrase_key", "pk"):
        try:
            entries.append(row.as_entry())
        except ValueError:
            continue
    return entries


def lexicon_for(site) -> Lexicon:
    """The lexicon of ``site`` (a Site or its id); the shipped one for None."""
    site_id = as_site_id(site)
    if site_id is None:
        return DEFAULT

    def build():
        entries = body_entries(site_id)
        return DEFAULT.extended(entries) if entries else None

    key = sitecache.make_key("search-lexicon", site_id)
    lexicon = _built.get(key)  # unpickling a lexicon from the cache costs about 1 ms
    if lexicon is not None:
        return lexicon
    lexicon = sitecache.cached(key, build)
    lexicon = DEFAULT if lexicon is None else lexicon
    if len(_built) >= MEMO_SIZE:
        _built.clear()
    _built[key] = lexicon
    return lexicon


#: Lexicons already unpickled in this process, by cache key (the key carries the content
#: version, so a change is a new key; the old ones are dropped when the memo is full).
MEMO_SIZE = 256
_built: dict[str, Lexicon] = {}
