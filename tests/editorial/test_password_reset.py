"""Issue 16, finding 13: the "forgot password" e-mail is rate-limited per address typed and
per client, and the limited answer is the same whether or not the address has an account."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from editorial.views.password import LIMITED_MESSAGE

URL = reverse("wagtailadmin_password_reset")
DONE = reverse("wagtailadmin_password_reset_done")


class PasswordResetRateLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_user(
            "lvcuong", "cuong@thanhhoa.gov.vn", "Mật-khẩu-dài-2026"
        )

    def setUp(self):
        cache.clear()
        with translation.override("vi"):
            self.message = str(LIMITED_MESSAGE)

    def ask(self, email, address="10.0.0.1", **headers):
        return self.client.post(URL, {"email": email}, REMOTE_ADDR=address, **headers)

    def test_fourth_request_for_an_address__no_mail__clear_message(self):
        for _ in range(3):
            self.assertRedirects(self.ask("cuong@thanhhoa.gov.vn"), DONE)
        self.assertEqual(len(mail.outbox), 3)
        response = self.ask("CUONG@thanhhoa.gov.vn ", address="10.0.0.2")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, self.message, status_code=429)
        self.assertEqual(len(mail.outbox), 3)
        # Another address from the same client is not affected.
        self.assertRedirects(self.ask("khac@thanhhoa.gov.vn"), DONE)

    def test_same_answers_with_and_without_an_account(self):
        def answers(email):
            responses = [self.ask(email, address=f"10.0.1.{i}") for i in range(4)]
            text = responses[-1].content.decode()
            # Leave out what differs by design: CSRF tokens, the address typed.
            text = re.sub(r'value="[^"]*"', 'value=""', text)
            text = re.sub(r'"CSRF_TOKEN": "[^"]*"', "", text)
            return [r.status_code for r in responses], text

        known, unknown = answers("cuong@thanhhoa.gov.vn"), answers("khong-co@thanhhoa.gov.vn")
        self.assertEqual(known[0], [302, 302, 302, 429])
        self.assertEqual(known, unknown)
        self.assertIn(self.message, unknown[1])

    def test_eleventh_request_from_a_client__no_mail__forged_header_no_help(self):
        for i in range(10):
            self.assertRedirects(self.ask(f"nguoi{i}@thanhhoa.gov.vn"), DONE)
        sent = len(mail.outbox)
        response = self.ask("cuong@thanhhoa.gov.vn", HTTP_X_FORWARDED_FOR="203.0.113.9")
        self.assertContains(response, self.message, status_code=429)
        self.assertEqual(len(mail.outbox), sent)
        # Another client is not affected.
        self.assertRedirects(self.ask("cuong@thanhhoa.gov.vn", address="10.0.0.77"), DONE)
        self.assertEqual(len(mail.outbox), sent + 1)
