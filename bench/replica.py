"""Read replica bench (core.db_router, docs/deploy.md §3): lag under a publish loop, read
throughput from the primary and from the replica, and the fallback when it stops.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench nice -n 10 \\
        .venv/bin/python bench/replica.py --publishes 200 --reads 300

The database must be migrated and set up (``manage.py migrate && manage.py setup_portal``);
the bench adds a site with one page. The primary must accept replication connections from
loopback (``host replication postgres 127.0.0.1/32 trust`` in its pg_hba.conf): the replica
is a ``pg_basebackup`` of it on a free port in a temporary folder
(tests/ops/replica_cluster.py), removed at the end. Prints one JSON object.

* lag: after each publish's commit, the primary's ``pg_current_wal_lsn()`` and the time until
  the replica's ``pg_last_wal_replay_lsn()`` reaches it (polled every 0.2 ms); and the time
  ``wait_for_replica`` — what the front-cache purge waits — adds to a publish.
* reads: anonymous GETs of the page through Django (middleware, router, template), the
  replica's alias absent (everything on the primary) and present (reads on the replica),
  with the queries counted per alias.
* fallback: the replica stopped (``pg_ctl -m immediate``) between two reads: errors, the
  reads' times, the connection attempts; then restarted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "replica-bench.example.vn"


def percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {}

    def at(q):
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {
        "n": len(ordered),
        "p50_ms": at(0.5),
        "p95_ms": at(0.95),
        "max_ms": round(ordered[-1], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--publishes", type=int, default=200)
    parser.add_argument("--reads", type=int, default=300)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from tests.ops.replica_cluster import Replica, unavailable_reason

    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        print("DATABASE_URL must name the PostgreSQL primary", file=sys.stderr)
        return 2
    host, port, user = parts.hostname or "127.0.0.1", parts.port or 5432, parts.username
    reason = unavailable_reason(host, port, user)
    if reason:
        print(f"no replica possible: {reason}", file=sys.stderr)
        return 2
    replica = Replica(host, port, user)
    started = time.perf_counter()
    replica.create()
    result = {"basebackup_and_start_s": round(time.perf_counter() - started, 2)}
    try:
        result.update(run(replica, args))
    finally:
        replica.remove()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def run(replica, args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.test")
    import django

    django.setup()
    from django.db import connections
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    from congthongtin.core import db_router
    from congthongtin.core.db_router import REPLICA, replayed, wait_for_replica
    from tests.factories import StandardPageFactory, make_portal

    Site.objects.filter(hostname=HOST).delete()
    for old in Page.objects.filter(depth=2, slug="replica-bench"):
        old.delete()
    _site, home = make_portal(HOST, "Bench", "UBND Bench")
    page = StandardPageFactory(parent=home, title="Bản 0", slug="thong-bao")
    path = "/thong-bao/"

    connections.settings[REPLICA] = replica.django_settings(connections["default"].settings_dict)
    routers = override_settings(DATABASE_ROUTERS=["congthongtin.core.db_router.ReplicaRouter"])
    routers.enable()
    db_router.reset_health()
    out: dict = {}

    # Lag under a publish loop ------------------------------------------------------------
    lag, waits, publish = [], [], []
    primary = connections["default"]
    for number in range(1, args.publishes + 1):
        t0 = time.perf_counter()
        page.title = f"Bản {number}"
        page.save_revision().publish()
        t1 = time.perf_counter()
        with primary.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            target = cursor.fetchone()[0]
        while not replayed(target):
            time.sleep(0.0002)
        lag.append((time.perf_counter() - t1) * 1000)
        publish.append((t1 - t0) * 1000)
        # The same, as the purge pays it (a second publish, not yet replayed).
        page.title = f"Bản {number}b"
        page.save_revision().publish()
        t2 = time.perf_counter()
        assert wait_for_replica()
        waits.append((time.perf_counter() - t2) * 1000)
    out["publish_ms"] = percentiles(publish)
    out["replay_lag_ms"] = percentiles(lag)
    out["wait_for_replica_ms"] = percentiles(waits)

    # Reads: primary only, then replica ---------------------------------------------------
    client = Client(HTTP_HOST=HOST)

    def reads(n: int) -> dict:
        times, on_primary, on_replica, errors = [], 0, 0, 0
        for _ in range(n):
            with (
                CaptureQueriesContext(connections["default"]) as p,
                CaptureQueriesContext(connections[REPLICA]) as r,
            ):
                t = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t) * 1000)
            errors += response.status_code != 200
            on_primary += len(p)
            on_replica += len(r)
        total = sum(times) / 1000
        return {
            **percentiles(times),
            "req_per_s": round(n / total, 1),
            "queries_primary": on_primary,
            "queries_replica": on_replica,
            "errors": errors,
        }

    reads(20)  # warm the caches
    with override_settings(DATABASE_ROUTERS=[]):
        out["reads_primary_only"] = reads(args.reads)
    out["reads_via_replica"] = reads(args.reads)

    # Fallback ---------------------------------------------------------------------------
    from django.db import close_old_connections

    attempts = []
    wrapper = connections[REPLICA]
    connect = wrapper.get_new_connection

    def counting(params):
        attempts.append(1)
        return connect(params)

    wrapper.get_new_connection = counting
    replica.stop("immediate")
    times, errors = [], 0
    for _ in range(50):
        close_old_connections()  # what a real request start does
        t = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t) * 1000)
        errors += response.status_code != 200
    out["fallback"] = {
        "first_read_ms": round(times[0], 2),
        "next_reads": percentiles(times[1:]),
        "errors": errors,
        "connect_attempts": len(attempts),
    }
    t = time.perf_counter()
    replica.start()
    db_router._down_until = time.monotonic()  # the health interval has passed
    out["fallback"]["restart_s"] = round(time.perf_counter() - t, 2)
    back = reads(20)
    out["fallback"]["back_on_replica"] = back["queries_replica"] > 0 and back["errors"] == 0
    routers.disable()
    return out


if __name__ == "__main__":
    sys.exit(main())
