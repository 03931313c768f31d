"""Satisfaction with a service (Decree 224/2026 Điều 10.3b): how a rating is recorded and how
“one rating per visitor per service per day” is kept without storing who rated.

``record_satisfaction`` is the only way a ``ServiceRating`` is made. It stores the page, the
level, the comment and the time; nothing about the visitor (no address, no user agent, no
cookie, no key). The daily limit lives in the cache only: an entry under a key made of the
page and ``core.visitors.visitor_key`` (an HMAC of address and user agent with a salt made
for the day and kept only in the cache), which expires at the end of the local day. Once
the day's salt is gone, the entry cannot be traced to anyone; the database never held it.
"""

from __future__ import annotations

from django.core.cache import cache

from congthongtin.core.antispam import clean_text
from congthongtin.core.clients import client_ip
from congthongtin.core.visitors import local_date, seconds_until_end_of_day, visitor_key

from .models import SatisfactionLevel, ServiceRating

#: The comment's longest length, as the form says.
COMMENT_MAX_LENGTH = 2000
SCOPE = "satisfaction"


def is_rated_service(page) -> bool:
    """The page describes a service people rate (``BasePage.stats_service``: procedures),
    read from its class, so a generic ``Page`` row costs no query to check."""
    specific_class = getattr(page, "specific_class", None) or type(page)
    return bool(getattr(specific_class, "stats_service", False))


def record_satisfaction(page, level: int, comment: str = "") -> ServiceRating:
    """Store one rating of ``page`` (a rated service) at ``level`` (1–5) with an optional
    comment, cleaned to plain text and cut at ``COMMENT_MAX_LENGTH``."""
    if not is_rated_service(page):
        raise ValueError("This page is not a service that can be rated.")
    level = int(level)
    if level not in SatisfactionLevel.values:
        raise ValueError(f"Not a satisfaction level: {level!r}")
    text = clean_text(comment or "")[:COMMENT_MAX_LENGTH]
    return ServiceRating.objects.create(page_id=page.pk, level=level, comment=text)


def daily_key(request, page_id: int) -> str:
    """The cache key of “this visitor rated this service today”; see the module."""
    address = client_ip(request) or ""
    agent = request.META.get("HTTP_USER_AGENT", "")
    key = visitor_key(local_date(), address, agent, SCOPE)
    return f"consultation:satisfaction:{page_id}:{key}"


def already_rated(request, page_id: int) -> bool:
    return cache.get(daily_key(request, page_id)) is not None


def claim_daily_rating(request, page_id: int) -> str | None:
    """Take today's rating of ``page_id`` for this visitor: the key (to ``release`` it if
    storing fails), or None when the visitor has already rated the service today."""
    key = daily_key(request, page_id)
    return key if cache.add(key, 1, seconds_until_end_of_day()) else None


def release(key: str) -> None:
    """Give the day's rating back: it was claimed but not stored."""
    cache.delete(key)
