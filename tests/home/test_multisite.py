"""R-SITE-1: several bodies in one install, each with its own identity."""

from django.test import TestCase
from wagtail.models import Page, Site

from congthongtin.core.models import AdministrativeLevel, PortalSettings
from congthongtin.home.models import StandardPage
from tests.factories import make_portal


class MultiSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        default = Site.objects.get(is_default_site=True)
        PortalSettings.objects.update_or_create(
            site=default,
            defaults={
                "name": "Trang thông tin điện tử xã Như Xuân",
                "managing_body": "Ủy ban nhân dân xã Như Xuân",
                "address": "Thôn Yên Cát, xã Như Xuân, tỉnh Thanh Hóa",
                "responsible_person": "Nguyễn Văn An",
            },
        )
        cls.commune_site, cls.commune_home = make_portal(
            "anhaodong.example.vn",
            "Trang thông tin điện tử xã An Hảo Đông",
            "Ủy ban nhân dân xã An Hảo Đông",
            address="Xã An Hảo Đông, tỉnh Gia Lai",
            phone="0256 3888 999",
            responsible_person="Trần Văn Tư",
            administrative_level=AdministrativeLevel.COMMUNE,
        )
        cls.commune_home.add_child(
            instance=StandardPage(title="Giới thiệu xã", slug="gioi-thieu", show_in_menus=True)
        )
        Page.objects.get(depth=2, slug="trang-chu").add_child(
            instance=StandardPage(
                title="Giới thiệu Như Xuân", slug="gioi-thieu", show_in_menus=True
            )
        )

    def test_second_portal__own_name_header_footer_and_menu(self):
        response = self.client.get("/", HTTP_HOST="anhaodong.example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Trang thông tin điện tử xã An Hảo Đông")
        self.assertContains(response, "Ủy ban nhân dân xã An Hảo Đông")
        self.assertContains(response, "Xã An Hảo Đông, tỉnh Gia Lai")
        self.assertContains(response, "Trần Văn Tư")
        self.assertContains(response, "Giới thiệu xã")
        self.assertNotContains(response, "Như Xuân")

    def test_first_portal__unchanged_by_the_second(self):
        response = self.client.get("/", HTTP_HOST="localhost")
        self.assertContains(response, "Trang thông tin điện tử xã Như Xuân")
        self.assertContains(response, "Giới thiệu Như Xuân")
        self.assertNotContains(response, "An Hảo Đông")

    def test_second_portal__subpage_has_its_own_footer(self):
        response = self.client.get("/gioi-thieu/", HTTP_HOST="anhaodong.example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Giới thiệu xã")
        self.assertContains(response, "0256 3888 999")
