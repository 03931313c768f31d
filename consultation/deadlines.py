"""Answer deadlines of the Q&A in working days (R-QA-1; S1 Đ12.6, S4 Đ11.3, S3 Đ5.8).

Three classes: a question within the unit's own competence, one that needs several bodies,
and a special case with an appointment. The numbers of days are a setting
(``CONGTHONGTIN["QA_DEADLINE_DAYS"]``, core.conf), because other bodies' regulations use
other numbers; the count itself is ``congthongtin.vietnam.workdays.WorkCalendar``: from
08:00 of working days, holidays and weekends excluded (read its module docstring for the
exact rule).
"""

from __future__ import annotations

import datetime
import math
from functools import lru_cache

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congthongtin.core.conf import DEFAULTS, app_settings
from congthongtin.vietnam.workdays import WorkCalendar

DEFAULT_DEADLINE_DAYS = DEFAULTS["QA_DEADLINE_DAYS"]


class DeadlineClass(models.TextChoices):
    OWN = "own", _("Own competence")
    SEVERAL = "several", _("Needs several bodies")
    SPECIAL = "special", _("Special case, with an appointment")


def deadline_days(deadline_class: str) -> int:
    return int(app_settings.QA_DEADLINE_DAYS[deadline_class])


@lru_cache(maxsize=4)
def _calendar(days_off: tuple, working_days: tuple) -> WorkCalendar:
    return WorkCalendar(extra_days_off=days_off, extra_working_days=working_days)


def work_calendar() -> WorkCalendar:
    """The calendar with the announced swaps of the year (``CONGTHONGTIN``'s
    ``WORK_CALENDAR_EXTRA_DAYS_OFF`` and ``WORK_CALENDAR_EXTRA_WORKING_DAYS``: ISO dates),
    on top of the public holidays."""

    def dates(values):
        return tuple(sorted(datetime.date.fromisoformat(d) for d in values))

    return _calendar(
        dates(app_settings.WORK_CALENDAR_EXTRA_DAYS_OFF),
        dates(app_settings.WORK_CALENDAR_EXTRA_WORKING_DAYS),
    )


def due_at(received_at: datetime.datetime, deadline_class: str) -> datetime.datetime:
    """When the answer is due for a question received at ``received_at``."""
    return work_calendar().add_working_days(received_at, deadline_days(deadline_class))


def latest_appointment(received_at: datetime.datetime) -> datetime.datetime:
    """The latest an appointment may be set: the special class's number of days."""
    return due_at(received_at, DeadlineClass.SPECIAL)


def working_days_overdue(due: datetime.datetime, now: datetime.datetime | None = None) -> int:
    """Whole or part working days past ``due`` (0 when not overdue): a deadline of Monday
    17:00 is 1 day overdue on Tuesday morning, 2 on Wednesday."""
    now = now or timezone.now()
    if now <= due:
        return 0
    calendar = work_calendar()
    elapsed = calendar.working_time_between(due, now)
    return max(1, math.ceil(elapsed / calendar.day_length)) if elapsed else 0


def working_time_left(due: datetime.datetime, now: datetime.datetime | None = None):
    """Working time from now until ``due`` (zero when past)."""
    now = now or timezone.now()
    return work_calendar().working_time_between(now, due)
