"""``/api/v2/hoi-dap/``: published answers only, never the asker's personal data (R-QA-1)."""

from __future__ import annotations

from django.test import TestCase

from congthongtin.consultation.models import PERSONAL_FIELDS
from tests.consultation.helpers import field, make_question, make_question_index
from tests.core.api_corpus import publish_answer

PERSONAL = {
    "full_name": "Hoàng Thị Riêng Tư",
    "nationality": "Quốc tịch bí mật",
    "occupation": "Nghề nghiệp bí mật",
    "address": "Số 99 ngõ Bí Mật, thôn Kín",
    "representative_position": "Chức vụ bí mật",
    "licence_number": "GP-000999-BIMAT",
    "email": "rieng.tu@example.vn",
    "phone": "0912345678",
}


class AnswerApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.civil = field("Hộ tịch")
        cls.land = field("Đất đai")
        cls.published = publish_answer(
            make_question(
                cls.index,
                cls.civil,
                title="Đăng ký khai sinh cho con",
                body="Cần giấy tờ gì để đăng ký khai sinh?",
                public_place="Xã Như Xuân",
                **PERSONAL,
            )
        )
        cls.land_answer = publish_answer(
            make_question(cls.index, cls.land, title="Cấp sổ đỏ", **PERSONAL)
        )
        cls.pending = make_question(cls.index, cls.civil, title="Chưa trả lời", **PERSONAL)
        cls.complaint = publish_answer(
            make_question(cls.index, cls.civil, title="Khiếu nại", kind="khieu-nai", **PERSONAL)
        )

    def get(self, path="", **params):
        response = self.client.get(f"/api/v2/hoi-dap/{path}", params)
        self.assertEqual(response.status_code, 200, response.content)
        return response

    def test_only_published_answers_of_questions(self):
        ids = [item["id"] for item in self.get().json()["items"]]
        self.assertEqual(sorted(ids), sorted([self.published.pk, self.land_answer.pk]))
        for hidden in (self.pending, self.complaint):
            self.assertEqual(self.client.get(f"/api/v2/hoi-dap/{hidden.pk}/").status_code, 404)

    def test_no_personal_data_anywhere(self):
        self.assertEqual(set(PERSONAL), set(PERSONAL_FIELDS))
        for response in (self.get(), self.get(f"{self.published.pk}/")):
            text = response.content.decode()
            for name, value in PERSONAL.items():
                self.assertNotIn(value, text, name)
                self.assertNotIn(f'"{name}"', text)
            self.assertNotIn("Xã Như Xuân", text)  # not even the public place
            self.assertNotIn("tracking", text)

    def test_fields_and_detail(self):
        item = self.get(f"{self.published.pk}/").json()
        self.assertEqual(item["title"], "Đăng ký khai sinh cho con")
        self.assertEqual(item["question"], "Cần giấy tờ gì để đăng ký khai sinh?")
        self.assertEqual(item["field"], {"slug": self.civil.slug, "name": "Hộ tịch"})
        self.assertEqual(item["answer"], "<p>Mang theo giấy chứng sinh.</p>")
        self.assertEqual(item["citations"], [])
        self.assertEqual(item["code"], self.published.code)
        self.assertTrue(item["meta"]["html_url"].endswith(f"/hoi-dap/cau-hoi/{self.published.pk}/"))

    def test_filters__field_and_folded_keywords(self):
        def ids(**params):
            return [i["id"] for i in self.get(**params).json()["items"]]

        self.assertEqual(ids(linh_vuc=self.land.slug), [self.land_answer.pk])
        self.assertEqual(ids(q="dang ky KHAI SINH"), [self.published.pk])
        self.assertEqual(ids(q="so do"), [self.land_answer.pk])
        self.assertEqual(len(ids(linh_vuc="khong-co")), 2)  # unknown field: ignored
