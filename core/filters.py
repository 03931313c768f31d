"""Dates in admin listing filters, as form fields: a value out of range is a form error and
the filter is dropped, never a 500 (issue 16, finding 10).

``datetime.date`` reaches year 9999 and the filters add a day (an "until" date is
inclusive), a month (a month's end) or convert a local midnight to UTC: at either end of
that range each of these overflowed (``?until=31/12/9999``, ``?den=9999-12``,
``?tu=0001-01``). No report of a portal needs a date outside these bounds.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)


class BoundedDateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={
                    "earliest": EARLIEST_DATE.strftime("%d/%m/%Y"),
                    "latest": LATEST_DATE.strftime("%d/%m/%Y"),
                },
            )


class MonthField(BoundedDateField):
    """``2026-11`` (what ``<input type="month">`` sends) → 1 November 2026."""

    input_formats = ["%Y-%m"]
