"""Search keys and ASCII slugs for Vietnamese text.

``fold`` gives a lower-case key without diacritics, ``đ`` → ``d``; ``slugify`` gives an
ASCII slug ("Đà Nẵng" → ``da-nang``). Django's own ``slugify`` drops Đ/đ entirely
("Đà Nẵng" → ``a-nang``), which is why this module exists.
"""

from __future__ import annotations

import re
import unicodedata

# Đ/đ have no canonical decomposition, so NFD leaves them alone; map them first. U+00D0/
# U+00F0 (Icelandic eth) are look-alikes that legacy text and typists use for Đ/đ.
_D_MAP = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """Remove every combining mark and map Đ/đ to D/d; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Lower-case search key without diacritics; white space collapsed. Idempotent."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


def slugify(text: str, max_length: int | None = None) -> str:
    """ASCII slug: "Thủ tục hành chính" → ``thu-tuc-hanh-chinh``, "Đà Nẵng" → ``da-nang``."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
