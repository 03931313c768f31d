"""python manage.py import_news_word FILE --parent SLUG [--site HOST] [--type news|article]
[--user USERNAME] [--category SLUG]"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from congthongtin.core.bodies import pages_in_sites
from congthongtin.core.limits import ParseLimits
from congthongtin.core.management.sites import find_site
from congthongtin.core.reading import MAX_BYTES

from ...importing import PAGE_TYPES, ImportFailed, import_word_page
from ...models import NewsCategory


class Command(BaseCommand):
    help = (
        "Import a unit's Word file (.docx, or .doc where the server converts it) as a draft "
        "news item or article: title, lead, body with its pictures, author."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--parent", metavar="SLUG", required=True, help="Slug of the news or article index."
        )
        parser.add_argument(
            "--site",
            metavar="HOST",
            help="Host name (host:port) of the body whose index it is, when several have "
            "that slug.",
        )
        parser.add_argument("--type", choices=sorted(PAGE_TYPES), help="Default: the index's.")
        parser.add_argument("--user", metavar="USERNAME", help="Owner of the draft.")
        parser.add_argument("--category", metavar="SLUG", help="News category (news only).")
        parser.add_argument("--time-limit", type=float, metavar="SECONDS")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(options)

    def _handle(self, options):
        page_type = options["type"]
        models = [PAGE_TYPES[page_type][1]] if page_type else [m for _p, m in PAGE_TYPES.values()]
        candidates = []
        for model in models:
            pages = model.objects.filter(slug=options["parent"])
            if options["site"]:
                pages = pages.filter(pages_in_sites([find_site(options["site"]).pk]))
            candidates += list(pages[:2])
        if not candidates:
            raise CommandError(
                _("No news or article index with the slug “%(slug)s”.")
                % {"slug": options["parent"]}
            )
        if len(candidates) > 1:
            raise CommandError(
                _("Several indexes have the slug “%(slug)s”: name the body with --site HOST.")
                % {"slug": options["parent"]}
            )
        parent = candidates[0]
        user = None
        if options["user"]:
            User = get_user_model()
            user = User._default_manager.filter(**{User.USERNAME_FIELD: options["user"]}).first()
            if user is None:
                raise CommandError(_("No user “%(name)s”.") % {"name": options["user"]})
        category = None
        if options["category"]:
            category = NewsCategory.objects.filter(slug=options["category"]).first()
            if category is None:
                raise CommandError(
                    _("No news category with the slug “%(slug)s”.") % {"slug": options["category"]}
                )
        limits = ParseLimits.from_settings()
        if options["time_limit"]:
            limits = replace(limits, seconds=options["time_limit"])
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError("Tệp lớn hơn 20 MB.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file cannot be read: %(error)s") % {"error": error}
            ) from error
        try:
            result = import_word_page(
                data,
                path.name,
                parent=parent,
                user=user,
                page_type=page_type,
                category=category,
                parse_limits=limits,
            )
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        page = result.page
        self.stdout.write(
            _("Draft created: “%(title)s” (id %(id)s), %(images)s pictures.")
            % {"title": page.title, "id": page.pk, "images": result.images}
        )
        for check in result.checks:
            self.stdout.write(f"  ! {check}")
