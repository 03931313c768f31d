"""Unicode TCVN 6909 hygiene: normalisation, legacy-encoding detection and repair, checks.

R-SITE-2: text must be Unicode (TCVN 6909:2001); content typed in TCVN3 (ABC), VNI or
VIQR is not eligible for publishing, and the software says where it is and offers the
converted text. The public entry points are:

* ``normalize(text)``: NFC, plus the look-alikes ``Ð``/``ð`` (U+00D0/U+00F0) → ``Đ``/``đ``.
* ``detect_legacy(text)``: every legacy run, as ``LegacySpan`` (start, end, encoding,
  original, converted). Works on mixed text, one clause at a time.
* ``fix_legacy(text)``: the same text with each legacy run converted; nothing else changes.
* ``check(text)``: the publishing gate's list of ``Problem``; messages are Vietnamese.
* ``clean(text)``: ``fix_legacy`` + ``normalize``, control and invisible characters removed.
* ``clean_with_offsets(text)``: the same (without removals) plus a map back to ``text``.

How detection works (details in ``vietnam/README.md``): the text is cut into words. For
each encoding a word is *legacy* when its decoding is a Vietnamese syllable and the word
itself is not (``ngµy`` → ``ngày``), *ambiguous* when both read as syllables (``cã`` →
``có``), *neutral* when decoding changes nothing (ASCII), and a *barrier* when it cannot
be that encoding or decodes to garbage (a word with ``ạ`` or ``ư`` is never TCVN3; ``Müller``
decodes to nothing Vietnamese). Barriers and line breaks cut the text into segments. A
segment is a run when it holds two legacy words, one of them *strong* (a TCVN3 byte no
Western language writes inside a word, ``¨ µ ¸ ®``…; a VNI vowel+modifier pair French,
Spanish or German never write; a VIQR ``^ ( + dd``), or one word with two strong
characters; a segment with a single legacy word is taken in when a run sits on the same
line (S4 "trùc thuéc Së"). Ambiguous words join a run between legacy words and
at its edges, where next to Unicode text they must also decode to a common syllable
(``congthongtin.vietnam.lexicon``) while their raw form is not one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .encodings import (
    TCVN3_CHARS,
    VIQR_MARKS,
    VNI_BASES,
    VNI_CHARS,
    VNI_DECODE,
    _decode_tcvn3_word,
    decode_tcvn3,
    decode_viqr,
    decode_viqr_word,
    decode_vni,
    encode_tcvn3,
    encode_viqr,
    encode_vni,
)
from .lexicon import COMMON_SYLLABLES
from .syllable import is_syllable

__all__ = [
    "LegacySpan",
    "Problem",
    "check",
    "clean",
    "clean_with_offsets",
    "decode_tcvn3",
    "decode_viqr",
    "decode_vni",
    "detect_legacy",
    "encode_tcvn3",
    "encode_viqr",
    "encode_vni",
    "fix_legacy",
    "normalize",
]

ENCODING_NAMES = {
    "tcvn3": "TCVN3 (ABC, phông .VnTime)",
    "vni": "VNI-Windows (phông VNI-Times)",
    "viqr": "VIQR (dấu gõ bằng ký tự ASCII)",
    "utf8": "UTF-8 bị đọc nhầm thành Windows-1252 (mã hóa kép)",
}

_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_COMBINING_RANGES = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(rf"(?s).[{_COMBINING_RANGES}]*")


@dataclass(frozen=True)
class LegacySpan:
    """A run of legacy-encoded text: ``text[start:end] == original``."""

    start: int
    end: int
    encoding: str  # "tcvn3", "vni", "viqr" or "utf8"
    original: str
    converted: str


@dataclass(frozen=True)
class Problem:
    """One finding of ``check``: where, what (machine code), why (Vietnamese), the fix."""

    start: int
    end: int
    code: str
    message: str
    suggestion: str | None = None
    severity: str = "error"  # "error" blocks publishing; "warning" is auto-fixable
    line: int = 1
    column: int = 1


def normalize(text: str) -> str:
    """NFC, and ``Ð``/``ð`` (Icelandic eth, a look-alike of Đ/đ) mapped to ``Đ``/``đ``.

    Run ``fix_legacy`` first on text that may hold TCVN3: there ``Ð`` is the letter "é".
    """
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES)


# --- word classification -------------------------------------------------------------

LEGACY, AMBIGUOUS, NEUTRAL, BARRIER = "L", "A", "N", "B"

# TCVN3 bytes that no Western European language writes inside a word: a word holding
# one of them and decoding to a syllable is strong evidence (unlike é, ô, ü, ß, ñ…).
_TCVN3_STRONG = frozenset("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾×÷ÐÞþ")
# VNI vowel+modifier pairs that do occur in French/German/Spanish words.
# (French où, goût, naïf, Noël, héroïque, ouïe; Spanish aún, Raúl; Portuguese leões.)
_VNI_WEAK = ("où", "oû", "aï", "aë", "oï", "uï", "eï", "aü", "eõ", "aú")
_VNI_WEAK_PAIRS = frozenset({p for w in _VNI_WEAK for p in (w, w.upper(), w[0].upper() + w[1])})


@dataclass
class _Word:
    start: int
    end: int
    kind: str
    strong: int = 0  # count of strong legacy characters / pairs
    score: int = 0  # lexicon preference of an ambiguous word: +1 legacy, -1 Unicode


def _lex_score(raw: str, decoded: str) -> int:
    return int(decoded.lower() in COMMON_SYLLABLES) - int(
        unicodedata.normalize("NFC", raw.lower()) in COMMON_SYLLABLES
    )


def _digit_next_to(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before.isdigit() or after.isdigit()


_TCVN3_WORD = re.compile(
    "(?:[^\\W\\d_]|[" + re.escape("".join(sorted(TCVN3_CHARS))) + _COMBINING_RANGES + "])+"
)


def _repair_dropped_u(decoded: str) -> str | None:
    """TCVN3 ư is byte 0xAD, a soft hyphen many tools drop: "®îc" → "đợc". When the
    decoding is not a syllable but becomes one with ư before the ơ, use that."""
    for i, ch in enumerate(decoded):
        base = unicodedata.normalize("NFD", ch)[0:2]
        if base in ("o\u031b", "O\u031b") and i > 0 and decoded[i - 1].lower() not in "uư":
            candidate = decoded[:i] + ("ư" if ch.islower() else "Ư") + decoded[i:]
            if is_syllable(candidate):
                return candidate
    return None


_ASCII_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SYMBOL_SEPARATORS = frozenset("-/\u2013")


def _eth_lookalike(text: str, start: int, end: int) -> bool:
    """ "NÐ-CP", "QÐ", "HÐND": Ð standing for Đ in an abbreviation, not TCVN3 "é". The
    word is Ð plus capital ASCII letters and either has two of them or touches the ``-``
    or ``/`` of a document symbol (a title-case TCVN3 "Bé" is also "BÐ")."""
    raw = text[start:end]
    if "Ð" not in raw or not set(raw) - {"Ð"} <= _ASCII_UPPER:
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    capitals = len(raw) - raw.count("Ð")
    return capitals >= 2 or before in _SYMBOL_SEPARATORS or after in _SYMBOL_SEPARATORS


_CODE_VOWELS = frozenset("AEIOUYaeiouy")


def _legacy_symbol(text: str, start: int, end: int, d_bytes: str) -> bool:
    """ "Q§-UBND", "42/2022/N§-CP", "NQ-H§ND" (TCVN3), "QÑ-UBND" (VNI): a code of a
    document symbol whose Đ is the legacy byte. The word is ASCII letters and that byte,
    at most eight letters with at most one vowel (codes are abbreviations: QĐ, HĐND, ĐA,
    QyĐ; "AÑO" and "ESPAÑA" are words), and it touches the ``/`` or ``-`` of a symbol or
    a digit. Such a word is strong evidence: no other language writes § or Ñ there."""
    raw = text[start:end]
    if not 2 <= len(raw) <= 8 or not any(ch in d_bytes for ch in raw):
        return False
    letters = [ch for ch in raw if ch not in d_bytes]
    if not all(ch.isascii() and ch.isalpha() for ch in letters):
        return False
    if not any(ch.isupper() for ch in letters) or sum(ch in _CODE_VOWELS for ch in letters) > 1:
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (
        before in _SYMBOL_SEPARATORS
        or after in _SYMBOL_SEPARATORS
        or before.isdigit()
        or after.isdigit()
    )


def _classify_tcvn3(text: str, start: int, end: int) -> _Word:
    raw = text[start:end]
    if raw.isascii():
        return _Word(start, end, NEUTRAL)
    if any(not ch.isascii() and ch not in TCVN3_CHARS for ch in raw):
        return _Word(start, end, BARRIER)
    if _eth_lookalike(text, start, end):
        return _Word(start, end, NEUTRAL)
    if _legacy_symbol(text, start, end, "§®"):
        return _Word(start, end, LEGACY, strong=2)
    if raw[0] == "µ" and raw[1:].isascii() and 2 <= len(raw) <= 4:
        return _Word(start, end, NEUTRAL)  # micro sign of a unit: µm, µg, µmol
    if _digit_next_to(text, start, end):
        return _Word(start, end, NEUTRAL)  # ©2024, 20µm, 1ª
    decoded = _decode_tcvn3_word(raw)
    dec_ok = is_syllable(decoded)
    if not dec_ok:
        repaired = _repair_dropped_u(decoded)
        dec_ok = repaired is not None
    if len(raw) == 1:
        return _Word(start, end, AMBIGUOUS if dec_ok else NEUTRAL)
    if not dec_ok:
        return _Word(start, end, BARRIER)
    strong = sum(1 for ch in raw if ch in _TCVN3_STRONG)
    if not is_syllable(raw):
        return _Word(start, end, LEGACY, strong=strong)
    return _Word(start, end, AMBIGUOUS, score=_lex_score(raw, decoded))


def _tcvn3_convert(raw: str) -> str:
    decoded = _decode_tcvn3_word(raw)
    if not is_syllable(decoded):
        repaired = _repair_dropped_u(decoded)
        if repaired is not None:
            return repaired
    return decoded


_VNI_WORD = re.compile(
    "(?:[^\\W\\d_]|[" + re.escape("".join(sorted(VNI_CHARS))) + _COMBINING_RANGES + "])+"
)


def _vni_pairs(raw: str) -> Iterator[str]:
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        if len(pair) == 2 and pair[0] in VNI_BASES and pair in VNI_DECODE:
            yield pair
            i += 2
        else:
            i += 1


def _strict_vni(raw: str) -> str | None:
    """Decode ``raw`` as VNI, or None if a non-ASCII character is not part of a VNI
    letter (a modifier with no vowel before it, as in the Unicode word "cá")."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        if len(pair) == 2 and pair[0] in VNI_BASES and pair in VNI_DECODE:
            out.append(VNI_DECODE[pair])
            i += 2
            continue
        ch = raw[i]
        if not ch.isascii() and ch not in VNI_DECODE:
            return None
        out.append(VNI_DECODE.get(ch, ch))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _classify_vni(text: str, start: int, end: int) -> _Word:
    raw = text[start:end]
    if raw.isascii():
        return _Word(start, end, NEUTRAL)
    decoded = _strict_vni(raw)
    if decoded is None:
        return _Word(start, end, BARRIER)
    if decoded == raw:
        return _Word(start, end, NEUTRAL)
    if _legacy_symbol(text, start, end, "Ññ"):
        return _Word(start, end, LEGACY, strong=2)
    if _digit_next_to(text, start, end):
        return _Word(start, end, NEUTRAL)
    dec_ok = is_syllable(decoded)
    if len(decoded) == 1:
        return _Word(start, end, AMBIGUOUS if dec_ok else NEUTRAL)
    if not dec_ok:
        return _Word(start, end, BARRIER)
    # A VNI writer puts a modifier of the base letter's case ("uõ", "UÕ"). A lower-case
    # letter before an upper-case "modifier" ("huÕ") is TCVN3's lower-case "ế" read as
    # VNI: it decodes (the table is lenient about case) but is no evidence for VNI.
    pairs = [
        p for p in _vni_pairs(raw) if p not in _VNI_WEAK_PAIRS and p[0].isupper() == p[1].isupper()
    ]
    if not is_syllable(raw):
        return _Word(start, end, LEGACY, strong=len(pairs))
    return _Word(start, end, AMBIGUOUS, score=_lex_score(raw, decoded))


_VIQR_WORD = re.compile(r"[A-Za-z](?:\\[\\'`?~.^(+dD]|[A-Za-z'`?~.^(+])*")


def _viqr_trim(raw: str) -> int:
    """Length of ``raw`` without trailing marks that decoding leaves as punctuation."""
    decoded = decode_viqr_word(raw)
    n = len(raw)
    # Escaped marks ("ky'\\.") stay: decoding turns them into plain punctuation.
    while n and raw[n - 1] in VIQR_MARKS and decoded.endswith(raw[n - 1]):
        if n >= 2 and raw[n - 2] == "\\":
            break
        decoded = decoded[:-1]
        n -= 1
    return n


def _classify_viqr(text: str, start: int, end: int) -> _Word:
    raw = text[start:end]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (before and not before.isascii() and before.isalpha()) or (
        after and not after.isascii() and after.isalpha()
    ):
        return _Word(start, end, BARRIER)  # part of a Unicode word
    full = decode_viqr_word(raw)
    decoded = full.rstrip("'`?~.^(+")
    if full == raw or not decoded:
        return _Word(start, end, NEUTRAL)
    if decoded == raw.replace("\\", "").rstrip("'`?~.^(+"):
        # Only an escape changes ("vui\\."): converted with its run, no evidence itself.
        return _Word(start, end, AMBIGUOUS)
    if _digit_next_to(text, start, end):
        return _Word(start, end, NEUTRAL)
    dec_ok = is_syllable(decoded)
    if len(decoded) == 1:
        return _Word(start, end, AMBIGUOUS if dec_ok else NEUTRAL)
    if not dec_ok:
        return _Word(start, end, BARRIER)
    # Apostrophes and dots inside English words ("I'm", "a.m.") are weak evidence.
    strong = len(re.findall(r"[\^(+]|dd|DD|Dd|[`~](?=[A-Za-z])", raw))
    if not is_syllable(raw):
        return _Word(start, end, LEGACY, strong=strong)
    return _Word(start, end, AMBIGUOUS, score=_lex_score(raw, decoded))


def _viqr_words(text: str) -> Iterator[tuple[int, int]]:
    for m in _VIQR_WORD.finditer(text):
        end = m.start() + _viqr_trim(m.group())
        if end > m.start():
            yield m.start(), end


def _regex_words(pattern: re.Pattern[str]) -> Callable[[str], Iterator[tuple[int, int]]]:
    def words(text: str) -> Iterator[tuple[int, int]]:
        for m in pattern.finditer(text):
            yield m.start(), m.end()

    return words


@dataclass(frozen=True)
class _Codec:
    name: str
    words: Callable[[str], Iterator[tuple[int, int]]]
    classify: Callable[[str, int, int], _Word]
    convert: Callable[[str], str]


def _convert_pieces(codec: _Codec, text: str) -> list[tuple[int, int, str]]:
    """(start, end, converted) pieces covering ``text``: each word and each gap."""
    pieces: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in codec.words(text):
        if start > pos:
            pieces.append((pos, start, text[pos:start]))
        pieces.append((start, end, codec.convert(text[start:end])))
        pos = end
    if pos < len(text):
        pieces.append((pos, len(text), text[pos:]))
    return pieces


def _convert_span(codec: _Codec, text: str) -> str:
    return unicodedata.normalize("NFC", "".join(p for _, _, p in _convert_pieces(codec, text)))


_CODECS = (
    _Codec("tcvn3", _regex_words(_TCVN3_WORD), _classify_tcvn3, _tcvn3_convert),
    _Codec("vni", _regex_words(_VNI_WORD), _classify_vni, decode_vni),
    _Codec("viqr", _viqr_words, _classify_viqr, decode_viqr_word),
)


@dataclass
class _Segment:
    words: list[_Word]
    line: int
    left_barrier: bool
    right_barrier: bool

    @property
    def legacy(self) -> list[_Word]:
        return [w for w in self.words if w.kind == LEGACY]

    def is_seed(self) -> bool:
        """Enough evidence on its own: two legacy words, one of them strong, or one word
        with two strong characters. (One strong word alone is not: Spanish "aún" is VNI
        for "ẳn"; three weak words are not either: Norwegian "på … nå … må".)"""
        legacy = self.legacy
        strong = sum(w.strong for w in legacy)
        return (len(legacy) >= 2 and strong >= 1) or any(w.strong >= 2 for w in legacy)


def _segments(text: str, words: list[_Word]) -> list[_Segment]:
    segments: list[_Segment] = []
    current: list[_Word] = []
    left_barrier = False
    line = 0
    prev_end = 0
    for word in words:
        newline = "\n" in text[prev_end : word.start]
        if newline or word.kind == BARRIER:
            if current:
                segments.append(_Segment(current, line, left_barrier, not newline))
            current = []
            left_barrier = word.kind == BARRIER and not newline
            if newline:
                line += 1
                left_barrier = False
            if word.kind == BARRIER:
                left_barrier = True
        if word.kind != BARRIER:
            current.append(word)
        prev_end = word.end
    if current:
        segments.append(_Segment(current, line, left_barrier, False))
    return segments


def _edge(words: list[_Word], barrier: bool) -> list[_Word]:
    """Ambiguous words taken in at one edge, ``words`` ordered from the run outwards.

    Towards a line break or the end of the text every ambiguous word joins; towards a
    barrier (Unicode text) only those the lexicon calls legacy ("cã" → "có")."""
    taken: list[_Word] = []
    pending: list[_Word] = []
    for word in words:
        if word.kind == NEUTRAL:
            pending.append(word)
            continue
        if word.score > 0 or not barrier:
            taken.extend(pending)
            taken.append(word)
            pending = []
        else:
            break
    return taken


def _runs(codec: _Codec, text: str) -> list[tuple[int, int, int]]:
    """(start, end, weight) of each run of this encoding."""
    words = [codec.classify(text, s, e) for s, e in codec.words(text)]
    segments = _segments(text, words)
    seeds = [seg.is_seed() for seg in segments]
    seed_lines = {seg.line for seg, seed in zip(segments, seeds, strict=True) if seed}
    runs: list[tuple[int, int, int]] = []
    for seg, seed in zip(segments, seeds, strict=True):
        legacy = seg.legacy
        if not legacy or not (seed or seg.line in seed_lines):
            continue
        first = seg.words.index(legacy[0])
        last = seg.words.index(legacy[-1])
        left = _edge(list(reversed(seg.words[:first])), seg.left_barrier)
        right = _edge(seg.words[last + 1 :], seg.right_barrier)
        start = left[-1].start if left else legacy[0].start
        end = right[-1].end if right else legacy[-1].end
        weight = len(legacy) + 2 * sum(w.strong for w in legacy)
        runs.append((start, end, weight))
    return runs


# --- double-encoded UTF-8 ------------------------------------------------------------

_CP1252_BYTE: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _CP1252_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        _CP1252_BYTE[chr(_b)] = _b  # undefined in cp1252: tools fall back to Latin-1
for _b in range(0x80, 0xA0):
    _CP1252_BYTE.setdefault(chr(_b), _b)  # the C1 controls of a Latin-1 mis-decoding


def _chars_for(lo: int, hi: int) -> str:
    return "".join(re.escape(ch) for ch, b in _CP1252_BYTE.items() if lo <= b <= hi)


_CONT = f"[{_chars_for(0x80, 0xBF)}]"
_MOJIBAKE = re.compile(
    f"(?:[{_chars_for(0xC2, 0xDF)}]{_CONT}|[{_chars_for(0xE0, 0xEF)}]{_CONT}{_CONT})+"
)
_VIETNAMESE_EXTRA = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]"
)


def _utf8_runs(text: str) -> list[tuple[int, int, int, str]]:
    """Runs of UTF-8 read as cp1252 ("CÄƒn cá»©"). A sequence counts when it decodes
    strictly and its line has at least one sequence that gives a Vietnamese letter."""
    found: list[tuple[int, int, str]] = []
    vietnamese_lines: set[int] = set()
    for m in _MOJIBAKE.finditer(text):
        try:
            decoded = bytes(_CP1252_BYTE[ch] for ch in m.group()).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(ord(ch) > 0xFF and not _VIETNAMESE_EXTRA.match(ch) for ch in decoded):
            continue
        found.append((m.start(), m.end(), decoded))
        if _VIETNAMESE_EXTRA.search(decoded):
            vietnamese_lines.add(text.count("\n", 0, m.start()))
    runs: list[tuple[int, int, int, str]] = []
    for start, end, decoded in found:
        if text.count("\n", 0, start) not in vietnamese_lines:
            continue
        # Widen to the whole word and merge with the previous run when only letters,
        # spaces or punctuation of the same line lie between.
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        stop = end
        while stop < len(text) and text[stop].isascii() and text[stop].isalpha():
            stop += 1
        converted = _demojibake(text[start:stop])
        if runs and start - runs[-1][1] <= 3 and "\n" not in text[runs[-1][1] : start]:
            prev_start, _, weight, _ = runs.pop()
            runs.append((prev_start, stop, weight + 4, _demojibake(text[prev_start:stop])))
        else:
            runs.append((start, stop, 4 * len(decoded), converted))
    return runs


def _demojibake(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        try:
            return bytes(_CP1252_BYTE[ch] for ch in m.group()).decode("utf-8")
        except UnicodeDecodeError:
            return m.group()

    return unicodedata.normalize("NFC", _MOJIBAKE.sub(repl, s))


# --- public API ----------------------------------------------------------------------


def detect_legacy(text: str) -> list[LegacySpan]:
    """Every run of TCVN3, VNI, VIQR (or double-encoded UTF-8) text, in text order."""
    candidates: list[tuple[int, int, int, str, str]] = []
    for codec in _CODECS:
        for start, end, weight in _runs(codec, text):
            candidates.append(
                (start, end, weight, codec.name, _convert_span(codec, text[start:end]))
            )
    for start, end, weight, decoded in _utf8_runs(text):
        candidates.append((start, end, weight, "utf8", decoded))
    # Overlaps between encodings: the one with more evidence wins.
    chosen: list[tuple[int, int, int, str, str]] = []
    for cand in sorted(candidates, key=lambda c: (-c[2], c[0])):
        if all(cand[1] <= other[0] or cand[0] >= other[1] for other in chosen):
            chosen.append(cand)
    chosen.sort()
    spans = []
    for start, end, _, name, converted in chosen:
        if converted != text[start:end]:
            spans.append(LegacySpan(start, end, name, text[start:end], converted))
    return spans


def fix_legacy(text: str) -> str:
    """``text`` with every legacy run converted to NFC Unicode; all else untouched."""
    out: list[str] = []
    pos = 0
    for span in detect_legacy(text):
        out.append(text[pos : span.start])
        out.append(span.converted)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


_CONTROL_KEEP = frozenset("\t\n\r")
_INVISIBLE = {
    "\u00ad": "gạch nối mềm (U+00AD)",
    "\u200b": "khoảng trắng độ rộng 0 (U+200B)",
    "\u2060": "ký tự nối từ (U+2060)",
    "\ufeff": "dấu BOM (U+FEFF)",
    "\u202a": "ký tự điều khiển hướng chữ (U+202A)",
    "\u202b": "ký tự điều khiển hướng chữ (U+202B)",
    "\u202c": "ký tự điều khiển hướng chữ (U+202C)",
    "\u202d": "ký tự điều khiển hướng chữ (U+202D)",
    "\u202e": "ký tự điều khiển hướng chữ (U+202E)",
}


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in _CONTROL_KEEP


def clean(text: str) -> str:
    """Everything ``check`` can fix: legacy runs converted, ``normalize``, control and
    invisible characters removed."""
    fixed = normalize(fix_legacy(text))
    return "".join(ch for ch in fixed if not _is_control(ch) and ch not in _INVISIBLE)


def unicode_text(text: str) -> tuple[str, int]:
    """``clean`` in one detection pass, and the number of legacy runs converted: what the
    file readers and the document importer need (they report how many runs they fixed)."""
    spans = detect_legacy(text)
    parts, pos = [], 0
    for span in spans:
        parts += [text[pos : span.start], span.converted]
        pos = span.end
    parts.append(text[pos:])
    fixed = normalize("".join(parts))
    return "".join(ch for ch in fixed if not _is_control(ch) and ch not in _INVISIBLE), len(spans)


def clean_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalize(fix_legacy(text))`` and, for each index of the result (plus its end),
    the matching index in ``text``, so that matches found in clean text can be reported
    at their place in the original."""
    out: list[str] = []
    origin: list[int] = []

    def plain(start: int, end: int) -> None:
        chunk = text[start:end]
        if unicodedata.is_normalized("NFC", chunk) and "\u00d0" not in chunk and "ð" not in chunk:
            out.append(chunk)
            origin.extend(range(start, end))
            return
        for m in _CLUSTER.finditer(chunk):
            piece = normalize(m.group())
            out.append(piece)
            origin.extend([start + m.start()] * len(piece))

    codecs = {codec.name: codec for codec in _CODECS}
    pos = 0
    for span in detect_legacy(text):
        plain(pos, span.start)
        codec = codecs.get(span.encoding)
        pieces = (
            _convert_pieces(codec, span.original)
            if codec
            else [(0, len(span.original), span.converted)]
        )
        for p_start, p_end, converted in pieces:
            piece = normalize(converted)
            out.append(piece)
            if len(piece) == p_end - p_start:
                origin.extend(range(span.start + p_start, span.start + p_end))
            else:
                origin.extend([span.start + p_start] * len(piece))
        pos = span.end
    plain(pos, len(text))
    origin.append(len(text))
    return "".join(out), origin


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _excerpt(s: str, limit: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def check(text: str) -> list[Problem]:
    """What the publishing gate reports (R-SITE-2), sorted by position.

    Codes: ``legacy_tcvn3``, ``legacy_vni``, ``legacy_viqr``, ``legacy_utf8`` (errors:
    not Unicode, the suggestion is the converted text), ``control_char`` (error: remove),
    ``not_nfc``, ``lookalike_d``, ``invisible_char`` (warnings: ``clean`` fixes them).
    """
    problems: list[Problem] = []

    def add(start: int, end: int, code: str, message: str, suggestion: str | None, sev: str):
        line, column = _position(text, start)
        problems.append(Problem(start, end, code, message, suggestion, sev, line, column))

    spans = detect_legacy(text)
    inside = [False] * (len(text) + 1)
    for span in spans:
        for i in range(span.start, span.end):
            inside[i] = True
        add(
            span.start,
            span.end,
            f"legacy_{span.encoding}",
            f"Đoạn «{_excerpt(span.original)}» dùng bảng mã {ENCODING_NAMES[span.encoding]}, "
            "không phải Unicode TCVN 6909:2001; cần chuyển sang Unicode trước khi đăng.",
            span.converted,
            "error",
        )

    def in_word(i: int) -> bool:
        return (
            0 <= i < len(text)
            and not inside[i]
            and (text[i].isalnum() or unicodedata.combining(text[i]) > 0)
        )

    not_nfc: list[list[int]] = []
    for m in _CLUSTER.finditer(text):
        s, e = m.start(), m.end()
        cluster = m.group()
        if inside[s]:
            continue
        if not unicodedata.is_normalized("NFC", cluster):
            # Report the whole word, the unit an editor retypes.
            while in_word(s - 1):
                s -= 1
            while in_word(e):
                e += 1
            if not_nfc and s <= not_nfc[-1][1]:
                not_nfc[-1][1] = max(e, not_nfc[-1][1])
            else:
                not_nfc.append([s, e])
            continue
        ch = cluster[0]
        if ch in "\u00d0\u00f0":
            right = "Đ" if ch == "\u00d0" else "đ"
            add(
                s,
                s + 1,
                "lookalike_d",
                f"Chữ «{ch}» (U+{ord(ch):04X}, chữ Eth của tiếng Iceland) được dùng thay cho "
                f"«{right}»; tìm kiếm và so khớp số ký hiệu văn bản sẽ sai.",
                right,
                "warning",
            )
        elif _is_control(ch):
            add(
                s,
                s + 1,
                "control_char",
                f"Có ký tự điều khiển không hiển thị (U+{ord(ch):04X}); cần xóa.",
                "",
                "error",
            )
        elif ch in _INVISIBLE:
            add(
                s,
                s + 1,
                "invisible_char",
                f"Có ký tự vô hình: {_INVISIBLE[ch]}; nên xóa.",
                "",
                "warning",
            )
    for s, e in not_nfc:
        add(
            s,
            e,
            "not_nfc",
            f"Đoạn «{_excerpt(text[s:e])}» chưa ở dạng Unicode dựng sẵn (NFC): "
            "dấu thanh được gõ tách rời khỏi chữ.",
            unicodedata.normalize("NFC", text[s:e]),
            "warning",
        )
    problems.sort(key=lambda p: (p.start, p.end))
    return problems
