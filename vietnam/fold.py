"""Search keys and ASCII slugs for Vietnamese text.

``fold`` gives a lower-case key without diacritics, ``đ`` → ``d``; ``slugify`` gives an
ASCII slug ("Đà Nẵng" → ``da-nang``). Django's own ``slugify`` drops Đ/đ entirely
("Đà Nẵng" → ``a-nang``), which is why this module exists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Đ/đ have no canonical decomposition, so NFD leaves them alone; map them first. U+00D0/
# U+00F0 (Icelandic eth) are look-alikes that legacy text and typists use for Đ/đ.
_D_LETTERS = {"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"}
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


class _CombiningMarks(dict):
    """``str.translate`` table that deletes the combining marks: each code point is looked
    up once (``unicodedata.combining``), then the answer is a dictionary hit."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _CombiningMarks()


def strip_diacritics(text: str) -> str:
    """Remove every combining mark and map Đ/đ to D/d; case is kept."""
    # str.replace, not a translate table: one C scan each instead of a lookup per character.
    for letter, plain in _D_LETTERS.items():
        text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", decomposed.translate(_COMBINING))


def fold(text: str) -> str:
    """Lower-case search key without diacritics; white space collapsed. Idempotent."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


# i and y after an initial consonant with no other vowel are two spellings of one sound:
# "lí"/"lý", "kĩ"/"kỹ", "mĩ"/"mỹ", "quí"/"quý" are all correct. "uy" ("huy", "thuy") is a
# different vowel and stays.
_IY = re.compile(r"\b(b|ch|d|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x)?y\b")


def fold_iy(text: str) -> str:
    """``text`` (folded) with a syllable's lone "y" written "i": "ky thuat" → "ki thuat",
    "quy dinh" → "qui dinh", "y te" → "i te"; "huy", "thuy" unchanged. Apply it to both
    sides of a comparison."""
    return _IY.sub(lambda m: (m.group(1) or "") + "i", text)


#: Initials after which a final i and y are both written in practice ("kĩ"/"kỹ", "lí"/"lý",
#: "Mĩ"/"Mỹ", "quí"/"quý", "bác sĩ"/"bác sỹ", "công ti"/"công ty", "hi sinh"/"hy sinh"). After
#: other initials only one spelling is in use ("thi", "chi", "vi"; "huy" is another vowel).
_IY_BOTH = re.compile(r"^(h|k|l|m|qu|s|t)[iy]$")


def iy_forms(word: str) -> tuple[str, ...]:
    """The spellings of a folded word that search must treat as one: ``("ki", "ky")`` for
    "ki" or "ky"; ``(word,)`` for every other word."""
    if not _IY_BOTH.match(word):
        return (word,)
    return (word[:-1] + "i", word[:-1] + "y")


#: A word of a search key: letters and digits, a document number ("42/2022/nd-cp") whole.
SEARCH_WORD = re.compile(r"[0-9a-z]+(?:[/.-][0-9a-z]+)*")


def search_key(text: str) -> str:
    """``text`` folded, then i/y folded: the form the lexicon and the speller compare."""
    return fold_iy(fold(text))


def search_words(text: str) -> list[str]:
    """The words of ``text`` as search keys (``SEARCH_WORD``)."""
    return SEARCH_WORD.findall(search_key(text))


def slugify(text: str, max_length: int | None = None) -> str:
    """ASCII slug: "Thủ tục hành chính" → ``thu-tuc-hanh-chinh``, "Đà Nẵng" → ``da-nang``."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


# Telex spelling: every diacritic as ASCII letters, the tone moved to the end of the word.
# "tòa" → "toaf", "hoà" and "hòa" → "hoaf", "đường" → "dduwowngf". It survives every
# tokenizer and folding analyzer unchanged, so an index can keep the exact accents of a
# word beside its folded form and rank an exactly accented match first.
_TELEX_MARKS = {"\u0302": "{0}", "\u0306": "w", "\u031b": "w"}
_TELEX_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_TELEX_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)  # a corpus has far fewer distinct words: indexing is 10× faster
def _telex_word(word: str) -> str:
    out, tone = [], ""
    for char in unicodedata.normalize("NFD", word.translate(_D_TELEX).lower()):
        if char in _TELEX_TONES:
            tone = _TELEX_TONES[char]
        elif char in _TELEX_MARKS:
            mark = _TELEX_MARKS[char]
            out.append(out[-1] if mark == "{0}" and out else mark)
        elif not unicodedata.combining(char):
            out.append(char)
    return "".join(out) + tone


_D_TELEX = str.maketrans({"Đ": "dd", "đ": "dd", "Ð": "dd", "ð": "dd"})


def telex(text: str) -> str:
    """Lower-case Telex spelling of each word (an index key that keeps the accents)."""
    return _TELEX_WORD.sub(lambda m: _telex_word(m.group()), text)
