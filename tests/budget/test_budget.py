"""Budget disclosure (issue 23 item 4; S0 Đ18.2, Circular 343/2016/TT-BTC): validation of a
disclosure, the section listed by fiscal year (newest first, filter by year), the page, a
query count that does not grow with the disclosures."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Site

from congthongtin.budget.models import (
    BudgetDisclosureIndexPage,
    BudgetDisclosurePage,
    DisclosureKind,
    ExecutionPeriod,
)
from tests.factories import make_portal
from tests.news.helpers import QueryBudgetMixin, add, make_document


def disclosure(**fields) -> BudgetDisclosurePage:
    values = {
        "title": "Công khai dự toán",
        "slug": "cong-khai",
        "fiscal_year": 2026,
        "kind": DisclosureKind.ESTIMATE,
        "published_on": dt.date(2025, 12, 28),
    }
    values.update(fields)
    return BudgetDisclosurePage(**values)


def errors_of(page) -> dict:
    try:
        page.full_clean(exclude=["path", "depth", "slug"])
    except ValidationError as error:
        return error.message_dict
    return {}


class ValidationTests(TestCase):
    def test_execution_without_period__refused(self):
        errors = errors_of(disclosure(kind=DisclosureKind.EXECUTION, period=""))
        self.assertIn("period", errors)

    def test_execution_with_period__accepted(self):
        for period in ExecutionPeriod.values:
            with self.subTest(period=str(period)):
                page = disclosure(kind=DisclosureKind.EXECUTION, period=period)
                self.assertNotIn("period", errors_of(page))

    def test_period_for_estimate_or_final_accounts__refused(self):
        for kind in (DisclosureKind.ESTIMATE, DisclosureKind.FINAL_ACCOUNTS):
            with self.subTest(kind=str(kind)):
                errors = errors_of(disclosure(kind=kind, period=ExecutionPeriod.H1))
                self.assertIn("period", errors)

    def test_year_out_of_range__refused(self):
        next_year = timezone.localdate().year + 1
        for year in (1800, 1989, next_year + 1, 9999):
            with self.subTest(year=year):
                self.assertIn("fiscal_year", errors_of(disclosure(fiscal_year=year)))
        # Next year's estimate is disclosed before the year starts.
        self.assertNotIn("fiscal_year", errors_of(disclosure(fiscal_year=next_year)))

    def test_dates__decision_not_future_and_disclosure_not_before_it(self):
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        self.assertIn("decision_date", errors_of(disclosure(decision_date=tomorrow)))
        errors = errors_of(
            disclosure(decision_date=dt.date(2025, 12, 20), published_on=dt.date(2025, 12, 1))
        )
        self.assertIn("published_on", errors)

    def test_document_required(self):
        self.assertIn("document", errors_of(disclosure()))
        self.assertNotIn("document", errors_of(disclosure(document=make_document())))

    def test_kind_label__execution_names_its_period(self):
        page = disclosure(kind=DisclosureKind.EXECUTION, period=ExecutionPeriod.M9)
        self.assertIn(str(ExecutionPeriod.M9.label), page.kind_label)
        self.assertEqual(disclosure().kind_label, str(DisclosureKind.ESTIMATE.label))


class ListingTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.index = add(
            cls.site.root_page,
            BudgetDisclosureIndexPage,
            title="Công khai ngân sách",
            slug="cong-khai-ngan-sach",
        )
        cls.document = make_document("Biểu công khai")
        cls.items = {}
        for slug, year, kind, period in (
            ("quyet-toan-2024", 2024, DisclosureKind.FINAL_ACCOUNTS, ""),
            ("du-toan-2026", 2026, DisclosureKind.ESTIMATE, ""),
            ("du-toan-2025", 2025, DisclosureKind.ESTIMATE, ""),
            ("thuc-hien-6-thang-2025", 2025, DisclosureKind.EXECUTION, ExecutionPeriod.H1),
        ):
            cls.items[slug] = add(
                cls.index,
                BudgetDisclosurePage,
                title=f"Công khai {slug}",
                slug=slug,
                fiscal_year=year,
                kind=kind,
                period=period,
                document=cls.document,
                published_on=dt.date(2025, 1, 10),
            )
        add(
            cls.index,
            BudgetDisclosurePage,
            title="Bản nháp chưa công khai",
            slug="nhap",
            fiscal_year=2023,
            kind=DisclosureKind.ESTIMATE,
            document=cls.document,
            live=False,
        )
        # Another body's disclosures never show here.
        _other, other_home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        other_index = add(other_home, BudgetDisclosureIndexPage, title="Ngân sách", slug="ns")
        add(
            other_index,
            BudgetDisclosurePage,
            title="Công khai của xã Khác",
            fiscal_year=2022,
            kind=DisclosureKind.ESTIMATE,
            document=cls.document,
        )

    def test_grouped_by_year__newest_first(self):
        response = self.client.get("/cong-khai-ngan-sach/")
        self.assertEqual(response.status_code, 200)
        groups = response.context["year_groups"]
        self.assertEqual([year for year, _items in groups], [2026, 2025, 2024])
        self.assertEqual(
            [item.slug for item in dict(groups)[2025]], ["du-toan-2025", "thuc-hien-6-thang-2025"]
        )
        self.assertEqual(response.context["years"], [2026, 2025, 2024])
        html = response.content.decode()
        self.assertLess(html.index('id="nam-2026"'), html.index('id="nam-2025"'))
        self.assertNotIn("Bản nháp chưa công khai", html)
        self.assertNotIn("xã Khác", html)
        self.assertIn('scope="col"', html)
        self.assertIn("data-label=", html)  # the table stacks on a phone (stack-table)

    def test_filter_by_year(self):
        response = self.client.get("/cong-khai-ngan-sach/?nam=2025")
        self.assertEqual([year for year, _ in response.context["year_groups"]], [2025])
        self.assertEqual(response.context["filters"]["nam"], 2025)
        for bad in ("abc", "1800", "99999", "2025'--"):
            with self.subTest(bad=bad):
                response = self.client.get("/cong-khai-ngan-sach/", {"nam": bad})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(len(response.context["year_groups"]), 3)

    def test_disclosure_page__facts_and_document(self):
        page = self.items["thuc-hien-6-thang-2025"]
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(str(ExecutionPeriod.H1.label), html)
        self.assertIn(self.document.url, html)
        self.assertIn("2025", html)

    def test_query_count__constant_in_the_number_of_disclosures(self):
        counter = {"n": 0}

        def add_items(count):
            for _ in range(count):
                counter["n"] += 1
                add(
                    self.index,
                    BudgetDisclosurePage,
                    title=f"Thêm {counter['n']}",
                    fiscal_year=2020 + counter["n"] % 5,
                    kind=DisclosureKind.ESTIMATE,
                    document=make_document(f"Tệp {counter['n']}"),
                )

        self.assert_constant_queries("/cong-khai-ngan-sach/", add_items)
