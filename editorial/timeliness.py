"""Publication time limits (R-SLA-1): the due time of each kind, defined once, and the
transitions of an item's limit (submitted, changed, published, reminded, escalated).

A page says whether it has a limit through ``core.BasePage.timeliness_clock()``:
``(kind, start)``. The limits are the body's ``BoardSettings``; the days the body's
``work_calendar``; hours count inside ``BoardSettings.working_periods`` (rule 5 of
``vietnam.workdays``).

- "news": ``news_hours`` working hours from the event (S0 Đ10.2, S4 Đ10.2);
- "urgent": ``urgent_hours`` working hours from the submission (S2 Đ9, "at once");
- "current": ``current_news_time`` (16:00) the same day when the event is on a working day
  before that time, else that time on the next working day (S2 Đ9);
- "document": the end (``afternoon_end``) of the ``own_document_days``-th working day
  after the signing day (S1 Đ11.1);
- "event": the end of the ``event_days``-th working day after the event's day (S0 Đ10.2);
- "socioeconomic": the end of the working day on ``socioeconomic_day`` of the period's
  month (its last day in a shorter month; the next working day when that day is off,
  Bộ luật Dân sự 2015 Điều 148 k5).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import logging
import statistics
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Page, WorkflowState

from congthongtin.core import roles
from congthongtin.core.bodies import site_id_of_page, site_ids_where, work_calendar
from congthongtin.core.outbox import queue_email
from congthongtin.core.users import full_name

from .models import BoardSettings, DeadlineKind, DeadlineStatus, ItemDeadline

logger = logging.getLogger(__name__)

#: Who sees the limits of a body's items: its board, and its auditors (read only).
VIEWER_ROLES = [*roles.BOARD, *roles.READ_ONLY_ROLES]
OPEN_RUN = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)

LOG_ACTIONS = {
    "editorial.deadline_set": gettext_lazy("Publication time limit set"),
    "editorial.deadline_met": gettext_lazy("Published within the time limit"),
    "editorial.deadline_missed": gettext_lazy("Published after the time limit"),
    "editorial.deadline_reminded": gettext_lazy("Reminder of the publication time limit sent"),
    "editorial.deadline_escalated": gettext_lazy(
        "Missed publication time limit reported to the head of the board"
    ),
}


# Due time ------------------------------------------------------------------------------
def _local_start(start, calendar) -> dt.datetime:
    """A date counts from its first moment; a datetime in the calendar's zone."""
    if not isinstance(start, dt.datetime):
        return dt.datetime.combine(start, dt.time.min, tzinfo=calendar.tz)
    if timezone.is_naive(start):
        return start.replace(tzinfo=calendar.tz)
    return start.astimezone(calendar.tz)


def due_time(kind: str, start, rules: BoardSettings, calendar) -> dt.datetime:
    """When an item of ``kind`` whose clock started at ``start`` is due (module docstring)."""
    local = _local_start(start, calendar)
    periods = rules.working_periods
    tz = calendar.tz
    if kind == DeadlineKind.NEWS:
        return calendar.add_working_time(local, dt.timedelta(hours=rules.news_hours), periods)
    if kind == DeadlineKind.URGENT:
        return calendar.add_working_time(local, dt.timedelta(hours=rules.urgent_hours), periods)
    if kind == DeadlineKind.CURRENT:
        day = local.date()
        if not (calendar.is_working_day(day) and local.time() < rules.current_news_time):
            day = calendar.next_working_day(day)
        return dt.datetime.combine(day, rules.current_news_time, tzinfo=tz)
    if kind in (DeadlineKind.DOCUMENT, DeadlineKind.EVENT):
        days = rules.own_document_days if kind == DeadlineKind.DOCUMENT else rules.event_days
        day = calendar.add_working_days(local.date(), days)
        return dt.datetime.combine(day, rules.afternoon_end, tzinfo=tz)
    if kind == DeadlineKind.SOCIOECONOMIC:
        last = month_calendar.monthrange(local.year, local.month)[1]
        day = local.date().replace(day=min(rules.socioeconomic_day, last))
        day = calendar.next_working_day(day, include=True)
        return dt.datetime.combine(day, rules.afternoon_end, tzinfo=tz)
    raise ValueError(f"unknown kind of time limit: {kind!r}")


def working_time_left(deadline: ItemDeadline, now, rules: BoardSettings, calendar):
    """Working time from ``now`` to the due time: negative when overdue."""
    return calendar.elapsed_working_time(now, deadline.due_at, rules.working_periods)


def format_duration(amount: dt.timedelta) -> str:
    minutes = int(abs(amount).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(hours)d hours %(minutes)d minutes") % {"hours": hours, "minutes": minutes}
    if hours:
        return _("%(hours)d hours") % {"hours": hours}
    return _("%(minutes)d minutes") % {"minutes": minutes}


def describe_left(amount: dt.timedelta) -> str:
    """ "còn 3 giờ 20 phút làm việc" / "quá hạn 2 giờ"."""
    if amount < dt.timedelta(0):
        return _("%(duration)s overdue") % {"duration": format_duration(amount)}
    return _("%(duration)s of working time left") % {"duration": format_duration(amount)}


def format_moment(value: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM in the current zone (docs/architecture.md §5)."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def hours(amount: dt.timedelta | None) -> float:
    return round(amount.total_seconds() / 3600, 2) if amount else 0.0


# Transitions --------------------------------------------------------------------------
def _section_of(page):
    parent = page.get_parent()
    return parent if parent is not None and parent.depth > 2 else None


def _compute(deadline: ItemDeadline, kind, start):
    rules = BoardSettings.for_site_id(deadline.site_id)
    calendar = work_calendar(deadline.site_id)
    deadline.kind = kind
    deadline.clock_start = _local_start(start, calendar)
    deadline.due_at = due_time(kind, start, rules, calendar)


@transaction.atomic
def open_deadline(page, workflow_state, user) -> ItemDeadline | None:
    """Submitted to the workflow: the run's time limit, when the page has one."""
    page = page.specific
    clock = page.timeliness_clock() if hasattr(page, "timeliness_clock") else None
    site_id = site_id_of_page(page)
    if clock is None or site_id is None:
        return None
    deadline = ItemDeadline.objects.filter(workflow_state=workflow_state).first()
    if deadline is None:
        deadline = ItemDeadline(
            site_id=site_id,
            page=page,
            workflow_state=workflow_state,
            submitted_at=workflow_state.created_at or timezone.now(),
            submitted_by=user,
        )
    deadline.section = _section_of(page)
    deadline.unit_id = getattr(page, "responsible_unit_id", None)
    _compute(deadline, *clock)
    deadline.save()
    log(
        instance=page,
        action="editorial.deadline_set",
        user=user,
        data={"kind": deadline.kind, "due_at": deadline.due_at.isoformat()},
    )
    return deadline


def refresh_deadline(page) -> ItemDeadline | None:
    """The page's clock fields changed during its run: due time computed again (a clock
    removed leaves the row's last figures; it no longer shows once the run ends)."""
    deadline = (
        ItemDeadline.objects.filter(page_id=page.pk, status=DeadlineStatus.OPEN)
        .order_by("-pk")
        .first()
    )
    if deadline is None:
        return None
    page = page.specific
    clock = page.timeliness_clock()
    if clock is None:
        return deadline
    before = (deadline.kind, deadline.due_at)
    _compute(deadline, *clock)
    if (deadline.kind, deadline.due_at) != before:
        deadline.save(update_fields=["kind", "clock_start", "due_at"])
    return deadline


@transaction.atomic
def close_deadline(page, published_at: dt.datetime | None = None) -> ItemDeadline | None:
    """Published: on time, or late by the working time past the due time."""
    deadline = (
        ItemDeadline.objects.select_for_update()
        .filter(page_id=page.pk, status=DeadlineStatus.OPEN)
        .order_by("-pk")
        .first()
    )
    if deadline is None:
        return None
    published_at = published_at or timezone.now()
    rules = BoardSettings.for_site_id(deadline.site_id)
    calendar = work_calendar(deadline.site_id)
    late = calendar.elapsed_working_time(deadline.due_at, published_at, rules.working_periods)
    deadline.published_at = published_at
    if late > dt.timedelta(0):
        deadline.status, deadline.late_by = DeadlineStatus.LATE, late
    else:
        deadline.status, deadline.late_by = DeadlineStatus.ON_TIME, None
    deadline.save(update_fields=["published_at", "status", "late_by"])
    action = (
        "editorial.deadline_missed"
        if deadline.status == DeadlineStatus.LATE
        else "editorial.deadline_met"
    )
    log(instance=page, action=action, user=None, data={"late_hours": hours(deadline.late_by)})
    return deadline


# Lists --------------------------------------------------------------------------------
def viewer_site_ids(user):
    """The bodies whose limits ``user`` sees (None: all)."""
    return site_ids_where(user, VIEWER_ROLES)


def open_deadlines(site_ids=None, kind: str = ""):
    """The limits of items now in a workflow run, with what a list shows (no per-row
    query)."""
    queryset = ItemDeadline.objects.filter(
        status=DeadlineStatus.OPEN, workflow_state__status__in=OPEN_RUN
    ).select_related("page", "site", "section", "unit", "submitted_by")
    if site_ids is not None:
        queryset = queryset.filter(site_id__in=site_ids)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def by_urgency(deadlines, now=None) -> list[tuple[ItemDeadline, dt.timedelta]]:
    """(row, working time left) with the least left first, overdue on top. The rules are
    read once per body, not per row."""
    now = now or timezone.now()
    deadlines = list(deadlines)
    site_ids = {d.site_id for d in deadlines}
    rules = {s.site_id: s for s in BoardSettings.objects.filter(site_id__in=site_ids)}
    calendars = {}
    rows = []
    for deadline in deadlines:
        site_rules = rules.get(deadline.site_id) or BoardSettings(site_id=deadline.site_id)
        if deadline.site_id not in calendars:
            calendars[deadline.site_id] = work_calendar(deadline.site_id)
        left = working_time_left(deadline, now, site_rules, calendars[deadline.site_id])
        rows.append((deadline, left))
    rows.sort(key=lambda row: (row[1], row[0].due_at, row[0].pk))
    return rows


# Reminders ----------------------------------------------------------------------------
def _emails(users) -> list[str]:
    return sorted({u.email for u in users if u.is_active and u.email})


def _step_people(deadline):
    state = deadline.workflow_state
    task_state = state.current_task_state if state else None
    if task_state is None:
        return []
    groups = getattr(task_state.task.specific, "groups", None)
    if groups is None:
        return []
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(groups__in=groups.all()).distinct())


def remind(deadline: ItemDeadline, now) -> bool:
    """Before the due time: one e-mail to the people of the item's current step."""
    if deadline.reminded_at is not None:
        return False
    recipients = _emails(_step_people(deadline))
    title = deadline.page.get_admin_display_title()
    body = _(
        "“%(title)s” is due for publication at %(due)s (%(left)s).\n\n"
        "It is waiting at your step of the board's workflow."
    ) % {
        "title": title,
        "due": format_moment(deadline.due_at),
        "left": describe_left(
            working_time_left(
                deadline,
                now,
                BoardSettings.for_site_id(deadline.site_id),
                work_calendar(deadline.site_id),
            )
        ),
    }
    queue_email(
        recipients,
        _("Publication due soon: %(title)s") % {"title": title},
        body,
        purpose="editorial.deadline_reminder",
        reference=f"deadline:{deadline.pk}",
        site=deadline.site_id,
    )
    deadline.reminded_at = now
    deadline.save(update_fields=["reminded_at"])
    log(instance=deadline.page, action="editorial.deadline_reminded", user=None)
    return True


def escalate(deadline: ItemDeadline, now) -> bool:
    """Past the due time: one e-mail to the body's head of the board."""
    if deadline.escalated_at is not None:
        return False
    from django.contrib.auth import get_user_model

    heads = get_user_model().objects.filter(
        groups__board_role__role=roles.HEAD, groups__board_role__site_id=deadline.site_id
    )
    title = deadline.page.get_admin_display_title()
    queue_email(
        _emails(heads),
        _("Publication time limit missed: %(title)s") % {"title": title},
        _("“%(title)s” was due for publication at %(due)s and is still in the board's workflow.")
        % {"title": title, "due": format_moment(deadline.due_at)},
        purpose="editorial.deadline_escalation",
        reference=f"deadline:{deadline.pk}",
        site=deadline.site_id,
    )
    deadline.escalated_at = now
    deadline.save(update_fields=["escalated_at"])
    log(instance=deadline.page, action="editorial.deadline_escalated", user=None)
    return True


def send_reminders(now, stdout) -> int:
    """REMINDERS_HOOK: each open item once before its due time, once after it."""
    sent = 0
    pending = open_deadlines().filter(escalated_at__isnull=True).select_related("workflow_state")
    rules_of = {}
    for deadline, left in by_urgency(pending, now):
        if deadline.site_id not in rules_of:
            rules_of[deadline.site_id] = BoardSettings.for_site_id(deadline.site_id)
        rules = rules_of[deadline.site_id]
        if left <= dt.timedelta(0):
            sent += escalate(deadline, now)
        elif deadline.reminded_at is None and left <= dt.timedelta(hours=rules.reminder_hours):
            sent += remind(deadline, now)
    if sent:
        stdout.write(f"timeliness: {sent} e-mail(s) queued\n")
    return sent


# Report -------------------------------------------------------------------------------
GROUPINGS = {
    "section": gettext_lazy("Section"),
    "unit": gettext_lazy("Unit"),
    "person": gettext_lazy("Person"),
}


def _group_label(deadline, grouping) -> str:
    if grouping == "section":
        return deadline.section.title if deadline.section else _("(no section)")
    if grouping == "unit":
        return deadline.unit.name if deadline.unit else _("(no unit)")
    user = deadline.submitted_by
    if user is None:
        return _("(unknown)")
    return full_name(user) or user.get_username()


def report_rows(site_ids, start: dt.date, end: dt.date, grouping: str) -> list[dict]:
    """Items published between ``start`` and ``end`` (local dates, both included) grouped
    by ``grouping``: items, on time %, the median and the worst delay of the late ones in
    working hours."""
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    queryset = ItemDeadline.objects.filter(
        status__in=(DeadlineStatus.ON_TIME, DeadlineStatus.LATE),
        published_at__gte=low,
        published_at__lt=high,
    ).select_related("section", "unit", "submitted_by")
    if site_ids is not None:
        queryset = queryset.filter(site_id__in=site_ids)
    groups = defaultdict(list)
    for deadline in queryset:
        groups[_group_label(deadline, grouping)].append(deadline)
    rows = []
    for label, items in groups.items():
        delays = [hours(d.late_by) for d in items if d.status == DeadlineStatus.LATE]
        on_time = len(items) - len(delays)
        rows.append(
            {
                "label": label,
                "items": len(items),
                "on_time": on_time,
                "on_time_percent": round(100 * on_time / len(items), 1),
                "median_delay": round(statistics.median(delays), 2) if delays else 0.0,
                "worst_delay": max(delays) if delays else 0.0,
            }
        )
    rows.sort(key=lambda row: (row["on_time_percent"], row["label"]))
    return rows


# Signals ------------------------------------------------------------------------------
def _submitted(sender, instance, user=None, **kwargs):
    page = instance.content_object
    if isinstance(page, Page):
        open_deadline(page, instance, user)


def _published(sender, instance, **kwargs):
    if hasattr(instance, "timeliness_clock"):
        close_deadline(instance, instance.last_published_at or timezone.now())


def connect() -> None:
    """Receivers naming their senders: WorkflowState; every page class."""
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, workflow_submitted

    workflow_submitted.connect(
        _submitted, sender=WorkflowState, dispatch_uid="editorial-timeliness-submitted"
    )
    for model in get_page_models():
        page_published.connect(
            _published, sender=model, dispatch_uid=f"editorial-timeliness-published-{model}"
        )
