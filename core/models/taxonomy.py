"""Taxonomies shared by several apps: fields (lĩnh vực) and agencies (cơ quan)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from congthongtin.vietnam.fold import slugify


class SlugFromNameMixin(models.Model):
    """Fills ``slug`` from ``name`` (ASCII, vietnam.fold) when left empty."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug(slugify(self.name, max_length=80) or "muc")
        super().save(*args, **kwargs)

    def _unique_slug(self, base: str) -> str:
        candidate, n = base, 1
        others = type(self)._default_manager.exclude(pk=self.pk)
        while others.filter(slug=candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate


class Field(SlugFromNameMixin, index.Indexed, models.Model):
    """A field of state management (lĩnh vực): classifies documents, procedures, news.

    R-LEGAL-1, R-PROC-1, R-POL-1 ask for classification and search by field.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Used in filter addresses (?linh_vuc=…). Left empty, it is made from the name."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("display order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    PROVINCIAL_DEPARTMENT = "department", _("Provincial department")
    COMMUNE = "commune", _("Commune")
    FORMER_DISTRICT = "former-district", _("Former district (archived)")
    OTHER = "other", _("Other")


class Agency(SlugFromNameMixin, index.Indexed, models.Model):
    """A state body (cơ quan): issuer of documents, implementer of procedures."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("abbreviation"), max_length=50, blank=True, help_text=_("E.g. UBND, CP, BTTTT.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=AgencyLevel.choices, default=AgencyLevel.COMMUNE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name
