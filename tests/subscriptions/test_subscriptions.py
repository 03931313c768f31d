"""E-mail subscriptions (issue 23 §5): double opt-in, the form's protections and messages,
immediate and weekly e-mails, each body's subscribers apart, the headers of every e-mail,
the purge of unconfirmed addresses, and the topics of each page type."""

from __future__ import annotations

import datetime
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.utils import timezone

from congthongtin.core.models import Agency, Field, OutgoingEmail
from congthongtin.legal.models import DocumentType
from congthongtin.subscriptions import digests
from congthongtin.subscriptions.models import (
    PublishedItem,
    Subscription,
    SubscriptionTopic,
)
from tests.factories import make_portal

from .helpers import (
    LOCMEM,
    challenge_fields,
    confirm,
    make_library,
    make_subscription_page,
    publish_document,
    subscribe,
    subscription_emails,
    subscription_of,
)

ALL_PURPOSES = ("subscription.confirm", "subscription.digest", "subscription.immediate")


def run(*args) -> str:
    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


class Base(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_subscription_page()
        cls.library = make_library()
        cls.field = Field.objects.create(name="Tài nguyên thử")
        cls.other = Field.objects.create(name="Y tế thử")


class DoubleOptInTests(Base):
    def test_nothing_but_the_confirmation_before_the_link_is_used(self):
        subscribe(self.client, self.page, "an@example.vn", topic_field=[str(self.field.pk)])
        subscription = subscription_of("an@example.vn")
        self.assertFalse(subscription.is_active)
        [confirmation] = subscription_emails("subscription.confirm")
        self.assertIn(
            self.page.reverse_subpage("confirm", args=[subscription.token]), confirmation.body
        )
        publish_document(self.library, "Quyết định về tài nguyên nước", [self.field])
        run("--daily", f"--day={timezone.localdate()}")
        self.assertEqual(subscription_emails(), [])

        # The link opens a button (GET changes nothing); the button confirms.
        url = self.page.url + self.page.reverse_subpage("confirm", args=[subscription.token])
        self.assertContains(self.client.get(url), "<button")
        subscription.refresh_from_db()
        self.assertIsNone(subscription.confirmed_at)
        confirm(self.client, self.page, subscription)
        subscription.refresh_from_db()
        self.assertTrue(subscription.is_active)

    def test_the_same_answer_whoever_is_subscribed__and_an_active_choice_is_not_changed(self):
        subscribe(self.client, self.page, "binh@example.vn", topic_field=[str(self.field.pk)])
        subscription = subscription_of("binh@example.vn")
        confirm(self.client, self.page, subscription)
        again = subscribe(Client(), self.page, "BINH@example.vn", topic_field=[str(self.other.pk)])
        self.assertEqual(again.status_code, 302)
        self.assertTrue(again["Location"].endswith("?da_gui=1"))
        self.assertEqual(
            subscription.topic_keys(), {("field", str(self.field.pk))}
        )  # a stranger cannot change it
        self.assertEqual(len(subscription_emails("subscription.confirm")), 1)

    def test_unconfirmed_addresses_deleted_after_seven_days(self):
        subscribe(self.client, self.page, "cuong@example.vn", topic_field=[str(self.field.pk)])
        Subscription.objects.update(consent_at=timezone.now() - datetime.timedelta(days=8))
        self.assertIn("purged=1", run("--daily"))
        self.assertFalse(Subscription.objects.exists())
        self.assertFalse(SubscriptionTopic.objects.exists())


class FormTests(Base):
    def test_bad_input_keeps_what_was_typed_with_vietnamese_messages(self):
        response = self.client.post(
            self.page.url,
            {
                "email": "khong-phai-thu",
                "frequency": "weekly",
                "topic_field": [str(self.field.pk)],
                **challenge_fields(),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="khong-phai-thu"')
        self.assertContains(response, f'value="{self.field.pk}" id="id_topic_field_')
        self.assertContains(response, "checked")
        self.assertContains(response, 'id="error-summary"')
        self.assertFalse(Subscription.objects.exists())

    def test_a_topic_is_required(self):
        response = subscribe(self.client, self.page, "dung@example.vn")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="error-summary"')
        self.assertFalse(Subscription.objects.exists())

    def test_the_form_offers_the_sections_fields_agencies_and_types_of_the_site(self):
        agency = Agency.objects.create(name="UBND xã Thử")
        kind = DocumentType.objects.order_by("pk").first()
        publish_document(
            self.library, "Quyết định thử", [self.field], issuing_body=agency, document_type=kind
        )
        response = self.client.get(self.page.url)
        self.assertContains(response, 'name="topic_section"')
        self.assertContains(response, self.library.title)
        self.assertContains(response, self.field.name)
        self.assertContains(response, agency.name)
        self.assertContains(response, kind.name)
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_the_honeypot_refuses(self):
        response = subscribe(
            self.client, self.page, "em@example.vn", topic_field=[str(self.field.pk)],
            extra_note="http://spam.example",
        )  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Subscription.objects.exists())


class FrequencyTests(Base):
    def active(self, email, frequency, **topics):
        subscribe(self.client, self.page, email, frequency=frequency, **topics)
        subscription = subscription_of(email)
        confirm(self.client, self.page, subscription)
        subscription.refresh_from_db()
        return subscription

    def test_immediate__one_email_per_item_through_the_task_after_the_commit(self):
        subscription = self.active("giang@example.vn", "immediate", topic_section=[
            str(self.library.pk)
        ])  # fmt: skip
        with self.captureOnCommitCallbacks(execute=True):
            publish_document(self.library, "Quyết định một", [self.other])
        with self.captureOnCommitCallbacks(execute=True):
            publish_document(self.library, "Quyết định hai", [])
        sent = subscription_emails("subscription.immediate")
        self.assertEqual([email.subject.split(": ", 1)[1] for email in sent], [
            "Quyết định một", "Quyết định hai"
        ])  # fmt: skip
        self.assertTrue(all(email.recipients == [subscription.email] for email in sent))
        # A lost task is caught up; one already queued is not queued twice.
        self.assertIn("immediate=0", run("--immediate"))
        self.assertEqual(len(subscription_emails("subscription.immediate")), 2)
        # Republishing is not news.
        page = PublishedItem.objects.get(title="Quyết định một").page.specific
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        self.assertEqual(len(subscription_emails("subscription.immediate")), 2)
        # Immediate subscribers get no digest.
        self.assertIn("daily: sent=0", run("--daily", f"--day={timezone.localdate()}"))

    def test_weekly__the_week_monday_to_sunday_once(self):
        self.active("hai@example.vn", "weekly", topic_field=[str(self.field.pk)])
        publish_document(self.library, "Chỉ thị tuần này", [self.field])
        today = timezone.localdate()
        self.assertIn("daily: sent=0", run("--daily", f"--day={today}"))
        self.assertIn("weekly: sent=1", run("--weekly", f"--day={today}"))
        self.assertIn("weekly: sent=0 already=1", run("--weekly", f"--day={today}"))
        [digest] = subscription_emails()
        self.assertIn("Chỉ thị tuần này", digest.body)
        start, end = digests.week_period(today)
        self.assertEqual(start.weekday(), 0)
        self.assertEqual(end - start, datetime.timedelta(days=7))

    def test_a_digest_queued_by_a_concurrent_run_is_refused_by_the_constraint(self):
        subscription = self.active("loan@example.vn", "daily", topic_field=[str(self.field.pk)])
        publish_document(self.library, "Quyết định đồng thời", [self.field])
        start, end = digests.day_period(timezone.localdate())
        self.assertEqual(digests.send_digest(subscription, start, end), 1)
        self.assertEqual(digests.send_digest(subscription, start, end), -1)
        self.assertEqual(len(subscription_emails()), 1)

    def test_without_a_day__the_last_complete_day(self):
        self.active("khanh@example.vn", "daily", topic_field=[str(self.field.pk)])
        publish_document(self.library, "Quyết định hôm qua", [self.field])
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        with mock.patch("django.utils.timezone.now", return_value=tomorrow):
            self.assertIn("daily: sent=1", run("--daily"))
        self.assertEqual(len(subscription_emails()), 1)

    def test_every_subscription_email_has_the_one_click_headers(self):
        self.active("lam@example.vn", "immediate", topic_field=[str(self.field.pk)])
        self.active("minh@example.vn", "daily", topic_field=[str(self.field.pk)])
        with self.captureOnCommitCallbacks(execute=True):
            publish_document(self.library, "Quyết định có tiêu đề", [self.field])
        run("--daily", f"--day={timezone.localdate()}")
        emails = OutgoingEmail.objects.filter(purpose__in=ALL_PURPOSES)
        self.assertEqual(
            sorted(emails.values_list("purpose", flat=True)),
            ["subscription.confirm"] * 2 + ["subscription.digest", "subscription.immediate"],
        )
        for email in emails:
            token = Subscription.objects.get(email=email.recipients[0]).token
            self.assertEqual(
                email.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click", email
            )
            self.assertIn(f"/nhan-tin/huy/{token}/>", email.headers["List-Unsubscribe"])
            self.assertIn(f"/nhan-tin/huy/{token}/", email.body)
        with override_settings(EMAIL_BACKEND=LOCMEM):
            call_command("send_pending_emails", stdout=StringIO())
        self.assertEqual(len(mail.outbox), 4)
        for message in mail.outbox:
            self.assertIn("List-Unsubscribe", message.message())
            self.assertEqual(
                message.message()["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
            )


class SiteIsolationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.field = Field.objects.create(name="Nông nghiệp thử")
        cls.page = make_subscription_page()
        cls.library = make_library()
        cls.other_site, other_home = make_portal("xa-khac.example.vn", "Xã Khác", "UBND xã Khác")
        cls.other_page = make_subscription_page(other_home)
        cls.other_library = make_library(other_home, slug="van-ban-khac")

    def test_a_subscriber_hears_only_of_their_own_body(self):
        subscription = Subscription.objects.create(
            site=self.page.get_site(), email="nga@example.vn", consent_at=timezone.now()
        )
        subscription.confirmed_at = timezone.now()
        subscription.save()
        SubscriptionTopic.objects.create(
            subscription=subscription, kind="field", value=str(self.field.pk)
        )
        publish_document(self.other_library, "Văn bản của xã khác", [self.field])
        publish_document(self.library, "Văn bản của xã mình", [self.field])
        run("--daily", f"--day={timezone.localdate()}")
        [digest] = subscription_emails()
        self.assertIn("Văn bản của xã mình", digest.body)
        self.assertNotIn("Văn bản của xã khác", digest.body)
        self.assertEqual(digest.site_id, self.page.get_site().pk)
        # Another body's page does not know the token.
        other = self.other_page.url + self.other_page.reverse_subpage(
            "manage", args=[subscription.token]
        )
        self.assertEqual(Client(HTTP_HOST="xa-khac.example.vn").get(other).status_code, 404)


class TopicProtocolTests(Base):
    def test_a_legal_document_offers_section_fields_agency_and_type(self):
        agency = Agency.objects.create(name="Sở Thử")
        kind = DocumentType.objects.order_by("pk").first()
        page = publish_document(
            self.library, "Nghị quyết thử", [self.field, self.other],
            issuing_body=agency, document_type=kind,
        )  # fmt: skip
        self.assertEqual(
            set(page.subscription_topics()),
            {
                ("section", str(self.library.pk), self.library.title),
                ("field", str(self.field.pk), self.field.name),
                ("field", str(self.other.pk), self.other.name),
                ("agency", str(agency.pk), agency.name),
                ("document_type", str(kind.pk), kind.name),
            },
        )
        item = PublishedItem.objects.get(page=page)
        self.assertEqual(item.topics.count(), 5)

    def test_a_page_type_that_is_no_news_records_nothing(self):
        # The library itself (an index) and the subscription page are not items.
        self.assertFalse(PublishedItem.objects.filter(page=self.library).exists())
        self.assertFalse(PublishedItem.objects.filter(page=self.page).exists())


class ManageTests(Base):
    def test_the_subscriber_changes_topics_and_frequency_by_the_link_of_their_emails(self):
        subscribe(self.client, self.page, "oanh@example.vn", topic_field=[str(self.field.pk)])
        subscription = subscription_of("oanh@example.vn")
        confirm(self.client, self.page, subscription)
        url = self.page.url + self.page.reverse_subpage("manage", args=[subscription.token])
        shown = Client().get(url)
        self.assertContains(shown, f'value="{self.field.pk}"')
        self.assertEqual(shown["X-Robots-Tag"], "noindex, nofollow")
        # Nothing chosen: refused, nothing lost.
        self.assertContains(Client().post(url, {"frequency": "weekly"}), 'id="error-summary"')
        subscription.refresh_from_db()
        self.assertEqual(subscription.frequency, "daily")
        Client().post(url, {"frequency": "weekly", "topic_field": [str(self.other.pk)]})
        subscription.refresh_from_db()
        self.assertEqual(subscription.frequency, "weekly")
        self.assertEqual(subscription.topic_keys(), {("field", str(self.other.pk))})
        self.assertEqual(Client().get(url.replace(subscription.token, "x" * 43)).status_code, 404)
