"""Set-up shared by the e-mail subscription tests."""

from __future__ import annotations

import datetime
import re
import secrets

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from wagtail.models import Page

from congthongtin.core.antispam import Challenge
from congthongtin.core.models import OutgoingEmail
from congthongtin.legal.models import LegalDocumentIndexPage, LegalDocumentPage
from congthongtin.subscriptions.models import Subscription, SubscriptionPage

FAILING = "tests.subscriptions.helpers.FailingEmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")


def challenge_fields(seconds_ago: int = 60) -> dict:
    issued = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    challenge = Challenge(4, 3, "+", issued.timestamp(), secrets.token_hex(8))
    return {"challenge_token": challenge.token(), "challenge_answer": "7", "consent": "on"}


def home() -> Page:
    return Page.objects.get(depth=2)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_subscription_page(parent=None) -> SubscriptionPage:
    page = SubscriptionPage(title="Đăng ký nhận tin", slug="dang-ky-nhan-tin")
    (parent or home()).add_child(instance=page)
    return publish(page)


def make_library(parent=None, slug="van-ban") -> LegalDocumentIndexPage:
    library = LegalDocumentIndexPage(title="Văn bản", slug=slug)
    (parent or home()).add_child(instance=library)
    return publish(library)


def publish_document(library, title, fields=(), **extra) -> LegalDocumentPage:
    page = LegalDocumentPage(
        title=title, number_symbol=extra.pop("number_symbol", ""), summary=title, **extra
    )
    page.fields = list(fields)
    library.add_child(instance=page)
    return publish(page)


def subscribe(client, page, email, **data):
    """The public form, sent as a person would (after the check question's minimum time)."""
    values = {"email": email, "frequency": "daily", **challenge_fields(), **data}
    return client.post(page.url, values)


def subscription_of(email) -> Subscription:
    return Subscription.objects.get(email=email)


def confirm(client, page, subscription):
    return client.post(page.url + page.reverse_subpage("confirm", args=[subscription.token]))


def subscription_emails(purpose="subscription.digest"):
    return list(OutgoingEmail.objects.filter(purpose=purpose).order_by("pk"))


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)
