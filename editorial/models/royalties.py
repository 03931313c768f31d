"""Royalties (nhuận bút) of published items and the board's remuneration (R-ROY-1; S4 Đ7.2,
S1 Đ7.4, Đ15.1).

S4 Đ7.2: a) the authors of news, articles and photos receive royalties; the head of the
editorial board proposes each item's coefficient by its quality, the head of the body
decides; the coefficient is between 0.5 and 5; royalty = coefficient × 10% of the base
salary (formerly the minimum salary). b) collected news, articles, photos, reports,
statistics, plans… receive a suitable fee, proposed and decided the same way. c) the board's
members receive remuneration for their work, in total no more than 40% of the royalties.

The rules (who prepares, proposes, approves, corrects) are in ``editorial/royalties.py``;
these models only hold the sheet. An approved sheet is locked: its lines refuse to be saved
(a correction is a new revision).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

#: S4 Đ7.2a: the coefficient of an item lies between these.
MIN_COEFFICIENT = Decimal("0.5")
MAX_COEFFICIENT = Decimal("5")
#: S4 Đ7.2c: the board's remuneration is at most this share of the month's royalties (%).
BOARD_SHARE_PERCENT = 40

_coefficient_validators = [
    MinValueValidator(MIN_COEFFICIENT, _("A coefficient is at least 0.5 (S4 Đ7.2a).")),
    MaxValueValidator(MAX_COEFFICIENT, _("A coefficient is at most 5 (S4 Đ7.2a).")),
]


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) royalties are counted from (S4 Đ7.2a: "10% of the
    minimum salary", since 2013 the base salary).

    Install-wide, not per body: it is national law, set by a Government decree for every
    state body at once (Decree 24/2023/NĐ-CP: 1.800.000 đ from 01/07/2023; Decree
    73/2024/NĐ-CP: 2.340.000 đ from 01/07/2024). Only superusers change it. An item's
    royalty uses the value in force on the item's publication date.
    """

    amount = models.PositiveBigIntegerField(_("amount (đồng a month)"))
    valid_from = models.DateField(_("in force from"), unique=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, help_text=_("E.g. Decree 73/2024/NĐ-CP.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y}, {self.legal_basis})".replace(
            ",", "."
        )

    @classmethod
    def in_force_on(cls, day: dt.date) -> BaseSalary | None:
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


class RoyaltyKind(models.Model):
    """A kind of item and its royalty (S4 Đ7.2a–b), per body: authored kinds (news,
    articles, photos, translations) have a coefficient range inside 0.5–5 that the head of
    the board proposes within; collected items and reports have a fee in đồng."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    min_coefficient = models.DecimalField(
        _("lowest coefficient"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_coefficient_validators,
    )
    max_coefficient = models.DecimalField(
        _("highest coefficient"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_coefficient_validators,
    )
    fixed_fee = models.PositiveBigIntegerField(
        _("fee (đồng)"),
        null=True,
        blank=True,
        help_text=_("For collected items and reports (S4 Đ7.2b) instead of a coefficient."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unique_royalty_kind_code")
        ]
        verbose_name = _("royalty kind")
        verbose_name_plural = _("royalty kinds")

    def __str__(self):
        return self.name

    @property
    def is_fee(self) -> bool:
        return self.fixed_fee is not None

    def clean(self):
        super().clean()
        if self.is_fee:
            if self.min_coefficient is not None or self.max_coefficient is not None:
                raise ValidationError(_("A kind has either a fee or a coefficient range."))
            return
        if self.min_coefficient is None or self.max_coefficient is None:
            raise ValidationError(_("A kind has either a fee or a coefficient range."))
        if self.min_coefficient > self.max_coefficient:
            raise ValidationError(_("The lowest coefficient is above the highest."))


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed by the board's head")
    APPROVED = "approved", _("Approved by the head of the body")


class RoyaltySheet(models.Model):
    """One body's royalty sheet (bảng kê nhuận bút) of one month, one revision: the
    standing office prepares it, the head of the board proposes it, the head of the body
    approves it (S4 Đ7.2). An approved revision is never changed: a correction is the next
    revision, which names the one it supersedes."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    # Totals, kept by editorial.royalties after every change (đồng).
    items_total = models.PositiveBigIntegerField(_("royalties of the items"), default=0)
    board_proposed = models.PositiveBigIntegerField(_("board's fees proposed"), default=0)
    board_cap = models.PositiveBigIntegerField(_("board's cap (40%)"), default=0)
    board_total = models.PositiveBigIntegerField(_("board's fees paid"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "month", "revision"], name="unique_royalty_sheet_revision"
            )
        ]
        verbose_name = _("royalty sheet")
        verbose_name_plural = _("royalty sheets")

    def __str__(self):
        return f"{self.month:%m/%Y} ({self.revision})"

    @property
    def is_locked(self) -> bool:
        return self.status == SheetStatus.APPROVED

    @property
    def cap_exceeded(self) -> bool:
        return self.board_proposed > self.board_cap


class RoyaltyLine(models.Model):
    """One published item on a sheet: what was published (kept as it was, should the page
    change or go), its author and unit, its kind and coefficient or fee, the base salary in
    force on its publication date and the amount."""

    sheet = models.ForeignKey(
        RoyaltySheet, on_delete=models.CASCADE, related_name="lines", verbose_name=_("sheet")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("item"), max_length=255)
    url = models.CharField(_("address"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    kind = models.ForeignKey(
        RoyaltyKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    coefficient = models.DecimalField(
        _("coefficient"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_coefficient_validators,
    )
    fee = models.PositiveBigIntegerField(_("fee (đồng)"), null=True, blank=True)
    base_salary = models.PositiveBigIntegerField(_("base salary used (đồng)"), default=0)
    amount = models.PositiveBigIntegerField(pgettext_lazy("royalty", "amount (đồng)"), default=0)
    sort_order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sheet", "sort_order", "pk"]
        verbose_name = _("royalty line")
        verbose_name_plural = _("royalty lines")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The last guard of the lock (S4 Đ7.2: what the head of the body decided stays).
        if self.sheet.is_locked:
            raise ValidationError(_("This sheet is approved: make a correction instead."))
        return super().save(*args, **kwargs)


class BoardFee(models.Model):
    """A board member's remuneration for the month's editing work (S4 Đ7.2c): proposed by
    the head of the board; ``amount`` is what is paid once the 40% cap is applied."""

    sheet = models.ForeignKey(
        RoyaltySheet, on_delete=models.CASCADE, related_name="board_fees", verbose_name=_("sheet")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("board member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member_name = models.CharField(_("name"), max_length=255)
    proposed_amount = models.PositiveBigIntegerField(_("proposed (đồng)"))
    amount = models.PositiveBigIntegerField(_("paid (đồng)"), default=0)
    note = models.CharField(_("work done"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sheet", "pk"]
        verbose_name = _("board member's fee")
        verbose_name_plural = _("board members' fees")

    def __str__(self):
        return self.member_name

    def save(self, *args, **kwargs):
        if self.sheet.is_locked:
            raise ValidationError(_("This sheet is approved: make a correction instead."))
        return super().save(*args, **kwargs)
