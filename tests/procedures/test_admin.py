"""Editors' side: both page types can be added, edited and previewed; the admin enforces
the model's rules before the page exists (unique code per portal, partly online reason)."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from congthongtin.procedures.models import ProcedurePage

from .helpers import make_document, make_index, make_procedure


def procedure_post_data(**overrides):
    data = {
        "title": "Đăng ký kết hôn",
        "slug": "dang-ky-ket-hon",
        "code": "1.000894",
        "level": "xa",
        "audience": ["cong-dan"],
        "processing_days": "",
        "processing_time_text": "Ngay trong ngày",
        "online_level": "khong",
        "origin": "original",
        "classification": "thuong",
        "forms-TOTAL_FORMS": "0",
        "forms-INITIAL_FORMS": "0",
        "forms-MIN_NUM_FORMS": "0",
        "forms-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for stream in ("steps", "submission", "dossier", "fees", "legal_basis"):
        data[f"{stream}-count"] = "0"
    data.update(overrides)
    return data


class ProcedureAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        cls.index = make_index()
        cls.existing = make_procedure(
            cls.index,
            title="Đăng ký khai sinh",
            code="1.001193",
            forms=[{"code": "TK-KS", "name": "Tờ khai", "document": make_document()}],
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add", args=["procedures", model._meta.model_name, parent.pk]
        )

    def test_add_forms__both_page_types__render(self):
        from congthongtin.procedures.models import ProcedureIndexPage

        self.assertEqual(
            self.client.get(self.add_url(ProcedureIndexPage, self.index.get_parent())).status_code,
            200,
        )
        self.assertEqual(self.client.get(self.add_url(ProcedurePage, self.index)).status_code, 200)

    def test_edit_form__procedure_with_forms__renders(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.existing.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "TK-KS")

    def test_create_through_admin__draft_saved(self):
        response = self.client.post(self.add_url(ProcedurePage, self.index), procedure_post_data())
        self.assertEqual(response.status_code, 302, response.content[:3000])
        page = ProcedurePage.objects.get(code="1.000894")
        self.assertFalse(page.live)
        self.assertEqual(page.audience, ["cong-dan"])

    def test_create_through_admin__duplicate_code__refused(self):
        response = self.client.post(
            self.add_url(ProcedurePage, self.index), procedure_post_data(code="1.001193")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("code", response.context["form"].errors)
        self.assertEqual(ProcedurePage.objects.filter(code="1.001193").count(), 1)

    def test_create_through_admin__partly_online_without_reason__refused(self):
        response = self.client.post(
            self.add_url(ProcedurePage, self.index),
            procedure_post_data(online_level="mot-phan", online_url="https://dichvucong.gov.vn/"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("online_partial_reason", response.context["form"].errors)

    def test_preview__procedure__renders(self):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.existing.pk])
        data = procedure_post_data(
            title="Đăng ký khai sinh (xem trước)", slug=self.existing.slug, code="1.001193"
        )
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        self.assertContains(self.client.get(url), "Đăng ký khai sinh (xem trước)")

    def test_revisions_compare__audience_change__shows_labels(self):
        page = ProcedurePage.objects.get(pk=self.existing.pk)
        first = page.get_latest_revision()
        page.audience = ["cong-dan", "doanh-nghiep"]
        second = page.save_revision()
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        # The label, not the stored value ("Doanh nghiệp" once the catalogue is merged).
        self.assertRegex(response.content.decode(), "Enterprises|Doanh nghiệp")

    def test_copy__same_portal__refused_in_the_form(self):
        url = reverse("wagtailadmin_pages:copy", args=[self.existing.pk])
        data = {
            "new_title": "Đăng ký khai sinh (bản sao)",
            "new_slug": "dang-ky-khai-sinh-ban-sao",
            "new_parent_page": self.index.pk,
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("new_parent_page", response.context["form"].errors)
        self.assertEqual(ProcedurePage.objects.filter(code="1.001193").count(), 1)

    def test_copy__index_with_children_to_another_portal__allowed(self):
        from tests.factories import make_portal

        _site, other_home = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND")
        url = reverse("wagtailadmin_pages:copy", args=[self.index.pk])
        data = {
            "new_title": "Thủ tục hành chính",
            "new_slug": "thu-tuc-hanh-chinh",
            "new_parent_page": other_home.pk,
            "copy_subpages": "on",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(ProcedurePage.objects.filter(code="1.001193").count(), 2)
        same_site = self.client.post(
            url, {**data, "new_parent_page": self.index.get_parent().pk, "new_slug": "thu-tuc-2"}
        )
        self.assertEqual(same_site.status_code, 200)
