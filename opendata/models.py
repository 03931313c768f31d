"""Open data of a body (Decree 47/2020/NĐ-CP): its page, its licence, its generated files.

The datasets themselves are described by the apps (``core.opendata.Dataset``, registered
under ``register_open_datasets``); this app stores one generated file per site, dataset and
format (``OpenDataFile``), lists them on the body's open data page (``OpenDataPage``, with a
DCAT catalogue at ``<page>/catalog.json``) and regenerates them when content changes
(opendata.signals) and daily (``manage.py generate_open_data --all``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, Site

from congthongtin.core.models import VietnameseSlugMixin
from congthongtin.core.opendata import FORMATS

#: Shown when the body has not written its own licence.
DEFAULT_LICENCE_NAME = _("Open data licence of the body (Decree 47/2020/NĐ-CP)")
DEFAULT_LICENCE_TEXT = _(
    "These datasets are open data published under Decree 47/2020/NĐ-CP of 09/4/2020 on the "
    "management, connection and sharing of digital data of state agencies. Anyone may "
    "access, copy, use, redistribute and build on them free of charge, for any lawful "
    "purpose, provided the body is cited as the source and the data are not distorted."
)


@register_setting(icon="table")
class OpenDataSettings(BaseSiteSetting):
    """The licence under which the body publishes its open data (Decree 47/2020/NĐ-CP)."""

    licence_name = models.CharField(
        _("licence name"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the default open data licence statement (Decree 47/2020/NĐ-CP)."),
    )
    licence_url = models.URLField(
        _("licence address"),
        blank=True,
        help_text=_("A page with the full licence text, if the body has one."),
    )
    licence_text = models.TextField(
        _("licence statement"),
        blank=True,
        help_text=_("Shown on the open data page. Empty: the default statement."),
    )

    panels = [FieldPanel("licence_name"), FieldPanel("licence_url"), FieldPanel("licence_text")]

    class Meta:
        verbose_name = _("open data")

    @property
    def licence_title(self) -> str:
        return self.licence_name or str(DEFAULT_LICENCE_NAME)

    @property
    def licence_statement(self) -> str:
        return self.licence_text or str(DEFAULT_LICENCE_TEXT)


def file_path(instance, filename: str) -> str:
    return f"opendata/{instance.site_id}/{instance.dataset}.{instance.format}"


class OpenDataFile(models.Model):
    """One generated file of a dataset for one site, in one format."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        on_delete=models.CASCADE,
        related_name="open_data_files",
    )
    dataset = models.SlugField(_("dataset"), max_length=100)
    format = models.CharField(
        _("format"), max_length=10, choices=[(key, label) for key, (_m, label) in FORMATS.items()]
    )
    file = models.FileField(_("file"), upload_to=file_path, max_length=255)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    bytes = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    generated_at = models.DateTimeField(_("generated at"))

    class Meta:
        verbose_name = _("open data file")
        verbose_name_plural = _("open data files")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "dataset", "format"], name="opendata_one_file_per_format"
            )
        ]

    def __str__(self):
        return f"{self.dataset}.{self.format}"

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][0]


class PendingRegeneration(models.Model):
    """A dataset of a site made stale by a publication and not regenerated yet: at most one
    row per site and dataset, so the publications of a window share one regeneration
    (opendata.regeneration)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        on_delete=models.CASCADE,
        related_name="pending_open_data",
    )
    dataset = models.SlugField(_("dataset"), max_length=100)
    requested_at = models.DateTimeField(_("first requested at"))
    due_at = models.DateTimeField(_("due at"))

    class Meta:
        verbose_name = _("pending open data regeneration")
        verbose_name_plural = _("pending open data regenerations")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "dataset"], name="opendata_one_pending_per_dataset"
            )
        ]

    def __str__(self):
        return f"{self.dataset} @ {self.site_id}"


class OpenDataPage(VietnameseSlugMixin, Page):
    """``/du-lieu-mo/``: every open dataset of the body with its description, licence,
    publisher, update date, number of rows and its CSV, JSON and XLSX files; the DCAT
    catalogue at ``catalog.json``; each file at ``<slug>.<format>`` (opendata.urls)."""

    #: The page lists datasets (core.metadata: DC.type, DCMI Type vocabulary).
    dc_type = "Dataset"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from .catalogue import dataset_entries

        context = super().get_context(request, *args, **kwargs)
        # The request's site is already known (no query); a preview may have none.
        site = Site.find_for_request(request) or self.get_site()
        context.update(dataset_entries(site, self, request))
        return context
