"""Notices (R-ANN-1): kinds, validity period, current list and archive."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from congthongtin.news.models import NoticeIndexPage, NoticePage
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page


class NoticeTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        today = timezone.localdate()
        cls.index = add(home_page(), NoticeIndexPage, title="Thông báo", slug="thong-bao")
        add(
            cls.index,
            NoticePage,
            title="Đấu giá quyền sử dụng đất",
            kind="dau-gia",
            valid_from=today - dt.timedelta(days=3),
            valid_until=today + dt.timedelta(days=20),
        )
        add(
            cls.index,
            NoticePage,
            title="Triệu tập kỳ họp HĐND",
            kind="hop",
            valid_from=today,
        )
        add(
            cls.index,
            NoticePage,
            title="Hết hạn hôm nay vẫn hiện",
            kind="tuyen-dung",
            valid_from=today - dt.timedelta(days=30),
            valid_until=today,
        )
        cls.expired = add(
            cls.index,
            NoticePage,
            title="Tuyển sinh lớp 1 năm trước",
            kind="tuyen-sinh",
            valid_from=today - dt.timedelta(days=150),
            valid_until=today - dt.timedelta(days=100),
        )

    def titles(self, query=""):
        response = self.client.get("/thong-bao/" + query)
        self.assertEqual(response.status_code, 200)
        return {item.title for item in response.context["items"]}

    def test_default__current_notices_only(self):
        self.assertEqual(
            self.titles(),
            {"Đấu giá quyền sử dụng đất", "Triệu tập kỳ họp HĐND", "Hết hạn hôm nay vẫn hiện"},
        )

    def test_archive__expired_notices(self):
        self.assertEqual(self.titles("?luu-tru=1"), {"Tuyển sinh lớp 1 năm trước"})

    def test_filter__kind(self):
        self.assertEqual(self.titles("?loai=dau-gia"), {"Đấu giá quyền sử dụng đất"})
        self.assertEqual(self.titles("?loai=tuyen-sinh&luu-tru=1"), {"Tuyển sinh lớp 1 năm trước"})

    def test_expired_notice__page_still_served_and_says_so(self):
        response = self.client.get(self.expired.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="notice" role="note"')

    def test_valid_until_before_valid_from__refused(self):
        page = NoticePage(
            title="Sai ngày",
            kind="khac",
            valid_from=dt.date(2026, 11, 20),
            valid_until=dt.date(2026, 11, 19),
        )
        with self.assertRaises(ValidationError) as raised:
            page.full_clean()
        self.assertIn("valid_until", raised.exception.message_dict)

    def test_valid_until_equal_to_valid_from__allowed(self):
        page = NoticePage(
            title="Một ngày",
            kind="khac",
            valid_from=dt.date(2026, 11, 20),
            valid_until=dt.date(2026, 11, 20),
        )
        page.full_clean(exclude=["path", "depth", "slug"])

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/thong-bao/" + query).status_code, 200)

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))

        def add_items(count):
            for _ in range(count):
                add(self.index, NoticePage, title=f"Thông báo số {next(counter)}", kind="khac")

        self.assert_constant_queries("/thong-bao/", add_items)
