"""The directory of units and officials (R-DIR-1; S0 Đ8.6, S2 Đ7.5, S3 Đ5.4, S4 Đ8.5).

Plain models (not pages) with django-simple-history so auditors see every field change.
Each unit belongs to one Wagtail Site: one install serves several bodies.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

phone_validator = RegexValidator(
    r"^[0-9+().\-\s]{6,30}$",
    _("Enter a phone number of digits, spaces, dots, dashes, “+” or brackets."),
)


def tel_href(phone: str) -> str:
    """``tel:`` link target: the digits and a leading + only."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


class Unit(index.Indexed, models.Model):
    """An organisational unit of the body: office, division, subordinate unit or commune."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        on_delete=models.CASCADE,
        related_name="directory_units",
    )
    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("official e-mail"), blank=True)
    website = models.URLField(
        _("website"), blank=True, help_text=_("The unit's own website, if any (R-ORG-1, R-SITE-3).")
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)

    history = HistoricalRecords()

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="home_unit_unique_name_per_site")
        ]

    def __str__(self):
        return self.name

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone)


class Official(index.Indexed, models.Model):
    """A competent official with full name, position, phone and official e-mail (R-DIR-1)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officials"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("official e-mail"), blank=True)
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(
        _("shown in the directory"), default=True, help_text=_("Untick when the official leaves.")
    )

    history = HistoricalRecords()

    panels = [
        FieldPanel("full_name"),
        FieldPanel("position"),
        FieldPanel("unit"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.SearchField("position"),
        index.AutocompleteField("full_name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "full_name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self):
        return f"{self.full_name} – {self.position}"

    @property
    def tel_href(self) -> str:
        return tel_href(self.phone)
