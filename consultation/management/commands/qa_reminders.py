"""Remind the answering unit before the deadline, and tell the board when it has passed.

Idempotent (cron, e.g. hourly on working days): a reminder and an overdue notice are sent
once per deadline (``reminder_sent_for`` / ``overdue_notice_sent_for`` hold the deadline
they were sent for, set by one conditional UPDATE), so a question forwarded with a new
deadline is reminded again, and two runs never send the same e-mail twice.

Each question by its body's rules: the reminder's number of working days
(``consultation.QASettings``, else the install's) and the body's working calendar.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from congthongtin.consultation.deadlines import (
    reminder_working_days,
    site_of,
    work_calendar,
    working_time_left,
)
from congthongtin.consultation.emails import question_admin_url, render_email
from congthongtin.consultation.models import Question, QuestionEvent, QuestionState
from congthongtin.core.models import PortalSettings
from congthongtin.core.outbox import queue_email


class Command(BaseCommand):
    help = "Send Q&A reminders before the answer deadline and overdue notices after it."

    def handle(self, *args, **options):
        now = timezone.now()
        windows = {}  # site id → the reminder window of that body
        reminded = overdue = 0
        questions = Question.objects.filter(
            state=QuestionState.ASSIGNED, due_at__isnull=False
        ).select_related("unit", "officer", "page")
        with override(settings.LANGUAGE_CODE):
            for question in questions.iterator():
                site_id = site_of(question)
                if site_id not in windows:
                    days_before = reminder_working_days(site_id)
                    windows[site_id] = work_calendar(site_id).day_length * days_before
                if now > question.due_at:
                    overdue += self.notify(question, "overdue", now)
                elif working_time_left(question.due_at, now, site_id) <= windows[site_id]:
                    reminded += self.notify(question, "reminder", now)
        self.stdout.write(f"reminders={reminded} overdue={overdue}")

    def notify(self, question, kind, now) -> int:
        marker = "overdue_notice_sent_for" if kind == "overdue" else "reminder_sent_for"
        with transaction.atomic():
            claimed = (
                Question.objects.filter(pk=question.pk)
                .exclude(**{marker: question.due_at})
                .update(**{marker: question.due_at})
            )
            if not claimed:
                return 0
            admin_url = question_admin_url(question)
            recipients = [
                question.officer.email if question.officer else "",
                question.unit.email if question.unit else "",
            ]
            if kind == "overdue":
                site = question.page.get_site()
                if site is not None:
                    portal = PortalSettings.for_site(site)
                    recipients.append(portal.editorial_email or portal.email)
                subject = gettext("Overdue: question %(code)s")
            else:
                subject = gettext("Reminder: question %(code)s is due soon")
            queue_email(
                sorted({r for r in recipients if r}),
                subject % {"code": question.code},
                render_email(
                    f"consultation/email/question_{kind}.txt", question, admin_url=admin_url
                ),
                purpose=f"question.{kind}",
                reference=f"question:{question.pk}",
                site=site_of(question),
            )
            QuestionEvent.objects.create(
                question=question,
                kind=QuestionEvent.Kind.OVERDUE
                if kind == "overdue"
                else QuestionEvent.Kind.REMINDED,
                created_at=now,
            )
        return 1
