"""Parsing of the listings' query parameters, and the one parser of the dates people type.

Readers type addresses by hand and robots send anything: every parser returns ``None`` for a
value it cannot use, never raises, so a bad parameter is ignored instead of becoming a 500.
Dates: ``parse_date`` is the only reader of day-first dates of the platform (the public
listings, legal's filters, the admin filter forms through core.filters.BoundedDateField).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

#: Dates outside these bounds are refused. ``datetime.date`` reaches year 9999 and the filters
#: add a day (an "until" date is inclusive), a month (a month's end) or convert a local
#: midnight to UTC: at either end of that range each of these overflowed (``?until=31/12/9999``,
#: ``?tu=0001-01``; issue 16, finding 10). No listing of a portal needs a date outside them.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
#: Years of the year and month filters: from the earliest date, but only to 2200.
MIN_YEAR = EARLIEST_DATE.year
MAX_YEAR = 2200

#: Day first, as Vietnamese write dates and as Wagtail's picker fills them in
#: (WAGTAIL_DATETIME_FORMAT). Django's default DATETIME_INPUT_FORMATS are month first, so
#: without this "10/12/2026 09:00" would silently become 12 October. The admin's date-time
#: fields (core.forms.day_first_datetimes) and the portal's settings use this one list.
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
]

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$", re.ASCII)
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE | re.ASCII)
#: 24/06/2022, also 24.06.2022 and 24-06-2022 (one separator throughout).
_VN_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$", re.ASCII)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII)


def parse_int(value, low: int, high: int) -> int | None:
    """An integer in [low, high] from a query value, or None."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return None
    number = int(text)
    return number if low <= number <= high else None


def parse_year(value) -> int | None:
    return parse_int(value, MIN_YEAR, MAX_YEAR)


def read_month(value) -> tuple[int, int] | None:
    """``2026-11`` → (2026, 11), at any year (see ``parse_month``)."""
    match = _MONTH.match(str(value or "")[:40])
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if 1 <= month <= 12 else None


def parse_month(value) -> tuple[int, int] | None:
    """``2026-11`` → (2026, 11); years outside [MIN_YEAR, MAX_YEAR] → None."""
    month = read_month(value)
    return month if month and MIN_YEAR <= month[0] <= MAX_YEAR else None


def read_date(value) -> dt.date | None:
    """A date that exists, at any year (see ``parse_date``): ``24/06/2022`` (what readers
    write: day first; also with dots or dashes) or ``2022-06-24`` (what a date input sends).
    Accepts a date (returned as is); anything else → None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "")[:40]
    match = _VN_DATE.match(text)
    if match:
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        match = _ISO_DATE.match(text)
        if not match:
            return None
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31/02, month 13, year 0
        return None


def date_in_bounds(day: dt.date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def parse_date(value) -> dt.date | None:
    """The date of ``read_date`` if it lies in [EARLIEST_DATE, LATEST_DATE], else None."""
    day = read_date(value)
    return day if day is not None and date_in_bounds(day) else None


def parse_iso_week(value) -> tuple[int, int] | None:
    """``2026-W48`` → (2026, 48); weeks that do not exist in that year → None."""
    match = _WEEK.match(str(value or ""))
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return year, week


def iso_week_label(day: dt.date) -> str:
    """The ``?tuan=`` value of the week holding ``day``: ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


def choice(value, allowed) -> str | None:
    """``value`` if it is one of ``allowed`` (choice values or slugs), else None."""
    text = str(value or "").strip()
    return text if text and text in allowed else None


def local_midnight(day: dt.date) -> dt.datetime:
    """Start of ``day`` in the portal's time zone, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_range(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a calendar month in local time: filters a datetime column on any
    database without time-zone functions in SQL."""
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    return local_midnight(start), local_midnight(end)


def year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    return local_midnight(dt.date(year, 1, 1)), local_midnight(dt.date(year + 1, 1, 1))


def truthy(value) -> bool:
    return str(value or "").strip().lower() in {"1", "true", "co", "yes", "on"}


def clean_text(value, max_length: int = 200) -> str:
    """A reader's free text: control characters dropped (PostgreSQL refuses NUL in a
    query: it would be a 500), white space trimmed, length capped."""
    text = "".join(ch for ch in str(value or "")[: max_length * 2] if ch.isprintable() or ch == " ")
    return text.strip()[:max_length]
