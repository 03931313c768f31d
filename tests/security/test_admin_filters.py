"""Issue 16, finding 10: admin filters and ids in admin URLs; a bad value is dropped (a
form error, the default period, a 404), never a 500."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from congthongtin.consultation.models import PageFeedback
from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.home.models import StandardPage
from tests.editorial.helpers import assert_denied


class AdminFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.auditor = User.objects.create_user("hvem", "hvem@example.gov.vn", "x" * 12)
        cls.auditor.groups.add(role_group(roles.AUDITOR))
        cls.editor = User.objects.create_user("lvcuong", "lvc@example.gov.vn", "x" * 12)
        cls.editor.groups.add(role_group(roles.EDITOR))
        home = Page.objects.get(depth=2)
        cls.page = StandardPage(title="Trang so sánh", slug="trang-so-sanh")
        home.add_child(instance=cls.page)
        cls.page.save_revision(user=cls.editor)
        cls.page.save_revision(user=cls.editor)
        PageFeedback.objects.create(page=cls.page, useful=True, comment="Rõ")

    def test_feedback_report__month_out_of_range__default_period(self):
        self.client.force_login(self.auditor)
        url = reverse("consultation_admin:feedback_report")
        for query in ({"den": "9999-12"}, {"tu": "0001-01"}, {"tu": "2026-13"}, {"den": "x"}):
            for export in ("", "csv"):
                with self.subTest(query=query, export=export):
                    params = {**query, **({"export": export} if export else {})}
                    self.assertEqual(self.client.get(url, params).status_code, 200)
        # The dropped value falls back to the default period; a good one still filters.
        response = self.client.get(url, {"den": "9999-12"})
        self.assertContains(response, self.page.title)
        response = self.client.get(url, {"tu": "2001-01", "den": "2001-02"})
        self.assertNotContains(response, "Trang so sánh</")

    def test_audit_report__date_out_of_range__form_error_and_no_filter(self):
        self.client.force_login(self.auditor)
        url = reverse("editorial:audit_report")
        for query in (
            {"until": "31/12/9999"},
            {"since": "01/01/0001"},
            {"since": "01/01/0001", "until": "31/12/9999"},
        ):
            for export in ("", "csv"):
                with self.subTest(query=query, export=export):
                    params = {**query, **({"export": export} if export else {})}
                    response = self.client.get(url, params)
                    self.assertEqual(response.status_code, 200)
        response = self.client.get(url, {"until": "31/12/9999"})
        self.assertTrue(response.context["form"].errors["until"])

    def test_audit_compare__revision_ids_not_numbers__404(self):
        self.client.force_login(self.auditor)
        revisions = list(self.page.revisions.order_by("pk").values_list("pk", flat=True))
        good = reverse("editorial:audit_compare", args=[self.page.pk, *revisions])
        self.assertEqual(self.client.get(good).status_code, 200)
        with self.assertRaises(NoReverseMatch):
            reverse("editorial:audit_compare", args=[self.page.pk, "abc", revisions[0]])
        for bad in (f"abc/{revisions[0]}", f"{revisions[0]}/live", "1e5/2"):
            with self.subTest(bad=bad):
                path = good.rsplit("/so-sanh/", 1)[0] + f"/so-sanh/{bad}/"
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_chooser__chosen_id_not_a_number__404(self):
        self.client.force_login(self.editor)
        path = reverse("wagtailsnippetchoosers_core_field:chosen", args=["abc"])
        self.assertEqual(self.client.get(path).status_code, 404)

    def test_chooser__create_without_a_creation_form__refused(self):
        self.client.force_login(self.editor)
        path = reverse("wagtailsnippetchoosers_core_field:create")
        assert_denied(self, self.client.post(path, {"name": "Lĩnh vực mới"}))
