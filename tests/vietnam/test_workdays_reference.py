"""The calendar arithmetic of ``vietnam.workdays`` against the day-by-day walk it replaced
(issue 24: the dashboard's working time left of hundreds of weeks-overdue items).

``reference_*`` are the bodies of ``WorkCalendar``'s methods as they were before the
arithmetic (commit c70a4c4), kept verbatim apart from ``self`` → ``cal``: they walk every
day from start to end and ask the ``holidays`` package about each. The property tests draw
thousands of moments over three years (Tết, 30/4–1/5, 2/9, 24/11, the package's swapped
Saturday 22/8/2026, the callers' swaps), in both directions, in and out of working hours,
naive and aware, and require the same result, exception included. ``bench/workdays.py``
times the two.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from congthongtin.vietnam.workdays import DEFAULT_PERIODS, VN_TZ, WorkCalendar, _checked_periods

D = dt.date


# --- the day walk (reference) --------------------------------------------------------------


def reference_is_working_day(cal: WorkCalendar, day) -> bool:
    day = cal._as_date(day)
    if day in cal.extra_working_days:
        return True
    if day in cal.extra_days_off or day in cal._holidays:
        return False
    if day in cal._swapped_working:
        return True
    return day.weekday() < 5


def reference_next_working_day(cal: WorkCalendar, day, *, include: bool = False) -> dt.date:
    day = cal._as_date(day)
    if not include:
        day += dt.timedelta(days=1)
    for _ in range(3660):
        if reference_is_working_day(cal, day):
            return day
        day += dt.timedelta(days=1)
    raise ValueError("no working day within ten years")


def reference_start_of_period(cal: WorkCalendar, received: dt.datetime) -> dt.datetime:
    local = cal._local(received)
    day = local.date()
    opening = dt.datetime.combine(day, cal.work_start)
    closing = dt.datetime.combine(day, cal.work_end)
    if reference_is_working_day(cal, day) and local < closing:
        return cal._back(max(local, opening), received)
    nxt = reference_next_working_day(cal, day)
    return cal._back(dt.datetime.combine(nxt, cal.work_start), received)


def reference_add_working_days(cal: WorkCalendar, start, n: int):  # type: ignore[no-untyped-def]
    if n < 0:
        raise ValueError("n must be >= 0")
    if not isinstance(start, dt.datetime):
        if n == 0:
            return reference_next_working_day(cal, start, include=True)
        day = start
        for _ in range(n):
            day = reference_next_working_day(cal, day)
        return day
    return reference_add_working_duration(cal, start, n * cal.day_length)


def reference_add_working_duration(
    cal: WorkCalendar, start: dt.datetime, amount: dt.timedelta
) -> dt.datetime:
    if amount < dt.timedelta(0):
        raise ValueError("amount must be >= 0")
    local = cal._local(reference_start_of_period(cal, start))
    remaining = amount
    day = local.date()
    while True:
        closing = dt.datetime.combine(day, cal.work_end)
        available = closing - local
        if remaining <= available:
            return cal._back(local + remaining, start)
        remaining -= available
        day = reference_next_working_day(cal, day)
        local = dt.datetime.combine(day, cal.work_start)


def reference_working_days_between(cal: WorkCalendar, a, b) -> int:
    start, end = cal._as_date(a), cal._as_date(b)
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        count += reference_is_working_day(cal, day)
        day += dt.timedelta(days=1)
    return sign * count


def reference_working_time_between(
    cal: WorkCalendar, a: dt.datetime, b: dt.datetime
) -> dt.timedelta:
    start, end = cal._local(a), cal._local(b)
    if end <= start:
        return dt.timedelta(0)
    total = dt.timedelta(0)
    day = start.date()
    while day <= end.date():
        if reference_is_working_day(cal, day):
            opening = max(dt.datetime.combine(day, cal.work_start), start)
            closing = min(dt.datetime.combine(day, cal.work_end), end)
            if closing > opening:
                total += closing - opening
        day += dt.timedelta(days=1)
    return total


def reference_day_periods(cal: WorkCalendar, day: dt.date, periods):
    if not reference_is_working_day(cal, day):
        return []
    return [
        (dt.datetime.combine(day, start), dt.datetime.combine(day, end)) for start, end in periods
    ]


def reference_add_working_time(
    cal: WorkCalendar, start: dt.datetime, amount: dt.timedelta, periods=DEFAULT_PERIODS
) -> dt.datetime:
    if amount < dt.timedelta(0):
        raise ValueError("amount must be >= 0")
    periods = _checked_periods(periods)
    local = cal._local(start)
    remaining = amount
    day = local.date()
    for _ in range(3660):
        for opening, closing in reference_day_periods(cal, day, periods):
            if closing <= local:
                continue
            begin = max(opening, local)
            if remaining <= closing - begin:
                return cal._back(begin + remaining, start)
            remaining -= closing - begin
        day += dt.timedelta(days=1)
    raise ValueError("no end within ten years")


def reference_elapsed_working_time(
    cal: WorkCalendar, a: dt.datetime, b: dt.datetime, periods=DEFAULT_PERIODS
) -> dt.timedelta:
    periods = _checked_periods(periods)
    start, end = cal._local(a), cal._local(b)
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    total = dt.timedelta(0)
    day = start.date()
    while day <= end.date():
        for opening, closing in reference_day_periods(cal, day, periods):
            low, high = max(opening, start), min(closing, end)
            if high > low:
                total += high - low
        day += dt.timedelta(days=1)
    return sign * total


# --- calendars and moments -----------------------------------------------------------------

T = dt.time

CALENDARS = [
    WorkCalendar(),
    # A body's own swaps: weekdays off (one next to Tết, one next to 30/4), a holiday it
    # works (2/9/2025 listed as working), a Saturday and a Sunday worked, a weekend day
    # listed off and a weekday listed working (both no-ops), odd hours with seconds.
    WorkCalendar(
        extra_days_off=[D(2025, 1, 27), D(2026, 4, 29), D(2026, 12, 31), D(2027, 3, 6)],
        extra_working_days=[D(2025, 9, 2), D(2026, 1, 10), D(2026, 12, 27), D(2027, 3, 10)],
        work_start=T(7, 30),
        work_end=T(16, 45, 30),
    ),
    WorkCalendar(use_package_swaps=False, work_start=T(0, 0), work_end=T(23, 59, 59, 999999)),
]

PERIODS = [
    DEFAULT_PERIODS,
    ((T(7, 30), T(11, 30)), (T(13, 30), T(17, 0))),
    ((T(8, 0), T(17, 0)),),
    ((T(7, 0, 0, 500), T(9, 15, 30)), (T(9, 15, 30), T(11, 0)), (T(14, 0), T(16, 59, 59, 999999))),
]

BOUNDARIES = sorted(
    {T(0, 0), T(23, 59, 59, 999999), T(12, 30)}
    | {t for cal in CALENDARS for t in (cal.work_start, cal.work_end)}
    | {t for periods in PERIODS for period in periods for t in period}
)

days = st.dates(min_value=D(2024, 12, 20), max_value=D(2028, 1, 10))
times = st.one_of(
    st.sampled_from(BOUNDARIES),
    st.times(),
    st.builds(T, st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59])),
)
zones = st.sampled_from([None, VN_TZ, dt.UTC, dt.timezone(dt.timedelta(hours=-5))])


@st.composite
def moments(draw) -> dt.datetime:
    """A wall-clock moment in Vietnam, given naive, in Vietnam's zone or in another zone
    (the same instant, another date near midnight)."""
    local = dt.datetime.combine(draw(days), draw(times))
    zone = draw(zones)
    if zone is None:
        return local
    return local.replace(tzinfo=VN_TZ).astimezone(zone)


calendars = st.sampled_from(range(len(CALENDARS)))
periods_ = st.sampled_from(PERIODS)


def outcome(call):  # type: ignore[no-untyped-def]
    """The result, or the kind and message of the exception."""
    try:
        return call()
    except (ValueError, OverflowError) as error:
        return type(error), str(error)


# --- properties ----------------------------------------------------------------------------


def test_every_day_of_four_years_is_classified_the_same() -> None:
    for cal in CALENDARS:
        day = D(2024, 12, 1)
        while day <= D(2028, 2, 1):
            assert cal.is_working_day(day) == reference_is_working_day(cal, day), day
            day += dt.timedelta(days=1)


@settings(max_examples=600, deadline=None)
@given(which=calendars, a=moments(), b=moments(), periods=periods_)
@example(0, dt.datetime(2026, 12, 7, 10, 0), dt.datetime(2026, 10, 12, 9, 0), DEFAULT_PERIODS)
@example(0, dt.datetime(2025, 12, 31, 12, 0), dt.datetime(2027, 1, 1, 13, 0), DEFAULT_PERIODS)
@example(0, dt.datetime(2026, 2, 14, 9, 0), dt.datetime(2026, 2, 22, 9, 0), DEFAULT_PERIODS)
@example(0, dt.datetime(2026, 4, 9, 12, 0), dt.datetime(2026, 4, 9, 13, 0), DEFAULT_PERIODS)
def test_elapsed_working_time(which, a, b, periods) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    assert cal.elapsed_working_time(a, b, periods) == reference_elapsed_working_time(
        cal, a, b, periods
    )


@settings(max_examples=400, deadline=None)
@given(which=calendars, a=moments(), b=moments())
@example(0, dt.datetime(2026, 11, 20, 17, 30), dt.datetime(2026, 11, 30, 17, 0))
def test_working_time_between(which, a, b) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    assert cal.working_time_between(a, b) == reference_working_time_between(cal, a, b)


@settings(max_examples=400, deadline=None)
@given(which=calendars, a=st.one_of(days, moments()), b=st.one_of(days, moments()))
@example(0, D(2026, 2, 13), D(2026, 2, 27))
@example(0, D(2026, 11, 30), D(2026, 11, 20))
def test_working_days_between(which, a, b) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    assert cal.working_days_between(a, b) == reference_working_days_between(cal, a, b)


@settings(max_examples=400, deadline=None)
@given(which=calendars, start=st.one_of(days, moments()), n=st.integers(0, 800))
@example(0, D(2026, 11, 21), 0)
@example(0, D(2027, 2, 3), 6)
@example(1, D(2026, 1, 9), 1)
@example(0, dt.datetime(2026, 2, 13, 16, 0), 5)
def test_add_working_days(which, start, n) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    assert outcome(lambda: cal.add_working_days(start, n)) == outcome(
        lambda: reference_add_working_days(cal, start, n)
    )


@settings(max_examples=400, deadline=None)
@given(
    which=calendars,
    start=moments(),
    seconds=st.one_of(
        st.integers(0, 400 * 24 * 3600),
        st.integers(0, 400).map(lambda n: n * 9 * 3600),  # whole default days
        st.sampled_from([0, 1, 3600, 9 * 3600 - 1, 9 * 3600, 9 * 3600 + 1]),
    ),
)
def test_add_working_duration(which, start, seconds) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    amount = dt.timedelta(seconds=seconds)
    assert outcome(lambda: cal.add_working_duration(start, amount)) == outcome(
        lambda: reference_add_working_duration(cal, start, amount)
    )


@settings(max_examples=400, deadline=None)
@given(
    which=calendars,
    start=moments(),
    periods=periods_,
    amount=st.one_of(
        st.integers(0, 3 * 365 * 8 * 60).map(lambda m: dt.timedelta(minutes=m)),
        st.integers(0, 600).map(lambda n: dt.timedelta(hours=8 * n)),  # whole default days
        st.timedeltas(dt.timedelta(0), dt.timedelta(days=300)),
    ),
)
@example(0, dt.datetime(2026, 2, 13, 16, 0), DEFAULT_PERIODS, dt.timedelta(hours=2))
@example(0, dt.datetime(2025, 4, 9, 19, 0), DEFAULT_PERIODS, dt.timedelta(0))
@example(0, dt.datetime(2025, 4, 9, 8, 0), DEFAULT_PERIODS, dt.timedelta(hours=8))
def test_add_working_time(which, start, periods, amount) -> None:  # type: ignore[no-untyped-def]
    cal = CALENDARS[which]
    assert outcome(lambda: cal.add_working_time(start, amount, periods)) == outcome(
        lambda: reference_add_working_time(cal, start, amount, periods)
    )


@pytest.mark.parametrize("hours", [2500 * 8, 2700 * 8, 3660 * 8, 10**6])
def test_add_working_time_looks_ten_years_ahead(hours: int) -> None:
    """Beyond 3660 days the count stops with the same error as the walk (and just under
    it gives the same moment)."""
    cal = CALENDARS[0]
    start = dt.datetime(2026, 1, 5, 9, 0)
    amount = dt.timedelta(hours=hours)
    assert outcome(lambda: cal.add_working_time(start, amount)) == outcome(
        lambda: reference_add_working_time(cal, start, amount)
    )


def test_a_calendar_built_later_in_the_year_sees_the_same_days() -> None:
    """The year tables are per calendar: a fresh calendar and a used one agree."""
    fresh = WorkCalendar()
    used = CALENDARS[0]
    a, b = dt.datetime(2025, 1, 1, 8), dt.datetime(2027, 12, 31, 17)
    assert fresh.elapsed_working_time(a, b) == used.elapsed_working_time(a, b)
    assert fresh.elapsed_working_time(a, b) == reference_elapsed_working_time(used, a, b)
