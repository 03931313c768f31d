"""Conferences, seminars and training (R-CONF-1): materials to read and download, upcoming
and past events."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from congthongtin.news.models import ConferenceIndexPage, ConferencePage
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page, make_document


class ConferenceTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.index = add(
            home_page(), ConferenceIndexPage, title="Hội nghị – Hội thảo", slug="hoi-nghi"
        )
        cls.document = make_document("Báo cáo sơ kết", b"%PDF-1.4 " + b"x" * 2048, "bao-cao.pdf")
        cls.past = add(
            cls.index,
            ConferencePage,
            title="Hội nghị sơ kết nông thôn mới",
            kind="hoi-nghi",
            start_date=today - dt.timedelta(days=20),
            place="Hội trường UBND xã",
            organiser="UBND xã",
            materials=[
                ("file", {"document": cls.document, "title": "Báo cáo sơ kết", "kind": "Báo cáo"}),
                (
                    "link",
                    {
                        "url": "https://nongthonmoi.gov.vn",
                        "title": "Tài liệu tham khảo",
                        "kind": "",
                    },
                ),
            ],
        )
        add(
            cls.index,
            ConferencePage,
            title="Tập huấn kỹ năng số",
            kind="tap-huan",
            start_date=today + dt.timedelta(days=9),
            end_date=today + dt.timedelta(days=10),
        )
        add(
            cls.index,
            ConferencePage,
            title="Hội thảo đang diễn ra",
            kind="hoi-thao",
            start_date=today - dt.timedelta(days=1),
            end_date=today + dt.timedelta(days=1),
        )

    def test_index__upcoming_then_past(self):
        response = self.client.get("/hoi-nghi/")
        upcoming = {page.title for page in response.context["upcoming"]}
        past = {page.title for page in response.context["items"]}
        self.assertEqual(upcoming, {"Tập huấn kỹ năng số", "Hội thảo đang diễn ra"})
        self.assertEqual(past, {"Hội nghị sơ kết nông thôn mới"})

    def test_filter__when_and_kind(self):
        response = self.client.get("/hoi-nghi/?thoi_gian=da-dien-ra")
        self.assertIsNone(response.context["upcoming"])
        self.assertEqual(
            [p.title for p in response.context["items"]], ["Hội nghị sơ kết nông thôn mới"]
        )
        response = self.client.get("/hoi-nghi/?thoi_gian=sap-dien-ra&loai=tap-huan")
        self.assertEqual([p.title for p in response.context["items"]], ["Tập huấn kỹ năng số"])

    def test_detail__materials_with_type_and_size_and_external_links(self):
        response = self.client.get(self.past.url)
        self.assertContains(response, self.document.url)
        self.assertContains(response, "PDF, 2,0")  # size shown, Vietnamese decimal comma
        self.assertContains(response, 'href="https://nongthonmoi.gov.vn"')
        self.assertContains(response, "Hội trường UBND xã")

    def test_end_before_start__refused(self):
        page = ConferencePage(
            title="Sai ngày",
            kind="hoi-nghi",
            start_date=dt.date(2026, 11, 20),
            end_date=dt.date(2026, 11, 19),
        )
        with self.assertRaises(ValidationError) as raised:
            page.full_clean()
        self.assertIn("end_date", raised.exception.message_dict)

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/hoi-nghi/" + query).status_code, 200)

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))
        today = timezone.localdate()

        def add_items(count):
            for _ in range(count):
                n = next(counter)
                add(
                    self.index,
                    ConferencePage,
                    title=f"Hội nghị số {n}",
                    kind="hoi-nghi",
                    start_date=today + dt.timedelta(days=n - 5),
                )

        self.assert_constant_queries("/hoi-nghi/", add_items)
