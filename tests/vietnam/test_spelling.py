"""Typo correction against a vocabulary (``vietnam.spelling``)."""

import pytest

from congthongtin.vietnam import everyday
from congthongtin.vietnam.spelling import Vocabulary, distance, telex_readings

TITLES = [
    "Đăng ký kết hôn",
    "Đăng ký khai sinh",
    "Đăng ký thường trú",
    "Cấp giấy phép xây dựng",
    "Cấp giấy phép lái xe",
    "Thu mua phế liệu",
    "Cấp Giấy chứng nhận quyền sử dụng đất",
    "Đường giao thông nông thôn",
    "Chứng thực bản sao từ bản chính",
]


@pytest.fixture(scope="module")
def vocabulary():
    vocabulary = Vocabulary(TITLES)
    for entry in everyday.SHIPPED:
        vocabulary.add(entry.phrase)
        for term in entry.terms:
            vocabulary.add(term)
    return vocabulary


@pytest.mark.parametrize(
    ("typed", "display"),
    [
        ("dang kys kest hon", "đăng ký kết hôn"),  # Telex tone keys left in
        ("giay phpe", "giấy phép"),  # neighbours swapped
        ("giay phep xay dugn", "giấy phép xây dựng"),  # "dựng" after "xây", not "dụng"
        ("dduwowngf giao thong", "đường giao thông"),  # whole Telex word
        ("cap giay chung nhna", "cấp giấy chứng nhận"),
        ("dang ky khia sinh", "đăng ký khai sinh"),
        ("chung thuc bna sao", "chứng thực bản sao"),
    ],
)
def test_typos_are_corrected_and_shown_accented(vocabulary, typed, display):
    correction = vocabulary.correct(typed)
    assert correction.changed
    assert correction.display == display


def test_context_chooses_between_neighbours(vocabulary):
    # "phpe" is one edit from "phep" and two from "phe"; after "giay" only "phep" follows.
    assert vocabulary.correct("giay phpe").keys == ("giay", "phep")
    assert vocabulary.correct("thu mua phe lieu").changed is False


def test_known_words_numbers_and_short_words_are_left_alone(vocabulary):
    for query in ("đăng ký kết hôn", "dang ki ket hon", "42/2022/nd-cp", "x 12"):
        assert not vocabulary.correct(query).changed, query


def test_an_unknown_word_far_from_everything_stays(vocabulary):
    correction = vocabulary.correct("giay zzzzzzz")
    assert correction.keys == ("giay", "zzzzzzz")
    assert not correction.changed


def test_changes_name_the_typed_word_and_its_correction(vocabulary):
    assert vocabulary.correct("giay phpe").changes == (("phpe", "phep"),)


def test_accented_words_typed_right_stay_as_typed(vocabulary):
    assert vocabulary.correct("Giấy phpe").display == "giấy phép"


def test_distance_is_restricted_damerau_levenshtein():
    assert distance("phep", "phpe") == 1
    assert distance("phep", "phe") == 1
    assert distance("ket", "kest") == 1
    assert distance("abc", "ca") == 3
    assert distance("", "abc") == 3


def test_telex_readings():
    assert "ki" in telex_readings("kys")
    assert "ket" in telex_readings("kest")
    assert "duong" in telex_readings("dduwowngf")
    assert "kys" not in telex_readings("kys")


def test_vocabulary_counts_words_and_pairs():
    vocabulary = Vocabulary(["Giấy phép", "giấy phép lái xe"])
    assert vocabulary.counts["giay"] == 2
    assert vocabulary.pairs[("giay", "phep")] == 2
    assert "giấy" in vocabulary and "GIAY" in vocabulary
    assert vocabulary.surface("giay") == "giấy"
