"""``/api/v2/tin-tuc/`` and ``/api/v2/thong-bao/`` list what /tin-tuc/ and /thong-bao/ list
for the same filters."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from congthongtin.news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
)
from tests.news.helpers import add, home_page


class NewsApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.news_index = add(home, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        cls.politics = NewsCategory.objects.get(slug="chinh-tri")
        cls.economy = NewsCategory.objects.get(slug="kinh-te")
        now = timezone.now()
        cls.news = [
            add(
                cls.news_index,
                NewsPage,
                title=title,
                category=category,
                summary="Tóm tắt",
                published=now - dt.timedelta(days=days),
            )
            for title, category, days in (
                ("Hội nghị sơ kết công tác Đảng", cls.politics, 1),
                ("Giá lúa tăng mạnh", cls.economy, 2),
                ("Đại hội chi bộ thôn", cls.politics, 40),
            )
        ]
        cls.notice_index = add(home, NoticeIndexPage, title="Thông báo", slug="thong-bao")
        today = timezone.localdate()
        cls.notices = [
            add(
                cls.notice_index,
                NoticePage,
                title=title,
                kind=kind,
                valid_from=today - dt.timedelta(days=10),
                valid_until=until,
            )
            for title, kind, until in (
                ("Tuyển dụng viên chức giáo dục", "tuyen-dung", None),
                ("Đấu giá quyền sử dụng đất", "dau-gia", today + dt.timedelta(days=3)),
                ("Tuyển sinh lớp 1 năm trước", "tuyen-sinh", today - dt.timedelta(days=1)),
            )
        ]

    def compare(self, index, endpoint, params):
        response = self.client.get(index.url, params)
        self.assertEqual(response.status_code, 200)
        expected = [page.pk for page in response.context["page_obj"].object_list]
        data = self.client.get(f"/api/v2/{endpoint}/", params).json()
        self.assertEqual([item["id"] for item in data["items"]], expected)
        return expected

    def test_news__same_as_listing(self):
        month = timezone.localtime(self.news[0].first_published_at).strftime("%Y-%m")
        for params in (
            {},
            {"chuyen_muc": "chinh-tri"},
            {"chuyen_muc": "khong-co"},
            {"q": "DAI HOI chi bo"},
            {"thang": month},
            {"thang": "2026-13"},
        ):
            with self.subTest(params):
                self.compare(self.news_index, "tin-tuc", params)
        self.assertEqual(
            self.compare(self.news_index, "tin-tuc", {"q": "gia lua"}), [self.news[1].pk]
        )

    def test_news__fields(self):
        item = self.client.get(f"/api/v2/tin-tuc/{self.news[1].pk}/").json()
        self.assertEqual(item["title"], "Giá lúa tăng mạnh")
        self.assertEqual(item["category"], {"slug": "kinh-te", "name": self.economy.name})
        self.assertEqual(item["body"], "")
        self.assertEqual(item["meta"]["type"], "news.NewsPage")

    def test_notices__current_archive_and_kind_as_listing(self):
        for params in ({}, {"luu-tru": "1"}, {"loai": "dau-gia"}, {"q": "tuyen dung"}):
            with self.subTest(params):
                self.compare(self.notice_index, "thong-bao", params)
        archive = self.compare(self.notice_index, "thong-bao", {"luu-tru": "1"})
        self.assertEqual(archive, [self.notices[2].pk])
        item = self.client.get(f"/api/v2/thong-bao/{self.notices[1].pk}/").json()
        self.assertEqual(item["kind"], "dau-gia")
        self.assertEqual(item["valid_until"], self.notices[1].valid_until.isoformat())
