"""Batch imports: a folder or a .zip of documents read file by file in the background
(issue 19). The state changes are the functions of ``legal.importer.batch``; these are
the rows they write.

A batch belongs to the body (Wagtail Site) of the library it imports into: its ``site``
is set from the library when it is created, and a body's staff see only their own
body's batches (``legal.batch_views``).
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congthongtin.core.private_media import private_storage
from congthongtin.vietnam.fold import slugify


def batch_upload_to(instance, filename):
    """A random folder per batch and an ASCII name: the archive is kept privately (it may
    hold unpublished drafts) and deleted when the batch ends."""
    stem, extension = os.path.splitext(filename)
    safe = slugify(stem, max_length=60) or "lo"
    return f"legal/nhap-lo/{secrets.token_hex(12)}/{safe}{extension.lower()[:6]}"


class ImportBatch(models.Model):
    """A batch of files imported into one library of one body."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Origin(models.TextChoices):
        ADMIN = "admin", _("Admin upload")
        COMMAND = "command", _("Command line")

    #: A batch in one of these states will not change any more.
    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="legal_import_batches",
        verbose_name=_("body"),
    )
    library = models.ForeignKey(
        "legal.LegalDocumentIndexPage",
        on_delete=models.CASCADE,
        related_name="import_batches",
        verbose_name=_("library"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    origin = models.CharField(
        pgettext_lazy("import batch", "origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.ADMIN,
    )
    name = models.CharField(_("name"), max_length=255)
    archive = models.FileField(
        _("archive"),
        storage=private_storage,
        upload_to=batch_upload_to,
        max_length=255,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total = models.PositiveIntegerField(_("files"), default=0)
    done = models.PositiveIntegerField(_("files read"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    review = models.PositiveIntegerField(_("to review"), default=0)
    duplicate = models.PositiveIntegerField(_("duplicates"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        indexes = [models.Index(fields=["site", "-created_at"], name="legal_batch_site_idx")]

    def __str__(self):
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.finished else 0)


class ImportBatchItem(models.Model):
    """One file of a batch and what became of it. ``reasons`` are the messages shown to the
    editor, in the portal's language (Vietnamese) as they were when the file was read."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        REVIEW = "review", _("Draft to review")
        DUPLICATE = "duplicate", _("Duplicate")
        REFUSED = "refused", _("Refused")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("file"), max_length=500)
    size = models.BigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    number_symbol = models.CharField(_("number and symbol"), max_length=255, blank=True)
    page = models.ForeignKey(
        "legal.LegalDocumentPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document page"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["batch", "order"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        constraints = [
            models.UniqueConstraint(fields=["batch", "order"], name="legal_batch_item_order")
        ]

    def __str__(self):
        return self.name
