"""The stored e-mail queue (core.outbox; issue 8 §4): an e-mail is written with the data that
causes it, sent after the commit, retried while the mail server is down, never sent twice;
only whoever reads every kind of data the e-mails repeat reads them in the admin."""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail import hooks

from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.core.models import OutgoingEmail
from congthongtin.core.outbox import (
    CONTENT_PERMISSIONS_HOOK,
    deliver,
    queue_email,
    reads_email_content,
    send_pending,
)
from tests.helpers import override_app_settings

FAILING = "tests.core.test_outbox.FailingEmailBackend"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")


def queue(**overrides):
    values = {
        "to": ["ltmai@example.vn", " "],
        "subject": "Đã nhận  câu hỏi\nsố 12",
        "body": "Cảm ơn ông/bà.",
        "purpose": "question.receipt",
        "reference": "question:12",
    }
    values.update(overrides)
    return queue_email(values.pop("to"), values.pop("subject"), values.pop("body"), **values)


class QueueTests(TestCase):
    def test_queued__stored_then_sent_after_the_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            email = queue(reply_to="ban.bientap@example.gov.vn")
        self.assertEqual(email.recipients, ["ltmai@example.vn"])
        self.assertEqual(email.subject, "Đã nhận câu hỏi số 12")
        self.assertEqual((email.status, mail.outbox), ("pending", []))
        for callback in callbacks:
            callback()
        email.refresh_from_db()
        self.assertEqual((email.status, email.attempts), ("sent", 1))
        self.assertEqual(mail.outbox[0].to, ["ltmai@example.vn"])
        self.assertEqual(mail.outbox[0].reply_to, ["ban.bientap@example.gov.vn"])

    def test_no_recipient__nothing_queued(self):
        self.assertIsNone(queue(to=["", "  "]))
        self.assertFalse(OutgoingEmail.objects.exists())

    def test_submission_rolled_back__no_email_stored_or_sent(self):
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    queue()
                    raise RuntimeError("the submission failed")
            except RuntimeError:
                pass
        self.assertFalse(OutgoingEmail.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_sent_once__a_second_delivery_finds_nothing_to_claim(self):
        email = queue()
        self.assertTrue(deliver(email.pk))
        self.assertFalse(deliver(email.pk))
        self.assertEqual(send_pending(), (0, 0))
        self.assertEqual(len(mail.outbox), 1)

    @override_settings(EMAIL_BACKEND=FAILING)
    def test_mail_server_down__kept_pending_with_the_error_then_sent_by_the_command(self):
        with self.captureOnCommitCallbacks(execute=True):
            email = queue()
        email.refresh_from_db()
        self.assertEqual((email.status, email.attempts), ("pending", 1))
        self.assertIn("ConnectionRefusedError", email.last_error)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            out = StringIO()
            call_command("send_pending_emails", stdout=out)
        self.assertEqual(out.getvalue().strip(), "sent=1 not_sent=0")
        email.refresh_from_db()
        self.assertEqual((email.status, email.last_error), ("sent", ""))

    @override_settings(EMAIL_BACKEND=FAILING)
    @override_app_settings(PUBLIC_EMAIL_MAX_ATTEMPTS=2)
    def test_out_of_attempts__kept_as_failed_for_a_person(self):
        email = queue()
        self.assertEqual(send_pending(), (0, 1))
        self.assertEqual(send_pending(), (0, 1))
        email.refresh_from_db()
        self.assertEqual((email.status, email.attempts), ("failed", 2))
        self.assertEqual(send_pending(), (0, 0))

    def test_claim_left_by_a_dead_process__back_in_the_queue(self):
        email = queue()
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status="sending", claimed_at=timezone.now() - datetime.timedelta(minutes=20)
        )
        recent = queue(reference="question:13")
        OutgoingEmail.objects.filter(pk=recent.pk).update(
            status="sending", claimed_at=timezone.now()
        )
        self.assertEqual(send_pending(), (1, 0))
        self.assertEqual(OutgoingEmail.objects.get(pk=email.pk).status, "sent")
        self.assertEqual(OutgoingEmail.objects.get(pk=recent.pk).status, "sending")


class ContentReaderTests(TestCase):
    """Who reads the e-mails: whoever holds every permission the apps whose e-mails repeat
    personal data register (CONTENT_PERMISSIONS_HOOK); the others see the delivery."""

    @classmethod
    def setUpTestData(cls):
        users = get_user_model()
        cls.people = {}
        for username, role in [
            ("lvcuong", roles.EDITOR),
            ("ntkiem", roles.AUDITOR),
            ("vtgiang", roles.TECH_ADMIN),
        ]:
            user = users.objects.create_user(username, f"{username}@example.gov.vn", "x" * 12)
            user.groups.add(role_group(role))
            cls.people[role] = user
        cls.admin = users.objects.create_superuser("qt", "qt@example.gov.vn", "x" * 12)

    def readers(self):
        return {role for role, user in self.people.items() if reads_email_content(user)}

    def test_board_and_auditors_read__technical_administrator_does_not(self):
        self.assertEqual(self.readers(), {roles.EDITOR, roles.AUDITOR})
        self.assertTrue(reads_email_content(self.admin))

    def test_another_app_registering_its_data__only_those_who_read_it_too(self):
        with hooks.register_temporarily(CONTENT_PERMISSIONS_HOOK, lambda: ["editorial.view_audit"]):
            self.assertEqual(self.readers(), {roles.AUDITOR})
            self.assertTrue(reads_email_content(self.admin))
