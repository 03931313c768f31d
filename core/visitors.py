"""A visitor key for one day that identifies nobody (issue 21; Decree 224/2026 Điều 10.3b).

Visits, and "one rating per visitor per item per day", need to know whether two requests
came from the same visitor on the same day, and nothing more. The key is
``HMAC(daily salt, address + user agent [+ scope])``: the salt is 32 random bytes made for
each local day, kept only in the shared cache (Redis without persistence in
docker/compose.yaml, per-process memory in development) and dropped after two days; it is
never written to the database or to disk. Once the salt is gone, the keys of that day
cannot be linked to any address, not even by someone holding the database and the
SECRET_KEY, and keys of two days cannot be linked to each other. The key itself is never
stored either: only counts are (``stats``), and the cache entries made with it expire at
the end of the day.

The same design as Plausible Analytics' daily salts; see docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.cache import cache
from django.utils import timezone

#: The salt outlives its day by one, so a log line of 23:59 read after midnight is keyed
#: with its own day's salt.
SALT_TIMEOUT = 2 * 24 * 60 * 60

_local_salts: dict[dt.date, bytes] = {}


def local_date(moment: dt.datetime | None = None) -> dt.date:
    """The portal's local date (TIME_ZONE) of an aware datetime, or of now."""
    return timezone.localdate(moment or timezone.now())


def daily_salt(day: dt.date) -> bytes:
    """The day's salt, shared by every process through the cache."""
    salt = _local_salts.get(day)
    if salt is not None:
        return salt
    key = f"core:visitor-salt:{day.isoformat()}"
    candidate = secrets.token_hex(32)
    cache.add(key, candidate, SALT_TIMEOUT)
    value = cache.get(key) or candidate
    salt = bytes.fromhex(value)
    # A process remembers only today's and yesterday's salts.
    if len(_local_salts) > 2:
        for old in sorted(_local_salts)[:-2]:
            del _local_salts[old]
    _local_salts[day] = salt
    return salt


def forget_salts() -> None:
    """Drop the salts this process remembers (tests, and the end of a long ingestion)."""
    _local_salts.clear()


def visitor_key(day: dt.date, address: str, user_agent: str, scope: str = "") -> str:
    """A 128-bit hex key for (address, user agent, scope) on ``day``; see the module."""
    message = "\x1f".join((address or "", user_agent or "", scope)).encode()
    return hmac.new(daily_salt(day), message, hashlib.sha256).hexdigest()[:32]


def seconds_until_end_of_day(moment: dt.datetime | None = None) -> int:
    now = timezone.localtime(moment or timezone.now())
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(1, int((tomorrow - now).total_seconds()))
