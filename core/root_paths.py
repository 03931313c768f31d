"""A page's Sites among many, without a scan of every Site per link.

Wagtail finds the Sites a page belongs to (``Page._get_relevant_site_root_paths``, used by
every ``pageurl``, ``page.url``, ``get_url_parts``) by testing the page's ``url_path``
against the root path of every Site. With a province's 188 Sites that is 188 string tests
per link: a home page or a sitemap with a few hundred links spent 12–17 ms more at 187 Sites
than at 3 (bench/PROVINCE.md §2). A root path always ends with "/", so a Site is relevant
exactly when its root path is one of the page path's prefixes that end with "/": at most
the page's depth dictionary look-ups. The index is kept on the object Wagtail caches the
root paths on (the request), built once per request from that same list, and returns the
same tuple, in the same order, as Wagtail's own method; without such an object (no request)
Wagtail's method runs unchanged. docs/admin-at-scale.md §5 offers this upstream.

The list itself: ``Site.get_site_root_paths()`` reads it from the cache, unpickles it and
makes a named tuple of each entry on every call — 0.3–1.4 ms at 188 Sites, three times a
request (the request's links, the statistics middleware, the archive check). It is kept in
the process instead (``site_root_paths``), tagged with ``core.sitecache``'s content
version, which saving or deleting any Site or page bumps (``core.signals``) as the host
table of ``core.site_resolution`` is; ``Site.clear_site_root_paths_cache()`` drops it too,
and it expires after ``sitecache.DEFAULT_TIMEOUT`` (Sites changed by raw SQL). Each call
is then one read of the version.
"""

from __future__ import annotations

import threading
import time

from wagtail.models import Page, Site

from . import sitecache

_ATTRIBUTE = "_portal_site_root_index"
_wagtail_relevant = Page._get_relevant_site_root_paths
_wagtail_root_paths = Site.get_site_root_paths
_wagtail_clear = Site.clear_site_root_paths_cache

#: (content version, monotonic time built, Wagtail's list): the list every caller gets
#: until the version changes. Callers only read it (Wagtail's own do).
_memo: tuple[int, float, list] | None = None
_memo_lock = threading.Lock()


def site_root_paths() -> list:
    """``Site.get_site_root_paths()``, kept in the process for the content version."""
    global _memo
    version = sitecache.content_version()
    memo = _memo
    if (
        memo is not None
        and memo[0] == version
        and time.monotonic() - memo[1] < sitecache.DEFAULT_TIMEOUT
    ):
        return memo[2]
    paths = _wagtail_root_paths()
    with _memo_lock:
        _memo = (version, time.monotonic(), paths)
    return paths


def clear_site_root_paths() -> None:
    """``Site.clear_site_root_paths_cache()``: Wagtail's cached copy and this process's."""
    global _memo
    _wagtail_clear()
    with _memo_lock:
        _memo = None


class RootIndex:
    """The Sites' root paths (Wagtail's list, in its order) by root path."""

    __slots__ = ("by_root", "paths", "usable")

    def __init__(self, paths):
        self.paths = paths
        self.by_root: dict[str, list[tuple[int, object]]] = {}
        self.usable = True
        for position, root in enumerate(paths):
            if not root.root_path.endswith("/"):
                self.usable = False
            self.by_root.setdefault(root.root_path, []).append((position, root))

    def relevant(self, url_path: str) -> tuple:
        found = []
        end = url_path.find("/")
        while end != -1:
            found.extend(self.by_root.get(url_path[: end + 1], ()))
            end = url_path.find("/", end + 1)
        found.sort(key=lambda item: item[0])
        return tuple(root for _position, root in found)


#: The index of the list ``site_root_paths`` gives while it is the same list: requests
#: share it as they share the list.
_last_index: RootIndex | None = None


def relevant_site_root_paths(page, cache_object=None) -> tuple:
    global _last_index
    if cache_object is None:
        return _wagtail_relevant(page, cache_object)
    paths = page._get_site_root_paths(cache_object)
    index = getattr(cache_object, _ATTRIBUTE, None)
    if index is None or index.paths is not paths:
        shared = _last_index
        index = shared if shared is not None and shared.paths is paths else RootIndex(paths)
        _last_index = index
        try:
            setattr(cache_object, _ATTRIBUTE, index)
        except AttributeError:  # an object that takes no attributes: Wagtail's way
            return _wagtail_relevant(page, cache_object)
    if not index.usable:
        return _wagtail_relevant(page, cache_object)
    return index.relevant(page.url_path)


def install() -> None:
    """Called from ``CoreConfig.ready()``."""
    Page._get_relevant_site_root_paths = relevant_site_root_paths
    Site.get_site_root_paths = staticmethod(site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths)
