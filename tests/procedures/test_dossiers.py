"""Dossier look-up (S3 Đ5.2): the import replaces a body's statuses atomically and keeps
no personal data; the page at /tra-cuu-ho-so/ answers ?ma=CODE for its own body only."""

import datetime as dt
import io
import os
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.procedures.dossiers.adapters import DossierFileError
from congthongtin.procedures.dossiers.importing import Source, import_status
from congthongtin.procedures.models import DossierImport, DossierLookupPage, DossierStatus
from tests.factories import make_portal
from tests.helpers import override_app_settings

SAMPLE = Path(__file__).resolve().parents[2] / "procedures" / "import_samples"
SAMPLE_CSV = SAMPLE / "trang_thai_ho_so_mau.csv"
URL = "/tra-cuu-ho-so/"
CODE = "H56.62-261203-0012"


def source(text: str, name: str = "export.csv", modified_at=None) -> Source:
    return Source(name=name, data=text.encode(), modified_at=modified_at)


def make_lookup_page(home, **fields) -> DossierLookupPage:
    page = DossierLookupPage(title="Tra cứu hồ sơ", slug="tra-cuu-ho-so", **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def import_sample(site) -> DossierImport:
    return import_status(site, Source(name=SAMPLE_CSV.name, data=SAMPLE_CSV.read_bytes()))


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)

    def test_the_sample_is_imported_without_personal_data(self):
        record = import_sample(self.site)
        self.assertEqual(record.rows, 6)
        self.assertTrue(record.accepted)
        # Inspect the table itself: no column, no value of the applicants' names or phones.
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                connection.cursor(), DossierStatus._meta.db_table
            )
        }
        self.assertFalse({"applicant", "name", "phone", "address", "id_number"} & columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {DossierStatus._meta.db_table}")
            stored = repr(cursor.fetchall())
        for personal in ("Nguyễn Văn A", "Trần Thị B", "0900000001", "0900000006"):
            self.assertNotIn(personal, stored)
        row = DossierStatus.objects.get(site=self.site, code=CODE)
        self.assertEqual(row.category, "dang-xu-ly")
        self.assertEqual(row.expected_on, dt.date(2026, 12, 8))
        self.assertEqual(row.procedure_name, "Đăng ký kết hôn")

    def test_an_import_replaces_the_bodys_rows_and_leaves_other_bodies(self):
        other, _home = make_portal("xbs.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        import_sample(self.site)
        import_status(other, source("Mã hồ sơ;Trạng thái\nB-0001;Đang xử lý\n"))
        import_status(self.site, source("Mã hồ sơ;Trạng thái\nA-0002;Đã trả kết quả\n"))
        self.assertEqual(
            list(DossierStatus.objects.filter(site=self.site).values_list("code", flat=True)),
            ["A-0002"],
        )
        self.assertEqual(
            list(DossierStatus.objects.filter(site=other).values_list("code", flat=True)),
            ["B-0001"],
        )

    def test_a_broken_file_changes_nothing_and_reports_its_lines(self):
        import_sample(self.site)
        before = list(DossierStatus.objects.order_by("code").values_list("code", "status"))
        broken = "Mã hồ sơ;Trạng thái;Ngày hẹn trả\nA-1;Đang xử lý;01/01/2026\nA-2;x;31/02/2026\n"
        with self.assertRaises(DossierFileError) as caught:
            import_status(self.site, source(broken))
        self.assertEqual([line for line, _m in caught.exception.problems], [3])
        after = list(DossierStatus.objects.order_by("code").values_list("code", "status"))
        self.assertEqual(after, before)
        refused = DossierImport.objects.filter(site=self.site).first()
        self.assertFalse(refused.accepted)
        self.assertIn("3", refused.errors)

    def test_an_old_export_is_flagged_stale(self):
        old = timezone.now() - dt.timedelta(hours=72)
        record = import_status(self.site, source("Mã hồ sơ\nA-1\n", modified_at=old))
        self.assertTrue(record.stale)
        self.assertEqual(record.exported_at, old)

    def test_the_command_imports_a_file_and_every_configured_source(self):
        out = io.StringIO()
        call_command("import_dossier_status", str(SAMPLE_CSV), "--site", "localhost", stdout=out)
        self.assertEqual(DossierStatus.objects.filter(site=self.site).count(), 6)
        json_file = SAMPLE / "trang_thai_ho_so_mau.json"
        with override_app_settings(DOSSIER_STATUS_SOURCES={"localhost": str(json_file)}):
            call_command("import_dossier_status", "--all", stdout=out)
        self.assertEqual(DossierStatus.objects.filter(site=self.site).count(), 3)
        self.assertIn("3 dossier(s)", out.getvalue())

    def test_the_command_refuses_a_broken_file(self):
        path = Path(self.id().replace(".", "_") + ".csv")
        path.write_text("Mã hồ sơ;Ngày hẹn trả\nA-1;hôm nay\n", encoding="utf-8")
        try:
            with self.assertRaises(CommandError):
                call_command(
                    "import_dossier_status", str(path), "--site", "localhost", stderr=io.StringIO()
                )
        finally:
            os.unlink(path)
        self.assertFalse(DossierStatus.objects.exists())


class LookupPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.page = make_lookup_page(Page.objects.get(depth=2), help_contact="Một cửa: 0237 1")
        cls.other, home = make_portal("xbs.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        make_lookup_page(home)
        import_sample(cls.site)
        import_status(cls.other, source("Mã hồ sơ;Trạng thái\nB-0001;Đang xử lý\n"))

    def lookup(self, code, **extra):
        return self.client.get(URL, {"ma": code}, **extra)

    def test_a_known_code_shows_its_status_and_no_personal_data(self):
        response = self.lookup("  h56.62-261203-0012 ")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-outcome="found"')
        self.assertContains(response, 'role="status"')
        self.assertContains(response, "Đang xử lý")
        self.assertContains(response, "Đăng ký kết hôn")
        self.assertContains(response, "08/12/2026")
        self.assertContains(response, "03/12/2026")
        self.assertNotContains(response, "Lê Văn C")
        self.assertNotContains(response, "0900000003")
        self.assertNotContains(response, "dossier-stale")
        self.assertIn("private", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])

    def test_an_unknown_code_says_so_and_whom_to_call(self):
        response = self.lookup("H56.62-999999-0000")
        self.assertContains(response, 'data-outcome="unknown"')
        self.assertContains(response, "H56.62-999999-0000")
        self.assertContains(response, "Một cửa: 0237 1")

    def test_another_bodys_code_is_not_found(self):
        self.assertContains(self.lookup("B-0001"), 'data-outcome="unknown"')
        response = self.lookup(CODE, HTTP_HOST="xbs.example.vn")
        self.assertContains(response, 'data-outcome="unknown"')

    def test_stale_data_is_announced(self):
        with override_app_settings(DOSSIER_STATUS_STALE_HOURS=0):
            response = self.lookup(CODE)
        self.assertContains(response, 'data-outcome="found"')
        self.assertContains(response, "dossier-stale")

    def test_invalid_input_is_refused_in_the_form(self):
        for typed in ("", "<script>", "x" * 200, "A", "H56\x00", "MÃ-1"):
            response = self.lookup(typed)
            self.assertEqual(response.status_code, 200, typed)
            self.assertContains(response, 'data-outcome="invalid"')
            self.assertContains(response, 'aria-invalid="true"')
            self.assertNotContains(response, "<script>")

    def test_the_page_without_a_code_is_a_cacheable_form(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="ma"')
        self.assertContains(response, 'data-outcome=""')
        self.assertIn("public", response["Cache-Control"])

    def test_lookups_are_rate_limited_per_address(self):
        limits = {"dossier_lookup": {"attempts": (3, 600), "accepted": (1, 600)}}
        with override_app_settings(PUBLIC_FORM_RATE_LIMITS=limits):
            codes = [f"H56.62-261203-{n:04d}" for n in range(4)]
            statuses = [self.lookup(code).status_code for code in codes]
            self.assertEqual(statuses, [200, 200, 200, 429])
            blocked = self.lookup(CODE)
            self.assertContains(blocked, 'data-outcome="rate-limited"', status_code=429)
            self.assertNotContains(blocked, "Đăng ký kết hôn", status_code=429)
            other = self.lookup(CODE, REMOTE_ADDR="203.0.113.9")
            self.assertContains(other, 'data-outcome="found"')

    def test_query_count_of_a_lookup(self):
        self.lookup(CODE)  # warm the per-site caches
        with CaptureQueriesContext(connection) as ctx:
            response = self.lookup(CODE)
        self.assertEqual(response.status_code, 200)
        statements = [query["sql"] for query in ctx.captured_queries]
        dossier_queries = [
            sql
            for sql in statements
            if re.search(r"FROM \"procedures_dossier(status|import)\"", sql)
        ]
        self.assertEqual(len(dossier_queries), 2, statements)
        with CaptureQueriesContext(connection) as plain:
            self.client.get(URL)
        self.assertEqual(len(ctx), len(plain) + 2)


class ImportsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.other, _home = make_portal("xbs.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
        import_sample(cls.site)
        User = get_user_model()
        cls.editor = User.objects.create_user("bt", "bt@example.vn", "x" * 12)
        cls.editor.groups.add(role_group(roles.EDITOR, cls.site))
        cls.other_editor = User.objects.create_user("bt2", "bt2@example.vn", "x" * 12)
        cls.other_editor.groups.add(role_group(roles.EDITOR, cls.other))

    def test_the_board_reads_its_imports(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/tra-cuu-ho-so/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, SAMPLE_CSV.name)
        self.assertEqual(response.context["dossier_count"], 6)

    def test_another_bodys_board_does_not(self):
        self.client.force_login(self.other_editor)
        response = self.client.get("/admin/tra-cuu-ho-so/")
        self.assertEqual(response.context["dossier_count"], 0)
        self.assertNotContains(response, SAMPLE_CSV.name)
        response = self.client.get("/admin/tra-cuu-ho-so/", {"co-quan": self.site.pk})
        self.assertEqual(response.status_code, 404)
