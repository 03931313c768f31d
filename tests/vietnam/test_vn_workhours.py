"""Working time in hours (rule 5 of ``vietnam.workdays``, R-SLA-1): 08:00–12:00 and
13:00–17:00 on working days, the lunch break, nights, weekends and holidays not counted.

Holidays from the ``holidays`` package: Giỗ Tổ Hùng Vương fell on Monday 7/4/2025.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congthongtin.vietnam.workdays import DEFAULT_PERIODS, WorkCalendar

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: dt.tzinfo | None = HCM):
    return dt.datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_news_friday_15h__monday_giỗ_tổ__due_tuesday_15h(cal: WorkCalendar) -> None:
    # 2 h Friday (15–17), Sat/Sun off, Mon 7/4/2025 Giỗ Tổ, 4 h Tue morning, 2 h afternoon.
    assert cal.holiday_name(dt.date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"
    due = cal.add_working_time(at(2025, 4, 4, 15, 0), 8 * H)
    assert due == at(2025, 4, 8, 15, 0)
    assert cal.elapsed_working_time(at(2025, 4, 4, 15, 0), due) == 8 * H


def test_body_day_off_counts_like_a_holiday() -> None:
    # Monday 14/4/2025 is an ordinary working day unless the body declares it off.
    plain = WorkCalendar()
    assert plain.add_working_time(at(2025, 4, 11, 15, 0), 8 * H) == at(2025, 4, 14, 15, 0)
    off = WorkCalendar(extra_days_off=[dt.date(2025, 4, 14)])
    assert off.add_working_time(at(2025, 4, 11, 15, 0), 8 * H) == at(2025, 4, 15, 15, 0)


def test_lunch_break_not_counted(cal: WorkCalendar) -> None:
    assert cal.add_working_time(at(2025, 4, 9, 11, 0), 2 * H) == at(2025, 4, 9, 14, 0)
    assert cal.elapsed_working_time(at(2025, 4, 9, 11, 30), at(2025, 4, 9, 13, 30)) == H


def test_start_outside_working_time_starts_at_next_period(cal: WorkCalendar) -> None:
    # During lunch: from 13:00. Before opening: from 08:00. After hours: next morning.
    assert cal.add_working_time(at(2025, 4, 9, 12, 20), H) == at(2025, 4, 9, 14, 0)
    assert cal.add_working_time(at(2025, 4, 9, 6, 45), H) == at(2025, 4, 9, 9, 0)
    assert cal.add_working_time(at(2025, 4, 9, 19, 0), H) == at(2025, 4, 10, 9, 0)
    # Saturday → Monday morning.
    assert cal.add_working_time(at(2025, 4, 12, 10, 0), 30 * M) == at(2025, 4, 14, 8, 30)


def test_amount_ending_at_a_period_end_gives_that_end(cal: WorkCalendar) -> None:
    assert cal.add_working_time(at(2025, 4, 9, 8, 0), 4 * H) == at(2025, 4, 9, 12, 0)
    assert cal.add_working_time(at(2025, 4, 9, 8, 0), 8 * H) == at(2025, 4, 9, 17, 0)
    assert cal.add_working_time(at(2025, 4, 9, 8, 0), dt.timedelta(0)) == at(2025, 4, 9, 8, 0)


def test_elapsed_is_signed(cal: WorkCalendar) -> None:
    due = at(2025, 4, 8, 15, 0)
    published = at(2025, 4, 9, 9, 30)  # 2 h Tue afternoon + 1.5 h Wed morning
    assert cal.elapsed_working_time(due, published) == dt.timedelta(hours=3, minutes=30)
    assert cal.elapsed_working_time(published, due) == -dt.timedelta(hours=3, minutes=30)
    # Nights and weekends add nothing.
    weekend = (at(2025, 4, 11, 17, 0), at(2025, 4, 14, 8, 0))
    assert cal.elapsed_working_time(*weekend) == dt.timedelta(0)


def test_custom_periods_from_a_body(cal: WorkCalendar) -> None:
    summer = ((dt.time(7, 0), dt.time(11, 30)), (dt.time(13, 30), dt.time(17, 0)))
    # 8 h a day: 4.5 + 3.5.
    assert cal.add_working_time(at(2025, 4, 9, 7, 0), 8 * H, summer) == at(2025, 4, 9, 17, 0)
    assert cal.add_working_time(at(2025, 4, 9, 11, 0), H, summer) == at(2025, 4, 9, 14, 0)
    with pytest.raises(ValueError):
        cal.add_working_time(at(2025, 4, 9, 7, 0), H, ((dt.time(12, 0), dt.time(8, 0)),))


def test_tết_2026_is_skipped(cal: WorkCalendar) -> None:
    # Tết Bính Ngọ: 14/2–22/2/2026 off; Friday 13/2 16:00 + 2 h → Monday 23/2 09:00.
    assert cal.add_working_time(at(2026, 2, 13, 16, 0), 2 * H) == at(2026, 2, 23, 9, 0)


def test_timezones_and_naive(cal: WorkCalendar) -> None:
    utc = dt.datetime(2025, 4, 4, 8, 0, tzinfo=dt.UTC)  # 15:00 in Hà Nội
    due = cal.add_working_time(utc, 8 * H)
    assert due.tzinfo is dt.UTC
    assert due == at(2025, 4, 8, 15, 0)
    naive = dt.datetime(2025, 4, 4, 15, 0)
    assert cal.add_working_time(naive, 8 * H) == dt.datetime(2025, 4, 8, 15, 0)


def test_negative_amount_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_working_time(at(2025, 4, 9, 8, 0), -H)


ROUND_TRIP_CAL = WorkCalendar()


@settings(max_examples=150, deadline=None)
@given(
    start=st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 1)),
    minutes=st.integers(min_value=0, max_value=60 * 8 * 15),
)
def test_round_trip_add_then_measure(start: dt.datetime, minutes: int) -> None:
    """Adding x then measuring from the effective start gives x back; measuring from any
    start gives x too, since time outside the periods counts nothing."""
    start = start.replace(tzinfo=HCM, microsecond=0)
    amount = dt.timedelta(minutes=minutes)
    due = ROUND_TRIP_CAL.add_working_time(start, amount, DEFAULT_PERIODS)
    assert due >= start
    assert ROUND_TRIP_CAL.elapsed_working_time(start, due) == amount
    assert ROUND_TRIP_CAL.elapsed_working_time(due, start) == -amount
