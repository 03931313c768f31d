"""``manage.py royalty_sheet --site HOST --month YYYY-MM --format json|xlsx|docx``: a
body's royalty sheet of a month (its latest revision, R-ROY-1) as JSON on the standard
output or as a file (``--output``; by default ``bang-ke-nhuan-but-YYYY-MM.<format>``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from congthongtin.editorial.royalties import latest_sheet, parse_month
from congthongtin.editorial.royalty_exports import sheet_data, sheet_docx, sheet_xlsx


class Command(BaseCommand):
    help = gettext_lazy("Print or write a body's monthly royalty sheet (its latest revision).")

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help=gettext_lazy("The body's host name."))
        parser.add_argument("--month", required=True, help=gettext_lazy("The month, YYYY-MM."))
        parser.add_argument("--format", choices=["json", "xlsx", "docx"], default="json")
        parser.add_argument("--output", help=gettext_lazy("File to write (xlsx, docx, json)."))

    def handle(self, *args, **options):
        host, _sep, port = options["site"].strip().lower().partition(":")
        sites = Site.objects.filter(hostname=host)
        if port:
            if not port.isdigit():
                raise CommandError(_("Unknown site: %(site)s.") % {"site": options["site"]})
            sites = sites.filter(port=int(port))
        site = sites.order_by("port").first()
        if site is None:
            raise CommandError(_("Unknown site: %(site)s.") % {"site": options["site"]})
        try:
            month = parse_month(options["month"])
        except ValueError:
            raise CommandError(
                _("Bad month “%(month)s”: write it as YYYY-MM, such as 2024-07.")
                % {"month": options["month"]}
            ) from None
        sheet = latest_sheet(site, month)
        if sheet is None:
            raise CommandError(
                _("No royalty sheet of %(month)s for %(site)s: prepare it in the admin first.")
                % {"month": f"{month:%m/%Y}", "site": site.hostname}
            )
        fmt, output = options["format"], options["output"]
        if fmt == "json":
            text = json.dumps(sheet_data(sheet), ensure_ascii=False, indent=2)
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        content = sheet_xlsx(sheet) if fmt == "xlsx" else sheet_docx(sheet)
        path = Path(output or f"bang-ke-nhuan-but-{month:%Y-%m}.{fmt}")
        path.write_bytes(content)
        self.stdout.write(_("Written: %(path)s") % {"path": path})
