"""The leaders' weekly work schedule and the citizen-reception schedule (R-ANN-1)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from congthongtin.core.models import BasePage
from congthongtin.core.query_params import iso_week_label, parse_iso_week, week_monday

WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]


class ScheduleKind(models.TextChoices):
    LEADERS_WORK = "lich-cong-tac", _("Leaders' work schedule")
    CITIZEN_RECEPTION = "tiep-cong-dan", _("Citizen-reception schedule")


class WeeklySchedulePage(BasePage):
    """A weekly schedule as structured data (R-ANN-1; S0 Đ8.9, S3 Đ5.4, S4 Đ8.8): the
    leaders' work schedule or the citizen-reception schedule. One page per kind holds the
    entries of many weeks; readers see one ISO week at a time (``?tuan=2026-W48``, default
    the current week), grouped by day, and can print it as one table."""

    kind = models.CharField(_("kind"), max_length=20, choices=ScheduleKind.choices)
    intro = models.TextField(_("introduction"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Shown under every week, e.g. who to call when the schedule changes."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("note"),
        InlinePanel("entries", label=_("entries"), heading=_("Entries")),
        *BasePage.provenance_panels,
    ]
    parent_page_types = ["news.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("weekly schedule")
        verbose_name_plural = _("weekly schedules")

    def week_of(self, request) -> dt.date:
        """Monday of the week asked by ``?tuan=`` or, by default, of the current week."""
        asked = parse_iso_week(request.GET.get("tuan"))
        if asked:
            return week_monday(*asked)
        today = timezone.localdate()
        return today - dt.timedelta(days=today.weekday())

    def week_days(self, monday: dt.date) -> list[dict]:
        """The days of the week that have entries, each with its entries in time order."""
        sunday = monday + dt.timedelta(days=6)
        entries = (
            self.entries.filter(date__gte=monday, date__lte=sunday)
            .select_related("official")
            .order_by("date", "start_time", "sort_order")
        )
        return [
            {"date": day, "weekday": WEEKDAYS[day.weekday()], "entries": list(items)}
            for day, items in groupby(entries, key=lambda entry: entry.date)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        monday = self.week_of(request)
        today = timezone.localdate()
        context.update(
            {
                "monday": monday,
                "sunday": monday + dt.timedelta(days=6),
                "week_number": monday.isocalendar()[1],
                "week_year": monday.isocalendar()[0],
                "days": self.week_days(monday),
                "previous_week": iso_week_label(monday - dt.timedelta(days=7)),
                "next_week": iso_week_label(monday + dt.timedelta(days=7)),
                "current_week": iso_week_label(today),
                "is_current_week": monday <= today <= monday + dt.timedelta(days=6),
            }
        )
        return context


class ScheduleEntry(Orderable):
    """One line of a schedule: day, time, leader, content, place, participants."""

    page = ParentalKey(WeeklySchedulePage, related_name="entries", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    official = models.ForeignKey(
        "core.Official",
        verbose_name=_("leader (from the directory)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    leader = models.CharField(
        _("leader"),
        max_length=255,
        blank=True,
        help_text=_("Free text when the leader is not in the directory, e.g. “Lãnh đạo UBND xã”."),
    )
    content = models.TextField(_("content"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    participants = models.TextField(_("participants"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("official"), FieldPanel("leader")]),
        FieldPanel("content"),
        FieldPanel("place"),
        FieldPanel("participants"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M} {self.content[:60]}"

    def clean(self):
        super().clean()
        errors = {}
        if not self.official_id and not (self.leader or "").strip():
            errors["leader"] = _("Choose a leader from the directory or type a name.")
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)

    @property
    def leader_display(self) -> str:
        if self.official_id and self.official:
            return f"{self.official.full_name} – {self.official.position}"
        return self.leader
