"""The site a command's option names (``--site``, ``--successor``): its host name, or
host:port; none given, the default site."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site


def find_site(hostname: str | None) -> Site:
    if not hostname:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError(_("No default site: run setup_portal first."))
        return site
    host, _sep, port = hostname.partition(":")
    sites = Site.objects.filter(hostname=host.strip().lower())
    if port:
        if not port.isdigit():
            raise CommandError(_("Not a port: %(port)s") % {"port": port})
        sites = sites.filter(port=int(port))
    found = list(sites[:2])
    if not found:
        raise CommandError(_("No site has the host name “%(hostname)s”.") % {"hostname": hostname})
    if len(found) > 1:
        raise CommandError(
            _("Several sites use %(hostname)s: give the port too (host:port).")
            % {"hostname": hostname}
        )
    return found[0]
