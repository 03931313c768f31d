"""``manage.py import_dossier_status FILE --site HOST [--format csv|json]`` or ``--all``
(every body of ``CONGTHONGTIN["DOSSIER_STATUS_SOURCES"]``; hourly from the scheduler)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from congthongtin.core.conf import app_settings
from congthongtin.procedures.dossiers.adapters import ADAPTERS, DossierFileError
from congthongtin.procedures.dossiers.importing import import_status, read_source


class Command(BaseCommand):
    help = (
        "Replace a body's dossier statuses with the status file its one-stop desk exports "
        "(CSV or JSON, a path or an http(s) address). A file with a bad line changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="The status file: a path or an address.")
        parser.add_argument("--site", help="Host name of the body's site.")
        parser.add_argument("--format", choices=sorted(ADAPTERS), help="Default: guessed.")
        parser.add_argument(
            "--all",
            action="store_true",
            help='Import every source of CONGTHONGTIN["DOSSIER_STATUS_SOURCES"].',
        )

    def handle(self, *args, **options):
        if options["all"]:
            failed = 0
            for hostname, location in sorted(app_settings.DOSSIER_STATUS_SOURCES.items()):
                failed += not self.run_one(str(location), hostname, options["format"])
            if failed:
                raise CommandError(f"{failed} source(s) refused; see above.")
            return
        if not options["file"] or not options["site"]:
            raise CommandError("Give FILE and --site HOST, or --all.")
        if not self.run_one(options["file"], options["site"], options["format"]):
            raise CommandError("The file was refused; nothing changed.")

    def run_one(self, location: str, hostname: str, fmt: str | None) -> bool:
        site = Site.objects.filter(hostname=hostname).order_by("port").first()
        if site is None:
            self.stderr.write(f"{hostname}: no site with this host name.")
            return False
        try:
            record = import_status(site, read_source(location), fmt)
        except DossierFileError as error:
            self.stderr.write(f"{hostname}: {location} refused: {error}")
            return False
        note = " (the export is older than DOSSIER_STATUS_STALE_HOURS)" if record.stale else ""
        self.stdout.write(f"{hostname}: {record.rows} dossier(s) from {location}{note}.")
        return True
