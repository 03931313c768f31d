"""The satisfaction summary of one body over a date range, for the statistics' figures and
report (issue 21; Decree 224/2026 Điều 10.3b). Registered for stats' ``SATISFACTION_HOOK``
("congthongtin_satisfaction_summary") in consultation/wagtail_hooks.py; the shape is the
one documented there (stats.figures)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count
from django.utils import timezone
from wagtail.models import Page

from congthongtin.core.query_params import local_midnight

from .models import ServiceRating

#: Comments listed in the summary (the latest first).
LATEST_COMMENTS = 20


def _average(value) -> float | None:
    return None if value is None else round(float(value), 1)


def summary(site, start: dt.date, end: dt.date) -> dict:
    """Ratings of the pages of ``site`` sent from ``start`` (local midnight) to ``end``
    (exclusive): count, average, count per level, per page, and the latest comments."""
    ratings = ServiceRating.objects.filter(
        created_at__gte=local_midnight(start),
        created_at__lt=local_midnight(end),
        page__in=Page.objects.descendant_of(site.root_page, inclusive=True).values("pk"),
    )
    overall = ratings.aggregate(n=Count("pk"), average=Avg("level"))
    levels = dict(ratings.values_list("level").annotate(n=Count("pk")).order_by())
    pages = {
        row["page_id"]: {"ratings": row["n"], "average": _average(row["average"])}
        for row in ratings.values("page_id")
        .annotate(n=Count("pk"), average=Avg("level"))
        .order_by()
    }
    comments = [
        {
            "page_id": page_id,
            "level": level,
            "comment": comment,
            "date": timezone.localdate(created_at).isoformat(),
        }
        for page_id, level, comment, created_at in ratings.exclude(comment="")
        .order_by("-created_at", "-pk")
        .values_list("page_id", "level", "comment", "created_at")[:LATEST_COMMENTS]
    ]
    return {
        "ratings": overall["n"],
        "average": _average(overall["average"]),
        "by_level": {str(level): levels.get(level, 0) for level in range(1, 6)},
        "pages": pages,
        "comments": comments,
    }
