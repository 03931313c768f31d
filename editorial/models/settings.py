"""The board's back-office rules of one body (issue 20): publication time limits (R-SLA-1),
working hours for limits counted in hours, review intervals (R-SLA-2) and the units' monthly
quota (R-QUOTA-1).

A site setting, so each body keeps its own; the head of the body's board edits it on that
body only (Wagtail's per-site permission, ``editorial.setup``). The defaults are the
regulations' figures.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

#: Review kinds (R-SLA-2): what a page type declares in ``review_kind`` (a protocol on
#: ``core.BasePage``; the directory page declares it too), each with its interval field.
REVIEW_KINDS = {
    "organisation": "review_organisation_days",
    "directory": "review_directory_days",
    "procedure": "review_procedure_days",
    "policy": "review_policy_days",
    "project": "review_project_days",
}


def _days(default: int, label, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text=help_text,
    )


@register_setting(icon="time")
class BoardSettings(BaseSiteSetting):
    # Time limits (R-SLA-1) --------------------------------------------------------------
    news_hours = models.PositiveSmallIntegerField(
        _("news: working hours from the event"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("News is published within 8 working hours of the event (S0 Đ10.2, S4 Đ10.2)."),
    )
    current_news_time = models.TimeField(
        _("current news: published by"),
        default=dt.time(16, 0),
        help_text=_("Current news is published by 16:00 the same day (S2 Đ9)."),
    )
    urgent_hours = models.PositiveSmallIntegerField(
        _("urgent notices: working hours"),
        default=1,
        validators=[MaxValueValidator(200)],
        help_text=_(
            "Urgent notices are published at once (S2 Đ9). “At once” cannot be measured, so "
            "the board states the working hours it allows: 1 by default."
        ),
    )
    own_document_days = models.PositiveSmallIntegerField(
        _("the body's own documents: working days from signing"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Within 2 working days of signing (S1 Đ11.1)."),
    )
    event_days = models.PositiveSmallIntegerField(
        _("conferences and major events: working days"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Within 3 days of the event (S0 Đ10.2, S4 Đ10.2)."),
    )
    socioeconomic_day = models.PositiveSmallIntegerField(
        _("monthly socio-economic figures: by day of the month"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "Monthly figures are published by the 30th (S0 Đ10.2); in a shorter month, by its "
            "last day."
        ),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("remind the step this many working hours before the due time"),
        default=2,
        validators=[MaxValueValidator(80)],
    )
    # Working hours for limits counted in hours ---------------------------------------------
    morning_start = models.TimeField(_("morning from"), default=dt.time(8, 0))
    morning_end = models.TimeField(_("morning until"), default=dt.time(12, 0))
    afternoon_start = models.TimeField(_("afternoon from"), default=dt.time(13, 0))
    afternoon_end = models.TimeField(_("afternoon until"), default=dt.time(17, 0))
    # Reviews (R-SLA-2) ---------------------------------------------------------------------
    review_organisation_days = _days(
        180, _("organisation pages: review every (days)"), _("S0 Đ10.2b, S2 Đ9.4.")
    )
    review_directory_days = _days(90, _("directory: review every (days)"), "")
    review_procedure_days = _days(90, _("procedures: review every (days)"), "")
    review_policy_days = _days(180, _("policy pages: review every (days)"), "")
    review_project_days = _days(90, _("projects: review every (days)"), "")
    # Unit quotas (R-QUOTA-1) ---------------------------------------------------------------
    monthly_quota = models.PositiveSmallIntegerField(
        _("items each unit supplies a month"),
        default=2,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "At least 2 a month (S0 Đ10.3, S4 Đ10.3); a unit may have its own figure, such as "
            "3 (S1 Đ11.2)."
        ),
    )
    quota_reminder_days = models.PositiveSmallIntegerField(
        _("remind units below quota this many working days before the month ends"),
        default=5,
        validators=[MaxValueValidator(20)],
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("news_hours"),
                FieldPanel("current_news_time"),
                FieldPanel("urgent_hours"),
                FieldPanel("own_document_days"),
                FieldPanel("event_days"),
                FieldPanel("socioeconomic_day"),
                FieldPanel("reminder_hours"),
            ],
            heading=_("Publication time limits (R-SLA-1)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("morning_start"), FieldPanel("morning_end")]),
                FieldRowPanel([FieldPanel("afternoon_start"), FieldPanel("afternoon_end")]),
            ],
            heading=_("Working hours (limits counted in hours; the lunch break is not counted)"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in REVIEW_KINDS.values()],
            heading=_("Review intervals (R-SLA-2)"),
        ),
        MultiFieldPanel(
            [FieldPanel("monthly_quota"), FieldPanel("quota_reminder_days")],
            heading=_("Unit quotas (R-QUOTA-1)"),
        ),
    ]

    class Meta:
        verbose_name = _("board rules")

    def __str__(self):
        return str(self.site)

    def clean(self):
        super().clean()
        times = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if all(times) and not (times[0] < times[1] <= times[2] < times[3]):
            raise ValidationError(
                _(
                    "Working hours must run in order: the morning starts before it ends, the "
                    "afternoon starts no earlier than the morning ends and ends after it starts."
                )
            )

    @property
    def working_periods(self) -> tuple[tuple[dt.time, dt.time], ...]:
        """The day's working periods, for ``vietnam.workdays`` hour counting."""
        return (
            (self.morning_start, self.morning_end),
            (self.afternoon_start, self.afternoon_end),
        )

    def review_days(self, kind: str) -> int | None:
        field = REVIEW_KINDS.get(kind)
        return getattr(self, field) if field else None

    @classmethod
    def for_site_id(cls, site_id: int | None) -> BoardSettings:
        """The body's rules; the defaults (unsaved) when it has saved none or for no body."""
        if site_id is not None:
            found = cls.objects.filter(site_id=site_id).first()
            if found is not None:
                return found
        return cls(site_id=site_id)
