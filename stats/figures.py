"""The figures of one body over a date range, read from the aggregates (issue 21).

What ``manage.py portal_stats`` prints as JSON and what the board's report is made of:
``page_views``, ``visits``, ``visitors``, ``by_day``, ``by_section``, ``by_type``,
``top_pages``, ``service_use`` and ``satisfaction``. Satisfaction ratings are kept by the
app that receives them (``consultation``); it answers ``SATISFACTION_HOOK``, so this app
imports no other domain app.

Page figures older than ``PAGE_DAYS_KEPT`` days are kept by month (``PageMonth``): a range
that reaches that far counts each such month whole. Site, section and page-type figures are
always by day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.models import Page, get_page_models

from .models import PageDay, PageMonth, SiteDay, TrafficDay

#: ``@hooks.register(SATISFACTION_HOOK)`` → ``fn(site, start, end) -> dict`` with
#: ``ratings``, ``average`` (one decimal, or None), ``by_level`` ({"1": n, … "5": n}),
#: ``pages`` ({page_id: {"ratings": n, "average": x}}) and ``comments`` (the latest, each
#: {"page_id", "level", "comment", "date"}); ``end`` exclusive.
SATISFACTION_HOOK = "congthongtin_satisfaction_summary"

TOP_PAGES = 20


def _days(start: dt.date, end: dt.date):
    day = start
    while day < end:
        yield day
        day += dt.timedelta(days=1)


def totals(site, start: dt.date, end: dt.date) -> dict:
    found = SiteDay.objects.filter(site=site, date__gte=start, date__lt=end).aggregate(
        page_views=Sum("page_views"), visits=Sum("visits"), visitors=Sum("visitors")
    )
    return {key: value or 0 for key, value in found.items()}


def by_day(site, start: dt.date, end: dt.date) -> list[dict]:
    """Every day of the range, zeros included (a chart needs the gaps)."""
    rows = {
        row.date: row for row in SiteDay.objects.filter(site=site, date__gte=start, date__lt=end)
    }
    return [
        {
            "date": day.isoformat(),
            "page_views": rows[day].page_views if day in rows else 0,
            "visits": rows[day].visits if day in rows else 0,
            "visitors": rows[day].visitors if day in rows else 0,
        }
        for day in _days(start, end)
    ]


def _views_by(site, start: dt.date, end: dt.date, column: str) -> list[tuple[int, int]]:
    """(value of ``column``, page views) from ``TrafficDay``, most viewed first."""
    return list(
        TrafficDay.objects.filter(site=site, date__gte=start, date__lt=end)
        .values(column)
        .annotate(views=Sum("page_views"))
        .order_by("-views", column)
        .values_list(column, "views")
    )


def by_section(site, start: dt.date, end: dt.date) -> list[dict]:
    rows = _views_by(site, start, end, "section_id")
    titles = dict(Page.objects.filter(pk__in=[pk for pk, _n in rows]).values_list("pk", "title"))
    return [
        {"section_id": pk, "title": titles.get(pk, ""), "page_views": views} for pk, views in rows
    ]


def by_type(site, start: dt.date, end: dt.date) -> list[dict]:
    result = []
    for content_type_id, views in _views_by(site, start, end, "content_type_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        name = capfirst(str(model._meta.verbose_name)) if model else ""
        result.append({"type": name, "page_views": views})
    return result


def page_counts(site, start: dt.date, end: dt.date) -> dict[int, dict]:
    """{page_id: {"views", "downloads", "clicks"}} over the range (days, then whole months
    for what has been folded)."""
    counts: dict[int, dict] = defaultdict(lambda: {"views": 0, "downloads": 0, "clicks": 0})
    fields = ("views", "downloads", "clicks")
    days = (
        PageDay.objects.filter(site=site, date__gte=start, date__lt=end)
        .values("page_id")
        .annotate(**{f: Sum(f) for f in fields})
    )
    months = (
        PageMonth.objects.filter(site=site, month__gte=start.replace(day=1), month__lt=end)
        .values("page_id")
        .annotate(**{f: Sum(f) for f in fields})
    )
    for row in [*days, *months]:
        target = counts[row["page_id"]]
        for f in fields:
            target[f] += row[f] or 0
    return dict(counts)


def _pages(ids) -> dict[int, Page]:
    return {page.pk: page for page in Page.objects.filter(pk__in=ids).specific(defer=True)}


def top_pages(site, start: dt.date, end: dt.date, counts=None, limit: int = TOP_PAGES):
    counts = page_counts(site, start, end) if counts is None else counts
    ranked = sorted(
        ((pid, c["views"]) for pid, c in counts.items() if c["views"]),
        key=lambda x: (-x[1], x[0]),
    )[:limit]
    pages = _pages([pid for pid, _views in ranked])
    return [
        {
            "page_id": pid,
            "title": pages[pid].title if pid in pages else "",
            "url": pages[pid].get_url(current_site=site) if pid in pages else "",
            "page_views": views,
        }
        for pid, views in ranked
    ]


def satisfaction(site, start: dt.date, end: dt.date) -> dict | None:
    """The satisfaction summary from the app that keeps the ratings, or None without one."""
    for fn in hooks.get_hooks(SATISFACTION_HOOK):
        return fn(site, start, end)
    return None


def service_models() -> list[type[Page]]:
    """The page types that are services (``stats_service``, a protocol of core.BasePage)."""
    return [model for model in get_page_models() if getattr(model, "stats_service", False)]


def service_use(site, start: dt.date, end: dt.date, counts=None, rated=None) -> list[dict]:
    """Every live service page of the body (``page.stats_service``), used or not, with its
    views, form downloads, click-throughs and satisfaction (R-PROC-4)."""
    counts = page_counts(site, start, end) if counts is None else counts
    rated = (rated or {}).get("pages", {}) if rated is not None else {}
    services = []
    models = service_models()
    if not models:
        return []
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).type(*models)
    for page in pages.specific():
        used = counts.get(page.pk, {"views": 0, "downloads": 0, "clicks": 0})
        rating = rated.get(page.pk) or rated.get(str(page.pk)) or {}
        services.append(
            {
                "page_id": page.pk,
                "title": page.title,
                "url": page.get_url(current_site=site),
                "online": bool(page.online_service_url()),
                "views": used["views"],
                "downloads": used["downloads"],
                "clicks": used["clicks"],
                "ratings": rating.get("ratings", 0),
                "average": rating.get("average"),
            }
        )
    services.sort(key=lambda s: (-s["views"], -s["clicks"], s["title"]))
    return services


def figures(site, start: dt.date, end: dt.date) -> dict:
    """Everything for ``portal_stats --format json``; ``end`` exclusive."""
    counts = page_counts(site, start, end)
    rated = satisfaction(site, start, end)
    return {
        "site": site.hostname,
        "from": start.isoformat(),
        "to": (end - dt.timedelta(days=1)).isoformat(),
        **totals(site, start, end),
        "by_day": by_day(site, start, end),
        "by_section": by_section(site, start, end),
        "by_type": by_type(site, start, end),
        "top_pages": top_pages(site, start, end, counts),
        "service_use": service_use(site, start, end, counts, rated),
        "satisfaction": rated,
    }
