"""ASCII slugs for Vietnamese titles, on the server and in the admin's slug field.

Wagtail's client-side slugify has no Vietnamese transliteration ("Thủ tục" → "th-tc") and
Django's drops Đ/đ ("Đà Nẵng" → "a-nang"). The server uses ``vietnam.fold.slugify``; the
admin's ``SlugInput`` gets *formatters* (regex → replacement, applied before Wagtail's own
urlify) that fold every Vietnamese letter to its ASCII base, so what the editor sees while
typing is what the server will store.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from django import forms
from wagtail.admin.widgets.slug import SlugInput

from congthongtin.vietnam.fold import slugify, strip_diacritics

_VIETNAMESE_BASES = "aAeEiIoOuUyYdD"


@cache
def slug_formatters() -> tuple[tuple[str, str, str], ...]:
    """(character class, ASCII letter, flags) for every accented Vietnamese letter."""
    groups: dict[str, set[str]] = {}
    for code in range(0x00C0, 0x1EFA):
        char = chr(code)
        if not char.isalpha() or not unicodedata.name(char, "").startswith("LATIN"):
            continue
        base = strip_diacritics(char)
        if len(base) == 1 and base in _VIETNAMESE_BASES and base != char:
            groups.setdefault(base, set()).add(char)
    # Combining marks (NFD input pasted from macOS or PDF) are dropped outright.
    formatters = [("[\u0300-\u036f]", "", "g")]
    for base in sorted(groups):
        chars = "".join(sorted(groups[base]))
        formatters.append((f"[{re.escape(chars)}]", base, "g"))
    return tuple(formatters)


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug widget with Vietnamese letters folded to ASCII as the editor types."""

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs=attrs, formatters=list(slug_formatters()), **kwargs)


class VietnameseSlugField(forms.SlugField):
    """Accepts a Vietnamese slug typed by hand and stores its ASCII form."""

    def to_python(self, value):
        value = super().to_python(value)
        return slugify(value) if value else value


def free_child_slug(parent, base: str, default: str) -> str:
    """``base`` (``default`` when it is empty), else ``base-2``, ``base-3``…: the first slug
    no child of the page ``parent`` has. What the importers name a new draft with; the
    caller shortens ``base`` to its own length first."""
    base = base or default
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
