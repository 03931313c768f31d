"""Throughput and memory of reading nginx's statistics log (issue 21).

    .venv/bin/python bench/access_log.py [--lines 1000000] [--sites 3] [--pages 200]
        [--pg-url postgres://postgres@127.0.0.1:5432] [--write]

A scratch database (SQLite in a temporary folder, or with ``--pg-url`` a PostgreSQL database
created and dropped here) is migrated and set up (``setup_portal``); ``--sites`` portals get
``--pages`` pages each in ten sections. ``--lines`` lines in the ``portal_stats`` JSON format
are generated over one day (a busy province portal: 10,000,000) — 80 % page views (70 %
answered from nginx's cache), 8 % static files, 6 % robots, 2 % form downloads and
click-throughs, 2 % 404s, 2 % editors and malformed lines — by about lines/8 visitors.
The file is then read by ``stats.ingest`` exactly as ``manage.py ingest_access_log`` does,
in this process, with the local-memory cache (no Redis round trips: the figure is the
reader's own cost). Measured: lines per second, the peak resident memory of the process
(``ru_maxrss``) before and after, the rows written. ``--write`` replaces the section of
bench/ACCESS_LOG_RESULTS.md for that line count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "ACCESS_LOG_RESULTS.md"
sys.path.insert(0, str(ROOT))


def setup(folder: Path, pg_url: str | None) -> str | None:
    os.environ["VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "congthongtin.nhuxuan_site.settings.dev"
    os.environ["SEARCH_BACKEND"] = "database"
    os.environ.pop("REDIS_URL", None)
    database = None
    if pg_url:
        database = f"bench_log_{os.getpid()}"
        subprocess.run(
            ["psql", f"{pg_url}/postgres", "-qc", f"CREATE DATABASE {database}"], check=True
        )
        os.environ["DATABASE_URL"] = f"{pg_url}/{database}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    from congthongtin.nhuxuan_site.settings import dev

    # Every visitor of the day followed: no culling of the local-memory cache.
    dev.CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 50_000_000}
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_portal", verbosity=0)
    return database


def make_sites(count: int, pages: int) -> list[tuple[str, list[str]]]:
    from wagtail.models import Site

    from congthongtin.home.models import HomePage, StandardPage

    default = Site.objects.get(is_default_site=True)
    default.hostname = "site0.example.vn"
    default.save()
    sites = [default]
    root = default.root_page.get_parent()
    for n in range(1, count):
        home = root.add_child(instance=HomePage(title=f"Trang chủ {n}", slug=f"site{n}"))
        sites.append(Site.objects.create(hostname=f"site{n}.example.vn", root_page=home))
    result = []
    for site in sites:
        home = site.root_page
        urls = ["/"]
        sections = [
            home.add_child(instance=StandardPage(title=f"Mục {s}", slug=f"muc-{s}"))
            for s in range(10)
        ]
        urls += [f"/muc-{s}/" for s in range(10)]
        for p in range(pages - 11):
            section = p % 10
            sections[section].add_child(instance=StandardPage(title=f"Bài {p}", slug=f"bai-{p}"))
            urls.append(f"/muc-{section}/bai-{p}/")
        result.append((site.hostname, urls))
    return result


def generate(path: Path, lines: int, sites) -> None:
    rng = random.Random(21)
    # Today (nothing folded into months): midnight in Vietnam.
    day = dt.datetime.combine(dt.date.today(), dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    visitors = [
        (f"2001:db8:{rng.randrange(65536):x}::{rng.randrange(65536):x}", f"Mozilla/5.0 b{n % 400}")
        for n in range(max(1, lines // 8))
    ]
    robots = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", ""]
    with open(path, "w", encoding="utf-8") as stream:
        for n in range(lines):
            moment = day + dt.timedelta(seconds=86_399 * n // lines)
            host, urls = sites[rng.randrange(len(sites))]
            addr, ua = visitors[rng.randrange(len(visitors))]
            roll = rng.random()
            uri, status, editor = rng.choice(urls), 200, "0"
            if roll < 0.08:
                uri = "/static/css/portal.css"
            elif roll < 0.14:
                ua = rng.choice(robots)
            elif roll < 0.15:
                uri = "/thong-ke/chuyen-tiep/3/"
                status = 302
            elif roll < 0.16:
                uri = "/documents/1/to-khai.docx"
            elif roll < 0.18:
                uri, status = "/khong-co/", 404
            elif roll < 0.19:
                editor = "1"
            elif roll < 0.20:
                stream.write('{"time":"broken"\n')
                continue
            stream.write(
                json.dumps(
                    {
                        "time": moment.isoformat(),
                        "host": host,
                        "method": "GET",
                        "uri": uri,
                        "status": status,
                        "bytes": 18234,
                        "request_time": 0.004,
                        "cache": "HIT" if rng.random() < 0.7 else "MISS",
                        "addr": addr,
                        "ua": ua,
                        "editor": editor,
                    }
                )
                + "\n"
            )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--pg-url", default=None)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = setup(folder, args.pg_url)
        try:
            figures = run(folder, args)
        finally:
            if database:
                from django.db import connections

                connections.close_all()
                subprocess.run(
                    ["psql", f"{args.pg_url}/postgres", "-qc", f"DROP DATABASE {database}"],
                    check=False,
                )
    print(json.dumps(figures, indent=2))
    if args.write:
        write_results(figures)


def run(folder: Path, args) -> dict:
    from django.db import connection

    from congthongtin.stats import ingest
    from congthongtin.stats.models import PageDay, SiteDay, TrafficDay

    sites = make_sites(args.sites, args.pages)
    log = folder / "stats.log"
    started = time.perf_counter()
    generate(log, args.lines, sites)
    generated = time.perf_counter() - started
    before = rss_mb()
    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        summary = profile.runcall(ingest.ingest, [log])
        pstats.Stats(profile).sort_stats("tottime").print_stats(18)
    else:
        summary = ingest.ingest([log])
    seconds = time.perf_counter() - started
    return {
        "lines": args.lines,
        "sites": args.sites,
        "pages_per_site": args.pages,
        "database": connection.vendor,
        "file_mb": round(log.stat().st_size / 1e6, 1),
        "generate_seconds": round(generated, 1),
        "ingest_seconds": round(seconds, 1),
        "lines_per_second": round(args.lines / seconds),
        "rss_before_mb": round(before),
        "rss_peak_mb": round(rss_mb()),
        "counted": summary.counted,
        "skipped": dict(summary.skipped),
        "upserts": summary.rows,
        "rows": {
            "SiteDay": SiteDay.objects.count(),
            "TrafficDay": TrafficDay.objects.count(),
            "PageDay": PageDay.objects.count(),
        },
        "machine": f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()}",
        "date": dt.date.today().isoformat(),
    }


def write_results(figures: dict) -> None:
    title = f"## {figures['lines']:,} lines, {figures['database']}"
    body = "\n".join(
        [
            title,
            "",
            f"- Machine: {figures['machine']}; date {figures['date']}.",
            f"- File: {figures['file_mb']} MB; {figures['sites']} sites × "
            f"{figures['pages_per_site']} pages.",
            f"- Ingestion: **{figures['ingest_seconds']} s**, "
            f"**{figures['lines_per_second']:,} lines/s**.",
            f"- Peak resident memory: {figures['rss_before_mb']} MB before reading, "
            f"{figures['rss_peak_mb']} MB at the end.",
            f"- Counted {figures['counted']:,}; left out {figures['skipped']}.",
            f"- Upserts {figures['upserts']:,}; rows at the end {figures['rows']}.",
            "",
        ]
    )
    text = (
        RESULTS.read_text(encoding="utf-8")
        if RESULTS.exists()
        else ("# Reading the statistics log (bench/access_log.py)\n\n")
    )
    sections = text.split("\n## ")
    kept = [s for s in sections[1:] if not ("## " + s).startswith(title)]
    RESULTS.write_text(
        "\n## ".join([sections[0].rstrip("\n") + "\n", *kept]).rstrip("\n") + "\n\n" + body,
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
