"""Editors' side: the import screen (permission, CSRF, size limit), the page editor (add,
edit, publish rules, preview) and the document-type snippets."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, TestCase
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.log_actions import registry as log_registry
from wagtail.models import GroupPagePermission

from congthongtin.legal.models import LegalDocumentPage
from congthongtin.legal.status import STATUS_CHANGE_ACTION
from tests.legal.factories import add_document, agency, doc_type, docx_bytes, make_library
from tests.legal.samples import DECISION, HEADER_ROWS

User = get_user_model()
IMPORT_URL = "/admin/van-ban/nhap/"


def staff(username: str, *groups: Group) -> User:
    user = User.objects.create_user(username, f"{username}@example.vn", "mat-khau-dai-123")
    user.groups.add(*groups)
    return user


class ImportViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        add_document(
            cls.library,
            title="Nghị định 42/2022",
            number_symbol="42/2022/NĐ-CP",
            issue_date=datetime.date(2022, 6, 24),
        )
        access = Permission.objects.get(codename="access_admin")
        cls.readers = Group.objects.create(name="Chỉ đọc")
        cls.readers.permissions.add(access)
        cls.writers = Group.objects.create(name="Biên tập văn bản")
        cls.writers.permissions.add(access)
        GroupPagePermission.objects.create(
            group=cls.writers, page=cls.library, permission_type="add"
        )
        cls.editor = staff("bientap", cls.writers)
        cls.reader = staff("chidoc", cls.readers)
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "x" * 12)

    def upload(self, data=None, name="qd-15.docx", **extra):
        data = data if data is not None else docx_bytes(DECISION, HEADER_ROWS)
        return {"files": SimpleUploadedFile(name, data), "parent": self.library.pk, **extra}

    def assert_refused(self, response):
        # Wagtail turns PermissionDenied in the admin into a redirect with a message.
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "/admin/")

    def test_without_add_permission__refused(self):
        self.client.force_login(self.reader)
        self.assert_refused(self.client.get(IMPORT_URL))
        self.assert_refused(self.client.post(IMPORT_URL, self.upload()))
        self.assertFalse(LegalDocumentPage.objects.filter(number_symbol="15/QĐ-UBND").exists())

    def test_anonymous__sent_to_login(self):
        response = self.client.get(IMPORT_URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_menu_item__only_for_users_who_can_add(self):
        self.client.force_login(self.editor)
        self.assertContains(self.client.get("/admin/"), IMPORT_URL)
        self.client.force_login(self.reader)
        self.assertNotContains(self.client.get("/admin/"), IMPORT_URL)

    def test_editor_upload__draft_created_and_listed(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 200)
        response = self.client.post(IMPORT_URL, self.upload())
        self.assertEqual(response.status_code, 200)
        page = LegalDocumentPage.objects.get(number_symbol="15/QĐ-UBND")
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.editor)
        self.assertEqual(page.attachments.get().document.uploaded_by_user, self.editor)
        self.assertContains(response, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, "99/2099/TT-BKHCN")  # cited, not in the library
        self.assertEqual([r.target.number_symbol for r in page.relations.all()], ["42/2022/NĐ-CP"])

    def test_dry_run__nothing_created(self):
        self.client.force_login(self.editor)
        documents = get_document_model().objects.count()
        response = self.client.post(IMPORT_URL, self.upload(dry_run="on"))
        self.assertContains(response, "15/QĐ-UBND")
        self.assertFalse(LegalDocumentPage.objects.filter(number_symbol="15/QĐ-UBND").exists())
        self.assertEqual(get_document_model().objects.count(), documents)

    def test_bad_file__reported_not_created(self):
        self.client.force_login(self.editor)
        response = self.client.post(IMPORT_URL, self.upload(b"%PDF-1.4 fake", name="gia.docx"))
        self.assertContains(response, "không khớp phần mở rộng")
        self.assertEqual(LegalDocumentPage.objects.filter(live=False).count(), 0)

    def test_size_limit(self):
        self.client.force_login(self.editor)
        from congthongtin.legal import views

        original = views.MAX_UPLOAD_BYTES
        views.MAX_UPLOAD_BYTES = 100
        try:
            response = self.client.post(IMPORT_URL, self.upload())
        finally:
            views.MAX_UPLOAD_BYTES = original
        self.assertContains(response, "20 MB")
        self.assertFalse(LegalDocumentPage.objects.filter(number_symbol="15/QĐ-UBND").exists())

    def test_csrf_required(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        response = client.post(IMPORT_URL, self.upload())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(LegalDocumentPage.objects.filter(number_symbol="15/QĐ-UBND").exists())

    def test_forged_parent__refused(self):
        other = make_library("thu-vien-khac")
        self.client.force_login(self.editor)
        response = self.client.post(IMPORT_URL, {**self.upload(), "parent": other.pk})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["parent"])
        self.assertFalse(LegalDocumentPage.objects.filter(number_symbol="15/QĐ-UBND").exists())


class PageEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        cls.library = make_library()
        cls.issuer = agency("Ủy ban nhân dân xã Như Xuân")
        cls.doc = add_document(
            cls.library,
            title="Quyết định 541",
            number_symbol="541/QĐ-UBND",
            document_type=doc_type("Quyết định"),
            issuing_body=cls.issuer,
            issue_date=datetime.date(2012, 3, 12),
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def form_data(self, **overrides):
        data = {
            "title": "Quyết định về việc thử nghiệm",
            "slug": "quyet-dinh-thu-nghiem",
            "number_symbol": "",
            "summary": "",
            "signer": "",
            "signer_position": "",
            "place_of_issue": "",
            "effect_status": "con-hieu-luc",
            "status_note": "",
            "official_url": "",
            "full_text": json.dumps({"blocks": [], "entityMap": {}}),
            "tags": "",
            "origin": "original",
            "classification": "thuong",
            "author_name": "Ban biên tập",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "relations-TOTAL_FORMS": "0",
            "relations-INITIAL_FORMS": "0",
            "relations-MIN_NUM_FORMS": "0",
            "relations-MAX_NUM_FORMS": "1000",
        }
        data.update(overrides)
        return data

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add", args=["legal", "legaldocumentpage", self.library.pk]
        )

    def test_add_and_edit_forms_render(self):
        self.assertEqual(self.client.get(self.add_url()).status_code, 200)
        url = reverse("wagtailadmin_pages:edit", args=[self.doc.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        url = reverse(
            "wagtailadmin_pages:add",
            args=["legal", "legaldocumentindexpage", self.library.get_parent().pk],
        )
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_publish_without_metadata__refused(self):
        response = self.client.post(self.add_url(), self.form_data(**{"action-publish": "1"}))
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        for name in ("number_symbol", "document_type", "issuing_body", "issue_date", "summary"):
            self.assertIn(name, errors)

    def test_save_draft_without_metadata__allowed(self):
        response = self.client.post(self.add_url(), self.form_data())
        self.assertEqual(response.status_code, 302)
        self.assertFalse(LegalDocumentPage.objects.get(slug="quyet-dinh-thu-nghiem").live)

    def test_publish_with_metadata__number_canonical(self):
        data = self.form_data(
            number_symbol="15 /QĐ - UBND",
            document_type=doc_type("Quyết định").pk,
            issuing_body=self.issuer.pk,
            issue_date="05/03/2026",
            summary="Về việc thử nghiệm",
            **{"action-publish": "1"},
        )
        response = self.client.post(self.add_url(), data)
        self.assertEqual(response.status_code, 302)
        page = LegalDocumentPage.objects.get(slug="quyet-dinh-thu-nghiem")
        self.assertTrue(page.live)
        self.assertEqual(page.number_symbol, "15/QĐ-UBND")

    def test_duplicate_number_same_issuer_and_year__refused(self):
        data = self.form_data(
            number_symbol="541/QD-UBND",
            document_type=doc_type("Quyết định").pk,
            issuing_body=self.issuer.pk,
            issue_date="20/06/2012",
            summary="Trùng số",
        )
        response = self.client.post(self.add_url(), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("number_symbol", response.context["form"].errors)

    def test_bad_number__form_error(self):
        response = self.client.post(self.add_url(), self.form_data(number_symbol="abc"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("number_symbol", response.context["form"].errors)

    def test_preview(self):
        request = RequestFactory().get("/")
        request.user = self.admin
        response = self.doc.serve_preview(request, self.doc.default_preview_mode)
        self.assertEqual(response.status_code, 200)
        index = self.library.serve_preview(request, self.library.default_preview_mode)
        self.assertEqual(index.status_code, 200)

    def test_document_types_snippet_listed(self):
        response = self.client.get(reverse("wagtailsnippets_legal_documenttype:list"))
        self.assertContains(response, "Nghị định")

    def test_status_change_log_action_registered(self):
        self.assertTrue(log_registry.action_exists(STATUS_CHANGE_ACTION))


class PreviewOnCreateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        cls.library = make_library()

    def test_preview_of_a_new_page(self):
        self.client.force_login(self.admin)
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["legal", "legaldocumentpage", self.library.pk],
        )
        data = PageEditorTests.form_data(
            PageEditorTests, number_symbol="7/QĐ-UBND", summary="Về việc xem trước"
        )
        response = self.client.post(url, data)
        self.assertEqual(response.json()["is_valid"], True)
        response = self.client.get(url)
        self.assertContains(response, "7/QĐ-UBND")
