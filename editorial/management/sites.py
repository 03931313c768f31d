"""The ``--site HOSTNAME`` option of the editorial commands."""

from __future__ import annotations

from django.core.management.base import CommandError
from wagtail.models import Site


def find_site(hostname: str | None) -> Site:
    """The site named by ``--site`` (its host name, or host:port), or the default site."""
    if not hostname:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: run setup_portal first.")
        return site
    host, _sep, port = hostname.partition(":")
    sites = Site.objects.filter(hostname=host.strip().lower())
    if port:
        if not port.isdigit():
            raise CommandError(f"Not a port: {port!r}")
        sites = sites.filter(port=int(port))
    found = list(sites[:2])
    if not found:
        raise CommandError(f"No site with the address {hostname!r}.")
    if len(found) > 1:
        raise CommandError(f"Several sites use {hostname!r}: give the port too (host:port).")
    return found[0]
