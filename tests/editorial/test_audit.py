"""R-WF-3 and the auditor: read every history and report, change nothing."""

import csv
import io

from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from congthongtin.core.models import Official
from congthongtin.home.models import StandardPage

from .helpers import action_url, add_url, assert_denied, load_board, page_form_data, section_of


class AuditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.auditor = cls.users["hvem"]
        section = section_of(cls.users["ptdung"])
        cls_client = cls.client_class()
        cls_client.force_login(cls.users["ptdung"])
        cls_client.post(
            add_url(section), page_form_data("Tin để kiểm tra", **{"action-submit": "1"})
        )
        cls.page = StandardPage.objects.get(title="Tin để kiểm tra")
        for username, comment in (("lvcuong", "Đã biên tập"), ("ttbinh", "Đúng"), ("nvan", "Đăng")):
            cls_client.force_login(cls.users[username])
            cls.page.refresh_from_db()
            cls_client.post(
                action_url(cls.page, "approve", cls.page.current_workflow_task_state),
                {"comment": comment},
            )
        cls.page.refresh_from_db()

    def setUp(self):
        self.client.force_login(self.auditor)

    def test_published__chain_in_the_report_and_its_export(self):
        self.assertTrue(self.page.live)
        response = self.client.get(reverse("editorial:audit_report"))
        self.assertContains(response, "Tin để kiểm tra")
        self.assertContains(response, "Trần Thị Bình (ttbinh)")
        export = self.client.get(reverse("editorial:audit_report"), {"export": "csv"})
        self.assertEqual(export.status_code, 200)
        body = b"".join(export.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        row = next(r for r in rows if r["Tiêu đề"] == "Tin để kiểm tra")
        self.assertIn("nvan", row["Người duyệt đăng"])
        xlsx = self.client.get(reverse("editorial:audit_report"), {"export": "xlsx"})
        self.assertEqual(xlsx.status_code, 200)

    def test_report_filters__user_and_period_and_bad_dates(self):
        url = reverse("editorial:audit_report")
        self.assertContains(
            self.client.get(url, {"user": self.users["ttbinh"].pk}), "Tin để kiểm tra"
        )
        self.assertNotContains(
            self.client.get(url, {"user": self.users["dvhai"].pk}), "Tin để kiểm tra"
        )
        self.assertNotContains(self.client.get(url, {"since": "01/01/2099"}), "Tin để kiểm tra")
        self.assertEqual(self.client.get(url, {"since": "32/13/2026"}).status_code, 200)

    def test_every_page_history_and_comparison__readable(self):
        for page in Page.objects.filter(depth__gte=2)[:20]:
            with self.subTest(page=page.title):
                response = self.client.get(reverse("editorial:audit_page_history", args=[page.pk]))
                self.assertEqual(response.status_code, 200)
        response = self.client.get(reverse("editorial:audit_page_history", args=[self.page.pk]))
        self.assertContains(response, "Đăng")
        revisions = list(self.page.revisions.order_by("created_at"))
        compare = reverse(
            "editorial:audit_compare", args=[self.page.pk, revisions[0].pk, revisions[-1].pk]
        )
        self.assertEqual(self.client.get(compare).status_code, 200)
        self.assertEqual(self.client.get(reverse("editorial:audit_pages")).status_code, 200)

    def test_directory_history__readable(self):
        official = Official.objects.first()
        official.position = "Chức vụ mới"
        official.save()
        response = self.client.get(reverse("editorial:audit_records", args=["core.official"]))
        self.assertContains(response, "Chức vụ mới")

    def test_every_write_action__403(self):
        home = Page.objects.get(depth=2)
        official = Official.objects.first()
        posts = [
            reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            reverse("wagtailadmin_pages:add", args=["portal_home", "standardpage", home.pk]),
            reverse("wagtailadmin_pages:delete", args=[self.page.pk]),
            reverse("wagtailadmin_pages:unpublish", args=[self.page.pk]),
            reverse("wagtailadmin_pages:copy", args=[self.page.pk]),
            reverse("wagtailsnippets_core_official:edit", args=[official.pk]),
            reverse("wagtailsnippets_core_official:add"),
            reverse("wagtailsnippets_core_field:add"),
            reverse("editorial_delegation:add"),
            reverse("wagtailusers_users:add"),
            reverse("editorial:create_account"),
            reverse("editorial:fix_legacy", args=[self.page.pk]),
        ]
        for url in posts:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, {"title": "x"}).status_code, 403)
        self.page.refresh_from_db()
        self.assertTrue(self.page.live)

    def test_auditor_given_a_write_permission_by_mistake__still_cannot_write(self):
        self.auditor.user_permissions.add(Permission.objects.get(codename="change_official"))
        official = Official.objects.first()
        url = reverse("wagtailsnippets_core_official:edit", args=[official.pk])
        self.assertEqual(self.client.post(url, {"full_name": "Đổi tên"}).status_code, 403)

    def test_other_roles__no_audit_area(self):
        self.client.force_login(self.users["lvcuong"])
        assert_denied(self, self.client.get(reverse("editorial:audit_report")))
        assert_denied(self, self.client.get(reverse("editorial:audit_page_history", args=[1])))
