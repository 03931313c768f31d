"""The statistics' own sections of the board's report (registered in ``wagtail_hooks``):
visits (10), service use (20, R-PROC-4) and items published (40).

Plain data (``core.reports``): the admin view, the XLSX and the DOCX render the same
sections. Items published are counted over every page type (``wagtail.Page`` and the
``responsible_unit`` of ``core.BasePage``), so this module imports no other domain app.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from wagtail.models import Page

from congthongtin.core.bodies import pages_in_sites
from congthongtin.core.models import Agency
from congthongtin.core.models.pages import unit_page_models
from congthongtin.core.query_params import local_midnight
from congthongtin.core.reports import Chart, Period, ReportSection, Table

from . import figures
from .report import percent_change, period_label, previous_period

#: Bars in a chart of categories (sections, services): the rest is in the table.
CHART_BARS = 10


def sections(site, period: Period) -> list[ReportSection]:
    """``REPORT_SECTIONS_HOOK``: the three sections of this app."""
    counts = figures.page_counts(site, period.start, period.end)
    return [
        visits_section(site, period, counts),
        service_section(site, period, counts),
        published_section(site, period),
    ]


def _top(rows, label_key: str, value_key: str, limit: int = CHART_BARS):
    rows = [row for row in rows if row[value_key]][:limit]
    return [str(row[label_key]) for row in rows], [row[value_key] for row in rows]


# Visits --------------------------------------------------------------------------------------
def _series(site, period: Period) -> tuple[str, list[str], list[int]]:
    """Page views by day for a month or shorter, by month for a quarter or a year (a chart
    of 365 bars says nothing; the table would run over pages)."""
    days = figures.by_day(site, period.start, period.end)
    if period.days <= 31:
        labels = [dt.date.fromisoformat(day["date"]).strftime("%d/%m") for day in days]
        return _("Page views by day"), labels, [day["page_views"] for day in days]
    months: dict[str, int] = {}
    for day in days:
        key = dt.date.fromisoformat(day["date"]).strftime("%m/%Y")
        months[key] = months.get(key, 0) + day["page_views"]
    return _("Page views by month"), list(months), list(months.values())


def visits_section(site, period: Period, counts=None) -> ReportSection:
    now = figures.totals(site, period.start, period.end)
    before_period = previous_period(period)
    before = figures.totals(site, before_period.start, before_period.end)
    names = {
        "page_views": _("Page views"),
        "visits": _("Visits"),
        "visitors": _("Visitors"),
    }
    comparison = Table(
        caption=_("Compared with %(previous)s") % {"previous": period_label(before_period)},
        headers=[_("Figure"), _("This period"), _("Previous period"), _("Change (%)")],
        rows=[
            [names[key], now[key], before[key], percent_change(now[key], before[key])]
            for key in names
        ],
        numeric=(1, 2, 3),
    )
    series_title, labels, values = _series(site, period)
    by_section = figures.by_section(site, period.start, period.end)
    by_type = figures.by_type(site, period.start, period.end)
    top = figures.top_pages(site, period.start, period.end, counts)
    section_labels, section_values = _top(by_section, "title", "page_views")
    notes = []
    change = percent_change(now["page_views"], before["page_views"])
    if change is not None:
        notes.append(
            _("Page views changed by %(change)s%% compared with %(previous)s.")
            % {
                "change": f"{change:+.1f}".replace(".", ","),
                "previous": period_label(before_period),
            }
        )
    return ReportSection(
        key="visits",
        title=_("Visits to the portal"),
        order=10,
        figures=[(names[key], now[key]) for key in names],
        charts=[
            Chart(
                title=series_title,
                labels=labels,
                values=values,
                kind="line" if period.days <= 31 else "bar",
                description=_("Page views of each day or month of the period."),
            ),
            Chart(
                title=_("Page views by section"),
                labels=section_labels,
                values=section_values,
                description=_("The most visited sections of the portal."),
            ),
        ],
        tables=[
            comparison,
            Table(
                caption=series_title,
                headers=[_("Day or month"), _("Page views")],
                rows=[[label, value] for label, value in zip(labels, values, strict=True)],
                numeric=(1,),
            ),
            Table(
                caption=_("Page views by section"),
                headers=[_("Section"), _("Page views")],
                rows=[[row["title"], row["page_views"]] for row in by_section],
                numeric=(1,),
            ),
            Table(
                caption=_("Page views by page type"),
                headers=[_("Page type"), _("Page views")],
                rows=[[row["type"], row["page_views"]] for row in by_type],
                numeric=(1,),
            ),
            Table(
                caption=_("Most visited pages"),
                headers=[_("No."), _("Page"), _("Page views")],
                rows=[
                    [number, row["title"], row["page_views"]]
                    for number, row in enumerate(top, start=1)
                ],
                numeric=(0, 2),
            ),
        ],
        notes=notes,
    )


# Service use (R-PROC-4) ----------------------------------------------------------------------
def service_section(site, period: Period, counts=None) -> ReportSection:
    rated = figures.satisfaction(site, period.start, period.end)
    services = figures.service_use(site, period.start, period.end, counts, rated)
    total = {key: sum(s[key] for s in services) for key in ("views", "downloads", "clicks")}
    ratings = sum(s["ratings"] for s in services)
    labels, values = _top(services, "title", "views")
    return ReportSection(
        key="service_use",
        title=_("Use of administrative procedures and online services"),
        order=20,
        figures=[
            (_("Procedures and services published"), len(services)),
            (_("Of which online"), sum(s["online"] for s in services)),
            (_("Views of procedures"), total["views"]),
            (_("Form downloads"), total["downloads"]),
            (_("Click-throughs to the public-service portal"), total["clicks"]),
            (_("Satisfaction ratings"), ratings),
        ],
        charts=[
            Chart(
                title=_("Most viewed procedures"),
                labels=labels,
                values=values,
                description=_("Views of the most viewed procedures in the period."),
            )
        ],
        tables=[
            Table(
                caption=_("Use of each procedure and online service"),
                headers=[
                    _("No."),
                    _("Procedure or service"),
                    _("Online"),
                    _("Views"),
                    _("Form downloads"),
                    _("Click-throughs"),
                    _("Ratings"),
                    _("Average (1–5)"),
                ],
                rows=[
                    [
                        number,
                        s["title"],
                        _("yes") if s["online"] else _("no"),
                        s["views"],
                        s["downloads"],
                        s["clicks"],
                        s["ratings"],
                        s["average"],
                    ]
                    for number, s in enumerate(services, start=1)
                ],
                numeric=(0, 3, 4, 5, 6, 7),
            )
        ],
    )


# Items published -----------------------------------------------------------------------------
def _published(queryset, site, period: Period):
    """Pages of ``site`` first published in the period (local days): a page unpublished
    later still counts in the period it first went live; aliases are not counted."""
    return queryset.filter(
        pages_in_sites([site.pk]),
        alias_of__isnull=True,
        first_published_at__gte=local_midnight(period.start),
        first_published_at__lt=local_midnight(period.end),
    ).order_by()


def published_by_type(site, period: Period) -> list[list]:
    rows = (
        _published(Page.objects.all(), site, period)
        .values("content_type_id")
        .annotate(n=Count("pk"))
    )
    result = []
    for row in rows:
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        result.append([str(model._meta.verbose_name) if model else "?", row["n"]])
    return sorted(result, key=lambda r: (-r[1], r[0]))


def published_by_section(site, period: Period) -> list[list]:
    """By the child of the home page the item is under (the home page for itself): one
    grouped query on the prefix of the tree path, one for the sections' titles."""
    root = site.root_page
    length = (root.depth + 1) * Page.steplen
    rows = (
        _published(Page.objects.all(), site, period)
        .annotate(section_path=Substr("path", 1, length))
        .values("section_path")
        .annotate(n=Count("pk"))
    )
    counts = {row["section_path"]: row["n"] for row in rows}
    titles = dict(Page.objects.filter(path__in=list(counts)).values_list("path", "title"))
    result = [[titles.get(path, "?"), n] for path, n in counts.items()]
    return sorted(result, key=lambda r: (-r[1], r[0]))


def published_by_unit(site, period: Period) -> list[list]:
    """By responsible unit: one UNION of one grouped SELECT per content type."""
    queries = [
        _published(model.objects.all(), site, period)
        .values("responsible_unit_id")
        .annotate(n=Count("pk"))
        for model in unit_page_models()
    ]
    if not queries:
        return []
    first, *others = queries
    rows = first.union(*others, all=True) if others else first
    counts: dict[int | None, int] = defaultdict(int)
    for row in rows:
        counts[row["responsible_unit_id"]] += row["n"]
    names = dict(Agency.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    result = [
        [names.get(pk, "?") if pk else _("(no responsible unit)"), n] for pk, n in counts.items()
    ]
    return sorted(result, key=lambda r: (-r[1], r[0]))


def published_section(site, period: Period) -> ReportSection:
    by_type = published_by_type(site, period)
    by_section = published_by_section(site, period)
    by_unit = published_by_unit(site, period)
    total = sum(n for _name, n in by_type)
    return ReportSection(
        key="published",
        title=_("Information published"),
        order=40,
        figures=[(_("Items published for the first time"), total)],
        charts=[
            Chart(
                title=_("Items published by section"),
                labels=[str(r[0]) for r in by_section[:CHART_BARS]],
                values=[r[1] for r in by_section[:CHART_BARS]],
                description=_("Items first published in the period, in each section."),
            )
        ],
        tables=[
            Table(_("Items published by section"), [_("Section"), _("Items")], by_section, (1,)),
            Table(_("Items published by type"), [_("Page type"), _("Items")], by_type, (1,)),
            Table(
                _("Items published by responsible unit"),
                [_("Responsible unit"), _("Items")],
                by_unit,
                (1,),
            ),
        ],
        notes=[
            _(
                "An item counts in the period in which it was first published (Vietnamese "
                "time), even when it was unpublished later; drafts do not count."
            )
        ],
    )
