"""Generate the open data files (CSV, JSON, XLSX) of one site or of every site with an open
data page. The scheduler runs ``generate_open_data --all`` daily (docker/compose.yaml);
publishing regenerates the datasets concerned at once (opendata.signals)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from congthongtin.core.opendata import registered_datasets

from ...generation import generate, has_page, sites_with_page


class Command(BaseCommand):
    help = "Generate the open data files of a site (--site HOST) or of every site (--all)."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="Host name of the site (default: the default site).")
        parser.add_argument(
            "--all", action="store_true", help="Every site with a live open data page."
        )
        parser.add_argument("--dataset", action="append", help="Only this dataset (repeatable).")

    def handle(self, *args, **options):
        if options["all"] and options["site"]:
            raise CommandError("Give --site or --all, not both.")
        if options["all"]:
            sites = sites_with_page()
        else:
            query = (
                Site.objects.filter(hostname=options["site"])
                if options["site"]
                else Site.objects.filter(is_default_site=True)
            )
            site = query.select_related("root_page").first()
            if site is None:
                raise CommandError(f"No such site: {options['site'] or '(default)'}")
            if not has_page(site):
                raise CommandError(f"{site.hostname} has no live open data page.")
            sites = [site]
        known = registered_datasets()
        slugs = options["dataset"] or list(known)
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise CommandError(f"Unknown dataset(s): {', '.join(unknown)}")
        for site in sites:
            for slug in slugs:
                rows = generate(site, slug)[0].rows
                if options["verbosity"] > 1:
                    self.stdout.write(f"{site.hostname} {slug}: {rows}")
            self.stdout.write(f"{site.hostname}: {len(slugs)} datasets generated")
