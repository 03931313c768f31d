"""News categories (chuyên mục) that readers filter by."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from congthongtin.core.models.taxonomy import SlugFromNameMixin


class NewsCategory(SlugFromNameMixin, index.Indexed, models.Model):
    """A news category. R-NEWS-1 names politics, economy, culture and society, defence and
    security, party and mass-organisation work, good people and good deeds (S0 Đ8.2,
    S3 Đ5.1, 5.5–5.7); those are created by a data migration and editors may add others."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Used in filter addresses (?chuyen_muc=…). Left empty, it is made from the name."
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
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name
