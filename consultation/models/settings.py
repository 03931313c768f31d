"""A body's own Q&A rules (R-QA-1, R-SITE-1): one setting per Site.

Bodies' regulations differ in the answer times and reminders; a blank field keeps the
install's default (``CONGTHONGTIN["QA_DEADLINE_DAYS"]``, ``["QA_REMINDER_WORKING_DAYS"]``,
``["QA_PERSONAL_DATA_RETENTION_DAYS"]``, core.conf). Read through
``congthongtin.consultation.deadlines``; the body's working calendar (its days off and
worked weekend days) is core's ``WorkCalendarSettings``. The head of a body's board edits
both for that body only (Wagtail's per-site setting permission, consultation.setup).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DAYS = [MinValueValidator(1), MaxValueValidator(90)]
BLANK_IS_DEFAULT = _("Leave blank for the install's default.")


def _days_field(label, validators=DAYS):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=validators, help_text=BLANK_IS_DEFAULT
    )


@register_setting(icon="help")
class QASettings(BaseSiteSetting):
    deadline_own_days = _days_field(_("answer time, own competence (working days)"))
    deadline_several_days = _days_field(_("answer time, needs several bodies (working days)"))
    deadline_special_days = _days_field(_("latest appointment, special case (working days)"))
    reminder_working_days = _days_field(
        _("reminder before the deadline (working days)"),
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    petition_days = models.PositiveSmallIntegerField(
        _("answer time of a petition (working days)"),
        null=True,
        blank=True,
        validators=DAYS,
        help_text=_(
            "Petitions on administrative regulations and services (Decree 20/2008/NĐ-CP): "
            "the body's own limit. Blank: the Q&A's own-competence answer time."
        ),
    )
    remote_area = models.BooleanField(
        _("remote or hard-to-reach area"),
        default=False,
        help_text=_(
            "Complaints are settled within 45 days instead of 30, 60 instead of 45 for "
            "complex cases (Law on Complaints No. 02/2011/QH13, Art. 28)."
        ),
    )
    personal_data_retention_days = models.PositiveIntegerField(
        _("askers' personal data kept for (days after the answer)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=BLANK_IS_DEFAULT,
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("deadline_own_days"),
                FieldPanel("deadline_several_days"),
                FieldPanel("deadline_special_days"),
            ],
            heading=_("Answer times"),
        ),
        MultiFieldPanel(
            [FieldPanel("petition_days"), FieldPanel("remote_area")],
            heading=_("Petitions, complaints and denunciations"),
        ),
        FieldPanel("reminder_working_days"),
        FieldPanel("personal_data_retention_days"),
    ]

    class Meta:
        verbose_name = _("Q&A rules")
        verbose_name_plural = _("Q&A rules")

    def __str__(self):
        return str(self.site)
