"""``/api/v2/du-an/`` lists what /du-an/ lists for the same filters."""

from __future__ import annotations

from django.test import TestCase

from congthongtin.core.models import Field
from congthongtin.projects.models import ProjectIndexPage, ProjectPage
from tests.news.helpers import add, home_page


class ProjectApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = add(home_page(), ProjectIndexPage, title="Dự án", slug="du-an")
        cls.roads = Field.objects.get_or_create(name="Giao thông")[0]
        cls.projects = [
            add(
                cls.index,
                ProjectPage,
                title=title,
                objective="Mục tiêu",
                project_type=kind,
                status=status,
                field=field,
                total_investment=amount,
            )
            for title, kind, status, field, amount in (
                (
                    "Đường liên xã Xuân Hòa",
                    "dau-tu-cong",
                    "dang-thuc-hien",
                    cls.roads,
                    12_000_000_000,
                ),
                ("Trường mầm non trung tâm", "dau-tu-cong", "hoan-thanh", None, None),
                ("Nhà máy chế biến gỗ", "tu-nhan", "chuan-bi", None, 5_000_000_000),
            )
        ]

    def test_same_as_listing_for_the_same_filters(self):
        for params in (
            {},
            {"trang_thai": "hoan-thanh"},
            {"loai": "tu-nhan"},
            {"linh_vuc": self.roads.slug},
            {"q": "duong lien xa"},
            {"trang_thai": "khong-co", "loai": "dau-tu-cong"},
        ):
            with self.subTest(params):
                response = self.client.get(self.index.url, params)
                expected = [p.pk for p in response.context["page_obj"].object_list]
                data = self.client.get("/api/v2/du-an/", params).json()
                self.assertEqual([i["id"] for i in data["items"]], expected)
                self.assertTrue(expected)

    def test_fields(self):
        item = self.client.get(f"/api/v2/du-an/{self.projects[0].pk}/").json()
        self.assertEqual(item["total_investment"], 12_000_000_000)
        self.assertEqual(item["field"], {"slug": self.roads.slug, "name": "Giao thông"})
        self.assertEqual(item["status"], "dang-thuc-hien")
        self.assertEqual(item["meta"]["type"], "projects.ProjectPage")
