"""``manage.py setup_portal``: the set-up data of the installed apps (congthongtin.core.setup);
with ``--site``, a new body and its board in one step (congthongtin.core.bodies.create_body)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from congthongtin.core.bodies import create_body
from congthongtin.core.management.sites import find_site
from congthongtin.core.models import AdministrativeLevel, BodyStatus
from congthongtin.core.setup import run_setup


class Command(BaseCommand):
    help = gettext_lazy(
        "Create what the installed apps need in the database besides their tables (the "
        "board's roles, the three-step workflow, the home page). Safe to run again. With "
        "--site, create a new body: its home page, its site and its board."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="NAME", help=gettext_lazy("Name of a new body."))
        parser.add_argument("--hostname", help=gettext_lazy("Host name of the new body's site."))
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument(
            "--level",
            choices=AdministrativeLevel.values,
            help=gettext_lazy("Administrative level of the new body."),
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help=gettext_lazy("The new body is the read-only archive of a dissolved unit."),
        )
        parser.add_argument(
            "--successor",
            metavar="HOSTNAME",
            help=gettext_lazy("Host name of the site of the body that took over its work."),
        )

    def handle(self, *args, **options):
        def report(message):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {message}")

        if options["site"]:
            self._create_body(options, report)
            return
        steps = run_setup(report)
        if options["verbosity"] >= 2:
            for step in steps:
                self.stdout.write(f"  ✓ {step}")
        self.stdout.write(self.style.SUCCESS(_("Portal set-up complete.")))

    def _create_body(self, options, report):
        if not options["hostname"]:
            raise CommandError(_("Give the new body's host name (--hostname)."))
        run_setup(report)
        successor = find_site(options["successor"]) if options["successor"] else None
        existing = Site.objects.filter(
            hostname=options["hostname"].strip().lower(), port=options["port"]
        ).first()
        if existing is not None and existing.site_name == options["site"].strip():
            # Safe to run again: the body is there; its set-up steps run once more.
            run_setup(report, site=existing)
            self.stdout.write(self.style.SUCCESS(_("The body is already set up.")))
            return
        try:
            body = create_body(
                name=options["site"],
                hostname=options["hostname"],
                port=options["port"],
                administrative_level=options["level"],
                status=BodyStatus.ARCHIVE if options["archive"] else BodyStatus.ACTIVE,
                successor=successor,
                report=report,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Body “%(name)s” created at %(hostname)s:%(port)s with its board.")
                % {"name": body, "hostname": body.site.hostname, "port": body.site.port}
            )
        )
