"""Vietnamese syllable shape (phonotactics), used to tell real text from legacy bytes.

A TCVN3 or VNI word read as Windows-1252 (``ngµy``, ``cöù``) is not a Vietnamese
syllable, while its decoding (``ngày``, ``cứ``) is. The legacy detector in
``congthongtin.vietnam.text`` scores words on exactly that contrast, so this module answers one
question: could ``word`` be written Vietnamese? It accepts every syllable of the modern
orthography (and some that are well formed but unused); it rejects anything with
letters outside the Vietnamese alphabet, two tone marks, a tone on an off-glide
(``baó``), a stop final (c, ch, p, t) with a tone other than sắc/nặng, or an
onset/rhyme pair the spelling rules forbid (``ci``, ``ke`` is fine, ``ka`` is not).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Combining tone marks (the five tones besides "ngang"); the vowel modifiers circumflex
# U+0302, breve U+0306 and horn U+031B stay with their letter.
TONE_MARKS = {
    "\u0300": "huyen",
    "\u0301": "sac",
    "\u0303": "nga",
    "\u0309": "hoi",
    "\u0323": "nang",
}

VOWELS = frozenset("aăâeêioôơuưy")

# Longest first so that "ngh" wins over "ng" and "n".
ONSETS = (
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "th",
    "tr",
    "qu",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
    "",
)

# Rhymes (vần) without tone, written as the orthography writes them after the onset.
_RHYMES_TEXT = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu ych ynh yt
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oem oen oeo oet
uy uych uyn uynh uyp uyt uya uyu uyên uyêt
uê uêch uênh uân uâng uât uây uơ
"""
RHYMES = frozenset(_RHYMES_TEXT.split())

# Rhymes whose last vowel is an off-glide (coda): it never carries the tone mark.
_OFFGLIDE_RHYMES = frozenset(
    r for r in RHYMES if len(r) >= 2 and r[-1] in "iyou" and r[-2] in VOWELS and r != "uy"
)
_STOP_CODAS = ("ch", "c", "p", "t")
_FRONT = ("e", "ê", "i", "y")


def split_tone(word: str) -> tuple[str, str | None, int] | None:
    """Return (toneless NFC text, tone name or None, index of the toned letter).

    None when the word carries more than one tone mark (never valid Vietnamese).
    """
    letters: list[str] = []
    tone: str | None = None
    tone_index = -1
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONE_MARKS:
            if tone is not None or not letters:
                return None
            tone = TONE_MARKS[ch]
            tone_index = len(letters) - 1
        elif unicodedata.combining(ch):
            if not letters:
                return None
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        else:
            letters.append(ch)
    return "".join(letters), tone, tone_index


def _onset_fits(onset: str, rhyme: str) -> bool:
    first = rhyme[0]
    if onset in ("c", "g", "ng") and first in _FRONT:
        # "gì", "gìn": g + i-rhyme is how "gi" + i is spelled.
        return onset == "g" and first == "i"
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if onset == "qu" and first in ("o", "u"):
        return False
    if onset == "gi" and first == "i":
        return False
    if rhyme.startswith("yê"):
        return onset in ("", "qu")
    if first == "y" and len(rhyme) > 1:
        return onset == "qu"  # "quých", "quỳnh", "quýt": the u of qu is the glide
    if rhyme.startswith("iê"):
        return onset != ""
    return True


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if ``word`` is spelled like one Vietnamese syllable (any case, NFC or NFD)."""
    if not word or len(word) > 9:
        return False
    split = split_tone(word.lower())
    if split is None:
        return False
    bare, tone, tone_index = split
    for onset in ONSETS:
        if not bare.startswith(onset):
            continue
        rhyme = bare[len(onset) :]
        if not rhyme:
            # "gi" alone is a rhyme-less spelling of "gi" + "i" ("gì").
            if onset == "gi":
                rhyme_start = 1
                if tone is not None and tone_index != rhyme_start:
                    continue
                return True
            continue
        if rhyme not in RHYMES or not _onset_fits(onset, rhyme):
            continue
        if rhyme.endswith(_STOP_CODAS) and tone not in (None, "sac", "nang"):
            continue
        if rhyme.endswith(_STOP_CODAS) and tone is None:
            continue
        if tone is not None:
            pos = tone_index - len(onset)
            if pos < 0 or rhyme[pos] not in VOWELS:
                continue
            if rhyme in _OFFGLIDE_RHYMES and pos == len(rhyme) - 1:
                continue
        return True
    return False
