"""Fixed-window counters in Django's cache, shared by every per-client limit of the portal
(the public forms, the password reset). The cache is shared by every process in production
(``REDIS_URL``) and per process in tests and ``make run``."""

from __future__ import annotations

from django.core.cache import cache


def hit(key: str, window: int) -> int:
    """Counts one request in a window of ``window`` seconds that starts with the first one;
    returns the count so far, this request included."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def count(key: str) -> int:
    """The count so far, without counting."""
    return int(cache.get(key, 0))
