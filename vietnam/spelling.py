"""Typo correction against a site's own vocabulary.

Citizens mistype on phones ("giay phpe" for "giấy phép") and half-type Telex ("dang kys kest
hon": the tone keys of "ký" and "kết" left as letters). :class:`Vocabulary` holds the words
of a site's titles and headings, and of the lexicon, as search keys (folded, i/y folded)
with their counts, the pairs of words that follow each other, and the accented form each
key is usually written in. :meth:`Vocabulary.correct` replaces each unknown word of a query
with the likeliest known one:

- candidates are the word with stray Telex keys removed or read (``kys`` → ``ky``,
  ``kest`` → ``ket``, ``dduwowngf`` → ``duong``), then every known word within two edits
  (deletion, insertion, substitution, transposition of neighbours: Damerau–Levenshtein,
  restricted), found through an index of deletions (the SymSpell method: Wolf Garbe, 2012),
  so a lookup costs a few dictionary reads whatever the size of the vocabulary;
- a candidate scores by its distance (a Telex reading counts half an edit), by how often it
  occurs, and by whether it follows the previous word and precedes the next in the
  vocabulary's pairs, so "giay phpe" becomes "giấy phép" and not "giấy phế".

Vietnamese writes one syllable per word, so a site's vocabulary is a few thousand keys.
Document numbers and words with digits are never corrected. Pure Python, no Django: the
search app builds a vocabulary per site and uses this module on every database (on
PostgreSQL it may ask ``pg_trgm`` for the candidates instead; the choice among them is the
same).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .fold import SEARCH_WORD, fold, search_key

MAX_DISTANCE = 2
_SURFACE = re.compile(r"[^\W_]+(?:[/.-][^\W_]+)*")
_TONE_KEYS = "sfrxj"
_TELEX_PAIRS = (("dd", "d"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("aw", "a"), ("ow", "o"))
_TELEX_PAIRS += (("uw", "u"), ("w", "u"))
#: Words shorter than this are left alone (too many neighbours to choose well).
MIN_LENGTH = 2


def _deletes(word: str, distance: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def distance(a: str, b: str) -> int:
    """Restricted Damerau–Levenshtein distance (optimal string alignment)."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def telex_readings(word: str) -> set[str]:
    """Keys ``word`` may stand for when typed with Telex keys left in: tone keys removed
    (anywhere after the first letter) and vowel/đ keys read ("dduwowngf" → "duong")."""
    readings = set()
    stripped = word
    for old, new in _TELEX_PAIRS:
        stripped = stripped.replace(old, new)
    bases = {word, stripped}
    for base in bases:
        for i in range(1, len(base)):
            if base[i] in _TONE_KEYS:
                readings.add(base[:i] + base[i + 1 :])
        readings.add(base)
    readings.discard(word)
    return {search_key(reading) for reading in readings if reading}


@dataclass(frozen=True)
class Correction:
    """A query and its correction."""

    typed: str
    #: The corrected query as search keys.
    keys: tuple[str, ...]
    #: The corrected query as it is usually written (accented), for "Kết quả cho «…»".
    display: str
    #: (typed word, corrected key) for each word changed.
    changes: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def text(self) -> str:
        return " ".join(self.keys)


class Vocabulary:
    """Known words (search keys) with counts, neighbour pairs and usual spellings."""

    def __init__(self, texts: Iterable[str] = ()):
        self.counts: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self._surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self._pair_surfaces: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
        self._deletes: dict[str, set[str]] | None = None
        for text in texts:
            self.add(text)

    def __contains__(self, word: str) -> bool:
        return search_key(word) in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def add(self, text: str, weight: int = 1) -> None:
        """Count the words of ``text`` (a title, a heading, a lexicon phrase)."""
        previous = previous_surface = None
        for surface in _SURFACE.findall(text.lower()):
            word = search_key(surface)
            if not SEARCH_WORD.fullmatch(word):
                previous = None
                continue
            self.counts[word] += weight
            self._surfaces[word][surface] += weight
            if previous is not None:
                self.pairs[(previous, word)] += weight
                self._pair_surfaces[(previous, word)][(previous_surface, surface)] += weight
            previous, previous_surface = word, surface
        self._deletes = None

    def surface(self, key: str, before: str | None = None, after: str | None = None) -> str:
        """The spelling ``key`` is usually written in, after ``before`` or else before
        ``after`` when the pair is known ("dung" is "dựng" after "xay", "dụng" after
        "su"); ``key`` itself when unknown."""
        if before is not None and (forms := self._pair_surfaces.get((before, key))):
            return forms.most_common(1)[0][0][1]
        if after is not None and (forms := self._pair_surfaces.get((key, after))):
            return forms.most_common(1)[0][0][0]
        forms = self._surfaces.get(key)
        return forms.most_common(1)[0][0] if forms else key

    def _index(self) -> dict[str, set[str]]:
        if self._deletes is None:
            index: dict[str, set[str]] = defaultdict(set)
            for word in self.counts:
                if len(word) >= MIN_LENGTH and not any(ch.isdigit() for ch in word):
                    for deleted in _deletes(word, MAX_DISTANCE):
                        index[deleted].add(word)
            self._deletes = dict(index)
        return self._deletes

    def candidates(self, word: str) -> dict[str, float]:
        """Known words ``word`` may be a typo of, with their distance (a Telex reading
        counts 0.5)."""
        found: dict[str, float] = {}
        for reading in telex_readings(word):
            if reading in self.counts:
                found[reading] = 0.5
        index = self._index()
        for deleted in _deletes(word, MAX_DISTANCE):
            for known in index.get(deleted, ()):
                if known in found:
                    continue
                d = distance(word, known)
                if d <= MAX_DISTANCE and d <= max(1, len(word) // 3):
                    found[known] = float(d)
        return found

    def _score(self, candidate: str, dist: float, before: str | None, after: str | None):
        score = -2.5 * dist + math.log1p(self.counts[candidate])
        if before is not None:
            score += 2.0 * math.log1p(self.pairs[(before, candidate)])
        if after is not None:
            score += 2.0 * math.log1p(self.pairs[(candidate, after)])
        return score

    def correct(self, query: str, keep: Iterable[str] = ()) -> Correction:
        """``query`` with each unknown word replaced by its likeliest known neighbour;
        the words in ``keep`` (as typed) are left as they are."""
        typed_surfaces = _SURFACE.findall(query.lower())
        keys = [search_key(surface) for surface in typed_surfaces]
        kept = {surface.lower() for surface in keep}
        corrected = list(keys)
        changes = []
        for i, word in enumerate(keys):
            if (
                typed_surfaces[i] in kept
                or word in self.counts
                or len(word) < MIN_LENGTH
                or any(ch.isdigit() for ch in word)
                or not SEARCH_WORD.fullmatch(word)
            ):
                continue
            options = self.candidates(word)
            if not options:
                continue
            before = corrected[i - 1] if i > 0 else None
            after = keys[i + 1] if i + 1 < len(keys) and keys[i + 1] in self.counts else None
            best = max(
                options,
                key=lambda c: (self._score(c, options[c], before, after), c),
            )
            corrected[i] = best
            changes.append((typed_surfaces[i], best))
        display = self._display(typed_surfaces, keys, corrected)
        return Correction(query, tuple(corrected), display, tuple(changes))

    def _display(self, typed: list[str], keys: list[str], corrected: list[str]) -> str:
        """Corrected words in their usual spelling; a word the reader typed with accents
        and did not need correcting stays as typed."""
        out = []
        for i, (surface, key, new) in enumerate(zip(typed, keys, corrected, strict=True)):
            accented = fold(surface) != surface
            if new == key and accented:
                out.append(surface)
                continue
            before = corrected[i - 1] if i > 0 else None
            after = corrected[i + 1] if i + 1 < len(corrected) else None
            out.append(self.surface(new, before, after))
        return " ".join(out)
