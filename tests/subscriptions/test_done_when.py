"""Issue 23 §5, "Done when": a subscriber to a field gets one daily digest listing the two
documents published that day in that field, survives a mail outage, and unsubscribes in one
click."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from congthongtin.core.models import Field, OutgoingEmail
from congthongtin.subscriptions.models import DigestSent

from .helpers import (
    FAILING,
    LOCMEM,
    confirm,
    links_in,
    make_library,
    make_subscription_page,
    publish_document,
    subscribe,
    subscription_emails,
    subscription_of,
)


def send_digests(day: datetime.date) -> str:
    out = StringIO()
    call_command("send_digests", "--daily", f"--day={day.isoformat()}", stdout=out)
    return out.getvalue()


class DailyDigestOfAFieldTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_subscription_page()
        cls.library = make_library()
        cls.field = Field.objects.create(name="Đất đai thử")
        cls.other = Field.objects.create(name="Giáo dục thử")

    def test_one_digest_of_the_two_documents__once__through_an_outage__then_one_click_out(self):
        client = Client()
        response = subscribe(
            client, self.page, "Dan.Thu@Example.vn", topic_field=[str(self.field.pk)]
        )
        self.assertEqual(response.status_code, 302)
        subscription = subscription_of("dan.thu@example.vn")  # stored lower-cased
        self.assertEqual(confirm(client, self.page, subscription).status_code, 200)
        subscription.refresh_from_db()
        self.assertTrue(subscription.is_active)

        today = timezone.localdate()
        first = publish_document(self.library, "Quyết định giao đất thôn Xuân Thịnh", [self.field])
        second = publish_document(
            self.library, "Kế hoạch sử dụng đất năm 2027", [self.field, self.other]
        )
        publish_document(self.library, "Kế hoạch tuyển sinh lớp 1", [self.other])

        # The mail server is down while the digest goes out.
        with override_settings(EMAIL_BACKEND=FAILING), self.captureOnCommitCallbacks(execute=True):
            output = send_digests(today)
        self.assertIn("sent=1", output)
        digests = subscription_emails()
        self.assertEqual(len(digests), 1)
        digest = digests[0]
        self.assertEqual(digest.recipients, ["dan.thu@example.vn"])
        self.assertEqual((digest.status, digest.attempts), ("pending", 1))
        self.assertIn("ConnectionRefusedError", digest.last_error)
        self.assertIn(first.title, digest.body)
        self.assertIn(second.title, digest.body)  # in both fields: listed once
        self.assertEqual(digest.body.count(second.title), 1)
        self.assertNotIn("Kế hoạch tuyển sinh lớp 1", digest.body)
        self.assertIn("2 ", digest.subject)

        # Run twice: no second digest.
        with self.captureOnCommitCallbacks(execute=True):
            self.assertIn("sent=0 already=1", send_digests(today))
        self.assertEqual(len(subscription_emails()), 1)
        self.assertEqual(DigestSent.objects.filter(subscription=subscription).count(), 1)

        # The server is back: the stored e-mail goes on the next retry, with its headers.
        with override_settings(EMAIL_BACKEND=LOCMEM):
            out = StringIO()
            call_command("send_pending_emails", stdout=out)
        self.assertIn("not_sent=0", out.getvalue())  # the digest (and the confirmation)
        digest.refresh_from_db()
        self.assertEqual(digest.status, "sent")
        sent = [message for message in mail.outbox if message.subject == digest.subject]
        self.assertEqual(len(sent), 1)
        message = sent[0]
        self.assertEqual(message.to, ["dan.thu@example.vn"])
        unsubscribe_url = message.extra_headers["List-Unsubscribe"].split(",")[0].strip("<> ")
        self.assertEqual(
            message.extra_headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
        )
        self.assertIn(unsubscribe_url, message.body)

        # One click: the mail client's RFC 8058 POST, without cookie or CSRF token.
        path = unsubscribe_url.split("://", 1)[1].split("/", 1)[1]
        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post("/" + path, {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        subscription.refresh_from_db()
        self.assertIsNotNone(subscription.unsubscribed_at)

        # Nothing afterwards.
        tomorrow = today + datetime.timedelta(days=1)
        with self.captureOnCommitCallbacks(execute=True):
            publish_document(self.library, "Quyết định thu hồi đất", [self.field])
        with self.captureOnCommitCallbacks(execute=True):
            send_digests(tomorrow)
            send_digests(today)
        self.assertEqual(len(subscription_emails()), 1)
        self.assertEqual(OutgoingEmail.objects.filter(purpose="subscription.immediate").count(), 0)

    def test_the_link_in_the_body_unsubscribes_in_one_click(self):
        client = Client()
        subscribe(client, self.page, "lan@example.vn", topic_field=[str(self.field.pk)])
        subscription = subscription_of("lan@example.vn")
        confirm(client, self.page, subscription)
        publish_document(self.library, "Quyết định giao đất", [self.field])
        publish_document(self.library, "Quyết định giao rừng", [self.field])
        send_digests(timezone.localdate())
        body = subscription_emails()[0].body
        link = next(url for url in links_in(body) if "/huy/" in url)
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]

        # The link shows the button (a mail scanner following it unsubscribes nobody)...
        page = Client().get(path, follow=True)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "<button")
        subscription.refresh_from_db()
        self.assertIsNone(subscription.unsubscribed_at)
        # ...and the one click on it unsubscribes, with no login.
        form_action = page.redirect_chain[-1][0] if page.redirect_chain else path
        done = Client().post(form_action, follow=True)
        self.assertEqual(done.status_code, 200)
        subscription.refresh_from_db()
        self.assertIsNotNone(subscription.unsubscribed_at)
        self.assertContains(done, 'role="status"')
