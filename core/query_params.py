"""Parsing of the listings' query parameters.

Readers type addresses by hand and robots send anything: every parser returns ``None`` for a
value it cannot use, never raises, so a bad parameter is ignored instead of becoming a 500.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

MIN_YEAR = 1900
MAX_YEAR = 2200

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$", re.ASCII)
_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE | re.ASCII)
_VN_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$", re.ASCII)
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


def parse_month(value) -> tuple[int, int] | None:
    """``2026-11`` → (2026, 11)."""
    match = _MONTH.match(str(value or ""))
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
        return year, month
    return None


def parse_date(value) -> dt.date | None:
    """``24/06/2022`` (what readers write) or ``2022-06-24`` (what a date input sends)."""
    text = str(value or "")
    match = _VN_DATE.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _ISO_DATE.match(text)
        if not match:
            return None
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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
