"""Contact (R-CONTACT-1) and “Was this page useful?” (R-FEED-1, Decree 224/2026 Điều 10.3b)."""

import io

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from wagtail.models import Page, Site

from congthongtin.consultation.models import ContactMessage, PageFeedback
from congthongtin.consultation.uploads import validate_attachment
from congthongtin.core.models import OutgoingEmail, PortalSettings
from tests.factories import StandardPageFactory, make_portal

from .helpers import challenge_fields, clock, make_contact_page, vn


def contact_data(**overrides):
    data = {
        "full_name": "Hà Văn Tùng",
        "email": "hvtung@example.vn",
        "phone": "",
        "subject": "Góp ý về trang thông tin",
        "message": "Đề nghị đăng thêm lịch tiếp công dân.",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


class ContactTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        PortalSettings.objects.update_or_create(
            site=cls.site,
            defaults={
                "name": "Xã Như Xuân",
                "managing_body": "UBND xã Như Xuân",
                "editorial_email": "bbt.nhuxuan@example.vn",
                "address": "Thôn Xuân Thịnh",
            },
        )
        cls.page = make_contact_page()
        cls.other_site, other_home = make_portal(
            "anhaodong.example.vn",
            "Xã An Hảo Đông",
            "UBND xã An Hảo Đông",
            editorial_email="bbt.anhaodong@example.vn",
        )
        from congthongtin.consultation.models import ContactPage

        cls.other_page = ContactPage(title="Liên hệ", slug="lien-he")
        other_home.add_child(instance=cls.other_page)

    def test_page__shows_the_bodys_contact_and_an_accessible_form(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, "Thôn Xuân Thịnh")
        self.assertContains(response, 'for="id_message"')
        self.assertContains(response, "novalidate")

    def test_message__stored_and_sent_to_the_board_of_the_requests_site(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.page.url, contact_data())
        self.assertEqual(response.status_code, 302)
        message = ContactMessage.objects.get()
        self.assertEqual(message.site, self.site)
        self.assertEqual(mail.outbox[0].to, ["bbt.nhuxuan@example.vn"])
        self.assertEqual(mail.outbox[0].reply_to, ["hvtung@example.vn"])
        self.assertIn("Đề nghị đăng thêm lịch tiếp công dân.", mail.outbox[0].body)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                "/lien-he/", contact_data(**challenge_fields()), HTTP_HOST="anhaodong.example.vn"
            )
        self.assertEqual(mail.outbox[1].to, ["bbt.anhaodong@example.vn"])

    def test_message__without_consent__refused_values_kept(self):
        data = contact_data()
        data.pop("consent")
        response = self.client.post(self.page.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ContactMessage.objects.exists())
        self.assertContains(response, 'href="#id_consent"')
        self.assertContains(response, "Đề nghị đăng thêm lịch tiếp công dân.")

    def test_check_question__expired_or_too_fast__refused(self):
        self.client.post(self.page.url, contact_data(**challenge_fields(seconds_ago=3 * 60 * 60)))
        self.client.post(self.page.url, contact_data(**challenge_fields(seconds_ago=0)))
        self.assertFalse(ContactMessage.objects.exists())

    @override_settings(EMAIL_BACKEND="tests.consultation.helpers.FailingEmailBackend")
    def test_mail_outage__message_kept_email_pending(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.page.url, contact_data())
        self.assertTrue(ContactMessage.objects.exists())
        self.assertEqual(OutgoingEmail.objects.get().status, "pending")
        self.assertEqual(OutgoingEmail.objects.get().site_id, ContactMessage.objects.get().site_id)


@override_settings(ROOT_URLCONF="tests.consultation.urls")
class PageFeedbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = StandardPageFactory(parent=Page.objects.get(depth=2), title="Giới thiệu chung")

    def rate(self, useful="yes", origin="http://testserver", **extra):
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        return self.client.post(
            "/danh-gia-trang/", {"page": self.page.pk, "useful": useful, **extra}, **headers
        )

    def test_widget__on_a_page_without_cookie_or_token(self):
        from django.template.loader import render_to_string

        html = render_to_string("consultation/includes/page_feedback.html", {"page": self.page})
        self.assertIn('action="/danh-gia-trang/"', html)
        self.assertIn(f'name="page" value="{self.page.pk}"', html)
        self.assertNotIn("csrfmiddlewaretoken", html)

    @override_settings(ROOT_URLCONF="tests.consultation.urls_without_rating")
    def test_widget__hidden_until_the_project_routes_it(self):
        from django.template.loader import render_to_string

        html = render_to_string("consultation/includes/page_feedback.html", {"page": self.page})
        self.assertNotIn("<form", html)

    def test_rating__stored_anonymously_then_optional_comment(self):
        response = self.rate("no", REMOTE_ADDR="10.1.2.3")
        self.assertEqual(response.status_code, 200)
        feedback = PageFeedback.objects.get()
        self.assertEqual(
            (feedback.page_id, feedback.useful, feedback.comment), (self.page.pk, False, "")
        )
        token = response.context["form"]["rating"].value()
        response = self.client.post(
            "/danh-gia-trang/gop-y/",
            {
                "rating": token,
                "comment": "Thiếu <b>số điện thoại</b> đường dây nóng.",
                **challenge_fields(),
            },
        )
        self.assertEqual(response.status_code, 200)
        feedback.refresh_from_db()
        self.assertEqual(feedback.comment, "Thiếu số điện thoại đường dây nóng.")
        # The same rating cannot be commented on twice.
        self.client.post(
            "/danh-gia-trang/gop-y/", {"rating": token, "comment": "Lần hai", **challenge_fields()}
        )
        feedback.refresh_from_db()
        self.assertEqual(feedback.comment, "Thiếu số điện thoại đường dây nóng.")

    def test_rating__from_another_site_or_bad_values__refused(self):
        self.assertEqual(self.rate(origin="https://evil.example").status_code, 403)
        self.assertEqual(self.rate(origin="").status_code, 403)
        self.assertEqual(self.rate(useful="maybe").status_code, 400)
        self.assertEqual(self.rate(page="abc").status_code, 400)
        self.assertEqual(self.rate(extra_note="spam").status_code, 400)
        self.assertEqual(self.client.get("/danh-gia-trang/").status_code, 405)
        self.assertFalse(PageFeedback.objects.exists())

    def test_rating__burst_from_one_address__limited(self):
        codes = [self.rate().status_code for _ in range(35)]
        self.assertEqual(codes.count(200), 30)
        self.assertEqual(PageFeedback.objects.count(), 30)
        self.assertEqual(codes[-1], 429)

    def test_report__per_page_and_month_with_csv(self):
        other = StandardPageFactory(parent=Page.objects.get(depth=2), title="Thủ tục")
        for moment, page, useful in [
            (vn(2026, 10, 5, 9), self.page, True),
            (vn(2026, 10, 6, 9), self.page, False),
            (vn(2026, 11, 1, 0, 30), self.page, True),  # 31/10 17:30 UTC: November in Vietnam
            (vn(2026, 11, 2, 9), other, True),
        ]:
            PageFeedback.objects.create(page=page, useful=useful, created_at=moment)
        admin = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x" * 12)
        self.client.force_login(admin)
        with clock(vn(2026, 11, 23, 9)):
            response = self.client.get("/admin/y-kien-nhan-dan/danh-gia-trang/")
            rows = {
                (r.month_label, r.page_title): (r.useful, r.not_useful)
                for r in response.context["rows"]
            }
            self.assertEqual(rows[("10/2026", "Giới thiệu chung")], (1, 1))
            self.assertEqual(rows[("11/2026", "Giới thiệu chung")], (1, 0))
            self.assertEqual(rows[("11/2026", "Thủ tục")], (1, 0))
            response = self.client.get("/admin/y-kien-nhan-dan/danh-gia-trang/", {"export": "csv"})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        self.assertIn("10/2026,Giới thiệu chung", content)


class SafetyUnitTests(TestCase):
    def test_attachment__type_by_content_and_size(self):
        import docx

        buffer = io.BytesIO()
        docx.Document().save(buffer)
        validate_attachment(SimpleUploadedFile("gop-y.docx", buffer.getvalue()))
        validate_attachment(SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n..."))
        validate_attachment(SimpleUploadedFile("anh.PNG", b"\x89PNG\r\n\x1a\n" + b"0" * 20))
        for name, content in [
            ("trang.pdf", b"<html><script>alert(1)</script></html>"),
            ("virus.exe", b"MZ\x90\x00"),
            ("tep.docx", b"PK\x03\x04not really a zip"),
            ("anh.jpg", b"\x89PNG\r\n\x1a\n"),
        ]:
            with self.assertRaises(ValidationError, msg=name):
                validate_attachment(SimpleUploadedFile(name, content))
        big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
        with self.assertRaises(ValidationError):
            validate_attachment(big)
