"""Investment projects, bidding and procurement (R-PROJ-1)."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from congthongtin.core.models import Field
from congthongtin.projects.models import ProcurementNotice, ProjectIndexPage, ProjectPage
from tests.helpers import assert_bad_filters_dropped
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page, make_document


def project(parent, title, **fields):
    defaults = {"objective": "Mục tiêu chính của dự án.", "project_type": "dau-tu-cong"}
    return add(parent, ProjectPage, title=title, **{**defaults, **fields})


class ProjectValidationTests(TestCase):
    def make(self, **fields):
        return ProjectPage(title="Dự án", objective="x", project_type="ppp", **fields)

    def test_end_before_start__refused(self):
        for fields in (
            {"start_year": 2026, "end_year": 2025},
            {"start_year": 2026, "start_month": 6, "end_year": 2026, "end_month": 5},
        ):
            with self.subTest(**fields), self.assertRaises(ValidationError) as raised:
                self.make(**fields).full_clean()
            self.assertIn("end_year", raised.exception.message_dict)

    def test_same_month_or_years_only__allowed(self):
        for fields in (
            {"start_year": 2026, "start_month": 6, "end_year": 2026, "end_month": 6},
            {"start_year": 2026, "start_month": 6, "end_year": 2026},
            {"start_year": 2026},
        ):
            with self.subTest(**fields):
                self.make(**fields).full_clean(exclude=["path", "depth", "slug"])

    def test_month_without_year__refused(self):
        with self.assertRaises(ValidationError) as raised:
            self.make(start_month=3).full_clean()
        self.assertIn("start_year", raised.exception.message_dict)

    def test_invitation_without_deadline__refused(self):
        notice = ProcurementNotice(
            title="Mời thầu", kind="moi-thau", published_date=dt.date(2026, 11, 1)
        )
        with self.assertRaises(ValidationError) as raised:
            notice.clean()
        self.assertIn("deadline", raised.exception.message_dict)

    def test_period_label(self):
        page = self.make(start_year=2026, start_month=3, end_year=2027, end_month=12)
        self.assertEqual(page.period_label, "03/2026 – 12/2027")
        self.assertEqual(self.make(start_year=2026, end_year=2027).period_label, "2026 – 2027")


class ProjectListingTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.index = add(home_page(), ProjectIndexPage, title="Dự án – Đấu thầu", slug="du-an")
        cls.transport = Field.objects.get(slug="giao-thong-van-tai")
        cls.road = project(
            cls.index,
            "Đường liên thôn Tân Sơn – Bản Bù Đồn",
            status="chuan-bi",
            field=cls.transport,
            total_investment=14_800_000_000,
            start_year=2027,
            start_month=3,
            end_year=2028,
            end_month=6,
            investor="UBND xã Như Xuân",
        )
        cls.document = make_document("Hồ sơ mời thầu", name="hsmt.pdf")
        ProcurementNotice.objects.create(
            project=cls.road,
            title="Mời thầu gói thầu số 02",
            kind="moi-thau",
            notice_number="IB2600058813",
            published_date=timezone.localdate(),
            deadline=now + dt.timedelta(days=18),
            document=cls.document,
        )
        ProcurementNotice.objects.create(
            project=cls.road,
            title="Mời thầu gói thầu số 01 (đã đóng)",
            kind="moi-thau",
            published_date=timezone.localdate() - dt.timedelta(days=40),
            deadline=now - dt.timedelta(days=20),
        )
        project(
            cls.index,
            "Kênh mương thôn Đồng Tâm",
            status="dang-thuc-hien",
            total_investment=850_000_000,
        )
        project(cls.index, "Trường mầm non Bản Khe Rồng", status="hoan-thanh", project_type="oda")

    def titles(self, query=""):
        response = self.client.get("/du-an/" + query)
        self.assertEqual(response.status_code, 200)
        return {item.title for item in response.context["items"]}

    def test_filter__status(self):
        self.assertEqual(
            self.titles("?trang_thai=chuan-bi"), {"Đường liên thôn Tân Sơn – Bản Bù Đồn"}
        )
        self.assertEqual(self.titles("?trang_thai=dang-thuc-hien"), {"Kênh mương thôn Đồng Tâm"})
        self.assertEqual(self.titles("?trang_thai=hoan-thanh"), {"Trường mầm non Bản Khe Rồng"})
        self.assertEqual(len(self.titles("?trang_thai=xyz")), 3)

    def test_filter__type_field_keyword(self):
        self.assertEqual(self.titles("?loai=oda"), {"Trường mầm non Bản Khe Rồng"})
        self.assertEqual(
            self.titles("?linh_vuc=giao-thong-van-tai"), {"Đường liên thôn Tân Sơn – Bản Bù Đồn"}
        )
        self.assertEqual(self.titles("?q=ban+bu+don"), {"Đường liên thôn Tân Sơn – Bản Bù Đồn"})

    def test_listing__amounts_and_open_invitations(self):
        response = self.client.get("/du-an/")
        self.assertContains(response, "14,8 tỷ đồng")
        self.assertContains(response, "850 triệu đồng")
        self.assertEqual(
            [n.title for n in response.context["open_invitations"]], ["Mời thầu gói thầu số 02"]
        )

    def test_detail__facts_exact_amount_and_open_closed_badges(self):
        response = self.client.get(self.road.url)
        self.assertContains(response, "14,8 tỷ đồng")
        self.assertContains(response, "14.800.000.000 đồng")
        self.assertContains(response, "03/2027 – 06/2028")
        self.assertContains(response, "IB2600058813")
        self.assertContains(response, self.document.url)
        self.assertContains(response, 'class="badge badge--open"', count=1)
        self.assertContains(response, 'class="badge badge--closed"', count=1)
        self.assertContains(response, 'class="provenance"')

    def test_listing_and_detail__core_listing_styles_not_news(self):
        """Projects' listing includes and stylesheet are core's: nothing of news (issue 17)."""
        for url in ("/du-an/", self.road.url):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "/static/core/listing.css", count=1)
                self.assertNotContains(response, "news/news.css")
                self.assertContains(response, 'class="tab-list"' if url == "/du-an/" else "facts")

    def test_notice_is_open__computed_from_now(self):
        notice = ProcurementNotice(deadline=timezone.now() + dt.timedelta(hours=1))
        self.assertTrue(notice.is_open())
        self.assertFalse(notice.is_open(now=timezone.now() + dt.timedelta(hours=2)))
        self.assertIsNone(ProcurementNotice().is_open())

    def test_feed(self):
        response = self.client.get("/du-an/rss/")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        items = ET.fromstring(response.content).find("channel").findall("item")
        self.assertEqual(len(items), 3)
        self.assertTrue(items[0].findtext("link").startswith("http://testserver/du-an/"))

    def test_bad_filter_values__dropped_other_filters_kept(self):
        assert_bad_filters_dropped(
            self,
            "/du-an/",
            {"trang_thai": "dang-thuc-hien"},
            ["loai", "linh_vuc", "page"],
            lambda response: {item.title for item in response.context["items"]},
        )

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/du-an/" + query).status_code, 200)

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))

        def add_items(count):
            for _ in range(count):
                page = project(self.index, f"Dự án số {next(counter)}", field=self.transport)
                ProcurementNotice.objects.create(
                    project=page,
                    title="Mời thầu",
                    kind="moi-thau",
                    published_date=timezone.localdate(),
                    deadline=timezone.now() + dt.timedelta(days=5),
                )

        self.assert_constant_queries("/du-an/", add_items)


class ProjectAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        cls.index = add(home_page(), ProjectIndexPage, title="Dự án", slug="du-an")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_add_and_edit_forms__render(self):
        url = reverse("wagtailadmin_pages:add", args=["projects", "projectpage", self.index.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        page = project(self.index, "Dự án thử")
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        url = reverse("wagtailadmin_pages:edit", args=[self.index.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_preview__project_with_notice(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=["projects", "projectpage", self.index.pk]
        )
        data = {
            "title": "Dự án xem trước",
            "slug": "du-an-xem-truoc",
            "objective": "Mục tiêu",
            "project_type": "ppp",
            "status": "chuan-bi",
            "total_investment": "12500000000",
            "start_year": "2026",
            "end_year": "2027",
            "body-count": "0",
            "attachments-count": "0",
            "origin": "original",
            "classification": "thuong",
            "procurement_notices-TOTAL_FORMS": "1",
            "procurement_notices-INITIAL_FORMS": "0",
            "procurement_notices-MIN_NUM_FORMS": "0",
            "procurement_notices-MAX_NUM_FORMS": "1000",
            "procurement_notices-0-title": "Mời thầu xem trước",
            "procurement_notices-0-kind": "moi-thau",
            "procurement_notices-0-published_date": "20/11/2026",
            "procurement_notices-0-deadline": "10/12/2026 09:00",
            "procurement_notices-0-ORDER": "1",
        }
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        response = self.client.get(url)
        self.assertContains(response, "12,5 tỷ đồng")
        self.assertContains(response, "Mời thầu xem trước")

    def test_end_before_start__form_error(self):
        url = reverse("wagtailadmin_pages:add", args=["projects", "projectpage", self.index.pk])
        data = {
            "title": "Dự án sai năm",
            "slug": "du-an-sai-nam",
            "objective": "Mục tiêu",
            "project_type": "ppp",
            "status": "chuan-bi",
            "start_year": "2027",
            "end_year": "2026",
            "body-count": "0",
            "attachments-count": "0",
            "origin": "original",
            "classification": "thuong",
            "procurement_notices-TOTAL_FORMS": "0",
            "procurement_notices-INITIAL_FORMS": "0",
            "procurement_notices-MIN_NUM_FORMS": "0",
            "procurement_notices-MAX_NUM_FORMS": "1000",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("end_year", response.context["form"].errors)
