"""Read another install's signed feed of proposals to this portal (S0 Đ4.2d) into a body's
inbox: ``manage.py pull_upward_feed --url URL --key-id ID [--body HOST]``.

The secret shared for the key id comes from the settings or the environment
(``editorial.upward_feed.secret_for``), never from the command line. A feed with a wrong
signature, an old timestamp or already read is refused; a proposal already here (same
source and version) is not imported twice. Run it from the scheduler every few minutes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from congthongtin.editorial import upward_feed


class Command(BaseCommand):
    help = "Import the proposals of a lower portal on another install from its signed feed."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True, help="The feed's address.")
        parser.add_argument("--key-id", required=True, help="The key id shared with it.")
        parser.add_argument(
            "--body",
            default="",
            help="Host name of the body whose inbox receives them (default: the default site).",
        )

    def handle(self, *args, url, key_id, body, **options):
        if not url.startswith(("https://", "http://")):
            raise CommandError(_("The feed's address must start with https:// or http://."))
        if not upward_feed.secret_for(key_id):
            raise CommandError(
                _("No secret is configured for the key “%(key)s”.") % {"key": key_id}
            )
        sites = (
            Site.objects.filter(hostname=body)
            if body
            else Site.objects.filter(is_default_site=True)
        )
        site = sites.first()
        if site is None:
            raise CommandError(_("No body has the host name “%(host)s”.") % {"host": body})
        try:
            imported = upward_feed.pull(url, key_id, site)
        except upward_feed.FeedError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("The feed could not be read: %(error)s") % {"error": error}
            ) from error
        self.stdout.write(
            _("%(count)d new proposal(s) in the inbox of %(body)s.")
            % {"count": len(imported), "body": site.site_name or site.hostname}
        )
