"""The units' monthly supply against their quota (R-QUOTA-1): what counts, the monthly
table, the yearly emulation table, the reminders.

What counts (the one definition; the dashboard shows ``COUNTING_RULE``, the same in plain
words):

- an item of the body: a page of one of the platform's content types (``core.BasePage``)
  in the body's page tree (a body nested inside another keeps its own pages);
- whose "responsible unit" is the unit;
- whose **first** publication (``first_published_at``) falls in the month, in Vietnamese
  local time (``Asia/Ho_Chi_Minh``, the portal's time zone).

An item published again later counts once, in the month it first went live. An item
unpublished afterwards still counts in its month: the unit supplied it and the board
published it, and a notice taken down when it expires must not lower a past month's figure
or the year's emulation. A deleted item no longer counts (nothing is left to count).
Drafts, items waiting in the workflow and scheduled items do not count until they go live.
Aliases (a page shown in a second place) are not counted: the original is.

Quotas: the unit's own figure (``SupplyingUnit.monthly_quota``), else the body's
(``BoardSettings.monthly_quota``, 2 by default: S0 Đ10.3, S4 Đ10.3; named units 3: S1
Đ11.2). Figures use today's quotas for every month (a quota changed in June is applied to
January too); the change itself is in the audit log and the unit's history.

Every count is one aggregate query per request (a UNION over the content types, each
grouped by unit), whatever the number of units or items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Site

from congthongtin.core import roles
from congthongtin.core.bodies import (
    bodies_where,
    body_name,
    holds,
    is_archive,
    pages_in_sites,
    site_ids_where,
    work_calendar,
)
from congthongtin.core.models.pages import unit_page_models
from congthongtin.core.outbox import queue_email
from congthongtin.core.query_params import month_range

from .models import BoardSettings, SupplyingUnit, SupplyReminder

#: Who reads a body's quota table and its yearly emulation table: the board, the body's
#: head (he decides the emulation) and the auditors.
READERS = [*roles.BOARD, roles.BODY_HEAD, roles.AUDITOR, roles.PROVINCE_AUDITOR]
#: Who keeps a body's list of supplying units and their quotas (S0 Đ13.2đ: the board urges
#: the units; S1 Đ7: the standing office runs the board's daily work).
MANAGERS = [roles.HEAD, roles.DEPUTY, roles.STANDING_OFFICE]

COUNTING_RULE = _(
    "An item counts for a unit in a month when it belongs to this body's portal, names the "
    "unit as its responsible unit and was first published in that month (Vietnamese time). "
    "An item unpublished later still counts in the month it first went live; drafts and "
    "items still in review do not count until they are published; a deleted item no longer "
    "counts. Quota: the unit's own figure, else the body's (at least 2 a month, S0 Đ10.3, "
    "S4 Đ10.3; units named by the body at least 3, S1 Đ11.2)."
)
RANKING_RULE = _(
    "Rank: by the number of months the quota was met, then by the total supplied; equal "
    "figures share a rank. Months not yet begun are left out."
)

PURPOSE = "editorial.quota_reminder"


# Who ---------------------------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def readable_site_ids(user) -> set[int] | None:
    """Bodies whose quota tables the user reads (None: every body)."""
    return site_ids_where(user, READERS) if _active(user) else set()


def manageable_site_ids(user) -> set[int] | None:
    """Bodies whose supplying units the user keeps (None: every body)."""
    return site_ids_where(user, MANAGERS) if _active(user) else set()


def may_manage(user, site_id) -> bool:
    return _active(user) and (user.is_superuser or holds(user, MANAGERS, site_id))


def readable_sites(user):
    return bodies_where(user, READERS)


# What counts ------------------------------------------------------------------------------
@cache
def counted_page_models() -> tuple[type, ...]:
    """The content types whose items count (``core.models.pages.unit_page_models``)."""
    return unit_page_models()


def _counted_items(model, site_id: int, start: dt.datetime, end: dt.datetime):
    return (
        model.objects.filter(
            pages_in_sites([site_id]),
            alias_of__isnull=True,
            responsible_unit__isnull=False,
            first_published_at__gte=start,
            first_published_at__lt=end,
        )
        .order_by()
        .values("responsible_unit_id")
    )


def _union(querysets):
    querysets = list(querysets)
    if not querysets:
        return []
    first, *others = querysets
    return first.union(*others, all=True) if others else first


def supplied_counts(site_id: int, months: list[tuple[int, int]]) -> dict[int, list[int]]:
    """agency id → items counted in each of ``months`` ((year, month), consecutive), for the
    body ``site_id``: one query (a UNION of one grouped SELECT per content type)."""
    if not months:
        return {}
    ranges = [month_range(year, month) for year, month in months]
    start, end = ranges[0][0], ranges[-1][1]
    buckets = {
        f"m{index}": Count("pk", filter=Q(first_published_at__gte=low, first_published_at__lt=high))
        for index, (low, high) in enumerate(ranges)
    }
    rows = _union(
        _counted_items(model, site_id, start, end).annotate(**buckets)
        for model in counted_page_models()
    )
    counts: dict[int, list[int]] = {}
    for row in rows:
        figures = counts.setdefault(row["responsible_unit_id"], [0] * len(months))
        for index in range(len(months)):
            figures[index] += row[f"m{index}"] or 0
    return counts


def supplied_items(site_id: int, year: int, month: int, agency_ids) -> dict[int, list[dict]]:
    """agency id → the items counted for it in the month (title, first published), oldest
    first: one query."""
    start, end = month_range(year, month)
    agency_ids = sorted(set(agency_ids))
    if not agency_ids:
        return {}
    rows = _union(
        _counted_items(model, site_id, start, end)
        .filter(responsible_unit_id__in=agency_ids)
        .values("responsible_unit_id", "title", "first_published_at")
        for model in counted_page_models()
    )
    items: dict[int, list[dict]] = {}
    for row in rows:
        items.setdefault(row["responsible_unit_id"], []).append(row)
    for found in items.values():
        found.sort(key=lambda row: row["first_published_at"])
    return items


def unit_leaders(site) -> dict[int, list[str]]:
    """``core.reports.UNIT_LEADERS_HOOK``: agency id → the leaders' addresses of each tracked
    unit of ``site`` that has some (the weekly service-use e-mail, R-PROC-4)."""
    units = SupplyingUnit.objects.filter(site=site, active=True).exclude(leader_emails="")
    found = {unit.agency_id: unit.leaders for unit in units}
    return {agency_id: emails for agency_id, emails in found.items() if emails}


# Tables --------------------------------------------------------------------------------------
@dataclass
class MonthRow:
    unit: SupplyingUnit
    quota: int
    supplied: int

    @property
    def shortfall(self) -> int:
        return max(self.quota - self.supplied, 0)

    @property
    def met(self) -> bool:
        return self.supplied >= self.quota

    @property
    def own_quota(self) -> bool:
        return self.unit.monthly_quota is not None


def _units(site_id: int, *, active_only: bool = True):
    units = SupplyingUnit.objects.filter(site_id=site_id).select_related("agency")
    if active_only:
        units = units.filter(active=True)
    return units.order_by("agency__name", "pk")


def month_table(site_id: int, year: int, month: int) -> list[MonthRow]:
    """The body's tracked units in the month: quota, supplied, shortfall, met."""
    default = BoardSettings.for_site_id(site_id).monthly_quota
    units = list(_units(site_id))
    counts = supplied_counts(site_id, [(year, month)])
    return [
        MonthRow(unit, unit.quota(default), counts.get(unit.agency_id, [0])[0]) for unit in units
    ]


@dataclass
class YearRow:
    unit: SupplyingUnit
    quota: int
    #: Items per month, None for a month not yet begun.
    months: list[int | None]
    rank: int = 0
    months_met: int = field(init=False)
    total: int = field(init=False)
    shortfall: int = field(init=False)

    def __post_init__(self):
        counted = [n for n in self.months if n is not None]
        self.months_met = sum(n >= self.quota for n in counted)
        self.total = sum(counted)
        self.shortfall = sum(max(self.quota - n, 0) for n in counted)


def _months_begun(year: int, today: dt.date) -> int:
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month


def year_table(site_id: int, year: int, today: dt.date | None = None) -> list[YearRow]:
    """Each unit's supply in every month of ``year``, ranked (``RANKING_RULE``): tracked
    units, and units no longer tracked that supplied something that year."""
    today = today or timezone.localdate()
    begun = _months_begun(year, today)
    default = BoardSettings.for_site_id(site_id).monthly_quota
    counts = supplied_counts(site_id, [(year, m) for m in range(1, 13)])
    rows = []
    for unit in _units(site_id, active_only=False):
        figures = counts.get(unit.agency_id, [0] * 12)
        if not unit.active and not any(figures):
            continue
        months = [n if index < begun else None for index, n in enumerate(figures)]
        rows.append(YearRow(unit, unit.quota(default), months))
    rows.sort(key=lambda row: (-row.months_met, -row.total, row.unit.agency.name))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row.months_met, row.total)
        if key != previous:
            rank, previous = position, key
        row.rank = rank
    return rows


def year_workbook(site: Site, year: int, today: dt.date | None = None):
    """The yearly emulation table (S0 Đ21, S4 Đ21) as an openpyxl Workbook: a title row
    with the body and the year, Vietnamese headings, one row per unit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = year_table(site.pk, year, today)
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Year %(year)d") % {"year": year}
    headings = [
        gettext("No."),
        gettext("Unit"),
        gettext("Monthly quota"),
        *(gettext("Month %(month)d") % {"month": m} for m in range(1, 13)),
        gettext("Months met"),
        gettext("Total supplied"),
        gettext("Total shortfall"),
        gettext("Rank"),
    ]
    title = gettext("Information supplied by the units to the portal of %(body)s, year %(year)d")
    sheet.append([title % {"body": body_name(site), "year": year}])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([str(COUNTING_RULE)])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headings))
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 60
    sheet.append(headings)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for number, row in enumerate(rows, start=1):
        sheet.append(
            [
                number,
                str(row.unit.agency),
                row.quota,
                *row.months,
                row.months_met,
                row.total,
                row.shortfall,
                row.rank,
            ]
        )
    sheet.append([str(RANKING_RULE)])
    last = sheet.max_row
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=len(headings))
    sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "C4"
    return book


# Changes ------------------------------------------------------------------------------------
def log_quota_change(user, unit: SupplyingUnit, previous: int | None, *, created: bool) -> None:
    """Audit log of a unit's quota being set or changed (the unit's history has the row
    too): who, which body, which unit, from what to what (None: the body's quota)."""
    if not created and previous == unit.monthly_quota:
        return
    if created and unit.monthly_quota is None:
        return
    log(
        instance=unit,
        action="editorial.quota_changed",
        user=user,
        data={
            "site_id": unit.site_id,
            "body": body_name(unit.site),
            "agency": str(unit.agency),
            "old": previous,
            "new": unit.monthly_quota,
        },
    )


# Reminders ---------------------------------------------------------------------------------
def reminder_day(calendar, year: int, month: int, days: int) -> dt.date:
    """``days`` working days before the month's last working day (that day itself for 0)."""
    _start, end = month_range(year, month)
    day = timezone.localtime(end).date() - dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    for _step in range(days):
        day -= dt.timedelta(days=1)
        while not calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
    return day


def _reminder_text(site, row: MonthRow, items, year: int, month: int, last_day: dt.date):
    lines = [
        gettext("To: %(unit)s") % {"unit": row.unit.agency},
        "",
        gettext(
            "In %(month)02d/%(year)d your unit has supplied %(supplied)d item(s) to the portal "
            "of %(body)s; its quota is %(quota)d a month. %(missing)d more are needed by "
            "%(last_day)s (R-QUOTA-1: S0 Đ10.3, S4 Đ10.3, S1 Đ11.2)."
        )
        % {
            "month": month,
            "year": year,
            "supplied": row.supplied,
            "body": body_name(site),
            "quota": row.quota,
            "missing": row.shortfall,
            "last_day": last_day.strftime("%d/%m/%Y"),
        },
        "",
    ]
    if items:
        lines.append(gettext("Published this month:"))
        for item in items:
            published = timezone.localtime(item["first_published_at"])
            lines.append(f"- {item['title']} ({published:%d/%m/%Y})")
    else:
        lines.append(gettext("Nothing of your unit has been published this month."))
    lines += [
        "",
        gettext(
            "Please send your information to the editorial board. Items count when they are "
            "published with your unit as the responsible unit."
        ),
        "",
        gettext("The editorial board of %(body)s") % {"body": body_name(site)},
    ]
    return "\n".join(lines)


def send_reminders(now: dt.datetime, stdout=None) -> int:
    """``REMINDERS_HOOK``: from ``quota_reminder_days`` working days before the month's last
    working day until the month ends, one e-mail to each tracked unit below quota (to its
    contacts), once per unit and month (``SupplyReminder``). A unit without an address is
    skipped and named in the command's output. Archived bodies send nothing."""
    local = timezone.localtime(now)
    year, month = local.year, local.month
    today = local.date()
    site_ids = (
        SupplyingUnit.objects.filter(active=True).values_list("site_id", flat=True).distinct()
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for site in Site.objects.filter(pk__in=list(site_ids)).order_by("pk"):
            if is_archive(site):
                continue
            rules = BoardSettings.for_site_id(site.pk)
            calendar = work_calendar(site)
            if today < reminder_day(calendar, year, month, rules.quota_reminder_days):
                continue
            sent += _remind_body(site, year, month, stdout)
    return sent


def _remind_body(site, year: int, month: int, stdout) -> int:
    first = dt.date(year, month, 1)
    done = set(
        SupplyReminder.objects.filter(unit__site=site, month=first).values_list(
            "unit_id", flat=True
        )
    )
    behind = [
        row for row in month_table(site.pk, year, month) if not row.met and row.unit.pk not in done
    ]
    if not behind:
        return 0
    items = supplied_items(site.pk, year, month, [row.unit.agency_id for row in behind])
    _start, end = month_range(year, month)
    last_day = timezone.localtime(end).date() - dt.timedelta(days=1)
    sent = 0
    for row in behind:
        contacts = row.unit.contacts
        if not contacts:
            if stdout is not None:
                stdout.write(
                    f"quota: {body_name(site)} – {row.unit.agency}: no e-mail for reminders"
                )
            continue
        with transaction.atomic():
            reminder, created = SupplyReminder.objects.get_or_create(
                unit=row.unit,
                month=first,
                defaults={"supplied": row.supplied, "quota": row.quota},
            )
            if not created:
                continue
            subject = gettext(
                "Reminder: %(unit)s has supplied %(supplied)d of %(quota)d items in "
                "%(month)02d/%(year)d"
            ) % {
                "unit": row.unit.agency,
                "supplied": row.supplied,
                "quota": row.quota,
                "month": month,
                "year": year,
            }
            reminder.email = queue_email(
                contacts,
                subject,
                _reminder_text(site, row, items.get(row.unit.agency_id, []), year, month, last_day),
                purpose=PURPOSE,
                reference=f"supplyingunit:{row.unit.pk}:{year}-{month:02d}",
                site=site,
            )
            reminder.save(update_fields=["email"])
        sent += 1
    return sent
