"""Legacy Vietnamese encodings as they look once mis-decoded as Windows-1252/Latin-1.

Three legacy forms are covered, each with a whole-text encoder and decoder (no
detection here; ``congthongtin.vietnam.text`` decides *where* to decode):

* **TCVN3** (TCVN 5712:1993 "VN3", the ABC keyboard and ``.VnTime`` fonts): one byte
  per letter; only lower-case toned letters plus seven capitals (Ă Â Ê Ô Ơ Ư Đ) exist.
  Upper-case headings use ``.VnTimeH`` fonts, which draw capitals at the lower-case
  positions, so encoding an upper-case toned letter writes its lower-case byte.
* **VNI-Windows** (``VNI-Times`` fonts): an ASCII base letter followed by one modifier
  byte (tone, or vowel mark plus tone); ơ ư đ ĩ ỉ ị ỵ have bytes of their own.
* **VIQR** (RFC 1456): ASCII marks after the letter, ``a( a^ e^ o^ o+ u+ dd`` and
  tones ``' ` ? ~ .``; a backslash makes a mark literal.

The tables are data, written from the standard layouts (research notes §5.1–5.2).
"""

from __future__ import annotations

import unicodedata

from .syllable import is_syllable

# --- TCVN3 ---------------------------------------------------------------------------
# Pairs "Unicode letter, TCVN3 byte read as cp1252", straight from the layout.
_TCVN3_PAIRS = """
à µ á ¸ ả ¶ ã · ạ ¹ ă ¨ ằ » ắ ¾ ẳ ¼ ẵ ½ ặ Æ â © ầ Ç ấ Ê ẩ È ẫ É ậ Ë
đ ® è Ì é Ð ẻ Î ẽ Ï ẹ Ñ ê ª ề Ò ế Õ ể Ó ễ Ô ệ Ö
ì × í Ý ỉ Ø ĩ Ü ị Þ ò ß ó ã ỏ á õ â ọ ä ô « ồ å ố è ổ æ ỗ ç ộ é
ơ ¬ ờ ê ớ í ở ë ỡ ì ợ î ù ï ú ó ủ ñ ũ ò ụ ô ư \xad ừ õ ứ ø ử ö ữ ÷ ự ù
ỳ ú ý ý ỷ û ỹ ü ỵ þ Ă ¡ Â ¢ Ê £ Ô ¤ Ơ ¥ Ư ¦ Đ §
"""


def _pairs(text: str) -> list[tuple[str, str]]:
    items = text.replace("\\xad", "\xad").split()
    return list(zip(items[0::2], items[1::2], strict=True))


TCVN3_ENCODE: dict[str, str] = dict(_pairs(_TCVN3_PAIRS))
TCVN3_DECODE: dict[str, str] = {v: k for k, v in TCVN3_ENCODE.items()}
# Upper-case toned letters have no byte of their own: the .VnTimeH convention.
for _lower, _byte in list(TCVN3_ENCODE.items()):
    _upper = _lower.upper()
    if _upper not in TCVN3_ENCODE and _upper != _lower:
        TCVN3_ENCODE[_upper] = _byte
TCVN3_CHARS = frozenset(TCVN3_DECODE)
TCVN3_CAPITALS = frozenset("¡¢£¤¥¦§")

# --- VNI-Windows ---------------------------------------------------------------------
_TONES = ("grave", "acute", "hook", "tilde", "dot")
_TONE_MARK = {
    "grave": "\u0300",
    "acute": "\u0301",
    "hook": "\u0309",
    "tilde": "\u0303",
    "dot": "\u0323",
}
# Modifier bytes after a plain vowel (and after ơ/ư), after a + breve, after circumflex.
_VNI_PLAIN = dict(zip(_TONES, "øùûõï", strict=True))
_VNI_BREVE = dict(zip(_TONES, "èéúüë", strict=True))
_VNI_CIRC = dict(zip(_TONES, "àáåãä", strict=True))


def _compose(base: str, mark: str | None) -> str:
    return unicodedata.normalize("NFC", base + mark) if mark else base


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in "aeouy":
        for tone, byte in _VNI_PLAIN.items():
            table[_compose(base, _TONE_MARK[tone])] = base + byte
    table["ă"] = "aê"
    for tone, byte in _VNI_BREVE.items():
        table[_compose("ă", _TONE_MARK[tone])] = "a" + byte
    for base in "aeo":
        circ = _compose(base, "\u0302")
        table[circ] = base + "â"
        for tone, byte in _VNI_CIRC.items():
            table[_compose(circ, _TONE_MARK[tone])] = base + byte
    for horn, byte in (("ơ", "ô"), ("ư", "ö")):
        table[horn] = byte
        for tone, tbyte in _VNI_PLAIN.items():
            table[_compose(horn, _TONE_MARK[tone])] = byte + tbyte
    # i has one byte per tone, and so does ỵ.
    # i has one byte per tone; ỵ has a byte of its own instead of "y" + dot.
    table.update({"ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ"})
    upper = {k.upper(): v.upper() for k, v in table.items()}
    table.update(upper)
    return table


VNI_ENCODE: dict[str, str] = _build_vni()
VNI_DECODE: dict[str, str] = {}
for _uni, _vni in VNI_ENCODE.items():
    VNI_DECODE.setdefault(_vni, _uni)
    if len(_vni) == 2:
        # Tolerate a modifier in the other case ("Aù"): the base letter sets the case.
        _mixed = _vni[0] + _vni[1].swapcase()
        _target = _uni.upper() if _vni[0].isupper() else _uni.lower()
        VNI_DECODE.setdefault(_mixed, _target)
# Old files also have "y" + dot for ỵ.
VNI_DECODE.setdefault("yï", "ỵ")
VNI_DECODE.setdefault("YÏ", "Ỵ")
VNI_MODIFIERS = frozenset("øùûõïèéúüëàáåãäâê" + "øùûõïèéúüëàáåãäâê".upper())
VNI_SINGLES = frozenset(k for k in VNI_DECODE if len(k) == 1 and not k.isascii())
VNI_CHARS = VNI_MODIFIERS | VNI_SINGLES
VNI_BASES = frozenset("aeouyAEOUYôöÔÖ")

# --- VIQR ----------------------------------------------------------------------------
_TONE_OF_MARK = {v: k for k, v in _TONE_MARK.items()}
_VIQR_TONE = {"grave": "`", "acute": "'", "hook": "?", "tilde": "~", "dot": "."}
_VIQR_TONE_OF_MARK = {v: k for k, v in _VIQR_TONE.items()}
_VIQR_MODIFIER = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
_VIQR_APPLY = {
    ("a", "("): "ă",
    ("a", "^"): "â",
    ("e", "^"): "ê",
    ("o", "^"): "ô",
    ("o", "+"): "ơ",
    ("u", "+"): "ư",
}
VIQR_MARKS = frozenset("'`?~.^(+")
VIQR_TONE_MARKS = frozenset("'`?~.")
_VIQR_ESCAPABLE = VIQR_MARKS | {"\\", "d", "D"}
_VOWELS_ASCII = frozenset("aeiouyAEIOUY")


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as seen in cp1252. Upper-case toned letters become lower case
    (TCVN3 has no such capitals; a ``.VnTimeH`` font would show them as capitals)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(TCVN3_ENCODE.get(ch, ch) for ch in text)


def decode_tcvn3(text: str) -> str:
    """TCVN3 bytes (read as cp1252/Latin-1) → NFC Unicode, for the whole text.

    Words written in upper case (at least two upper-case ASCII letters or TCVN3
    capitals, no lower-case ASCII letter) are upper-cased, since their toned letters
    can only have come from a ``.VnTimeH`` heading font.
    """
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            out.append(_decode_tcvn3_word("".join(word)))
            word.clear()

    for ch in text:
        if ch.isalpha() or ch in TCVN3_CHARS:
            word.append(ch)
        else:
            flush()
            out.append(ch)
    flush()
    return unicodedata.normalize("NFC", "".join(out))


def _decode_tcvn3_word(word: str) -> str:
    decoded = "".join(TCVN3_DECODE.get(ch, ch) for ch in word)
    upper = sum(1 for ch in word if ("A" <= ch <= "Z") or ch in TCVN3_CAPITALS)
    lower = sum(1 for ch in word if "a" <= ch <= "z")
    if upper >= 2 and lower == 0:
        decoded = decoded.upper()
    return decoded


def encode_vni(text: str) -> str:
    """Unicode → VNI-Windows as seen in cp1252."""
    text = unicodedata.normalize("NFC", text)
    return "".join(VNI_ENCODE.get(ch, ch) for ch in text)


def decode_vni(text: str) -> str:
    """VNI-Windows (read as cp1252/Latin-1) → NFC Unicode; greedy, longest match first."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_DECODE:
            out.append(VNI_DECODE[pair])
            i += 2
            continue
        out.append(VNI_DECODE.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def encode_viqr(text: str) -> str:
    """Unicode → VIQR (RFC 1456). Literal marks that would be misread are escaped
    with a backslash (``ca\\.`` is "ca." and ``ca.`` is "cạ"), so decoding round-trips."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    after_vowel = False  # a mark here would attach to the vowel just written
    for i, ch in enumerate(text):
        following = text[i + 1] if i + 1 < len(text) else ""
        if ch == "\\" or (after_vowel and ch in VIQR_MARKS):
            out.append("\\" + ch)
            after_vowel = False
            continue
        if ch in "dD" and following in "dDđĐ" and following:
            # A literal d before d or đ would pair with it ("dd" is đ).
            out.append("\\" + ch)
            after_vowel = False
            continue
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            after_vowel = False
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if base in _VOWELS_ASCII:
            spelled = _viqr_letter(base, decomposed[1:])
            if spelled is not None:
                out.append(spelled)
                after_vowel = True
                continue
        out.append(ch)
        after_vowel = False
    return "".join(out)


def _viqr_letter(base: str, marks: str) -> str | None:
    """VIQR spelling of a vowel with its combining marks, or None if VIQR cannot write
    it (``Û``: u takes no circumflex; two tones)."""
    modifier = tone = ""
    for mark in marks:
        # NFD puts the dot below before the circumflex or breve: order does not matter.
        if mark in _VIQR_MODIFIER and not modifier:
            modifier = _VIQR_MODIFIER[mark]
            if (base.lower(), modifier) not in _VIQR_APPLY:
                return None
        elif mark in _TONE_OF_MARK and not tone:
            tone = _VIQR_TONE[_TONE_OF_MARK[mark]]
        else:
            return None
    return base + modifier + tone


def decode_viqr_word(word: str, *, strict: bool = False) -> str:
    """Decode one VIQR word.

    RFC 1456 reads every unescaped mark after a vowel as a tone (``strict=True``). Real
    text also ends sentences with "." and "?", so by default an unescaped ``.`` or ``?``
    at the very end is a tone only when that gives a Vietnamese syllable ("ma." → "mạ",
    "idea." stays "idea.").
    """
    decoded, trailing_tone = _decode_viqr(word)
    if trailing_tone and not strict:
        literal, _ = _decode_viqr(word[:-1])
        if not is_syllable(decoded) or not decoded.isalpha():
            return literal + word[-1]
    return decoded


def decode_viqr(text: str, *, strict: bool = True) -> str:
    """VIQR → NFC Unicode for the whole text, word by word (``decode_viqr_word``).

    Strict by default, the exact inverse of ``encode_viqr``; ``fix_legacy`` decodes
    detected runs with ``strict=False``.
    """
    out: list[str] = []
    word: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _VIQR_ESCAPABLE:
            word.append(text[i : i + 2])
            i += 2
            continue
        if ch.isalpha() or (ch in VIQR_MARKS and word):
            word.append(ch)
        else:
            if word:
                out.append(decode_viqr_word("".join(word), strict=strict))
                word.clear()
            out.append(ch)
        i += 1
    if word:
        out.append(decode_viqr_word("".join(word), strict=strict))
    return "".join(out)


def _decode_viqr(word: str) -> tuple[str, bool]:
    """Return (decoded, whether the last char was consumed as an end-of-word ./? tone)."""
    out: list[str] = []
    i = 0
    n = len(word)
    trailing = False
    while i < n:
        ch = word[i]
        if ch == "\\" and i + 1 < n and word[i + 1] in _VIQR_ESCAPABLE:
            out.append(word[i + 1])
            i += 2
            continue
        if ch in "dD" and i + 1 < n and word[i + 1] in "dD":
            out.append("đ" if ch == "d" else "Đ")
            i += 2
            continue
        if ch in _VOWELS_ASCII:
            letter = ch
            i += 1
            if i < n:
                modified = _VIQR_APPLY.get((ch.lower(), word[i]))
                if modified:
                    letter = modified.upper() if ch.isupper() else modified
                    i += 1
            if i < n and word[i] in VIQR_TONE_MARKS:
                tone = _VIQR_TONE_OF_MARK[word[i]]
                letter = _compose(letter, _TONE_MARK[tone])
                trailing = i == n - 1 and word[i] in ".?"
                i += 1
            out.append(letter)
            continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out)), trailing
