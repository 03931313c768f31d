"""Each kind of request on the one life cycle (consultation.lifecycle, issue 22): received →
assigned → more information asked (clock paused, where the law lets it pause) → answered or
decided → published or kept private, with the due dates each kind's law sets, across
weekends and public holidays (Tuesday 24/11/2026, Ngày Văn hóa Việt Nam; 1/1/2027).

Petitions: the body's own limit in working days (Decree 20/2008/NĐ-CP). Complaints: accepted
within 10 days of receipt (Law on Complaints 02/2011/QH13 Art. 27), settled within 30 days of
acceptance, 45 for a complex case, 45/60 in a remote area (Art. 28). Denunciations: accepted
within 7 working days, 10 at most (Law on Denunciations 25/2018/QH14 Art. 24.1, 29), settled
within 30 days of acceptance, extended once for a complex case and twice for an especially
complex one, by at most 30 days each (Art. 30.1). Periods in days end at the end of the next
working day when their last day is a day off (Civil Code 2015 Art. 147-148).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Site

from congthongtin.consultation import lifecycle
from congthongtin.consultation.lifecycle import TransitionNotAllowed
from congthongtin.consultation.models import (
    ComplaintIndexPage,
    Complexity,
    PetitionIndexPage,
    QASettings,
    Question,
    QuestionEvent,
    QuestionState,
    RefusalReason,
    RequestKind,
)
from congthongtin.core.models import OutgoingEmail
from congthongtin.vietnam.workdays import WorkCalendar
from tests.factories import UnitFactory

from .helpers import ADDRESS, field, home, vn

Kind = QuestionEvent.Kind
State = QuestionState


def make_page(cls, slug, title):
    page = cls(title=title, slug=slug)
    home().add_child(instance=page)
    return page


class KindsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.petitions = make_page(PetitionIndexPage, "phan-anh-kien-nghi", "Phản ánh, kiến nghị")
        cls.complaints = make_page(ComplaintIndexPage, "khieu-nai-to-cao", "Khiếu nại, tố cáo")
        cls.field = field("Đất đai")
        User = get_user_model()
        cls.editor = User.objects.create_user("lvcuong", "lvcuong@example.vn", "x" * 12)
        cls.handler = User.objects.create_user("dvhai", "dvhai@example.vn", "x" * 12)
        cls.inspectorate = UnitFactory(name="Thanh tra", email="thanhtra@example.vn")

    def new(self, kind, at, **fields):
        page = self.petitions if kind == RequestKind.PETITION else self.complaints
        values = {
            "page": page,
            "kind": kind,
            "field": self.field,
            "full_name": "Lương Thị Mai",
            "address": ADDRESS,
            "email": "ltmai@example.vn",
            "phone": "0912345678",
            "title": "Việc cấp giấy chứng nhận chậm",
            "body": "Nội dung đơn.",
            "received_at": at,
            **fields,
        }
        return lifecycle.receive(Question(**values), board_email="bbt@example.vn")

    def assign(self, request, at):
        return lifecycle.assign(
            request,
            actor=self.editor,
            unit=self.inspectorate,
            officer=self.handler,
            deadline_class="own",
            at=at,
        )

    def events(self, request):
        return list(request.events.values_list("kind", flat=True))

    def purposes(self, request):
        return list(
            OutgoingEmail.objects.filter(reference=f"question:{request.pk}")
            .order_by("pk")
            .values_list("purpose", flat=True)
        )


class CalendarDaysTests(TestCase):
    """Civil Code 2015 Art. 147-148 on the calendar the bodies use."""

    def test_the_day_of_the_event_is_not_counted(self):
        calendar = WorkCalendar()
        self.assertEqual(calendar.add_calendar_days(vn(2026, 12, 21, 10), 10), vn(2026, 12, 31, 17))

    def test_a_period_ending_on_a_day_off_ends_on_the_next_working_day(self):
        calendar = WorkCalendar()
        # 2/1/2027 is a Saturday after New Year's Day: Monday 4/1/2027.
        self.assertEqual(calendar.add_calendar_days(vn(2026, 12, 21, 10), 12), vn(2027, 1, 4, 17))
        # 30/4 and 1/5 are holidays, 2-3/5/2026 a weekend.
        self.assertEqual(calendar.add_calendar_days(vn(2026, 4, 20, 9), 10), vn(2026, 5, 4, 17))


class PetitionTests(KindsTestCase):
    def test_the_whole_life_cycle_with_a_pause_across_a_holiday(self):
        # Friday after hours: the count starts Monday 23/11 08:00; 24/11 is a holiday;
        # the Q&A's own-competence time (5 working days) is the default limit.
        petition = self.new(RequestKind.PETITION, vn(2026, 11, 20, 17, 30))
        self.assertEqual(petition.state, State.RECEIVED)
        self.assertEqual(petition.due_at, vn(2026, 11, 30, 17))
        self.assertTrue(petition.publish_on_portal)

        self.assign(petition, vn(2026, 11, 23, 9))
        self.assertEqual(petition.due_at, vn(2026, 11, 30, 17))

        lifecycle.ask_for_information(
            petition, actor=self.handler, note="Số hồ sơ?", at=vn(2026, 11, 23, 15)
        )
        self.assertEqual(petition.state, State.INFORMATION_REQUESTED)
        self.assertFalse(petition.is_open)
        self.assertNotIn(petition, Question.objects.open())
        lifecycle.add_information(petition, text="Hồ sơ số 12.", at=vn(2026, 11, 25, 10))
        # Two working hours on Monday, none on the holiday, two on Wednesday.
        self.assertEqual(petition.paused_time, datetime.timedelta(hours=4))
        self.assertEqual(petition.due_at, vn(2026, 12, 1, 12))

        lifecycle.answer(petition, actor=self.editor, at=vn(2026, 11, 27, 10))
        lifecycle.keep_private(petition, actor=self.editor)
        lifecycle.publish(petition, actor=self.editor)
        petition.refresh_from_db()
        self.assertEqual(petition.state, State.ANSWERED)
        self.assertTrue(petition.publish_on_portal)
        self.assertEqual(
            self.events(petition),
            [
                Kind.RECEIVED,
                Kind.ASSIGNED,
                Kind.INFORMATION_REQUESTED,
                Kind.INFORMATION_ADDED,
                Kind.ANSWERED,
                Kind.KEPT_PRIVATE,
                Kind.PUBLISHED,
            ],
        )
        self.assertEqual(
            self.purposes(petition),
            [
                "question.receipt",
                "question.new",
                "question.assigned",
                "question.information_requested",
                "question.information_added",
                "question.answered",
            ],
        )

    def test_the_bodys_own_limit(self):
        QASettings.objects.create(site=Site.objects.get(is_default_site=True), petition_days=10)
        petition = self.new(RequestKind.PETITION, vn(2026, 11, 20, 17, 30))
        # Ten working days from Monday 23/11, skipping 24/11: Monday 7/12.
        self.assertEqual(petition.due_at, vn(2026, 12, 7, 17))

    def test_a_petition_is_never_accepted_like_a_complaint(self):
        petition = self.assign(
            self.new(RequestKind.PETITION, vn(2026, 11, 20, 9)), vn(2026, 11, 20, 10)
        )
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.accept(petition, actor=self.handler)


class ComplaintTests(KindsTestCase):
    def complaint(self, at=None):
        return self.new(
            RequestKind.COMPLAINT,
            at or vn(2026, 11, 14, 10),
            respondent="Ủy ban nhân dân xã Như Xuân",
            decision_reference="Quyết định số 12/QĐ-UBND ngày 01/11/2026",
            known_on=datetime.date(2026, 11, 5),
        )

    def test_acceptance_due_in_ten_days_past_a_holiday(self):
        # Saturday 14/11 + 10 days = Tuesday 24/11, a holiday: Wednesday 25/11 at closing.
        complaint = self.complaint()
        self.assertEqual(complaint.due_at, vn(2026, 11, 25, 17))
        self.assertFalse(complaint.publish_on_portal)

    def test_the_whole_life_cycle(self):
        complaint = self.assign(self.complaint(), vn(2026, 11, 16, 9))
        # Before acceptance the letter may be completed: the clock stands still.
        lifecycle.ask_for_information(
            complaint, actor=self.handler, note="Bản sao quyết định", at=vn(2026, 11, 16, 15)
        )
        self.assertIsNotNone(complaint.paused_at)
        lifecycle.add_information(complaint, text="Đã gửi bản sao.", at=vn(2026, 11, 18, 10))
        # Monday 15-17, Tuesday 8-17, Wednesday 8-10: 13 working hours after 25/11 17:00.
        self.assertEqual(complaint.paused_time, datetime.timedelta(hours=13))
        self.assertEqual(complaint.due_at, vn(2026, 11, 27, 12))

        lifecycle.accept(complaint, actor=self.handler, at=vn(2026, 11, 20, 10))
        # 20/11 + 30 days = Sunday 20/12: Monday 21/12 (Art. 28).
        self.assertEqual(complaint.due_at, vn(2026, 12, 21, 17))
        self.assertEqual(complaint.paused_time, datetime.timedelta(0))
        self.assertIn("question.accepted", self.purposes(complaint))

        # Once accepted, the settlement period runs on while the complainant is asked.
        lifecycle.ask_for_information(
            complaint, actor=self.handler, note="Giấy tờ đất", at=vn(2026, 12, 1, 9)
        )
        self.assertIsNone(complaint.paused_at)
        self.assertTrue(complaint.is_open)
        self.assertIn(complaint, Question.objects.open())
        lifecycle.add_information(complaint, text="Đã nộp.", at=vn(2026, 12, 3, 9))
        self.assertEqual(complaint.due_at, vn(2026, 12, 21, 17))

        # An ordinary case cannot be extended; a complex one once, to 45 days in all:
        # 20/11 + 45 = Monday 4/1/2027 (counted from acceptance, not from 21/12).
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(complaint, actor=self.handler, reason="Cần xác minh", working_days=15)
        lifecycle.extend(
            complaint,
            actor=self.handler,
            reason="Vụ việc phức tạp",
            working_days=15,
            complexity=Complexity.COMPLEX,
        )
        self.assertEqual(complaint.due_at, vn(2027, 1, 4, 17))
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(complaint, actor=self.handler, reason="Thêm", working_days=1)

        lifecycle.decide(
            complaint,
            actor=self.handler,
            note="Quyết định giải quyết khiếu nại số 5/QĐ-UBND",
            at=vn(2026, 12, 30, 9),
        )
        self.assertEqual(complaint.state, State.ANSWERED)
        lifecycle.publish(complaint, actor=self.handler, at=vn(2026, 12, 30, 10))
        self.assertTrue(complaint.publish_on_portal)
        self.assertEqual(
            self.events(complaint),
            [
                Kind.RECEIVED,
                Kind.ASSIGNED,
                Kind.INFORMATION_REQUESTED,
                Kind.INFORMATION_ADDED,
                Kind.ACCEPTED,
                Kind.INFORMATION_REQUESTED,
                Kind.INFORMATION_ADDED,
                Kind.EXTENDED,
                Kind.DECIDED,
                Kind.PUBLISHED,
            ],
        )

    def test_remote_area(self):
        QASettings.objects.create(site=Site.objects.get(is_default_site=True), remote_area=True)
        complaint = self.assign(self.complaint(), vn(2026, 11, 16, 9))
        lifecycle.accept(complaint, actor=self.handler, at=vn(2026, 11, 20, 10))
        # 45 days: Monday 4/1/2027; complex: 60 days, Tuesday 19/1/2027.
        self.assertEqual(complaint.due_at, vn(2027, 1, 4, 17))
        lifecycle.extend(
            complaint,
            actor=self.handler,
            reason="Phức tạp",
            working_days=15,
            complexity=Complexity.COMPLEX,
        )
        self.assertEqual(complaint.due_at, vn(2027, 1, 19, 17))

    def test_no_decision_before_acceptance_and_no_refusal_after(self):
        complaint = self.assign(self.complaint(), vn(2026, 11, 16, 9))
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.decide(complaint, actor=self.handler, note="x")
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.answer(complaint, actor=self.handler)
        lifecycle.accept(complaint, actor=self.handler, at=vn(2026, 11, 20, 10))
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.refuse(
                complaint,
                actor=self.handler,
                reason=RefusalReason.NOT_ADMISSIBLE,
                guidance="x",
            )

    def test_acceptance_needs_a_named_handler(self):
        complaint = self.complaint()
        lifecycle.assign(
            complaint,
            actor=self.editor,
            unit=self.inspectorate,
            deadline_class="own",
            at=vn(2026, 11, 16, 9),
        )
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.accept(complaint, actor=self.editor)
        self.assertIsNone(complaint.accepted_at)

    def test_refused_with_reasons_before_acceptance(self):
        complaint = self.assign(self.complaint(), vn(2026, 11, 16, 9))
        lifecycle.refuse(
            complaint,
            actor=self.handler,
            reason=RefusalReason.NOT_COMPETENT,
            guidance="Gửi đơn đến Ủy ban nhân dân tỉnh.",
            at=vn(2026, 11, 17, 9),
        )
        self.assertEqual(complaint.state, State.REFUSED)
        self.assertIn("question.refused", self.purposes(complaint))


class DenunciationTests(KindsTestCase):
    def denunciation(self, at=None):
        return self.new(
            RequestKind.DENUNCIATION,
            at or vn(2026, 11, 20, 17, 30),
            respondent="Ông Nguyễn Văn B, cán bộ địa chính",
        )

    def test_the_whole_life_cycle(self):
        # Seven working days from Monday 23/11 08:00, skipping 24/11: Wednesday 2/12.
        denunciation = self.denunciation()
        self.assertEqual(denunciation.due_at, vn(2026, 12, 2, 17))
        self.assertFalse(denunciation.publish_on_portal)
        self.assign(denunciation, vn(2026, 11, 23, 9))

        # Checked in several places: up to 10 working days (Art. 24.1), once.
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(denunciation, actor=self.handler, reason="Xác minh", working_days=4)
        lifecycle.extend(
            denunciation, actor=self.handler, reason="Xác minh nhiều nơi", working_days=3
        )
        self.assertEqual(denunciation.due_at, vn(2026, 12, 7, 17))

        lifecycle.ask_for_information(
            denunciation, actor=self.handler, note="Thời gian vi phạm?", at=vn(2026, 11, 26, 8)
        )
        lifecycle.add_information(denunciation, text="Tháng 10/2026.", at=vn(2026, 11, 27, 8))
        self.assertEqual(denunciation.paused_time, datetime.timedelta(hours=9))
        self.assertEqual(denunciation.due_at, vn(2026, 12, 8, 17))

        lifecycle.accept(denunciation, actor=self.handler, at=vn(2026, 12, 3, 10))
        # 3/12 + 30 = Saturday 2/1/2027 after New Year's Day: Monday 4/1/2027 (Art. 30.1).
        self.assertEqual(denunciation.due_at, vn(2027, 1, 4, 17))

        lifecycle.extend(
            denunciation,
            actor=self.handler,
            reason="Đặc biệt phức tạp",
            working_days=30,
            complexity=Complexity.VERY_COMPLEX,
        )
        self.assertEqual(denunciation.due_at, vn(2027, 2, 1, 17))
        lifecycle.extend(denunciation, actor=self.handler, reason="Chưa xong", working_days=30)
        self.assertEqual(denunciation.due_at, vn(2027, 3, 3, 17))
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(denunciation, actor=self.handler, reason="Nữa", working_days=1)

        lifecycle.decide(
            denunciation, actor=self.handler, note="Kết luận nội dung tố cáo", at=vn(2027, 2, 20, 9)
        )
        lifecycle.keep_private(denunciation, actor=self.handler)
        self.assertEqual(denunciation.state, State.ANSWERED)
        self.assertFalse(denunciation.publish_on_portal)
        self.assertEqual(self.events(denunciation)[-1], Kind.DECIDED)

    def test_a_complex_case_is_extended_once_only(self):
        denunciation = self.assign(self.denunciation(), vn(2026, 11, 23, 9))
        lifecycle.accept(denunciation, actor=self.handler, at=vn(2026, 12, 3, 10))
        lifecycle.extend(
            denunciation,
            actor=self.handler,
            reason="Phức tạp",
            working_days=30,
            complexity=Complexity.COMPLEX,
        )
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(denunciation, actor=self.handler, reason="Nữa", working_days=10)
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.extend(
                self.assign(self.denunciation(), vn(2026, 11, 23, 9)),
                actor=self.handler,
                reason="Quá dài",
                working_days=31,
            )

    def test_staff_emails_carry_neither_the_letter_nor_the_name(self):
        denunciation = self.denunciation()
        self.assign(denunciation, vn(2026, 11, 23, 9))
        lifecycle.ask_for_information(denunciation, actor=self.handler, note="Thêm?")
        lifecycle.add_information(denunciation, text="Chứng cứ: biên bản ngày 2/10.")
        staff = OutgoingEmail.objects.filter(
            reference=f"question:{denunciation.pk}",
            purpose__in=["question.new", "question.assigned", "question.information_added"],
        )
        self.assertEqual(staff.count(), 3)
        for email in staff:
            text = email.subject + email.body
            for secret in (
                "Lương Thị Mai",
                ADDRESS,
                "0912345678",
                "ltmai@",
                "Nội dung đơn",
                "biên bản",
            ):
                self.assertNotIn(secret, text)

    def test_the_sender_follows_by_code_and_secret(self):
        denunciation = self.denunciation()
        secret = denunciation.secret
        stored = Question.objects.get(pk=denunciation.pk)
        self.assertTrue(stored.check_secret(secret))
        self.assertTrue(stored.check_secret(f" {secret.lower()[:5]}-{secret.lower()[5:]} "))
        self.assertFalse(stored.check_secret(secret[:-1] + ("A" if secret[-1] != "A" else "B")))
        self.assertFalse(stored.check_secret(""))
        self.assertNotIn(secret, stored.secret_hash)
        receipt = OutgoingEmail.objects.get(
            reference=f"question:{denunciation.pk}", purpose="question.receipt"
        )
        self.assertIn(secret, receipt.body)
