"""Answer deadlines of the Q&A in working days (R-QA-1; S1 Đ12.6, S4 Đ11.3, S3 Đ5.8).

Three classes: a question within the unit's own competence, one that needs several bodies,
and a special case with an appointment. The numbers of days are each body's
(``consultation.QASettings``; a blank field keeps the install's
``CONGTHONGTIN["QA_DEADLINE_DAYS"]``, core.conf), because bodies' regulations use other
numbers; the count itself is the body's working calendar
(``congthongtin.core.bodies.work_calendar``: public holidays, the install's announced swaps
and the body's own), from 08:00 of working days, holidays and weekends excluded (read
``congthongtin.vietnam.workdays`` for the exact rule).

Every function takes the body as ``site``: a Site, its id, or None (the install's rules
and calendar). ``site_of(question)`` gives a question's.
"""

from __future__ import annotations

import datetime
import math

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congthongtin.core import bodies
from congthongtin.core.conf import DEFAULTS, app_settings
from congthongtin.vietnam.workdays import WorkCalendar

DEFAULT_DEADLINE_DAYS = DEFAULTS["QA_DEADLINE_DAYS"]


class DeadlineClass(models.TextChoices):
    OWN = "own", _("Own competence")
    SEVERAL = "several", _("Needs several bodies")
    SPECIAL = "special", _("Special case, with an appointment")


def site_of(question) -> int | None:
    """The id of the body a question belongs to (its Q&A page's site)."""
    return bodies.site_id_of_page(question.page) if question.page_id else None


def rules(site=None):
    """The body's ``QASettings`` row, or None (read only: nothing is created)."""
    from .models import QASettings

    site_id = bodies.as_site_id(site)
    if site_id is None:
        return None
    return QASettings.objects.filter(site_id=site_id).first()


def _own_or_default(site, field: str, default):
    found = rules(site)
    value = getattr(found, field, None) if found is not None else None
    return default if value is None else value


def deadline_days(deadline_class: str, site=None) -> int:
    default = int(app_settings.QA_DEADLINE_DAYS[deadline_class])
    return int(_own_or_default(site, f"deadline_{deadline_class}_days", default))


def deadline_table(site=None) -> list[tuple[str, int]]:
    """(label, working days) of each class, for the forms and pages that show them."""
    return [(label, deadline_days(value, site)) for value, label in DeadlineClass.choices]


def reminder_working_days(site=None) -> int:
    return int(
        _own_or_default(site, "reminder_working_days", app_settings.QA_REMINDER_WORKING_DAYS)
    )


def personal_data_retention_days(site=None) -> int:
    default = app_settings.QA_PERSONAL_DATA_RETENTION_DAYS
    return int(_own_or_default(site, "personal_data_retention_days", default))


def work_calendar(site=None) -> WorkCalendar:
    """The body's calendar: public holidays, the install's swaps, the body's own."""
    return bodies.work_calendar(site)


def due_at(received_at: datetime.datetime, deadline_class: str, site=None) -> datetime.datetime:
    """When the answer is due for a question received at ``received_at`` by ``site``."""
    return work_calendar(site).add_working_days(received_at, deadline_days(deadline_class, site))


def latest_appointment(received_at: datetime.datetime, site=None) -> datetime.datetime:
    """The latest an appointment may be set: the special class's number of days."""
    return due_at(received_at, DeadlineClass.SPECIAL, site)


def working_days_overdue(
    due: datetime.datetime, now: datetime.datetime | None = None, site=None
) -> int:
    """Whole or part working days past ``due`` (0 when not overdue): a deadline of Monday
    17:00 is 1 day overdue on Tuesday morning, 2 on Wednesday."""
    now = now or timezone.now()
    if now <= due:
        return 0
    calendar = work_calendar(site)
    elapsed = calendar.working_time_between(due, now)
    return max(1, math.ceil(elapsed / calendar.day_length)) if elapsed else 0


def working_time_left(due: datetime.datetime, now: datetime.datetime | None = None, site=None):
    """Working time from now until ``due`` (zero when past)."""
    now = now or timezone.now()
    return work_calendar(site).working_time_between(now, due)


def petition_days(site=None) -> int:
    """Working days to answer a petition (Decree 20/2008/NĐ-CP): the body's own limit,
    else its own-competence Q&A answer time."""
    return int(_own_or_default(site, "petition_days", deadline_days(DeadlineClass.OWN, site)))


def remote_area(site=None) -> bool:
    """Whether the body is in a remote, hard-to-reach area (Law on Complaints Art. 28)."""
    return bool(_own_or_default(site, "remote_area", False))
