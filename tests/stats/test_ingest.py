"""Issue 21's acceptance test: nginx's statistics log, rotated every way, read by
``ingest_access_log`` more than once, gives the daily figures counted here by hand."""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from congthongtin.core.visitors import visitor_key
from congthongtin.stats import figures, ingest
from congthongtin.stats.models import LogCursor, SiteDay

from .helpers import (
    BLACKBOX,
    FIREFOX,
    GOOGLEBOT,
    OTHER_HOST,
    SAFARI,
    UPTIMEROBOT,
    V1,
    V2,
    V3,
    line,
    make_stats_portal,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 7, 1)


def run(*paths) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("ingest_access_log", *map(str, paths), stdout=out)
    return out.getvalue()


def write(path, *lines, mode="a"):
    with open(path, mode, encoding="utf-8") as stream:
        stream.write("".join(lines))


@pytest.fixture
def portal():
    return make_stats_portal()


def test_acceptance__rotations_and_repeated_runs(portal, tmp_path):
    live, first, second = (
        tmp_path / "stats.log",
        tmp_path / "stats.log.1",
        tmp_path / "stats.log.2.gz",
    )
    form = f"/documents/{portal.form.pk}/to-khai.docx"
    click = f"/thong-ke/chuyen-tiep/{portal.procedure.pk}/"
    procedure = "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/"
    partial = line("08:45", procedure)
    # Run 1: V1 reads three pages (a sub-route of tin-tuc revalidated: 304), then noise.
    write(
        live,
        line("08:00", "/"),
        line("08:10", "/gioi-thieu/lich-su/", cache="HIT"),
        line("08:20", "/tin-tuc/nam/2024/?page=2", status=304),
        line("08:21", "/", ua=GOOGLEBOT),
        line("08:22", "/", ua=UPTIMEROBOT, method="HEAD"),
        line("08:22", "/", ua=BLACKBOX),
        line("08:23", "/gioi-thieu/", editor="1", cache="BYPASS"),
        line("08:24", "/khong-co/", status=404),
        line("08:25", "/static/css/site.css"),
        line("08:26", "/admin/"),
        line("08:27", "/thong-ke/luot-truy-cap/"),
        line("08:27", "/tim-kiem/goi-y/?q=khai"),
        line("08:28", "/healthz"),
        line("08:29", "/gioi-thieu/", method="POST"),
        "not json at all\n",
        partial[:40],  # nginx is still writing this one
    )
    out = run(first, live)
    assert "15 lines read from 1 files: 3 counted (1 served from the cache), 3 from robots" in out
    assert "1 from editors, 1 malformed, 7 not counted" in out
    assert figures.totals(portal.site, DAY, DAY + dt.timedelta(days=1)) == {
        "page_views": 3,
        "visits": 1,
        "visitors": 1,
    }
    # Run 2: the partial line completed, a form download, a click-through, a document that
    # is no form; then a rename rotation and a new live file.
    write(
        live,
        partial[40:],
        line("09:00", form),
        line("09:01", click, status=302, cache="HIT"),
        line("09:02", f"/documents/{portal.other_document.pk}/bao-cao.pdf"),
    )
    live.rename(first)
    write(
        live,
        line("10:00", "/gioi-thieu/", addr=V2, ua=FIREFOX),
        line("10:05", "/gioi-thieu/", addr=V2, ua=FIREFOX, cache="HIT"),
        line("10:30", "/", cache="HIT"),  # V1 again, 105 minutes later: a new visit
        line("10:31", "/", host=OTHER_HOST),  # V1 on the other body's portal
        '{"time":"2026-07-01T10:32:00+07:00"}\n',
    )
    run(first, live)
    # Run 3: more lines, then copytruncate (the old .1 gzipped to .2.gz), new lines.
    write(live, line("11:00", "/gioi-thieu/lich-su/", addr=V2, ua=FIREFOX))
    with open(first, "rb") as source, gzip.open(second, "wb") as target:
        shutil.copyfileobj(source, target)
    first.unlink()
    shutil.copyfile(live, first)
    with open(live, "r+b") as stream:
        stream.truncate(0)
    write(
        live,
        line("12:00", "/tin-tuc/", addr=V3, ua=SAFARI),
        '{"time":"2026-07-01T12:01:00+07:00","host"\n',
    )
    run(second, first, live)
    expected_cursors = LogCursor.objects.count()
    # Run 4 and 5: nothing new; nothing counted twice.
    run(second, first, live)
    out = run(live, first, second)
    assert "0 lines read" in out
    assert LogCursor.objects.count() == expected_cursors == 3

    site, end = portal.site, DAY + dt.timedelta(days=1)
    # V1: 08:00 08:10 08:20 | 08:45 (run 2, 25 min after 08:20: the same visit) | 10:30;
    # V2: 10:00 10:05 | 11:00; V3: 12:00.
    assert figures.totals(site, DAY, end) == {"page_views": 9, "visits": 5, "visitors": 3}
    assert figures.totals(portal.other, DAY, end) == {
        "page_views": 1,
        "visits": 1,
        "visitors": 1,
    }
    sections = {row["section_id"]: row["page_views"] for row in figures.by_section(site, DAY, end)}
    assert sections == {
        portal.home.pk: 2,
        portal.about.pk: 4,
        portal.news.pk: 2,
        portal.procedures.pk: 1,
    }
    counts = figures.page_counts(site, DAY, end)
    views = {page: c["views"] for page, c in counts.items() if c["views"]}
    assert views == {
        portal.home.pk: 2,
        portal.about.pk: 2,
        portal.history.pk: 2,
        portal.news.pk: 2,
        portal.procedure.pk: 1,
    }
    assert counts[portal.procedure.pk] == {"views": 1, "downloads": 1, "clicks": 1}
    (service,) = figures.service_use(site, DAY, end)
    assert (service["views"], service["downloads"], service["clicks"]) == (1, 1, 1)
    assert sum(row["page_views"] for row in figures.by_type(site, DAY, end)) == 9


def test_summary_counts_what_was_left_out(portal, tmp_path):
    log = tmp_path / "stats.log"
    write(
        log,
        line("08:00", "/"),
        line("08:01", "/", ua=GOOGLEBOT),
        line("08:02", "/", ua=""),
        line("08:03", "/", editor="1"),
        line("08:04", "/static/x.css"),
        "{broken\n",
    )
    out = StringIO()
    with translation.override("en"):
        call_command("ingest_access_log", str(log), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "6 lines read from 1 files: 1 counted" in text
    assert "2 from robots, 1 from editors, 1 malformed, 1 not counted" in text
    assert "nhuxuan.example.vn: 1 page views, 0 downloads, 0 clicks" in text
    assert "Dry run" in text
    assert SiteDay.objects.count() == 0 and LogCursor.objects.count() == 0
    run(log)
    assert SiteDay.objects.get().page_views == 1


def test_unreadable_file_stops_with_a_message(portal, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(CommandError, match=str(folder)):
        call_command("ingest_access_log", str(folder), stdout=StringIO())


def test_second_ingestion_waits_for_the_first(portal, tmp_path):
    log = tmp_path / "stats.log"
    write(log, line("08:00", "/"))
    with ingest.lock(), pytest.raises(CommandError):
        call_command("ingest_access_log", str(log), stdout=StringIO())
    assert SiteDay.objects.count() == 0
    run(log)  # the lock is released: the next run counts
    assert SiteDay.objects.get().page_views == 1


def test_nothing_about_a_visitor_is_stored(portal, tmp_path):
    """Every column of every table, every app: no address, user agent or visitor key."""
    log = tmp_path / "stats.log"
    visitors = [(V1, FIREFOX), (V2, SAFARI), (V3, FIREFOX)]
    write(log, *(line("09:00", "/gioi-thieu/", addr=a, ua=u) for a, u in visitors))
    write(log, line("09:01", f"/documents/{portal.form.pk}/to-khai.docx", addr=V3, ua=SAFARI))
    run(log)
    assert SiteDay.objects.get(site=portal.site).visitors == 3
    needles = {V1, V2, V3, FIREFOX, SAFARI, "Firefox/127.0", "2001:db8::93"}
    needles |= {visitor_key(DAY, a, u) for a, u in visitors}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = " ".join(map(str, row))
                found += [(table, needle) for needle in needles if needle in text]
    assert found == []
    # The visitor keys live in the cache only, under the day they belong to.
    key = visitor_key(DAY, V1, FIREFOX)
    assert cache.get(f"stats:seen:{portal.site.pk}:{DAY.isoformat()}:{key}") is not None
