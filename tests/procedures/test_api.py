"""``/api/v2/thu-tuc/`` lists what the procedures listing lists for the same filters, in its
order (by field, then folded title)."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from congthongtin.core.models import Agency, Field
from tests.procedures.helpers import make_index, make_procedure


class ProcedureApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.civil = Field.objects.get_or_create(name="Hộ tịch")[0]
        cls.land = Field.objects.get_or_create(name="Đất đai")[0]
        cls.commune = Agency.objects.get_or_create(name="UBND xã Như Xuân")[0]
        cls.items = [
            make_procedure(
                cls.index, title="Đăng ký khai sinh", field=cls.civil, agency=cls.commune
            ),
            make_procedure(
                cls.index,
                title="Đăng ký kết hôn",
                field=cls.civil,
                online_level="toan-trinh",
                online_since=dt.date(2025, 7, 1),
                online_url="https://dichvucong.gov.vn/ket-hon",
            ),
            make_procedure(
                cls.index,
                title="Cấp giấy chứng nhận quyền sử dụng đất",
                field=cls.land,
                level="tinh",
            ),
        ]

    def test_same_as_listing_for_the_same_filters(self):
        for params in (
            {},
            {"cap": "tinh"},
            {"truc_tuyen": "toan-trinh"},
            {"linh_vuc": self.civil.slug},
            {"co_quan": self.commune.slug},
            {"q": "dang ky"},
            {"linh_vuc": "khong-co", "q": "ket hon"},
        ):
            with self.subTest(params):
                response = self.client.get(self.index.url, params)
                expected = [p.pk for p in response.context["page_obj"].object_list]
                data = self.client.get("/api/v2/thu-tuc/", params).json()
                self.assertEqual([i["id"] for i in data["items"]], expected)
                self.assertTrue(expected)

    def test_fields(self):
        item = self.client.get(f"/api/v2/thu-tuc/{self.items[0].pk}/").json()
        self.assertEqual(item["code"], self.items[0].code)
        self.assertEqual(item["field"], {"slug": self.civil.slug, "name": "Hộ tịch"})
        self.assertEqual(item["agency"], {"slug": self.commune.slug, "name": "UBND xã Như Xuân"})
        self.assertEqual(item["level"], "xa")
        self.assertIn("result", item)
