"""Amounts in words as Vietnamese accounting documents write them (vietnam.money)."""

from __future__ import annotations

import random

import pytest

from congthongtin.vietnam.money import amount_in_words, format_dong, number_in_words

GOLDEN = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (5_000, "Năm nghìn đồng"),
    (50_000, "Năm mươi nghìn đồng"),
    (180_000, "Một trăm tám mươi nghìn đồng"),
    (234_000, "Hai trăm ba mươi tư nghìn đồng"),
    (1_800_000, "Một triệu tám trăm nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (2_000_000, "Hai triệu đồng"),
    # The accounting convention: zero hundreds and zero tens inside the number are read.
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (1_000_015, "Một triệu không trăm mười lăm đồng"),
    (3_021_041, "Ba triệu không trăm hai mươi mốt nghìn không trăm bốn mươi mốt đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (2_005_000_000, "Hai tỷ không trăm linh năm triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (
        15_234_567_891,
        "Mười lăm tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín "
        "mươi mốt đồng",
    ),
]


@pytest.mark.parametrize(("n", "words"), GOLDEN)
def test_amount_in_words__golden(n, words):
    assert amount_in_words(n) == words


def test_amount_in_words__refuses_negative_and_non_integers():
    with pytest.raises(ValueError):
        amount_in_words(-1)
    with pytest.raises(TypeError):
        amount_in_words(1.5)
    with pytest.raises(TypeError):
        amount_in_words(True)


def _agrees_with_speech(n: int) -> bool:
    """Both conventions read n alike: every group after the first has a hundreds digit."""
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    return all(group >= 100 for group in groups[:-1])


def test_amount_in_words__matches_num2words_where_conventions_agree():
    from num2words import num2words

    rng = random.Random(20260706)
    numbers = [1, 9, 15, 21, 99, 100, 111, 999, 1_234_567, 987_654_321, 123_456_789_012]
    numbers += [rng.randrange(1, 10**12) for _ in range(3000)]
    checked = 0
    for n in numbers:
        if not _agrees_with_speech(n):
            continue
        spoken = num2words(n, lang="vi").replace(" lẻ ", " linh ")
        ours = number_in_words(n).replace("mươi tư", "mươi bốn")
        assert ours == spoken, n
        checked += 1
    assert checked > 1000


def test_num2words_drops_the_zero_hundreds_accounting_needs():
    from num2words import num2words

    assert num2words(1_005_000, lang="vi") == "một triệu năm nghìn"
    assert number_in_words(1_005_000) == "một triệu không trăm linh năm nghìn"


def test_format_dong__thousands_separated_by_dots():
    assert format_dong(1_800_000) == "1.800.000 đ"
    assert format_dong(0) == "0 đ"
    assert format_dong(999) == "999 đ"
    assert format_dong(2_340_000, unit="") == "2.340.000"
