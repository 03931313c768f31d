"""Issue 16, finding 13: the "forgot password" e-mail is rate-limited per address typed and
per client, and the limited answer is the same whether or not the address has an account."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from congthongtin.editorial.views.password import LIMITED_MESSAGE
from tests.helpers import override_app_settings

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


@override_app_settings(PUBLIC_FORM_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
class BehindTheProxyTests(TestCase):
    """Behind nginx every request comes from the proxy's address: the lockout and the reset
    limit count the address nginx puts in X-Real-IP, never one the client made up."""

    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_user(
            "lvcuong", "cuong@thanhhoa.gov.vn", "Mật-khẩu-dài-2026"
        )

    def setUp(self):
        cache.clear()

    def ask(self, email, client):
        return self.client.post(
            URL, {"email": email}, REMOTE_ADDR="172.18.0.2", HTTP_X_REAL_IP=client
        )

    def test_reset_limit__per_client_behind_the_proxy(self):
        for i in range(10):
            self.assertRedirects(self.ask(f"nguoi{i}@thanhhoa.gov.vn", "198.51.100.1"), DONE)
        self.assertEqual(self.ask("a@thanhhoa.gov.vn", "198.51.100.1").status_code, 429)
        self.assertRedirects(self.ask("b@thanhhoa.gov.vn", "198.51.100.2"), DONE)

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_lockout__per_client_behind_the_proxy(self):
        login = reverse("wagtailadmin_login")

        def log_in(password, client):
            return self.client.post(
                login,
                {"username": "lvcuong", "password": password},
                REMOTE_ADDR="172.18.0.2",
                HTTP_X_REAL_IP=client,
            )

        for _ in range(3):
            log_in("sai-mat-khau", "198.51.100.1")
        self.assertEqual(log_in("Mật-khẩu-dài-2026", "198.51.100.1").status_code, 429)
        # The officer at another address still logs in: the attacker locked only himself.
        log_in("Mật-khẩu-dài-2026", "198.51.100.2")
        self.assertIn("_auth_user_id", self.client.session)

    def test_not_an_address__falls_back_to_the_peer(self):
        from django.test import RequestFactory

        from congthongtin.core.clients import client_ip

        request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.2", HTTP_X_REAL_IP="x' OR 1")
        self.assertEqual(client_ip(request), "172.18.0.2")
