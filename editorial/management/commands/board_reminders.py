"""Send the board's reminders that are due now: time limits, reviews, quotas (issue 20).

Each part registers a function under ``editorial.backoffice.REMINDERS_HOOK`` taking
``(now, stdout)`` and returning how many reminders it queued; each sends a given reminder
once (it records what it sent), so running this every few minutes is safe.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail import hooks

from congthongtin.editorial.backoffice import REMINDERS_HOOK


class Command(BaseCommand):
    help = "Queue the board's reminders that are due (time limits, reviews, quotas)."

    def handle(self, *args, **options):
        now = timezone.now()
        total = 0
        for send in hooks.get_hooks(REMINDERS_HOOK):
            total += send(now, self.stdout) or 0
        self.stdout.write(f"{total}")
