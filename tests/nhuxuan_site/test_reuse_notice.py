"""R-REUSE-1 (S3 Đ4): every page says that other media may reuse its content only with the
editorial board's approval — the body's own notice when it wrote one, else the standard
one naming the portal; each body's pages carry that body's notice only."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase
from django.utils.html import escape

from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import make_portal

A, B = "xaan.example.vn", "xabinh.example.vn"
OWN = "Báo, đài muốn đăng lại tin của xã Bình phải có văn bản đồng ý của Ủy ban nhân dân xã."


class ReuseNoticeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a, home_a = make_portal(A, "Cổng thông tin xã An", "UBND xã An", default=True)
        cls.site_b, home_b = make_portal(
            B, "Cổng thông tin xã Bình", "UBND xã Bình", reuse_notice=OWN
        )
        category = NewsCategory.objects.get_or_create(name="Tin địa phương")[0]

        for home in (home_a, home_b):
            index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
            index.add_child(
                instance=NewsPage(
                    title="Khai giảng năm học mới",
                    slug="khai-giang",
                    category=category,
                    summary="Tóm tắt",
                    author_name="Ban biên tập",
                    author_address="UBND xã",
                )
            )

    def setUp(self):
        cache.clear()

    def page(self, host, path):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, (host, path))
        return response.content.decode()

    def test_the_standard_notice_names_the_portal_on_every_page(self):
        for path in ("/", "/tin-tuc/", "/tin-tuc/khai-giang/"):
            with self.subTest(path):
                page = self.page(A, path)
                self.assertIn("Cổng thông tin xã An", page)
                self.assertIn("footer__reuse", page)
                self.assertIn("Ban biên tập", page.split("footer__reuse", 1)[1])
                self.assertNotIn(escape(OWN), page)

    def test_a_bodys_own_notice_replaces_it_on_its_pages_only(self):
        for path in ("/", "/tin-tuc/", "/tin-tuc/khai-giang/"):
            with self.subTest(path):
                self.assertIn(escape(OWN), self.page(B, path))
