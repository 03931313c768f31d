"""Archives of dissolved units (Law 72/2025): read-only for everyone in the admin and on the
public side, a banner naming the successor, and the redirect table going first (301)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from congthongtin.core.bodies import body_of
from congthongtin.core.models import BodyStatus
from congthongtin.home.models import StandardPage
from tests.factories import make_portal

ARCHIVE_HOST = "huyen-cu.example"
SUCCESSOR_HOST = "xa-moi.example"


def archive(site, successor):
    body = body_of(site)
    body.status = BodyStatus.ARCHIVE
    body.successor = successor
    body.save()
    return body


def add_page(parent, title, slug):
    page = StandardPage(title=title, slug=slug, live=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class ArchiveFixture(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.successor, cls.successor_home = make_portal(SUCCESSOR_HOST, "Xã Mới", "UBND xã Mới")
        cls.archive_site, cls.archive_home = make_portal(ARCHIVE_HOST, "Huyện Cũ", "UBND huyện Cũ")
        cls.old_page = add_page(cls.archive_home, "Lịch tiếp dân của huyện", "lich-tiep-dan")
        cls.new_page = add_page(cls.successor_home, "Lịch tiếp dân của xã", "lich-tiep-dan")
        cls.live_page = add_page(cls.successor_home, "Giới thiệu xã Mới", "gioi-thieu")
        archive(cls.archive_site, cls.successor)
        cls.superuser = get_user_model().objects.create_superuser(
            "quantri", "quantri@example.com", "mat-khau-dai-123"
        )


class ArchivePermissionTesterTests(ArchiveFixture):
    def perms_of(self, page):
        return Page.objects.get(pk=page.pk).specific.permissions_for_user(self.superuser)

    def test_superuser_on_archive_page__every_write_refused(self):
        perms = self.perms_of(self.old_page)
        refused = {
            "add subpage": perms.can_add_subpage(),
            "edit": perms.can_edit(),
            "delete": perms.can_delete(),
            "publish": perms.can_publish(),
            "unpublish": perms.can_unpublish(),
            "publish subpage": perms.can_publish_subpage(),
            "view restrictions": perms.can_set_view_restrictions(),
            "unschedule": perms.can_unschedule(),
            "submit": perms.can_submit_for_moderation(),
            "lock": perms.can_lock(),
            "unlock": perms.can_unlock(),
            "reorder": perms.can_reorder_children(),
            "move": perms.can_move(),
            "move to successor": perms.can_move_to(self.successor_home),
        }
        self.assertEqual([name for name, allowed in refused.items() if allowed], [])
        self.assertTrue(perms.page_locked())

    def test_superuser_on_archive_home__nothing_added(self):
        perms = self.perms_of(self.archive_home)
        self.assertFalse(perms.can_add_subpage())
        self.assertFalse(perms.can_edit())

    def test_copy_or_move_into_archive__refused(self):
        perms = self.perms_of(self.live_page)
        self.assertFalse(perms.can_copy_to(self.archive_home))
        self.assertFalse(perms.can_move_to(self.archive_home))

    def test_copy_out_of_archive_to_successor__allowed(self):
        perms = self.perms_of(self.old_page)
        self.assertTrue(perms.can_copy())
        self.assertTrue(perms.can_copy_to(self.successor_home))

    def test_superuser_on_live_body__edits_as_before(self):
        perms = self.perms_of(self.live_page)
        self.assertTrue(perms.can_edit())
        self.assertTrue(perms.can_publish())
        self.assertFalse(perms.page_locked())


class ArchiveAdminTests(ArchiveFixture):
    def setUp(self):
        self.client.force_login(self.superuser)

    def assert_refused(self, response):
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    def test_edit_archive_page__refused_and_nothing_saved(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.old_page.pk])
        self.assert_refused(self.client.get(url))
        response = self.client.post(url, {"title": "Đã sửa", "slug": "lich-tiep-dan"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Page.objects.get(pk=self.old_page.pk).title, "Lịch tiếp dân của huyện")

    def test_add_subpage_in_archive__refused(self):
        url = reverse(
            "wagtailadmin_pages:add", args=["portal_home", "standardpage", self.archive_home.pk]
        )
        self.assertEqual(self.client.post(url, {"title": "Trang mới"}).status_code, 403)
        self.assertFalse(StandardPage.objects.filter(title="Trang mới").exists())

    def test_unpublish_delete_lock_archive_page__refused(self):
        for name in ("unpublish", "delete", "lock"):
            with self.subTest(action=name):
                url = reverse(f"wagtailadmin_pages:{name}", args=[self.old_page.pk])
                self.assertEqual(self.client.post(url).status_code, 403)
        page = Page.objects.get(pk=self.old_page.pk)
        self.assertTrue(page.live)
        self.assertFalse(page.locked)

    def test_bulk_delete_archive_page__refused(self):
        url = (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={self.old_page.pk}"
        )
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertTrue(Page.objects.filter(pk=self.old_page.pk).exists())

    def explorer_messages(self, page):
        response = self.client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        self.assertEqual(response.status_code, 200)
        return [str(message) for message in response.context["messages"]]

    def test_explorer_of_archive__says_read_only_with_successor(self):
        (message,) = self.explorer_messages(self.archive_home)
        self.assertIn("Xã Mới", message)
        self.assertIn("Huyện Cũ", message)

    def test_explorer_of_live_body__no_archive_notice(self):
        self.assertEqual(self.explorer_messages(self.successor_home), [])

    def test_edit_live_body_page__still_works(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.live_page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)


class ArchivePublicTests(ArchiveFixture):
    def test_archive_page__banner_names_successor_with_link(self):
        response = self.client.get("/gioi-thieu-khong-co/", HTTP_HOST=ARCHIVE_HOST)
        self.assertEqual(response.status_code, 404)
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=ARCHIVE_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Lịch tiếp dân của huyện")
        self.assertContains(response, 'role="note" aria-labelledby="archive-notice-title"')
        self.assertContains(response, "Huyện Cũ")
        self.assertContains(response, f'href="http://{SUCCESSOR_HOST}/"')

    def test_archive_home__banner_too(self):
        response = self.client.get("/", HTTP_HOST=ARCHIVE_HOST)
        self.assertContains(response, "archive-notice-title")

    def test_live_body_page__no_banner(self):
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=SUCCESSOR_HOST)
        self.assertContains(response, "Lịch tiếp dân của xã")
        self.assertNotContains(response, "archive-notice-title")

    def test_post_on_archive_host__403_read_only_page(self):
        for path in ("/lich-tiep-dan/", "/hoi-dap/gui-cau-hoi/", "/khong-co/"):
            with self.subTest(path=path):
                response = self.client.post(path, {"noi_dung": "x"}, HTTP_HOST=ARCHIVE_HOST)
                self.assertEqual(response.status_code, 403)
                self.assertContains(response, "Huyện Cũ", status_code=403)
                self.assertContains(response, f'href="http://{SUCCESSOR_HOST}/"', status_code=403)

    def test_put_delete_on_archive_host__403(self):
        for method in ("put", "patch", "delete"):
            with self.subTest(method=method):
                response = getattr(self.client, method)("/lich-tiep-dan/", HTTP_HOST=ARCHIVE_HOST)
                self.assertEqual(response.status_code, 403)

    def test_post_on_live_body__not_refused_as_archive(self):
        response = self.client.post("/lich-tiep-dan/", HTTP_HOST=SUCCESSOR_HOST)
        self.assertNotEqual(response.status_code, 403)

    def warm_queries(self, host, path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get(path, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return len(ctx)

    def test_archive_page_warm__banner_costs_no_query_only_the_redirect_lookup(self):
        live = self.warm_queries(SUCCESSOR_HOST, "/lich-tiep-dan/")
        archived = self.warm_queries(ARCHIVE_HOST, "/lich-tiep-dan/")
        self.assertLessEqual(archived, live + 1)

    def test_archive_status_back_to_active__banner_gone_at_once(self):
        self.client.get("/lich-tiep-dan/", HTTP_HOST=ARCHIVE_HOST)  # caches filled
        body = body_of(self.archive_site)
        body.status = BodyStatus.ACTIVE
        body.save()
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=ARCHIVE_HOST)
        self.assertNotContains(response, "archive-notice-title")


class ArchiveRedirectTests(ArchiveFixture):
    CSV = "from,to\n/lich-tiep-dan/,http://{host}/lich-tiep-dan/\n/tin-cu/so-1/,http://{host}/\n"

    def csv_text(self):
        return self.CSV.format(host=SUCCESSOR_HOST)

    def assert_moved(self, path, target):
        response = self.client.get(path, HTTP_HOST=ARCHIVE_HOST)
        self.assertEqual(response.status_code, 301, path)
        self.assertEqual(response["Location"], target)

    def test_import_command_then_old_address__301_to_successor_even_over_archive_page(self):
        with tempfile.TemporaryDirectory() as folder:
            src = Path(folder) / "chuyen-huong.csv"
            src.write_text(self.csv_text(), encoding="utf-8")
            call_command(
                "import_redirects",
                src=str(src),
                site=self.archive_site.pk,
                permanent=True,
                stdout=open("/dev/null", "w"),  # noqa: SIM115
            )
        self.assertEqual(Redirect.objects.filter(site=self.archive_site).count(), 2)
        # The archive still has a page at this address: the table goes first.
        self.assert_moved("/lich-tiep-dan/", f"http://{SUCCESSOR_HOST}/lich-tiep-dan/")
        self.assert_moved("/tin-cu/so-1/", f"http://{SUCCESSOR_HOST}/")
        self.assert_moved("/lich-tiep-dan/?trang=2", f"http://{SUCCESSOR_HOST}/lich-tiep-dan/")
        # The successor's own address is not touched by the archive's table.
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=SUCCESSOR_HOST)
        self.assertEqual(response.status_code, 200)

    def test_admin_csv_import_then_old_address__301_to_successor(self):
        self.client.force_login(self.superuser)
        upload = SimpleUploadedFile(
            "chuyen-huong.csv", self.csv_text().encode(), content_type="text/csv"
        )
        response = self.client.post(
            reverse("wagtailredirects:start_import"),
            {"import_file": upload, "input_format": "csv"},
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        response = self.client.post(
            reverse("wagtailredirects:process_import"),
            {
                "import_file_name": form.initial["import_file_name"],
                "input_format": form.initial["input_format"],
                "from_index": "0",
                "to_index": "1",
                "site": self.archive_site.pk,
                "permanent": "on",
            },
        )
        self.assertRedirects(response, reverse("wagtailredirects:index"))
        self.assertEqual(Redirect.objects.filter(site=self.archive_site).count(), 2)
        self.client.logout()
        self.assert_moved("/lich-tiep-dan/", f"http://{SUCCESSOR_HOST}/lich-tiep-dan/")

    def test_redirect_to_successor_page__absolute_url_on_successor_host(self):
        Redirect.objects.create(
            old_path="/lich-tiep-dan", site=self.archive_site, redirect_page=self.new_page
        )
        self.assert_moved("/lich-tiep-dan/", f"http://{SUCCESSOR_HOST}/lich-tiep-dan/")

    def test_temporary_redirect_on_archive_page__page_still_served(self):
        Redirect.objects.create(
            old_path="/lich-tiep-dan",
            site=self.archive_site,
            redirect_page=self.new_page,
            is_permanent=False,
        )
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=ARCHIVE_HOST)
        self.assertEqual(response.status_code, 200)

    def test_live_body__redirect_table_only_on_404_as_wagtail_does(self):
        Redirect.objects.create(
            old_path="/lich-tiep-dan", site=self.successor, redirect_link="http://khac.example/"
        )
        response = self.client.get("/lich-tiep-dan/", HTTP_HOST=SUCCESSOR_HOST)
        self.assertEqual(response.status_code, 200)
