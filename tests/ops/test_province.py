"""generate_province: a province's bodies, a Zipf spread of items, reproducible and
resumable (issue "A whole province on one install")."""

from __future__ import annotations

import io
import unittest

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import SimpleTestCase, TestCase, TransactionTestCase
from wagtail.models import Page, Site

from congthongtin.consultation.models import Question
from congthongtin.core.models import BoardRole, Body, PortalSettings
from congthongtin.legal.models import LegalDocumentPage
from congthongtin.news.models import NewsPage
from congthongtin.nhuxuan_site.management.commands import generate_province
from congthongtin.nhuxuan_site.management.commands.generate_province import (
    Command,
    plan,
    schedule,
)
from congthongtin.procedures.models import ProcedurePage
from congthongtin.search.models import SearchDocument

SMALL = {"items": 300, "departments": 1, "communes": 1, "seed": 5}
MODELS = {"legal": LegalDocumentPage, "procedures": ProcedurePage, "news": NewsPage}


def run(command="generate_province", **options):
    call_command(command, **{**SMALL, **options}, stdout=io.StringIO(), stderr=io.StringIO())


def fingerprint() -> list:
    """What the corpus is, without the ids a database hands out."""
    sites = sorted(
        (site.hostname, site.site_name, site.root_page.path, str(site.root_page.url_path))
        for site in Site.objects.select_related("root_page")
    )
    parents = sorted(
        (body.site.hostname, body.parent.site.hostname if body.parent else "")
        for body in Body.objects.select_related("site", "parent__site")
    )
    pages = list(Page.objects.order_by("path").values_list("path", "url_path", "title", "live"))
    legal = sorted(LegalDocumentPage.objects.values_list("path", "number_symbol", "issue_date"))
    questions = sorted(
        Question.objects.values_list("page__path", "title", "received_at", "tracking_token")
    )
    rows = sorted(SearchDocument.objects.values_list("path", "anchor", "title", "category"))
    return [sites, parents, pages, legal, questions, rows]


class PlanTests(SimpleTestCase):
    def test_a_province_of_187_bodies_follows_zipf(self):
        specs = plan(1_000_000, 20, 166, seed=2025, zipf=1.0)
        self.assertEqual(len(specs), 187)
        self.assertEqual(sum(spec.total for spec in specs), 1_000_000)
        self.assertEqual([s.kind for s in specs[:2]], ["province", "department"])
        self.assertEqual(sum(s.kind == "commune" for s in specs), 166)
        harmonic = sum(1 / r for r in range(1, 188))
        for spec in specs:
            expected = 1_000_000 / spec.rank / harmonic
            self.assertLessEqual(abs(spec.total - expected), 1, spec)
        # The province holds about 17 %, the communes about 37 %.
        self.assertEqual(round(100 * specs[0].total / 1_000_000), 17)
        communes = sum(s.total for s in specs if s.kind == "commune")
        self.assertEqual(round(100 * communes / 1_000_000), 37)
        hosts = [s.hostname for s in specs]
        self.assertEqual(len(set(hosts)), 187)
        self.assertEqual(hosts[0], "tinh.thanhhoa.local")
        self.assertTrue(all(h.endswith(".thanhhoa.local") for h in hosts))
        names = [s.name for s in specs if s.kind == "commune"]
        self.assertTrue(all(n.startswith(("Xã ", "Phường ")) for n in names))

    def test_same_seed_same_plan_and_every_item_scheduled_once(self):
        first = plan(5000, 3, 10, seed=1, zipf=1.0)
        again = plan(5000, 3, 10, seed=1, zipf=1.0)
        self.assertEqual(
            [(s.hostname, s.counts) for s in first], [(s.hostname, s.counts) for s in again]
        )
        self.assertNotEqual(
            [s.hostname for s in first], [s.hostname for s in plan(5000, 3, 10, 2, 1.0)]
        )
        covered = {}
        for start, end, spec, kind in schedule(first):
            key = (spec.rank, kind)
            self.assertEqual(covered.get(key, 0), start)  # contiguous, in order
            covered[key] = end
        for spec in first:
            for kind, count in spec.counts.items():
                self.assertEqual(covered.get((spec.rank, kind), 0), count)


class ProvinceCorpusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run()
        cls.specs = plan(300, 1, 1, seed=5, zipf=1.0)

    def test_bodies_sites_sections_boards(self):
        province = Body.objects.get(site__hostname="tinh.thanhhoa.local")
        for spec in self.specs:
            site = Site.objects.get(hostname=spec.hostname)
            self.assertEqual(site.site_name, spec.name)
            body = Body.objects.get(site=site)
            self.assertEqual(body.parent_id, None if spec.rank == 1 else province.pk)
            level = PortalSettings.objects.get(site=site).administrative_level
            self.assertEqual(
                level,
                {"province": "province", "department": "department"}.get(spec.kind, "commune"),
            )
            slugs = set(site.root_page.get_children().values_list("slug", flat=True))
            self.assertLessEqual({"van-ban", "thu-tuc-hanh-chinh", "tin-tuc", "hoi-dap"}, slugs)
            self.assertTrue(BoardRole.objects.filter(site=site).exists())
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_each_body_holds_its_planned_share(self):
        for spec in self.specs:
            home = Site.objects.get(hostname=spec.hostname).root_page
            for kind, model in MODELS.items():
                found = model.objects.live().descendant_of(home).count()
                self.assertEqual(found, spec.counts[kind], (spec.hostname, kind))
            published = Question.objects.published().filter(page__path__startswith=home.path)
            self.assertEqual(published.count(), spec.counts["questions"])
        self.assertGreater(self.specs[0].total, self.specs[-1].total)

    def test_search_rows_per_site_with_their_paths(self):
        for spec in self.specs:
            site = Site.objects.get(hostname=spec.hostname)
            path = site.root_page.path
            pages = sum(spec.counts[kind] for kind in MODELS)
            whole = SearchDocument.objects.filter(path__startswith=path, anchor="")
            items = whole.filter(page__depth__gt=site.root_page.depth + 1)  # not the sections
            self.assertEqual(items.count(), pages)
            self.assertEqual(
                whole.filter(source__startswith="question:").count(), spec.counts["questions"]
            )
            for row in items[:20]:
                self.assertEqual(row.path, Page.objects.get(pk=row.page_id).path)
                self.assertIn(spec.hostname, row.url)
        # Articles of legal documents have their own rows.
        self.assertTrue(SearchDocument.objects.exclude(anchor="").exists())

    def test_pages_answer_on_their_host(self):
        spec = self.specs[-1]
        home = Site.objects.get(hostname=spec.hostname).root_page
        page = NewsPage.objects.live().descendant_of(home).first()
        response = self.client.get(page.relative_url(None), HTTP_HOST=spec.hostname)
        self.assertEqual(response.status_code, 200)
        question = Question.objects.published().filter(page__path__startswith=home.path).first()
        url = question.page.relative_url(None) + f"cau-hoi/{question.pk}/"
        self.assertEqual(self.client.get(url, HTTP_HOST=spec.hostname).status_code, 200)

    def test_a_second_run_adds_nothing(self):
        before = fingerprint()
        run()
        self.assertEqual(fingerprint(), before)


class Crash(Exception):
    pass


class CrashingCommand(Command):
    """Fails in the middle of its fourth slice (after writing pages of it)."""

    calls = 0

    def make(self, kind, section, count, backends):
        written = super().make(kind, section, count, backends)
        type(self).calls += 1
        if type(self).calls == 4:
            raise Crash
        return written


def one_run() -> list:
    """The fingerprint of one complete run, the database left as it was."""
    cache.clear()
    with transaction.atomic():
        run()
        result = fingerprint()
        transaction.set_rollback(True)
    cache.clear()
    return result


class ResumeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # The corpus of one run, which every test compares its own runs with (made once:
        # each test starts from the same empty tree, so one run gives them all the same).
        cls.expected = one_run()

    def setUp(self):
        cache.clear()

    def tearDown(self):
        cache.clear()

    def test_same_seed_same_corpus(self):
        self.assertGreater(len(self.expected[2]), 250)  # pages (questions are not pages)
        self.assertEqual(one_run(), self.expected)

    def test_an_interrupted_run_resumed_gives_the_corpus_of_one_run(self):
        expected = self.expected
        CrashingCommand.calls = 0
        with self.assertRaises(Crash):
            run(CrashingCommand())
        cache.clear()
        partial = LegalDocumentPage.objects.count() + NewsPage.objects.count()
        self.assertGreater(partial, 0)
        self.assertLess(len(fingerprint()[2]), len(expected[2]))
        run()
        self.assertEqual(fingerprint(), expected)

    def test_a_time_limit_stops_after_a_slice_and_a_new_run_finishes(self):
        expected = self.expected
        generate_province.PASSES, saved = 100, generate_province.PASSES
        try:
            run(max_minutes=1e-9)
        finally:
            generate_province.PASSES = saved
        cache.clear()
        self.assertLess(len(fingerprint()[2]), len(expected[2]))
        run()
        self.assertEqual(fingerprint(), expected)


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class CopyTests(TestCase):
    """Without a Wagtail backend the search rows go in by COPY on PostgreSQL: the same
    rows, generated tsvector columns included, as the INSERT of ``bulk_create``."""

    def columns(self, ids) -> list:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT * FROM portal_search_searchdocument WHERE id = ANY(%s) ORDER BY id",
                [list(ids)],
            )
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def test_copy_writes_what_bulk_create_writes(self):
        run(skip_search_backend=True)
        copied = list(SearchDocument.objects.order_by("id"))
        self.assertGreater(len(copied), 300)
        self.assertEqual(copied[0].path, Page.objects.get(pk=copied[0].page_id).path)
        ids = [row.pk for row in copied]
        for row in copied:
            row.pk = row.id = None
        SearchDocument.objects.bulk_create(copied)
        inserted = list(
            SearchDocument.objects.order_by("id").exclude(id__in=ids).values_list("id", flat=True)
        )
        self.assertEqual(len(inserted), len(ids))
        for a, b in zip(self.columns(ids), self.columns(inserted), strict=True):
            a.pop("id"), b.pop("id")
            self.assertEqual(a, b)
        # Rows of questions (no page) and of articles (an anchor) are among them.
        self.assertTrue(any(row["page_id"] is None for row in self.columns(ids)))
        self.assertTrue(any(row["anchor"] for row in self.columns(ids)))


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class WorkerTests(TransactionTestCase):
    """``--workers``: forked processes (their own connections, so the data is committed
    here) fill disjoint sets of bodies; the corpus is the one a single process writes."""

    serialized_rollback = True

    def tearDown(self):
        cache.clear()

    def test_workers_write_the_corpus_of_one_process(self):
        with transaction.atomic():
            run(skip_search_backend=True)
            expected = fingerprint()
            transaction.set_rollback(True)
        cache.clear()
        out = io.StringIO()
        call_command(
            "generate_province",
            **SMALL,
            skip_search_backend=True,
            workers=2,
            stdout=out,
            stderr=io.StringIO(),
        )
        self.assertIn("2 workers", out.getvalue())
        self.assertIn("300 items this run", out.getvalue())
        cache.clear()
        self.assertEqual(fingerprint(), expected)
        run(skip_search_backend=True, workers=2)  # a second run adds nothing
        cache.clear()
        self.assertEqual(fingerprint(), expected)
