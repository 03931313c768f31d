"""Amounts in đồng written the Vietnamese way (projects.money)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congthongtin.projects.money import exact, group_thousands, short


@pytest.mark.parametrize(
    ("amount", "rounded", "written"),
    [
        (12_500_000_000, "12,5 tỷ đồng", "12.500.000.000 đồng"),
        (850_000_000, "850 triệu đồng", "850.000.000 đồng"),
        (1_234_567_890, "1,23 tỷ đồng", "1.234.567.890 đồng"),
        (14_800_000_000, "14,8 tỷ đồng", "14.800.000.000 đồng"),
        (1_000_000, "1 triệu đồng", "1.000.000 đồng"),
        (999_999, "999.999 đồng", "999.999 đồng"),
        (45_678_000_000_000, "45.678 tỷ đồng", "45.678.000.000.000 đồng"),
        (0, "0 đồng", "0 đồng"),
    ],
)
def test_short_and_exact(amount, rounded, written):
    assert short(amount) == rounded
    assert exact(amount) == written


def test_none__empty():
    assert short(None) == "" and exact(None) == ""


@given(st.integers(min_value=0, max_value=10**15))
def test_group_thousands__round_trip(amount):
    assert int(group_thousands(amount).replace(".", "")) == amount
