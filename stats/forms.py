"""The report's period picker: the kind (month, quarter, year), the year and the month or
quarter, from the query string (``?ky=thang&nam=2026&thang=11``)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congthongtin.core.reports import Period

#: Query values of the kinds (Vietnamese, as every query parameter of the portal).
KINDS = {"thang": "month", "quy": "quarter", "nam": "year"}
FIRST_YEAR = 2000


def default_period(today: dt.date | None = None) -> Period:
    """The last month that has ended: what the board reports on at the start of a month."""
    today = today or timezone.localdate()
    day = today.replace(day=1) - dt.timedelta(days=1)
    return Period.month(day.year, day.month)


class ReportPeriodForm(forms.Form):
    ky = forms.ChoiceField(
        label=_("Period"),
        choices=[("thang", _("Month")), ("quy", _("Quarter")), ("nam", _("Year"))],
        error_messages={
            "required": _("Choose the kind of period: a month, a quarter or a year."),
            "invalid_choice": _("Choose the kind of period: a month, a quarter or a year."),
        },
    )
    nam = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        error_messages={
            "required": _("Enter the year."),
            "invalid": _("Enter the year as a number, e.g. 2026."),
            "min_value": _("Reports start in %(limit_value)s."),
            "max_value": _("The year %(limit_value)s has not begun yet."),
        },
    )
    thang = forms.IntegerField(
        label=_("Month"),
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": _("Choose a month from 1 to 12."),
            "min_value": _("Choose a month from 1 to 12."),
            "max_value": _("Choose a month from 1 to 12."),
        },
    )
    quy = forms.IntegerField(
        label=_("Quarter"),
        required=False,
        min_value=1,
        max_value=4,
        error_messages={
            "invalid": _("Choose a quarter from 1 to 4."),
            "min_value": _("Choose a quarter from 1 to 4."),
            "max_value": _("Choose a quarter from 1 to 4."),
        },
    )

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        year = self.fields["nam"]
        year.max_value = self.today.year
        year.validators.append(MaxValueValidator(self.today.year))
        year.widget.attrs["max"] = self.today.year

    def clean(self):
        data = super().clean()
        kind = KINDS.get(data.get("ky") or "")
        if kind == "month" and not data.get("thang") and "thang" not in self.errors:
            self.add_error("thang", _("Choose the month."))
        if kind == "quarter" and not data.get("quy") and "quy" not in self.errors:
            self.add_error("quy", _("Choose the quarter."))
        if not self.errors and self.period().start > self.today:
            self.add_error(None, _("This period has not begun yet."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        kind = KINDS[data["ky"]]
        if kind == "month":
            return Period.month(data["nam"], data["thang"])
        if kind == "quarter":
            return Period.quarter(data["nam"], data["quy"])
        return Period.year(data["nam"])


def initial_for(period: Period) -> dict:
    """The picker's values that show ``period``."""
    kind = {value: key for key, value in KINDS.items()}.get(period.kind, "thang")
    return {
        "ky": kind,
        "nam": period.start.year,
        "thang": period.start.month,
        "quy": (period.start.month - 1) // 3 + 1,
    }
