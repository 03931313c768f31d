"""The figures of one body over a date range (stats.figures), as JSON or a short table:

    python manage.py portal_stats --site nhuxuan.thanhhoa.gov.vn --from 2026-07-01 --to 2026-07-31

``--to`` is inclusive (the last day counted).
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Site

from congthongtin.stats.figures import figures


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("Not a date (YYYY-MM-DD): %(value)s") % {"value": value}) from error


class Command(BaseCommand):
    help = "Print a portal's visits, pages and service use over a date range."

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="The portal's host name.")
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--format", choices=("json", "text"), default="json")

    def handle(self, *args, site, start, end, format, **options):
        first, last = _day(start), _day(end)
        if last < first:
            raise CommandError(_("--to is before --from."))
        found = Site.objects.filter(hostname__iexact=site.split(":")[0]).order_by("port").first()
        if found is None:
            known = ", ".join(sorted(Site.objects.values_list("hostname", flat=True)))
            raise CommandError(
                _("No portal has the host name %(host)s. Known host names: %(known)s")
                % {"host": site, "known": known}
            )
        result = figures(found, first, last + dt.timedelta(days=1))
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        else:
            self.write_text(result)

    def write_text(self, result: dict) -> None:
        out = self.stdout.write
        out(f"{result['site']}  {result['from']} → {result['to']}")
        out(
            _("Page views: %(v)s · visits: %(s)s · visitors: %(p)s")
            % {"v": result["page_views"], "s": result["visits"], "p": result["visitors"]}
        )
        out("")
        out(pgettext("portal statistics", "Sections"))
        for row in result["by_section"]:
            out(f"  {row['page_views']:>10}  {row['title']}")
        out(_("Most read pages"))
        for row in result["top_pages"]:
            out(f"  {row['page_views']:>10}  {row['title']}  {row['url']}")
        out(_("Services: views, form downloads, click-throughs"))
        for row in result["service_use"]:
            out(f"  {row['views']:>10} {row['downloads']:>8} {row['clicks']:>8}  {row['title']}")
