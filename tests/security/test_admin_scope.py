"""Issue 16, findings 4, 5, 9 and 12: every admin view of a question or an answer keeps to
the rows its listing shows; the e-mail queue shows the technical administrator delivery
only; auditors inspect questions; the answer chooser answers only who may see the answer."""

from __future__ import annotations

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from congthongtin.consultation.models import Answer, QuestionState
from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.core.models import Field, OutgoingEmail
from congthongtin.editorial.models import Delegation, EditorialTask
from tests.consultation.helpers import make_question, make_question_index
from tests.editorial.helpers import assert_denied
from tests.factories import UnitFactory


def make_user(username, role):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(role_group(role))
    return user


def answered_question(index, officer, title):
    question = make_question(
        index,
        Field.objects.order_by("pk").first(),
        title=title,
        state=QuestionState.ASSIGNED,
        unit=UnitFactory(),
        officer=officer,
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
    answer = Answer.objects.create(
        question=question, body="<p>Bản nháp một</p>", author_name="A", live=False
    )
    answer.save_revision(user=officer)
    answer.body = "<p>Bản nháp hai</p>"
    answer.save_revision(user=officer)
    answer.get_workflow().start(answer, officer)
    answer.refresh_from_db()
    return question, answer


class AnswerScopeTests(TestCase):
    """Finding 4 and 12: a unit officer reaches their own answers only, in every view."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_user("dvhai", roles.UNIT_OFFICER)
        cls.other = make_user("nvkhac", roles.UNIT_OFFICER)
        cls.editor = make_user("lvcuong", roles.EDITOR)
        cls.collaborator = make_user("ptdung", roles.COLLABORATOR)
        index = make_question_index()
        cls.own_question, cls.own = answered_question(index, cls.officer, "Câu hỏi của tôi")
        cls.other_question, cls.theirs = answered_question(
            index, cls.other, "Câu hỏi riêng của cán bộ khác"
        )

    def views(self, answer):
        name = "wagtailsnippets_consultation_answer"
        revisions = list(answer.revisions.order_by("pk").values_list("pk", flat=True))
        state = answer.current_workflow_state
        return [
            reverse(f"{name}:history", args=[answer.pk]),
            reverse(f"{name}:history_results", args=[answer.pk]),
            reverse(f"{name}:revisions_compare", args=[answer.pk, revisions[0], revisions[1]]),
            reverse(f"{name}:workflow_history", args=[answer.pk]),
            reverse(f"{name}:workflow_history_detail", args=[answer.pk, state.pk]),
            reverse(f"{name}:usage", args=[answer.pk]),
            reverse(f"{name}:inspect", args=[answer.pk]),
            reverse(f"{name}:edit", args=[answer.pk]),
            reverse("wagtailsnippetchoosers_consultation_answer:chosen", args=[answer.pk]),
        ]

    def test_officer__every_view_of_another_officers_answer__refused(self):
        self.client.force_login(self.officer)
        for url in self.views(self.theirs):
            with self.subTest(url=url):
                response = self.client.get(url)
                assert_denied(self, response)
                self.assertNotIn("cán bộ khác", response.content.decode())

    def test_workflow_reports__officer_sees_own_answers_only__board_sees_all(self):
        # Wagtail's reports list objects in moderation by content type: every answer in
        # moderation, titled with the citizen's question, reached every unit officer.
        reports = [
            reverse("wagtailadmin_reports:workflow"),
            reverse("wagtailadmin_reports:workflow_results"),
            reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("wagtailadmin_reports:workflow_tasks_results"),
        ]
        # A unit officer with a section (page rights) opens the reports.
        from congthongtin.editorial.models import SectionAssignment

        SectionAssignment.objects.create(user=self.officer, section=Page.objects.get(depth=2))
        self.client.force_login(self.officer)
        for url in reports:
            with self.subTest(url=url, who="officer"):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                self.assertNotIn("cán bộ khác", content)
                self.assertIn("Câu hỏi của tôi", content)
        self.client.force_login(self.editor)
        for url in reports:
            with self.subTest(url=url, who="editor"):
                content = self.client.get(url).content.decode()
                self.assertIn("cán bộ khác", content)
                self.assertIn("Câu hỏi của tôi", content)

    def test_officer__every_view_of_own_answer__opens(self):
        self.client.force_login(self.officer)
        for url in self.views(self.own)[:4] + self.views(self.own)[-1:]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_chooser__lists_and_names_only_reachable_answers(self):
        chooser = reverse("wagtailsnippetchoosers_consultation_answer:choose")
        self.client.force_login(self.officer)
        html = self.client.get(chooser).json()["html"]
        self.assertIn("Câu hỏi của tôi", html)
        self.assertNotIn("cán bộ khác", html)
        several = reverse("wagtailsnippetchoosers_consultation_answer:chosen_multiple")
        response = self.client.get(several, {"id": [self.own.pk, self.theirs.pk]})
        self.assertIn("Câu hỏi của tôi", str(response.json()))
        self.assertNotIn("cán bộ khác", str(response.json()))

    def test_chooser__user_without_answer_rights__refused(self):
        chosen = reverse("wagtailsnippetchoosers_consultation_answer:chosen", args=[self.own.pk])
        self.client.force_login(self.collaborator)
        response = self.client.get(chosen)
        assert_denied(self, response)
        self.assertNotIn("Câu hỏi của tôi", response.content.decode())
        self.client.force_login(self.editor)
        self.assertIn("Câu hỏi của tôi", str(self.client.get(chosen).json()))

    def test_answer_shortcut__another_officers_question__refused(self):
        self.client.force_login(self.officer)
        url = reverse("consultation_admin:answer", args=[self.other_question.pk])
        assert_denied(self, self.client.get(url))
        own = reverse("consultation_admin:answer", args=[self.own_question.pk])
        self.assertEqual(self.client.get(own).status_code, 302)


class QuestionInspectTests(TestCase):
    """Finding 9: the inspect view of a question (a field named ``field``) rendered 500."""

    @classmethod
    def setUpTestData(cls):
        cls.auditor = make_user("hvem", roles.AUDITOR)
        cls.question = make_question(
            make_question_index(), Field.objects.order_by("pk").first(), title="Hỏi về hộ tịch"
        )

    def test_auditor__inspects_a_question_read_only(self):
        self.client.force_login(self.auditor)
        url = reverse("consultation_question:inspect", args=[self.question.pk])
        response = self.client.get(url)
        self.assertContains(response, "Hỏi về hộ tịch")
        self.assertContains(response, self.question.field.name)
        self.assertNotContains(response, reverse("consultation_question:edit", args=[1])[:-2])
        self.assertEqual(self.client.post(url).status_code, 403)  # editorial.middleware

    def test_superuser__deleting_a_question_with_an_answer__refused_with_a_message(self):
        Answer.objects.create(question=self.question, body="<p>x</p>", author_name="A")
        admin = get_user_model().objects.create_superuser("qt", "qt@example.gov.vn", "x" * 12)
        self.client.force_login(admin)
        url = reverse("consultation_question:delete", args=[self.question.pk])
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(type(self.question).objects.filter(pk=self.question.pk).exists())


TRACKING = "https://nhuxuan.gov.vn/hoi-dap/theo-doi/Xy7_Q2mPz4kLw9RtVb3NcA8eHd5JfG6S/"


class OutboxTests(TestCase):
    """Finding 5: the technical administrator sees delivery, never whom, what or links."""

    @classmethod
    def setUpTestData(cls):
        cls.tech = make_user("vtgiang", roles.TECH_ADMIN)
        cls.editor = make_user("lvcuong", roles.EDITOR)
        cls.email = OutgoingEmail.objects.create(
            site=Site.objects.get(is_default_site=True),
            to="phong.nguyen@gmail.com",
            reply_to="phong.nguyen@gmail.com",
            subject="Thư liên hệ: Ông Nguyễn Văn Phong hỏi về đất",
            body=(
                "Người gửi: Nguyễn Văn Phong, điện thoại 0912 345 678\n"
                f"Theo dõi câu hỏi tại {TRACKING}\n"
            ),
            purpose="contact.message",
            attempts=3,
            status=OutgoingEmail.Status.FAILED,
            last_error="550 <phong.nguyen@gmail.com>: mailbox unavailable",
        )

    PRIVATE = ["Phong", "0912 345 678", "phong.nguyen", "Xy7_Q2mPz4kLw9RtVb3NcA8eHd5JfG6S"]

    def assertPrivateAbsent(self, text):
        for needle in self.PRIVATE:
            self.assertNotIn(needle, text)

    def test_tech_admin__listing_inspect_edit_history__delivery_only(self):
        self.client.force_login(self.tech)
        pk = self.email.pk
        for url in (
            reverse("core_outgoingemail:index"),
            reverse("core_outgoingemail:inspect", args=[pk]),
            reverse("core_outgoingemail:edit", args=[pk]),
            reverse("core_outgoingemail:history", args=[pk]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                text = response.content.decode()
                self.assertPrivateAbsent(text)
                if "history" not in url:  # where it goes: the recipients' domain
                    self.assertIn("gmail.com", text)
        inspect = self.client.get(reverse("core_outgoingemail:inspect", args=[pk]))
        self.assertContains(inspect, "mailbox unavailable")
        self.assertContains(inspect, "…@gmail.com")

    def test_tech_admin__export__delivery_only(self):
        self.client.force_login(self.tech)
        url = reverse("core_outgoingemail:index")
        for export in ("csv", "xlsx"):
            response = self.client.get(url, {"export": export})
            self.assertEqual(response.status_code, 200)
            body = b"".join(response.streaming_content)
            if export == "csv":
                text = body.decode("utf-8-sig")
                self.assertPrivateAbsent(text)
                row = next(csv.DictReader(io.StringIO(text)))
                self.assertIn("gmail.com", " ".join(row.values()))
            else:
                for needle in self.PRIVATE:
                    self.assertNotIn(needle.encode(), body)

    def test_tech_admin__search__does_not_look_into_subjects(self):
        self.client.force_login(self.tech)
        url = reverse("core_outgoingemail:index")
        response = self.client.get(url, {"q": "Phong"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["object_list"]), [])
        response = self.client.get(url, {"q": "contact"})
        self.assertEqual([e.pk for e in response.context["object_list"]], [self.email.pk])

    def test_board__reads_the_email_without_the_private_link(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("core_outgoingemail:inspect", args=[self.email.pk]))
        self.assertContains(response, "Ông Nguyễn Văn Phong hỏi về đất")
        self.assertContains(response, "0912 345 678")
        self.assertContains(response, "https://nhuxuan.gov.vn/hoi-dap/theo-doi/…/")
        self.assertNotContains(response, "Xy7_Q2mPz4kLw9RtVb3NcA8eHd5JfG6S")


class DelegationTests(TestCase):
    """A delegation is changed only by the person who gave it."""

    @classmethod
    def setUpTestData(cls):
        cls.head = make_user("nvan", roles.HEAD)
        cls.deputy = make_user("ttbinh", roles.DEPUTY)
        cls.editor = make_user("lvcuong", roles.EDITOR)
        cls.delegation = Delegation.objects.create(
            delegator=cls.head,
            delegate=cls.editor,
            task=EditorialTask.objects.get(step=3),
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(days=7),
            reason="Đi công tác",
        )

    def test_deputy__cannot_rename_the_delegate_of_the_heads_delegation(self):
        self.client.force_login(self.deputy)
        url = reverse("editorial_delegation:edit", args=[self.delegation.pk])
        now = timezone.localtime()
        response = self.client.post(
            url,
            {
                "delegate": self.deputy.pk,
                "task": self.delegation.task_id,
                "starts_at": now.strftime("%Y-%m-%d %H:%M"),
                "ends_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
                "reason": "Tự ủy quyền",
            },
        )
        assert_denied(self, response)
        self.delegation.refresh_from_db()
        self.assertEqual(self.delegation.delegate, self.editor)
        self.client.force_login(self.head)
        self.assertEqual(self.client.get(url).status_code, 200)
