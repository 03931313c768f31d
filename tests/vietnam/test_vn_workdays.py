"""Working days and deadlines (R-QA-1) across Tết, 30/4–1/5, 2/9, 24/11 and swaps.

Holiday dates come from the ``holidays`` package (>= 0.108); 2027 Tết is that
package's estimate until the Prime Minister's notice, so the 2027 tests assert the
days it gives and the arithmetic on them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from congthongtin.vietnam.workdays import WorkCalendar

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: dt.tzinfo | None = HCM):
    return dt.datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_friday_evening_question_appendix_b(cal: WorkCalendar) -> None:
    # Received Fri 20/11/2026 17:30 (after hours) → count from Mon 23/11 08:00; Tue 24/11
    # is Ngày Văn hóa Việt Nam; days: 23, 25, 26, 27, 30 → due Mon 30/11/2026 17:00.
    received = at(2026, 11, 20, 17, 30)
    assert cal.start_of_period(received) == at(2026, 11, 23, 8, 0)
    assert cal.holiday_name(D(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    due = cal.add_working_days(received, 5)
    assert due == at(2026, 11, 30, 17, 0)
    assert due.tzinfo is HCM
    # 8 and 10 working days (R-QA-1: several bodies; special cases).
    assert cal.add_working_days(received, 8) == at(2026, 12, 3, 17, 0)
    assert cal.add_working_days(received, 10) == at(2026, 12, 7, 17, 0)
    # Day-based counting of Appendix B gives the same dates.
    assert cal.add_working_days(D(2026, 11, 20), 5) == D(2026, 11, 30)
    assert cal.add_working_days(D(2026, 11, 20), 10) == D(2026, 12, 7)
    assert cal.working_days_between(D(2026, 11, 20), D(2026, 11, 30)) == 5


def test_friday_within_hours_counts_the_rest_of_friday(cal: WorkCalendar) -> None:
    # 16:00 Friday: 1 h on Friday, Mon, Wed, Thu, Fri (4 × 9 h), 8 h on Mon 30/11.
    assert cal.add_working_days(at(2026, 11, 20, 16, 0), 5) == at(2026, 11, 30, 16, 0)
    # Exactly at closing time counts as after hours.
    assert cal.add_working_days(at(2026, 11, 20, 17, 0), 5) == at(2026, 11, 30, 17, 0)
    # Before opening on a working day: from 08:00 that day.
    assert cal.start_of_period(at(2026, 11, 20, 6, 45)) == at(2026, 11, 20, 8, 0)
    assert cal.add_working_days(at(2026, 11, 20, 6, 45), 1) == at(2026, 11, 20, 17, 0)


def test_naive_and_other_time_zones(cal: WorkCalendar) -> None:
    naive = dt.datetime(2026, 11, 20, 17, 30)
    assert cal.add_working_days(naive, 5) == dt.datetime(2026, 11, 30, 17, 0)
    # 10:30 UTC is 17:30 in Hà Nội: same deadline, returned in UTC.
    utc = at(2026, 11, 20, 10, 30, tz=dt.UTC)
    due = cal.add_working_days(utc, 5)
    assert due.tzinfo is dt.UTC
    assert due == at(2026, 11, 30, 10, 0, tz=dt.UTC)
    assert cal.is_working_day(at(2026, 11, 23, 18, 0, tz=dt.UTC)) is False  # 01:00 on 24/11


def test_tet_2026(cal: WorkCalendar) -> None:
    for day in range(16, 21):  # Mon 16/2 (29 Tết) … Fri 20/2/2026 (Mùng 4)
        assert not cal.is_working_day(D(2026, 2, day))
    assert cal.holiday_name(D(2026, 2, 17)) == "Tết Nguyên Đán"
    assert cal.is_working_day(D(2026, 2, 13)) and cal.is_working_day(D(2026, 2, 23))
    # Friday before Tết, 10:00: 7 h that day, then Mon 23 … Thu 26 (36 h), 2 h on Fri 27/2.
    assert cal.add_working_days(at(2026, 2, 13, 10, 0), 5) == at(2026, 2, 27, 10, 0)
    # Arriving during Tết: counted from 08:00 on Mon 23/2.
    assert cal.start_of_period(at(2026, 2, 18, 9, 0)) == at(2026, 2, 23, 8, 0)
    assert cal.add_working_days(at(2026, 2, 18, 9, 0), 5) == at(2026, 2, 27, 17, 0)
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 27)) == 5


def test_tet_2027(cal: WorkCalendar) -> None:
    # Mùng 1 Tết Đinh Mùi is Sat 6/2/2027; the package gives 4/2–10/2 off.
    for day in range(4, 11):
        assert not cal.is_working_day(D(2027, 2, day)), day
    assert cal.is_working_day(D(2027, 2, 3)) and cal.is_working_day(D(2027, 2, 11))
    # Received Wed 3/2/2027 at 17:30: the next working day is Thu 11/2.
    assert cal.add_working_days(at(2027, 2, 3, 17, 30), 1) == at(2027, 2, 11, 17, 0)
    assert cal.add_working_days(at(2027, 2, 3, 17, 30), 5) == at(2027, 2, 17, 17, 0)


def test_30_april_and_1_may(cal: WorkCalendar) -> None:
    # 2026: 26/4 (Giỗ Tổ, Sunday) observed Mon 27/4; 30/4 Thu and 1/5 Fri off.
    for day in (D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1)):
        assert not cal.is_working_day(day)
    # Received Wed 29/4 at 17:30 → start Mon 4/5; 3 working days → Wed 6/5 17:00.
    assert cal.add_working_days(at(2026, 4, 29, 17, 30), 3) == at(2026, 5, 6, 17, 0)
    # 2027: 1/5 is a Saturday, observed Mon 3/5.
    assert not cal.is_working_day(D(2027, 5, 3))
    # Thu 29/4/2027: Fri 30/4 off, weekend, Mon 3/5 off → Tue 4/5 (1), Wed 5/5 (2).
    assert cal.add_working_days(D(2027, 4, 29), 2) == D(2027, 5, 5)


def test_national_day_2026_and_swapped_saturday(cal: WorkCalendar) -> None:
    # 2026: 31/8 off in exchange for Saturday 22/8 worked; 1/9 and 2/9 National Day.
    for day in (D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)):
        assert not cal.is_working_day(day)
    assert cal.is_working_day(D(2026, 8, 22))  # the swapped working Saturday
    assert not WorkCalendar(use_package_swaps=False).is_working_day(D(2026, 8, 22))
    # Received Fri 21/8 at 17:30: counting starts on Saturday 22/8 at 08:00.
    assert cal.start_of_period(at(2026, 8, 21, 17, 30)) == at(2026, 8, 22, 8, 0)
    assert cal.add_working_days(at(2026, 8, 21, 17, 30), 2) == at(2026, 8, 24, 17, 0)
    # Research Appendix B: received 28/8/2026, 5 working days → 9/9/2026.
    assert cal.add_working_days(D(2026, 8, 28), 5) == D(2026, 9, 9)
    assert cal.add_working_days(at(2026, 8, 28, 17, 30), 5) == at(2026, 9, 9, 17, 0)


def test_caller_supplied_swap() -> None:
    # A body announces Mon 23/11/2026 off, worked on Sat 28/11 (the swap once proposed).
    cal = WorkCalendar(extra_days_off=[D(2026, 11, 23)], extra_working_days=[D(2026, 11, 28)])
    assert not cal.is_working_day(D(2026, 11, 23))
    assert cal.is_working_day(D(2026, 11, 28))
    assert cal.holiday_name(D(2026, 11, 23)) == "Ngày nghỉ hoán đổi"
    # Fri 20/11 17:30: Wed 25 (1), Thu 26 (2), Fri 27 (3), Sat 28 (4), Mon 30 (5).
    assert cal.add_working_days(at(2026, 11, 20, 17, 30), 5) == at(2026, 11, 30, 17, 0)
    assert cal.add_working_days(at(2026, 11, 20, 17, 30), 4) == at(2026, 11, 28, 17, 0)
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=[D(2026, 1, 2)], extra_working_days=[D(2026, 1, 2)])


def test_weekends_and_configurable_hours() -> None:
    cal = WorkCalendar(work_start=dt.time(7, 0), work_end=dt.time(17, 0))
    assert cal.day_length == dt.timedelta(hours=10)
    assert not cal.is_working_day(D(2026, 11, 21)) and not cal.is_working_day(D(2026, 11, 22))
    assert cal.start_of_period(at(2026, 11, 21, 10, 0)) == at(2026, 11, 23, 7, 0)
    assert cal.add_working_days(at(2026, 11, 23, 7, 0), 1) == at(2026, 11, 23, 17, 0)


def test_inverse_operations(cal: WorkCalendar) -> None:
    for received in (at(2026, 11, 20, 17, 30), at(2026, 2, 13, 10, 0), at(2026, 8, 21, 12)):
        for n in (0, 1, 5, 8, 10):
            due = cal.add_working_days(received, n)
            assert cal.working_time_between(received, due) == n * cal.day_length
            assert cal.is_working_day(due)
    assert cal.add_working_days(D(2026, 11, 21), 0) == D(2026, 11, 23)
    assert cal.working_days_between(D(2026, 11, 30), D(2026, 11, 20)) == -5
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 11, 20), -1)
