"""The back office's two roles (issue 20): the board's standing office acts on step 1, is on
the board and receives questions; the body's head is on no board, only a superuser grants it,
and the board's head edits his body's back-office rules and no other body's."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from congthongtin.core import roles
from congthongtin.core.bodies import holds, role_group
from congthongtin.editorial import accounts
from congthongtin.editorial.models import BoardSettings, EditorialTask
from tests.factories import make_portal

from .helpers import load_board

User = get_user_model()


class BackOfficeRolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, _ = make_portal("xab.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        cls.office = User.objects.create_user("ttoffice", "o@thanhhoa.gov.vn", "x" * 12)
        cls.office.groups.add(role_group(roles.STANDING_OFFICE, cls.site_a))
        cls.chief = User.objects.create_user("thutruong", "c@thanhhoa.gov.vn", "x" * 12)
        cls.chief.groups.add(role_group(roles.BODY_HEAD, cls.site_a))
        cls.head_b = User.objects.create_user("headb", "h@thanhhoa.gov.vn", "x" * 12)
        cls.head_b.groups.add(role_group(roles.HEAD, cls.site_b))
        cls.root = User.objects.create_superuser("quantri", "root@thanhhoa.gov.vn", "x" * 12)

    def test_standing_office__on_the_board_and_on_step_1_of_its_body(self):
        self.assertTrue(holds(self.office, roles.BOARD, self.site_a))
        self.assertFalse(holds(self.office, roles.BOARD, self.site_b))
        step1 = EditorialTask.objects.get(site=self.site_a, step=1)
        self.assertIn(role_group(roles.STANDING_OFFICE, self.site_a), step1.groups.all())
        self.assertTrue(self.office.has_perm("consultation.change_question"))

    def test_body_head__not_on_the_board_and_no_page_rights(self):
        self.assertFalse(holds(self.chief, roles.BOARD, self.site_a))
        self.assertFalse(self.site_a.root_page.permissions_for_user(self.chief).can_add_subpage())

    def test_body_head_role__granted_by_a_superuser_only(self):
        head = self.users["nvan"]
        chief_group = role_group(roles.BODY_HEAD, self.site_a)
        target = self.users["lvcuong"]
        self.assertNotIn(chief_group, accounts.grantable_groups(head, target))
        self.assertIn(
            role_group(roles.STANDING_OFFICE, self.site_a), accounts.grantable_groups(head, target)
        )
        self.assertIn(chief_group, accounts.grantable_groups(self.root, target))

    def test_board_rules__head_edits_his_body_only(self):
        self.client.force_login(self.users["nvan"])
        own = reverse("wagtailsettings:edit", args=["editorial", "boardsettings", self.site_a.pk])
        other = reverse("wagtailsettings:edit", args=["editorial", "boardsettings", self.site_b.pk])
        self.assertEqual(self.client.get(own).status_code, 200)
        self.assertNotEqual(self.client.get(other).status_code, 200)
        data = {
            "news_hours": "6",
            "current_news_time": "16:00",
            "urgent_hours": "1",
            "own_document_days": "2",
            "event_days": "3",
            "socioeconomic_day": "30",
            "reminder_hours": "2",
            "morning_start": "07:30",
            "morning_end": "11:30",
            "afternoon_start": "13:30",
            "afternoon_end": "17:00",
            "review_organisation_days": "180",
            "review_directory_days": "90",
            "review_procedure_days": "90",
            "review_policy_days": "180",
            "review_project_days": "90",
            "monthly_quota": "3",
            "quota_reminder_days": "5",
        }
        self.client.post(own, data)
        rules = BoardSettings.for_site_id(self.site_a.pk)
        self.assertEqual((rules.news_hours, rules.monthly_quota), (6, 3))
        self.assertEqual(BoardSettings.for_site_id(self.site_b.pk).news_hours, 8)
        self.client.post(other, data)
        self.assertFalse(BoardSettings.objects.filter(site=self.site_b).exists())

    def test_board_rules__working_hours_out_of_order__refused(self):
        import datetime as dt

        from django.core.exceptions import ValidationError

        rules = BoardSettings(site=self.site_a, morning_start=dt.time(12), morning_end=dt.time(8))
        with self.assertRaises(ValidationError):
            rules.clean()
