"""python manage.py update_legal_status [--dry-run] [--date YYYY-MM-DD] [--json]

Run daily (cron) until the django-tasks worker does it: documents replaced or repealed
by a newer one stop being in force on its effective date (legal.status).
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from congthongtin.legal.models import EffectStatus
from congthongtin.legal.status import apply_relation_status


class Command(BaseCommand):
    help = "Change the effect status of documents replaced or repealed by newer ones."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the changes only.")
        parser.add_argument("--date", help="Take this day (YYYY-MM-DD) as today.")
        parser.add_argument("--json", action="store_true", help="One JSON object per change.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date: dùng dạng YYYY-MM-DD.") from error
        with translation.override(settings.LANGUAGE_CODE):
            changes = apply_relation_status(today, dry_run=options["dry_run"])
            labels = dict(EffectStatus.choices)
            for change in changes:
                if options["json"]:
                    data = change.as_dict() | {"applied": change.applied, "error": change.error}
                    self.stdout.write(json.dumps(data, ensure_ascii=False))
                    continue
                line = (
                    f"{change.document}: {labels.get(change.old_status, change.old_status)} → "
                    f"{labels.get(change.new_status, change.new_status)}"
                )
                if change.note:
                    line += f" ({change.note})"
                if change.error:
                    line += f" — LỖI: {change.error}"
                self.stdout.write(line)
            if not options["json"]:
                verb = "Sẽ thay đổi" if options["dry_run"] else "Đã thay đổi"
                done = len(changes) if options["dry_run"] else sum(c.applied for c in changes)
                self.stdout.write(f"{verb} {done} văn bản.")
        if any(c.error for c in changes):
            raise CommandError("Một số văn bản không đổi được tình trạng hiệu lực.")
