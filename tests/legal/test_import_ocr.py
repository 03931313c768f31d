"""Importing a scanned decision (issue 19): its text recognised by OCR becomes the draft's full
text and metadata, the page is flagged "text recognised from a scan (OCR)", the editor and
the import report say to proofread it, and the scanned PDF stays the download."""

import datetime
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

from congthongtin.legal.importer.service import import_document
from congthongtin.legal.models import LegalDocumentPage
from tests.core.scans import DECISION_PAGES, image_pdf, render_page, scanned_decision
from tests.helpers import override_app_settings
from tests.legal.factories import add_document, agency, make_library

User = get_user_model()
IMPORT_URL = "/admin/van-ban/nhap/"
OCR_NOTE = "Văn bản được nhận dạng từ bản quét (OCR)"
WARNING = "Text recognised from a scan (OCR): proofread it before submitting it for approval."

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract (tesseract-ocr-vie) is not installed"
)


@needs_tesseract
class ScannedImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.issuer = agency("Ủy ban nhân dân xã Như Xuân")
        cls.scan, _reference = scanned_decision(pages=2, dpi=300, stamp=True)
        cls.report = import_document(cls.scan, "qd-27-ban-quet.pdf", library=cls.library)
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "x" * 12)

    def test_metadata_extracted_from_the_recognised_text(self):
        self.assertTrue(self.report.ok, self.report.problems)
        page = LegalDocumentPage.objects.get(pk=self.report.page.pk)
        self.assertEqual(page.number_symbol, "27/QĐ-UBND")
        self.assertEqual(page.document_type.name, "Quyết định")
        self.assertEqual(page.issuing_body, self.issuer)
        self.assertEqual(page.issue_date, datetime.date(2026, 4, 14))
        self.assertEqual(page.signer, "Lê Văn Cường")
        self.assertIn("Điều 2. Quyết định này có hiệu lực kể từ ngày ký", page.full_text)
        self.assertFalse(page.live)

    def test_flagged_and_reported(self):
        page = LegalDocumentPage.objects.get(pk=self.report.page.pk)
        self.assertTrue(page.text_from_ocr)
        self.assertTrue(any(OCR_NOTE in problem for problem in self.report.problems))
        self.assertTrue(self.report.as_json()["text_from_ocr"])

    def test_scanned_pdf_is_the_download(self):
        page = LegalDocumentPage.objects.get(pk=self.report.page.pk)
        document = page.attachments.get().document
        with document.file.open("rb") as stored:
            self.assertEqual(stored.read(), self.scan)

    def test_editor_warned_above_the_full_text(self):
        self.client.force_login(self.admin)
        with translation.override("en"):
            response = self.client.get(f"/admin/pages/{self.report.page.pk}/edit/")
        content = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn(WARNING, content)
        self.assertLess(content.index(WARNING), content.index('name="full_text"'))
        self.assertIn('name="text_from_ocr"', content)

    def test_typed_document__no_warning(self):
        typed = add_document(self.library, title="Quyết định đánh máy", slug="danh-may")
        self.client.force_login(self.admin)
        with translation.override("en"):
            response = self.client.get(f"/admin/pages/{typed.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(WARNING, response.content.decode())

    def test_command__problem_line_says_to_proofread(self):
        make_library("van-ban-khac")  # the first library already holds 27/QĐ-UBND
        data, _reference = scanned_decision(pages=1, dpi=300)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "qd-27.pdf"
            path.write_bytes(data)
            out = io.StringIO()
            call_command(
                "import_legal_document",
                str(path),
                "--dry-run",
                "--parent",
                "van-ban-khac",
                stdout=out,
            )
        printed = out.getvalue()
        self.assertIn("Số, ký hiệu: 27/QĐ-UBND", printed)
        self.assertIn(f"  ! {OCR_NOTE}", printed)


@needs_tesseract
class ScannedUploadTests(TestCase):
    """The admin's single upload: a short scan is imported and tagged in the report; a
    longer one is refused before any page is recognised, pointing to the batch import."""

    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.admin = User.objects.create_superuser("quantri", "qt@example.vn", "x" * 12)

    def setUp(self):
        self.client.force_login(self.admin)

    def post(self, data, name):
        with translation.override("en"):
            return self.client.post(
                IMPORT_URL,
                {"files": SimpleUploadedFile(name, data), "parent": self.library.pk},
            )

    def test_short_scan__imported_and_tagged_in_the_report(self):
        data, _reference = scanned_decision(pages=1, dpi=300)
        response = self.post(data, "qd-27.pdf")
        content = response.content.decode()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Text from a scan (OCR)", content)
        self.assertIn(OCR_NOTE, content)
        self.assertTrue(LegalDocumentPage.objects.get(number_symbol="27/QĐ-UBND").text_from_ocr)

    @override_app_settings(IMPORT_OCR_REQUEST_MAX_PAGES=2)
    def test_longer_scan__sent_to_the_batch_import(self):
        image, _text = render_page(DECISION_PAGES[0], dpi=100)
        response = self.post(image_pdf([image] * 3, dpi=100), "qd-dai.pdf")
        content = response.content.decode()
        self.assertIn("3 trang không có lớp chữ", content)
        self.assertIn("nhập tệp này theo lô (chạy nền)", content)
        self.assertFalse(LegalDocumentPage.objects.exists())
