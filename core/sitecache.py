"""Per-site data cached between requests, dropped whenever published content changes.

Every public page needs the same few things that change only when an editor acts: the
menu, the portal settings, the home page's highlights, the filter choices of a listing,
whether any page has a view restriction. They live in Django's cache (Redis in
production, per-process memory in development and tests) under keys that carry a
**content version**. Publishing, unpublishing, moving, deleting or saving a page, saving
a setting, a taxonomy term, a site or a view restriction bumps the version
(``congthongtin.core.signals``), so the next request rebuilds what it needs: nothing stale is shown
after a publish, and no key has to be listed for deletion.

The version starts from the clock rather than from 1, so an evicted version key (LocMem
culls its oldest entries) never brings back entries written under an older version.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils import translation

from .db_router import primary_reads

VERSION_KEY = "portal:content-version"
#: Upper bound on the life of an entry: a safety net for changes made behind the ORM's
#: back (raw SQL, bulk loaders such as ``generate_corpus``), which send no signal.
DEFAULT_TIMEOUT = 60 * 60

_MISSING = object()


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate() -> None:
    """Forget every cached entry at once (they are keyed on the version)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def make_key(*parts: Any, language: bool = False) -> str:
    """``portal:<parts>:<version>[:<language>]``; long or unusual parts are hashed so the
    key is valid on every cache backend."""
    text = ":".join(str(part) for part in parts)
    if len(text) > 150 or not text.isascii() or any(ch.isspace() for ch in text):
        text = hashlib.sha256(text.encode()).hexdigest()
    key = f"portal:{text}:{content_version()}"
    if language:
        key += f":{translation.get_language() or ''}"
    return key


def cached(key: str, build: Callable[[], Any], timeout: int | None = DEFAULT_TIMEOUT) -> Any:
    """The value under ``key`` (from ``make_key``), built and stored on a miss. ``build``
    may return ``(value, timeout)`` through ``Expiring`` to shorten the entry's life."""
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        # Built from the primary: an entry is shared by every reader until the next
        # version, and a lagging read replica (core.db_router) could still show the
        # content the version bump is about.
        with primary_reads():
            value = build()
        if isinstance(value, Expiring):
            timeout = value.timeout if timeout is None else min(timeout, value.timeout)
            value = value.value
        if timeout is None or timeout > 0:
            cache.set(key, value, timeout)
    return value


class Expiring:
    """A value that must not be cached longer than ``timeout`` seconds (for content that
    changes with the clock: a consultation closing, a notice expiring)."""

    def __init__(self, value: Any, timeout: int):
        self.value = value
        self.timeout = max(int(timeout), 0)


# View restrictions ----------------------------------------------------------------------
def restricted_pages() -> list[tuple[str, int]]:
    """(path, depth) of every page carrying a view restriction; usually none."""

    def build():
        from wagtail.models import PageViewRestriction

        return list(PageViewRestriction.objects.values_list("page__path", "page__depth"))

    return cached(make_key("restricted-pages"), build)


def public_q() -> Q:
    """``PageQuerySet.public()`` without its query per call: the restrictions are cached."""
    q = Q()
    for path, depth in restricted_pages():
        q &= ~(Q(path__startswith=path) & Q(depth__gte=depth))
    return q


def public(queryset):
    """``queryset.public()`` from the cached restrictions (no query when building it)."""
    q = public_q()
    return queryset.filter(q) if q else queryset
