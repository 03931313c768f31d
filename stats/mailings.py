"""Reports by e-mail (R-PROC-4): each unit's leaders every week, the People's Committee
every month, quarter and year. Run by ``manage.py send_stats_reports`` (the scheduler, every
hour); ``ReportDispatch`` records each sending, so a report goes once whatever the number of
runs, and a run missed on the due day is made up on the following days (``GRACE_DAYS``).

- Weekly, from Monday: to the leaders of each unit that answers for procedures
  (``BasePage.responsible_unit``), the use of those procedures in the previous Monday to
  Sunday. The leaders' addresses come from ``core.reports.UNIT_LEADERS_HOOK`` (editorial's
  supplying units answer it), so this app imports no other.
- From the 1st of a month (of a quarter, of January): to ``StatsSettings.committee_emails``,
  the headline figures of the report of the month (quarter, year) just ended and the link
  to the full report in the admin, where the XLSX and DOCX are (the e-mail queue,
  ``core.outbox``, sends no attachments).

Archived bodies send nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from congthongtin.core.bodies import body_name, is_archive
from congthongtin.core.outbox import queue_email
from congthongtin.core.reports import UNIT_LEADERS_HOOK, Period

from . import figures
from .models import ReportDispatch
from .report import collect, format_number, period_label, quarter_of
from .report_exports import report_settings

#: A report not sent on its day (the scheduler was down) is still sent this many days later.
GRACE_DAYS = 7
#: Procedures listed in the committee's e-mail (the full list is in the report's files).
LISTED_SERVICES = 30

COMMITTEE = "committee"


# When ----------------------------------------------------------------------------------------
def previous_week(today: dt.date) -> Period:
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(days=7)
    return Period("week", monday, monday + dt.timedelta(days=7))


def due_committee_periods(today: dt.date) -> list[Period]:
    """The month, quarter and year that ended within ``GRACE_DAYS`` before ``today``."""
    day = today.replace(day=1) - dt.timedelta(days=1)
    month = Period.month(day.year, day.month)
    found = []
    if (today - month.end).days < GRACE_DAYS:
        found.append(month)
        if month.end.month in (1, 4, 7, 10):
            found.append(Period.quarter(day.year, quarter_of(day)))
        if month.end.month == 1:
            found.append(Period.year(day.year))
    return found


# Once ----------------------------------------------------------------------------------------
def dispatched(site, period: Period) -> set[str]:
    """Recipients who already have this report (checked before composing it: the command
    runs every hour and most runs have nothing to send)."""
    return set(
        ReportDispatch.objects.filter(
            site=site, kind=period.kind, period_start=period.start
        ).values_list("recipient_key", flat=True)
    )


def _send_once(site, period: Period, recipient_key: str, to, subject: str, body: str) -> bool:
    """Record the dispatch and queue the e-mail in one transaction; False when this report
    already went to this recipient (the unique row says so, even under two runs at once)."""
    try:
        with transaction.atomic():
            dispatch = ReportDispatch.objects.create(
                site=site, kind=period.kind, period_start=period.start, recipient_key=recipient_key
            )
            dispatch.email = queue_email(
                to,
                subject,
                body,
                purpose=f"stats.report_{period.kind}",
                reference=f"{period.kind}:{period.start.isoformat()}:{recipient_key}",
                site=site,
            )
            dispatch.save(update_fields=["email"])
    except IntegrityError:
        return False
    return True


# Weekly: each unit's procedures ---------------------------------------------------------------
def unit_leaders(site) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for fn in hooks.get_hooks(UNIT_LEADERS_HOOK):
        for agency_id, emails in (fn(site) or {}).items():
            found.setdefault(agency_id, [])
            found[agency_id] += [e for e in emails if e not in found[agency_id]]
    return found


def services_by_unit(site, period: Period) -> dict[int, list[dict]]:
    """agency id → the body's procedures it answers for, with their use in the period."""
    rated = figures.satisfaction(site, period.start, period.end)
    services = figures.service_use(site, period.start, period.end, rated=rated)
    ids = [s["page_id"] for s in services]
    units: dict[int, int] = {}
    for model in figures.service_models():
        units.update(
            model.objects.filter(pk__in=ids, responsible_unit__isnull=False).values_list(
                "pk", "responsible_unit_id"
            )
        )
    found: dict[int, list[dict]] = {}
    for service in services:
        if service["page_id"] in units:
            found.setdefault(units[service["page_id"]], []).append(service)
    return found


def _service_line(service: dict) -> str:
    return _(
        "- %(title)s: %(views)s views, %(downloads)s form downloads, %(clicks)s "
        "click-throughs, %(ratings)s ratings (average %(average)s)"
    ) % {
        "title": service["title"],
        "views": format_number(service["views"]),
        "downloads": format_number(service["downloads"]),
        "clicks": format_number(service["clicks"]),
        "ratings": format_number(service["ratings"]),
        "average": format_number(service["average"]),
    }


def unit_email(site, period: Period, services: list[dict]) -> tuple[str, str]:
    days = {
        "start": period.start.strftime("%d/%m/%Y"),
        "end": period.last_day.strftime("%d/%m/%Y"),
    }
    subject = _("Use of your unit's procedures on the portal, %(start)s – %(end)s") % days
    lines = [
        _(
            "Use from %(start)s to %(end)s of the administrative procedures your unit answers "
            "for on the portal of %(body)s (R-PROC-4):"
        )
        % {**days, "body": body_name(site)},
        "",
        *(_service_line(service) for service in services),
        "",
        _("The editorial board of %(body)s") % {"body": body_name(site)},
    ]
    return subject, "\n".join(lines)


def send_weekly(site, today: dt.date) -> int:
    leaders = unit_leaders(site)
    if not leaders:
        return 0
    period = previous_week(today)
    done = dispatched(site, period)
    pending = {a: e for a, e in leaders.items() if e and f"unit:{a}" not in done}
    if not pending:
        return 0
    by_unit = services_by_unit(site, period)
    sent = 0
    for agency_id, emails in sorted(pending.items()):
        services = by_unit.get(agency_id)
        if not services or not emails:
            continue
        subject, body = unit_email(site, period, services)
        sent += _send_once(site, period, f"unit:{agency_id}", emails, subject, body)
    return sent


# Monthly, quarterly, yearly: the People's Committee ------------------------------------------
def report_link(site, period: Period) -> str:
    params = {"nam": period.start.year, "co-quan": site.pk}
    if period.kind == "month":
        params.update(ky="thang", thang=period.start.month)
    elif period.kind == "quarter":
        params.update(ky="quy", quy=quarter_of(period.start))
    else:
        params.update(ky="nam")
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{reverse('stats_admin:report')}?{urlencode(params)}"


def committee_email(site, period: Period) -> tuple[str, str]:
    label = period_label(period)
    subject = _("Report on the portal of %(body)s, %(period)s") % {
        "body": body_name(site),
        "period": label,
    }
    lines = [
        _("The report on the portal of %(body)s for %(period)s (R-PROC-4).")
        % {"body": body_name(site), "period": label},
    ]
    for number, section in enumerate(collect(site, period), start=1):
        lines += ["", f"{number}. {section.title}"]
        lines += [f"- {name}: {format_number(value)}" for name, value in section.figures]
        if section.key == "service_use" and section.tables:
            rows = section.tables[0].rows[:LISTED_SERVICES]
            lines += [
                _service_line(
                    dict(
                        zip(
                            [
                                "n",
                                "title",
                                "online",
                                "views",
                                "downloads",
                                "clicks",
                                "ratings",
                                "average",
                            ],
                            row,
                            strict=True,
                        )
                    )
                )
                for row in rows
            ]
    lines += [
        "",
        _("The full report, its figures (XLSX) and the document to sign (DOCX): %(url)s")
        % {"url": report_link(site, period)},
        "",
        _("The editorial board of %(body)s") % {"body": body_name(site)},
    ]
    return subject, "\n".join(lines)


def send_committee(site, today: dt.date) -> int:
    emails = [e.strip() for e in report_settings(site).committee_emails.splitlines() if e.strip()]
    if not emails:
        return 0
    sent = 0
    for period in due_committee_periods(today):
        if COMMITTEE in dispatched(site, period):
            continue
        subject, body = committee_email(site, period)
        sent += _send_once(site, period, COMMITTEE, emails, subject, body)
    return sent


def send_due(today: dt.date | None = None) -> int:
    """Every report due on ``today`` (local) to every active body; the number of e-mails."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for site in Site.objects.order_by("pk"):
            if is_archive(site):
                continue
            sent += send_weekly(site, today)
            sent += send_committee(site, today)
    return sent
