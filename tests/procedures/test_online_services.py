"""The list of services provided online (R-ONLINE-1, R-PROC-2)."""

import datetime as dt

from django.test import TestCase

from congthongtin.core.models import Agency, Field

from .helpers import make_index, make_procedure

URL = "/thu-tuc-hanh-chinh/dich-vu-cong-truc-tuyen/"


class OnlineServicesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        civil = Field.objects.create(name="Hộ tịch thử", slug="ho-tich-thu", sort_order=1)
        business = Field.objects.create(name="Kinh doanh thử", slug="kinh-doanh-thu", sort_order=2)
        cls.provider = Agency.objects.create(name="Công an tỉnh Thử", slug="ca-tinh-thu")
        online = {"online_url": "https://dichvucong.gov.vn/dich-vu"}
        make_procedure(
            cls.index,
            title="Đăng ký hộ kinh doanh",
            code="1.001612",
            field=business,
            online_level="toan-trinh",
            online_since=dt.date(2025, 7, 1),
            **online,
        )
        make_procedure(
            cls.index,
            title="Đăng ký khai sinh",
            code="1.001193",
            field=civil,
            online_level="toan-trinh",
            online_since=dt.date(2024, 3, 1),
            **online,
        )
        make_procedure(
            cls.index,
            title="Đăng ký kết hôn",
            code="1.000894",
            field=civil,
            online_level="mot-phan",
            online_partial_reason="Hai bên nam, nữ phải có mặt.",
            **online,
        )
        make_procedure(
            cls.index,
            title="Cấp Phiếu lý lịch tư pháp",
            code="3.000333",
            level="tinh",
            online_level="toan-trinh",
            online_provider=cls.provider,
            **online,
        )
        make_procedure(cls.index, title="Chứng thực chữ ký", code="2.000884", field=civil)

    def test_list__grouped_by_level_then_field(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        groups = response.context["groups"]
        self.assertEqual([group["level"] for group in groups], ["tinh", "xa"])
        commune = groups[1]
        self.assertEqual(
            [(f["field"].name, [p.title for p in f["procedures"]]) for f in commune["fields"]],
            [
                ("Hộ tịch thử", ["Đăng ký kết hôn", "Đăng ký khai sinh"]),
                ("Kinh doanh thử", ["Đăng ký hộ kinh doanh"]),
            ],
        )
        self.assertEqual(response.context["service_count"], 4)
        self.assertEqual(response.context["full_count"], 3)

    def test_list__level_address_date_reason_provider(self):
        response = self.client.get(URL)
        self.assertNotContains(response, "Chứng thực chữ ký")
        self.assertContains(response, "3/2024")
        self.assertContains(response, "7/2025")
        # Each through the counted redirect to the service (stats:outbound, R-PROC-4).
        self.assertContains(response, 'href="/thong-ke/chuyen-tiep/', count=4)
        self.assertNotContains(response, 'href="https://dichvucong.gov.vn/dich-vu"')
        self.assertContains(response, "Hai bên nam, nữ phải có mặt.")
        self.assertContains(response, "Công an tỉnh Thử")
        self.assertContains(response, 'class="proc-badge proc-badge--mot-phan"')
        self.assertContains(response, "<caption>Hộ tịch thử</caption>", html=True)

    def test_listing_links_to_the_online_list(self):
        self.assertContains(self.client.get("/thu-tuc-hanh-chinh/"), f'href="{URL}"')

    def test_sitemap__lists_the_online_services_page(self):
        response = self.client.get("/sitemap.xml")
        self.assertContains(response, "/thu-tuc-hanh-chinh/dich-vu-cong-truc-tuyen/</loc>")

    def test_unknown_sub_address__404(self):
        self.assertEqual(self.client.get("/thu-tuc-hanh-chinh/khong-co/").status_code, 404)

    def test_home_page__highlights_fully_online_services(self):
        response = self.client.get("/")
        self.assertContains(response, "Đăng ký hộ kinh doanh")
        self.assertContains(response, f'href="{URL}"')
        self.assertNotContains(response, "Đăng ký kết hôn")
