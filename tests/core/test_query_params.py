"""Parsing of the listings' query parameters: bad values give None, never an error."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congthongtin.core.filters import BoundedDateField, MonthField
from congthongtin.core.query_params import (
    choice,
    iso_week_label,
    month_range,
    parse_date,
    parse_int,
    parse_iso_week,
    parse_month,
    parse_year,
    read_date,
    truthy,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11", (2026, 11)),
        (" 2026-1 ", (2026, 1)),
        ("2026-13", None),
        ("2026-00", None),
        ("11/2026", None),
        ("", None),
        (None, None),
        ("٢٠٢٦-١١", None),  # non-ASCII digits
    ],
)
def test_parse_month(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24/06/2022", dt.date(2022, 6, 24)),
        ("1/2/2026", dt.date(2026, 2, 1)),
        ("2026-11-23", dt.date(2026, 11, 23)),
        ("31/02/2026", None),
        ("24-06-2022", dt.date(2022, 6, 24)),  # legal's filters took these too
        ("24.06.2022", dt.date(2022, 6, 24)),
        ("24/06-2022", None),  # one separator throughout
        (" 24/06/2022 ", dt.date(2022, 6, 24)),
        ("99/99/9999", None),
        ("9999-99-99", None),
        ("2022-6-24", dt.date(2022, 6, 24)),
        ("24/06/22", None),
        ("٢٤/٠٦/٢٠٢٢", None),  # non-ASCII digits
        ("1" * 5000, None),
        ("", None),
        (None, None),
        (dt.date(2022, 6, 24), dt.date(2022, 6, 24)),
        # Bounds (core.query_params.EARLIEST_DATE, LATEST_DATE): beyond them the filters
        # overflowed when adding a day or converting to UTC.
        ("01/01/1900", dt.date(1900, 1, 1)),
        ("31/12/1899", None),
        ("31/12/2999", dt.date(2999, 12, 31)),
        ("01/01/3000", None),
        ("31/12/9999", None),
        ("0001-01-01", None),
    ],
)
def test_parse_date__vietnamese_order(value, expected):
    assert parse_date(value) == expected


def test_read_date__any_year_that_exists():
    assert read_date("31/12/9999") == dt.date(9999, 12, 31)
    assert read_date("0001-01-01") == dt.date(1, 1, 1)
    assert read_date("0000-01-01") is None
    assert read_date("29/02/2023") is None
    assert read_date(dt.datetime(2022, 6, 24, 23, 59)) == dt.date(2022, 6, 24)


@pytest.mark.parametrize(
    ("field", "value", "expected", "error"),
    [
        (BoundedDateField(), "24/06/2022", dt.date(2022, 6, 24), None),
        (BoundedDateField(), "2022-06-24", dt.date(2022, 6, 24), None),
        (BoundedDateField(), "24-06-2022", dt.date(2022, 6, 24), None),
        (BoundedDateField(), "31/02/2022", None, "invalid"),
        (BoundedDateField(), "31/12/9999", None, "out_of_range"),
        (BoundedDateField(), "0001-01-01", None, "out_of_range"),
        (BoundedDateField(), "x" * 5000, None, "invalid"),
        (BoundedDateField(required=False), "", None, None),
        (MonthField(), "2026-11", dt.date(2026, 11, 1), None),
        (MonthField(), "9999-12", None, "out_of_range"),
        (MonthField(), "0001-01", None, "out_of_range"),
        (MonthField(), "0000-01", None, "invalid"),
        (MonthField(), "2026-13", None, "invalid"),
    ],
)
def test_date_form_fields__read_by_the_same_parser(field, value, expected, error):
    """core.filters' fields (admin filter forms) read dates with core.query_params."""
    try:
        assert field.clean(value) == expected
        assert error is None
    except ValidationError as raised:
        assert raised.code == error


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-W48", (2026, 48)),
        ("2026W48", (2026, 48)),
        ("2026-w01", (2026, 1)),
        ("2020-W53", (2020, 53)),  # 2020 has 53 ISO weeks
        ("2026-W53", (2026, 53)),  # 2026 begins on a Thursday: 53 ISO weeks
        ("2025-W53", None),  # 2025 has 52
        ("2026-W00", None),
        ("2026-48", None),
    ],
)
def test_parse_iso_week(value, expected):
    assert parse_iso_week(value) == expected


def test_iso_week_label__year_boundary_uses_iso_year():
    assert iso_week_label(dt.date(2026, 11, 23)) == "2026-W48"
    assert iso_week_label(dt.date(2027, 1, 1)) == "2026-W53"
    assert iso_week_label(dt.date(2024, 12, 30)) == "2025-W01"


def test_parse_int_and_year__range_and_digits_only():
    assert parse_int("3", 1, 4) == 3
    assert parse_int("5", 1, 4) is None
    assert parse_int("-1", 1, 4) is None
    assert parse_int("1e3", 1, 9999) is None
    assert parse_year("2026") == 2026
    assert parse_year("12026") is None
    assert parse_year("9" * 40) is None


def test_choice_and_truthy():
    assert choice("dau-gia", {"dau-gia", "hop"}) == "dau-gia"
    assert choice("<script>", {"dau-gia"}) is None
    assert truthy("1") and truthy("true") and not truthy("maybe") and not truthy(None)


def test_month_range__december_rolls_over_in_local_time():
    start, end = month_range(2026, 12)
    assert (start.year, start.month, start.day, start.hour) == (2026, 12, 1, 0)
    assert (end.year, end.month, end.day) == (2027, 1, 1)
    assert start.utcoffset() == dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh
