"""Working days and deadlines counted in working days (R-QA-1, R-SLA-1).

The rule ``WorkCalendar.add_working_days`` follows
====================================================

1. **Days.** A working day is Monday–Friday that is not a public holiday, plus every
   swapped working Saturday; a day off is a weekend day (unless swapped), a public
   holiday from the ``holidays`` package (Labour Code 2019 Art. 112: Tết Dương lịch,
   five days of Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and its adjacent day, and from
   2026 Ngày Văn hóa Việt Nam 24/11; observed days included), or a day the caller
   lists in ``extra_days_off``. Swapped working Saturdays come from the caller
   (``extra_working_days``) and, by default, from the swap table the ``holidays``
   package ships (it records 31/8/2026 off "thay cho ngày 22/08/2026" but does not
   mark 22/8/2026 itself as a working day).
2. **Start.** The period runs only during working hours (default 08:00–17:00). Something
   received within working hours starts the count at once; something received after
   hours, before 08:00 or on a day off starts it at 08:00 of the next working day
   (S1 Đ12.6: "Thời điểm để xác định thời gian trả lời được tính từ 08h00' các ngày làm
   việc (không tính ngày nghỉ lễ, tết)"; S4 Đ11.3 and S3 Đ5.8 set the same answer
   duty). This is the rule of R-QA-1.
3. **Length.** N working days are N full working days of working time. The deadline is
   the moment that much working time has run out; when it runs out exactly at the end
   of a working day the deadline is that day's closing time (17:00), not the next
   morning. A period that starts at 08:00 therefore ends at 17:00 of its N-th working
   day, counting the start day as day 1.
4. **Days off at the end.** Because time only runs on working days, a deadline never
   falls on a weekend or holiday: it lands on the next working day, which is what Bộ
   luật Dân sự 2015 Điều 148 k5 requires. Điều 147 k2 (the day of the event is not
   counted) is met the same way for anything received after hours or on a day off; for
   something received during working hours R-QA-1 is the more specific rule and the
   rest of that day counts (received Wednesday 10:00 → due next Wednesday 10:00, where
   day counting per Điều 147 would give the end of next Wednesday: same day).

5. **Hours.** Limits counted in hours (R-SLA-1: news within 8 working hours of the
   event) run only inside the day's working *periods* on working days: by default
   08:00–12:00 and 13:00–17:00 (``DEFAULT_PERIODS``, 8 working hours a day; the lunch
   break is not counted). ``add_working_time(start, amount, periods)`` starts the count
   at ``start`` when it falls inside a period, else at the start of the next period
   (the same day's afternoon after the lunch break, the next working day's morning after
   hours or on a day off); the due moment is when ``amount`` of period time has run out,
   and an amount that runs out exactly at a period's end gives that end (12:00, 17:00),
   not the next start. ``elapsed_working_time(a, b, periods)`` is the period time
   between two moments, signed (negative when ``b`` is before ``a``), so that
   ``elapsed_working_time(s, add_working_time(s, x)) == x`` for every ``s`` inside
   working time. Example: an event on Friday 15:00, 8 working hours, Monday a holiday:
   2 h on Friday (15:00–17:00), 4 h Tuesday morning, 2 h Tuesday afternoon → due
   Tuesday 15:00.

Worked example (research Appendix B, holidays 2026): a question received **Friday
20/11/2026 at 17:30**, 5 working days. 17:30 is after hours, so the count starts at
08:00 on Monday 23/11. Tuesday 24/11 is Ngày Văn hóa Việt Nam (a holiday from 2026).
Working days: Mon 23/11 (1), Wed 25/11 (2), Thu 26/11 (3), Fri 27/11 (4), Mon 30/11
(5): due **Monday 30/11/2026 at 17:00** (+07:00), the same date as Appendix B's
day-based count.

Why 08:00–17:00 by default: 08:00 is the start R-QA-1 names; 17:00 is the usual closing
time of state offices (an 8-hour day with a lunch break, 40-hour week; many provinces use
07:00/07:30 starts in summer). The lunch break is not modelled: counting is in whole
working days, so it only matters for a period measured in hours. Both ends are settings.

Dates without a time (``datetime.date``) are counted in days per Bộ luật Dân sự Điều
147–148: the start day is not counted, the N-th working day after it is the last day.

Cost: the calendar counts without walking the days. Per year it keeps the days that break
the weekday rule (weekdays off, weekend days worked; ``WorkCalendar._exceptions``, built once
per calendar object and year); a count over a range is its Mondays–Fridays by arithmetic
(five a week) corrected by those days, found with ``bisect``. A range of weeks or years costs
the same as a range of days, so a dashboard of hundreds of items weeks overdue measures each
in microseconds (``bench/workdays.py``); tests/vietnam/test_workdays_reference.py holds the
old day-by-day walk and checks the two agree on thousands of random ranges.

Time zones: aware datetimes are interpreted in the calendar's zone (default
Asia/Ho_Chi_Minh) and returned in the input's own tzinfo; naive ones are taken as
local wall-clock time and returned naive.
"""

from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

import holidays

__all__ = ["DEFAULT_PERIODS", "VN_TZ", "WorkCalendar"]


def _vietnam_tz() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no tz database on this machine: Vietnam has had no DST since 1975
        return dt.timezone(dt.timedelta(hours=7), "ICT")


VN_TZ = _vietnam_tz()


#: The working periods of a day for limits counted in hours (rule 5): 08:00–12:00 and
#: 13:00–17:00, 8 working hours; each body may set its own (``editorial.BoardSettings``).
DEFAULT_PERIODS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(8, 0), dt.time(12, 0)),
    (dt.time(13, 0), dt.time(17, 0)),
)


def _checked_periods(periods) -> tuple[tuple[dt.time, dt.time], ...]:
    periods = tuple((start, end) for start, end in periods)
    if not periods:
        raise ValueError("at least one working period is needed")
    previous_end = None
    for start, end in periods:
        if not start < end or (previous_end is not None and start < previous_end):
            raise ValueError("working periods must be in order and not overlap")
        previous_end = end
    return periods


def _weekdays_through(ordinal: int) -> int:
    """Mondays to Fridays among the day ordinals 1..``ordinal`` (ordinal 1, 1/1/1, is a
    Monday): five per whole week, then the weekdays of the rest."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def _weekday_span(weekday: int, n: int) -> int:
    """Days from a day of ``weekday`` (0 Monday … 6 Sunday) to the ``n``-th Monday–Friday
    after it (n ≥ 1); a weekend day counts from the Friday before it."""
    friday_or_before = min(weekday, 4)
    weeks, rest = divmod(friday_or_before + n, 5)
    return weeks * 7 + rest - friday_or_before - (weekday - friday_or_before)


@lru_cache(maxsize=64)
def _period_length(periods: tuple[tuple[dt.time, dt.time], ...]) -> dt.timedelta:
    """The working time of one working day's ``periods`` (as ``_checked_periods`` gives)."""
    day = dt.date(2000, 1, 3)
    return sum(
        (dt.datetime.combine(day, end) - dt.datetime.combine(day, start) for start, end in periods),
        dt.timedelta(0),
    )


@lru_cache(maxsize=1)
def _package_working_saturdays() -> frozenset[dt.date]:
    """Working days of the official swaps recorded in ``holidays`` (e.g. 22/8/2026).

    The package keeps them as the "from" half of each substituted day off; it is read
    defensively so that a change inside the package costs the swaps, not the calendar.
    """
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays

        table = VietnamStaticHolidays.special_public_holidays
    except Exception:
        return frozenset()
    days: set[dt.date] = set()
    for year, entries in table.items():
        items = entries if entries and isinstance(entries[0], tuple) else (entries,)
        for entry in items:
            try:
                if len(entry) == 4:
                    _, _, from_month, from_day = entry
                    days.add(dt.date(year, from_month, from_day))
                elif len(entry) == 5:
                    _, _, from_month, from_day, from_year = entry
                    days.add(dt.date(from_year, from_month, from_day))
            except (TypeError, ValueError):
                continue
    return frozenset(days)


class WorkCalendar:
    """Vietnamese public-sector working days, with caller-supplied swaps.

    ``extra_days_off``: days off announced for the public sector on top of the public
    holidays (hoán đổi: a weekday off in exchange for a Saturday worked).
    ``extra_working_days``: Saturdays (or Sundays) that are worked in exchange.
    ``use_package_swaps``: also treat the swapped working days recorded in the
    ``holidays`` package as working days (default True).
    """

    def __init__(
        self,
        extra_days_off: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
        *,
        work_start: dt.time = dt.time(8, 0),
        work_end: dt.time = dt.time(17, 0),
        tz: dt.tzinfo | None = None,
        use_package_swaps: bool = True,
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        both = self.extra_days_off & self.extra_working_days
        if both:
            raise ValueError(f"days both off and working: {sorted(both)}")
        if not work_start < work_end:
            raise ValueError("work_start must be before work_end")
        self.work_start = work_start
        self.work_end = work_end
        self.tz = tz or VN_TZ
        self._swapped_working = _package_working_saturdays() if use_package_swaps else frozenset()
        self._holidays = holidays.country_holidays("VN", language="vi")
        # Per year: the days that break the weekday rule (see ``_exceptions``).
        self._years: dict[int, tuple[tuple[int, ...], tuple[int, ...], frozenset[dt.date]]] = {}
        self._years_lock = threading.Lock()

    # --- days ------------------------------------------------------------------------

    @property
    def day_length(self) -> dt.timedelta:
        """Working time in one working day (default 9 hours)."""
        return dt.datetime.combine(dt.date.min, self.work_end) - dt.datetime.combine(
            dt.date.min, self.work_start
        )

    def _as_date(self, day: dt.date | dt.datetime) -> dt.date:
        if isinstance(day, dt.datetime):
            return self._local(day).date()
        return day

    def _listed_working_day(self, day: dt.date) -> bool:
        """Rule 1 read from the lists themselves (``is_working_day`` reads its result)."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off or day in self._holidays:
            return False
        if day in self._swapped_working:
            return True
        return day.weekday() < 5

    def _exceptions(self, year: int) -> tuple[tuple[int, ...], tuple[int, ...], frozenset[dt.date]]:
        """The days of ``year`` that break the weekday rule (Monday to Friday worked, the
        weekend off): the ordinals of the weekdays off (holidays, announced days off) and of
        the weekend days worked (swapped Saturdays), each sorted, and both as one set.

        Built once per calendar and year, from the holidays the package gives for that
        year and the swaps: counting then costs a few ``bisect`` calls per year of the
        range, whatever its length in days. The calendar objects are long-lived
        (``core.calendar`` keeps them), so the table is built once per process and year.
        """
        found = self._years.get(year)
        if found is not None:
            return found
        with self._years_lock:  # calendars are shared between a server's threads
            found = self._years.get(year)
            if found is not None:
                return found
            self._holidays.get(dt.date(year, 1, 1))  # the package fills a year in when asked
            listed = chain(
                self.extra_days_off,
                self.extra_working_days,
                self._swapped_working,
                list(self._holidays),  # a copy: holiday_name() may fill in another year
            )
            off: list[int] = []
            worked: list[int] = []
            # (a datetime listed by mistake never matched a day: it is left out here too)
            days = {d for d in listed if d.year == year and not isinstance(d, dt.datetime)}
            for day in days:
                working = self._listed_working_day(day)
                if day.weekday() < 5 and not working:
                    off.append(day.toordinal())
                elif day.weekday() >= 5 and working:
                    worked.append(day.toordinal())
            off.sort()
            worked.sort()
            special = frozenset(dt.date.fromordinal(o) for o in chain(off, worked))
            found = self._years[year] = (tuple(off), tuple(worked), special)
        return found

    def is_working_day(self, day: dt.date | dt.datetime) -> bool:
        day = self._as_date(day)
        return (day.weekday() < 5) != (day in self._exceptions(day.year)[2])

    def _count_working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days d with ``first`` ≤ d ≤ ``last`` (0 when ``last`` is before ``first``):
        the weekdays of the range arithmetically, corrected by the exceptions of each of its
        years (whole years by their length, the two end years by ``bisect``)."""
        if last < first:
            return 0
        low, high = first.toordinal(), last.toordinal()
        count = _weekdays_through(high) - _weekdays_through(low - 1)
        for year in range(first.year, last.year + 1):
            off, worked, _ = self._exceptions(year)
            if year in (first.year, last.year):
                count -= bisect_right(off, high) - bisect_left(off, low)
                count += bisect_right(worked, high) - bisect_left(worked, low)
            else:
                count += len(worked) - len(off)
        return count

    def _advance(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``next_working_day`` applied ``n`` times):
        the ``n``-th weekday by arithmetic, then the days off in between made up the same
        way, a few rounds whatever ``n`` is."""
        one = dt.timedelta(days=1)
        while n > 0:
            span = _weekday_span(day.weekday(), n)
            target = day + dt.timedelta(days=span)
            count = self._count_working_days(day + one, target)
            if count == n and self.is_working_day(target):
                return target
            if count >= n:
                # Weekend days worked in the window: the day is before ``target``; take
                # half the window until it holds fewer than n working days.
                while count >= n and span:
                    span //= 2
                    count = self._count_working_days(day + one, day + dt.timedelta(days=span))
                if not span:
                    day = self.next_working_day(day)
                    n -= 1
                    continue
            day += dt.timedelta(days=span)
            n -= count
        return day

    def holiday_name(self, day: dt.date | dt.datetime) -> str | None:
        """Vietnamese name of the holiday or announced day off, None on other days."""
        day = self._as_date(day)
        if day in self.extra_working_days:
            return None
        if day in self.extra_days_off:
            return "Ngày nghỉ hoán đổi"
        return self._holidays.get(day)

    def next_working_day(self, day: dt.date | dt.datetime, *, include: bool = False) -> dt.date:
        """The first working day after ``day`` (or ``day`` itself if ``include``)."""
        day = self._as_date(day)
        if not include:
            day += dt.timedelta(days=1)
        for _ in range(3660):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        raise ValueError("no working day within ten years")

    # --- time ------------------------------------------------------------------------

    def _local(self, moment: dt.datetime) -> dt.datetime:
        """Wall-clock time in the calendar's zone, naive (for arithmetic)."""
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _back(self, local: dt.datetime, like: dt.datetime) -> dt.datetime:
        if like.tzinfo is None:
            return local
        return local.replace(tzinfo=self.tz).astimezone(like.tzinfo)

    def start_of_period(self, received: dt.datetime) -> dt.datetime:
        """When the count starts: ``received`` itself within working hours, else 08:00
        (``work_start``) of the next working day (the same day before opening time)."""
        local = self._local(received)
        day = local.date()
        opening = dt.datetime.combine(day, self.work_start)
        closing = dt.datetime.combine(day, self.work_end)
        if self.is_working_day(day) and local < closing:
            return self._back(max(local, opening), received)
        nxt = self.next_working_day(day)
        return self._back(dt.datetime.combine(nxt, self.work_start), received)

    def add_working_days(self, start, n: int):  # type: ignore[no-untyped-def]
        """Deadline ``n`` working days after ``start`` (see the module docstring).

        ``start`` a datetime → datetime in the same tzinfo; a date → date (Điều 147:
        the start day is not counted; ``n == 0`` gives the start day, or the next
        working day when it is a day off).
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        if not isinstance(start, dt.datetime):
            if n == 0:
                return self.next_working_day(start, include=True)
            return self._advance(start, n)
        return self.add_working_duration(start, n * self.day_length)

    def add_calendar_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """The end of a period of ``n`` days (ngày, not working days) from ``start``.

        Civil Code 2015 (Bộ luật Dân sự 91/2015/QH13) Art. 147.1: the day of the event is
        not counted; Art. 148.5: when the last day is a weekend day or a holiday, the period
        ends at the end of the next working day. The moment returned is ``work_end`` of
        the last day: the end of the body's working day (earlier than midnight, never
        later), in ``start``'s tzinfo.
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        last = self._local(start).date() + dt.timedelta(days=n)
        last = self.next_working_day(last, include=True)
        return self._back(dt.datetime.combine(last, self.work_end), start)

    def add_working_duration(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The moment ``amount`` of working time (whole days, ``work_start`` to ``work_end``,
        as ``working_time_between`` counts it) has run from ``start``: the inverse of
        ``working_time_between``, used to move a deadline by the time a clock was paused."""
        if amount < dt.timedelta(0):
            raise ValueError("amount must be >= 0")
        local = self._local(self.start_of_period(start))
        day = local.date()
        available = dt.datetime.combine(day, self.work_end) - local
        if amount <= available:
            return self._back(local + amount, start)
        # Whole working days of ``day_length`` follow; the last one takes the rest, a rest
        # of exactly a day ending at its closing time.
        days, rest = divmod(amount - available, self.day_length)
        if rest:
            days += 1
        else:
            rest = self.day_length
        day = self._advance(day, days)
        return self._back(dt.datetime.combine(day, self.work_start) + rest, start)

    def working_days_between(self, a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> int:
        """Working days d with a < d ≤ b (dates; datetimes count by their date), negative
        when b is before a. ``working_days_between(d, add_working_days(d, n)) == n``."""
        start, end = self._as_date(a), self._as_date(b)
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        return sign * self._count_working_days(start + dt.timedelta(days=1), end)

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Working time elapsed from ``a`` to ``b`` (zero if b ≤ a); the inverse of
        ``add_working_days`` for datetimes: n × ``day_length``."""
        start, end = self._local(a), self._local(b)
        if end <= start:
            return dt.timedelta(0)
        periods = ((self.work_start, self.work_end),)
        return self._time_in_periods(start, end, periods, self.day_length)

    # --- hours (rule 5) -----------------------------------------------------------------

    def _day_periods(self, day: dt.date, periods) -> list[tuple[dt.datetime, dt.datetime]]:
        if not self.is_working_day(day):
            return []
        return [
            (dt.datetime.combine(day, start), dt.datetime.combine(day, end))
            for start, end in periods
        ]

    def _time_in_periods(
        self, start: dt.datetime, end: dt.datetime, periods, per_day: dt.timedelta
    ) -> dt.timedelta:
        """Period time between two naive local moments (``start`` ≤ ``end``): the parts of
        the first and last days, and ``per_day`` for each working day between them."""
        first, last = start.date(), end.date()
        total = dt.timedelta(0)
        for day in (first, last) if last > first else (first,):
            for opening, closing in self._day_periods(day, periods):
                low, high = max(opening, start), min(closing, end)
                if high > low:
                    total += high - low
        if last > first:
            inner = self._count_working_days(first + dt.timedelta(days=1), last - dt.timedelta(1))
            total += inner * per_day
        return total

    def add_working_time(
        self, start: dt.datetime, amount: dt.timedelta, periods=DEFAULT_PERIODS
    ) -> dt.datetime:
        """The moment ``amount`` of working time (inside ``periods`` on working days) has
        run from ``start``; a start outside working time counts from the next period's
        start. Returned in ``start``'s tzinfo (naive in, naive out)."""
        if amount < dt.timedelta(0):
            raise ValueError("amount must be >= 0")
        periods = _checked_periods(periods)
        local = self._local(start)
        remaining = amount
        first = local.date()
        for opening, closing in self._day_periods(first, periods):
            if closing <= local:
                continue
            begin = max(opening, local)
            if remaining <= closing - begin:
                return self._back(begin + remaining, start)
            remaining -= closing - begin
        # Whole working days of ``per_day`` follow; the last one holds the rest (at least
        # the first period's start, for a zero amount started after hours).
        per_day = _period_length(periods)
        days, rest = divmod(remaining, per_day)
        if rest or not days:
            days += 1
        else:
            rest = per_day
        # The count looks ten years (3660 days) ahead, no further.
        if days >= 3660:
            raise ValueError("no end within ten years")
        day = self._advance(first, days)
        if (day - first).days >= 3660:
            raise ValueError("no end within ten years")
        for opening, closing in self._day_periods(day, periods):
            if rest <= closing - opening:
                return self._back(opening + rest, start)
            rest -= closing - opening
        raise AssertionError("the rest of a day fits in its periods")  # pragma: no cover

    def elapsed_working_time(
        self, a: dt.datetime, b: dt.datetime, periods=DEFAULT_PERIODS
    ) -> dt.timedelta:
        """Working time (inside ``periods`` on working days) from ``a`` to ``b``; negative
        when ``b`` is before ``a``. Unlike ``working_time_between`` (whole-day counting,
        never negative) it leaves out the lunch break."""
        periods = _checked_periods(periods)
        start, end = self._local(a), self._local(b)
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        return sign * self._time_in_periods(start, end, periods, _period_length(periods))

    def end_of_working_day(self, day: dt.date, periods=DEFAULT_PERIODS) -> dt.datetime:
        """The end of ``day``'s last period, naive local time (for the calendar's zone)."""
        return dt.datetime.combine(day, _checked_periods(periods)[-1][1])
