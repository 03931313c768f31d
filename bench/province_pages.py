"""Public pages at 1 Site and at 187 Sites (a province on one install), in one run.

For every page type of the default body's tree (its first live page of each type, the
routes of its routable pages, search, a 404) it renders the page in process with warm
caches (Django test client, the settings of the environment) and reports, per page type:
the SQL queries (CaptureQueriesContext) and the median render time at 187 Sites and at 1
Site, and their ratio (target ≤ 1.1). The two states alternate round by round in the same
process: the database keeps 187 Sites, and the 1-Site state deletes the other 186 inside
a transaction that is rolled back (the 187-Site state runs in a transaction rolled back
too, so that both states' requests run alike). The rounds go in ABBA order (many, few,
few, many, …) so that a drift of the machine's speed weighs on both states alike; each
render is timed by the wall clock and by this process's CPU time (the Python side, where
the number of Sites could enter: the database's share is the same number of queries in
both states). A ratio is the median of the per-round ratios, with a bootstrap 90 %
interval over the rounds (``--rounds`` ≥ 8 for a useful one): the target is demonstrated
when the interval's upper end is ≤ 1.1.

    createdb -h 127.0.0.1 -U postgres wt_sites_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_sites_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py setup_portal \
        && .venv/bin/python manage.py load_demo
    nice -n 10 .venv/bin/python bench/province_pages.py --sites 187 --rounds 12 --repeat 7

Missing Sites are added as bare rows (a home page each, no body set-up), as a bulk loader
makes them. Writes bench/results/province-pages-<label>.json. Timings never go into tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "localhost"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log kept between requests


def page_type_paths(site) -> dict[str, str]:
    """The addresses the query-count test renders (one per page type, the routable pages'
    routes, search, a 404): the bench times exactly what the test counts."""
    from tests.core.test_query_counts import page_type_paths as addresses

    return addresses(site)


def ensure_sites(count: int) -> int:
    """Bare Sites (a home page each) until the install has ``count``."""
    from django.db import transaction
    from wagtail.models import Page, Site

    from congthongtin.core import sitecache

    missing = count - Site.objects.count()
    if missing <= 0:
        return 0
    root = Page.get_first_root_node()
    with transaction.atomic():
        start = Site.objects.filter(hostname__startswith="bench-xa-").count()
        homes = []
        for i in range(start, start + missing):
            page = Page(title=f"Xã đo thử {i}", slug=f"bench-xa-{i}")
            homes.append(root.add_child(instance=page))
        Site.objects.bulk_create(
            Site(hostname=f"bench-xa-{start + n}.example.vn", root_page=home)
            for n, home in enumerate(homes)
        )
    sitecache.invalidate()
    Site.clear_site_root_paths_cache()
    return missing


def measure(client, paths: dict[str, str], repeat: int) -> dict[str, dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for label, path in paths.items():
        client.get(path, HTTP_HOST=HOST)  # warm: caches, renditions, routes
        connection.queries_log.clear()  # a full log (9,000 entries) would count 0
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST=HOST)
        # Read now: ``ctx`` slices the connection's log, which the next request empties
        # (request_started → reset_queries); read after the timed requests, it counted 0.
        queries = [q["sql"] for q in ctx.captured_queries]
        times, cpu = [], []
        gc.collect()  # a collection left over from the last page is not timed here
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, HTTP_HOST=HOST)
            cpu.append((time.process_time() - started_cpu) * 1000)
            times.append((time.perf_counter() - started) * 1000)
        out[label] = {
            "status": response.status_code,
            "queries": len(queries),
            "site_queries": sum('"wagtailcore_site"' in sql for sql in queries),
            "ms": statistics.median(times),
            "cpu_ms": statistics.median(cpu),
        }
    return out


def ratio_interval(ratios: list[float], draws: int = 2000, seed: int = 187) -> list[float]:
    """A bootstrap 90 % interval of the median of the per-round ratios."""
    if len(ratios) < 2:
        return [ratios[0], ratios[0]] if ratios else [0.0, 0.0]
    pick = random.Random(seed)
    medians = sorted(statistics.median(pick.choices(ratios, k=len(ratios))) for _ in range(draws))
    return [round(medians[int(draws * 0.05)], 3), round(medians[int(draws * 0.95) - 1], 3)]


def measure_rolled_back(client, paths, repeat, remove=None) -> dict:
    """``measure`` inside a transaction that is rolled back, after ``remove()`` (which deletes
    Sites) when given. Both states run so: an open transaction that deleted rows makes each
    statement check them, and an outer one turns every atomic block into a savepoint, so
    that only the number of Sites differs between them."""
    from django.core.cache import cache
    from django.db import transaction
    from wagtail.models import Site

    from congthongtin.core import sitecache

    with transaction.atomic():
        if remove is not None:
            remove()
        sitecache.invalidate()
        result = measure(client, paths, repeat)
        result["_sites"] = Site.objects.count()
        transaction.set_rollback(True)
    cache.clear()  # Wagtail's root paths and the content version saw the deletion
    return result


def all_pages_rounds(rounds, paths, key: str) -> list[float]:
    """Per round, the ratio many/few of ``key`` summed over every page."""
    return [
        sum(r["many"][label][key] for label in paths) / sum(r["one"][label][key] for label in paths)
        for r in rounds
    ]


def many_sites_state(client, paths, repeat) -> dict:
    """Measure with every Site."""
    result = measure_rolled_back(client, paths, repeat)
    result.pop("_sites")
    return result


def one_site_state(client, paths, repeat, default_id, baseline: str = "one") -> dict:
    """Measure with fewer Sites, deleted then rolled back: ``one``, only the default Site;
    ``demo``, the demo's own Sites (the bare Sites this bench added deleted), so that the
    default body keeps its archived former district as at 187 Sites and only the number of
    Sites differs."""
    from wagtail.models import Site

    def remove():
        if baseline == "demo":
            Site.objects.filter(hostname__startswith="bench-xa-").delete()
        else:
            Site.objects.exclude(pk=default_id).delete()
            assert Site.objects.count() == 1

    return measure_rolled_back(client, paths, repeat, remove)


def resolution_cost(repeat: int = 2000) -> dict:
    """µs per request to find the Site: Wagtail's query vs the warm host table."""
    from django.test import RequestFactory
    from wagtail.models.sites import get_site_for_hostname

    from congthongtin.core.site_resolution import site_for_request

    factory = RequestFactory()
    site_for_request(factory.get("/", HTTP_HOST=HOST))
    started = time.perf_counter()
    for _ in range(repeat):
        site_for_request(factory.get("/", HTTP_HOST=HOST))
    table = (time.perf_counter() - started) / repeat * 1e6
    started = time.perf_counter()
    for _ in range(repeat // 10):
        get_site_for_hostname(HOST, 80).root_page.specific  # noqa: B018
    query = (time.perf_counter() - started) / (repeat // 10) * 1e6
    return {"host_table_us": round(table, 1), "wagtail_query_us": round(query, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=187)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--label", default="run")
    parser.add_argument(
        "--baseline",
        choices=("one", "demo"),
        default="one",
        help="the state compared with: the default Site alone, or the demo's Sites "
        "(its archived body kept)",
    )
    args = parser.parse_args()
    setup_django()

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    added = ensure_sites(args.sites)
    default = Site.objects.get(is_default_site=True)
    paths = page_type_paths(default)
    client = Client()
    cache.clear()
    rounds = []
    load = [os.getloadavg()[0]]
    for n in range(args.rounds):
        # ABBA: many then few in even rounds, few then many in odd ones.
        if n % 2 == 0:
            many = many_sites_state(client, paths, args.repeat)
            one = one_site_state(client, paths, args.repeat, default.pk, args.baseline)
        else:
            one = one_site_state(client, paths, args.repeat, default.pk, args.baseline)
            many = many_sites_state(client, paths, args.repeat)
        baseline_sites = one.pop("_sites")
        rounds.append({"many": many, "one": one})
        load.append(os.getloadavg()[0])
        print(f"round {n + 1}/{args.rounds} done, load {load[-1]:.1f}", file=sys.stderr)
    cost_many = resolution_cost()

    rows = []
    for label, path in paths.items():
        ms_one = statistics.median(r["one"][label]["ms"] for r in rounds)
        ms_many = statistics.median(r["many"][label]["ms"] for r in rounds)
        per_round = [r["many"][label]["ms"] / r["one"][label]["ms"] for r in rounds]
        cpu_round = [r["many"][label]["cpu_ms"] / r["one"][label]["cpu_ms"] for r in rounds]
        rows.append(
            {
                "page": label,
                "path": path,
                "status": rounds[0]["many"][label]["status"],
                "queries_1": rounds[0]["one"][label]["queries"],
                "queries_many": rounds[0]["many"][label]["queries"],
                "site_queries_many": rounds[0]["many"][label]["site_queries"],
                "ms_1": round(ms_one, 2),
                "ms_many": round(ms_many, 2),
                "ratio": round(statistics.median(per_round), 3),
                "ratio_90": ratio_interval(per_round),
                "ratio_rounds": [round(x, 3) for x in per_round],
                "cpu_ms_1": round(statistics.median(r["one"][label]["cpu_ms"] for r in rounds), 2),
                "cpu_ms_many": round(
                    statistics.median(r["many"][label]["cpu_ms"] for r in rounds), 2
                ),
                "cpu_ratio": round(statistics.median(cpu_round), 3),
                "cpu_ratio_90": ratio_interval(cpu_round),
            }
        )
    ratios = [row["ratio"] for row in rows]
    cpu_ratios = [row["cpu_ratio"] for row in rows]
    # Every page's render in one figure: the per-round ratio of the summed medians.
    total_rounds = all_pages_rounds(rounds, paths, "ms")
    total_cpu_rounds = all_pages_rounds(rounds, paths, "cpu_ms")
    summary = {
        "sites": Site.objects.count(),
        "baseline": args.baseline,
        "baseline_sites": baseline_sites,
        "sites_added": added,
        "page_types": len(rows),
        "ratio_median": round(statistics.median(ratios), 3),
        "ratio_geomean": round(statistics.geometric_mean(ratios), 3),
        "ratio_max": max(ratios),
        "pages_upper_90_over_1_1": [r["page"] for r in rows if r["ratio_90"][1] > 1.1],
        "cpu_ratio_median": round(statistics.median(cpu_ratios), 3),
        "cpu_ratio_max": max(cpu_ratios),
        "all_pages_ratio": round(statistics.median(total_rounds), 3),
        "all_pages_ratio_90": ratio_interval(total_rounds),
        "all_pages_ratio_rounds": [round(x, 3) for x in total_rounds],
        "all_pages_cpu_ratio": round(statistics.median(total_cpu_rounds), 3),
        "all_pages_cpu_ratio_90": ratio_interval(total_cpu_rounds),
        "max_queries": max(max(r["queries_1"], r["queries_many"]) for r in rows),
        "queries_equal": all(r["queries_1"] == r["queries_many"] for r in rows),
        "resolution": cost_many,
    }
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    record = {
        "label": args.label,
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "machine": {"nproc": os.cpu_count(), "python": platform.python_version()},
        "database": connection.vendor,
        "load": load,
        "args": vars(args),
        "summary": summary,
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"province-pages-{args.label}.json"
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False))
    print(
        f"| Page | status | queries {baseline_sites} / {summary['sites']} | "
        f"ms at {baseline_sites} | ms at "
        f"{summary['sites']} | ratio (90 %) | CPU ratio (90 %) |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['page']} | {r['status']} | {r['queries_1']} / {r['queries_many']} | "
            f"{r['ms_1']} | {r['ms_many']} | **{r['ratio']}** "
            f"({r['ratio_90'][0]}–{r['ratio_90'][1]}) | {r['cpu_ratio']} "
            f"({r['cpu_ratio_90'][0]}–{r['cpu_ratio_90'][1]}) |"
        )
    print(json.dumps(summary, indent=2))
    print(f"written: {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
