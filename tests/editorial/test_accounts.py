"""R-ACC-1…4: user names, one-time passwords, forced change, lockout, who manages accounts."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from congthongtin.core.bodies import role_group
from congthongtin.core.roles import EDITOR
from congthongtin.editorial.accounts import create_official

from .helpers import assert_denied, load_board

User = get_user_model()


class AccountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.editors = role_group(EDITOR)

    def test_command__clash__numbered_user_name_and_one_time_password(self):
        out = StringIO()
        call_command(
            "create_official",
            "Nguyễn Văn An",
            "an2@thanhhoa.gov.vn",
            "--role",
            "Biên tập viên",
            stdout=out,
        )
        user = User.objects.get(username="nvan2")
        password = out.getvalue().split("one-time password: ")[1].split()[0]
        self.assertTrue(user.check_password(password))
        self.assertTrue(user.must_change_password)
        self.assertEqual(user.get_full_name(), "Nguyễn Văn An")
        self.assertEqual(list(user.groups.all()), [role_group(EDITOR)])
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="editorial.account_created", object_id=str(user.pk)
            ).exists()
        )

    def test_first_login__must_change_password_before_anything_else(self):
        user, password = create_official("Lò Thị Mai", "mai@thanhhoa.gov.vn", [self.editors])
        self.assertEqual(user.username, "ltmai")
        self.client.post(reverse("wagtailadmin_login"), {"username": "ltmai", "password": password})
        response = self.client.get(reverse("wagtailadmin_explore_root"))
        self.assertRedirects(response, reverse("editorial:change_password"))
        response = self.client.post(
            reverse("editorial:change_password"),
            {
                "old_password": password,
                "new_password1": "Như-Xuân-2026-an-toàn",
                "new_password2": "Như-Xuân-2026-an-toàn",
            },
        )
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        user.refresh_from_db()
        self.assertFalse(user.must_change_password)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_password_policy__weak_new_password_refused(self):
        user, password = create_official("Lò Văn Tú", "tu@thanhhoa.gov.vn", [self.editors])
        self.client.force_login(user)
        response = self.client.post(
            reverse("editorial:change_password"),
            {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
        )
        self.assertEqual(response.status_code, 200)
        user.refresh_from_db()
        self.assertTrue(user.must_change_password)

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_lockout__after_failed_logins__even_the_right_password_refused_and_logged(self):
        user, password = create_official("Cầm Bá Thước", "thuoc@thanhhoa.gov.vn")
        url = reverse("wagtailadmin_login")
        for _ in range(3):
            self.client.post(url, {"username": user.username, "password": "sai-mat-khau"})
        response = self.client.post(url, {"username": user.username, "password": password})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "tạm khóa", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="editorial.account_locked", object_id=str(user.pk)
            ).exists()
        )

    def test_only_the_technical_administrator_changes_other_accounts(self):
        target = self.users["lvcuong"]
        edit = reverse("wagtailusers_users:edit", args=[target.pk])
        self.client.force_login(self.users["ttbinh"])
        assert_denied(self, self.client.post(edit, {"username": "doiten", "email": "x@x.vn"}))
        target.refresh_from_db()
        self.assertEqual(target.username, "lvcuong")
        self.client.force_login(self.users["vtgiang"])
        self.assertEqual(self.client.get(edit).status_code, 200)

    def test_admin_form__creates_account_and_shows_password_once(self):
        self.client.force_login(self.users["vtgiang"])
        response = self.client.post(
            reverse("editorial:create_account"),
            {"full_name": "Hà Văn Sơn", "email": "son@thanhhoa.gov.vn"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, "hvson")
        self.assertTrue(User.objects.get(username="hvson").must_change_password)
        self.client.force_login(self.users["lvcuong"])
        assert_denied(
            self,
            self.client.post(
                reverse("editorial:create_account"), {"full_name": "A B", "email": "a@b.vn"}
            ),
        )
