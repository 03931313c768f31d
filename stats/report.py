"""The board's periodic report (S1 Đ15.3; R-REP-1, R-PROC-4, R-FEED-1): who reads it, its
period and its sections.

Each app contributes sections through ``core.reports.REPORT_SECTIONS_HOOK``; ``collect``
asks them all and orders them. The admin view (``stats.admin_views``), the XLSX and DOCX
files (``stats.report_exports``) and the committee's e-mails (``stats.mailings``) are all
made from the same list, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from wagtail import hooks

from congthongtin.core import roles
from congthongtin.core.bodies import bodies_where, holds, site_ids_where
from congthongtin.core.reports import REPORT_SECTIONS_HOOK, Period, ReportSection

#: Who reads a body's report: the board (it makes the report, S1 Đ15.3), the body's head
#: (the report goes to him) and the auditors, who read every report of their body
#: (read-only roles: core.roles.READ_ONLY_ROLES), as for the quota tables.
READERS = [*roles.BOARD, roles.BODY_HEAD, *roles.READ_ONLY_ROLES]

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def readable_site_ids(user) -> set[int] | None:
    """Bodies whose report ``user`` reads (None: every body)."""
    return site_ids_where(user, READERS) if _active(user) else set()


def may_read(user, site) -> bool:
    return _active(user) and (user.is_superuser or holds(user, READERS, site))


def readable_sites(user):
    return bodies_where(user, READERS)


# Periods -------------------------------------------------------------------------------------
def previous_period(period: Period) -> Period:
    """The period of the same kind just before: the month, quarter, year, week before; a
    range of the same length before it."""
    if period.kind == "month":
        day = period.start - dt.timedelta(days=1)
        return Period.month(day.year, day.month)
    if period.kind == "quarter":
        day = period.start - dt.timedelta(days=1)
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    if period.kind == "year":
        return Period.year(period.start.year - 1)
    return Period(period.kind, period.start - dt.timedelta(days=period.days), period.start)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def period_label(period: Period) -> str:
    """How the report names its period: "tháng 11 năm 2026", "quý IV năm 2026"…"""
    start = period.start
    if period.kind == "month":
        return _("month %(month)d of %(year)d") % {"month": start.month, "year": start.year}
    if period.kind == "quarter":
        return _("quarter %(quarter)s of %(year)d") % {
            "quarter": ROMAN[quarter_of(start) - 1],
            "year": start.year,
        }
    if period.kind == "year":
        return _("year %(year)d") % {"year": start.year}
    return _("from %(start)s to %(end)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": period.last_day.strftime("%d/%m/%Y"),
    }


def period_slug(period: Period) -> str:
    """The period in a file name: 2026-11, 2026-q4, 2026, 2026-11-23_2026-11-29."""
    start = period.start
    if period.kind == "month":
        return f"{start:%Y-%m}"
    if period.kind == "quarter":
        return f"{start.year}-q{quarter_of(start)}"
    if period.kind == "year":
        return str(start.year)
    return f"{start.isoformat()}_{period.last_day.isoformat()}"


# Sections ------------------------------------------------------------------------------------
def collect(site, period: Period) -> list[ReportSection]:
    """Every app's sections of ``site``'s report for ``period``, in report order."""
    sections: list[ReportSection] = []
    for fn in hooks.get_hooks(REPORT_SECTIONS_HOOK):
        sections.extend(fn(site, period) or [])
    # Stable: sections of the same order keep the order their app gave them.
    return sorted(sections, key=lambda section: section.order)


def percent_change(current, previous) -> float | None:
    """The change from ``previous`` to ``current`` in %, one decimal; None when there is
    nothing to compare with (a change from zero has no percentage)."""
    if not previous:
        return None
    return round((current - previous) * 100 / previous, 1)


def format_number(value) -> str:
    """Vietnamese digit grouping (1.234.567; 4,5) for text; tables keep the numbers."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int | float):
        return f"{int(value):,}".replace(",", ".")
    return str(value)
