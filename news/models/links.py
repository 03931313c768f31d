"""Useful links (R-SITE-3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from congthongtin.core.models import BasePage

from ..blocks import LinkGroupBlock


class LinksPage(BasePage):
    """Links to the provincial portal, provincial departments, other communes and districts,
    the National Public Service Portal and sub-units' own websites, grouped by kind
    (R-SITE-3; S0 Đ8.1, Đ8.11, Đ18.1; S4 Đ18.1)."""

    intro = models.TextField(_("introduction"), blank=True)
    groups = StreamField(
        [("group", LinkGroupBlock())], verbose_name=_("groups of links"), blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("groups"),
        *BasePage.provenance_panels,
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    #: Metadata (core.metadata): a page of links is a collection (DCMI Type).
    dc_type = "Collection"

    class Meta:
        verbose_name = _("links page")
        verbose_name_plural = _("links pages")
