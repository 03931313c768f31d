"""Consultation on drafts (R-CONS-1): status from the clock, the deadline on every write
path, moderation, the result, export, subscribers' notices."""

import datetime
from io import StringIO

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from congthongtin.consultation.models import (
    ConsultationComment,
    ConsultationNotice,
    ConsultationPage,
    ConsultationStatus,
    ConsultationSubscriber,
)
from congthongtin.core.models import Agency, OutgoingEmail
from tests.factories import make_portal

from .helpers import challenge_fields, clock, make_consultation, make_consultation_index, vn

OPENS = vn(2026, 11, 2, 8, 0)
CLOSES = vn(2026, 11, 30, 17, 0)


def comment_data(**overrides):
    data = {
        "full_name": "Trần Văn Nam",
        "email": "tvnam@example.vn",
        "phone": "0912 000 111",
        "organisation": "",
        "address": "Thôn Đồng Tâm, xã Như Xuân",
        "article": "Điều 3. Quyền của người dân",
        "text": "Đề nghị bổ sung quy định về thời hạn trả lời.",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


class ConsultationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_consultation_index()
        cls.agency = Agency.objects.create(name="Ủy ban nhân dân xã Như Xuân")
        cls.page = make_consultation(
            cls.index,
            opens_at=OPENS,
            closes_at=CLOSES,
            drafting_agency=cls.agency,
            receiving_email="vanphong@example.vn",
            articles="Điều 1. Phạm vi điều chỉnh\nĐiều 3. Quyền của người dân",
        )

    def post_comment(self, at, **overrides):
        with clock(at), self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.page.url, comment_data(**overrides))

    # Status ---------------------------------------------------------------------------
    def test_status__from_the_clock(self):
        page = self.page
        self.assertEqual(page.status_at(OPENS - datetime.timedelta(seconds=1)), "sap-mo")
        self.assertEqual(page.status_at(OPENS), "dang-lay-y-kien")
        self.assertEqual(page.status_at(CLOSES - datetime.timedelta(seconds=1)), "dang-lay-y-kien")
        self.assertEqual(page.status_at(CLOSES), "da-het-han")
        page.result_summary = "<p>Đã tiếp thu 3 ý kiến.</p>"
        self.assertEqual(page.status_at(CLOSES + datetime.timedelta(days=1)), "da-co-ket-qua")
        # The result never shows before closing.
        self.assertEqual(page.status_at(CLOSES - datetime.timedelta(days=1)), "dang-lay-y-kien")

    def test_result__recorded_before_closing__refused(self):
        self.page.result_summary = "<p>Kết quả</p>"
        with clock(CLOSES - datetime.timedelta(hours=1)), self.assertRaises(ValidationError) as ctx:
            self.page.full_clean()
        self.assertIn("result_summary", ctx.exception.message_dict)

    # The deadline on every write path ------------------------------------------------------
    def test_comment__while_open__stored_pending_and_agency_told(self):
        response = self.post_comment(CLOSES - datetime.timedelta(seconds=1))
        self.assertEqual(response.status_code, 302)
        comment = ConsultationComment.objects.get()
        self.assertEqual(comment.status, ConsultationComment.Status.PENDING)
        self.assertEqual(comment.article, "Điều 3. Quyền của người dân")
        self.assertEqual(comment.submitted_at, CLOSES - datetime.timedelta(seconds=1))
        self.assertIsNotNone(comment.consent_at)
        self.assertEqual([m.to for m in mail.outbox], [["vanphong@example.vn"]])
        self.assertNotIn("tvnam@example.vn", mail.outbox[0].body)

    def test_comment__posted_one_second_after_closing__refused_not_stored_form_gone(self):
        # The form was opened (and its check question issued) while the consultation was open.
        with clock(CLOSES - datetime.timedelta(minutes=5)):
            data = comment_data()
        with clock(CLOSES + datetime.timedelta(seconds=1)):
            response = self.client.post(self.page.url, data)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(ConsultationComment.objects.count(), 0)
        self.assertEqual(OutgoingEmail.objects.count(), 0)
        html = response.content.decode()
        self.assertNotIn('name="text"', html)
        self.assertNotIn('<form class="cv-form"', html)
        self.assertIn('role="alert"', html)

    def test_comment__before_opening__refused(self):
        response = self.post_comment(OPENS - datetime.timedelta(seconds=1))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ConsultationComment.objects.exists())

    def test_comment__created_by_code_after_closing__refused(self):
        with clock(CLOSES), self.assertRaises(ValidationError):
            ConsultationComment.objects.create(
                page=self.page, full_name="A", email="a@example.vn", text="Muộn"
            )
        self.assertFalse(ConsultationComment.objects.exists())

    def test_comment_form__after_closing__not_shown(self):
        with clock(CLOSES + datetime.timedelta(minutes=1)):
            response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="text"')
        with clock(CLOSES - datetime.timedelta(minutes=1)):
            response = self.client.get(self.page.url)
        self.assertContains(response, 'name="text"')
        self.assertContains(response, 'enctype="multipart/form-data"')

    def test_comment__invalid__form_again_with_values_and_errors_tied_to_fields(self):
        with clock(CLOSES - datetime.timedelta(days=1)):
            response = self.client.post(self.page.url, comment_data(email="khong-phai-email"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ConsultationComment.objects.exists())
        self.assertContains(response, 'id="error-summary"')
        self.assertContains(response, 'href="#id_email"')
        self.assertContains(response, 'aria-describedby="id_email-help id_email-error"')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, "Đề nghị bổ sung quy định về thời hạn trả lời.")
        self.assertContains(response, 'value="Trần Văn Nam"')

    def test_comment__with_a_pdf__stored_fake_pdf_refused_with_field_error(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        at = OPENS + datetime.timedelta(days=1)
        fake = SimpleUploadedFile("gop-y.pdf", b"<html>not a pdf</html>")
        response = self.post_comment(at, attachment=fake)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'href="#id_attachment"')
        self.assertFalse(ConsultationComment.objects.exists())
        real = SimpleUploadedFile("Góp ý của tôi.pdf", b"%PDF-1.4\n%%EOF")
        response = self.post_comment(at, attachment=real)
        self.assertEqual(response.status_code, 302)
        comment = ConsultationComment.objects.get()
        self.assertRegex(
            comment.attachment.name, r"^consultation/gop-y/[0-9a-f]{24}/gop-y-cua-toi\.pdf$"
        )
        comment.attachment.delete(save=False)

    def test_home__open_drafts_highlighted(self):
        with clock(OPENS + datetime.timedelta(days=1)):
            response = self.client.get("/")
        self.assertContains(response, self.page.title)

    # Moderation, result, public display ----------------------------------------------------
    def test_comments__shown_only_after_moderation_without_personal_data(self):
        self.post_comment(OPENS + datetime.timedelta(days=1))
        comment = ConsultationComment.objects.get()
        with clock(OPENS + datetime.timedelta(days=2)):
            self.assertNotContains(self.client.get(self.page.url), "Đề nghị bổ sung")
            comment.status = ConsultationComment.Status.APPROVED
            comment.save()
            response = self.client.get(self.page.url)
        self.assertContains(response, "Đề nghị bổ sung")
        self.assertContains(response, "T. V. N.")
        for private in ("Trần Văn Nam", "tvnam@example.vn", "0912 000 111", "Thôn Đồng Tâm"):
            self.assertNotContains(response, private)

    def test_result__published_after_closing__status_and_summary_shown(self):
        with clock(CLOSES + datetime.timedelta(days=3)):
            page = ConsultationPage.objects.get(pk=self.page.pk)
            page.result_summary = "<p>Ban soạn thảo đã tiếp thu 2 ý kiến.</p>"
            page.save_revision().publish()
            page.refresh_from_db()
            self.assertIsNotNone(page.result_published_at)
            response = self.client.get(page.url)
        self.assertContains(response, "Ban soạn thảo đã tiếp thu 2 ý kiến.")
        self.assertContains(response, "cv-status--da-co-ket-qua")

    def test_index__filter_by_status_and_constant_queries(self):
        make_consultation(
            self.index, "Dự thảo đã đóng", opens_at=vn(2026, 1, 1), closes_at=vn(2026, 2, 1)
        )
        now = vn(2026, 11, 10, 9, 0)
        with clock(now):
            response = self.client.get(self.index.url, {"trang_thai": "dang-lay-y-kien"})
            self.assertContains(response, self.page.title)
            self.assertNotContains(response, "Dự thảo đã đóng")
            response = self.client.get(self.index.url, {"trang_thai": "khong-co"})  # ignored
            self.assertContains(response, "Dự thảo đã đóng")

            def count():
                self.client.get(self.index.url)  # publishing empties the caches (sitecache)
                with CaptureQueriesContext(connection) as ctx:
                    self.assertEqual(self.client.get(self.index.url).status_code, 200)
                return len(ctx)

            before = count()
            for n in range(6):
                make_consultation(
                    self.index,
                    f"Dự thảo số {n}",
                    opens_at=OPENS,
                    closes_at=CLOSES,
                    drafting_agency=self.agency,
                )
            self.assertEqual(count(), before)

    def test_export__csv_for_the_agency_with_contact_details(self):
        self.post_comment(OPENS + datetime.timedelta(days=1))
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        self.client.force_login(admin)
        response = self.client.get("/admin/gop-y-du-thao/", {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        self.assertIn("tvnam@example.vn", content)
        self.assertIn("Đề nghị bổ sung", content)
        response = self.client.get("/admin/gop-y-du-thao/", {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)


class NotificationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_consultation_index()
        cls.site = Site.objects.get(is_default_site=True)
        cls.page = make_consultation(cls.index, opens_at=OPENS, closes_at=CLOSES)
        ConsultationSubscriber.objects.create(
            site=cls.site, email="docgia@example.vn", confirmed_at=OPENS
        )
        ConsultationSubscriber.objects.create(site=cls.site, email="chuaxacnhan@example.vn")
        other_site, _ = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND xã")
        ConsultationSubscriber.objects.create(
            site=other_site, email="xakhac@example.vn", confirmed_at=OPENS
        )

    def run_at(self, moment):
        with clock(moment), self.captureOnCommitCallbacks(execute=True):
            call_command("consultation_notifications", stdout=StringIO())

    def test_notices__opened_closing_result__once_each_to_confirmed_subscribers_of_the_site(self):
        self.run_at(OPENS + datetime.timedelta(hours=1))
        self.run_at(OPENS + datetime.timedelta(hours=2))  # idempotent
        self.assertEqual([m.to for m in mail.outbox], [["docgia@example.vn"]])
        self.assertIn(self.page.title, mail.outbox[0].subject)
        self.assertIn("/du-thao/huy-dang-ky/", mail.outbox[0].body)

        self.run_at(CLOSES - datetime.timedelta(days=2))
        self.run_at(CLOSES - datetime.timedelta(days=1))
        self.assertEqual(len(mail.outbox), 2)

        with clock(CLOSES + datetime.timedelta(days=5)):
            page = ConsultationPage.objects.get(pk=self.page.pk)
            page.result_summary = "<p>Kết quả tổng hợp.</p>"
            page.save_revision().publish()
        self.run_at(CLOSES + datetime.timedelta(days=5, hours=1))
        self.run_at(CLOSES + datetime.timedelta(days=6))
        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(
            set(ConsultationNotice.objects.values_list("kind", flat=True)),
            {"opened", "closing", "result"},
        )

    def test_subscribe__double_opt_in_then_unsubscribe(self):
        url = self.index.url + "dang-ky/"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"email": "Moi@Example.vn", **challenge_fields()})
        self.assertEqual(response.status_code, 302)
        subscriber = ConsultationSubscriber.objects.get(email="moi@example.vn")
        self.assertFalse(subscriber.is_active)
        self.assertIn(f"/du-thao/xac-nhan/{subscriber.token}/", mail.outbox[-1].body)
        confirm = self.index.url + f"xac-nhan/{subscriber.token}/"
        self.assertEqual(self.client.get(confirm).status_code, 200)
        subscriber.refresh_from_db()
        self.assertFalse(subscriber.is_active)  # a GET (a mail scanner) confirms nothing
        self.client.post(confirm)
        subscriber.refresh_from_db()
        self.assertTrue(subscriber.is_active)
        self.client.post(self.index.url + f"huy-dang-ky/{subscriber.token}/")
        subscriber.refresh_from_db()
        self.assertFalse(subscriber.is_active)

    def test_status_values__are_url_slugs(self):
        for value in ConsultationStatus.values:
            self.assertRegex(value, r"^[a-z-]+$")
