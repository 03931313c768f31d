"""Print who composed, verified and approved every published page version (R-WF-3)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from congthongtin.core.management.sites import find_site
from congthongtin.editorial.audit import publish_entries, published_versions

BATCH = 500


class Command(BaseCommand):
    help = "One JSON object per published page version: composed_by, verified_by, approved_by…"

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--since", help="YYYY-MM-DD: versions published on or after this day")
        parser.add_argument(
            "--site",
            metavar="HOSTNAME",
            help="Only the pages of this body (host name, or host:port); default: every body.",
        )

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            try:
                day = dt.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError("--since must be a date as YYYY-MM-DD") from None
            since = dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())
        site_ids = None
        if options["site"]:
            site_ids = {find_site(options["site"]).pk}
        entries = publish_entries(since=since, site_ids=site_ids).order_by("timestamp", "pk")
        total = entries.count()
        rows = []
        for start in range(0, total, BATCH):
            rows.extend(v.as_json() for v in published_versions(entries[start : start + BATCH]))
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
