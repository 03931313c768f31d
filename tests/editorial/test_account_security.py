"""Issue 16, finding 1: the technical administrator manages accounts but never grants
himself (or anyone) more power; only a superuser or the head of the board grants the
board's roles; every change of an account's powers is logged and auditors can read it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, Site

from congthongtin.core.bodies import role_group
from congthongtin.core.roles import (
    ALL_ROLES,
    AUDITOR,
    COLLABORATOR,
    DEPUTY,
    EDITOR,
    HEAD,
    TECH_ADMIN,
)
from congthongtin.editorial.models import SectionAssignment

from .helpers import assert_denied, load_board

User = get_user_model()
NEW_PASSWORD = "Mật-khẩu-mới-2026-rất-dài"


def user_form_data(user, **changes):
    """What Wagtail's user edit form posts for ``user`` unchanged, then ``changes``."""
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@thanhhoa.gov.vn",
        "first_name": user.first_name or "Tên",
        "last_name": user.last_name or "Họ",
        "is_active": "on" if user.is_active else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def bulk_url(action, *users):
    url = reverse("wagtail_bulk_action", args=("core", "user", action))
    return url + "?" + "&".join(f"id={u.pk}" for u in users) + "&next=/"


def entries(action, target):
    """The log entries of ``action`` on ``target`` made by a person (load_demo logs the demo
    board's accounts and roles as given by the system)."""
    return ModelLogEntry.objects.filter(action=action, object_id=str(target.pk), user__isnull=False)


class AccountSecurityTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        # The default site's board, by role (core.bodies.role_group).
        cls.groups = {role: role_group(role) for role in ALL_ROLES}
        cls.root = User.objects.create_superuser("quantri", "root@thanhhoa.gov.vn", "x" * 12)

    def setUp(self):
        self.tech = self.users["vtgiang"]
        self.head = self.users["nvan"]

    def group_names(self, user):
        """The roles ``user`` holds (section assignments add groups of their own)."""
        groups = User.objects.get(pk=user.pk).groups.filter(board_role__isnull=False)
        return set(groups.values_list("board_role__role", flat=True))


class TechnicalAdministratorEscalationTests(AccountSecurityTestCase):
    """Each path the audit found, reproduced as the technical administrator."""

    def setUp(self):
        super().setUp()
        self.client.force_login(self.tech)

    def test_wagtail_user_create__superuser_with_head_role__nothing_created(self):
        before = User.objects.count()
        response = self.client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "bimat",
                "email": "bimat@thanhhoa.gov.vn",
                "first_name": "Mật",
                "last_name": "Bí",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "is_superuser": "on",
                "groups": [str(self.groups[HEAD].pk)],
            },
        )
        self.assertRedirects(
            response, reverse("editorial:create_account"), fetch_redirect_response=False
        )
        self.assertEqual(User.objects.count(), before)
        self.assertFalse(User.objects.filter(username="bimat").exists())
        self.assertFalse(User.objects.filter(is_superuser=True).exclude(pk=self.root.pk).exists())

    def test_wagtail_user_copy__superuser_from_a_copy__no_such_screen(self):
        # Wagtail's "copy" of a user is a create form of its own (generic.CopyView with
        # the creation form): it offered the superuser flag and every group to him.
        from django.urls import NoReverseMatch

        target = self.users["lvcuong"]
        with self.assertRaises(NoReverseMatch):
            reverse("wagtailusers_users:copy", args=[target.pk])
        before = User.objects.count()
        response = self.client.post(
            f"{reverse('wagtailusers_users:index')}copy/{target.pk}/",
            {
                "username": "bansao",
                "email": "bansao@thanhhoa.gov.vn",
                "first_name": "Sao",
                "last_name": "Bản",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "is_superuser": "on",
                "groups": [str(self.groups[HEAD].pk)],
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(User.objects.count(), before)
        self.assertFalse(User.objects.filter(username="bansao").exists())

    def test_wagtail_user_edit__superuser_flag__neither_shown_nor_saved(self):
        target = self.users["lvcuong"]
        url = reverse("wagtailusers_users:edit", args=[target.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="is_superuser"')
        self.client.post(url, user_form_data(target, is_superuser="on"))
        self.client.post(
            reverse("wagtailusers_users:edit", args=[self.tech.pk]),
            user_form_data(self.tech, is_superuser="on"),
        )
        self.assertFalse(User.objects.filter(is_superuser=True).exclude(pk=self.root.pk).exists())

    def test_wagtail_user_edit__another_persons_password__neither_shown_nor_saved(self):
        target = self.head
        url = reverse("wagtailusers_users:edit", args=[target.pk])
        self.assertNotContains(self.client.get(url), 'name="password1"')
        self.client.post(
            url, user_form_data(target, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
        )
        target.refresh_from_db()
        self.assertFalse(target.check_password(NEW_PASSWORD))

    def test_wagtail_user_edit__himself_into_the_heads_group__refused(self):
        url = reverse("wagtailusers_users:edit", args=[self.tech.pk])
        groups = [str(self.groups[HEAD].pk), str(self.groups[TECH_ADMIN].pk)]
        self.client.post(url, user_form_data(self.tech, groups=groups))
        self.assertEqual(self.group_names(self.tech), {TECH_ADMIN})

    def test_wagtail_user_edit__board_role_to_another__refused_and_his_roles_kept(self):
        target = self.users["ptdung"]
        url = reverse("wagtailusers_users:edit", args=[target.pk])
        response = self.client.post(
            url, user_form_data(target, groups=[str(self.groups[HEAD].pk)], first_name="Dung")
        )
        self.assertEqual(response.status_code, 302)  # the rest of the form is saved
        self.assertEqual(self.group_names(target), {COLLABORATOR})
        self.assertFalse(entries("editorial.role_granted", target).exists())

    def test_bulk_assign_role__board_role__refused(self):
        target = self.users["ptdung"]
        for who in (target, self.tech):
            response = self.client.post(
                bulk_url("assign_role", who), {"role": self.groups[HEAD].pk}
            )
            assert_denied(self, response)
        self.assertEqual(self.group_names(target), {COLLABORATOR})
        self.assertEqual(self.group_names(self.tech), {TECH_ADMIN})

    def test_groups__permissions_and_new_groups__refused(self):
        head = self.groups[HEAD]
        name = head.name
        edit = reverse("wagtailusers_groups:edit", args=[head.pk])
        assert_denied(self, self.client.get(edit))
        publish = Permission.objects.get(codename="publish_page")
        response = self.client.post(
            edit, {"name": "Trưởng ban (sửa)", "permissions": [str(publish.pk)]}
        )
        assert_denied(self, response)
        head.refresh_from_db()
        self.assertEqual(head.name, name)
        assert_denied(self, self.client.get(reverse("wagtailusers_groups:add")))
        response = self.client.post(
            reverse("wagtailusers_groups:add"), {"name": "Nhóm mới", "permissions": []}
        )
        assert_denied(self, response)
        self.assertFalse(Group.objects.filter(name="Nhóm mới").exists())
        assert_denied(self, self.client.post(reverse("wagtailusers_groups:delete", args=[head.pk])))
        self.assertTrue(Group.objects.filter(pk=head.pk).exists())
        # Reading the list stays open to him (auth.view_group).
        self.assertEqual(self.client.get(reverse("wagtailusers_groups:index")).status_code, 200)

    def test_section_assignment__himself_on_a_section__refused_and_no_page_rights(self):
        # A section assignment becomes page permissions (editorial.sections): with the
        # assignment permissions of migration 0002 he could give himself (or an account
        # he opened) the right to add and edit pages. Sections are the head's and the
        # deputies' to assign (migration 0003).
        section = Page.objects.get(depth=2).get_children().first()
        add = reverse("editorial_sectionassignment:add")
        assert_denied(self, self.client.get(add))
        response = self.client.post(add, {"user": self.tech.pk, "section": section.pk})
        assert_denied(self, response)
        self.assertFalse(SectionAssignment.objects.filter(user=self.tech).exists())
        tech = User.objects.get(pk=self.tech.pk)
        self.assertFalse(section.permissions_for_user(tech).can_edit())
        self.assertFalse(tech.has_perm("auth.change_group"))
        self.assertFalse(tech.has_perm("auth.add_group"))
        # He still reads who is assigned where.
        index = reverse("editorial_sectionassignment:index")
        self.assertEqual(self.client.get(index).status_code, 200)

    def test_account_screen__roles__refused(self):
        target = self.users["ptdung"]
        url = reverse("editorial:account_detail", args=[target.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'value="roles"')
        response = self.client.post(url, {"action": "roles", "roles": [self.groups[HEAD].pk]})
        assert_denied(self, response)
        self.assertEqual(self.group_names(target), {COLLABORATOR})

    def test_open_account__with_a_board_role__role_not_granted(self):
        self.assertNotContains(self.client.get(reverse("editorial:create_account")), 'name="roles"')
        self.client.post(
            reverse("editorial:create_account"),
            {
                "full_name": "Hà Văn Sơn",
                "email": "son@thanhhoa.gov.vn",
                "roles": [self.groups[HEAD].pk],
            },
        )
        son = User.objects.get(username="hvson")
        self.assertEqual(self.group_names(son), set())
        self.assertTrue(son.must_change_password)
        created = entries("editorial.account_created", son).get()
        self.assertEqual(created.user, self.tech)

    def test_superusers_account__out_of_his_reach(self):
        assert_denied(
            self, self.client.get(reverse("wagtailusers_users:edit", args=[self.root.pk]))
        )
        url = reverse("editorial:account_detail", args=[self.root.pk])
        for action in ("one_time_password", "deactivate", "unlock"):
            assert_denied(self, self.client.post(url, {"action": action}))
        self.root.refresh_from_db()
        self.assertTrue(self.root.is_active)
        self.assertTrue(self.root.check_password("x" * 12))
        response = self.client.post(
            bulk_url("set_active_state", self.root), {"mark_as_active": "False"}
        )
        assert_denied(self, response)
        self.root.refresh_from_db()
        self.assertTrue(self.root.is_active)


class TechnicalAdministratorAllowedTests(AccountSecurityTestCase):
    """What he is there for still works, and each action is logged: who, whom, what, when."""

    def setUp(self):
        super().setUp()
        self.client.force_login(self.tech)
        self.target = self.users["lvcuong"]
        self.url = reverse("editorial:account_detail", args=[self.target.pk])

    def test_one_time_password__shown_once__change_forced__logged(self):
        response = self.client.post(self.url, {"action": "one_time_password"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        password = response.context["password"]
        self.target.refresh_from_db()
        self.assertTrue(self.target.check_password(password))
        self.assertTrue(self.target.must_change_password)
        entry = entries("editorial.one_time_password_issued", self.target).get()
        self.assertEqual(entry.user, self.tech)
        self.assertEqual(entry.data["username"], "lvcuong")
        self.assertIsNotNone(entry.timestamp)
        self.assertNotIn(password, str(entry.data))

    def test_deactivate_and_reactivate__logged(self):
        self.client.post(self.url, {"action": "deactivate"})
        self.target.refresh_from_db()
        self.assertFalse(self.target.is_active)
        self.client.post(self.url, {"action": "reactivate"})
        self.target.refresh_from_db()
        self.assertTrue(self.target.is_active)
        for action in ("editorial.account_deactivated", "editorial.account_reactivated"):
            self.assertEqual(entries(action, self.target).get().user, self.tech)

    def test_wagtail_edit_and_bulk__deactivation_logged(self):
        edit = reverse("wagtailusers_users:edit", args=[self.target.pk])
        self.client.post(edit, user_form_data(self.target, is_active=""))
        self.target.refresh_from_db()
        self.assertFalse(self.target.is_active)
        self.client.post(bulk_url("set_active_state", self.target), {"mark_as_active": "True"})
        self.target.refresh_from_db()
        self.assertTrue(self.target.is_active)
        self.assertEqual(
            entries("editorial.account_deactivated", self.target).get().user, self.tech
        )
        self.assertEqual(
            entries("editorial.account_reactivated", self.target).get().user, self.tech
        )
        self.assertEqual(self.group_names(self.target), {EDITOR})

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_unlock__after_lockout__logs_in_again__logged(self):
        from django.test import Client

        self.target.set_password(NEW_PASSWORD)
        self.target.save()
        other = Client()
        login = reverse("wagtailadmin_login")
        for _ in range(3):
            other.post(login, {"username": "lvcuong", "password": "sai-mat-khau"})
        refused = other.post(login, {"username": "lvcuong", "password": NEW_PASSWORD})
        self.assertEqual(refused.status_code, 429)
        self.assertContains(self.client.get(self.url), 'value="unlock"')
        self.client.post(self.url, {"action": "unlock"})
        other.post(login, {"username": "lvcuong", "password": NEW_PASSWORD})
        self.assertIn("_auth_user_id", other.session)
        self.assertEqual(entries("editorial.account_unlocked", self.target).get().user, self.tech)


class HeadOfBoardTests(AccountSecurityTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(self.head)

    def test_grants_and_removes_board_roles__logged(self):
        target = self.users["ptdung"]
        url = reverse("editorial:account_detail", args=[target.pk])
        self.client.post(url, {"action": "roles", "roles": [self.groups[DEPUTY].pk]})
        self.assertEqual(self.group_names(target), {DEPUTY})
        granted = entries("editorial.role_granted", target).get()
        removed = entries("editorial.role_removed", target).get()
        site = Site.objects.get(is_default_site=True)
        for entry, role in ((granted, DEPUTY), (removed, COLLABORATOR)):
            self.assertEqual(entry.user, self.head)
            self.assertEqual(entry.data["group"], self.groups[role].name)
            self.assertEqual(entry.data["site_id"], site.pk)
            self.assertEqual(entry.data["body"], site.site_name)

    def test_technical_administrators_role__only_a_superuser_grants_it(self):
        target = self.users["ptdung"]
        url = reverse("editorial:account_detail", args=[target.pk])
        self.client.post(url, {"action": "roles", "roles": [self.groups[TECH_ADMIN].pk]})
        self.assertEqual(self.group_names(target), {COLLABORATOR})
        # ...nor removes it: the technical administrator's account keeps its role.
        tech_url = reverse("editorial:account_detail", args=[self.tech.pk])
        self.client.post(tech_url, {"action": "roles", "roles": [self.groups[EDITOR].pk]})
        self.assertEqual(self.group_names(self.tech), {TECH_ADMIN, EDITOR})

    def test_his_own_roles__refused(self):
        url = reverse("editorial:account_detail", args=[self.head.pk])
        response = self.client.post(url, {"action": "roles", "roles": [self.groups[AUDITOR].pk]})
        assert_denied(self, response)
        self.assertEqual(self.group_names(self.head), {HEAD})

    def test_no_account_management(self):
        url = reverse("editorial:account_detail", args=[self.users["lvcuong"].pk])
        assert_denied(self, self.client.post(url, {"action": "one_time_password"}))
        assert_denied(self, self.client.post(url, {"action": "deactivate"}))


class SuperuserTests(AccountSecurityTestCase):
    def test_wagtail_forms__every_grant_logged(self):
        self.client.force_login(self.root)
        target = self.users["ptdung"]
        url = reverse("wagtailusers_users:edit", args=[target.pk])
        response = self.client.post(
            url,
            user_form_data(
                target,
                groups=[
                    str(self.groups[TECH_ADMIN].pk),
                    *(str(g.pk) for g in target.groups.filter(board_role__isnull=True)),
                ],
                is_superuser="on",
                password1=NEW_PASSWORD,
                password2=NEW_PASSWORD,
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.group_names(target), {TECH_ADMIN})
        for action in (
            "editorial.role_granted",
            "editorial.role_removed",
            "editorial.superuser_granted",
            "editorial.password_set",
        ):
            self.assertEqual(entries(action, target).get().user, self.root, action)


class AuditorTests(AccountSecurityTestCase):
    def test_reads_the_account_log__changes_nothing(self):
        target = self.users["ptdung"]
        self.client.force_login(self.head)
        self.client.post(
            reverse("editorial:account_detail", args=[target.pk]),
            {"action": "roles", "roles": [self.groups[EDITOR].pk]},
        )
        auditor = self.users["hvem"]
        self.client.force_login(auditor)
        page = self.client.get(reverse("editorial:audit_accounts"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "ptdung")
        self.assertContains(page, EDITOR)
        self.assertContains(page, "nvan")
        self.assertContains(
            self.client.get(reverse("wagtailadmin_home")), reverse("editorial:audit_accounts")
        )
        url = reverse("editorial:account_detail", args=[target.pk])
        assert_denied(self, self.client.get(url))
        for action in ("roles", "one_time_password", "deactivate"):
            assert_denied(self, self.client.post(url, {"action": action}))
        self.assertEqual(self.group_names(target), {EDITOR})
        self.assertTrue(User.objects.get(pk=target.pk).is_active)
