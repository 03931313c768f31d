"""The request life cycle (consultation.lifecycle): each transition sets the state, writes
the event and queues the e-mail; a transition from a state it does not start from is
refused; the clock stands still while the asker is asked for more information, across a
weekend and a public holiday (the body's working calendar, vietnam.workdays)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase

from congthongtin.consultation import lifecycle
from congthongtin.consultation.lifecycle import TransitionNotAllowed
from congthongtin.consultation.models import Answer, Question, QuestionEvent, QuestionState
from congthongtin.core.bodies import site_id_of_page
from congthongtin.core.models import OutgoingEmail
from tests.factories import UnitFactory

from .helpers import ADDRESS, clock, field, make_question_index, vn

Kind = QuestionEvent.Kind
#: Friday after hours: the count starts Monday 23/11/2026 08:00; Tuesday 24/11 is a public
#: holiday (Ngày Văn hóa Việt Nam); five working days end Monday 30/11 at 17:00.
FRIDAY_EVENING = vn(2026, 11, 20, 17, 30)
MONDAY_MORNING = vn(2026, 11, 23, 9, 0)
DUE = vn(2026, 11, 30, 17, 0)


class LifecycleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.field = field("Đất đai")
        User = get_user_model()
        cls.editor = User.objects.create_user("lvcuong", "lvcuong@example.vn", "x" * 12)
        cls.officer = User.objects.create_user("dvhai", "dvhai@example.vn", "x" * 12)
        cls.economy = UnitFactory(name="Phòng Kinh tế", email="kinhte@example.vn")
        cls.culture = UnitFactory(name="Phòng Văn hóa – Xã hội", email="vhxh@example.vn")

    def new_question(self, at=FRIDAY_EVENING):
        return Question(
            page=self.index,
            field=self.field,
            full_name="Lương Thị Mai",
            nationality="Việt Nam",
            occupation="Nông dân",
            address=ADDRESS,
            email="ltmai@example.vn",
            title="Chuyển mục đích sử dụng đất",
            body="Thủ tục thế nào?",
            received_at=at,
        )

    def received(self):
        return lifecycle.receive(self.new_question(), board_email="bbt@example.vn")

    def assigned(self, unit=None, at=MONDAY_MORNING):
        return lifecycle.assign(
            self.received(),
            actor=self.editor,
            unit=unit or self.economy,
            officer=self.officer,
            deadline_class="own",
            at=at,
        )

    def events(self, question):
        return list(question.events.values_list("kind", flat=True))

    def emails(self, question, purpose):
        return list(
            OutgoingEmail.objects.filter(reference=f"question:{question.pk}", purpose=purpose)
        )

    def assertRefused(self, transition, question, **kwargs):
        state = question.state
        with self.assertRaises(TransitionNotAllowed):
            transition(question, **kwargs)
        question.refresh_from_db()
        self.assertEqual(question.state, state)


class TransitionTests(LifecycleTestCase):
    def test_receive__stored_logged_receipt_and_board_notice_queued_for_the_body(self):
        question = self.received()
        self.assertEqual(question.state, QuestionState.RECEIVED)
        self.assertEqual(self.events(question), [Kind.RECEIVED])
        self.assertEqual(question.events.get().created_at, FRIDAY_EVENING)
        [receipt] = self.emails(question, "question.receipt")
        self.assertEqual(receipt.to, "ltmai@example.vn")
        self.assertIn(question.tracking_token, receipt.body)
        self.assertEqual(receipt.site_id, site_id_of_page(self.index))
        self.assertEqual(self.emails(question, "question.new")[0].to, "bbt@example.vn")
        with self.assertRaises(TransitionNotAllowed):
            lifecycle.receive(question)

    def test_assign__due_from_receipt__event_with_actor_and_unit__officer_and_unit_told(self):
        question = self.assigned()
        self.assertEqual(question.state, QuestionState.ASSIGNED)
        self.assertEqual(question.due_at, DUE)
        self.assertEqual(question.assigned_at, MONDAY_MORNING)
        event = question.events.get(kind=Kind.ASSIGNED)
        self.assertEqual((event.actor, event.to_unit), (self.editor, self.economy))
        [email] = self.emails(question, "question.assigned")
        self.assertEqual(email.to.split("\n"), ["dvhai@example.vn", "kinhte@example.vn"])

    def test_forward__to_another_unit_only__history_kept_due_from_receipt(self):
        question = self.assigned()
        self.assertRefused(
            lifecycle.assign,
            question,
            actor=self.editor,
            unit=self.culture,
            deadline_class="own",
        )
        lifecycle.forward(
            question, actor=self.editor, unit=self.culture, deadline_class="own", note="Sai"
        )
        question.refresh_from_db()
        self.assertEqual((question.unit, question.due_at), (self.culture, DUE))
        event = question.events.get(kind=Kind.FORWARDED)
        self.assertEqual(
            (event.from_unit, event.to_unit, event.note), (self.economy, self.culture, "Sai")
        )
        self.assertRefused(
            lifecycle.forward, question, actor=self.editor, unit=self.culture, deadline_class="own"
        )

    def test_forward__of_an_unassigned_question__refused(self):
        question = self.received()
        self.assertRefused(
            lifecycle.forward, question, actor=self.editor, unit=self.culture, deadline_class="own"
        )

    def test_refuse__open_states_only__reason_logged_and_guidance_emailed(self):
        question = self.received()
        lifecycle.refuse(question, actor=self.editor, reason="complaint", guidance="Gửi UBND.")
        self.assertEqual(question.state, QuestionState.REFUSED)
        self.assertEqual(
            question.events.get(kind=Kind.REFUSED).note, question.get_refusal_reason_display()
        )
        self.assertIn("Gửi UBND.", self.emails(question, "question.refused")[0].body)
        self.assertRefused(
            lifecycle.refuse, question, actor=self.editor, reason="abuse", guidance="x"
        )
        self.assertRefused(lifecycle.answer, question)
        self.assertRefused(
            lifecycle.assign, question, actor=self.editor, unit=self.economy, deadline_class="own"
        )

    def test_ask_for_information__assigned_only__note_required(self):
        question = self.received()
        self.assertRefused(lifecycle.ask_for_information, question, actor=self.officer, note="?")
        self.assertRefused(lifecycle.add_information, question, text="Đây")
        question = self.assigned()
        with self.assertRaises(ValueError):
            lifecycle.ask_for_information(question, actor=self.officer, note="  ")

    def test_extend__with_reason__once__at_most_the_own_answer_time(self):
        question = self.assigned()
        with self.assertRaises(ValueError):
            lifecycle.extend(question, actor=self.editor, reason="", working_days=2)
        self.assertRefused(
            lifecycle.extend, question, actor=self.editor, reason="Cần hỏi Sở", working_days=6
        )
        lifecycle.extend(question, actor=self.editor, reason="Cần hỏi Sở", working_days=2)
        self.assertEqual(question.due_at, vn(2026, 12, 2, 17, 0))
        self.assertEqual(question.events.get(kind=Kind.EXTENDED).note, "Cần hỏi Sở")
        self.assertIn("Cần hỏi Sở", self.emails(question, "question.extended")[0].body)
        self.assertRefused(
            lifecycle.extend, question, actor=self.editor, reason="Lần nữa", working_days=1
        )
        # A forward re-counts from receipt and keeps the extension.
        lifecycle.forward(question, actor=self.editor, unit=self.culture, deadline_class="own")
        self.assertEqual(question.due_at, vn(2026, 12, 2, 17, 0))

    def test_decide__ends_like_an_answer_with_the_decision_told(self):
        question = self.assigned()
        lifecycle.decide(question, actor=self.editor, note="Đồng ý chuyển mục đích.")
        self.assertEqual(question.state, QuestionState.ANSWERED)
        self.assertEqual(question.events.get(kind=Kind.DECIDED).note, "Đồng ý chuyển mục đích.")
        self.assertIn("Đồng ý", self.emails(question, "question.answered")[0].body)

    def test_transition__query_count(self):
        question = self.assigned()
        # Constant, whatever the question's history: the save and its history row, the
        # event, the e-mail row, and Wagtail's reference index of both saves (in savepoints).
        with self.assertNumQueries(15):
            lifecycle.ask_for_information(question, actor=self.officer, note="Bản sao sổ đỏ?")


class PausedClockTests(LifecycleTestCase):
    def ask_and_reply(self, asked_at, replied_at):
        question = self.assigned()
        with clock(asked_at):
            lifecycle.ask_for_information(question, actor=self.officer, note="Bản sao sổ đỏ?")
        self.assertEqual(question.state, QuestionState.INFORMATION_REQUESTED)
        self.assertEqual(question.paused_at, asked_at)
        self.assertFalse(question.is_open)
        self.assertFalse(question.is_overdue(vn(2026, 12, 10, 9, 0)))
        self.assertFalse(Question.objects.open().filter(pk=question.pk).exists())
        self.assertIn(
            "Bản sao sổ đỏ?", self.emails(question, "question.information_requested")[0].body
        )
        with clock(replied_at):
            lifecycle.add_information(question, text="Tôi gửi bản sao.")
        question.refresh_from_db()
        self.assertEqual(question.state, QuestionState.ASSIGNED)
        self.assertIsNone(question.paused_at)
        return question

    def test_pause_over_a_public_holiday__only_working_hours_move_the_due_date(self):
        # Monday 15:00 → Wednesday 10:00: 2 h Monday, Tuesday 24/11 a holiday, 2 h Wednesday.
        question = self.ask_and_reply(vn(2026, 11, 23, 15, 0), vn(2026, 11, 25, 10, 0))
        self.assertEqual(question.paused_time, datetime.timedelta(hours=4))
        # Monday 30/11 17:00 + 4 working hours: Tuesday 1/12 12:00.
        self.assertEqual(question.due_at, vn(2026, 12, 1, 12, 0))
        event = question.events.get(kind=Kind.INFORMATION_ADDED)
        self.assertEqual(
            (event.note, event.actor, event.created_at),
            ("Tôi gửi bản sao.", None, vn(2026, 11, 25, 10, 0)),
        )
        self.assertIn(
            "Tôi gửi bản sao.", self.emails(question, "question.information_added")[0].body
        )

    def test_pause_over_a_weekend__saturday_and_sunday_do_not_count(self):
        # Friday 27/11 16:00 → Monday 30/11 09:00: one hour each side of the weekend.
        question = self.ask_and_reply(vn(2026, 11, 27, 16, 0), vn(2026, 11, 30, 9, 0))
        self.assertEqual(question.paused_time, datetime.timedelta(hours=2))
        self.assertEqual(question.due_at, vn(2026, 12, 1, 10, 0))

    def test_forward_after_a_pause__the_paused_time_is_kept(self):
        question = self.ask_and_reply(vn(2026, 11, 27, 16, 0), vn(2026, 11, 30, 9, 0))
        lifecycle.forward(question, actor=self.editor, unit=self.culture, deadline_class="own")
        self.assertEqual(question.due_at, vn(2026, 12, 1, 10, 0))


class WholeCycleTests(LifecycleTestCase):
    def test_received_assigned_paused_answered_kept_private_published_withdrawn(self):
        question = self.assigned()
        with clock(vn(2026, 11, 23, 15, 0)):
            lifecycle.ask_for_information(question, actor=self.officer, note="Thửa đất số mấy?")
        with clock(vn(2026, 11, 25, 10, 0)):
            lifecycle.add_information(question, text="Thửa số 12.")
        answer = Answer(
            question=question,
            body="<p>Nộp hồ sơ tại bộ phận một cửa.</p>",
            author_name="Lê Đình Tuấn",
            live=False,
        )
        answer.save()
        with clock(vn(2026, 11, 26, 9, 0)), self.captureOnCommitCallbacks(execute=True):
            answer.save_revision().publish()  # the workflow's last step (signals → lifecycle)
        question.refresh_from_db()
        self.assertEqual(question.state, QuestionState.ANSWERED)
        self.assertEqual(question.answered_at, vn(2026, 11, 26, 9, 0))
        self.assertIn(question, Question.objects.published())
        [sent] = self.emails(question, "question.answered")
        self.assertIn("bộ phận một cửa", sent.body)

        lifecycle.keep_private(question, actor=self.editor)
        self.assertNotIn(question, Question.objects.published())
        lifecycle.keep_private(question, actor=self.editor)  # already private: nothing logged
        lifecycle.publish(question, actor=self.editor)
        self.assertIn(question, Question.objects.published())

        answer.refresh_from_db()
        answer.unpublish()
        question.refresh_from_db()
        self.assertEqual(question.state, QuestionState.ASSIGNED)
        answer.save_revision().publish()
        question.refresh_from_db()
        self.assertEqual(question.state, QuestionState.ANSWERED)
        self.assertEqual(len(self.emails(question, "question.answered")), 1)  # told once
        self.assertEqual(
            self.events(question),
            [
                Kind.RECEIVED,
                Kind.ASSIGNED,
                Kind.INFORMATION_REQUESTED,
                Kind.INFORMATION_ADDED,
                Kind.ANSWERED,
                Kind.KEPT_PRIVATE,
                Kind.PUBLISHED,
                Kind.WITHDRAWN,
                Kind.ANSWERED,
            ],
        )
