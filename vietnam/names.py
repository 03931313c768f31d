"""Vietnamese personal names: account user names (R-ACC-1, S2 Điều 11.1a).

"Tên đăng nhập là chữ cái đầu của họ và tên đệm, tiếp theo là tên, viết liền không dấu":
"Nguyễn Văn An" → ``nvan``; "Trần Thị Bình" → ``ttbinh``; "Lê Cường" → ``lcuong``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .fold import fold

_NON_LETTER = re.compile(r"[^a-z]")


def split_full_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An"): family and middle names, then the given name."""
    words = full_name.split()
    if not words:
        raise ValueError("empty name")
    return " ".join(words[:-1]), words[-1]


def username_base(full_name: str) -> str:
    """Initials of family and middle names + the given name, folded to ASCII."""
    words = [_NON_LETTER.sub("", fold(word)) for word in full_name.split()]
    words = [word for word in words if word]
    if not words:
        raise ValueError(f"no letters in name: {full_name!r}")
    return "".join(word[0] for word in words[:-1]) + words[-1]


def unique_username(full_name: str, taken: Callable[[str], bool]) -> str:
    """``nvan``, then ``nvan2``, ``nvan3`` … while ``taken(candidate)`` is true."""
    base = username_base(full_name)
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}{n}"
    return candidate
