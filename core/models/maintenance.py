"""Planned downtime announced on every page (R-OPS-1; Decree 224/2026/NĐ-CP Điều 13).

Điều 13 asks a body that stops its portal on purpose to announce it publicly **at least
07 working days in advance, with the expected time of restoration** (force majeure
excepted). The technical administrator fills in this setting; the notice is shown at
the top of every public page from the moment it is saved until the announced end.

The admin form counts working days with ``congthongtin.vietnam.workdays.WorkCalendar`` (weekends,
public holidays and official swaps): the downtime must start after the 7th working day
following the day of the announcement (Bộ luật Dân sự Điều 147: the day of the event is
not counted). A shorter notice is refused unless the administrator ticks "short notice"
(force majeure, an urgent security fix) — the warning is explicit and the choice recorded.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from congthongtin.vietnam.workdays import WorkCalendar

from .settings import CachedSiteSettingMixin

NOTICE_WORKING_DAYS = 7  # Decree 224/2026 Điều 13


def earliest_start(announced: dt.datetime, calendar: WorkCalendar | None = None) -> dt.date:
    """The first day a downtime announced at ``announced`` may start (Điều 13)."""
    calendar = calendar or WorkCalendar()
    local = timezone.localtime(announced).date()
    last_notice_day = calendar.add_working_days(local, NOTICE_WORKING_DAYS)
    return last_notice_day + dt.timedelta(days=1)


class MaintenanceNoticeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if not starts_at and not ends_at:
            return cleaned
        if not starts_at or not ends_at:
            raise forms.ValidationError(
                _("Give both the start and the expected end of the downtime (Điều 13).")
            )
        if ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
            return cleaned
        changed = "starts_at" in self.changed_data or not self.instance.announced_at
        if changed and not cleaned.get("short_notice"):
            now = timezone.now()
            first_day = earliest_start(now)
            start_day = timezone.localtime(starts_at).date()
            if start_day < first_day:
                calendar = WorkCalendar()
                days = max(calendar.working_days_between(timezone.localtime(now), starts_at) - 1, 0)
                self.add_error(
                    "starts_at",
                    _(
                        "Decree 224/2026 Article 13 asks for at least %(required)d working "
                        "days' notice; this start leaves %(days)d. Start on %(first)s or "
                        "later, or tick “short notice” for force majeure."
                    )
                    % {
                        "required": NOTICE_WORKING_DAYS,
                        "days": days,
                        "first": first_day.strftime("%d/%m/%Y"),
                    },
                )
        return cleaned


@register_setting(icon="warning")
class MaintenanceNotice(CachedSiteSettingMixin, BaseSiteSetting):
    """Planned downtime shown site-wide; ≥ 7 working days' notice (NĐ 224/2026 Đ13)."""

    starts_at = models.DateTimeField(_("downtime starts"), null=True, blank=True)
    ends_at = models.DateTimeField(
        _("service expected back"),
        null=True,
        blank=True,
        help_text=_("Article 13 requires the expected time of restoration."),
    )
    message = models.TextField(
        _("message"),
        blank=True,
        help_text=_("Optional: the reason and what citizens can do meanwhile."),
    )
    short_notice = models.BooleanField(
        _("short notice (force majeure)"),
        default=False,
        help_text=_("Tick only when the downtime cannot be announced 7 working days ahead."),
    )
    announced_at = models.DateTimeField(_("announced at"), null=True, editable=False)

    base_form_class = MaintenanceNoticeForm

    panels = [
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("short_notice")],
            heading=_("Planned downtime"),
        ),
        FieldPanel("message"),
    ]

    class Meta:
        verbose_name = _("planned downtime notice")

    def __str__(self):
        return str(self.site)

    def save(self, *args, **kwargs):
        if self.starts_at:
            previous = (
                type(self).objects.filter(pk=self.pk).values_list("starts_at", flat=True).first()
                if self.pk
                else None
            )
            if previous != self.starts_at or not self.announced_at:
                self.announced_at = timezone.now()
        else:
            self.announced_at = None
        super().save(*args, **kwargs)

    def is_shown(self, now: dt.datetime | None = None) -> bool:
        """From the announcement until the announced end of the downtime."""
        if not (self.starts_at and self.ends_at):
            return False
        return (now or timezone.now()) < self.ends_at
