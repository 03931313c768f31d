"""``manage.py setup_portal``: the set-up data of the installed apps (congthongtin.core.setup)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from congthongtin.core.setup import run_setup


class Command(BaseCommand):
    help = _(
        "Create what the installed apps need in the database besides their tables (the "
        "board's roles, the three-step workflow, the home page). Safe to run again."
    )

    def handle(self, *args, **options):
        def report(message):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {message}")

        steps = run_setup(report)
        if options["verbosity"] >= 2:
            for step in steps:
                self.stdout.write(f"  ✓ {step}")
        self.stdout.write(self.style.SUCCESS(_("Portal set-up complete.")))
