"""Content up to the parent portal (S0 Đ4.2d): a commune's or a unit's board proposes one
of its live items to the province's portal, whose board accepts it (a copy published there
with the source's name and link) or declines it with a reason.

An ``UpwardProposal`` lives on both sides:

- on the source's install: the proposal its board made (``source_site``, ``source_page``),
  to a parent on the same install (``target_site``) or on another install (``target_key``,
  the key id that install reads the signed feed with);
- on the parent's install: the proposal it received (``target_site``), with a
  ``Contribution`` of channel "upward" in its board's inbox; when it came through the
  signed feed, ``remote_key`` and ``remote_id`` name it on the source's install.

The state changes only through ``congthongtin.editorial.upward`` (one function per
transition).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UpwardState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class UpwardProposal(models.Model):
    # Where it comes from.
    source_site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("proposing portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("proposed page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_name = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source address"), max_length=500)
    #: The source page's live revision when proposed: the same version is proposed once.
    source_version = models.CharField(_("version"), max_length=64)
    source_email = models.EmailField(_("source board's e-mail"), blank=True)
    # Where it goes.
    target_site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("parent portal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="upward_proposals",
    )
    target_key = models.CharField(_("parent portal's key"), max_length=40, blank=True)
    # Received through the signed feed of another install.
    remote_key = models.CharField(_("received with the key"), max_length=40, blank=True)
    remote_id = models.CharField(_("id on the source's install"), max_length=64, blank=True)
    # What is proposed.
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body_html = models.TextField(_("content"), blank=True)
    author_name = models.CharField(_("author"), max_length=255, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_url = models.URLField(_("lead image address"), max_length=500, blank=True)
    # Who and when.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposer_name = models.CharField(_("proposed by"), max_length=255, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=UpwardState.choices,
        default=UpwardState.PROPOSED,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("published copy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contribution = models.OneToOneField(
        "editorial.Contribution",
        verbose_name=_("inbox item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upward",
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("upward proposal")
        verbose_name_plural = _("upward proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["remote_key", "remote_id", "source_version"],
                condition=~models.Q(remote_key=""),
                name="editorial_upward_remote_once",
            )
        ]

    def __str__(self):
        return f"{self.source_name}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state == UpwardState.PROPOSED


class UpwardFeedReceipt(models.Model):
    """A signed feed read once: the same signature is refused a second time (a replay)."""

    key_id = models.CharField(_("key"), max_length=40)
    signature = models.CharField(_("signature"), max_length=64, unique=True)
    signed_at = models.DateTimeField(_("signed at"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    imported = models.PositiveIntegerField(_("proposals imported"), default=0)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("upward feed receipt")
        verbose_name_plural = _("upward feed receipts")

    def __str__(self):
        return f"{self.key_id} {self.signed_at:%Y-%m-%d %H:%M}"
