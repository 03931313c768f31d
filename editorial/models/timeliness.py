"""Each item's publication time limit (R-SLA-1): one row per page per workflow run.

The regulations set how soon an item is published: news within 8 working hours of the
event, the body's own documents within 2 working days of signing, conferences and major
events within 3 days, monthly socio-economic figures by the 30th, urgent notices at once,
current news by 16:00 the same day (S0 Đ10.2, S1 Đ11.1, S4 Đ10.2, S2 Đ9). The limits are
the body's ``BoardSettings``; the due time is computed by ``editorial.timeliness``.

A row is made when the page is submitted to the board's workflow (one per run, so a page
sent back and submitted again in a new run keeps the first run's record), kept in step
while the run is open and closed when the page is published: on time, or late by the
working time past the due time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DeadlineKind(models.TextChoices):
    NEWS = "news", _("News (working hours from the event)")
    CURRENT = "current", _("Current news (by the set time the same day)")
    URGENT = "urgent", _("Urgent notice (working hours from submission)")
    DOCUMENT = "document", _("The body's own document (working days from signing)")
    EVENT = "event", _("Conference or major event (working days)")
    SOCIOECONOMIC = "socioeconomic", _("Monthly socio-economic figures (day of the month)")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_TIME = "on_time", _("Published on time")
    LATE = "late", _("Published late")


class ItemDeadline(models.Model):
    """The publication time limit of one page in one run of the board's workflow
    (R-SLA-1)."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("body"), on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="timeliness_deadlines",
    )
    workflow_state = models.OneToOneField(
        "wagtailcore.WorkflowState",
        verbose_name=_("workflow run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="timeliness_deadline",
    )
    kind = models.CharField(_("kind of limit"), max_length=16, choices=DeadlineKind.choices)
    clock_start = models.DateTimeField(_("counted from"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeadlineStatus.choices,
        default=DeadlineStatus.OPEN,
        db_index=True,
    )
    late_by = models.DurationField(
        _("late by (working time)"),
        null=True,
        blank=True,
        help_text=_("Working time between the due time and the publication; empty when on time."),
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("reported to the head"), null=True, blank=True)
    # What the report groups by, fixed at submission.
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "core.Agency",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication time limit")
        verbose_name_plural = _("publication time limits")
        indexes = [models.Index(fields=["site", "status", "due_at"])]

    def __str__(self):
        return f"{self.page_id} · {self.get_kind_display()}"
