"""Send the e-mails still waiting (cron, e.g. every 5 minutes): a mail outage loses nothing."""

from django.core.management.base import BaseCommand

from congthongtin.core.outbox import send_pending


class Command(BaseCommand):
    help = "Send the stored e-mails that are still waiting; failures stay queued for later."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="At most this many.")

    def handle(self, *args, limit=None, **options):
        sent, not_sent = send_pending(limit)
        self.stdout.write(f"sent={sent} not_sent={not_sent}")
