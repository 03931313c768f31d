"""Tell subscribers that a consultation opened, closes soon, or has its result (R-CONS-1).

Idempotent (cron, e.g. hourly): each announcement of each consultation is a
``ConsultationNotice`` row written in the same transaction as its e-mails, unique per
(consultation, kind), so a second run — or two runs at once — sends nothing twice. The
drafts of an archived body are skipped.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from congthongtin.consultation.models import (
    ConsultationNotice,
    ConsultationPage,
    ConsultationStatus,
    ConsultationSubscriber,
)
from congthongtin.core.bodies import page_is_archived
from congthongtin.core.conf import app_settings
from congthongtin.core.outbox import queue_email

SUBJECTS = {
    ConsultationNotice.Kind.OPENED: _("Open for comments: %(title)s"),
    ConsultationNotice.Kind.CLOSING: _("Comments close soon: %(title)s"),
    ConsultationNotice.Kind.RESULT: _("Result of the consultation: %(title)s"),
}


def due_notices(page, now) -> list[str]:
    """The announcements ``page`` calls for at ``now``."""
    closing_soon = datetime.timedelta(days=app_settings.CONSULTATION_CLOSING_SOON_DAYS)
    result_window = datetime.timedelta(days=app_settings.CONSULTATION_RESULT_NOTICE_DAYS)
    status = page.status_at(now)
    kinds = []
    if status == ConsultationStatus.OPEN:
        kinds.append(ConsultationNotice.Kind.OPENED)
        if page.closes_at - now <= closing_soon:
            kinds.append(ConsultationNotice.Kind.CLOSING)
    elif status == ConsultationStatus.RESULT:
        published = page.result_published_at or page.last_published_at
        if published and now - published <= result_window:
            kinds.append(ConsultationNotice.Kind.RESULT)
    return kinds


class Command(BaseCommand):
    help = "E-mail subscribers about consultations that opened, close soon or have a result."

    def handle(self, *args, **options):
        now = timezone.now()
        sent = 0
        with override(settings.LANGUAGE_CODE):
            for page in ConsultationPage.objects.live().public().order_by("pk"):
                if page_is_archived(page):
                    continue  # an archived body announces nothing (R-SITE-1)
                kinds = due_notices(page, now)
                done = set(page.notices.values_list("kind", flat=True))
                pending = [kind for kind in kinds if kind not in done]
                if not pending:
                    continue
                # Opened and closing soon at once: one e-mail (it gives the closing time).
                if (
                    ConsultationNotice.Kind.OPENED in pending
                    and ConsultationNotice.Kind.CLOSING in pending
                ):
                    self.record(page, ConsultationNotice.Kind.CLOSING, now, send=False)
                    pending.remove(ConsultationNotice.Kind.CLOSING)
                for kind in pending:
                    sent += self.record(page, kind, now, send=True)
        self.stdout.write(f"e-mails queued: {sent}")

    def record(self, page, kind, now, *, send: bool) -> int:
        try:
            with transaction.atomic():
                notice = ConsultationNotice.objects.create(page=page, kind=kind, created_at=now)
                if not send:
                    return 0
                count = self.send(page, kind)
                notice.recipients = count
                notice.save(update_fields=["recipients"])
                return count
        except IntegrityError:  # another run got there first
            return 0

    def send(self, page, kind) -> int:
        site = page.get_site()
        index = page.get_parent().specific
        subscribers = ConsultationSubscriber.objects.filter(
            site=site, confirmed_at__isnull=False, unsubscribed_at__isnull=True
        )
        count = 0
        for subscriber in subscribers.iterator():
            unsubscribe = index.full_url + index.reverse_subpage(
                "unsubscribe", args=[subscriber.token]
            )
            body = render_to_string(
                "consultation/email/consultation_notice.txt",
                {
                    "page": page,
                    "kind": kind,
                    "page_url": page.full_url,
                    "unsubscribe_url": unsubscribe,
                },
            ).strip()
            queue_email(
                [subscriber.email],
                str(SUBJECTS[kind]) % {"title": page.title},
                body,
                purpose=f"consultation.{kind}",
                reference=f"subscriber:{subscriber.pk}",
                site=site,
            )
            count += 1
        return count
