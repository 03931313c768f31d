"""Settings → Bodies (R-SITE-1): the province IT team's list of bodies, the form creating a
body with its board, the form archiving or reactivating one (core.bodies_viewsets,
core.bodies_actions)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import bodies_actions, roles
from congthongtin.core.bodies import body_of, role_group
from congthongtin.core.models import BoardRole, Body, BodyStatus, PortalSettings
from tests.factories import StandardPageFactory, make_portal

INDEX = reverse("core_bodies:index")
ADD = reverse("core_bodies:add")


def edit_url(body):
    return reverse("core_bodies:edit", args=[body.pk])


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.gov.vn", "x" * 12)
    user = User.objects.create_user(
        username, f"{username}@example.gov.vn", "x" * 12, first_name="Thử", last_name="Cán bộ"
    )
    user.groups.add(*groups)
    return user


def create_data(**extra):
    data = {
        "name": "Xã Xuân Bình",
        "hostname": "xuanbinh.thanhhoa.gov.vn",
        "port": "80",
        "administrative_level": "commune",
        "status": BodyStatus.ACTIVE,
        "successor": "",
    }
    data.update(extra)
    return data


class BodiesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.default = Site.objects.get(is_default_site=True)
        cls.tech = make_user("qtkythuat", role_group(roles.TECH_ADMIN))
        cls.head = make_user("truongban", role_group(roles.HEAD))
        cls.root = make_user("quantri", superuser=True)

    def login(self, user):
        self.client.force_login(user)

    def assert_denied(self, response):
        """Wagtail answers a refused admin request with 403, or with a redirect to the
        dashboard and a "no permission" message."""
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)


class BodiesListTests(BodiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other, cls.other_home = make_portal("xuanbinh.example.vn", "Xã Xuân Bình", "UBND")
        cls.published = timezone.now() - datetime.timedelta(days=2)
        StandardPageFactory(
            parent=cls.other_home, title="Giới thiệu", last_published_at=cls.published
        )
        StandardPageFactory(
            parent=cls.other_home,
            title="Tin cũ",
            last_published_at=cls.published - datetime.timedelta(days=5),
        )
        StandardPageFactory(parent=cls.other_home, title="Bản nháp", live=False)
        cls.other_head = make_user("lvkhanh", role_group(roles.HEAD, cls.other))

    def test_list__tech_admin__bodies_with_board_status_and_pages(self):
        self.login(self.tech)
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        rows = {row["site"].pk: row for row in response.context["rows"]}
        self.assertEqual(set(rows), set(Site.objects.values_list("pk", flat=True)))
        other = rows[self.other.pk]
        self.assertEqual(other["live_pages"], 2)  # the draft does not count
        self.assertEqual(other["last_published"], self.published)
        self.assertEqual(dict(other["board"]), {roles.HEAD: [self.other_head]})
        self.assertEqual(dict(rows[self.default.pk]["board"]).get(roles.HEAD), [self.head])
        self.assertContains(response, "http://xuanbinh.example.vn/")
        self.assertContains(response, ADD)
        self.assertContains(response, edit_url(body_of(self.other)))

    def test_list__status_filter__archives_only(self):
        archive, _home = make_portal("huyen.example.vn", "Huyện cũ", "UBND huyện")
        bodies_actions.archive_body(self.root, body_of(archive), self.default)
        self.login(self.tech)
        response = self.client.get(INDEX, {"status": BodyStatus.ARCHIVE})
        self.assertEqual([row["site"] for row in response.context["rows"]], [archive])

    def test_list__superuser__allowed(self):
        self.login(self.root)
        self.assertEqual(self.client.get(INDEX).status_code, 200)

    def test_list__province_auditor__reads_without_create_or_edit_links(self):
        self.login(make_user("kttinh", role_group(roles.PROVINCE_AUDITOR)))
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, ADD)
        self.assertNotContains(response, edit_url(body_of(self.other)))

    def test_list__head_of_a_board__refused(self):
        for user in (self.head, self.other_head):
            with self.subTest(user=user.username):
                self.login(user)
                self.assert_denied(self.client.get(INDEX))

    def test_list__anonymous__sent_to_login(self):
        response = self.client.get(INDEX)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_menu__shown_to_tech_admin_not_to_head(self):
        self.login(self.tech)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), INDEX)
        self.login(self.head)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), INDEX)

    def test_list__queries__same_count_for_two_and_four_bodies(self):
        self.login(self.tech)

        def count():
            self.client.get(INDEX)  # warm the session and Wagtail's caches
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(INDEX).status_code, 200)
            return len(queries)

        two = count()
        for number in (3, 4):
            site, home = make_portal(f"xa{number}.example.vn", f"Xã Số {number}", "UBND")
            StandardPageFactory(parent=home)
            make_user(f"truongban{number}", role_group(roles.HEAD, site))
        self.assertEqual(Site.objects.count(), 4)
        self.assertEqual(count(), two)


class CreateBodyTests(BodiesTestCase):
    def test_create__tech_admin__body_site_settings_and_board_in_one_step(self):
        self.login(self.tech)
        response = self.client.post(ADD, create_data(port="8080"))
        self.assertRedirects(response, INDEX, fetch_redirect_response=False)
        site = Site.objects.get(hostname="xuanbinh.thanhhoa.gov.vn", port=8080)
        self.assertEqual(site.site_name, "Xã Xuân Bình")
        self.assertEqual(body_of(site).status, BodyStatus.ACTIVE)
        self.assertEqual(PortalSettings.for_site(site).administrative_level, "commune")
        self.assertEqual(
            set(BoardRole.objects.filter(site=site).values_list("role", flat=True)),
            set(roles.BODY_ROLES),
        )
        entry = ModelLogEntry.objects.get(action=bodies_actions.CREATED)
        self.assertEqual(entry.user, self.tech)
        self.assertEqual(entry.data["body"], "Xã Xuân Bình")
        self.assertEqual(entry.data["hostname"], "xuanbinh.thanhhoa.gov.vn")

    def test_create__archive_with_successor(self):
        self.login(self.tech)
        self.client.post(
            ADD,
            create_data(
                name="Huyện Như Xuân (cũ)",
                hostname="huyen.example.vn",
                administrative_level="former-district",
                status=BodyStatus.ARCHIVE,
                successor=str(self.default.pk),
            ),
        )
        body = Body.objects.get(site__hostname="huyen.example.vn")
        self.assertTrue(body.is_archive)
        self.assertEqual(body.successor, self.default)
        self.assertIsNotNone(body.archived_at)

    def assert_refused_with(self, data, field):
        """The form comes back with the error on ``field``, what was typed kept, nothing
        made."""
        sites = Site.objects.count()
        self.login(self.tech)
        response = self.client.post(ADD, data)
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn(field, form.errors)
        self.assertEqual(form.data["name"], data["name"])
        self.assertContains(response, f'value="{data["hostname"]}"')
        self.assertEqual(Site.objects.count(), sites)
        self.assertFalse(ModelLogEntry.objects.filter(action=bodies_actions.CREATED).exists())

    def test_create__hostname_with_scheme_or_space__refused(self):
        for hostname in ("http://xa.example.vn", "xa moi.example.vn", "-xa.example.vn", "xã.vn"):
            with self.subTest(hostname=hostname):
                self.assert_refused_with(create_data(hostname=hostname), "hostname")

    def test_create__host_and_port_in_use__refused(self):
        make_portal("xuanbinh.thanhhoa.gov.vn", "Xã khác", "UBND")
        self.assert_refused_with(create_data(hostname="XuanBinh.ThanhHoa.gov.vn"), "hostname")

    def test_create__same_host_other_port__allowed(self):
        make_portal("xuanbinh.thanhhoa.gov.vn", "Xã khác", "UBND")
        self.login(self.tech)
        self.client.post(ADD, create_data(port="8000"))
        self.assertTrue(Site.objects.filter(hostname="xuanbinh.thanhhoa.gov.vn", port=8000))

    def test_create__name_in_use__refused(self):
        make_portal("khac.example.vn", "Xã Xuân Bình", "UBND")
        self.assert_refused_with(create_data(), "name")

    def test_create__archive_without_successor__refused(self):
        self.assert_refused_with(create_data(status=BodyStatus.ARCHIVE), "successor")

    def test_create__active_with_successor__refused(self):
        self.assert_refused_with(create_data(successor=str(self.default.pk)), "successor")

    def test_create__successor_is_an_archive__refused(self):
        archive, _home = make_portal("huyen.example.vn", "Huyện cũ", "UBND huyện")
        bodies_actions.archive_body(self.root, body_of(archive), self.default)
        self.assert_refused_with(
            create_data(status=BodyStatus.ARCHIVE, successor=str(archive.pk)), "successor"
        )

    def test_create__former_district_active__refused(self):
        self.assert_refused_with(create_data(administrative_level="former-district"), "status")

    def test_create__head_of_a_board__refused_and_nothing_made(self):
        sites = Site.objects.count()
        self.login(self.head)
        self.assert_denied(self.client.get(ADD))
        self.assert_denied(self.client.post(ADD, create_data()))
        self.assertEqual(Site.objects.count(), sites)

    def test_create_body_by__without_add_permission__refused(self):
        with self.assertRaises(PermissionDenied):
            bodies_actions.create_body_by(self.head, name="Xã Mới", hostname="moi.example.vn")


class EditBodyTests(BodiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other, _home = make_portal("xuanbinh.example.vn", "Xã Xuân Bình", "UBND")

    def setUp(self):
        self.body = body_of(self.other)

    def test_archive__tech_admin__status_successor_date_and_log(self):
        self.login(self.tech)
        response = self.client.post(
            edit_url(self.body), {"status": BodyStatus.ARCHIVE, "successor": self.default.pk}
        )
        self.assertRedirects(response, INDEX, fetch_redirect_response=False)
        self.body.refresh_from_db()
        self.assertTrue(self.body.is_archive)
        self.assertEqual(self.body.successor, self.default)
        self.assertIsNotNone(self.body.archived_at)
        entry = ModelLogEntry.objects.get(action=bodies_actions.ARCHIVED)
        self.assertEqual((entry.user, entry.data["body"]), (self.tech, "Xã Xuân Bình"))
        self.assertEqual(entry.data["successor_id"], self.default.pk)

    def test_archive__moderation_in_progress__cancelled(self):
        from wagtail.models import WorkflowState

        page = StandardPageFactory(parent=self.other.root_page, title="Đang duyệt", live=False)
        page.save_revision()
        submitter = make_user("bientap", role_group(roles.EDITOR, self.other))
        state = page.get_workflow().start(page, submitter)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        bodies_actions.archive_body(self.tech, self.body, self.default)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_CANCELLED)

    def test_archive__archive_again_with_another_successor__date_kept(self):
        third, _home = make_portal("xa3.example.vn", "Xã Ba", "UBND")
        bodies_actions.archive_body(self.tech, self.body, self.default)
        self.body.refresh_from_db()
        archived_at = self.body.archived_at
        bodies_actions.archive_body(self.tech, self.body, third)
        self.body.refresh_from_db()
        self.assertEqual((self.body.successor, self.body.archived_at), (third, archived_at))

    def test_reactivate__tech_admin__active_without_successor(self):
        bodies_actions.archive_body(self.tech, self.body, self.default)
        self.login(self.tech)
        self.client.post(edit_url(self.body), {"status": BodyStatus.ACTIVE, "successor": ""})
        self.body.refresh_from_db()
        self.assertEqual(self.body.status, BodyStatus.ACTIVE)
        self.assertIsNone(self.body.successor)
        self.assertIsNone(self.body.archived_at)
        self.assertTrue(ModelLogEntry.objects.filter(action=bodies_actions.REACTIVATED).exists())

    def test_archive__without_successor__refused(self):
        self.login(self.tech)
        response = self.client.post(edit_url(self.body), {"status": BodyStatus.ARCHIVE})
        self.assertIn("successor", response.context["form"].errors)
        self.body.refresh_from_db()
        self.assertEqual(self.body.status, BodyStatus.ACTIVE)

    def test_archive__own_successor__refused(self):
        self.login(self.tech)
        response = self.client.post(
            edit_url(self.body), {"status": BodyStatus.ARCHIVE, "successor": self.other.pk}
        )
        self.assertIn("successor", response.context["form"].errors)
        with self.assertRaises(ValidationError):
            bodies_actions.archive_body(self.tech, self.body, self.other)
        self.body.refresh_from_db()
        self.assertFalse(self.body.is_archive)

    def test_archive__successor_of_an_archive__refused(self):
        archive, _home = make_portal("huyen.example.vn", "Huyện cũ", "UBND huyện")
        bodies_actions.archive_body(self.tech, body_of(archive), self.other)
        self.login(self.tech)
        response = self.client.post(
            edit_url(self.body), {"status": BodyStatus.ARCHIVE, "successor": self.default.pk}
        )
        self.assertIn("status", response.context["form"].errors)
        self.body.refresh_from_db()
        self.assertFalse(self.body.is_archive)

    def test_edit__head_of_the_board__refused_and_nothing_changed(self):
        head = make_user("lvkhanh", role_group(roles.HEAD, self.other))
        for user in (head, self.head):
            with self.subTest(user=user.username):
                self.login(user)
                self.assert_denied(self.client.get(edit_url(self.body)))
                self.assert_denied(
                    self.client.post(
                        edit_url(self.body),
                        {"status": BodyStatus.ARCHIVE, "successor": self.default.pk},
                    )
                )
        self.body.refresh_from_db()
        self.assertFalse(self.body.is_archive)
        with self.assertRaises(PermissionDenied):
            bodies_actions.archive_body(head, self.body, self.default)

    def test_edit__unknown_body__404(self):
        self.login(self.tech)
        self.assertEqual(
            self.client.get(reverse("core_bodies:edit", args=[99999])).status_code, 404
        )
