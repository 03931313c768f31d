"""``manage.py import_procedures FILE [--dry-run] [--parent SLUG]`` (procedures/IMPORT.md)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congthongtin.procedures.importing import ImportFileError, ProcedureImporter, read_rows
from congthongtin.procedures.models import ProcedureIndexPage


class Command(BaseCommand):
    help = (
        "Import or update administrative procedures from a JSON, CSV or XLSX file that "
        "mirrors the national procedure database (see procedures/IMPORT.md). New procedures "
        "become drafts; changes to published ones become draft revisions for the workflow."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .json, .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, saving nothing.",
        )
        parser.add_argument(
            "--parent",
            help="Slug (or id) of the procedures index page to import under. Needed when "
            "there are several.",
        )
        parser.add_argument(
            "--user", help="User name recorded as the author of the revisions (optional)."
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="Submit each new or changed procedure to its moderation workflow (needs --user).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        parent = self.find_parent(options.get("parent"))
        user = None
        if options.get("user"):
            User = get_user_model()
            user = User._default_manager.filter(**{User.USERNAME_FIELD: options["user"]}).first()
            if user is None:
                raise CommandError(_("No user named %(name)s.") % {"name": options["user"]})
        if options["submit"] and user is None:
            raise CommandError(_("--submit needs --user."))
        try:
            rows = read_rows(path)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        importer = ProcedureImporter(
            parent,
            base_dir=path.resolve().parent,
            dry_run=options["dry_run"],
            user=user,
            submit=options["submit"],
        )
        report = importer.run(rows)
        for line in report.lines():
            self.stdout.write(line)
        if report.rejected:
            self.stderr.write(
                self.style.WARNING(
                    _("%(count)s row(s) rejected; see above.") % {"count": len(report.rejected)}
                )
            )

    def find_parent(self, value: str | None) -> ProcedureIndexPage:
        pages = ProcedureIndexPage.objects.all()
        if value:
            pages = pages.filter(pk=int(value)) if value.isdigit() else pages.filter(slug=value)
        found = list(pages[:5])
        if not found:
            if value:
                raise CommandError(
                    _("No procedures index page with slug or id %(value)s.") % {"value": value}
                )
            raise CommandError(_("No procedures index page; create one first."))
        if len(found) > 1:
            listed = ", ".join(f"{page.pk} ({page.url_path})" for page in found)
            raise CommandError(
                _("Several procedures index pages match; give --parent ID: %(pages)s")
                % {"pages": listed}
            )
        return found[0]
