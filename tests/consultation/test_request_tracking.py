"""Following a petition, complaint or denunciation (issue 22): by reference + secret
without an account, the stages and the current due date with what it is for, the
information the sender adds, the sender's e-mails in the words of each kind, and the
public listings that never show a complaint's or denunciation's letter or sender."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.utils.translation import gettext
from wagtail.models import Site

from congthongtin.consultation import lifecycle
from congthongtin.consultation.deadlines import DeadlineClass
from congthongtin.consultation.models import (
    Answer,
    Question,
    QuestionEvent,
    QuestionState,
    RequestKind,
)
from congthongtin.consultation.views.public import DUE_PURPOSES
from congthongtin.core.models import PortalSettings
from congthongtin.vietnam.workdays import VN_TZ
from tests.factories import UnitFactory

from .helpers import ADDRESS, challenge_fields, clock, field, make_question_index, vn
from .test_request_forms import make_complaint_page, make_petition_page

MONDAY = vn(2026, 12, 7, 10, 0)
LETTER = "Ông B yêu cầu nộp thêm 2 triệu đồng ngoài lệ phí để làm nhanh hồ sơ."
SENDER = ("Lò Văn Thắng", "lvthang@example.vn", "0987 654 321")
RESPONDENT = "Ông Nguyễn Văn B, công chức địa chính xã"
DECISION = "Quyết định số 15/QĐ-UBND ngày 20/11/2026"


def receive(page, kind, *, at=MONDAY, **fields) -> Question:
    name, email, phone = SENDER
    values = {
        "kind": kind,
        "full_name": name,
        "email": email,
        "phone": phone,
        "address": ADDRESS,
        "field": field("Đất đai"),
        "title": f"Đơn thử ({kind})",
        "body": LETTER,
        "respondent": RESPONDENT,
        "decision_reference": DECISION if kind == RequestKind.COMPLAINT else "",
        "received_at": at,
        "consent_at": at,
    }
    values.update(fields)
    return lifecycle.receive(Question(page=page, **values), at=at, notify=False)


class Base(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.petitions = make_petition_page()
        cls.complaints = make_complaint_page()
        cls.unit = UnitFactory(name="Thanh tra xã")
        cls.officer = get_user_model().objects.create_user("xuly", "xuly@example.vn", "x" * 12)
        PortalSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={"name": "Trang thử", "managing_body": "UBND", "editorial_email": "b@x.vn"},
        )

    def assign(self, request, at=None):
        return lifecycle.assign(
            request,
            actor=None,
            unit=self.unit,
            officer=self.officer,
            deadline_class=DeadlineClass.OWN,
            note="Ghi chú nội bộ: người tố cáo là họ hàng của ông B",
            at=at or vn(2026, 12, 7, 14, 0),
            notify=False,
        )


class LookupTests(Base):
    def look_up(self, page, code, secret, **extra):
        data = {"code": code, "secret": secret, **challenge_fields()}
        return self.client.post(page.url + "theo-doi/", data, **extra)

    def test_form__on_every_page_and_linked_from_each_index(self):
        qa = make_question_index()
        for page in (self.petitions, self.complaints, qa):
            response = self.client.get(page.url + "theo-doi/")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, 'name="code"')
            self.assertContains(response, 'name="secret"')
            self.assertIn("noindex", response["X-Robots-Tag"])
            self.assertContains(self.client.get(page.url), page.url + "theo-doi/")

    def test_right_code_and_secret__the_tracking_page(self):
        request = receive(self.complaints, RequestKind.DENUNCIATION)
        # Typed in lower case with a space: still the secret.
        typed = request.secret.lower()[:5] + " " + request.secret.lower()[5:]
        response = self.look_up(self.complaints, request.code, typed)
        self.assertRedirects(response, request.tracking_url(), fetch_redirect_response=False)

    def test_wrong_secret_unknown_code_other_page__one_message(self):
        mine = receive(self.complaints, RequestKind.COMPLAINT)
        other = receive(self.petitions, RequestKind.PETITION)
        answers = [
            self.look_up(self.complaints, mine.code, "AAAAAAAAAA"),
            self.look_up(self.complaints, "2026-99999", mine.secret),
            # A petition's right code and secret, on the complaints page.
            self.look_up(self.complaints, other.code, other.secret),
        ]
        texts = []
        for response in answers:
            self.assertEqual(response.status_code, 200)
            errors = response.context["form"].non_field_errors()
            self.assertEqual(len(errors), 1)
            texts.append(errors[0])
            # The secret is not given back.
            self.assertNotContains(response, mine.secret)
            self.assertNotContains(response, other.secret)
            self.assertContains(response, 'name="secret"')
        self.assertEqual(len(set(texts)), 1)
        # The petition is found on its own page.
        ok = self.look_up(self.petitions, other.code, other.secret)
        self.assertEqual(ok.status_code, 302)

    def test_tries__limited(self):
        request = receive(self.complaints, RequestKind.DENUNCIATION)
        statuses = [
            self.look_up(self.complaints, request.code, f"WRONG{n:05d}").status_code
            for n in range(10)
        ]
        self.assertEqual(statuses, [200] * 10)
        # Over the limit, even the right secret is refused for now.
        limited = self.look_up(self.complaints, request.code, request.secret)
        self.assertEqual(limited.status_code, 429)
        self.assertNotContains(limited, request.secret, status_code=429)
        other = self.look_up(self.complaints, request.code, request.secret, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 302)

    def test_spam__honeypot_refused(self):
        request = receive(self.complaints, RequestKind.COMPLAINT)
        data = {"code": request.code, "secret": request.secret, **challenge_fields()}
        data["extra_note"] = "x"
        response = self.client.post(self.complaints.url + "theo-doi/", data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors)


class TrackingTests(Base):
    def page(self, request):
        request.refresh_from_db()
        return self.client.get(request.tracking_url())

    def test_complaint__stages_and_due_dates_acceptance_then_settlement(self):
        complaint = receive(self.complaints, RequestKind.COMPLAINT)
        response = self.page(complaint)
        self.assertEqual(response.context["due_stage"], "acceptance")
        self.assertContains(response, DUE_PURPOSES["acceptance"])
        self.assertContains(response, complaint.due_at.astimezone(VN_TZ).strftime("%d/%m/%Y"))
        self.assertContains(response, complaint.code)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("noindex", response["X-Robots-Tag"])
        self.assign(complaint)
        lifecycle.accept(complaint, actor=self.officer, at=vn(2026, 12, 9, 9, 0), notify=False)
        response = self.page(complaint)
        self.assertEqual(response.context["due_stage"], "settlement")
        self.assertContains(response, DUE_PURPOSES["settlement"])
        self.assertNotContains(response, DUE_PURPOSES["acceptance"])
        # Law on Complaints Art. 28: 30 days from acceptance (9/12 → 8/1, a Friday).
        self.assertContains(response, "08/01/2027")
        kinds = [event.kind for event in response.context["question"].public_events]
        self.assertEqual(kinds, ["received", "assigned", "accepted"])
        self.assertContains(response, QuestionEvent.Kind.ACCEPTED.label)
        # Never people nor internal notes.
        self.assertNotContains(response, "xuly")
        self.assertNotContains(response, "Ghi chú nội bộ")

    def test_petition__answer_due_date(self):
        petition = receive(self.petitions, RequestKind.PETITION)
        response = self.page(petition)
        self.assertEqual(response.context["due_stage"], "answer")
        self.assertContains(response, DUE_PURPOSES["answer"])
        self.assertFalse(response.context["late_complaint"])

    def test_information_requested__note_and_form__information_added(self):
        denunciation = receive(self.complaints, RequestKind.DENUNCIATION)
        self.assign(denunciation)
        lifecycle.ask_for_information(
            denunciation,
            actor=self.officer,
            note="Ông/bà cho biết thời gian, địa điểm nộp tiền.",
            at=vn(2026, 12, 8, 9, 0),
            notify=False,
        )
        response = self.page(denunciation)
        self.assertContains(response, "Ông/bà cho biết thời gian, địa điểm nộp tiền.")
        self.assertContains(response, 'name="text"')
        # An empty reply: an error, nothing changes.
        with clock(vn(2026, 12, 9, 9, 0)):
            empty = self.client.post(denunciation.tracking_url(), {"text": "   "})
        self.assertEqual(empty.status_code, 200)
        self.assertIn("text", empty.context["info_form"].errors)
        denunciation.refresh_from_db()
        self.assertEqual(denunciation.state, QuestionState.INFORMATION_REQUESTED)
        with (
            clock(vn(2026, 12, 9, 9, 0)),
            self.captureOnCommitCallbacks(execute=True),
        ):
            sent = self.client.post(
                denunciation.tracking_url(), {"text": "Ngày 01/12/2026 tại trụ sở xã."}
            )
        self.assertRedirects(
            sent, denunciation.tracking_url() + "?da_bo_sung=1", fetch_redirect_response=False
        )
        denunciation.refresh_from_db()
        self.assertEqual(denunciation.state, QuestionState.ASSIGNED)
        added = denunciation.events.get(kind=QuestionEvent.Kind.INFORMATION_ADDED)
        self.assertEqual(added.note, "Ngày 01/12/2026 tại trụ sở xã.")
        # The handler is told, without the denouncer's words (confidential).
        told = mail.outbox[-1]
        self.assertIn("xuly@example.vn", told.to)
        self.assertNotIn("trụ sở xã", told.body)
        after = self.client.get(sent["Location"])
        self.assertNotContains(after, 'name="text"')
        self.assertContains(
            after,
            gettext("Your information has been sent. The body goes on handling your request."),
        )

    def test_add_information__only_while_asked(self):
        petition = receive(self.petitions, RequestKind.PETITION)
        self.client.post(petition.tracking_url(), {"text": "Thêm"})
        petition.refresh_from_db()
        self.assertEqual(petition.state, QuestionState.RECEIVED)
        self.assertFalse(petition.events.filter(kind=QuestionEvent.Kind.INFORMATION_ADDED))

    def test_sender_emails__in_the_words_of_the_kind(self):
        complaint = receive(self.complaints, RequestKind.COMPLAINT)
        self.assign(complaint)
        with self.captureOnCommitCallbacks(execute=True):
            lifecycle.ask_for_information(complaint, actor=self.officer, note="Bản sao QĐ?")
        asked = mail.outbox[-1]
        self.assertEqual(asked.to, ["lvthang@example.vn"])
        self.assertEqual(
            asked.subject,
            gettext("More information needed for your %(kind)s %(code)s")
            % {"kind": str(RequestKind.COMPLAINT.label).lower(), "code": complaint.code},
        )
        self.assertIn(gettext("Dear sender,"), asked.body)
        # The complaint is called what it is, never a question.
        self.assertNotIn("câu hỏi", asked.body.lower())

    def test_question__emails_unchanged(self):
        qa = make_question_index()
        question = lifecycle.receive(
            Question(
                page=qa,
                full_name="Lương Thị Mai",
                email="ltmai@example.vn",
                field=field("Hộ tịch"),
                title="Khai sinh",
                body="Giấy tờ gì?",
            ),
            notify=False,
        )
        self.assign(question)
        with self.captureOnCommitCallbacks(execute=True):
            lifecycle.ask_for_information(question, actor=self.officer, note="Con mấy tháng?")
        self.assertEqual(
            mail.outbox[-1].subject,
            gettext("More information needed for your question %(code)s") % {"code": question.code},
        )
        self.assertIn(gettext("Dear asker,"), mail.outbox[-1].body)


class ListingTests(Base):
    def settle(self, request, decision):
        self.assign(request)
        if request.needs_acceptance:
            lifecycle.accept(request, actor=self.officer, at=vn(2026, 12, 9, 9, 0), notify=False)
        answer = Answer.objects.create(
            question=request, body=f"<p>{decision}</p>", author_name="Chủ tịch UBND xã", live=True
        )
        lifecycle.answer(request, answer=answer, at=vn(2026, 12, 28, 9, 0), notify=False)
        lifecycle.publish(request, actor=self.officer)
        return request

    def assert_nothing_private(self, response, *extra):
        name, email, phone = SENDER
        for private in (name, email, phone, ADDRESS, "Thôn Xuân Thịnh", *extra):
            self.assertNotContains(response, private)

    def test_complaints_page__title_decision_and_dates_only(self):
        denunciation = self.settle(
            receive(self.complaints, RequestKind.DENUNCIATION, title="Tố cáo về lệ phí"),
            "Kết luận: tố cáo đúng một phần.",
        )
        complaint = self.settle(
            receive(self.complaints, RequestKind.COMPLAINT, title="Khiếu nại thu hồi đất"),
            "Quyết định giải quyết: giữ nguyên.",
        )
        listing = self.client.get(self.complaints.url)
        self.assertContains(listing, "Tố cáo về lệ phí")
        self.assertContains(listing, "Kết luận: tố cáo đúng một phần.")
        self.assertContains(listing, "Khiếu nại thu hồi đất")
        detail = self.client.get(self.complaints.url + f"ket-qua/{denunciation.pk}/")
        self.assertContains(detail, "Kết luận: tố cáo đúng một phần.")
        for response in (listing, detail, self.client.get(complaint.get_url())):
            self.assertEqual(response.status_code, 200)
            self.assert_nothing_private(response, LETTER, RESPONDENT, DECISION, "2 triệu")
        # No keyword search over the letters: a name in a letter is not found.
        searched = self.client.get(self.complaints.url, {"q": "Nguyễn Văn B"})
        self.assertContains(searched, "Tố cáo về lệ phí")
        self.assertNotContains(searched, 'id="rq-q"')

    def test_complaint_not_published__not_listed(self):
        complaint = receive(self.complaints, RequestKind.COMPLAINT, title="Đơn chưa giải quyết")
        self.assertNotContains(self.client.get(self.complaints.url), "Đơn chưa giải quyết")
        self.assertEqual(
            self.client.get(self.complaints.url + f"ket-qua/{complaint.pk}/").status_code, 404
        )

    def test_petitions_page__answers_without_personal_data(self):
        petition = self.settle(
            receive(self.petitions, RequestKind.PETITION, title="Chờ lâu ở một cửa"),
            "Xã đã bố trí thêm một công chức tiếp nhận.",
        )
        listing = self.client.get(self.petitions.url)
        self.assertContains(listing, "Chờ lâu ở một cửa")
        self.assertContains(listing, "Xã đã bố trí thêm một công chức tiếp nhận.")
        self.assertEqual(petition.get_url(), self.petitions.url + f"phan-anh/{petition.pk}/")
        detail = self.client.get(petition.get_url())
        self.assertEqual(detail.status_code, 200)
        for response in (listing, detail):
            self.assert_nothing_private(response)

    def test_tracking__links_the_published_answer_at_the_pages_own_address(self):
        petition = self.settle(receive(self.petitions, RequestKind.PETITION), "Đã xử lý.")
        response = self.client.get(petition.tracking_url())
        self.assertEqual(
            response.context["public_url"], self.petitions.url + f"phan-anh/{petition.pk}/"
        )
