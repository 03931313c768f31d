"""Each body's own Q&A rules (R-QA-1, R-SITE-1): answer times, reminders and retention per
body (``consultation.QASettings``, blank = the install's), deadlines counted on the body's
working calendar, the head of a body edits its own rules and calendar and no other's."""

from __future__ import annotations

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Site

from congthongtin.consultation.deadlines import DeadlineClass, deadline_days, due_at, site_of
from congthongtin.consultation.models import QASettings, QuestionIndexPage, QuestionState
from congthongtin.core import roles, sitecache
from congthongtin.core.bodies import forget_memberships, role_group, work_calendar
from congthongtin.core.models import WorkCalendarSettings
from tests.editorial.helpers import assert_denied
from tests.factories import make_portal

from .helpers import clock, field, make_question, vn

MONDAY = vn(2026, 6, 1, 9, 0)


class QARulesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.addClassCleanup(sitecache.invalidate)  # the calendars are cached per version
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, home_b = make_portal("xa-b.example.vn", "UBND xã Bình", "UBND xã Bình")
        cls.qa_a = cls.site_a.root_page.add_child(
            instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        )
        cls.qa_b = home_b.add_child(instance=QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap"))
        QASettings.objects.create(
            site=cls.site_b,
            deadline_own_days=10,
            reminder_working_days=3,
            personal_data_retention_days=30,
        )

    def test_deadline__blank_is_install_default__set_is_the_bodys(self):
        self.assertEqual(deadline_days(DeadlineClass.OWN, self.site_a), 5)
        self.assertEqual(deadline_days(DeadlineClass.OWN, self.site_b), 10)
        self.assertEqual(deadline_days(DeadlineClass.SEVERAL, self.site_b), 8)  # blank
        calendar = work_calendar(None)
        self.assertEqual(
            due_at(MONDAY, DeadlineClass.OWN, self.site_a), calendar.add_working_days(MONDAY, 5)
        )
        self.assertEqual(
            due_at(MONDAY, DeadlineClass.OWN, self.site_b), calendar.add_working_days(MONDAY, 10)
        )

    def test_deadline__bodys_own_day_off__counted_for_that_body_only(self):
        WorkCalendarSettings.objects.update_or_create(
            site=self.site_a, defaults={"extra_days_off": "02/06/2026"}
        )
        question_a = make_question(self.qa_a, field(), received_at=MONDAY)
        question_b = make_question(self.qa_b, field(), received_at=MONDAY)
        due_a = due_at(MONDAY, DeadlineClass.SEVERAL, site_of(question_a))
        due_b = due_at(MONDAY, DeadlineClass.SEVERAL, site_of(question_b))
        self.assertEqual(due_a - due_b, datetime.timedelta(days=1))

    def test_ask_form__shows_the_bodys_answer_times(self):
        response = self.client.get(
            self.qa_b.relative_url(self.site_b) + "gui-cau-hoi/", HTTP_HOST="xa-b.example.vn"
        )
        self.assertIn(10, [days for _label, days in response.context["deadlines"]])

    def test_reminders__each_question_by_its_bodys_days(self):
        # Due Friday 5 June 17:00; on Wednesday 3 June 09:00 it is 2½ working days away:
        # inside B's 3-day window, outside the install's 1 day.
        due = vn(2026, 6, 5, 17, 0)
        officer = get_user_model().objects.create_user("canbo", "cb@example.vn", "x" * 12)
        questions = {
            body: make_question(
                index, field(), state=QuestionState.ASSIGNED, due_at=due, officer=officer
            )
            for body, index in (("a", self.qa_a), ("b", self.qa_b))
        }
        with clock(vn(2026, 6, 3, 9, 0)), self.captureOnCommitCallbacks(execute=True):
            call_command("qa_reminders", stdout=StringIO())
        reminded = {
            body for body, q in questions.items() if q.events.filter(kind="reminded").exists()
        }
        self.assertEqual(reminded, {"b"})

    def test_purge__each_question_by_its_bodys_retention(self):
        answered = vn(2026, 5, 1, 9, 0)
        questions = {
            body: make_question(index, field(), state=QuestionState.ANSWERED, answered_at=answered)
            for body, index in (("a", self.qa_a), ("b", self.qa_b))
        }
        with clock(vn(2026, 6, 15, 9, 0)):  # 45 days later: past B's 30, within 365
            call_command("purge_personal_data", stdout=StringIO())
        for question in questions.values():
            question.refresh_from_db()
        self.assertEqual(questions["b"].full_name, "")
        self.assertEqual(questions["a"].full_name, "Lương Thị Mai")


class SettingsPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.get(is_default_site=True)
        cls.site_b, _home = make_portal("xa-c.example.vn", "UBND xã Cẩm", "UBND xã Cẩm")
        cls.head_a = get_user_model().objects.create_user("truongban_a", "h@example.vn", "x" * 12)
        cls.head_a.groups.add(role_group(roles.HEAD))
        cls.editor_a = get_user_model().objects.create_user("bientap", "e@example.vn", "x" * 12)
        cls.editor_a.groups.add(role_group(roles.EDITOR))

    def url(self, model, site):
        app, name = model._meta.app_label, model._meta.model_name
        return reverse("wagtailsettings:edit", args=[app, name, site.pk])

    def test_head_of_a__edits_a_rules_and_calendar__not_b(self):
        forget_memberships(self.head_a)
        self.client.force_login(self.head_a)
        for model in (QASettings, WorkCalendarSettings):
            with self.subTest(model=model.__name__):
                self.assertEqual(self.client.get(self.url(model, self.site_a)).status_code, 200)
                assert_denied(self, self.client.get(self.url(model, self.site_b)))
        response = self.client.post(self.url(QASettings, self.site_b), {"deadline_own_days": "2"})
        assert_denied(self, response)
        self.assertFalse(QASettings.objects.filter(site=self.site_b, deadline_own_days=2).exists())
        response = self.client.post(self.url(QASettings, self.site_a), {"deadline_own_days": "7"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(deadline_days(DeadlineClass.OWN, self.site_a), 7)

    def test_editor__edits_no_rules(self):
        self.client.force_login(self.editor_a)
        assert_denied(self, self.client.get(self.url(QASettings, self.site_a)))
