"""Counting: hits → the day's aggregates, written as atomic increments (issue 21).

Per (site, local date): page views, visits, visitors (``SiteDay``); page views by section
and page type (``TrafficDay``); views, downloads and click-throughs per page (``PageDay``).

**Visits.** A visit is one visitor's page views with no gap over :data:`VISIT_GAP` (30 min),
within the local day. The visitor is ``core.visitors.visitor_key(day, addr, ua)``, a daily
salted key that is never stored. What a visit needs to know across runs of the 5-minute
ingestion (and across requests, in the middleware) is the time the key was last seen: it
lives in the shared cache under the key until an hour after the end of that day, then
disappears; the database only ever gets the counts.

**Writes.** Each table gets one hand-written ``INSERT … ON CONFLICT (…) DO UPDATE SET n =
table.n + excluded.n`` executed for many rows (:func:`add_rows`). Django's
``bulk_create(update_conflicts=True)`` cannot do this: it sets the column to the *new*
value (``n = excluded.n``), so two ingestions, a middleware in several processes or a second
chunk of the same day would overwrite each other's counts instead of adding. The statement
is the same on PostgreSQL and on SQLite ≥ 3.24, and it is atomic per row, so concurrent
writers never lose an increment and no row lock is held across Python code.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from congthongtin.core.visitors import visitor_key

from . import targets
from .models import PAGE_DAYS_KEPT, PageDay, PageMonth, SiteDay, TrafficDay

#: The longest pause within one visit.
VISIT_GAP = 30 * 60
#: A visitor's last-seen time outlives its day by this much, so the lines of 23:59 read
#: by the run at 00:04 still continue their visit.
SEEN_GRACE = 60 * 60


@dataclass(slots=True)
class Event:
    """One counted hit: what (``target``), where (site), when, and who (only to key visits;
    the address and user agent go no further than :func:`visitor_key`)."""

    site_id: int
    time: dt.datetime  # aware
    target: targets.Target
    addr: str = ""
    ua: str = ""


@dataclass
class Tally:
    """The increments of a batch of events, before they are written."""

    site_days: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    traffic: dict = field(default_factory=lambda: defaultdict(int))
    page_days: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    #: cache key → (last seen, timeout) to write once the counts are committed.
    seen: dict = field(default_factory=dict)

    def __bool__(self):
        return bool(self.site_days or self.page_days)


def seen_key(site_id: int, day: dt.date, key: str) -> str:
    return f"stats:seen:{site_id}:{day.isoformat()}:{key}"


def seen_timeout(day: dt.date, now: dt.datetime | None = None) -> int:
    """Seconds from now until an hour after the end of ``day`` (at least that hour)."""
    now = now or timezone.now()
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    return max(SEEN_GRACE, int((end - now).total_seconds()) + SEEN_GRACE)


def tally(events: list[Event], seen: dict | None = None) -> Tally:
    """The increments of ``events`` (in time order). ``seen`` is the last-seen state known
    so far (an earlier chunk of a dry run); otherwise it is read from the cache, once for
    the batch."""
    result = Tally()
    views = []
    zone = timezone.get_current_timezone()
    for event in events:
        day = event.time.astimezone(zone).date()
        target = event.target
        page = result.page_days[(event.site_id, day, target.page_id)]
        if target.kind == targets.VIEW:
            key = seen_key(event.site_id, day, visitor_key(day, event.addr, event.ua))
            views.append((event, day, key))
            page[0] += 1
            result.traffic[(event.site_id, day, target.section_id, target.content_type_id)] += 1
        elif target.kind == targets.DOWNLOAD:
            page[1] += 1
        else:
            page[2] += 1
    known = dict(seen or {})
    missing = {key for _e, _d, key in views if key not in known}
    if missing:
        known.update({k: (v, None) for k, v in cache.get_many(list(missing)).items()})
    for event, day, key in views:
        counts = result.site_days[(event.site_id, day)]
        counts[0] += 1
        moment = event.time.timestamp()
        last = known.get(key, (None, None))[0]
        if last is None:
            counts[2] += 1  # the visitor's first page view of the day
        if last is None or abs(moment - last) > VISIT_GAP:
            counts[1] += 1  # a new visit
        latest = moment if last is None else max(moment, last)
        known[key] = (latest, day)
        result.seen[key] = (latest, day)
    return result


def add_rows(model, keys: tuple[str, ...], counts: tuple[str, ...], rows: list[tuple]) -> int:
    """Add ``rows`` (key values, then count values) to ``model``'s table: one
    ``INSERT … ON CONFLICT (keys) DO UPDATE SET c = table.c + excluded.c`` for all of them
    (see the module for why not ``bulk_create``)."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in (*keys, *counts)]
    updates = ", ".join(
        f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in columns[len(keys) :]
    )
    sql = (
        f"INSERT INTO {table} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(map(quote, columns[: len(keys)]))}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def _date(day: dt.date):
    return connection.ops.adapt_datefield_value(day)


def write(result: Tally) -> int:
    """The increments into the three tables (call inside the caller's transaction); the
    number of rows touched."""
    written = add_rows(
        SiteDay,
        ("site", "date"),
        ("page_views", "visits", "visitors"),
        [(s, _date(d), *c) for (s, d), c in sorted(result.site_days.items()) if any(c)],
    )
    written += add_rows(
        TrafficDay,
        ("site", "date", "section", "content_type"),
        ("page_views",),
        [(s, _date(d), sec, ct, n) for (s, d, sec, ct), n in sorted(result.traffic.items())],
    )
    written += add_rows(
        PageDay,
        ("site", "date", "page"),
        ("views", "downloads", "clicks"),
        [(s, _date(d), p, *c) for (s, d, p), c in sorted(result.page_days.items())],
    )
    return written


def remember(result: Tally) -> None:
    """The visitors' last-seen times into the cache (after the counts are committed: a
    crash between the two can count a visit twice, never lose a page view)."""
    by_day = defaultdict(dict)
    for key, (moment, day) in result.seen.items():
        by_day[day][key] = moment
    for day, values in by_day.items():
        cache.set_many(values, seen_timeout(day))


def count(events: list[Event]) -> Tally:
    """Tally, write and remember ``events`` at once (the middleware's path)."""
    result = tally(events)
    if result:
        write(result)
        remember(result)
    return result


# Folding old page days into months ------------------------------------------------------
def fold_boundary(today: dt.date) -> dt.date:
    """Page days before this date are folded: the first day of the month that holds the day
    ``PAGE_DAYS_KEPT`` days ago, so only whole months older than that are folded."""
    return (today - dt.timedelta(days=PAGE_DAYS_KEPT)).replace(day=1)


def fold_months(today: dt.date | None = None) -> int:
    """Move ``PageDay`` rows of whole months older than ``PAGE_DAYS_KEPT`` days into
    ``PageMonth`` (added to what a month may already hold), in one transaction: the rows
    are deleted as they are added, so running it again changes nothing. The number of day
    rows folded."""
    boundary = fold_boundary(today or timezone.localdate())
    fields = ("views", "downloads", "clicks")
    with transaction.atomic():
        old = PageDay.objects.select_for_update().filter(date__lt=boundary)
        sums = defaultdict(lambda: [0, 0, 0])
        folded = 0
        for site_id, day, page_id, *values in old.values_list(
            "site_id", "date", "page_id", *fields
        ):
            target = sums[(site_id, day.replace(day=1), page_id)]
            for i, value in enumerate(values):
                target[i] += value
            folded += 1
        if not folded:
            return 0
        add_rows(
            PageMonth,
            ("site", "month", "page"),
            fields,
            [(s, _date(m), p, *c) for (s, m, p), c in sorted(sums.items())],
        )
        PageDay.objects.filter(date__lt=boundary).delete()
    return folded
