"""Editors' side of the home app: every page type editable and previewable, the
directory searchable and exportable (R-DIR-1)."""

import csv
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from congthongtin.home.models import (
    BoundaryMapPage,
    DirectoryPage,
    LeadersPage,
    SitemapPage,
    StandardPage,
)
from tests.factories import OfficialFactory, UnitFactory

PAGE_TYPES = [StandardPage, LeadersPage, BoundaryMapPage, DirectoryPage, SitemapPage]


class PageAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        cls.home = Page.objects.get(depth=2)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_add_form__every_page_type__renders(self):
        for model in PAGE_TYPES:
            with self.subTest(model=model.__name__):
                url = reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, self.home.pk],
                )
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_create_through_admin__vietnamese_title__ascii_slug_and_published(self):
        url = reverse("wagtailadmin_pages:add", args=["portal_home", "standardpage", self.home.pk])
        response = self.client.post(
            url,
            {
                "title": "Chức năng, nhiệm vụ của Ủy ban",
                "slug": "chức-năng-nhiệm-vụ",
                "intro": "",
                "body-count": "0",
                "origin": "original",
                "classification": "thuong",
                "author_name": "Ban biên tập",
                "action-publish": "publish",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        page = StandardPage.objects.get(title="Chức năng, nhiệm vụ của Ủy ban")
        self.assertEqual(page.slug, "chuc-nang-nhiem-vu")
        self.assertTrue(page.live)

    def test_preview__standard_page__renders(self):
        page = StandardPage(title="Lịch sử", slug="lich-su")
        self.home.add_child(instance=page)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        data = {
            "title": "Lịch sử (bản xem trước)",
            "slug": "lich-su",
            "body-count": "0",
            "origin": "original",
            "classification": "thuong",
        }
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        self.assertContains(self.client.get(url), "Lịch sử (bản xem trước)")

    def test_boundary_map__not_offered_on_a_department_portal(self):
        from wagtail.models import Site

        from congthongtin.core.models import AdministrativeLevel, PortalSettings

        settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        settings.administrative_level = AdministrativeLevel.PROVINCIAL_DEPARTMENT
        settings.save()
        self.assertFalse(BoundaryMapPage.can_create_at(self.home))
        settings.administrative_level = AdministrativeLevel.COMMUNE
        settings.save()
        self.assertTrue(BoundaryMapPage.can_create_at(self.home))


class DirectoryAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        unit = UnitFactory(name="Văn phòng HĐND và UBND xã")
        OfficialFactory(unit=unit, full_name="Lê Văn Cường", position="Công chức Văn phòng")
        OfficialFactory(unit=unit, full_name="Đỗ Văn Hải", position="Công chức Địa chính")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_officials_list__search(self):
        url = reverse("wagtailsnippets_core_official:list")
        response = self.client.get(url, {"q": "Cường"})
        self.assertContains(response, "Lê Văn Cường")
        self.assertNotContains(response, "Đỗ Văn Hải")

    def test_officials_export__csv_has_every_official(self):
        url = reverse("wagtailsnippets_core_official:list")
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        names = {row[0] for row in csv.reader(io.StringIO(body))}
        self.assertTrue({"Lê Văn Cường", "Đỗ Văn Hải"} <= names)

    def test_officials_export__xlsx(self):
        url = reverse("wagtailsnippets_core_official:list")
        response = self.client.get(url, {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
