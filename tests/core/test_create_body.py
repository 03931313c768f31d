"""``manage.py setup_portal --site NAME --hostname H``: a new body and its board in one step
(R-SITE-1; core.bodies.create_body)."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils.translation import gettext as _
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage

from congthongtin.core import roles
from congthongtin.core.bodies import body_of, group_name, role_group
from congthongtin.core.models import BoardRole, Body, BodyStatus, PortalSettings

#: What a body's creation makes; a second run must leave every count as it is.
COUNTED = (Site, Page, Body, PortalSettings, Group, BoardRole, Workflow, WorkflowPage, Task)


def setup_site(name="Xã Xuân Bình", hostname="xuanbinh.thanhhoa.gov.vn", **options):
    output = StringIO()
    call_command("setup_portal", site=name, hostname=hostname, stdout=output, **options)
    return output.getvalue()


def counts():
    return {model: model.objects.count() for model in COUNTED}


class SetupPortalSiteTests(TestCase):
    def test_new_body__site_home_page_body_and_settings(self):
        setup_site(port=8080, level="commune")
        site = Site.objects.get(hostname="xuanbinh.thanhhoa.gov.vn")
        self.assertEqual((site.port, site.site_name), (8080, "Xã Xuân Bình"))
        self.assertFalse(site.is_default_site)
        home = site.root_page.specific
        self.assertEqual(home.title, "Xã Xuân Bình")
        self.assertEqual(type(home).__name__, "HomePage")
        self.assertTrue(home.live)
        self.assertEqual(home.depth, 2)  # a child of the root, beside the default site's
        body = Body.objects.get(site=site)
        self.assertEqual((body.status, body.successor, body.archived_at), ("active", None, None))
        settings = PortalSettings.objects.get(site=site)
        self.assertEqual(settings.name, "Xã Xuân Bình")
        self.assertEqual(settings.administrative_level, "commune")

    def test_new_body__board_of_nine_groups_of_its_own(self):
        setup_site()
        site = Site.objects.get(hostname="xuanbinh.thanhhoa.gov.vn")
        board = BoardRole.objects.filter(site=site).select_related("group")
        self.assertEqual(len(board), 9)
        self.assertEqual({each.role for each in board}, set(roles.BODY_ROLES))
        for each in board:
            self.assertEqual(each.group.name, group_name(each.role, site))
            self.assertNotEqual(each.group, role_group(each.role))  # not the default site's

    def test_new_body__its_workflow_on_its_home_page_naming_its_groups(self):
        setup_site()
        site = Site.objects.get(hostname="xuanbinh.thanhhoa.gov.vn")
        workflow = Workflow.objects.get(workflow_pages__page=site.root_page)
        self.assertTrue(workflow.active)
        self.assertTrue(workflow.name.startswith(roles.WORKFLOW_NAME))
        self.assertIn("Xã Xuân Bình", workflow.name)
        default_home = Site.objects.get(is_default_site=True).root_page
        self.assertNotEqual(workflow, Workflow.objects.get(workflow_pages__page=default_home))
        tasks = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
        self.assertEqual(len(tasks), len(roles.STEPS))
        for task, (_step, _name, step_roles) in zip(tasks, roles.STEPS, strict=True):
            self.assertEqual(
                set(task.groups.all()), {role_group(role, site) for role in step_roles}
            )

    def test_new_body__reported(self):
        output = setup_site()
        self.assertIn("xuanbinh.thanhhoa.gov.vn", output)
        self.assertIn("Xã Xuân Bình", output)

    def test_second_run__changes_nothing(self):
        setup_site()
        before = counts()
        output = setup_site()
        self.assertEqual(counts(), before)
        self.assertIn(_("The body is already set up."), output)

    def test_host_in_use__refused_with_a_clear_error_and_nothing_made(self):
        setup_site()
        before = counts()
        with self.assertRaises(CommandError) as refused:
            setup_site(name="Xã Khác", hostname="XuanBinh.ThanhHoa.gov.vn ")
        self.assertEqual(
            str(refused.exception), _("Another body already uses this address and port.")
        )
        self.assertEqual(counts(), before)

    def test_host_of_the_default_site__refused(self):
        default = Site.objects.get(is_default_site=True)
        before = counts()
        with self.assertRaises(CommandError):
            setup_site(name="Xã Khác", hostname=default.hostname, port=default.port)
        self.assertEqual(counts(), before)

    def test_same_host_other_port__another_body(self):
        setup_site()
        setup_site(name="Xã Xuân Bình (thử)", port=8000)
        self.assertEqual(Site.objects.filter(hostname="xuanbinh.thanhhoa.gov.vn").count(), 2)

    def test_without_hostname__refused(self):
        with self.assertRaises(CommandError):
            call_command("setup_portal", site="Xã Không Địa Chỉ", stdout=StringIO())
        self.assertFalse(Site.objects.filter(site_name="Xã Không Địa Chỉ").exists())

    def test_archive_with_successor__archived_body_pointing_to_it(self):
        default = Site.objects.get(is_default_site=True)
        setup_site(
            name="Huyện Như Xuân (cũ)",
            hostname="huyen.example.vn",
            level="former-district",
            archive=True,
            successor=default.hostname,
        )
        body = body_of(Site.objects.get(hostname="huyen.example.vn"))
        self.assertEqual(body.status, BodyStatus.ARCHIVE)
        self.assertEqual(body.successor, default)
        self.assertIsNotNone(body.archived_at)
        self.assertEqual(PortalSettings.for_site(body.site).administrative_level, "former-district")
        # An archive has its board too (its groups read; nobody publishes there).
        self.assertEqual(BoardRole.objects.filter(site=body.site).count(), len(roles.BODY_ROLES))

    def test_unknown_successor__refused_and_nothing_made(self):
        before = counts()
        with self.assertRaises(CommandError):
            setup_site(hostname="huyen.example.vn", archive=True, successor="khong-co.example.vn")
        self.assertEqual(counts(), before)

    def test_unknown_level__refused_by_the_parser(self):
        with self.assertRaises(CommandError):
            call_command(
                "setup_portal",
                "--site=Xã Xuân Bình",
                "--hostname=xuanbinh.thanhhoa.gov.vn",
                "--level=district",
                stdout=StringIO(),
            )
        self.assertFalse(Site.objects.filter(hostname="xuanbinh.thanhhoa.gov.vn").exists())
