"""Socio-economic information, policies, strategies, plans and statistics (R-POL-1)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from congthongtin.core.blocks import ATTACHMENT_BLOCKS, BodyBlock
from congthongtin.core.models import BasePage, Field, SectionIndexPage
from congthongtin.core.query_params import choice, parse_int, parse_year

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class SocioEconomicKind(models.TextChoices):
    STRATEGY = "chien-luoc", _("Strategy")
    PLANNING = "quy-hoach", _("Master plan")
    SCHEME = "de-an", _("Scheme")
    PLAN = "ke-hoach", _("Plan")
    STATISTICS = "bao-cao-thong-ke", _("Statistics report")
    POLICY = "chinh-sach", _("Policy")


class PeriodType(models.TextChoices):
    MONTH = "thang", _("Month")
    QUARTER = "quy", _("Quarter")
    YEAR = "nam", _("Year")
    YEARS = "giai-doan", _("Several years")


class SocioEconomicIndexPage(SectionIndexPage):
    """``/kinh-te-xa-hoi/``: by keyword (``?q=``), kind (``?loai=``), field
    (``?linh_vuc=``) and period (``?nam=&quy=&thang=``)."""

    item_select_related = ("field",)
    subpage_types = ["news.SocioEconomicPage"]

    class Meta:
        verbose_name = _("socio-economic index")

    def get_items(self):
        return super().get_items().order_by("-period_year", "-first_published_at", "-pk")

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        fields = list(Field.objects.all())
        field = choice(request.GET.get("linh_vuc"), {f.slug for f in fields})
        if field:
            queryset = queryset.filter(field__slug=field)
        kind = choice(request.GET.get("loai"), SocioEconomicKind.values)
        if kind:
            queryset = queryset.filter(kind=kind)
        year = parse_year(request.GET.get("nam"))
        quarter = parse_int(request.GET.get("quy"), 1, 4)
        month = parse_int(request.GET.get("thang"), 1, 12)
        queryset = queryset.filter(period_q(year, quarter, month))
        filters.update(
            {
                "linh_vuc": field or "",
                "loai": kind or "",
                "nam": str(year) if year else "",
                "quy": str(quarter) if quarter else "",
                "thang": str(month) if month else "",
            }
        )
        self._fields = fields
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fields"] = self._fields
        context["kinds"] = SocioEconomicKind.choices
        context["quarters"] = [(n, ROMAN[n]) for n in range(1, 5)]
        context["month_numbers"] = range(1, 13)
        return context


def period_q(year: int | None, quarter: int | None, month: int | None) -> Q:
    """Items whose period covers what the reader asked.

    A year matches the items of that year and the multi-year items spanning it; a quarter
    matches that quarter's reports and its three months' reports; a month matches that
    month's reports.
    """
    q = Q()
    if year:
        q &= Q(period_year=year) | Q(
            period_type=PeriodType.YEARS, period_year__lte=year, period_end_year__gte=year
        )
    if month:
        q &= Q(period_type=PeriodType.MONTH, period_number=month)
    elif quarter:
        months = [3 * (quarter - 1) + n for n in (1, 2, 3)]
        q &= Q(period_type=PeriodType.QUARTER, period_number=quarter) | Q(
            period_type=PeriodType.MONTH, period_number__in=months
        )
    return q


class SocioEconomicPage(BasePage):
    """Socio-economic information (R-POL-1; S0 Đ8.5, Đ18.2, S2 Đ7.4, S4 Đ8.4): strategies,
    master plans, schemes, plans, policies and the monthly, quarterly and yearly statistics
    (monthly figures are due by the 30th, R-SLA-1). The period is stored as a type, a year
    and a number so it can be searched: “Tháng 10/2026”, “Quý III/2026”, “Năm 2026”."""

    kind = models.CharField(_("kind"), max_length=20, choices=SocioEconomicKind.choices)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period_type = models.CharField(
        _("period"), max_length=12, choices=PeriodType.choices, default=PeriodType.YEAR
    )
    period_year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    period_number = models.PositiveSmallIntegerField(
        _("month or quarter"),
        null=True,
        blank=True,
        help_text=_("1–12 for a month, 1–4 for a quarter; empty for a year."),
    )
    period_end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
        help_text=_("For a period of several years (e.g. 2021–2030)."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    attachments = StreamField(ATTACHMENT_BLOCKS, verbose_name=_("attached files"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("field"),
        MultiFieldPanel(
            [
                FieldPanel("period_type"),
                FieldRowPanel(
                    [
                        FieldPanel("period_year"),
                        FieldPanel("period_number"),
                        FieldPanel("period_end_year"),
                    ]
                ),
            ],
            heading=_("Period"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=kinh-te-xa-hoi (the search protocol of core.BasePage)
    search_category = "kinh-te-xa-hoi"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers
    #: R-SLA-2: strategies, plans, schemes and policies of a period of several years stay
    #: in force and are reviewed periodically (editorial.reviews); reports of a month, a
    #: quarter or a year, and statistics of any period, record the past and are not.
    review_kind = "policy"

    def get_review_kind(self):
        reviewed = (
            self.period_type == PeriodType.YEARS and self.kind != SocioEconomicKind.STATISTICS
        )
        return self.review_kind if reviewed else None

    @classmethod
    def review_filter(cls):
        return Q(period_type=PeriodType.YEARS) & ~Q(kind=SocioEconomicKind.STATISTICS)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("period_year"),
    ]
    parent_page_types = ["news.SocioEconomicIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("socio-economic item")
        verbose_name_plural = _("socio-economic items")

    def clean(self):
        super().clean()
        errors = {}
        number = self.period_number
        if self.period_type == PeriodType.MONTH and not (number and 1 <= number <= 12):
            errors["period_number"] = _("Give the month, 1 to 12.")
        elif self.period_type == PeriodType.QUARTER and not (number and 1 <= number <= 4):
            errors["period_number"] = _("Give the quarter, 1 to 4.")
        if self.period_type == PeriodType.YEARS:
            if not self.period_end_year:
                errors["period_end_year"] = _("Give the last year of the period.")
            elif self.period_year and self.period_end_year < self.period_year:
                errors["period_end_year"] = _("The last year cannot be before the first.")
        if errors:
            raise ValidationError(errors)
        # Numbers that mean nothing for the period type are dropped, not kept as noise.
        if self.period_type in (PeriodType.YEAR, PeriodType.YEARS):
            self.period_number = None
        if self.period_type != PeriodType.YEARS:
            self.period_end_year = None

    def timeliness_clock(self):
        """Monthly figures only (R-SLA-1, S0 Đ10.2): the clock is the period's month, due
        by the board's day of that month (``editorial.timeliness``)."""
        if self.period_type != PeriodType.MONTH or not self.period_year:
            return None
        if not (self.period_number and 1 <= self.period_number <= 12):
            return None
        return ("socioeconomic", dt.date(self.period_year, self.period_number, 1))

    @property
    def period_label(self) -> str:
        return period_label(
            self.period_type, self.period_year, self.period_number, self.period_end_year
        )

    def get_search_key_parts(self) -> list[str]:
        # The key serves the public site's readers, whatever language the editor uses.
        with translation.override(settings.LANGUAGE_CODE):
            label = str(self.period_label)
        return [*super().get_search_key_parts(), self.summary or "", label]


def period_label(period_type, year, number=None, end_year=None) -> str:
    """“Tháng 10/2026”, “Quý III/2026”, “Năm 2026”, “Giai đoạn 2021–2030”."""
    if not year:
        return ""
    if period_type == PeriodType.MONTH and number:
        return _("Month %(month)s/%(year)s") % {"month": number, "year": year}
    if period_type == PeriodType.QUARTER and number in ROMAN:
        return _("Quarter %(quarter)s/%(year)s") % {"quarter": ROMAN[number], "year": year}
    if period_type == PeriodType.YEARS and end_year:
        return _("Period %(start)s–%(end)s") % {"start": year, "end": end_year}
    return _("Year %(year)s") % {"year": year}


SocioEconomicIndexPage.item_model = SocioEconomicPage
