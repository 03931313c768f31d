"""Send the report e-mails that are due (R-PROC-4): the units' leaders weekly, the People's
Committee monthly, quarterly and yearly. Safe to run as often as wanted (the scheduler runs
it every hour): each report goes once (stats.mailings)."""

from django.core.management.base import BaseCommand, CommandError

from congthongtin.core.query_params import parse_date

from ... import mailings


class Command(BaseCommand):
    help = "Send the statistics reports that are due by e-mail (once each)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD), to make up a missed run."
        )

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            today = parse_date(date)
            if today is None:
                raise CommandError(f"Not a date: {date!r} (YYYY-MM-DD).")
        sent = mailings.send_due(today)
        self.stdout.write(f"{sent} report e-mail(s) queued.")
