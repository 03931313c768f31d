"""Citizens' data per body (R-SITE-1): two bodies on one install, each body's board and
auditors reach their own body's questions, answers, comments, contact messages, ratings,
subscribers and exports only; a person on both boards acts on each within that role; the
province-wide auditor reads every body and changes nothing; answers follow the workflow of
their question's body."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation.models import (
    Answer,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationSubscriber,
    ContactMessage,
    ContactPage,
    PageFeedback,
    QuestionIndexPage,
    QuestionState,
)
from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.core.models import Unit
from tests.editorial.helpers import assert_denied
from tests.factories import make_portal

from .helpers import field, make_question, vn


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(*groups)
    forget_memberships(user)
    return user


class Body:
    """A body's pages and one row of each kind of citizens' data."""

    def __init__(self, site, label):
        home = site.root_page
        self.site = site
        self.qa = home.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        self.contact = home.add_child(instance=ContactPage(title="Liên hệ", slug="lien-he"))
        consultations = home.add_child(
            instance=ConsultationIndexPage(title="Lấy ý kiến dự thảo", slug="du-thao")
        )
        self.draft = consultations.add_child(
            instance=ConsultationPage(
                title=f"Dự thảo quy chế {label}",
                opens_at=vn(2026, 1, 1),
                closes_at=vn(2030, 1, 1),
                summary="Tóm tắt",
            )
        )
        self.unit = Unit.objects.create(site=site, name=f"Phòng Kinh tế {label}")
        self.question = make_question(
            self.qa,
            field(),
            title=f"Câu hỏi của {label}",
            full_name=f"Người hỏi {label}",
            state=QuestionState.ASSIGNED,
            unit=self.unit,
            due_at=timezone.now() + datetime.timedelta(days=5),
        )
        self.answer = Answer.objects.create(
            question=self.question, body="<p>Trả lời</p>", author_name="A", live=False
        )
        comment = ConsultationComment(
            page=self.draft, full_name=f"Người góp ý {label}", email="g@example.vn", text="Ý"
        )
        comment.attachment.save("gop-y.pdf", ContentFile(b"%PDF-1.4 thu"), save=False)
        comment.save()
        self.comment = comment
        self.message = ContactMessage.objects.create(
            site=site,
            page=self.contact,
            full_name=f"Người liên hệ {label}",
            email="l@example.vn",
            subject=f"Thư của {label}",
            message="Nội dung",
        )
        self.rating = PageFeedback.objects.create(
            page=self.draft, useful=True, comment=f"Nhận xét {label}"
        )
        self.subscriber = ConsultationSubscriber.objects.create(
            site=site, email=f"theo-doi-{label}@example.vn"
        )


class BodiesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        site_a = Site.objects.get(is_default_site=True)
        site_b, _home = make_portal("xa-b.example.vn", "UBND xã Bình Lương", "UBND xã Bình Lương")
        cls.a = Body(site_a, "A")
        cls.b = Body(site_b, "B")
        cls.editor_a = make_user("bientap_a", role_group(roles.EDITOR))
        cls.both = make_user("hai_noi", role_group(roles.EDITOR), role_group(roles.AUDITOR, site_b))
        cls.province = make_user("kiemtra_tinh", role_group(roles.PROVINCE_AUDITOR))

    def login(self, user):
        forget_memberships(user)
        self.client.force_login(user)


class ScopeTests(BodiesTestCase):
    LISTINGS = {
        "consultation_question:index": "question",
        "wagtailsnippets_consultation_answer:list": "answer",
        "consultation_comment:index": "comment",
        "consultation_contact:index": "message",
        "consultation_pagefeedback:index": "rating",
        "consultation_subscriber:index": "subscriber",
    }

    def edit_urls(self, body):
        return [
            reverse("consultation_question:edit", args=[body.question.pk]),
            reverse("consultation_question:inspect", args=[body.question.pk]),
            reverse("consultation_question:history", args=[body.question.pk]),
            reverse("wagtailsnippets_consultation_answer:edit", args=[body.answer.pk]),
            reverse("wagtailsnippets_consultation_answer:inspect", args=[body.answer.pk]),
            reverse("wagtailsnippets_consultation_answer:history", args=[body.answer.pk]),
            reverse("consultation_comment:edit", args=[body.comment.pk]),
            reverse("consultation_comment:history", args=[body.comment.pk]),
            reverse("consultation_contact:edit", args=[body.message.pk]),
            reverse("consultation_pagefeedback:edit", args=[body.rating.pk]),
            reverse("consultation_admin:assign", args=[body.question.pk]),
            reverse("consultation_admin:refuse", args=[body.question.pk]),
            reverse("consultation_admin:answer", args=[body.question.pk]),
        ]

    def test_listings__editor_of_a__only_a_rows(self):
        self.login(self.editor_a)
        for name in self.LISTINGS:
            response = self.client.get(reverse(name))
            self.assertEqual(response.status_code, 200, name)
            listed = {row.pk for row in response.context["object_list"]}
            self.assertIn(getattr(self.a, self.LISTINGS[name]).pk, listed, name)
            self.assertNotIn(getattr(self.b, self.LISTINGS[name]).pk, listed, name)

    def test_every_view_of_b__editor_of_a__refused(self):
        self.login(self.editor_a)
        for url in self.edit_urls(self.b):
            with self.subTest(url=url):
                assert_denied(self, self.client.get(url))
        for url in self.edit_urls(self.a):
            with self.subTest(url=url):
                self.assertIn(self.client.get(url).status_code, (200, 302), url)

    def test_actions_on_b__editor_of_a__refused_nothing_changed(self):
        self.login(self.editor_a)
        response = self.client.post(
            reverse("consultation_admin:refuse", args=[self.b.question.pk]),
            {"reason": "out-of-scope", "guidance": "Không thuộc phạm vi"},
        )
        assert_denied(self, response)
        response = self.client.post(
            reverse("consultation_comment:edit", args=[self.b.comment.pk]),
            {"status": "approved", "moderation_note": "", "response": ""},
        )
        assert_denied(self, response)
        response = self.client.post(
            reverse("consultation_contact:edit", args=[self.b.message.pk]),
            {"handled": "on", "handling_note": "Đã xử lý"},
        )
        assert_denied(self, response)
        self.b.question.refresh_from_db()
        self.b.comment.refresh_from_db()
        self.b.message.refresh_from_db()
        self.assertEqual(self.b.question.state, QuestionState.ASSIGNED)
        self.assertEqual(self.b.comment.status, ConsultationComment.Status.PENDING)
        self.assertFalse(self.b.message.handled)

    def test_exports__editor_of_a__only_a_rows(self):
        self.login(self.editor_a)
        exports = {
            "consultation_question:index": ("Câu hỏi của A", "Câu hỏi của B"),
            "consultation_comment:index": ("Người góp ý A", "Người góp ý B"),
            "consultation_contact:index": ("Thư của A", "Thư của B"),
            "consultation_pagefeedback:index": ("Nhận xét A", "Nhận xét B"),
        }
        for name, (own, other) in exports.items():
            with self.subTest(name=name):
                response = self.client.get(reverse(name), {"export": "csv"})
                self.assertEqual(response.status_code, 200)
                content = b"".join(response.streaming_content).decode("utf-8")
                self.assertIn(own, content)
                self.assertNotIn(other, content)
        response = self.client.get(reverse("consultation_admin:feedback_report"))
        self.assertEqual([row.page_id for row in response.context["rows"]], [self.a.draft.pk])
        self.assertEqual([c.pk for c in response.context["comments"]], [self.a.rating.pk])

    def test_dashboard__editor_of_a__counts_only_a(self):
        self.login(self.editor_a)
        response = self.client.get(reverse("consultation_admin:dashboard"))
        counts = {row["value"]: row["count"] for row in response.context["states"]}
        self.assertEqual(counts[QuestionState.ASSIGNED], 1)

    def test_comment_file__editor_of_a__b_refused(self):
        self.login(self.editor_a)
        url = reverse("consultation_admin:comment_attachment", args=[self.b.comment.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        url = reverse("consultation_admin:comment_attachment", args=[self.a.comment.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_answer_chooser__editor_of_a__only_a(self):
        self.login(self.editor_a)
        response = self.client.get(reverse("wagtailsnippetchoosers_consultation_answer:choose"))
        self.assertEqual(response.status_code, 200)
        content = response.json()["html"]
        self.assertIn("Câu hỏi của A", content)
        self.assertNotIn("Câu hỏi của B", content)


class PersonOnBothBoardsTests(BodiesTestCase):
    """Editor on A, auditor on B: acts on A's rows, only reads B's."""

    def test_reads_both__acts_on_a_only(self):
        self.login(self.both)
        listed = {
            q.pk
            for q in self.client.get(reverse("consultation_question:index")).context["object_list"]
        }
        self.assertEqual(listed, {self.a.question.pk, self.b.question.pk})
        for body in (self.a, self.b):
            url = reverse("consultation_question:inspect", args=[body.question.pk])
            self.assertEqual(self.client.get(url).status_code, 200)
        a_edit = reverse("consultation_question:edit", args=[self.a.question.pk])
        self.assertEqual(self.client.get(a_edit).status_code, 200)
        for url in (
            reverse("consultation_question:edit", args=[self.b.question.pk]),
            reverse("wagtailsnippets_consultation_answer:edit", args=[self.b.answer.pk]),
            reverse("consultation_comment:edit", args=[self.b.comment.pk]),
            reverse("consultation_contact:edit", args=[self.b.message.pk]),
        ):
            with self.subTest(url=url):
                assert_denied(self, self.client.get(url))
        for name in ("assign", "refuse", "answer"):
            url = reverse(f"consultation_admin:{name}", args=[self.b.question.pk])
            assert_denied(self, self.client.get(url))

    def test_moderates_comment_of_a__not_of_b(self):
        self.login(self.both)
        data = {"status": "approved", "moderation_note": "", "response": ""}
        response = self.client.post(
            reverse("consultation_comment:edit", args=[self.a.comment.pk]), data
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            reverse("consultation_comment:edit", args=[self.b.comment.pk]), data
        )
        assert_denied(self, response)
        self.a.comment.refresh_from_db()
        self.b.comment.refresh_from_db()
        self.assertEqual(self.a.comment.status, ConsultationComment.Status.APPROVED)
        self.assertEqual(self.a.comment.moderated_by, self.both)
        self.assertEqual(self.b.comment.status, ConsultationComment.Status.PENDING)

    def test_new_answer__only_a_questions_offered(self):
        self.a.answer.delete()
        self.b.answer.delete()
        self.login(self.both)
        response = self.client.get(reverse("wagtailsnippets_consultation_answer:add"))
        offered = set(response.context["form"].fields["question"].queryset)
        self.assertEqual(offered, {self.a.question})


class ProvinceAuditorTests(BodiesTestCase):
    def test_reads_every_body__changes_nothing(self):
        self.login(self.province)
        for name, attr in ScopeTests.LISTINGS.items():
            name_rows = {row.pk for row in self.client.get(reverse(name)).context["object_list"]}
            self.assertIn(getattr(self.a, attr).pk, name_rows, name)
            self.assertIn(getattr(self.b, attr).pk, name_rows, name)
        for body in (self.a, self.b):
            inspect = reverse("consultation_question:inspect", args=[body.question.pk])
            self.assertEqual(self.client.get(inspect).status_code, 200)
            for url in (
                reverse("consultation_question:edit", args=[body.question.pk]),
                reverse("consultation_comment:edit", args=[body.comment.pk]),
                reverse("consultation_admin:assign", args=[body.question.pk]),
            ):
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertIn(response.status_code, (302, 403), url)
                    if response.status_code == 302:
                        assert_denied(self, response)


class UnitOfficerTests(BodiesTestCase):
    def test_officer_of_b__question_of_a_given_to_him__not_reached(self):
        officer = make_user("canbo_b", role_group(roles.UNIT_OFFICER, self.b.site))
        self.a.question.officer = officer
        self.a.question.save()
        self.b.question.officer = officer
        self.b.question.save()
        self.login(officer)
        listed = {
            q.pk
            for q in self.client.get(reverse("consultation_question:index")).context["object_list"]
        }
        self.assertEqual(listed, {self.b.question.pk})
        url = reverse("wagtailsnippets_consultation_answer:edit", args=[self.a.answer.pk])
        assert_denied(self, self.client.get(url))
        url = reverse("wagtailsnippets_consultation_answer:edit", args=[self.b.answer.pk])
        self.assertEqual(self.client.get(url).status_code, 200)


class AnswerWorkflowPerBodyTests(BodiesTestCase):
    def approve(self, user, answer):
        self.login(user)
        answer.refresh_from_db()
        state = answer.current_workflow_task_state
        url = reverse(
            "wagtailsnippets_consultation_answer:workflow_action",
            args=[answer.pk, "approve", state.pk],
        )
        return self.client.post(url, {})

    def test_answer_of_b__b_tasks__deputy_of_a_refused(self):
        site_b = self.b.site
        editor_b = make_user("bientap_b", role_group(roles.EDITOR, site_b))
        deputy_b = make_user("pho_b", role_group(roles.DEPUTY, site_b))
        deputy_a = make_user("pho_a", role_group(roles.DEPUTY))
        officer = make_user("canbo_b2", role_group(roles.UNIT_OFFICER, site_b))
        answer = self.b.answer
        answer.question.officer = officer
        answer.question.save()
        workflow = answer.get_workflow()
        self.assertEqual(workflow.workflow_pages.get().page_id, site_b.root_page_id)
        self.assertNotEqual(workflow, self.a.answer.get_workflow())
        answer.save_revision(user=officer)
        workflow.start(answer, officer)
        answer.refresh_from_db()
        task = answer.current_workflow_task.specific
        self.assertEqual(task.site_id, site_b.pk)
        self.assertEqual(
            set(task.groups.all()),
            {
                role_group(roles.EDITOR, site_b),
                role_group(roles.SECRETARY, site_b),
                role_group(roles.STANDING_OFFICE, site_b),
            },
        )
        response = self.approve(editor_b, answer)
        self.assertIn(response.status_code, (200, 302))
        answer.refresh_from_db()
        step2 = answer.current_workflow_task_state
        self.assertEqual(step2.task.specific.step, 2)
        response = self.approve(deputy_a, answer)
        answer.refresh_from_db()
        self.assertEqual(answer.current_workflow_task_state.pk, step2.pk)
        response = self.approve(deputy_b, answer)
        answer.refresh_from_db()
        self.assertEqual(answer.current_workflow_task_state.task.specific.step, 3)


class AssignFormTests(BodiesTestCase):
    def test_officers_offered__only_people_of_the_questions_body(self):
        from congthongtin.consultation.forms import AssignForm

        officer_b = make_user("canbo_b3", role_group(roles.UNIT_OFFICER, self.b.site))
        officer_a = make_user("canbo_a3", role_group(roles.UNIT_OFFICER))
        offered = set(AssignForm(question=self.b.question).fields["officer"].queryset)
        self.assertIn(officer_b, offered)
        self.assertNotIn(officer_a, offered)
        self.assertNotIn(self.editor_a, offered)
        units = set(AssignForm(question=self.b.question).fields["unit"].queryset)
        self.assertEqual(units, {self.b.unit})
