"""A denouncer's identity and letter (Law on Denunciations Art. 9.1b, 47-48) reach only
the named handler and the head of the body: never the e-mails to anyone but the sender,
the admin's screens of the board, an auditor or a superuser (listing, edit, inspect,
history, search, exports), the board's report, site search, the logs or the audit."""

from __future__ import annotations

import csv
import datetime
import io
import json
import logging
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation import lifecycle
from congthongtin.consultation.confidentiality import CONFIDENTIAL_FIELDS, MASK, shown
from congthongtin.consultation.indexing import index_question
from congthongtin.consultation.models import Answer, Question, QuestionState
from congthongtin.consultation.request_viewsets import DenunciationViewSet
from congthongtin.core import roles
from congthongtin.core.bodies import forget_memberships, role_group
from congthongtin.core.models import OutgoingEmail, Unit

from .helpers import field, make_question_index

NAME = "Đoàn Bímật Zyxwv"
ADDRESS = "Số 77 ngõ Kínđáo Qwerty"
PHONE = "0912777333"
EMAIL = "bimat.zyxwv@example.vn"
LETTER = "NOIDUNGKIN-7731 ông trưởng thôn nhận tiền"
ADDED = "BOSUNGKIN-9917 thêm chứng cứ"
TITLE = "Tố cáo sai phạm đất đai"
MARKERS = ("Zyxwv", "Kínđáo", "Qwerty", PHONE, "bimat.zyxwv", "NOIDUNGKIN", "BOSUNGKIN")


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.gov.vn", "x" * 12)
    user = User.objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
    user.groups.add(*groups)
    forget_memberships(user)
    return user


class ConfidentialityTestCase(TestCase):
    @pytest.fixture(autouse=True)
    def _logs(self, caplog):
        caplog.set_level(logging.DEBUG)
        self.caplog = caplog

    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        site = Site.objects.get(is_default_site=True)
        cls.unit = Unit.objects.create(site=site, name="Thanh tra xã")
        cls.editor = make_user("bientap", role_group(roles.EDITOR))
        cls.head = make_user("truongban", role_group(roles.HEAD))
        cls.handler = make_user("canbo", role_group(roles.UNIT_OFFICER))
        cls.bodyhead = make_user("chutich", role_group(roles.BODY_HEAD))
        cls.auditor = make_user("kiemtra", role_group(roles.AUDITOR))
        cls.root = make_user("quantri", superuser=True)

    def login(self, user):
        forget_memberships(user)
        # The previous user's flash messages ("2026-00001 decided") stay out of the pages.
        self.client.cookies.pop("messages", None)
        self.client.force_login(user)

    def assert_clean(self, text, where):
        for marker in MARKERS:
            self.assertNotIn(marker, text, f"{marker!r} leaked in {where}")

    def post(self, user, name, request, data=None):
        self.login(user)
        url = reverse(f"consultation_admin:{name}", args=[request.pk])
        response = self.client.post(url, data or {})
        self.assertEqual(response.status_code, 302, f"{name}: {response.content[:300]!r}")
        request.refresh_from_db()
        return response

    def life_cycle(self) -> Question:
        """Received, assigned by the board, accepted, asked, answered by the sender,
        extended, reminded, overdue, decided, with every command that sends e-mails."""
        request = Question(
            page=self.index,
            kind="to-cao",
            field=field(),
            title=TITLE,
            body=LETTER,
            full_name=NAME,
            address=ADDRESS,
            phone=PHONE,
            email=EMAIL,
            respondent="Trưởng thôn Xuân Thịnh",
        )
        lifecycle.receive(request, board_email="bbt@example.gov.vn")
        self.post(
            self.editor,
            "assign",
            request,
            {"unit": self.unit.pk, "officer": self.handler.pk, "note": "Giao thanh tra"},
        )
        self.assertEqual(request.state, QuestionState.ASSIGNED)
        self.post(self.handler, "accept", request)
        self.assertIsNotNone(request.accepted_at)
        self.post(self.handler, "ask", request, {"note": "Đề nghị bổ sung chứng cứ."})
        lifecycle.add_information(request, text=ADDED)
        self.post(
            self.bodyhead,
            "extend",
            request,
            {"days": 20, "complexity": "complex", "reason": "Cần xác minh"},
        )
        # A reminder, then an overdue notice, then the daily commands.
        Question.objects.filter(pk=request.pk).update(
            due_at=timezone.now() + datetime.timedelta(hours=2)
        )
        call_command("qa_reminders", stdout=io.StringIO())
        Question.objects.filter(pk=request.pk).update(
            due_at=timezone.now() - datetime.timedelta(days=2)
        )
        call_command("qa_reminders", stdout=io.StringIO())
        call_command("consultation_notifications", stdout=io.StringIO())
        request.refresh_from_db()
        self.post(self.handler, "decide", request, {"note": "Kết luận: tố cáo đúng một phần."})
        self.assertEqual(request.state, QuestionState.ANSWERED)
        return request


class LifeCycleTests(ConfidentialityTestCase):
    def test_emails_and_logs(self):
        request = self.life_cycle()
        emails = OutgoingEmail.objects.all()
        self.assertGreaterEqual(emails.filter(to__contains=self.handler.email).count(), 1)
        to_staff = 0
        for email in emails:
            if email.to.strip() == EMAIL:
                continue  # the sender's own e-mails
            to_staff += 1
            self.assert_clean(
                f"{email.to}\n{email.subject}\n{email.body}", f"e-mail {email.purpose}"
            )
        self.assertGreaterEqual(to_staff, 3)  # the board's notice, the handler's, reminders
        purposes = set(emails.values_list("purpose", flat=True))
        self.assertTrue(
            {
                "question.receipt",
                "question.new",
                "question.assigned",
                "question.information_added",
                "question.reminder",
                "question.overdue",
            }
            <= purposes,
            purposes,
        )
        # The life cycle and the admin's actions log nothing of it.
        self.assert_clean(self.caplog.text, "logs")
        self.assertEqual(request.kind, "to-cao")


class AdminScreensTests(ConfidentialityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

    def setUp(self):
        self.request = self.life_cycle()

    def pages(self, user):
        pk = self.request.pk
        urls = [
            reverse("consultation_denunciation:index"),
            reverse("consultation_denunciation:index") + f"?q={NAME.split()[-1]}",
            reverse("consultation_denunciation:index") + "?q=" + PHONE,
            reverse("consultation_denunciation:inspect", args=[pk]),
            reverse("consultation_denunciation:edit", args=[pk]),
            reverse("consultation_denunciation:history", args=[pk]),
            reverse("consultation_question:index") + f"?q={NAME.split()[-1]}",
            reverse("consultation_admin:request", args=[pk]),
            reverse("consultation_admin:requests_dashboard"),
            reverse("consultation_admin:dashboard"),
            reverse("editorial:audit_records", args=["consultation.question"]),
        ]
        self.login(user)
        shown_pages = 0
        for url in urls:
            response = self.client.get(url)
            if response.status_code == 200:
                shown_pages += 1
                page = response.content.decode()
                if "?q=" in url:
                    # The search box repeats what was typed: nothing may be found by it.
                    query = url.split("?q=")[1]
                    self.assertNotIn(self.request.code, page, f"{url} for {user.username}")
                    page = page.replace(query, "")
                self.assert_clean(page, f"{url} for {user.username}")
        return shown_pages

    def test_board_auditor_superuser_never_see_it(self):
        for user in (self.editor, self.head, self.auditor, self.root):
            with self.subTest(user.username):
                self.assertGreaterEqual(self.pages(user), 5)

    def test_the_masked_edit_form_has_no_confidential_field(self):
        for user in (self.editor, self.root):
            self.login(user)
            response = self.client.get(
                reverse("consultation_denunciation:edit", args=[self.request.pk])
            )
            self.assertEqual(response.status_code, 200)
            fields = set(response.context["form"].fields)
            self.assertFalse(fields & set(CONFIDENTIAL_FIELDS), fields)
            self.assertIn("title", fields)
            page = response.content.decode()
            self.assertNotIn('name="body"', page)
            self.assertIn(str(MASK), page)
            # Saving the masked form keeps the letter and the sender as they were.
            data = {
                "title": TITLE + " (sửa)",
                "respondent": "Trưởng thôn",
                "field": self.request.field_id,
                "publish_on_portal": "",
                "public_place": "",
            }
            self.client.post(
                reverse("consultation_denunciation:edit", args=[self.request.pk]), data
            )
            self.request.refresh_from_db()
            self.assertEqual(self.request.body, LETTER)
            self.assertEqual(self.request.full_name, NAME)

    def test_search_by_name_finds_nothing(self):
        self.login(self.root)
        url = reverse("consultation_denunciation:index")
        for query in (NAME.split()[-1], PHONE, "NOIDUNGKIN", "bimat.zyxwv"):
            response = self.client.get(url, {"q": query})
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, self.request.code)
        response = self.client.get(url, {"q": "đất đai"})
        self.assertContains(response, self.request.code)

    def test_inspect_masks(self):
        self.login(self.auditor)
        response = self.client.get(
            reverse("consultation_denunciation:inspect", args=[self.request.pk])
        )
        self.assertContains(response, str(MASK))
        self.assertContains(response, TITLE)

    def test_the_handler_and_the_body_head_see_it(self):
        for user in (self.handler, self.bodyhead):
            with self.subTest(user.username):
                self.login(user)
                response = self.client.get(
                    reverse("consultation_admin:request", args=[self.request.pk])
                )
                self.assertContains(response, NAME)
                self.assertContains(response, ADDRESS)
                self.assertContains(response, PHONE)
                self.assertContains(response, EMAIL)
                self.assertContains(response, "NOIDUNGKIN-7731")
                self.assertContains(response, ADDED)  # the sender's added information
                self.assertEqual(shown(user, self.request, "full_name"), NAME)
        self.assertEqual(shown(self.editor, self.request, "full_name"), MASK)
        self.assertEqual(shown(self.root, self.request, "body"), MASK)


class ExportTests(ConfidentialityTestCase):
    def setUp(self):
        self.request = self.life_cycle()

    def test_viewset_exports(self):
        self.assertFalse(set(DenunciationViewSet.list_export) & set(CONFIDENTIAL_FIELDS))
        self.assertFalse(set(DenunciationViewSet.search_fields) & set(CONFIDENTIAL_FIELDS))
        for user in (self.editor, self.auditor, self.root):
            self.login(user)
            for namespace in ("consultation_denunciation", "consultation_question"):
                url = reverse(f"{namespace}:index")
                response = self.client.get(url + "?export=csv")
                self.assertEqual(response.status_code, 200)
                text = b"".join(response.streaming_content).decode("utf-8-sig")
                rows = list(csv.reader(io.StringIO(text)))
                self.assert_clean(text, f"{namespace} CSV for {user.username}")
                if namespace == "consultation_denunciation":
                    self.assertTrue(any(self.request.code in row for row in rows))
                response = self.client.get(url + "?export=xlsx")
                self.assertEqual(response.status_code, 200)
                content = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                self.assert_clean(unzipped(content), f"{namespace} XLSX for {user.username}")

    def test_the_boards_report(self):
        from congthongtin.core.reports import Period
        from congthongtin.stats import report, report_exports

        site = Site.objects.get(is_default_site=True)
        today = timezone.localdate()
        period = Period.month(today.year, today.month)
        sections = report.collect(site, period)
        self.assertTrue(sections)
        self.assert_clean(unzipped(report_exports.report_xlsx(site, period, sections)), "XLSX")
        self.assert_clean(unzipped(report_exports.report_docx(site, period, sections)), "DOCX")

    def test_site_search_and_audit(self):
        # Even a denunciation whose settlement is published on the portal.
        answer = Answer.objects.create(
            question=self.request, body="<p>Kết luận công khai</p>", author_name="A", live=True
        )
        Question.objects.filter(pk=self.request.pk).update(publish_on_portal=True)
        self.request.refresh_from_db()
        self.request.answer = answer
        index_question(self.request)
        from congthongtin.search.models import SearchDocument

        rows = list(SearchDocument.objects.values())
        self.assert_clean(json.dumps(rows, default=str, ensure_ascii=False), "site search")
        out = io.StringIO()
        call_command("editorial_audit", stdout=out)
        self.assert_clean(out.getvalue(), "editorial_audit")
        self.assert_clean(self.caplog.text, "logs")

    def test_the_audits_data_history_masks_a_change_of_the_letter_or_sender(self):
        # The handler (who may) corrects the sender's address and the letter: the audit's
        # field-level history shows that they changed, never the old or new values.
        self.request.address = ADDRESS + " (sửa)"
        self.request.body = LETTER + " (bổ sung)"
        self.request.save()
        for user in (self.auditor, self.root):
            with self.subTest(user.username):
                self.login(user)
                response = self.client.get(
                    reverse("editorial:audit_records", args=["consultation.question"])
                )
                self.assertEqual(response.status_code, 200)
                page = response.content.decode()
                self.assert_clean(page, f"audit data history for {user.username}")
                self.assertIn("Được giữ bí mật", page)


def unzipped(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )
