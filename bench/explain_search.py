#!/usr/bin/env python
"""The statements of one site search and their plans (PostgreSQL): runs ``search.run`` (or
the suggestions) for a query on a site, captures its SQL, then runs ``EXPLAIN (ANALYZE,
BUFFERS)`` of each statement that took longer than ``--over`` ms, with the search's own
``index_scans`` setting (none for the suggestions).

    .venv/bin/python bench/explain_search.py --database province \\
        --host tinh.thanhhoa.local --query "quyền" [--suggest] [--over 5]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--query", required=True)
    parser.add_argument("--suggest", action="store_true")
    parser.add_argument("--over", type=float, default=5.0, help="explain statements over ms")
    parser.add_argument("--runs", type=int, default=3, help="runs before the captured one")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.dev")
    os.environ["SEARCH_BACKEND"] = "database"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from congthongtin.search import postgres
    from congthongtin.search import query as search

    site = Site.objects.select_related("root_page").get(hostname=args.host)

    def once():
        if args.suggest:
            return search.suggestions(args.query, site)
        return search.run(args.query, site, search.Filters())

    for _ in range(args.runs):
        once()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        once()
    total = (time.perf_counter() - started) * 1000
    statements = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
    print(f"{args.query!r} on {args.host}: {total:.1f} ms, {len(statements)} statements")
    for ms, sql in statements:
        print(f"  {ms:8.1f} ms  {sql[:160]}")
    for ms, sql in statements:
        if ms < args.over or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        print(f"\n=== {ms:.1f} ms\n{sql}\n")
        # The search reads inside ``index_scans``; the suggestions are left to the planner.
        scans = contextlib.nullcontext() if args.suggest else postgres.index_scans()
        with scans, connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
