"""The demo portal's open data (/du-lieu-mo/) and budget disclosures (/cong-khai-ngan-sach/):
load_demo generates every dataset, and each download matches the live pages of the site."""

from __future__ import annotations

import csv
import io
import json

from wagtail.models import Site

from congthongtin.budget.models import BudgetDisclosurePage
from congthongtin.core.opendata import registered_datasets
from congthongtin.legal.models import LegalDocumentPage
from congthongtin.opendata.models import OpenDataFile
from congthongtin.procedures.models import ProcedurePage
from tests.shared_demo import DemoTestCase


class DemoOpenDataTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)

    def download(self, slug, fmt):
        response = self.client.get(f"/du-lieu-mo/{slug}.{fmt}", HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200, (slug, fmt))
        return b"".join(response.streaming_content)

    def test_every_dataset_generated_in_three_formats(self):
        for slug in registered_datasets():
            self.assertEqual(
                set(
                    OpenDataFile.objects.filter(site=self.site, dataset=slug).values_list(
                        "format", flat=True
                    )
                ),
                {"csv", "json", "xlsx"},
                slug,
            )

    def test_downloads_match_the_live_pages(self):
        from openpyxl import load_workbook

        expected = {
            "van-ban": LegalDocumentPage,
            "thu-tuc-hanh-chinh": ProcedurePage,
            "cong-khai-ngan-sach": BudgetDisclosurePage,
        }
        for slug, model in expected.items():
            with self.subTest(slug=slug):
                live = set(
                    model.objects.live().public().in_site(self.site).values_list("title", flat=True)
                )
                self.assertTrue(live)
                rows = json.loads(self.download(slug, "json"))["rows"]
                self.assertEqual({row["title"] for row in rows}, live)
                text = self.download(slug, "csv").decode("utf-8-sig")
                from_csv = {row["title"].lstrip("'") for row in csv.DictReader(io.StringIO(text))}
                self.assertEqual(from_csv, live)
                sheet = load_workbook(io.BytesIO(self.download(slug, "xlsx"))).worksheets[0]
                values = list(sheet.iter_rows(values_only=True))
                column = values[0].index("title")
                self.assertEqual({row[column] for row in values[1:]}, live)

    def test_budget_section__five_disclosures_over_three_years(self):
        response = self.client.get("/cong-khai-ngan-sach/", HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["year_groups"]), 3)
        self.assertEqual(sum(len(items) for _y, items in response.context["year_groups"]), 5)

    def test_open_data_page_and_catalogue(self):
        response = self.client.get("/du-lieu-mo/", HTTP_HOST=self.site.hostname)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(all(entry["ready"] for entry in response.context["datasets"]))
        catalog = self.client.get("/du-lieu-mo/catalog.json", HTTP_HOST=self.site.hostname)
        datasets = json.loads(catalog.content)["dcat:dataset"]
        self.assertEqual(len(datasets), len(registered_datasets()))
