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
"""

from __future__ import annotations

from wagtail.models import Page

_ATTRIBUTE = "_portal_site_root_index"
_wagtail_relevant = Page._get_relevant_site_root_paths


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


def relevant_site_root_paths(page, cache_object=None) -> tuple:
    if cache_object is None:
        return _wagtail_relevant(page, cache_object)
    paths = page._get_site_root_paths(cache_object)
    index = getattr(cache_object, _ATTRIBUTE, None)
    if index is None or index.paths is not paths:
        index = RootIndex(paths)
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
