"""Digital signatures (ký số) of legal documents' files: stored at import and when a file is
attached, shown on the public page beside the file, checked again by verify_signatures;
the trusted root certificates' admin screen (core.trust_viewsets)."""

from __future__ import annotations

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone, translation
from django.utils.translation import gettext

from congthongtin.core import roles
from congthongtin.core.bodies import board_groups, role_group
from congthongtin.core.limits import run_bounded
from congthongtin.core.models import TrustAnchor
from congthongtin.core.reading.signatures import describe_certificate
from congthongtin.legal.importer.service import import_document
from congthongtin.legal.models import (
    DocumentSignature,
    LegalDocumentAttachment,
    SignatureCheck,
    TrustStatus,
)
from congthongtin.legal.pdf import text_pdf
from tests.core import signed_pdfs
from tests.helpers import warm_query_count
from tests.legal.factories import add_document, make_document_file, make_library
from tests.legal.samples import DECISION_TEXT

pytestmark = pytest.mark.filterwarnings("ignore:DSA is deprecated")
User = get_user_model()
ANCHORS_URL = "/admin/chung-thu-goc/"


def add_anchor(authority, name="Chứng thư gốc thử nghiệm") -> TrustAnchor:
    facts = describe_certificate(authority.pem)
    facts.pop("self_signed")
    return TrustAnchor.objects.create(name=name, certificate=facts.pop("der"), **facts)


def vi(message: str, **values) -> str:
    """``message`` as the public (Vietnamese) page shows it, with the catalogue there is."""
    with translation.override("vi"):
        text = gettext(message)
    return text % values if values else text


class SignedFiles:
    @classmethod
    def setUpTestData(cls):
        cls.keys = signed_pdfs.make_keys()
        cls.library = make_library()
        decision = text_pdf(DECISION_TEXT.splitlines())
        cls.signed_decision = signed_pdfs.sign(decision, cls.keys.author, cls.keys.ca)
        cls.signed = signed_pdfs.sign(signed_pdfs.plain_pdf(), cls.keys.author, cls.keys.ca)
        cls.twice = signed_pdfs.sign(cls.signed, cls.keys.approver, cls.keys.ca, "ChuKy2")


class ImportTests(SignedFiles, TestCase):
    def test_import__signature_stored_once_trust_not_checked(self):
        with mock.patch("congthongtin.core.limits.run_bounded", wraps=run_bounded) as worker:
            report = import_document(self.signed_decision, "qd-15.pdf", library=self.library)
        self.assertTrue(report.ok, report.problems)
        document = report.page.attachments.get().document
        # One worker for the signatures (the attachment's receiver found them checked),
        # besides the one reading the text.
        targets = [call.args[0] for call in worker.call_args_list]
        self.assertEqual(targets.count("congthongtin.core.reading.signatures.read_packed"), 1)
        (signature,) = DocumentSignature.objects.filter(document=document)
        self.assertEqual(signature.signer, "Nguyễn Văn An")
        self.assertEqual(signature.organisation, "UBND xã Như Xuân / Văn phòng")
        self.assertEqual(signature.issuer, "Cơ quan chứng thực chữ ký số thử nghiệm")
        self.assertTrue(signature.intact and signature.valid and signature.is_sound)
        self.assertFalse(signature.modified_after)
        self.assertEqual(signature.trust, TrustStatus.NOT_CHECKED)
        self.assertIsNotNone(signature.signed_at)
        check = SignatureCheck.objects.get(document=document)
        self.assertEqual((check.anchors, check.refused), (0, ""))
        self.assertEqual(check.file_hash, document.file_hash)

    def test_import__with_the_root_configured_trusted(self):
        add_anchor(self.keys.ca)
        report = import_document(self.signed_decision, "qd-15.pdf", library=self.library)
        document = report.page.attachments.get().document
        self.assertEqual(document.signatures.get().trust, TrustStatus.TRUSTED)
        self.assertEqual(document.signature_check.anchors, 1)

    def test_import__another_root_untrusted(self):
        add_anchor(self.keys.other_ca)
        report = import_document(self.signed_decision, "qd-15.pdf", library=self.library)
        signature = report.page.attachments.get().document.signatures.get()
        self.assertEqual(signature.trust, TrustStatus.UNTRUSTED)
        self.assertTrue(signature.is_sound)

    def test_import__unsigned_pdf_no_signature_and_no_worker(self):
        data = text_pdf(DECISION_TEXT.splitlines())
        report = import_document(data, "qd-15.pdf", library=self.library)
        document = report.page.attachments.get().document
        self.assertFalse(document.signatures.exists())
        self.assertEqual(document.signature_check.refused, "")


class PageTests(SignedFiles, TestCase):
    def attach(self, data: bytes, title="Quyết định đã ký"):
        document = make_document_file(data, "quyet-dinh.pdf", title=title)
        page = add_document(
            self.library,
            title="Quyết định 12/QĐ-UBND",
            attachments=[LegalDocumentAttachment(document=document)],
        )
        return page, document

    def test_attached_in_the_editor__checked_when_saved_and_shown(self):
        page, document = self.attach(self.twice)
        author, approver = document.signatures.order_by("index")
        self.assertEqual((author.signer, approver.signer), ("Nguyễn Văn An", "Trần Thị Bình"))
        self.assertTrue(author.is_sound and author.added_after)
        self.assertTrue(approver.is_sound and not approver.added_after)
        response = self.client.get(page.url)
        self.assertContains(response, 'class="legal-sig"')
        self.assertContains(response, f'aria-labelledby="chu-ky-{page.attachments.get().pk}"')
        self.assertContains(
            response,
            vi(
                "The document was digitally signed by %(signer)s at %(time)s.",
                signer="Nguyễn Văn An (UBND xã Như Xuân / Văn phòng)",
                time=_local(author.signed_at),
            ),
        )
        self.assertContains(response, "Trần Thị Bình (UBND xã Như Xuân)")
        self.assertContains(response, vi("Its content has not been changed since it was signed."))
        self.assertContains(
            response,
            vi(
                "Certificate issued by %(issuer)s, not checked against a trusted root "
                "certificate (the technical administrator has not configured one).",
                issuer="Cơ quan chứng thực chữ ký số thử nghiệm",
            ),
        )
        self.assertNotContains(response, vi("Altered after signing"))

    def test_altered_file__shown_as_no_longer_intact(self):
        page, document = self.attach(signed_pdfs.change_content_after_signing(self.signed))
        signature = document.signatures.get()
        self.assertTrue(signature.altered)
        response = self.client.get(page.url)
        self.assertContains(
            response,
            vi("The content has been changed after it was signed: this copy is no longer intact."),
        )
        self.assertContains(response, vi("Altered after signing"))
        self.assertNotContains(
            response, vi("Its content has not been changed since it was signed.")
        )

    def test_annotation_added__shown_as_annotated_not_altered(self):
        page, document = self.attach(signed_pdfs.add_annotation_after_signing(self.signed))
        signature = document.signatures.get()
        self.assertTrue(signature.annotated)
        self.assertFalse(signature.altered or signature.is_sound)
        response = self.client.get(page.url)
        self.assertContains(response, vi("Annotated after signing"))
        self.assertNotContains(
            response, vi("Its content has not been changed since it was signed.")
        )

    def test_flipped_byte__not_intact(self):
        _page, document = self.attach(signed_pdfs.flip_signed_byte(self.signed))
        signature = document.signatures.get()
        self.assertFalse(signature.intact)
        self.assertTrue(signature.altered)

    def test_forged_byte_range__invalid_signature_shown_not_a_crash(self):
        page, document = self.attach(signed_pdfs.byte_range_outside(self.signed))
        signature = document.signatures.get()
        self.assertFalse(signature.altered)
        self.assertIn("Chữ ký không hợp lệ", signature.problem)
        response = self.client.get(page.url)
        self.assertContains(response, vi("Invalid signature"))
        self.assertContains(response, "Chữ ký không hợp lệ")

    def test_trusted_root__page_says_checked(self):
        add_anchor(self.keys.ca)
        page, _document = self.attach(self.signed)
        response = self.client.get(page.url)
        self.assertContains(
            response,
            vi(
                "Certificate issued by %(issuer)s, checked against a trusted root certificate.",
                issuer="Cơ quan chứng thực chữ ký số thử nghiệm",
            ),
        )

    def test_expired_certificate_without_timestamp__page_says_so(self):
        add_anchor(self.keys.ca)
        expired = signed_pdfs.sign(signed_pdfs.plain_pdf(), self.keys.expired, self.keys.ca)
        page, document = self.attach(expired)
        signature = document.signatures.get()
        self.assertEqual(signature.trust, TrustStatus.UNTRUSTED)
        self.assertTrue(signature.certificate_expired)
        response = self.client.get(page.url)
        self.assertContains(
            response,
            vi(
                "Certificate issued by %(issuer)s, expired on %(date)s; no trusted timestamp "
                "shows that the document was signed before then.",
                issuer="Cơ quan chứng thực chữ ký số thử nghiệm",
                date=signature.valid_to.astimezone(timezone.get_current_timezone()).strftime(
                    "%d/%m/%Y"
                ),
            ),
        )

    def test_unsigned_file__no_panel(self):
        page, _document = self.attach(signed_pdfs.plain_pdf())
        self.assertNotContains(self.client.get(page.url), 'class="legal-sig"')

    def test_page_with_signed_file__within_the_query_budget(self):
        page, _document = self.attach(self.twice)
        self.assertLessEqual(warm_query_count(self, page.url), 10)

    def test_replaced_file__checked_again(self):
        _page, document = self.attach(self.signed)
        self.assertTrue(document.signatures.get().is_sound)
        document.file.save("quyet-dinh-sua.pdf", ContentFile(self.twice), save=False)
        document._set_document_file_metadata()
        document.save()
        self.assertEqual(document.signatures.count(), 2)

    def test_verify_signatures__after_an_anchor_is_added(self):
        _page, document = self.attach(self.signed)
        self.assertEqual(document.signatures.get().trust, TrustStatus.NOT_CHECKED)
        add_anchor(self.keys.ca)
        output = StringIO()
        call_command("verify_signatures", stdout=output)
        self.assertEqual(document.signatures.get().trust, TrustStatus.TRUSTED)
        self.assertIn("Nguyễn Văn An", output.getvalue())
        with self.assertRaises(CommandError):
            call_command("verify_signatures", "--site", "khong-co.example.vn", stdout=output)


def _local(moment) -> str:
    from congthongtin.core.templatetags.portal_tags import vn_datetime

    return vn_datetime(moment)


class TrustAnchorAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.keys = signed_pdfs.make_keys()
        access = Permission.objects.get(codename="access_admin")
        groups = board_groups(None)
        tech_group = groups[roles.TECH_ADMIN]
        tech_group.permissions.add(access)
        cls.tech = User.objects.create_user("qtkythuat", "qt@example.vn", "mat-khau-dai-123")
        cls.tech.groups.add(role_group(roles.TECH_ADMIN))
        editors = Group.objects.create(name="Biên tập")
        editors.permissions.add(access)
        cls.editor = User.objects.create_user("bientap", "bt@example.vn", "mat-khau-dai-123")
        cls.editor.groups.add(editors)

    def test_technical_administrator__adds_a_root_by_file_or_pem(self):
        self.client.force_login(self.tech)
        self.assertEqual(self.client.get(ANCHORS_URL).status_code, 200)
        self.assertContains(self.client.get("/admin/"), ANCHORS_URL)  # Settings menu
        response = self.client.post(
            ANCHORS_URL + "new/",
            {
                "name": "Root CA Chính phủ (thử)",
                "upload": SimpleUploadedFile("root.cer", self.keys.ca.der),
                "pem": "",
                "active": "on",
                "note": "",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        anchor = TrustAnchor.objects.get()
        self.assertEqual(bytes(anchor.certificate), self.keys.ca.der)
        self.assertIn("Cơ quan chứng thực chữ ký số thử nghiệm", anchor.subject)
        edit = self.client.get(f"{ANCHORS_URL}edit/{anchor.pk}/")
        self.assertContains(edit, anchor.fingerprint)
        response = self.client.post(
            ANCHORS_URL + "new/",
            {"name": "CA khác", "pem": self.keys.other_ca.pem.decode(), "active": "on"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(TrustAnchor.objects.count(), 2)

    def test_garbage_and_signer_certificates__refused_in_vietnamese(self):
        self.client.force_login(self.tech)
        cases = [
            ({"upload": SimpleUploadedFile("x.cer", b"not a certificate")}, "Không đọc được"),
            ({"pem": self.keys.author.pem.decode()}, "không phải của tổ chức cung cấp"),
            ({}, ""),
        ]
        for extra, message in cases:
            response = self.client.post(
                ANCHORS_URL + "new/", {"name": "Rác", "active": "on", **extra}
            )
            self.assertEqual(response.status_code, 200)
            if message:
                self.assertContains(response, message)
        add_anchor(self.keys.ca, name="Đã có")
        response = self.client.post(
            ANCHORS_URL + "new/", {"name": "Trùng", "pem": self.keys.ca.pem.decode()}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Đã có")
        self.assertEqual(TrustAnchor.objects.count(), 1)

    def test_other_staff__refused(self):
        anchor = add_anchor(self.keys.ca)
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get("/admin/"), ANCHORS_URL)
        for url in (ANCHORS_URL, ANCHORS_URL + "new/", f"{ANCHORS_URL}edit/{anchor.pk}/"):
            response = self.client.get(url)
            # Wagtail's refusal in the admin: back to the dashboard with a message.
            self.assertEqual(response.status_code, 302, url)
            self.assertEqual(response["Location"], "/admin/")
        response = self.client.post(
            ANCHORS_URL + "new/", {"name": "Lén", "pem": self.keys.other_ca.pem.decode()}
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(TrustAnchor.objects.count(), 1)
