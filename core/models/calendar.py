"""A body's own swaps of working days (R-QA-1, R-SLA-1): one setting per Site.

Public holidays and the nationally announced swaps come from the ``holidays`` library and
from the install's ``CONGTHONGTIN["WORK_CALENDAR_EXTRA_*"]`` (core.conf); a province or a
commune may announce its own (a local festival day off, a Saturday worked to make up for
it). Deadlines counted for a body (its Q&A, its reports) use its calendar:
``congthongtin.core.bodies.work_calendar(site)``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..query_params import parse_date


def parse_date_lines(text: str) -> list[dt.date]:
    """One date per line (``02/09/2027`` or ``2027-09-02``); blank lines skipped. Raises
    ValidationError naming every line that is not a date."""
    days, wrong = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        day = parse_date(line)
        if day is None:
            wrong.append(f"{number}: {line[:40]}")
        else:
            days.append(day)
    if wrong:
        raise ValidationError(
            _("Not a date (write one date per line, e.g. 02/09/2027): %(lines)s"),
            params={"lines": "; ".join(wrong)},
            code="invalid_date",
        )
    return sorted(set(days))


def validate_date_lines(text: str) -> None:
    parse_date_lines(text)


@register_setting(icon="date")
class WorkCalendarSettings(BaseSiteSetting):
    extra_days_off = models.TextField(
        _("extra days off"),
        blank=True,
        validators=[validate_date_lines],
        help_text=_(
            "Days off this body announced besides the public holidays, one date per line "
            "(e.g. 02/09/2027). Deadlines in working days skip them."
        ),
    )
    extra_working_days = models.TextField(
        _("extra working days"),
        blank=True,
        validators=[validate_date_lines],
        help_text=_(
            "Weekend days worked to make up for a day off, one date per line. Deadlines "
            "count them as working days."
        ),
    )

    panels = [FieldPanel("extra_days_off"), FieldPanel("extra_working_days")]

    class Meta:
        verbose_name = _("working calendar")

    def __str__(self):
        return str(self.site)

    def days_off(self) -> list[dt.date]:
        return parse_date_lines(self.extra_days_off)

    def working_days(self) -> list[dt.date]:
        return parse_date_lines(self.extra_working_days)
