"""Conferences, seminars and training (R-CONF-1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from congthongtin.core.blocks import BodyBlock
from congthongtin.core.models import BasePage, SectionIndexPage
from congthongtin.core.query_params import choice

from ..blocks import MATERIAL_BLOCKS


class ConferenceKind(models.TextChoices):
    CONFERENCE = "hoi-nghi", _("Conference")
    SEMINAR = "hoi-thao", _("Seminar")
    TRAINING = "tap-huan", _("Training")


class When(models.TextChoices):
    """The ``?thoi_gian=`` values of the listing."""

    UPCOMING = "sap-dien-ra", _("Upcoming")
    PAST = "da-dien-ra", _("Past")


def upcoming_q(today) -> Q:
    """Not over yet: ends (or, with no end date, starts) today or later."""
    return Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)


class ConferenceIndexPage(SectionIndexPage):
    """``/hoi-nghi/``: upcoming events first (soonest first), then past ones (latest
    first); ``?thoi_gian=sap-dien-ra|da-dien-ra`` and ``?loai=`` narrow the list."""

    subpage_types = ["news.ConferencePage"]

    class Meta:
        verbose_name = _("conference index")

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        kind = choice(request.GET.get("loai"), ConferenceKind.values)
        if kind:
            queryset = queryset.filter(kind=kind)
        when = choice(request.GET.get("thoi_gian"), When.values)
        filters.update({"loai": kind or "", "thoi_gian": when or ""})
        today = timezone.localdate()
        self._upcoming = None
        if when == When.UPCOMING:
            queryset = queryset.filter(upcoming_q(today)).order_by("start_date", "pk")
        elif when == When.PAST:
            queryset = queryset.exclude(upcoming_q(today)).order_by("-start_date", "-pk")
        else:
            # Both: the few upcoming events on top, the paginated past below.
            self._upcoming = list(
                queryset.filter(upcoming_q(today)).order_by("start_date", "pk")[:50]
            )
            queryset = queryset.exclude(upcoming_q(today)).order_by("-start_date", "-pk")
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = self._upcoming
        context["kinds"] = ConferenceKind.choices
        context["whens"] = When.choices
        return context


class ConferencePage(BasePage):
    """A conference, seminar or training (R-CONF-1; S0 Đ8.8, S4 Đ8.6): date(s), place,
    organiser, and its materials to read and download here or links to them elsewhere.
    Reports on conferences are due within 3 days (R-SLA-1)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConferenceKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty for a one-day event.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    materials = StreamField(
        MATERIAL_BLOCKS,
        verbose_name=_("materials"),
        blank=True,
        help_text=_("Files to read and download, or links to materials published elsewhere."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("place"),
                FieldPanel("organiser"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("materials"),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=hoi-nghi (the search protocol of core.BasePage)
    search_category = "hoi-nghi"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
    ]
    parent_page_types = ["news.ConferenceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    # Metadata (core.metadata) -------------------------------------------------------
    dc_type = "Event"

    def dc_creator(self) -> str:
        return self.organiser

    def meta_date(self):
        return self.start_date

    def json_ld(self, request) -> dict:
        from ..metadata import event

        return event(self, request)

    def get_search_key_parts(self) -> list[str]:
        return [*super().get_search_key_parts(), self.summary or "", self.place, self.organiser]

    def timeliness_clock(self):
        """Reported within 3 working days of the conference's start (R-SLA-1)."""
        return ("event", self.start_date) if self.start_date else None

    @property
    def is_upcoming(self) -> bool:
        return (self.end_date or self.start_date) >= timezone.localdate()


ConferenceIndexPage.item_model = ConferencePage
