"""Dates in admin listing filters, as form fields: a value out of range is a form error and
the filter is dropped, never a 500 (issue 16, finding 10).

The values are read by core.query_params (``read_date``, ``read_month``), the one parser of
dates of the platform, and bounded to [EARLIEST_DATE, LATEST_DATE] (why: its docstring).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .query_params import EARLIEST_DATE, LATEST_DATE, date_in_bounds, read_date, read_month

__all__ = ["EARLIEST_DATE", "LATEST_DATE", "BoundedDateField", "MonthField"]


class BoundedDateField(forms.DateField):
    """dd/mm/yyyy (or yyyy-mm-dd, what a date input sends), between EARLIEST_DATE and
    LATEST_DATE. ``input_formats`` is not used: core.query_params reads the value."""

    def read(self, value) -> dt.date | None:
        return read_date(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        day = self.read(value)
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day

    def validate(self, value):
        super().validate(value)
        if value is not None and not date_in_bounds(value):
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

    def read(self, value) -> dt.date | None:
        if isinstance(value, dt.date):
            return read_date(value)
        month = read_month(value)
        if month is None or not 1 <= month[0] <= 9999:
            return None
        return dt.date(month[0], month[1], 1)
