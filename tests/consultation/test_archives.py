"""An archived body receives nothing from the public (R-SITE-1): its Q&A, comment, contact,
rating and subscription forms are replaced by a notice, and every POST is refused with a
403 page, nothing stored."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.test import TestCase, override_settings

from congthongtin.consultation.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationSubscriber,
    ContactMessage,
    ContactPage,
    PageFeedback,
    Question,
    QuestionIndexPage,
)
from congthongtin.consultation.views.public import FEEDBACK_SALT
from congthongtin.core import sitecache
from congthongtin.core.bodies import body_of
from congthongtin.core.models import BodyStatus
from tests.factories import make_portal

from .helpers import challenge_fields, field, make_question, vn

HOST = "xa-cu.example.vn"


def without_portal_archive_middleware():
    return [m for m in settings.MIDDLEWARE if m != "congthongtin.core.archives.ArchiveMiddleware"]


@override_settings(
    ROOT_URLCONF="tests.consultation.urls", MIDDLEWARE=without_portal_archive_middleware()
)
class ArchivedBodyTests(TestCase):
    """The app's own refusals: a host site that does not use core's archive middleware."""

    @classmethod
    def setUpTestData(cls):
        cls.addClassCleanup(sitecache.invalidate)  # the archive list is cached per version
        cls.site, home = make_portal(HOST, "UBND xã Cũ", "UBND xã Cũ")
        cls.qa = home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        cls.contact = home.add_child(instance=ContactPage(title="Liên hệ", slug="lien-he"))
        cls.consultations = home.add_child(
            instance=ConsultationIndexPage(title="Lấy ý kiến", slug="du-thao")
        )
        cls.draft = cls.consultations.add_child(
            instance=ConsultationPage(
                title="Dự thảo đang lấy ý kiến",
                opens_at=vn(2026, 1, 1),
                closes_at=vn(2030, 1, 1),
                summary="Tóm tắt",
            )
        )
        cls.question = make_question(cls.qa, field())
        cls.subscriber = ConsultationSubscriber.objects.create(site=cls.site, email="a@example.vn")
        body = body_of(cls.site)
        body.status = BodyStatus.ARCHIVE
        body.save()

    def url(self, page, tail=""):
        return page.relative_url(self.site) + tail

    def get(self, page, tail=""):
        return self.client.get(self.url(page, tail), HTTP_HOST=HOST)

    def post(self, path, data=None, **extra):
        return self.client.post(path, data or {}, HTTP_HOST=HOST, **extra)

    def assert_refused(self, response):
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "cv-archive", status_code=403)

    def assert_notice_no_form(self, response):
        # The app's notice, in words (the portal's banner says other words, above it).
        self.assertContains(response, "không còn tiếp nhận câu hỏi")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "cv-archive")
        self.assertNotContains(response, 'class="cv-form"')

    def test_question_form__notice__post_refused_nothing_stored(self):
        self.assert_notice_no_form(self.get(self.qa, "gui-cau-hoi/"))
        listing = self.get(self.qa)
        self.assertContains(listing, "cv-archive")
        self.assertNotContains(listing, "gui-cau-hoi/")
        data = {"full_name": "Lê Văn Hỏi", "title": "Hỏi", "body": "?", **challenge_fields()}
        self.assert_refused(self.post(self.url(self.qa, "gui-cau-hoi/"), data))
        self.assertEqual(Question.objects.count(), 1)

    def test_question_tracking__post_refused(self):
        tail = f"theo-doi/{self.question.tracking_token}/"
        self.assertEqual(self.get(self.qa, tail).status_code, 200)
        self.assert_refused(self.post(self.url(self.qa, tail)))

    def test_comment_on_draft__notice__post_refused_nothing_stored(self):
        self.assert_notice_no_form(self.get(self.draft))
        data = {"full_name": "A", "email": "a@example.vn", "text": "Góp ý", **challenge_fields()}
        self.assert_refused(self.post(self.url(self.draft), data))
        self.assertFalse(ConsultationComment.objects.exists())

    def test_contact__notice__post_refused_nothing_stored(self):
        self.assert_notice_no_form(self.get(self.contact))
        data = {
            "full_name": "A",
            "email": "a@example.vn",
            "subject": "Hỏi",
            "message": "Nội dung",
            **challenge_fields(),
        }
        self.assert_refused(self.post(self.url(self.contact), data))
        self.assertFalse(ContactMessage.objects.exists())

    def test_rating__widget_hidden__post_refused_nothing_stored(self):
        html = render_to_string("consultation/includes/page_feedback.html", {"page": self.draft})
        self.assertNotIn("<form", html)
        response = self.post(
            "/danh-gia-trang/",
            {"page": self.draft.pk, "useful": "yes"},
            HTTP_ORIGIN=f"http://{HOST}",
        )
        self.assert_refused(response)
        self.assertFalse(PageFeedback.objects.exists())

    def test_rating_comment__post_refused_nothing_stored(self):
        feedback = PageFeedback.objects.create(page=self.draft, useful=False)
        token = signing.dumps(feedback.pk, salt=FEEDBACK_SALT)
        response = self.post(
            "/danh-gia-trang/gop-y/", {"rating": token, "comment": "Thiếu", **challenge_fields()}
        )
        self.assert_refused(response)
        feedback.refresh_from_db()
        self.assertEqual(feedback.comment, "")

    def test_subscription__notice__subscribe_and_confirm_refused__leaving_allowed(self):
        self.assertNotContains(self.get(self.consultations), "dang-ky/")
        self.assert_notice_no_form(self.get(self.consultations, "dang-ky/"))
        data = {"email": "b@example.vn", **challenge_fields()}
        self.assert_refused(self.post(self.url(self.consultations, "dang-ky/"), data))
        self.assertEqual(ConsultationSubscriber.objects.count(), 1)
        confirm = self.url(self.consultations, f"xac-nhan/{self.subscriber.token}/")
        self.assert_refused(self.post(confirm))
        self.subscriber.refresh_from_db()
        self.assertIsNone(self.subscriber.confirmed_at)
        leave = self.url(self.consultations, f"huy-dang-ky/{self.subscriber.token}/")
        self.assertEqual(self.post(leave).status_code, 200)
        self.subscriber.refresh_from_db()
        self.assertIsNotNone(self.subscriber.unsubscribed_at)


@override_settings(ROOT_URLCONF="tests.consultation.urls", MIDDLEWARE=settings.MIDDLEWARE)
class ArchivedBodyWithPortalMiddlewareTests(ArchivedBodyTests):
    """The same visits through the portal's middleware (core.archives), which refuses every
    public write on an archive's host first, with its own read-only page; leaving a mailing
    list still goes through (consultation.archives.leaving_the_list)."""

    def assert_refused(self, response):
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Trang lưu trữ", status_code=403)


class ArchivedBodyAdminTests(TestCase):
    """The admin of an archived body's citizens' data is read-only too, superusers included."""

    def test_question_of_an_archive__read_not_changed_by_anyone(self):
        from django.contrib.auth import get_user_model

        from congthongtin.consultation.permissions import may, may_act_on_question, may_answer

        site, home = make_portal("xa-cu-2.example.vn", "UBND xã Cũ 2", "UBND xã Cũ 2")
        qa = home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        question = make_question(qa, field())
        root = get_user_model().objects.create_superuser("goc2", "g@example.vn", "x" * 12)
        self.assertTrue(may(root, "change", question))
        body = body_of(site)
        body.status = BodyStatus.ARCHIVE
        body.save()
        root = get_user_model().objects.get(pk=root.pk)
        self.assertTrue(may(root, "view", question))
        self.assertFalse(may(root, "change", question))
        self.assertFalse(may_act_on_question(root, question))
        self.assertFalse(may_answer(root, question))
