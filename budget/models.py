"""Public disclosure of the budget (công khai ngân sách; S0 Đ18.2; Law on the State Budget
No. 83/2015/QH13 Art. 15; Circular 343/2016/TT-BTC on the disclosure of the state budget at
every level of local budget).

Each disclosure is a page under the section ``/cong-khai-ngan-sach/``: the budget estimate
(dự toán) once approved, its execution (tình hình thực hiện) by quarter, six months, nine
months and the year, and the final accounts (quyết toán), each with the decision or report
that approved it, the disclosure form of Circular 343/2016/TT-BTC and the signed document.
The section lists them by fiscal year, newest first; they are part of the open data
(budget.datasets)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from congthongtin.core.models import BasePage, SectionIndexPage
from congthongtin.core.query_params import parse_int

#: The earliest fiscal year a disclosure may be for (the Law on the State Budget of 2015,
#: in force from the 2017 budget, with older years kept for archives).
FIRST_YEAR = 1990


class DisclosureKind(models.TextChoices):
    ESTIMATE = "du-toan", _("Budget estimate (dự toán)")
    EXECUTION = "thuc-hien", _("Budget execution (tình hình thực hiện)")
    FINAL_ACCOUNTS = "quyet-toan", _("Final accounts (quyết toán)")


class ExecutionPeriod(models.TextChoices):
    Q1 = "quy-1", _("First quarter")
    H1 = "6-thang", _("Six months")
    M9 = "9-thang", _("Nine months")
    YEAR = "ca-nam", _("Whole year")


def last_allowed_year(today: dt.date | None = None) -> int:
    """The estimate for next year is disclosed before the year starts."""
    return (today or timezone.localdate()).year + 1


class BudgetDisclosureIndexPage(SectionIndexPage):
    """``/cong-khai-ngan-sach/``: the disclosures grouped by fiscal year, newest first;
    ``?nam=2026`` shows one year."""

    item_model = None  # set below (the class is defined after this one)
    subpage_types = ["budget.BudgetDisclosurePage"]
    per_page = 60
    item_select_related = ("document",)

    class Meta:
        verbose_name = _("budget disclosure index")

    def get_items(self):
        return super().get_items().order_by("-fiscal_year", "kind", "-published_on", "-pk")

    def years(self) -> list[int]:
        return sorted(
            set(self.get_items().order_by().values_list("fiscal_year", flat=True)), reverse=True
        )

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        year = parse_int(request.GET.get("nam"), FIRST_YEAR, last_allowed_year())
        if year:
            queryset = queryset.filter(fiscal_year=year)
        filters["nam"] = year or ""
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups: list[tuple[int, list]] = []
        for item in context["items"]:
            if not groups or groups[-1][0] != item.fiscal_year:
                groups.append((item.fiscal_year, []))
            groups[-1][1].append(item)
        context["year_groups"] = groups
        context["years"] = self.years()
        return context


class BudgetDisclosurePage(BasePage):
    """One public disclosure of the budget (S0 Đ18.2): what (estimate, execution and its
    period, final accounts), for which fiscal year, approved by which decision, on which
    form of Circular 343/2016/TT-BTC, with the signed document and when it was disclosed."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=DisclosureKind.choices)
    period = models.CharField(
        _("period"),
        max_length=10,
        choices=ExecutionPeriod.choices,
        blank=True,
        help_text=_("Execution only: the quarter, six months, nine months or the whole year."),
    )
    decision_number = models.CharField(
        _("decision or report number"),
        max_length=100,
        blank=True,
        help_text=_(
            "The number and symbol of the resolution, decision or report approved or "
            "disclosed, e.g. 15/NQ-HĐND, 120/QĐ-UBND."
        ),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    form_code = models.CharField(
        _("disclosure form"),
        max_length=60,
        blank=True,
        help_text=_(
            "The form of Circular 343/2016/TT-BTC the disclosure uses, as “Biểu số …/CK-NSNN”."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed disclosure, as a PDF."),
    )
    published_on = models.DateField(
        _("disclosed on"),
        default=dt.date.today,
        help_text=_("The date of public disclosure (Circular 343/2016/TT-BTC sets the limits)."),
    )
    summary = models.TextField(_("summary"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("fiscal_year"), FieldPanel("kind"), FieldPanel("period")]
                ),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldRowPanel([FieldPanel("form_code"), FieldPanel("published_on")]),
            ],
            heading=_("Disclosure"),
        ),
        FieldPanel("document"),
        FieldPanel("summary"),
        *BasePage.provenance_panels,
    ]
    parent_page_types = ["budget.BudgetDisclosureIndexPage"]
    subpage_types: list[str] = []
    route_select_related = ("document",)

    class Meta:
        verbose_name = _("budget disclosure")
        verbose_name_plural = _("budget disclosures")

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.kind == DisclosureKind.EXECUTION and not self.period:
            errors["period"] = [_("Choose the period of the budget execution disclosed.")]
        if self.kind and self.kind != DisclosureKind.EXECUTION and self.period:
            errors["period"] = [_("A period is given only for the budget execution.")]
        last = last_allowed_year()
        if self.fiscal_year is not None and not FIRST_YEAR <= self.fiscal_year <= last:
            errors["fiscal_year"] = [
                _("The fiscal year must be between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": last}
            ]
        today = timezone.localdate()
        if self.decision_date and self.decision_date > today:
            errors["decision_date"] = [_("The decision date cannot be in the future.")]
        if self.published_on and self.decision_date and self.published_on < self.decision_date:
            errors["published_on"] = [_("The disclosure cannot come before the decision.")]
        if errors:
            raise ValidationError(errors)

    @property
    def kind_label(self) -> str:
        if self.kind == DisclosureKind.EXECUTION and self.period:
            return f"{self.get_kind_display()} – {self.get_period_display()}"
        return self.get_kind_display()


BudgetDisclosureIndexPage.item_model = BudgetDisclosurePage
