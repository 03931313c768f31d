"""Queue the e-mail subscriptions' digests (scheduler: every hour; docker/compose.yaml).

``--daily``: yesterday's digest to each daily subscriber; ``--weekly``: last week's (Monday
to Sunday) to each weekly one; ``--immediate``: the last day's immediate e-mails a lost task
did not queue. Each digest is queued once, however often this runs. Every run also deletes
the subscriptions left unconfirmed for seven days (personal data). The outbox sends the
e-mails (``send_pending_emails`` retries them while the mail server is down).
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from congthongtin.subscriptions import digests
from congthongtin.subscriptions.models import Frequency


class Command(BaseCommand):
    help = "Queue the daily or weekly digests of the e-mail subscriptions (each once)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--daily", action="store_true", help="Yesterday's digests.")
        group.add_argument("--weekly", action="store_true", help="Last week's digests.")
        group.add_argument(
            "--immediate", action="store_true", help="Immediate e-mails no task queued."
        )
        parser.add_argument(
            "--day",
            help="YYYY-MM-DD: the digest of this day (--daily) or of its week (--weekly).",
        )

    def handle(self, *args, daily=False, weekly=False, immediate=False, day=None, **options):
        purged = digests.purge_unconfirmed()
        if immediate:
            queued = digests.catch_up_immediate()
            self.stdout.write(f"immediate={queued} purged={purged}")
            return
        if not (daily or weekly):
            raise CommandError("Say --daily, --weekly or --immediate.")
        frequency = Frequency.WEEKLY if weekly else Frequency.DAILY
        period = None
        if day:
            try:
                date = datetime.date.fromisoformat(day)
            except ValueError as error:
                raise CommandError(f"--day: {error}") from None
            period = digests.week_period(date) if weekly else digests.day_period(date)
        counts = digests.send_digests(frequency, period=period)
        self.stdout.write(
            f"{frequency}: sent={counts['sent']} already={counts['skipped']} "
            f"empty={counts['empty']} purged={purged}"
        )
