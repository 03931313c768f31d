"""The shape of a periodic report, shared by the apps that contribute to it (issue 21).

The board's report (S1 Đ15.3; R-REP-1, R-PROC-4, R-FEED-1) gathers what several apps
know: visits and service use (``stats``), questions, consultations, contact messages and
ratings (``consultation``), items published (every page type). Each app answers the hook
``REPORT_SECTIONS_HOOK`` with a function ``(site, period) -> list[ReportSection]``; the
report (``stats.report``) orders them, renders them in the admin with charts and writes
them to XLSX and DOCX. Nothing here imports an app: the sections are plain data.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

#: ``@hooks.register(REPORT_SECTIONS_HOOK)`` → ``fn(site, period) -> list[ReportSection]``.
REPORT_SECTIONS_HOOK = "congthongtin_report_sections"

#: ``@hooks.register(UNIT_LEADERS_HOOK)`` → ``fn(site) -> {agency_id: [e-mail, …]}``: the
#: leaders of the units that answer for a body's pages (``BasePage.responsible_unit``), to
#: whom the weekly service-use e-mail goes (R-PROC-4). Answered by the app that keeps the
#: units (editorial's supplying units), so the statistics import no other app.
UNIT_LEADERS_HOOK = "congthongtin_unit_leaders"

PERIOD_KINDS = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}


@dataclass(frozen=True)
class Period:
    """A report's period: ``start`` inclusive, ``end`` exclusive (local dates)."""

    kind: str  # "month" | "quarter" | "year" (or "week", "range" for e-mails and scripts)
    start: dt.date
    end: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls("month", dt.date(year, month, 1), dt.date(year, month, last) + dt.timedelta(1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, first + 3, 1)
        return cls("quarter", dt.date(year, first, 1), end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass
class Table:
    """A table: ``rows`` are lists of cells (str or numbers) in the order of ``headers``."""

    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    #: Index of the columns holding numbers (right-aligned, summed in XLSX).
    numeric: tuple[int, ...] = ()


@dataclass
class Chart:
    """One series for a chart; the same figures are always in a table beside it."""

    title: str
    labels: list[str]
    values: list[float]
    kind: str = "bar"  # "bar" | "line"
    #: One sentence for screen readers and the DOCX: what the chart shows.
    description: str = ""


@dataclass
class ReportSection:
    key: str
    title: str
    #: Sections are sorted by ``order``: 10 visits, 20 service use, 30 satisfaction and
    #: ratings, 40 items published, 50 questions, 60 consultations, 70 contact.
    order: int = 100
    #: Headline figures: (label, value) pairs.
    figures: list[tuple[str, object]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    #: Sentences (a paragraph each) for the report's text.
    notes: list[str] = field(default_factory=list)
