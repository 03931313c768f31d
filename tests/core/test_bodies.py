"""Many bodies on one install (core.bodies, core.models.bodies; issue 18): who holds which
role on which body, which body a page belongs to, how a body is made, and the e-mail queue
seen per body."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Site, Workflow

from congthongtin.core import roles
from congthongtin.core.bodies import (
    board_groups,
    create_body,
    holds,
    in_sites,
    is_archive,
    page_is_archived,
    role_group,
    site_id_of_page,
    site_ids_where,
    work_calendar,
)
from congthongtin.core.models import BoardRole, Body, BodyStatus, PortalSettings
from congthongtin.core.models.calendar import WorkCalendarSettings
from congthongtin.core.outbox import queue_email
from congthongtin.home.models import StandardPage
from tests.factories import make_portal

User = get_user_model()


class TwoBodiesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, cls.home_b = make_portal("xuanbinh.example.vn", "Xã Xuân Bình", "UBND xã")
        cls.both = User.objects.create_user("haiban", "haiban@example.gov.vn", "x" * 12)
        cls.both.groups.add(role_group(roles.EDITOR), role_group(roles.DEPUTY, cls.site_b))

    def fresh(self, user):
        return User.objects.get(pk=user.pk)


class RoleTests(TwoBodiesTestCase):
    def test_each_body__its_own_groups_one_per_role(self):
        for site in (self.site_a, self.site_b):
            found = BoardRole.objects.filter(site=site)
            self.assertEqual(sorted(found.values_list("role", flat=True)), sorted(roles.BODY_ROLES))
        self.assertNotEqual(role_group(roles.HEAD), role_group(roles.HEAD, self.site_b))
        self.assertTrue(role_group(roles.HEAD, self.site_b).name.endswith("· Xã Xuân Bình"))

    def test_holds__each_role_on_its_own_body_only(self):
        user = self.fresh(self.both)
        self.assertTrue(holds(user, roles.EDITOR, self.site_a))
        self.assertFalse(holds(user, roles.EDITOR, self.site_b))
        self.assertTrue(holds(user, roles.DEPUTY, self.site_b))
        self.assertFalse(holds(user, roles.DEPUTY, self.site_a))
        self.assertTrue(holds(user, roles.DEPUTY))  # on some body
        self.assertEqual(site_ids_where(user, roles.BOARD), {self.site_a.pk, self.site_b.pk})
        self.assertEqual(site_ids_where(user, [roles.DEPUTY]), {self.site_b.pk})

    def test_install_roles__count_on_every_body(self):
        auditor = User.objects.create_user("tinh", "tinh@example.gov.vn", "x" * 12)
        auditor.groups.add(role_group(roles.PROVINCE_AUDITOR))
        self.assertTrue(holds(auditor, roles.PROVINCE_AUDITOR, self.site_b))
        self.assertIsNone(site_ids_where(auditor, roles.READ_ONLY_ROLES))
        self.assertFalse(holds(auditor, roles.AUDITOR, self.site_b))

    def test_superuser__every_site_but_no_role_by_membership(self):
        root = User.objects.create_superuser("goc", "goc@example.gov.vn", "x" * 12)
        self.assertIsNone(site_ids_where(root, roles.BOARD))
        self.assertFalse(holds(root, roles.HEAD, self.site_a))

    def test_inactive__holds_nothing(self):
        user = self.fresh(self.both)
        user.is_active = False
        self.assertFalse(holds(user, roles.EDITOR, self.site_a))

    def test_page_rights__on_own_home_page_only(self):
        editors_b = role_group(roles.EDITOR, self.site_b)
        pages = set(
            GroupPagePermission.objects.filter(group=editors_b).values_list("page_id", flat=True)
        )
        self.assertEqual(pages, {self.home_b.pk})
        user = self.fresh(self.both)
        home_a = self.site_a.root_page
        # Editor on A: adds pages there; deputy on B: the same page rights there (board).
        self.assertTrue(home_a.permissions_for_user(user).can_add_subpage())
        outsider = User.objects.create_user("ngoai", "ngoai@example.gov.vn", "x" * 12)
        outsider.groups.add(role_group(roles.EDITOR, self.site_b))
        self.assertFalse(home_a.specific.permissions_for_user(outsider).can_add_subpage())
        self.assertFalse(home_a.specific.permissions_for_user(outsider).can_edit())

    def test_workflow__own_on_own_home_page__steps_name_own_groups(self):
        workflow = self.home_b.get_workflow()
        self.assertNotEqual(workflow, self.site_a.root_page.specific.get_workflow())
        for task in workflow.tasks.specific():
            self.assertEqual(task.site_id, self.site_b.pk)
            for group in task.groups.all():
                self.assertEqual(group.board_role.site_id, self.site_b.pk)


class SetupTests(TestCase):
    def test_setup_portal__again__changes_nothing(self):
        before = (Group.objects.count(), Workflow.objects.count(), BoardRole.objects.count())
        call_command("setup_portal", stdout=StringIO())
        after = (Group.objects.count(), Workflow.objects.count(), BoardRole.objects.count())
        self.assertEqual(before, after)

    def test_legacy_board__adopted_by_the_default_site(self):
        """A database from before boards were per body: bare-named groups with rights on
        the whole tree become the default site's board, their people kept."""
        site = Site.objects.get(is_default_site=True)
        editors = role_group(roles.EDITOR)
        member = User.objects.create_user("cu", "cu@example.gov.vn", "x" * 12)
        member.groups.add(editors)
        BoardRole.objects.filter(site=site).delete()
        editors.name = roles.EDITOR
        editors.save()
        tree_root = Page.get_first_root_node()
        perm = GroupPagePermission.objects.filter(group=editors).first().permission
        GroupPagePermission.objects.filter(group=editors).delete()
        GroupPagePermission.objects.create(group=editors, page=tree_root, permission=perm)
        call_command("setup_portal", stdout=StringIO())
        adopted = role_group(roles.EDITOR)
        self.assertEqual(adopted.pk, editors.pk)
        self.assertTrue(adopted.name.startswith(f"{roles.EDITOR} · "))
        self.assertIn(member, adopted.user_set.all())
        self.assertFalse(GroupPagePermission.objects.filter(group=adopted, page=tree_root))
        self.assertTrue(GroupPagePermission.objects.filter(group=adopted, page=site.root_page))

    def test_renamed_body__groups_follow(self):
        site, _home = make_portal("doi.example.vn", "Xã Cũ", "UBND")
        site.site_name = "Xã Mới"
        site.save()
        self.assertEqual(role_group(roles.HEAD, site).name, f"{roles.HEAD} · Xã Mới")
        self.assertEqual(len(board_groups(site)), len(roles.BODY_ROLES))


class CreateBodyTests(TestCase):
    def test_create_body__home_site_settings_board_workflow_in_one_step(self):
        body = create_body(name="Xã Thanh Quân", hostname="ThanhQuan.example.vn", port=8000)
        site = body.site
        self.assertEqual((site.hostname, site.port), ("thanhquan.example.vn", 8000))
        self.assertEqual(site.root_page.title, "Xã Thanh Quân")
        self.assertEqual(site.root_page.specific_class.__name__, "HomePage")
        self.assertEqual(PortalSettings.objects.get(site=site).name, "Xã Thanh Quân")
        self.assertEqual(BoardRole.objects.filter(site=site).count(), len(roles.BODY_ROLES))
        self.assertTrue(site.root_page.specific.get_workflow().name.endswith("Xã Thanh Quân"))
        self.assertFalse(body.is_archive)

    def test_create_body__used_address__refused_nothing_made(self):
        create_body(name="Xã Một", hostname="mot.example.vn")
        pages = Page.objects.count()
        with self.assertRaises(Exception) as caught:
            create_body(name="Xã Hai", hostname="mot.example.vn")
        self.assertIn("hostname", caught.exception.message_dict)
        self.assertEqual(Page.objects.count(), pages)

    def test_command__site__archive_with_successor(self):
        out = StringIO()
        call_command(
            "setup_portal",
            site="Huyện Như Xuân (cũ)",
            hostname="huyen.example.vn",
            archive=True,
            successor=Site.objects.get(is_default_site=True).hostname,
            stdout=out,
        )
        body = Body.objects.get(site__hostname="huyen.example.vn")
        self.assertEqual(body.status, BodyStatus.ARCHIVE)
        self.assertIsNotNone(body.archived_at)
        self.assertTrue(body.successor.is_default_site)
        self.assertTrue(is_archive(body.site))
        child = body.site.root_page.add_child(instance=StandardPage(title="Cũ", slug="cu"))
        self.assertTrue(page_is_archived(child))
        self.assertFalse(page_is_archived(Site.objects.get(is_default_site=True).root_page))
        # Again: nothing new.
        call_command(
            "setup_portal", site="Huyện Như Xuân (cũ)", hostname="huyen.example.vn", stdout=out
        )
        self.assertEqual(Site.objects.filter(hostname="huyen.example.vn").count(), 1)

    def test_create_body__archive_without_successor_or_bad_host__refused(self):
        from django.core.exceptions import ValidationError

        sites = Site.objects.count()
        with self.assertRaises(ValidationError) as caught:
            create_body(name="Huyện cũ", hostname="cu.example.vn", status=BodyStatus.ARCHIVE)
        self.assertIn("successor", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            create_body(name="Xã", hostname="http://xa.example.vn/")
        self.assertIn("hostname", caught.exception.message_dict)
        with self.assertRaises(CommandError):
            call_command(
                "setup_portal",
                site="Huyện cũ",
                hostname="cu.example.vn",
                archive=True,
                stdout=StringIO(),
            )
        self.assertEqual(Site.objects.count(), sites)

    def test_command__unknown_successor__clear_error(self):
        with self.assertRaisesMessage(CommandError, "khong-co.example.vn"):
            call_command(
                "setup_portal",
                site="Xã Ba",
                hostname="ba.example.vn",
                successor="khong-co.example.vn",
                stdout=StringIO(),
            )


class WherePagesBelongTests(TwoBodiesTestCase):
    def test_site_of_page__and_filter_by_sites(self):
        page_a = self.site_a.root_page.add_child(instance=StandardPage(title="A", slug="trang-a"))
        page_b = self.home_b.add_child(instance=StandardPage(title="B", slug="trang-b"))
        self.assertEqual(site_id_of_page(page_a), self.site_a.pk)
        self.assertEqual(site_id_of_page(page_b), self.site_b.pk)
        pages = Page.objects.filter(pk__in=[page_a.pk, page_b.pk])
        self.assertEqual(list(in_sites(pages, {self.site_b.pk})), [page_b.page_ptr])
        self.assertEqual(list(in_sites(pages, set())), [])
        self.assertEqual(in_sites(pages, None).count(), 2)

    def test_nested_body__its_pages_are_not_the_outer_bodys(self):
        home_a = self.site_a.root_page
        inner = home_a.add_child(instance=StandardPage(title="Đơn vị", slug="don-vi"))
        Site.objects.create(hostname="donvi.example.vn", root_page=inner, site_name="Đơn vị")
        deep = inner.add_child(instance=StandardPage(title="Sâu", slug="sau"))
        pages = Page.objects.filter(pk__in=[inner.pk, deep.pk])
        self.assertEqual(in_sites(pages, {self.site_a.pk}).count(), 0)
        self.assertEqual(site_id_of_page(deep), Site.objects.get(hostname="donvi.example.vn").pk)


class CalendarTests(TwoBodiesTestCase):
    def test_body_swaps__counted_for_that_body_only(self):
        import datetime as dt

        day = dt.date(2027, 3, 10)  # a Wednesday
        WorkCalendarSettings.objects.create(site=self.site_b, extra_days_off="10/03/2027")
        self.assertFalse(work_calendar(self.site_b).is_working_day(day))
        self.assertTrue(work_calendar(self.site_a).is_working_day(day))

    def test_wrong_line__named_in_the_error(self):
        from django.core.exceptions import ValidationError

        setting = WorkCalendarSettings(site=self.site_b, extra_days_off="10/03/2027\n31/02/2027")
        with self.assertRaises(ValidationError) as caught:
            setting.full_clean()
        self.assertIn("31/02/2027", str(caught.exception))


class OutboxPerBodyTests(TwoBodiesTestCase):
    def test_queue__each_body_sees_its_own_emails(self):
        mine = queue_email("a@example.vn", "A", "text", purpose="test", site=self.site_a)
        theirs = queue_email("b@example.vn", "B", "text", purpose="test", site=self.site_b)
        editor_a = User.objects.create_user("bta", "bta@example.gov.vn", "x" * 12)
        editor_a.groups.add(role_group(roles.EDITOR))
        self.client.force_login(editor_a)
        index = self.client.get(reverse("core_outgoingemail:index"))
        self.assertEqual(index.status_code, 200)
        self.assertEqual([e.pk for e in index.context["object_list"]], [mine.pk])
        other = self.client.get(reverse("core_outgoingemail:inspect", args=[theirs.pk]))
        self.assertIn(other.status_code, (302, 403, 404))
        tech = User.objects.create_user("kt", "kt@example.gov.vn", "x" * 12)
        tech.groups.add(role_group(roles.TECH_ADMIN))
        self.client.force_login(tech)
        index = self.client.get(reverse("core_outgoingemail:index"))
        self.assertEqual({e.pk for e in index.context["object_list"]}, {mine.pk, theirs.pk})


class MaintenanceNoticeTests(TestCase):
    def test_technical_administrator__may_post_the_downtime_notice(self):
        tech = User.objects.create_user("kt2", "kt2@example.gov.vn", "x" * 12)
        tech.groups.add(role_group(roles.TECH_ADMIN))
        site = Site.objects.get(is_default_site=True)
        self.client.force_login(tech)
        url = reverse("wagtailsettings:edit", args=["core", "maintenancenotice", site.pk])
        self.assertEqual(self.client.get(url).status_code, 200)


class DirectoryPerBodyTests(TwoBodiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from congthongtin.core.models import Official, Unit

        cls.unit_a = Unit.objects.create(site=cls.site_a, name="Văn phòng A")
        cls.unit_b = Unit.objects.create(site=cls.site_b, name="Văn phòng B")
        cls.official_a = Official.objects.create(unit=cls.unit_a, full_name="Lê A", position="CV")
        cls.editor_b = User.objects.create_user("btvb", "btvb@example.gov.vn", "x" * 12)
        cls.editor_b.groups.add(role_group(roles.EDITOR, cls.site_b))
        cls.officer_b = User.objects.create_user("dmb", "dmb@example.gov.vn", "x" * 12)
        cls.officer_b.groups.add(role_group(roles.UNIT_OFFICER, cls.site_b))

    def test_other_bodys_units__not_listed_not_opened_not_changed(self):
        self.client.force_login(self.editor_b)
        index = self.client.get(reverse("wagtailsnippets_core_unit:list"))
        self.assertEqual([u.pk for u in index.context["object_list"]], [self.unit_b.pk])
        edit = reverse("wagtailsnippets_core_unit:edit", args=[self.unit_a.pk])
        self.assertNotEqual(self.client.get(edit).status_code, 200)
        response = self.client.post(edit, {"site": self.site_a.pk, "name": "Đổi", "sort_order": 0})
        self.assertNotEqual(response.status_code, 200)
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.name, "Văn phòng A")

    def test_unit_officer__other_bodys_officials_untouched(self):
        self.client.force_login(self.officer_b)
        edit = reverse("wagtailsnippets_core_official:edit", args=[self.official_a.pk])
        self.client.post(edit, {"full_name": "Đổi", "position": "X", "unit": self.unit_a.pk})
        self.official_a.refresh_from_db()
        self.assertEqual(self.official_a.full_name, "Lê A")

    def test_create__in_another_body__refused_by_the_form(self):
        from congthongtin.core.models import Unit

        self.client.force_login(self.editor_b)
        response = self.client.post(
            reverse("wagtailsnippets_core_unit:add"),
            {"site": self.site_a.pk, "name": "Lạ", "sort_order": 0},
        )
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertIn("site", response.context["form"].errors)
        self.assertFalse(Unit.objects.filter(name="Lạ").exists())

    def test_archive__directory_read_only(self):
        from congthongtin.core.models import Body

        Body.objects.filter(site=self.site_b).update(status=BodyStatus.ARCHIVE)
        self.client.force_login(self.editor_b)
        edit = reverse("wagtailsnippets_core_unit:edit", args=[self.unit_b.pk])
        self.client.post(edit, {"site": self.site_b.pk, "name": "Đổi", "sort_order": 0})
        self.unit_b.refresh_from_db()
        self.assertEqual(self.unit_b.name, "Văn phòng B")
