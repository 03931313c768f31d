"""Which Site answers a request, without a query once warm.

Wagtail's ``Site.find_for_request`` runs ``get_site_for_hostname`` on every request: one
query over the sites table, then one more for the home page's specific object when the
page is served. With one body per Site (a province, its departments and communes: 187
Sites on one install) that is two queries on every public page, and the same answer each
time until someone changes a Site or a page.

``SiteResolutionMiddleware`` answers from memory instead and sets ``request._wagtail_site``,
which is where ``Site.find_for_request`` (and so Wagtail's serve view, the settings, the
menus, every template tag) looks first:

- the **host table** — each Site's hostname, port, default flag and id, a few bytes per
  Site — is read in one query and kept in the process, tagged with the content version of
  ``core.sitecache``. Saving or deleting a Site (or any page) bumps that version
  (``core.signals``), so every worker rebuilds its table on its next request: a new Site,
  a changed hostname, a deleted Site or a new default is found at once;
- the matching follows Wagtail's rules exactly (``wagtail.models.sites``): hostname and
  port, else the hostname with the default flag, else the single Site of that hostname,
  else the default Site, else none;
- the chosen Site, with its root page already specific, is kept pickled in the process
  the first time one of its pages is asked for (one entry per Site actually visited, not
  all 187 at once), and each request unpickles its own copy: nothing a view sets on its
  Site or home page reaches another request.

Entries also expire after ``sitecache.DEFAULT_TIMEOUT``, a safety net for Sites changed
behind the ORM's back (raw SQL, bulk loaders), which send no signal.
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
from dataclasses import dataclass, field

from django.http.request import split_domain_port
from wagtail.models import Site

from . import sitecache

logger = logging.getLogger(__name__)

MATCH_HOSTNAME_PORT = 0
MATCH_HOSTNAME_DEFAULT = 1
MATCH_DEFAULT = 2
MATCH_HOSTNAME = 3


@dataclass
class HostTable:
    version: int
    built_at: float
    #: hostname → [(port, is_default_site, site id)]
    by_hostname: dict[str, list[tuple[int, bool, int]]]
    default_id: int | None
    #: site id → the pickled Site (root page specific), filled as Sites are visited
    pickled: dict[int, bytes] = field(default_factory=dict)

    def site_id_for(self, hostname: str, port: int) -> int | None:
        """Wagtail's ``get_site_for_hostname``, over the table instead of the database."""
        candidates = []
        for site_port, is_default, site_id in self.by_hostname.get(hostname, ()):
            if site_port == port:
                match = MATCH_HOSTNAME_PORT
            elif is_default:
                match = MATCH_HOSTNAME_DEFAULT
            else:
                match = MATCH_HOSTNAME
            candidates.append((match, site_id))
        if self.default_id is not None and not any(
            site_id == self.default_id for _, site_id in candidates
        ):
            candidates.append((MATCH_DEFAULT, self.default_id))
        if not candidates:
            return None
        candidates.sort(key=lambda row: row[0])
        best_match, best_id = candidates[0]
        if len(candidates) == 1 or best_match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
            return best_id
        if best_match == MATCH_DEFAULT:
            # The default Site for an unknown hostname, or the single Site of a known one.
            return candidates[len(candidates) == 2][1]
        # Only several hostname matches on other ports and no default Site: Wagtail's
        # query finds them and falls through to "no site".
        return None


_lock = threading.Lock()
_table: HostTable | None = None


def _build_table(version: int) -> HostTable:
    by_hostname: dict[str, list[tuple[int, bool, int]]] = {}
    default_id = None
    rows = Site.objects.order_by().values_list("pk", "hostname", "port", "is_default_site")
    for pk, hostname, port, is_default in rows:
        by_hostname.setdefault(hostname, []).append((port, is_default, pk))
        if is_default:
            default_id = pk
    return HostTable(version, time.monotonic(), by_hostname, default_id)


def host_table() -> HostTable:
    """This process's host table for the current content version (built on a miss)."""
    global _table
    version = sitecache.content_version()
    table = _table
    if (
        table is None
        or table.version != version
        or time.monotonic() - table.built_at > sitecache.DEFAULT_TIMEOUT
    ):
        table = _build_table(version)
        with _lock:
            _table = table
    return table


def _load_site(table: HostTable, site_id: int) -> Site | None:
    data = table.pickled.get(site_id)
    if data is not None:
        return pickle.loads(data)
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:  # deleted behind the ORM's back, or racing a deletion
        return None
    site.root_page.specific  # noqa: B018 (cached on the instance, pickled with it)
    table.pickled[site_id] = pickle.dumps(site, pickle.HIGHEST_PROTOCOL)
    return site


def host_and_port(request) -> tuple[str, int]:
    """What Wagtail matches on: the raw host's name (lower case) and the request's port."""
    port = request.get_port()
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = -1  # no Site has it: Wagtail's query would match none on the port either
    return split_domain_port(request._get_raw_host())[0], port


def site_for_request(request) -> Site | None:
    """The Site that answers ``request`` (Wagtail's choice), from memory once warm; also
    remembered on the request where ``Site.find_for_request`` reads it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    table = host_table()
    site_id = table.site_id_for(*host_and_port(request))
    site = _load_site(table, site_id) if site_id is not None else None
    request._wagtail_site = site
    return site


def site_id_for_request(request) -> int | None:
    """The id alone: no Site object is built (no unpickling, no query once warm)."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site.pk
    return host_table().site_id_for(*host_and_port(request))


class SiteResolutionMiddleware:
    """Sets ``request._wagtail_site`` from the host table (see the module's docstring).
    Place it after CommonMiddleware (which has validated the host) and before anything
    that asks for the request's Site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            site_for_request(request)
        except Exception as error:
            # The database or the cache is down: leave the request to Wagtail's own
            # look-up, so that what answers (``/healthz``'s 503, the error page) is what
            # would have answered without this middleware.
            logger.warning("Site not resolved from the host table: %s", type(error).__name__)
        return self.get_response(request)
