"""Count the page views, form downloads and click-throughs of nginx's statistics log
(docker/nginx.conf ``portal_stats``; every 5 minutes from docker/compose.yaml's scheduler):

    python manage.py ingest_access_log /var/log/portal/stats.log.1 /var/log/portal/stats.log

Any order, any mix of live, rotated and gzipped files: each continues where it was left
(stats.ingest). Missing files are passed over (a rotation may not have happened yet); an
unreadable one stops the command with an error.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congthongtin.stats import ingest


class Command(BaseCommand):
    help = "Count the visits in nginx's statistics log (JSON lines), where the last run stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", help="Log files (.gz too), e.g. stats.log.1 stats.log"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and classify, print the summary, write nothing (counts nor positions).",
        )

    def handle(self, *args, files, dry_run=False, **options):
        paths = []
        for name in files:
            path = Path(name)
            if not path.exists():
                if options["verbosity"] > 1:
                    self.stdout.write(_("%(file)s: no such file, passed over.") % {"file": name})
                continue
            if not path.is_file() or not os.access(path, os.R_OK):
                raise CommandError(_("Cannot read the log file %(file)s.") % {"file": name})
            paths.append(path)
        try:
            summary = ingest.ingest(paths, dry_run=dry_run)
        except ingest.Busy as error:
            raise CommandError(
                _("Another ingestion of the access log is running; try again later.")
            ) from error
        except OSError as error:
            raise CommandError(
                _("Cannot read the log file %(file)s.") % {"file": error.filename or error}
            ) from error
        self.report(summary, dry_run)

    def report(self, summary: ingest.Summary, dry_run: bool) -> None:
        skipped = summary.skipped
        self.stdout.write(
            _(
                "%(lines)s lines read from %(files)s files: %(counted)s counted "
                "(%(hits)s served from the cache), %(robots)s from robots, %(editors)s from "
                "editors, %(malformed)s malformed, %(other)s not counted, %(unknown)s for "
                "unknown hosts."
            )
            % {
                "lines": summary.lines,
                "files": summary.files,
                "counted": summary.counted,
                "hits": summary.cache_hits,
                "robots": skipped["robots"],
                "editors": skipped["editors"],
                "malformed": skipped["malformed"],
                "other": skipped["not counted"],
                "unknown": skipped["unknown host"],
            }
        )
        for host, counts in sorted(summary.sites.items(), key=lambda item: str(item[0])):
            self.stdout.write(
                "  "
                + _("%(host)s: %(views)s page views, %(downloads)s downloads, %(clicks)s clicks")
                % {
                    "host": host,
                    "views": counts["view"],
                    "downloads": counts["download"],
                    "clicks": counts["click"],
                }
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        elif summary.folded:
            self.stdout.write(_("%(n)s page-day rows folded into months.") % {"n": summary.folded})
