"""Questions and answers (R-QA-1): the form, deadlines in working days, the board's
assignment and forwarding, the dashboard, reminders, privacy, retention, e-mail outages."""

import datetime
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from congthongtin.consultation.deadlines import DeadlineClass, due_at, working_days_overdue
from congthongtin.consultation.models import (
    Answer,
    Question,
    QuestionEvent,
    QuestionState,
)
from congthongtin.core.bodies import role_group, site_id_of_page
from congthongtin.core.models import OutgoingEmail, PortalSettings
from tests.editorial.helpers import assert_denied
from tests.factories import UnitFactory
from tests.helpers import assert_bad_filters_dropped, override_app_settings

from .helpers import (
    ADDRESS,
    challenge_fields,
    clock,
    field,
    make_question,
    make_question_index,
    question_data,
    vn,
)

FRIDAY_EVENING = vn(2026, 11, 20, 17, 30)


class DeadlineTests(TestCase):
    def test_friday_20_11_2026_17_30__five_days__due_monday_30_11_2026_17_00(self):
        # vietnam.workdays: received after hours, the count starts Monday 23/11 at 08:00;
        # Tuesday 24/11 is Ngày Văn hóa Việt Nam (a public holiday from 2026); the five
        # working days are 23, 25, 26, 27 and 30/11, and the period ends at 17:00.
        self.assertEqual(due_at(FRIDAY_EVENING, DeadlineClass.OWN), vn(2026, 11, 30, 17, 0))

    def test_several_bodies_and_special_case__8_and_10_working_days(self):
        self.assertEqual(due_at(FRIDAY_EVENING, DeadlineClass.SEVERAL), vn(2026, 12, 3, 17, 0))
        self.assertEqual(due_at(FRIDAY_EVENING, DeadlineClass.SPECIAL), vn(2026, 12, 7, 17, 0))

    @override_app_settings(QA_DEADLINE_DAYS={"own": 3})
    def test_days__are_a_setting(self):
        self.assertEqual(due_at(FRIDAY_EVENING, DeadlineClass.OWN), vn(2026, 11, 26, 17, 0))
        self.assertEqual(due_at(FRIDAY_EVENING, DeadlineClass.SEVERAL), vn(2026, 12, 3, 17, 0))

    def test_overdue__counted_in_working_days(self):
        due = vn(2026, 11, 30, 17, 0)
        self.assertEqual(working_days_overdue(due, vn(2026, 11, 30, 16, 0)), 0)
        self.assertEqual(working_days_overdue(due, vn(2026, 12, 1, 10, 0)), 1)
        self.assertEqual(working_days_overdue(due, vn(2026, 12, 3, 10, 0)), 3)


class AskQuestionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.field = field("Hộ tịch")
        PortalSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={
                "name": "Trang thử",
                "managing_body": "UBND",
                "editorial_email": "bbt@example.vn",
            },
        )

    def ask(self, **overrides):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                self.index.url + "gui-cau-hoi/", question_data(self.field, **overrides)
            )

    def test_form__open_24_7_with_labels_and_consent(self):
        with clock(vn(2026, 11, 22, 3, 0)):  # a Sunday night
            response = self.client.get(self.index.url + "gui-cau-hoi/")
        self.assertEqual(response.status_code, 200)
        for name in (
            "full_name",
            "nationality",
            "occupation",
            "address",
            "representative_position",
            "licence_number",
            "head_office_address",
            "email",
            "field",
            "title",
            "body",
        ):
            self.assertContains(response, f'for="id_{name}"')
        self.assertContains(response, 'name="consent"')
        self.assertContains(response, 'name="extra_note"')
        self.assertContains(response, "91/2025/QH15")

    def test_question__person__stored_receipt_and_board_emailed_with_tracking_link(self):
        with clock(FRIDAY_EVENING):
            response = self.ask()
        question = Question.objects.get()
        self.assertRedirects(
            response, question.tracking_url() + "?moi=1", fetch_redirect_response=False
        )
        self.assertEqual(question.received_at, FRIDAY_EVENING)
        self.assertEqual(
            (question.full_name, question.nationality, question.occupation, question.address),
            ("Lương Thị Mai", "Việt Nam", "Nông dân", ADDRESS),
        )
        self.assertEqual(question.state, QuestionState.RECEIVED)
        self.assertEqual(question.asker_initials, "L. T. M.")
        self.assertEqual(question.code, f"2026-{question.pk:05d}")
        self.assertGreaterEqual(len(question.tracking_token), 32)
        receipt, board = mail.outbox
        self.assertEqual(receipt.to, ["ltmai@example.vn"])
        self.assertIn(question.tracking_full_url(), receipt.body)
        self.assertEqual(board.to, ["bbt@example.vn"])
        self.assertEqual(list(question.events.values_list("kind", flat=True)), ["received"])

    def test_question__organisation__needs_its_fields_and_keeps_none_of_a_persons(self):
        response = self.ask(asker_type="organisation", occupation="Giám đốc")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertContains(response, 'href="#id_representative_position"')
        self.assertContains(response, 'href="#id_licence_number"')
        self.assertContains(response, 'href="#id_head_office_address"')
        response = self.ask(
            asker_type="organisation",
            representative_position="Giám đốc",
            licence_number="2800123456",
            head_office_address="Khu phố 1, xã Như Xuân",
            occupation="Giám đốc",
            **challenge_fields(),
        )
        self.assertEqual(response.status_code, 302)
        question = Question.objects.get()
        self.assertEqual(question.address, "Khu phố 1, xã Như Xuân")
        self.assertEqual(question.licence_number, "2800123456")
        self.assertEqual(question.occupation, "")

    def test_question__complaint_words__warned_and_stored_only_when_confirmed(self):
        body = "Tôi muốn khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất."
        response = self.ask(body=body)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertContains(response, 'name="not_a_complaint"')
        self.assertContains(response, "khiếu nại")
        self.assertContains(response, body)
        response = self.ask(body=body, not_a_complaint="on")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Question.objects.get().complaint_warning)

    def test_question__html_stripped(self):
        self.ask(
            title="<b>Hỏi</b> về <script>alert(1)</script>hộ tịch",
            body="&lt;img src=x onerror=alert(1)&gt;Xin hỏi",
        )
        question = Question.objects.get()
        self.assertEqual(question.title, "Hỏi về alert(1)hộ tịch")
        self.assertEqual(question.body, "Xin hỏi")

    def test_question__wrong_check_answer__new_check_and_values_kept(self):
        response = self.ask(challenge_answer="99")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())
        self.assertContains(response, 'href="#id_challenge_answer"')
        self.assertContains(response, 'value="ltmai@example.vn"')
        self.assertNotContains(response, question_data(self.field)["challenge_token"])

    def test_question__honeypot_filled__refused(self):
        response = self.ask(extra_note="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Question.objects.exists())

    def test_question__sent_twice_with_one_check__stored_once(self):
        data = question_data(self.field)
        with self.captureOnCommitCallbacks(execute=True):
            first = self.client.post(self.index.url + "gui-cau-hoi/", data)
            second = self.client.post(self.index.url + "gui-cau-hoi/", data)
        self.assertEqual(Question.objects.count(), 1)
        self.assertEqual(first["Location"], second["Location"])

    def test_question__database_fails__resend_is_stored(self):
        """A database that fails mid-save (a restart) must not leave the one-time check
        spent: the 500 page asks the citizen to send again, and that resend is stored."""
        from django.db import OperationalError

        data = question_data(self.field)
        self.client.raise_request_exception = False
        with mock.patch.object(
            QuestionEvent.objects, "create", side_effect=OperationalError("server closed")
        ):
            failed = self.client.post(self.index.url + "gui-cau-hoi/", data)
        self.assertEqual(failed.status_code, 500)
        self.assertFalse(Question.objects.exists())
        with self.captureOnCommitCallbacks(execute=True):
            resent = self.client.post(self.index.url + "gui-cau-hoi/", data)
        self.assertEqual(resent.status_code, 302)
        self.assertEqual(Question.objects.count(), 1)

    @override_app_settings(PUBLIC_FORM_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    def test_burst_behind_the_proxy__forged_first_forwarded_address__still_limited(self):
        # The proxy appends the address it saw; what a client writes before it is its own.
        # Reading the first entry (as the public forms did) let one client pass for many.
        statuses = []
        for n in range(8):
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(
                    self.index.url + "gui-cau-hoi/",
                    question_data(self.field, title=f"Câu hỏi số {n}", **challenge_fields()),
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
                )
            statuses.append(response.status_code)
        self.assertEqual(statuses.count(302), 5)
        self.assertEqual(statuses[5:], [429] * 3)

    def test_burst_of_30_from_one_address__limited(self):
        statuses = []
        for n in range(30):
            response = self.ask(title=f"Câu hỏi số {n}", **challenge_fields())
            statuses.append(response.status_code)
        self.assertEqual(statuses.count(302), 5)
        self.assertEqual(statuses[5:], [429] * 25)
        self.assertEqual(Question.objects.count(), 5)
        # The refused text is given back, not lost.
        self.assertContains(response, "Câu hỏi số 29", status_code=429)
        # Another address is not affected.
        with self.captureOnCommitCallbacks(execute=True):
            other = self.client.post(
                self.index.url + "gui-cau-hoi/", question_data(self.field), REMOTE_ADDR="10.0.0.9"
            )
        self.assertEqual(other.status_code, 302)

    @override_settings(EMAIL_BACKEND="tests.consultation.helpers.FailingEmailBackend")
    def test_email_outage__question_kept_email_pending_then_retried(self):
        response = self.ask()
        self.assertEqual(response.status_code, 302)
        question = Question.objects.get()
        pending = OutgoingEmail.objects.filter(reference=f"question:{question.pk}")
        self.assertEqual(pending.count(), 2)
        # Both e-mails are the question's body's: only its people see them in the queue.
        site_id = site_id_of_page(question.page)
        self.assertEqual(set(pending.values_list("site_id", flat=True)), {site_id})
        self.assertEqual(set(pending.values_list("status", flat=True)), {"pending"})
        self.assertIn("ConnectionRefusedError", pending.first().last_error)
        self.assertEqual(mail.outbox, [])
        call_command("send_pending_emails", stdout=StringIO())  # still down
        self.assertEqual(set(pending.values_list("attempts", flat=True)), {2})
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            call_command("send_pending_emails", stdout=StringIO())
        self.assertEqual(set(pending.values_list("status", flat=True)), {"sent"})
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn(question.tracking_full_url(), mail.outbox[0].body)

    @override_settings(EMAIL_BACKEND="tests.consultation.helpers.FailingEmailBackend")
    @override_app_settings(PUBLIC_EMAIL_MAX_ATTEMPTS=2)
    def test_email__out_of_attempts__kept_as_failed(self):
        self.ask()
        call_command("send_pending_emails", stdout=StringIO())
        self.assertEqual(set(OutgoingEmail.objects.values_list("status", flat=True)), {"failed"})


class PublicQuestionTests(TestCase):
    """Askers' personal data never appears on a public page."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.field = field("Hộ tịch")
        cls.other_field = field("Đất đai")
        cls.unit = UnitFactory(name="Phòng Văn hóa – Xã hội")
        cls.question = make_question(
            cls.index,
            cls.field,
            title="Đăng ký khai sinh quá hạn",
            public_place="xã Như Xuân",
            state=QuestionState.ANSWERED,
            unit=cls.unit,
            answered_at=vn(2026, 11, 25, 9, 0),
        )
        cls.answer = Answer.objects.create(
            question=cls.question,
            body="<p>Theo Điều 15 Luật Hộ tịch, cha mẹ đăng ký khai sinh trong 60 ngày.</p>",
            author_name="Lò Thị Hương",
            author_position="Trưởng phòng Văn hóa – Xã hội",
            live=True,
        )
        cls.question.save()  # the answer goes into the search key

    def public_pages(self):
        return [
            self.client.get(self.index.url),
            self.client.get(self.question.get_url()),
            self.client.get(self.question.tracking_url()),
        ]

    def test_list_detail_tracking__never_show_personal_data(self):
        for response in self.public_pages():
            self.assertEqual(response.status_code, 200)
            for private in (
                ADDRESS,
                "Thôn Xuân Thịnh",
                "Lương Thị Mai",
                "ltmai@example.vn",
                "Nông dân",
            ):
                self.assertNotContains(response, private)
        detail = self.public_pages()[1]
        self.assertContains(detail, "L. T. M., xã Như Xuân")
        self.assertContains(detail, "60 ngày")

    def test_bad_filter_values__dropped_other_filters_kept(self):
        def pks(response):
            return [question.pk for question in response.context["page_obj"].object_list]

        good = {"q": "khai sinh"}
        assert_bad_filters_dropped(self, self.index.url, good, ["linh_vuc", "page"], pks)
        good = {"linh_vuc": self.field.slug}
        assert_bad_filters_dropped(self, self.index.url, good, ["page"], pks)

    def test_tracking__private_and_not_indexed(self):
        response = self.client.get(self.question.tracking_url())
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("noindex", response["X-Robots-Tag"])
        self.assertEqual(
            self.client.get(self.index.url + "theo-doi/doan-bua-khong-co-that/").status_code, 404
        )

    def test_unanswered_or_private__not_listed(self):
        hidden = make_question(self.index, self.field, title="Câu hỏi chưa trả lời")
        private = make_question(
            self.index,
            self.field,
            title="Chỉ trả lời riêng",
            state=QuestionState.ANSWERED,
            publish_on_portal=False,
        )
        Answer.objects.create(question=private, body="<p>Riêng</p>", author_name="A", live=True)
        response = self.client.get(self.index.url)
        self.assertNotContains(response, "Câu hỏi chưa trả lời")
        self.assertNotContains(response, "Chỉ trả lời riêng")
        self.assertEqual(self.client.get(hidden.get_url()).status_code, 404)
        self.assertEqual(self.client.get(private.get_url()).status_code, 404)
        # The asker still reads a private answer on the tracking page.
        self.assertContains(self.client.get(private.tracking_url()), "Riêng")

    def test_search__by_field_and_unaccented_keyword_in_answer(self):
        url = self.index.url
        self.assertContains(
            self.client.get(url, {"linh_vuc": self.field.slug}), "Đăng ký khai sinh quá hạn"
        )
        self.assertNotContains(
            self.client.get(url, {"linh_vuc": self.other_field.slug}), "Đăng ký khai sinh quá hạn"
        )
        self.assertContains(
            self.client.get(url, {"q": "luat ho tich"}), "Đăng ký khai sinh quá hạn"
        )
        self.assertNotContains(self.client.get(url, {"q": "xay dung"}), "Đăng ký khai sinh quá hạn")
        self.assertEqual(
            self.client.get(url, {"linh_vuc": "<script>", "page": "x"}).status_code, 200
        )

    def test_list__query_count_constant(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.client.get(self.index.url).status_code, 200)
            return len(ctx)

        count()
        before = count()
        for n in range(8):
            question = make_question(
                self.index,
                self.field,
                title=f"Hỏi {n}",
                state=QuestionState.ANSWERED,
                answered_at=vn(2026, 11, 26, 9, n),
            )
            Answer.objects.create(question=question, body="<p>Đáp</p>", author_name="A", live=True)
        self.assertEqual(count(), before)


class BoardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from congthongtin.core import roles

        cls.index = make_question_index()
        cls.field = field("Đất đai")
        User = get_user_model()
        cls.editor = User.objects.create_user("lvcuong", "lvcuong@example.vn", "x" * 12)
        cls.editor.groups.add(role_group(roles.EDITOR))
        cls.officer = User.objects.create_user(
            "dvhai", "dvhai@example.vn", "x" * 12, first_name="Hải", last_name="Đỗ Văn"
        )
        cls.officer.groups.add(role_group(roles.UNIT_OFFICER))
        cls.economy = UnitFactory(name="Phòng Kinh tế", email="kinhte@example.vn")
        cls.culture = UnitFactory(name="Phòng Văn hóa – Xã hội", email="vhxh@example.vn")
        cls.question = make_question(
            cls.index, cls.field, title="Chuyển mục đích sử dụng đất", received_at=FRIDAY_EVENING
        )

    def assign(
        self, unit, deadline_class="own", at=FRIDAY_EVENING + datetime.timedelta(hours=1), **extra
    ):
        self.client.force_login(self.editor)
        with clock(at), self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/admin/y-kien-nhan-dan/hoi-dap/{self.question.pk}/phan-cong/",
                {
                    "unit": unit.pk,
                    "officer": self.officer.pk,
                    "deadline_class": deadline_class,
                    **extra,
                },
            )

    def test_assign__deadline_from_receipt_and_officer_told(self):
        response = self.assign(self.economy)
        self.assertEqual(response.status_code, 302)
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, QuestionState.ASSIGNED)
        self.assertEqual(self.question.due_at, vn(2026, 11, 30, 17, 0))
        self.assertEqual(mail.outbox[0].to, ["dvhai@example.vn", "kinhte@example.vn"])
        self.assertIn("30/11/2026", mail.outbox[0].subject)

    def test_forward__keeps_the_history(self):
        self.assign(self.economy)
        self.assign(self.culture, deadline_class="several", at=vn(2026, 11, 24, 9, 0))
        self.question.refresh_from_db()
        self.assertEqual(self.question.unit, self.culture)
        self.assertEqual(self.question.due_at, vn(2026, 12, 3, 17, 0))
        forwarded = self.question.events.get(kind=QuestionEvent.Kind.FORWARDED)
        self.assertEqual((forwarded.from_unit, forwarded.to_unit), (self.economy, self.culture))
        self.assertEqual(forwarded.actor, self.editor)
        units = [h.unit_id for h in self.question.history.order_by("history_id")]
        self.assertEqual(units, [None, self.economy.pk, self.culture.pk])
        self.assertEqual(
            self.question.history.order_by("history_id").last().history_user, self.editor
        )

    def test_special_case__appointment_within_ten_days_told_to_asker(self):
        response = self.assign(
            self.economy,
            deadline_class="special",
            appointment_at="2026-12-10T17:00",
            note="Cần xác minh hồ sơ địa chính.",
        )
        self.assertEqual(response.status_code, 200)  # later than 10 working days: refused
        self.assign(
            self.economy,
            deadline_class="special",
            appointment_at="2026-12-04T10:00",
            note="Cần xác minh hồ sơ địa chính.",
        )
        self.question.refresh_from_db()
        self.assertEqual(self.question.due_at, vn(2026, 12, 4, 10, 0))
        self.assertIn("ltmai@example.vn", [m.to[0] for m in mail.outbox])

    def test_refuse__complaint_with_guidance_emailed(self):
        self.client.force_login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/admin/y-kien-nhan-dan/hoi-dap/{self.question.pk}/khong-tiep-nhan/",
                {"reason": "complaint", "guidance": "Gửi đơn theo Luật Khiếu nại 02/2011/QH13."},
            )
        self.assertEqual(response.status_code, 302)
        self.question.refresh_from_db()
        self.assertEqual(self.question.state, QuestionState.REFUSED)
        self.assertEqual(mail.outbox[-1].to, ["ltmai@example.vn"])
        self.assertIn("02/2011/QH13", mail.outbox[-1].body)
        tracking = self.client.get(self.question.tracking_url())
        self.assertContains(tracking, "02/2011/QH13")

    def test_dashboard__overdue_question_with_working_days(self):
        self.assign(self.economy)
        self.client.force_login(self.editor)
        with clock(vn(2026, 12, 2, 9, 0)):
            response = self.client.get("/admin/y-kien-nhan-dan/hoi-dap/")
        self.assertEqual(response.status_code, 200)
        overdue = response.context["overdue"]
        self.assertEqual([q.pk for q in overdue], [self.question.pk])
        self.assertEqual(overdue[0].days_overdue, 2)
        self.assertContains(response, "Chuyển mục đích sử dụng đất")
        per_unit = {row["unit"]: row for row in response.context["per_unit"]}
        self.assertEqual(per_unit[self.economy]["overdue"], 1)

    def test_dashboard__due_today(self):
        self.assign(self.economy)
        self.client.force_login(self.editor)
        with clock(vn(2026, 11, 30, 9, 0)):
            response = self.client.get("/admin/y-kien-nhan-dan/hoi-dap/")
        self.assertEqual([q.pk for q in response.context["due_today"]], [self.question.pk])

    def test_officer__sees_only_own_questions(self):
        other = make_question(self.index, self.field, title="Câu hỏi của đơn vị khác")
        self.assign(self.economy)
        self.client.force_login(self.officer)
        response = self.client.get("/admin/hoi-dap/")
        self.assertContains(response, "Chuyển mục đích sử dụng đất")
        self.assertNotContains(response, "Câu hỏi của đơn vị khác")
        assert_denied(self, self.client.get(f"/admin/hoi-dap/inspect/{other.pk}/"))
        assert_denied(
            self, self.client.get(f"/admin/y-kien-nhan-dan/hoi-dap/{other.pk}/phan-cong/")
        )

    def test_reminders__before_deadline_and_overdue__once_each(self):
        self.assign(self.economy)
        mail.outbox.clear()
        for moment in (vn(2026, 11, 27, 9, 0), vn(2026, 11, 27, 10, 0)):  # 2 days before
            with clock(moment), self.captureOnCommitCallbacks(execute=True):
                call_command("qa_reminders", stdout=StringIO())
        self.assertEqual(mail.outbox, [])
        for moment in (vn(2026, 11, 30, 8, 30), vn(2026, 11, 30, 9, 30)):
            with clock(moment), self.captureOnCommitCallbacks(execute=True):
                call_command("qa_reminders", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["dvhai@example.vn", "kinhte@example.vn"])
        for moment in (vn(2026, 12, 1, 8, 30), vn(2026, 12, 1, 9, 30)):
            with clock(moment), self.captureOnCommitCallbacks(execute=True):
                call_command("qa_reminders", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 2)
        kinds = list(self.question.events.values_list("kind", flat=True))
        self.assertEqual(kinds.count("reminded"), 1)
        self.assertEqual(kinds.count("overdue"), 1)


class RetentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.field = field("Hộ tịch")

    @override_app_settings(QA_PERSONAL_DATA_RETENTION_DAYS=30)
    def test_purge__after_the_retention_days_from_the_answer__history_too(self):
        old = make_question(
            self.index, self.field, state=QuestionState.ANSWERED, answered_at=vn(2026, 10, 1, 9, 0)
        )
        old.occupation = "Giáo viên"
        old.save()  # a second history row with personal data
        recent = make_question(
            self.index, self.field, state=QuestionState.ANSWERED, answered_at=vn(2026, 11, 20, 9, 0)
        )
        OutgoingEmail.objects.create(
            to="ltmai@example.vn",
            subject="s",
            body="b",
            purpose="question.receipt",
            reference=f"question:{old.pk}",
        )
        with clock(vn(2026, 11, 25, 0, 0)):
            call_command("purge_personal_data", stdout=StringIO())
            call_command("purge_personal_data", stdout=StringIO())  # idempotent
        old.refresh_from_db()
        recent.refresh_from_db()
        self.assertEqual((old.full_name, old.address, old.email, old.occupation), ("", "", "", ""))
        self.assertEqual(old.asker_initials, "L. T. M.")
        self.assertIsNotNone(old.personal_data_purged_at)
        for row in old.history.all():
            self.assertEqual(
                (row.full_name, row.address, row.email, row.occupation), ("", "", "", "")
            )
        self.assertEqual(OutgoingEmail.objects.get().to, "")
        self.assertEqual(recent.address, ADDRESS)
        self.assertEqual(old.events.filter(kind="purged").count(), 1)
