"""What a request was for: a page view, a form download or a click-through (issue 21).

Both counting paths (the access log, ``stats.ingest``; the middleware, ``stats.middleware``)
ask the same questions here, so a page served from nginx's cache and the same page served by
Django are counted alike:

1. :func:`route`: the URL resolver, once per distinct path (LRU-cached; it needs no
   database): Wagtail's serve route is a page view, ``wagtaildocs_serve`` a download,
   ``stats:outbound`` a click-through. Everything else (the admin, static and media files,
   /healthz, the counter's JSON, search suggestions, sitemaps) is not counted.
2. :class:`Targets`: which live page of which site, once per distinct (site, path); a
   RoutablePage's sub-route (``/van-ban/nam/2024/``) counts for the longest live ancestor.

A document is a procedure's form only in the app that knows forms (``procedures``); it
answers :data:`DOCUMENT_PAGES_HOOK`, so this app imports no other domain app.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from django.conf import settings
from django.urls import Resolver404, resolve
from wagtail import hooks
from wagtail.models import Page, Site

from congthongtin.core.conf import app_settings

#: ``@hooks.register(DOCUMENT_PAGES_HOOK)`` → ``fn(site_id, document_ids) -> {document_id:
#: page_id}``: the live page of that site (the Wagtail Site's id) whose downloadable file each
#: document is; documents that are no such file are left out. A download of
#: such a document counts as one download of that page (a procedure's form, R-PROC-4).
DOCUMENT_PAGES_HOOK = "congthongtin_stats_document_pages"

VIEW, DOWNLOAD, CLICK = "view", "download", "click"
#: The statuses each kind is counted with: a 304 is a browser revalidating a page it shows
#: again (a view); the click-through is a 302 (stats.views.outbound).
STATUSES = {VIEW: (200, 304), DOWNLOAD: (200,), CLICK: (302,)}
COUNTED_STATUSES = frozenset(s for statuses in STATUSES.values() for s in statuses)
METHODS = frozenset(("GET", "HEAD"))

#: Never counted, decided before the resolver (most of a log's lines are static files).
STATIC_PREFIXES = ("/static/", "/media/", "/favicon.ico", "/robots.txt", "/healthz")


@dataclass(frozen=True, slots=True)
class Target:
    kind: str
    page_id: int
    #: Page views only: the site root's child the page is under (the home page for "/")
    #: and the page's type.
    section_id: int | None = None
    content_type_id: int | None = None


@dataclass(frozen=True, slots=True)
class SiteRoot:
    site_id: int
    url_path: str  # the root page's url_path, e.g. "/home/"


def excluded_prefixes() -> tuple[str, ...]:
    return (*STATIC_PREFIXES, "/" + app_settings.ADMIN_PATH.strip("/") + "/")


def path_of(uri: str) -> str:
    """The path of a request URI: no query string, percent-decoded."""
    return unquote(uri.split("?", 1)[0].split("#", 1)[0]) or "/"


@lru_cache(maxsize=65_536)
def _route(path: str, urlconf: str) -> tuple[str, object] | None:
    try:
        match = resolve(path, urlconf)
    except (Resolver404, ValueError):
        return None
    if match.url_name == "wagtail_serve":
        return VIEW, (match.args[0] if match.args else match.kwargs.get("path", ""))
    if match.view_name == "wagtaildocs_serve":
        # Wagtail's pattern is positional: ^(\d+)/(.*)$ (document id, file name).
        return DOWNLOAD, int(match.args[0] if match.args else match.kwargs["document_id"])
    if match.view_name == "stats:outbound":
        return CLICK, int(match.kwargs["page_id"])
    return None


def route(path: str) -> tuple[str, object] | None:
    """(kind, what) for a path: (VIEW, path below the site root), (DOWNLOAD, document id),
    (CLICK, page id); None for everything that is not counted."""
    if path.startswith(excluded_prefixes()):
        return None
    return _route(path, settings.ROOT_URLCONF)


class SiteMap:
    """Host → site as Wagtail does (hostname, the default site as fallback), the port
    ignored: one log line has ``$host``, which nginx gives without a port."""

    def __init__(self):
        self.by_host: dict[str, SiteRoot] = {}
        self.default: SiteRoot | None = None
        sites = Site.objects.select_related("root_page").order_by("-is_default_site", "port")
        for site in sites:
            root = SiteRoot(site.pk, site.root_page.url_path)
            self.by_host.setdefault(site.hostname.lower(), root)
            if site.is_default_site and self.default is None:
                self.default = root
        self.hostnames = {root.site_id: host for host, root in self.by_host.items()}

    def find(self, host: str) -> SiteRoot | None:
        host = (host or "").strip().lower()
        if host.startswith("["):  # [::1]:8000
            host = host[: host.find("]") + 1]
        else:
            host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return self.by_host.get(host, self.default)


def site_root(site: Site) -> SiteRoot:
    """The SiteRoot of a site found by Wagtail (from its cached root paths: no query)."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return SiteRoot(site.pk, root.root_path)
    return SiteRoot(site.pk, site.root_page.url_path)


class DictMemo(dict):
    """The memo of one ingestion run: everything it looked up, for that run only."""

    def put(self, key, value):
        self[key] = value


class CacheMemo:
    """The memo of the middleware: the shared cache, a few minutes (pages move)."""

    TIMEOUT = 300

    def get(self, key, default=None):
        from django.core.cache import cache

        return cache.get(self._key(key), default)

    def put(self, key, value):
        from django.core.cache import cache

        cache.set(self._key(key), value, self.TIMEOUT)

    @staticmethod
    def _key(key) -> str:
        digest = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
        return f"stats:target:{digest}"


_MISSING = object()
_NONE = "-"


class Targets:
    """The counted target of (site, kind, what), looked up once per distinct key."""

    def __init__(self, memo=None):
        self.memo = DictMemo() if memo is None else memo

    def find(self, root: SiteRoot, kind: str, what) -> Target | None:
        key = (root.site_id, kind, what)
        found = self.memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._lookup(root, kind, what) or _NONE
            self.memo.put(key, found)
        return None if found == _NONE else found

    def _lookup(self, root: SiteRoot, kind: str, what) -> Target | None:
        if kind == VIEW:
            return page_view(root, what)
        if kind == DOWNLOAD:
            page_id = document_page(root, what)
            return Target(DOWNLOAD, page_id) if page_id else None
        if kind == CLICK:
            exists = Page.objects.filter(pk=what, url_path__startswith=root.url_path).exists()
            return Target(CLICK, what) if exists else None
        return None


def page_view(root: SiteRoot, relative: str) -> Target | None:
    """The longest live page whose URL is ``relative`` or a prefix of it, with its section;
    one query (the candidates and the section together)."""
    parts = [part for part in relative.split("/") if part]
    candidates = [
        root.url_path + "".join(f"{p}/" for p in parts[:n]) for n in range(len(parts) + 1)
    ]
    section_path = candidates[1] if len(candidates) > 1 else candidates[0]
    rows = Page.objects.filter(url_path__in=candidates).values_list(
        "pk", "url_path", "live", "content_type_id"
    )
    by_path = {url_path: (pk, live, ct) for pk, url_path, live, ct in rows}
    for url_path in reversed(candidates):
        found = by_path.get(url_path)
        if found and found[1]:
            page_id, _live, content_type_id = found
            section = by_path.get(section_path) if url_path != root.url_path else found
            return Target(VIEW, page_id, (section or found)[0], content_type_id)
    return None


def document_page(root: SiteRoot, document_id: int) -> int | None:
    for fn in hooks.get_hooks(DOCUMENT_PAGES_HOOK):
        page_id = fn(root.site_id, [document_id]).get(document_id)
        if page_id:
            return page_id
    return None
