"""Subscribers' addresses are read by the technical administrator only (issue 23 §5): the
board and the auditors see counts in the subscriptions' screen, and the outbox's screen
hides the recipients of subscription e-mails from whoever else reads the e-mails."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from congthongtin.core import roles
from congthongtin.core.bodies import role_group
from congthongtin.core.models import Field, OutgoingEmail
from congthongtin.core.outbox import queue_email
from congthongtin.subscriptions.models import Subscription, SubscriptionTopic

from .helpers import make_subscription_page

ADDRESS = "rieng.tu@example.vn"


def user_with(role, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.gov.vn", "x" * 12)
    user.groups.add(role_group(role))
    return user


class AddressesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        page = make_subscription_page()
        cls.site = page.get_site()
        field = Field.objects.create(name="Môi trường thử")
        cls.subscription = Subscription.objects.create(
            site=cls.site, email=ADDRESS, consent_at=timezone.now(), confirmed_at=timezone.now()
        )
        SubscriptionTopic.objects.create(
            subscription=cls.subscription, kind="field", value=str(field.pk), label=field.name
        )
        cls.tech = user_with(roles.TECH_ADMIN, "kythuat")
        cls.head = user_with(roles.HEAD, "truongban")
        cls.auditor = user_with(roles.AUDITOR, "kiemtra")
        cls.collaborator = user_with(roles.COLLABORATOR, "congtacvien")
        cls.url = reverse("subscriptions_admin:index")

    def test_the_board_and_auditors_see_counts_not_addresses(self):
        for user in (self.head, self.auditor):
            self.client.force_login(user)
            response = self.client.get(self.url)
            self.assertEqual(response.status_code, 200, user)
            self.assertEqual(response.context["counts"]["active"], 1)
            self.assertContains(response, "Môi trường thử")
            self.assertNotContains(response, ADDRESS)
            self.assertNotContains(response, "rieng.tu")

    def test_the_technical_administrator_sees_the_addresses_and_erases_one(self):
        self.client.force_login(self.tech)
        self.assertContains(self.client.get(self.url), ADDRESS)
        remove = reverse("subscriptions_admin:remove", args=[self.subscription.pk])
        self.assertEqual(self.client.post(remove).status_code, 302)
        self.assertFalse(Subscription.objects.filter(pk=self.subscription.pk).exists())

    def test_the_others_cannot_erase_nor_read(self):
        remove = reverse("subscriptions_admin:remove", args=[self.subscription.pk])
        for user in (self.head, self.auditor):
            self.client.force_login(user)
            self.assertIn(self.client.post(remove).status_code, (302, 403))
        self.assertTrue(Subscription.objects.filter(pk=self.subscription.pk).exists())
        self.client.force_login(self.collaborator)
        refused = self.client.get(self.url)
        self.assertIn(refused.status_code, (302, 403))
        if refused.status_code == 302:  # Wagtail's "no permission" redirect
            self.assertEqual(refused["Location"], reverse("wagtailadmin_home"))

    def test_the_outbox_hides_the_recipient_of_a_subscription_email(self):
        email = queue_email(
            [ADDRESS], "Tin mới", "Nội dung", purpose="subscription.digest", site=self.site
        )
        other = queue_email(
            ["nguoi.hoi@example.vn"], "Đã nhận", "Nội dung", purpose="question.receipt",
            site=self.site,
        )  # fmt: skip
        superuser = get_user_model().objects.create_superuser("goc", "goc@example.vn", "x" * 12)
        inspect = "core_outgoingemail:inspect"
        self.client.force_login(self.head)
        # The board reads the e-mails (their text), not a subscriber's address...
        response = self.client.get(reverse(inspect, args=[email.pk]))
        self.assertContains(response, "Tin mới")
        self.assertNotContains(response, ADDRESS)
        self.assertContains(response, "example.vn")  # the domain, for the delivery
        # ...while it still reads the recipient of its other e-mails.
        self.assertContains(self.client.get(reverse(inspect, args=[other.pk])), "nguoi.hoi@")
        self.client.force_login(superuser)
        self.assertContains(self.client.get(reverse(inspect, args=[email.pk])), ADDRESS)
        self.client.force_login(self.tech)
        tech_view = self.client.get(reverse(inspect, args=[email.pk]))
        self.assertEqual(tech_view.status_code, 200)
        self.assertNotContains(tech_view, ADDRESS)
        self.assertContains(tech_view, "example.vn")
        self.assertTrue(OutgoingEmail.objects.filter(pk=email.pk).exists())
