"""Folding, slugs, syllable shapes, and the library's independence from Django."""

from __future__ import annotations

import pathlib
import subprocess
import sys

from congthongtin.vietnam.fold import fold, slugify, strip_diacritics
from congthongtin.vietnam.syllable import is_syllable

REPO = pathlib.Path(__file__).resolve().parents[2]


def test_fold() -> None:
    assert fold("Đà Nẵng") == "da nang"
    assert fold("ĐÀ  NẴNG\n") == "da nang"
    assert fold("Ðà Nẵng, ðường") == "da nang, duong"
    assert fold("Thủy lợi") == fold("Thuỷ lợi") == "thuy loi"
    assert fold("Hòa Bình") == fold("Hoà Bình") == "hoa binh"
    assert fold("42/2022/NĐ-CP") == fold("42/2022/ND-CP") == "42/2022/nd-cp"
    assert strip_diacritics("Quyết Định") == "Quyet Dinh"


def test_slugify() -> None:
    assert slugify("Thủ tục hành chính") == "thu-tuc-hanh-chinh"
    assert slugify("Đà Nẵng") == "da-nang"
    assert slugify("541/QĐ-UBND") == "541-qd-ubnd"
    assert slugify("Quy chế hoạt động của Trang thông tin", max_length=15) == "quy-che-hoat-do"
    assert slugify("  --  ") == ""


def test_syllables() -> None:
    for word in ("ngày", "người", "được", "khuỷu", "quyết", "giếng", "gì", "thuỷ", "thủy"):
        assert is_syllable(word), word
    for word in ("ngµy", "cöù", "baó", "tôt", "trùc", "ci", "ka", "Müller", "website"):
        assert not is_syllable(word), word


def test_library_imports_no_django() -> None:
    # pytest-django imports Django in this process; check a fresh interpreter instead.
    code = (
        "import vietnam.text, vietnam.fold, vietnam.documents, vietnam.workdays, sys; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
