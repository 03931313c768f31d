"""The board's screens render for the roles that use them (and not for the others)."""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation.models import (
    Answer,
    ConsultationComment,
    ContactMessage,
    PageFeedback,
    QuestionState,
)
from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.core.models import OutgoingEmail
from tests.editorial.helpers import assert_denied
from tests.factories import UnitFactory

from .helpers import (
    clock,
    field,
    make_consultation,
    make_consultation_index,
    make_question,
    make_question_index,
    vn,
)


class AdminScreensTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.editor = User.objects.create_user("lvcuong", "e@example.vn", "x" * 12)
        cls.editor.groups.add(role_group(roles.EDITOR))
        cls.collaborator = User.objects.create_user("ptdung", "c@example.vn", "x" * 12)
        cls.collaborator.groups.add(role_group(roles.COLLABORATOR))
        cls.auditor = User.objects.create_user("hvem", "a@example.vn", "x" * 12)
        cls.auditor.groups.add(role_group(roles.AUDITOR))
        index = make_question_index()
        cls.unit = UnitFactory(name="Phòng Kinh tế")
        cls.question = make_question(
            index,
            field(),
            state=QuestionState.ASSIGNED,
            unit=cls.unit,
            due_at=timezone.now() + datetime.timedelta(days=3),
        )
        cls.answer = Answer.objects.create(
            question=cls.question, body="<p>Trả lời</p>", author_name="Lê Đình Tuấn"
        )
        consultations = make_consultation_index()
        page = make_consultation(consultations, opens_at=vn(2026, 1, 1), closes_at=vn(2027, 1, 1))
        with clock(vn(2026, 6, 1)):
            cls.comment = ConsultationComment.objects.create(
                page=page, full_name="Trần Văn Nam", email="n@example.vn", text="Góp ý"
            )
        cls.message = ContactMessage.objects.create(
            site=Site.objects.get(is_default_site=True),
            full_name="A",
            email="a@example.vn",
            subject="Hỏi",
            message="Nội dung",
        )
        PageFeedback.objects.create(page=page, useful=True, comment="Rõ ràng")
        OutgoingEmail.objects.create(to="x@example.vn", subject="Thử", body="b", purpose="t")

    def urls(self):
        return [
            reverse("consultation_admin:dashboard"),
            reverse("consultation_question:index"),
            reverse("consultation_question:edit", args=[self.question.pk]),
            reverse("consultation_admin:assign", args=[self.question.pk]),
            reverse("consultation_admin:refuse", args=[self.question.pk]),
            reverse("wagtailsnippets_consultation_answer:list"),
            reverse("wagtailsnippets_consultation_answer:edit", args=[self.answer.pk]),
            reverse("consultation_comment:index"),
            reverse("consultation_comment:edit", args=[self.comment.pk]),
            reverse("consultation_contact:index"),
            reverse("consultation_contact:edit", args=[self.message.pk]),
            reverse("consultation_admin:feedback_report"),
            reverse("consultation_pagefeedback:index"),
            reverse("consultation_subscriber:index"),
            reverse("core_outgoingemail:index"),
        ]

    def test_board_member__every_screen_renders(self):
        self.client.force_login(self.editor)
        for url in self.urls():
            if "thu-gui-di" in url or "dang-ky-nhan-tin" in url:
                continue
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
        response = self.client.get(reverse("consultation_question:edit", args=[self.question.pk]))
        self.assertContains(response, "Lương Thị Mai")  # the board sees the asker
        self.assertContains(response, reverse("consultation_admin:assign", args=[self.question.pk]))

    def test_superuser__menu_and_queue(self):
        admin = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x" * 12)
        self.client.force_login(admin)
        for url in self.urls():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("consultation_admin:dashboard"))

    def test_new_answer__for_a_question(self):
        other = make_question(
            self.question.page,
            field(),
            title="Câu hỏi mới",
            state=QuestionState.ASSIGNED,
            unit=self.unit,
        )
        self.client.force_login(self.editor)
        response = self.client.get(reverse("consultation_admin:answer", args=[other.pk]))
        self.assertRedirects(
            response,
            reverse("wagtailsnippets_consultation_answer:add") + f"?question={other.pk}",
            fetch_redirect_response=False,
        )
        response = self.client.get(response["Location"])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<option value="{other.pk}" selected>')

    def test_new_answer__officer_chooses_only_own_assigned_questions(self):
        officer = get_user_model().objects.create_user("dvhai", "h@example.vn", "x" * 12)
        officer.groups.add(role_group(roles.UNIT_OFFICER))
        mine = make_question(
            self.question.page,
            field(),
            title="Của tôi",
            state=QuestionState.ASSIGNED,
            unit=self.unit,
            officer=officer,
        )
        theirs = make_question(
            self.question.page,
            field(),
            title="Của người khác",
            state=QuestionState.ASSIGNED,
            unit=self.unit,
        )
        self.client.force_login(officer)
        response = self.client.get(reverse("wagtailsnippets_consultation_answer:add"))
        self.assertEqual(response.status_code, 200)
        choices = [pk for pk, _label in response.context["form"].fields["question"].choices if pk]
        self.assertEqual([int(str(pk)) for pk in choices], [mine.pk])
        self.assertNotEqual(mine.pk, theirs.pk)

    def test_comment_file__only_for_moderators(self):
        self.client.force_login(self.collaborator)
        assert_denied(self, self.client.get(reverse("consultation_admin:dashboard")))
        assert_denied(self, self.client.get(reverse("consultation_comment:index")))

    def test_auditor__reads_but_changes_nothing(self):
        self.client.force_login(self.auditor)
        self.assertEqual(self.client.get(reverse("consultation_admin:dashboard")).status_code, 200)
        self.assertEqual(self.client.get(reverse("consultation_comment:index")).status_code, 200)
        assert_denied(
            self,
            self.client.get(reverse("consultation_admin:assign", args=[self.question.pk])),
        )
