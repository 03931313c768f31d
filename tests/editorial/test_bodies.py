"""A board per body (R-SITE-1): two bodies, one person on both boards. Every role of body A
is refused on body B's pages, workflow, delegations, assignments and reports; the person
with roles on both acts on each within that role only; grants name their body."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.editorial import accounts
from congthongtin.editorial.delegations import create_delegation, revoke_delegation
from congthongtin.editorial.models import Delegation, EditorialTask, SectionAssignment
from congthongtin.home.models import StandardPage
from tests.factories import make_portal

from .helpers import action_url, add_url, assert_denied, load_board, page_form_data, section_of

User = get_user_model()


class TwoBodiesTestCase(TestCase):
    """Body A: the demo board of the default site (nvan head, ttbinh deputy, lvcuong
    editor, ptdung collaborator, hvem auditor). Body B: a second portal with its own
    board; "ndhai2" is editor of A and deputy of B."""

    @classmethod
    def setUpTestData(cls):
        cls.users = load_board()
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, cls.home_b = make_portal("xab.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        cls.home_a = cls.site_a.root_page
        people = {
            "both": [(roles.EDITOR, cls.site_a), (roles.DEPUTY, cls.site_b)],
            "headb": [(roles.HEAD, cls.site_b)],
            "editorb": [(roles.EDITOR, cls.site_b)],
            "deputyb": [(roles.DEPUTY, cls.site_b)],
            "auditorb": [(roles.AUDITOR, cls.site_b)],
            "collabb": [(roles.COLLABORATOR, cls.site_b)],
            "province": [(roles.PROVINCE_AUDITOR, None)],
        }
        for username, held in people.items():
            user = User.objects.create_user(username, f"{username}@thanhhoa.gov.vn", "x" * 12)
            user.groups.add(*(role_group(role, site) for role, site in held))
            cls.users[username] = user
        cls.root = User.objects.create_superuser("quantri", "root@thanhhoa.gov.vn", "x" * 12)
        cls.section_a = section_of(cls.users["ptdung"])
        cls.steps_b = {t.step: t for t in EditorialTask.objects.filter(site=cls.site_b)}
        cls.steps_a = {t.step: t for t in EditorialTask.objects.filter(site=cls.site_a)}

    def setUp(self):
        for user in self.users.values():
            forget_memberships(user)

    def login(self, username):
        user = self.root if username == "quantri" else self.users[username]
        self.client.force_login(user)
        return user

    def page_of_b(self, title, *, submitted_by="editorb"):
        """A page of body B submitted to its board's workflow through the admin (a board
        member's submission: step 1 passes by itself, the item waits at step 2)."""
        self.login(submitted_by)
        response = self.client.post(
            add_url(self.home_b), page_form_data(title, **{"action-submit": "1"})
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return StandardPage.objects.get(title=title)

    def approve(self, username, page):
        self.login(username)
        page.refresh_from_db()
        return self.client.post(action_url(page, "approve", page.current_workflow_task_state))

    def step(self, page):
        page.refresh_from_db()
        task = page.current_workflow_task
        return task.specific.step if task else None


class PagesAcrossBodiesTests(TwoBodiesTestCase):
    def test_page_add__editor_of_a_on_b__refused(self):
        self.login("lvcuong")
        assert_denied(self, self.client.get(add_url(self.home_b)))
        data = page_form_data("Tin lạc sang xã khác", **{"action-submit": "1"})
        assert_denied(self, self.client.post(add_url(self.home_b), data))
        self.assertFalse(StandardPage.objects.filter(title="Tin lạc sang xã khác").exists())

    def test_page_edit__editor_of_a_on_b__refused(self):
        page = self.page_of_b("Tin của xã Bình Sơn")
        self.login("lvcuong")
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert_denied(self, self.client.get(edit))
        assert_denied(self, self.client.post(edit, page_form_data("Sửa trộm", slug=page.slug)))
        page.refresh_from_db()
        self.assertEqual(page.title, "Tin của xã Bình Sơn")

    def test_approve__deputy_of_a_on_b__refused(self):
        page = self.page_of_b("Tin chờ xác thực")
        self.assertEqual(self.step(page), 2)
        task = page.current_workflow_task.specific
        self.assertEqual(task.get_actions(page, self.users["ttbinh"]), [])
        assert_denied(self, self.approve("ttbinh", page))
        self.assertEqual(self.step(page), 2)

    def test_publish__head_of_a_on_b__refused(self):
        page = self.page_of_b("Tin chờ duyệt đăng")
        self.approve("deputyb", page)
        self.assertEqual(self.step(page), 3)
        self.assertEqual(
            page.current_workflow_task.specific.get_actions(page, self.users["nvan"]), []
        )
        assert_denied(self, self.approve("nvan", page))
        self.login("nvan")
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(
            edit, page_form_data(page.title, slug=page.slug, **{"action-publish": "1"})
        )
        page.refresh_from_db()
        self.assertFalse(page.live)
        # B's own head publishes it.
        self.approve("headb", page)
        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_person_on_both_boards__acts_within_each_role_only(self):
        self.login("both")
        # Editor of A: writes on A; deputy of B: verifies on B.
        self.client.post(add_url(self.section_a), page_form_data("Tin của người hai ban"))
        self.assertTrue(StandardPage.objects.filter(title="Tin của người hai ban").exists())
        page_b = self.page_of_b("Tin để xác thực")
        self.approve("both", page_b)
        self.assertEqual(self.step(page_b), 3)
        # Not the head of B: no step 3 on B.
        self.assertEqual(
            page_b.current_workflow_task.specific.get_actions(page_b, self.users["both"]), []
        )
        # On A's item: step 1 (editor), never step 2 (he is no deputy of A).
        self.login("ptdung")
        self.client.post(
            add_url(self.section_a), page_form_data("Tin cộng tác", **{"action-submit": "1"})
        )
        page_a = StandardPage.objects.get(title="Tin cộng tác")
        self.approve("both", page_a)
        self.assertEqual(self.step(page_a), 2)
        assert_denied(self, self.approve("both", page_a))
        self.assertEqual(self.step(page_a), 2)


class ReadOnlyRolesTests(TwoBodiesTestCase):
    def test_auditor_of_a_and_editor_of_b__writes_on_b_only(self):
        person = self.users["hvem"]  # auditor of A
        person.groups.add(role_group(roles.EDITOR, self.site_b))
        self.login("hvem")
        response = self.client.post(add_url(self.home_b), page_form_data("Tin của kiểm tra viên"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(StandardPage.objects.filter(title="Tin của kiểm tra viên").exists())
        assert_denied(self, self.client.get(add_url(self.section_a)))

    def test_auditor_only__never_writes(self):
        self.login("auditorb")
        response = self.client.post(add_url(self.home_b), page_form_data("Tin không được viết"))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(StandardPage.objects.filter(title="Tin không được viết").exists())


class GrantsAcrossBodiesTests(TwoBodiesTestCase):
    def test_grant__head_of_a_on_b__refused(self):
        group_b = role_group(roles.EDITOR, self.site_b)
        target = self.users["collabb"]
        with self.assertRaises(PermissionDenied):
            accounts.grant_role(self.users["nvan"], target, group_b)
        with self.assertRaises(PermissionDenied):
            accounts.remove_role(
                self.users["nvan"], target, role_group(roles.COLLABORATOR, self.site_b)
            )
        self.login("nvan")
        url = reverse("editorial:account_detail", args=[target.pk])
        response = self.client.post(url, {"action": "roles", "roles": [group_b.pk]})
        self.assertNotEqual(response.status_code, 302)
        self.assertFalse(target.groups.filter(pk=group_b.pk).exists())
        self.assertFalse(
            ModelLogEntry.objects.filter(
                action="editorial.role_granted", object_id=str(target.pk), user__isnull=False
            ).exists()
        )

    def test_grant__head_of_b_on_b__logged_with_body(self):
        target = self.users["lvcuong"]
        group_b = role_group(roles.EDITOR, self.site_b)
        self.login("headb")
        url = reverse("editorial:account_detail", args=[target.pk])
        # The picker offers B's roles only, by their names (which carry the body).
        response = self.client.get(url)
        offered = set(response.context["roles_form"].fields["roles"].queryset)
        self.assertIn(group_b, offered)
        self.assertNotIn(role_group(roles.EDITOR, self.site_a), offered)
        self.assertContains(response, group_b.name)
        self.client.post(url, {"action": "roles", "roles": [group_b.pk]})
        # A's roles were kept: B's head never touches them.
        self.assertTrue(target.groups.filter(pk=role_group(roles.EDITOR).pk).exists())
        entry = ModelLogEntry.objects.get(
            action="editorial.role_granted", object_id=str(target.pk), user=self.users["headb"]
        )
        self.assertEqual(
            (entry.data["group"], entry.data["site_id"], entry.data["body"]),
            (group_b.name, self.site_b.pk, "Xã Bình Sơn"),
        )

    def test_account_log__each_body_reads_its_grants_with_the_body(self):
        accounts.grant_role(
            self.users["headb"], self.users["lvcuong"], role_group(roles.SECRETARY, self.site_b)
        )
        accounts.grant_role(
            self.users["nvan"], self.users["ptdung"], role_group(roles.EDITOR, self.site_a)
        )
        url = reverse("editorial:audit_accounts")
        self.login("auditorb")
        response = self.client.get(url)
        self.assertContains(response, "Xã Bình Sơn")
        self.assertContains(response, "lvcuong")
        self.assertNotContains(response, "ptdung")
        self.login("hvem")
        response = self.client.get(url)
        self.assertContains(response, "ptdung")
        self.assertNotContains(response, "Xã Bình Sơn")
        self.login("province")
        response = self.client.get(url)
        self.assertContains(response, "ptdung")
        self.assertContains(response, "Xã Bình Sơn")
        for entry in ModelLogEntry.objects.filter(
            action__in=["editorial.role_granted", "editorial.role_removed"]
        ):
            self.assertIn("body", entry.data, entry.data)
            self.assertIn("site_id", entry.data, entry.data)

    def test_create_official__site_option__role_on_that_body(self):
        out = StringIO()
        call_command(
            "create_official",
            "Lê Thị Bình Sơn",
            "lts@thanhhoa.gov.vn",
            "--role",
            roles.EDITOR,
            "--site",
            "xab.example.vn",
            stdout=out,
        )
        user = User.objects.get(email="lts@thanhhoa.gov.vn")
        self.assertEqual(list(user.groups.all()), [role_group(roles.EDITOR, self.site_b)])
        entry = ModelLogEntry.objects.get(action="editorial.role_granted", object_id=str(user.pk))
        self.assertEqual(entry.data["body"], "Xã Bình Sơn")


class DelegationAcrossBodiesTests(TwoBodiesTestCase):
    def delegate(self, delegator, delegate, step, site=None, days=2):
        now = timezone.now()
        steps = self.steps_a if site == "a" else self.steps_b
        return create_delegation(
            self.users[delegator] if delegator != "quantri" else self.root,
            delegate=self.users[delegate],
            task=steps[step],
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(days=days),
            reason="Đi công tác",
        )

    def test_delegate_outside_the_board__refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.delegate("headb", "lvcuong", 3)  # editor of A, nothing on B
        self.assertIn("delegate", caught.exception.message_dict)
        with self.assertRaises(ValidationError):
            self.delegate("headb", "editorb", 3)  # on B's board, but step 3: head or deputy

    def test_collaborator_auditor_technical_admin_as_delegate__refused(self):
        for delegate in ("collabb", "auditorb", "vtgiang", "province"):
            with self.subTest(delegate), self.assertRaises(ValidationError):
                self.delegate("deputyb", delegate, 2)
        # A deputy of B who is also auditor of B is no delegate either.
        self.users["deputyb"].groups.add(role_group(roles.AUDITOR, self.site_b))
        forget_memberships(self.users["deputyb"])
        with self.assertRaises(ValidationError):
            self.delegate("headb", "deputyb", 3)

    def test_delegator_of_another_body__refused(self):
        with self.assertRaises(PermissionDenied):
            self.delegate("nvan", "deputyb", 3)  # head of A delegating B's step 3

    def test_delegated_person_approving_steps_2_and_3__refused(self):
        self.delegate("headb", "both", 3)  # "both" is deputy of B: a valid delegate
        page = self.page_of_b("Tin hai bước một người")
        self.approve("both", page)
        self.assertEqual(self.step(page), 3)
        task = page.current_workflow_task.specific
        self.assertIsNotNone(task.valid_delegation(self.users["both"]))
        self.assertEqual(task.get_actions(page, self.users["both"]), [])
        self.assertFalse(
            task.get_task_states_user_can_moderate(self.users["both"])
            .filter(pk=page.current_workflow_task_state.pk)
            .exists()
        )
        assert_denied(self, self.approve("both", page))
        with self.assertRaises(PermissionDenied):
            page.current_workflow_task_state.task.specific.on_action(
                page.current_workflow_task_state, self.users["both"], "approve"
            )
        page.refresh_from_db()
        self.assertFalse(page.live)

    def test_superuser_approving_two_steps__refused(self):
        page = self.page_of_b("Tin quản trị hai bước")
        self.approve("quantri", page)
        self.assertEqual(self.step(page), 3)
        assert_denied(self, self.approve("quantri", page))
        self.assertEqual(self.step(page), 3)

    def test_listing__each_body_sees_its_own(self):
        self.delegate("nvan", "ttbinh", 3, site="a")
        self.delegate("headb", "deputyb", 3)
        url = reverse("editorial_delegation:index")
        name_a, name_b = self.steps_a[3].name, self.steps_b[3].name
        for username, sees, hidden in (
            ("hvem", name_a, name_b),
            ("auditorb", name_b, name_a),
        ):
            with self.subTest(username):
                self.login(username)
                response = self.client.get(url)
                self.assertContains(response, sees)
                self.assertNotContains(response, hidden)
        self.login("province")
        response = self.client.get(url)
        self.assertContains(response, name_a)
        self.assertContains(response, name_b)

    def test_admin_form__offers_only_the_bodys_steps_and_people(self):
        self.login("headb")
        response = self.client.get(reverse("editorial_delegation:add"))
        form = response.context["form"]
        self.assertEqual(list(form.fields["task"].queryset), [self.steps_b[3]])
        offered = set(form.fields["delegate"].queryset)
        self.assertIn(self.users["deputyb"], offered)
        self.assertIn(self.users["both"], offered)
        for outsider in ("lvcuong", "ttbinh", "collabb", "auditorb", "headb"):
            self.assertNotIn(self.users[outsider], offered)

    def test_edit_of_another_body__refused(self):
        delegation = self.delegate("headb", "deputyb", 3)
        self.login("nvan")
        response = self.client.get(reverse("editorial_delegation:edit", args=[delegation.pk]))
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertNotContains(response, delegation.reason, status_code=response.status_code)

    def test_revoke__only_the_delegator(self):
        delegation = self.delegate("headb", "deputyb", 3)
        with self.assertRaises(PermissionDenied):
            revoke_delegation(self.users["deputyb"], delegation)
        self.assertTrue(revoke_delegation(self.users["headb"], delegation))
        self.assertFalse(Delegation.objects.valid().filter(pk=delegation.pk).exists())


class SectionAssignmentAcrossBodiesTests(TwoBodiesTestCase):
    def post_assignment(self, username, person, section):
        self.login(username)
        return self.client.post(
            reverse("editorial_sectionassignment:add"),
            {"user": self.users[person].pk, "section": section.pk, "note": ""},
        )

    def test_head_of_a__section_of_b__refused(self):
        self.post_assignment("nvan", "collabb", self.home_b)
        self.assertFalse(SectionAssignment.objects.filter(section=self.home_b).exists())

    def test_deputy_of_b__assigns_b_collaborator(self):
        response = self.post_assignment("deputyb", "collabb", self.home_b)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertTrue(
            SectionAssignment.objects.filter(
                section=self.home_b, user=self.users["collabb"]
            ).exists()
        )

    def test_assignee_not_writing_for_the_body__refused(self):
        self.post_assignment("headb", "ptdung", self.home_b)  # collaborator of A only
        self.assertFalse(SectionAssignment.objects.filter(section=self.home_b).exists())

    def test_listing__each_body_sees_its_own(self):
        SectionAssignment.objects.create(user=self.users["collabb"], section=self.home_b)
        self.login("hvem")
        response = self.client.get(reverse("editorial_sectionassignment:index"))
        self.assertContains(response, "ptdung")
        self.assertNotContains(response, "collabb")
        self.login("auditorb")
        response = self.client.get(reverse("editorial_sectionassignment:index"))
        self.assertContains(response, "collabb")
        self.assertNotContains(response, "ptdung")


class AuditAcrossBodiesTests(TwoBodiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for title, parent, user in (
            ("Bài đã đăng của xã Như Xuân", cls.home_a, cls.users["nvan"]),
            ("Bài đã đăng của xã Bình Sơn", cls.home_b, cls.users["headb"]),
        ):
            page = parent.add_child(
                instance=StandardPage(title=title, slug=f"bai-{parent.pk}", live=False)
            )
            page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        cls.page_a = StandardPage.objects.get(title="Bài đã đăng của xã Như Xuân")
        cls.page_b = StandardPage.objects.get(title="Bài đã đăng của xã Bình Sơn")

    def test_report_and_export__auditor_of_a__excludes_b(self):
        self.login("hvem")
        url = reverse("editorial:audit_report")
        response = self.client.get(url)
        self.assertContains(response, self.page_a.title)
        self.assertNotContains(response, self.page_b.title)
        export = self.client.get(url, {"export": "csv"})
        content = b"".join(export.streaming_content).decode("utf-8")
        self.assertIn(self.page_a.title, content)
        self.assertNotIn(self.page_b.title, content)

    def test_report__section_of_b_in_the_filter__not_offered(self):
        self.login("hvem")
        response = self.client.get(reverse("editorial:audit_report"), {"section": self.home_b.pk})
        self.assertNotContains(response, self.page_b.title)

    def test_pages_and_history__auditor_of_a__b_refused(self):
        self.login("hvem")
        response = self.client.get(reverse("editorial:audit_pages"))
        self.assertContains(response, self.page_a.title)
        self.assertNotContains(response, self.page_b.title)
        history_b = reverse("editorial:audit_page_history", args=[self.page_b.pk])
        assert_denied(self, self.client.get(history_b))
        history_a = reverse("editorial:audit_page_history", args=[self.page_a.pk])
        self.assertEqual(self.client.get(history_a).status_code, 200)
        revision = self.page_b.latest_revision
        compare = reverse(
            "editorial:audit_compare", args=[self.page_b.pk, revision.pk, revision.pk]
        )
        assert_denied(self, self.client.get(compare))

    def test_province_auditor__reads_both(self):
        self.login("province")
        response = self.client.get(reverse("editorial:audit_report"))
        self.assertContains(response, self.page_a.title)
        self.assertContains(response, self.page_b.title)
        history_b = reverse("editorial:audit_page_history", args=[self.page_b.pk])
        self.assertEqual(self.client.get(history_b).status_code, 200)

    def test_data_history__auditor_of_a__excludes_b(self):
        SectionAssignment.objects.create(user=self.users["collabb"], section=self.home_b)
        self.login("hvem")
        response = self.client.get(
            reverse("editorial:audit_records", args=["editorial.sectionassignment"])
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "collabb")
        self.login("auditorb")
        response = self.client.get(
            reverse("editorial:audit_records", args=["editorial.sectionassignment"])
        )
        self.assertContains(response, "collabb")

    def test_command__site_option(self):
        out = StringIO()
        call_command("editorial_audit", "--site", "xab.example.vn", stdout=out)
        titles = {row["title"] for row in json.loads(out.getvalue())}
        self.assertEqual(titles, {self.page_b.title})
