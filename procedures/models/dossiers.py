"""Dossier look-up (Tra cứu hồ sơ, S3 Đ5.2): the statuses the one-stop desk exports, the
record of each import, and the public page that answers ``?ma=CODE``."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel

from congthongtin.core.conf import app_settings
from congthongtin.core.models import BasePage

from ..choices import DossierCategory


class DossierStatus(models.Model):
    """One dossier of a body as the last accepted export described it. No field names the
    applicant (Law 91/2025/QH15): the adapters drop those columns before a row is made."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(_("dossier code"), max_length=50)
    procedure_name = models.CharField(_("procedure"), max_length=500, blank=True)
    status = models.CharField(_("status as exported"), max_length=200, blank=True)
    category = models.CharField(
        _("status category"),
        max_length=20,
        choices=DossierCategory.choices,
        default=DossierCategory.UNKNOWN,
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    expected_on = models.DateField(_("result expected on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    unit = models.CharField(_("handling unit"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("dossier status")
        verbose_name_plural = _("dossier statuses")
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="procedures_dossier_site_code")
        ]

    def __str__(self):
        return self.code


class DossierImport(models.Model):
    """One run of the import for a body: accepted (``errors`` empty; the body's rows were
    replaced) or refused (``errors`` lists the lines; nothing changed).

    ``exported_at``: when the one-stop desk wrote the file, when known (the JSON's
    ``exported_at``, the file's modification time, a URL's Last-Modified). The scheduler
    imports every hour, so the import time alone would call a file the desk stopped
    refreshing weeks ago "fresh". ``stale``: the export was already older than
    ``DOSSIER_STATUS_STALE_HOURS`` when it was imported."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(pgettext_lazy("dossier import", "source"), max_length=500)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, db_index=True)
    exported_at = models.DateTimeField(_("exported at"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("dossiers"), default=0)
    errors = models.TextField(_("errors"), blank=True)
    stale = models.BooleanField(_("stale"), default=False)

    class Meta:
        verbose_name = _("dossier status import")
        verbose_name_plural = _("dossier status imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.source} ({self.imported_at:%d/%m/%Y %H:%M})"

    @property
    def accepted(self) -> bool:
        return not self.errors

    @property
    def data_time(self) -> dt.datetime:
        """When the data was true: the export's time when known, else the import's."""
        return self.exported_at or self.imported_at

    def is_stale(self, now=None) -> bool:
        now = now or timezone.now()
        return now - self.data_time > dt.timedelta(hours=app_settings.DOSSIER_STATUS_STALE_HOURS)


class DossierLookupPage(BasePage):
    """Tra cứu hồ sơ: a citizen types the receipt code and sees the status and the
    expected date of the dossier, never who filed it. Only this body's rows are read.

    ``?ma=`` answers are not cached by shared caches (they are per code, and the rate
    limit must see every one) and are counted per address against code enumeration
    (``PUBLIC_FORM_RATE_LIMITS["dossier_lookup"]``)."""

    intro = models.TextField(_("summary"), blank=True)
    help_contact = models.TextField(
        _("whom to contact"),
        blank=True,
        help_text=_(
            "Shown when a code is not found or the data is out of date: the one-stop "
            "desk's phone and hours. Empty: the portal's phone."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("help_contact"),
        *BasePage.provenance_panels,
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    #: Metadata (core.metadata): a look-up form (DCMI Type).
    dc_type = "InteractiveResource"

    class Meta:
        verbose_name = _("dossier look-up page")
        verbose_name_plural = _("dossier look-up pages")

    def get_context(self, request, *args, **kwargs):
        from ..dossiers.lookup import DossierLookupForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", DossierLookupForm())
        return context

    def serve(self, request, *args, **kwargs):
        if "ma" not in request.GET:
            return super().serve(request, *args, **kwargs)
        from ..dossiers.lookup import lookup_response

        response = lookup_response(self, request)
        # Per code and rate-limited: never kept by a shared cache; the browser revalidates.
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response
