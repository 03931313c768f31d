"""generate_corpus builds valid, live, related pages directly in the tree (issue 11)."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from congthongtin.legal.models import LegalDocumentPage, LegalDocumentRelation
from congthongtin.news.models import NewsPage
from congthongtin.procedures.models import ProcedurePage
from congthongtin.search.models import SearchDocument


class GenerateCorpusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.out = io.StringIO()
        call_command("generate_corpus", documents=30, seed=3, stdout=cls.out)

    def test_proportions_and_tree(self):
        self.assertEqual(LegalDocumentPage.objects.live().count(), 18)
        self.assertEqual(ProcedurePage.objects.live().count(), 6)
        self.assertEqual(NewsPage.objects.live().count(), 6)
        # treebeard's own consistency check: paths, depths and numchild all agree.
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        for page in LegalDocumentPage.objects.all():
            self.assertEqual(page.url_path, page.get_parent().url_path + page.slug + "/")

    def test_numbers_codes_unique_and_relations(self):
        numbers = list(LegalDocumentPage.objects.values_list("number_key", flat=True))
        self.assertEqual(len(numbers), len(set(numbers)))
        self.assertTrue(all(numbers))
        codes = list(ProcedurePage.objects.values_list("code", flat=True))
        self.assertEqual(len(codes), len(set(codes)))
        relations = LegalDocumentRelation.objects.select_related("page", "target")
        self.assertTrue(relations.exists())
        for row in relations:
            self.assertGreaterEqual(row.page.issue_date, row.target.issue_date)
        self.assertTrue(LegalDocumentPage.objects.filter(fields__isnull=False).exists())

    def test_pages_render_and_are_searchable(self):
        for model in (LegalDocumentPage, ProcedurePage, NewsPage):
            page = model.objects.live().first()
            self.assertEqual(self.client.get(page.url).status_code, 200)
            self.assertTrue(SearchDocument.objects.filter(page_id=page.pk, anchor="").exists())
        document = LegalDocumentPage.objects.first()
        self.assertIn("Điều 1.", document.full_text)
        self.assertTrue(
            SearchDocument.objects.filter(page_id=document.pk, anchor="dieu-1").exists()
        )

    def test_a_second_run_appends(self):
        call_command(
            "generate_corpus", documents=10, seed=4, skip_search=True, stdout=io.StringIO()
        )
        self.assertEqual(LegalDocumentPage.objects.count(), 24)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))


class NumberSpaceTests(TestCase):
    """Numbers without a year run out near 30k documents; the generator then goes on with
    numbered-per-year forms instead of stopping."""

    def test_numbers_without_a_year_exhausted__year_form_used(self):
        import datetime as dt
        from types import SimpleNamespace

        from congthongtin.nhuxuan_site.management.commands.generate_corpus import Command

        command = Command()
        # Always number 1, never the optional year form: only the fallback can succeed.
        command.rng = SimpleNamespace(randint=lambda low, high: 1, random=lambda: 0.9)
        kind = SimpleNamespace(name="Quyết định", abbreviation="QĐ", is_legal=False)
        # Every number without a year is taken.
        command.numbers = {f"{n}/qd-ubnd" for n in range(1, 5000)}
        number = command.number_for(kind, "ubnd", dt.date(2024, 5, 1))
        self.assertEqual(number, "1/2024/QĐ-UBND")
        self.assertIn(number.lower().replace("đ", "d"), command.numbers)
