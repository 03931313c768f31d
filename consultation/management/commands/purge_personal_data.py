"""Erase citizens' personal data kept longer than needed (Law 91/2025/QH15).

- Questions: the body's retention (``consultation.QASettings``, else the install's
  ``QA_PERSONAL_DATA_RETENTION_DAYS``, default 365) after the answer or the refusal, the
  asker's name, nationality, occupation, address, position, licence number and e-mail are
  blanked, in the question, in every history row and in the stored e-mails' recipients;
  the public initials and the question itself stay.
- Comments on drafts and contact messages: ``CONSULTATION_PERSONAL_DATA_RETENTION_DAYS``
  (default 365) after the consultation closed / the message arrived; a comment keeps the
  name's initials (what the public saw) and the organisation.
  The comment's attached file (in the private storage, core.private_media) is deleted.
- Subscribers who left, or never confirmed, are deleted after 30 days.
Idempotent (cron, e.g. daily).
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from congthongtin.consultation.deadlines import personal_data_retention_days, site_of
from congthongtin.consultation.exchanges import (
    expired_exchange_questions,
    purge_exchange_personal_data,
)
from congthongtin.consultation.models import (
    PERSONAL_FIELDS,
    ConsultationComment,
    ConsultationSubscriber,
    ContactMessage,
    Question,
    QuestionEvent,
    initials,
)
from congthongtin.core.conf import app_settings
from congthongtin.core.models import OutgoingEmail
from congthongtin.core.private_media import delete_private_file

SUBSCRIBER_GRACE = datetime.timedelta(days=30)


def retention(name: str) -> datetime.timedelta:
    return datetime.timedelta(days=getattr(app_settings, name))


def purge_question(question, now) -> None:
    blank = dict.fromkeys(PERSONAL_FIELDS, "")
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(**blank, personal_data_purged_at=now)
        Question.history.filter(id=question.pk).update(**blank)
        OutgoingEmail.objects.filter(reference=f"question:{question.pk}").update(to="")
        QuestionEvent.objects.create(question=question, kind=QuestionEvent.Kind.PURGED)


class Command(BaseCommand):
    help = "Erase personal data of askers, commenters and contact senders after retention."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    @staticmethod
    def expired_questions(now) -> list:
        """Answered or refused questions past their own body's retention."""
        cutoffs = {}  # site id → that body's cutoff

        def cutoff(site_id):
            if site_id not in cutoffs:
                days = personal_data_retention_days(site_id)
                cutoffs[site_id] = now - datetime.timedelta(days=days)
            return cutoffs[site_id]

        # No body keeps data less than 30 days (QASettings' bound), nor less than the
        # install's default: a first cut in SQL.
        shortest = min(30, app_settings.QA_PERSONAL_DATA_RETENTION_DAYS)
        earliest = now - datetime.timedelta(days=shortest)
        candidates = (
            Question.objects.filter(personal_data_purged_at__isnull=True)
            .filter(Q(answered_at__lt=earliest) | Q(refused_at__lt=earliest))
            .select_related("page")
            .only("pk", "answered_at", "refused_at", "page__url_path", "page__path")
        )
        expired = []
        for question in candidates:
            limit = cutoff(site_of(question))
            ended = [moment for moment in (question.answered_at, question.refused_at) if moment]
            if ended and min(ended) < limit:
                expired.append(question)
        return expired

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        other_cutoff = now - retention("CONSULTATION_PERSONAL_DATA_RETENTION_DAYS")

        questions = self.expired_questions(now)
        comments = ConsultationComment.objects.filter(
            personal_data_purged_at__isnull=True, page__closes_at__lt=other_cutoff
        )
        messages = ContactMessage.objects.filter(
            personal_data_purged_at__isnull=True, received_at__lt=other_cutoff
        )
        subscribers = ConsultationSubscriber.objects.filter(
            Q(unsubscribed_at__lt=now - SUBSCRIBER_GRACE)
            | Q(confirmed_at__isnull=True, created_at__lt=now - SUBSCRIBER_GRACE)
        )
        counts = {
            "questions": len(questions),
            "comments": comments.count(),
            "contact_messages": messages.count(),
            "subscribers": subscribers.count(),
            "exchange_questions": expired_exchange_questions(now).count(),
        }
        if not dry_run:
            for question in questions:
                purge_question(question, now)
            for comment in comments.only("pk", "full_name", "attachment"):
                ConsultationComment.objects.filter(pk=comment.pk).update(
                    full_name=initials(comment.full_name),
                    email="",
                    phone="",
                    address="",
                    attachment="",
                    personal_data_purged_at=now,
                )
                delete_private_file(comment.attachment)
                OutgoingEmail.objects.filter(reference=f"comment:{comment.pk}").update(to="")
            for message in messages.only("pk"):
                ContactMessage.objects.filter(pk=message.pk).update(
                    full_name="", email="", phone="", personal_data_purged_at=now
                )
                OutgoingEmail.objects.filter(reference=f"contact:{message.pk}").update(
                    reply_to="", body=""
                )
            for pk in list(subscribers.values_list("pk", flat=True)):
                OutgoingEmail.objects.filter(reference=f"subscriber:{pk}").update(to="")
            subscribers.delete()
            purge_exchange_personal_data(now)
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
