"""The public forms of petitions, complaints and denunciations (issue 22): one shape per
kind, the required fields of each law, at least one contact, the late complaint received
with a warning, the Q&A's antispam and limits, the receipt with reference and secret."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import TestCase
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Site

from congthongtin.consultation.forms import ComplaintForm, RequestForm
from congthongtin.consultation.models import (
    ComplaintIndexPage,
    PetitionIndexPage,
    Question,
    QuestionState,
    RequestKind,
)
from congthongtin.core.models import PortalSettings

from .helpers import ADDRESS, challenge_fields, clock, field, home, vn

CONFIDENTIAL = (
    "Your name, address, handwriting and other personal information are kept secret by law "
    "(Law on Denunciations, Art. 9.1b and 47-48): only the handler and the head of the body "
    "see them; they are never published nor sent to the person you denounce."
)
TRUTH = (
    "You must tell the truth and give the information and documents you have; a denouncer "
    "who knowingly denounces falsely answers for it before the law (Art. 9.2)."
)
NOT_ANONYMOUS = (
    "Anonymous denunciations are not received: the law requires the name and address of the "
    "denouncer, so that the body can verify the facts with you and tell you the result "
    "(Art. 23 and 25). Your identity stays confidential."
)
LATE = (
    "The complaint was sent more than 90 days after the date you gave (Law on Complaints "
    "Art. 9). It has been received; if an obstacle (illness, natural disaster, travel far "
    "away…) kept you from complaining in time, say so: that time is not counted."
)

#: Monday 7/12/2026 10:00, a working day.
MONDAY = vn(2026, 12, 7, 10, 0)


def make_petition_page() -> PetitionIndexPage:
    page = PetitionIndexPage(title="Phản ánh, kiến nghị", slug="phan-anh-kien-nghi")
    home().add_child(instance=page)
    return page


def make_complaint_page() -> ComplaintIndexPage:
    page = ComplaintIndexPage(title="Khiếu nại, tố cáo", slug="khieu-nai-to-cao")
    home().add_child(instance=page)
    return page


def petition_data(field_obj, **overrides) -> dict:
    data = {
        "full_name": "Hà Văn Sơn",
        "address": ADDRESS,
        "phone": "0912 345 678",
        "email": "hvson@example.vn",
        "field": field_obj.slug,
        "title": "Thời gian chờ ở bộ phận một cửa",
        "decision_reference": "Thủ tục chứng thực bản sao",
        "body": "Người dân phải chờ hơn hai giờ; đề nghị bố trí thêm người tiếp nhận.",
        "respondent": "",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


def complaint_data(field_obj, **overrides) -> dict:
    data = {
        "kind": "khieu-nai",
        "full_name": "Lò Văn Thắng",
        "address": ADDRESS,
        "phone": "0987 654 321",
        "email": "lvthang@example.vn",
        "field": field_obj.slug,
        "title": "Khiếu nại quyết định thu hồi đất",
        "respondent": "Chủ tịch UBND xã Như Xuân",
        "decision_reference": "Quyết định số 15/QĐ-UBND ngày 20/11/2026",
        "known_on": "2026-11-25",
        "body": "Quyết định thu hồi sai diện tích; tôi đề nghị hủy quyết định.",
        **challenge_fields(),
    }
    data.update(overrides)
    return data


def denunciation_data(field_obj, **overrides) -> dict:
    data = complaint_data(
        field_obj,
        kind="to-cao",
        title="Tố cáo hành vi nhận tiền khi giải quyết hồ sơ",
        respondent="Ông Nguyễn Văn B, công chức địa chính xã",
        decision_reference="",
        known_on="",
        body="Ông B yêu cầu nộp thêm 2 triệu đồng ngoài lệ phí để làm nhanh hồ sơ.",
        truthful="on",
    )
    data.update(overrides)
    return data


class PortalMixin:
    @classmethod
    def setUpTestData(cls):
        cls.field = field("Đất đai")
        cls.petitions = make_petition_page()
        cls.complaints = make_complaint_page()
        PortalSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={"name": "Trang thử", "managing_body": "UBND", "editorial_email": "b@x.vn"},
        )

    def send(self, page, data, **extra):
        url = page.url + page.reverse_subpage("ask")
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data, **extra)


class PetitionFormTests(PortalMixin, TestCase):
    def test_form__its_fields_and_the_contact_rule(self):
        response = self.client.get(self.petitions.url + "gui-phan-anh/")
        self.assertEqual(response.status_code, 200)
        for name in ("full_name", "address", "phone", "email", "field", "title"):
            self.assertContains(response, f'for="id_{name}"')
        for name in ("decision_reference", "body", "respondent"):
            self.assertContains(response, f'for="id_{name}"')
        self.assertContains(response, 'name="consent"')
        self.assertContains(response, "20/2008/NĐ-CP")
        # Not the Q&A's fields, not the complaint's.
        self.assertNotContains(response, 'name="asker_type"')
        self.assertNotContains(response, 'name="known_on"')
        # E-mail is needed for the notifications: the form says so.
        self.assertContains(response, RequestForm.base_fields["email"].help_text)

    def test_petition__received_through_the_life_cycle_with_its_clock(self):
        with clock(MONDAY):
            response = self.send(self.petitions, petition_data(self.field))
        petition = Question.objects.get()
        self.assertRedirects(
            response, petition.tracking_url() + "?moi=1", fetch_redirect_response=False
        )
        self.assertEqual(petition.kind, RequestKind.PETITION)
        self.assertEqual(petition.state, QuestionState.RECEIVED)
        self.assertEqual(petition.decision_reference, "Thủ tục chứng thực bản sao")
        self.assertEqual(petition.phone, "0912 345 678")
        self.assertIsNotNone(petition.due_at)  # the petition's clock runs from receipt
        self.assertEqual(list(petition.events.values_list("kind", flat=True)), ["received"])
        receipt = mail.outbox[0]
        self.assertEqual(receipt.to, ["hvson@example.vn"])
        self.assertEqual(
            receipt.subject,
            gettext("Your request %(code)s has been received") % {"code": petition.code},
        )

    def test_petition__no_contact__refused_and_typed_text_kept(self):
        response = self.send(self.petitions, petition_data(self.field, phone="", email=""))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertEqual(
            response.context["form"].errors["phone"],
            [gettext("Give a phone number or an e-mail, so that the body can reach you.")],
        )
        self.assertContains(response, "Người dân phải chờ hơn hai giờ")

    def test_petition__phone_only__received_without_email(self):
        response = self.send(self.petitions, petition_data(self.field, email=""))
        self.assertEqual(response.status_code, 302)
        petition = Question.objects.get()
        self.assertEqual(petition.email, "")
        # No receipt to nobody; the board is still told.
        self.assertEqual([m.to for m in mail.outbox], [["b@x.vn"]])

    def test_receipt__reference_and_secret_shown_once(self):
        response = self.send(self.petitions, petition_data(self.field))
        petition = Question.objects.get()
        page = self.client.get(response["Location"])
        self.assertContains(page, petition.code)
        secret = page.context["secret"]
        self.assertEqual(len(secret), 10)
        self.assertTrue(petition.check_secret(secret))
        self.assertContains(page, secret)
        self.assertContains(page, self.petitions.url + "theo-doi/")
        # The second time, only the reference.
        again = self.client.get(response["Location"])
        self.assertEqual(again.context["secret"], "")
        self.assertNotContains(again, secret)
        # The receipt e-mail carries it too.
        self.assertIn(secret, mail.outbox[0].body)


class ComplaintFormTests(PortalMixin, TestCase):
    def test_form__choice_explained_confidentiality_and_no_anonymous(self):
        response = self.client.get(self.complaints.url + "gui-don/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'type="radio" name="kind" value="khieu-nai"')
        self.assertContains(response, 'type="radio" name="kind" value="to-cao"')
        self.assertContains(response, escape(ComplaintForm.base_fields["kind"].help_text))
        for notice in (CONFIDENTIAL, TRUTH, NOT_ANONYMOUS):
            self.assertContains(response, escape(gettext(notice)))
        for name in ("respondent", "decision_reference", "known_on", "body", "truthful"):
            self.assertContains(response, f'for="id_{name}"')

    def test_complaint__received_with_its_acceptance_clock_and_never_published(self):
        with clock(MONDAY):
            response = self.send(self.complaints, complaint_data(self.field))
        self.assertEqual(response.status_code, 302)
        complaint = Question.objects.get()
        self.assertEqual(complaint.kind, RequestKind.COMPLAINT)
        self.assertEqual(complaint.respondent, "Chủ tịch UBND xã Như Xuân")
        self.assertEqual(complaint.known_on, datetime.date(2026, 11, 25))
        self.assertFalse(complaint.publish_on_portal)
        # Law on Complaints Art. 27: 10 days from receipt.
        self.assertEqual(complaint.due_at.date(), datetime.date(2026, 12, 17))
        receipt = mail.outbox[0]
        self.assertEqual(
            receipt.subject,
            gettext("Your request %(code)s has been received") % {"code": complaint.code},
        )
        self.assertIn(gettext("Dear sender,"), receipt.body)

    def test_complaint__missing_respondent_decision_and_date(self):
        data = complaint_data(self.field, respondent="", decision_reference="", known_on="")
        response = self.send(self.complaints, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        errors = response.context["form"].errors
        self.assertEqual(set(errors), {"respondent", "decision_reference", "known_on"})
        self.assertContains(response, "Quyết định thu hồi sai diện tích")

    def test_complaint__date_in_the_future__refused(self):
        with clock(MONDAY):
            response = self.send(self.complaints, complaint_data(self.field, known_on="2026-12-20"))
        self.assertEqual(set(response.context["form"].errors), {"known_on"})

    def test_complaint__after_90_days__received_with_a_warning(self):
        with clock(MONDAY):
            response = self.send(self.complaints, complaint_data(self.field, known_on="2026-08-01"))
            self.assertEqual(response.status_code, 302)
            page = self.client.get(response["Location"])
        self.assertEqual(Question.objects.get().state, QuestionState.RECEIVED)
        self.assertTrue(page.context["late_complaint"])
        self.assertContains(page, gettext(LATE))

    def test_complaint__within_90_days__no_warning(self):
        with clock(MONDAY):
            response = self.send(self.complaints, complaint_data(self.field))
            page = self.client.get(response["Location"])
        self.assertFalse(page.context["late_complaint"])
        self.assertNotContains(page, gettext(LATE))

    def test_denunciation__received_confidential_without_the_complaint_fields(self):
        with clock(MONDAY):
            response = self.send(
                self.complaints,
                denunciation_data(self.field, decision_reference="QĐ 1", known_on="2026-01-01"),
            )
        self.assertEqual(response.status_code, 302)
        denunciation = Question.objects.get()
        self.assertEqual(denunciation.kind, RequestKind.DENUNCIATION)
        self.assertTrue(denunciation.identity_confidential)
        self.assertEqual((denunciation.decision_reference, denunciation.known_on), ("", None))
        # Law on Denunciations Art. 24: 7 working days from receipt.
        self.assertEqual(denunciation.due_at.date(), datetime.date(2026, 12, 16))
        # The board's notice never carries the letter or the sender.
        board = next(m for m in mail.outbox if m.to == ["b@x.vn"])
        self.assertNotIn("Lò Văn Thắng", board.body)
        self.assertNotIn("2 triệu", board.body)

    def test_denunciation__missing_person_denounced_and_commitment(self):
        data = denunciation_data(self.field, respondent="", truthful="")
        response = self.send(self.complaints, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertEqual(set(response.context["form"].errors), {"respondent", "truthful"})
        self.assertContains(
            response, ComplaintForm.base_fields["respondent"].error_messages["required"]
        )

    def test_denunciation__anonymous__refused(self):
        data = denunciation_data(self.field, full_name="", address="", phone="", email="")
        response = self.send(self.complaints, data)
        self.assertFalse(Question.objects.exists())
        self.assertTrue({"full_name", "address", "phone"} <= set(response.context["form"].errors))

    def test_kind_not_of_this_page__refused(self):
        response = self.send(self.complaints, complaint_data(self.field, kind="hoi-dap"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("kind", response.context["form"].errors)
        self.assertFalse(Question.objects.exists())


class AntispamTests(PortalMixin, TestCase):
    def test_honeypot__refused(self):
        response = self.send(self.complaints, denunciation_data(self.field, extra_note="spam"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())

    def test_wrong_check_answer__refused_and_text_kept(self):
        data = petition_data(self.field)
        data["challenge_answer"] = "99"
        response = self.send(self.petitions, data)
        self.assertFalse(Question.objects.exists())
        self.assertIn("challenge_answer", response.context["form"].errors)
        self.assertContains(response, "Người dân phải chờ hơn hai giờ")

    def test_no_consent__refused(self):
        data = petition_data(self.field)
        del data["consent"]
        response = self.send(self.petitions, data)
        self.assertIn("consent", response.context["form"].errors)
        self.assertFalse(Question.objects.exists())

    def test_sent_twice_with_one_check__stored_once(self):
        data = denunciation_data(self.field)
        first = self.send(self.complaints, data)
        second = self.send(self.complaints, data)
        self.assertEqual(Question.objects.count(), 1)
        self.assertEqual(second["Location"], first["Location"])

    def test_burst__limited_and_text_kept(self):
        statuses = []
        for n in range(8):
            response = self.send(
                self.petitions, petition_data(self.field, title=f"Phản ánh số {n}")
            )
            statuses.append(response.status_code)
        self.assertEqual(statuses.count(302), 5)
        self.assertEqual(statuses[5:], [429] * 3)
        self.assertContains(response, "Phản ánh số 7", status_code=429)
        self.assertEqual(Question.objects.count(), 5)
