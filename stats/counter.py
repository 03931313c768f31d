"""The public visit counter's figures: today, this month, in total (issue 21).

Read from the cache, rebuilt from ``SiteDay`` at most every ``TIMEOUT`` seconds: the
counter is fresh within minutes and a page served from the front cache costs no query
(the footer fetches ``stats:counter``, itself cached ``views.SHARED_MAX_AGE`` seconds).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Sum

from congthongtin.core.visitors import local_date

from .models import SiteDay

TIMEOUT = 300


def _build(site_id: int) -> dict:
    today = local_date()
    rows = SiteDay.objects.filter(site_id=site_id)
    return {
        "today": rows.filter(date=today).aggregate(n=Sum("visits"))["n"] or 0,
        "month": rows.filter(date__gte=today.replace(day=1), date__lte=today).aggregate(
            n=Sum("visits")
        )["n"]
        or 0,
        "total": rows.aggregate(n=Sum("visits"))["n"] or 0,
    }


def figures(site_id: int) -> dict:
    key = f"stats:counter:{site_id}:{local_date().isoformat()}"
    value = cache.get(key)
    if value is None:
        value = _build(site_id)
        cache.set(key, value, TIMEOUT)
    return value
