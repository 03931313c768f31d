"""The contributions inbox of the board's standing office (S0 Đ5.4, S1 Đ14; R-SUB-1).

Units, outside bodies, businesses and people send the board items to publish — a news
item, an article, photos, an announcement, a document — as text and files, through the
public form of their body's portal (``ContributionPage``) or, for a unit's officer with an
account, the back office's form. The standing office accepts one into a draft page of the
right type, hands it to a board member, or returns it with a reason the sender sees.
The transitions are the functions of ``congthongtin.editorial.inbox``.
"""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from congthongtin.core.models import ContentOrigin
from congthongtin.core.private_media import private_storage
from congthongtin.vietnam.fold import slugify

#: Letters of a receipt code: no 0/O, 1/I/L, so that it is read out on the phone safely.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: 12 letters of 31: about 59 bits, not guessable in any number of look-ups the rate
#: limit lets through.
CODE_LENGTH = 12


def new_receipt_code() -> str:
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(letters[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(value: str) -> str:
    """What a sender types ("abcd efgh-jkmn") as the stored form "ABCD-EFGH-JKMN"."""
    letters = "".join(ch for ch in (value or "").upper() if ch.isalnum())[:CODE_LENGTH]
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


class ContributionKind(models.TextChoices):
    NEWS = "news", _("News item")
    ARTICLE = "article", _("Article")
    PHOTO = "photo", _("Photos")
    ANNOUNCEMENT = "announcement", _("Announcement")
    DOCUMENT = "document", pgettext_lazy("contribution kind", "Document")
    OTHER = "other", _("Other")


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Being handled")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class ContributionChannel(models.TextChoices):
    PUBLIC = "public", _("Public form")
    ACCOUNT = "account", _("Officer's account")
    #: Proposed by the board of a unit's or commune's portal (S0 Đ4.2d; editorial.upward).
    UPWARD = "upward", _("Proposed by a lower portal")


class ContributionPage(RoutablePageMixin, Page):
    """ "Gửi tin, bài": the public form of a body's portal where anyone sends the board an
    item (S1 Đ14), with the receipt and the status look-up. One per body, under its home
    page."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Shown above the form: what the board publishes, how it chooses, what to attach."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contributions page")
        verbose_name_plural = _("contributions pages")

    @classmethod
    def can_create_at(cls, parent):
        # Only under a body's home page (a Site's root): the form sends to that body.
        return super().can_create_at(parent) and Site.objects.filter(root_page=parent).exists()

    @path("")
    def form_route(self, request):
        from ..views.inbox_public import contribution_form

        return contribution_form(request, self)

    @path("da-gui/", name="receipt")
    def receipt_route(self, request):
        from ..views.inbox_public import contribution_receipt

        return contribution_receipt(request, self)

    @path("tra-cuu/", name="lookup")
    def lookup_route(self, request):
        from ..views.inbox_public import contribution_lookup

        return contribution_lookup(request, self)


class ContributionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[ContributionStatus.RECEIVED, ContributionStatus.ASSIGNED])


class Contribution(models.Model):
    """An item sent to the board (S0 Đ5.4, S1 Đ14).

    - R-SUB-1: it carries the author's name and address; a collected item carries its
      source and who collected it. Files are Word or ODT text and JPG, GIF, BMP or PNG
      images, checked by content.
    - The sender's personal data (name, address, e-mail, phone) is read by the body's
      board and auditors only, never by another body.
    - The receipt code is random and unguessable: with the e-mail or phone it opens the
      status look-up.
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("portal"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    code = models.CharField(_("receipt code"), max_length=20, unique=True, editable=False)
    channel = models.CharField(
        _("sent through"),
        max_length=10,
        choices=ContributionChannel.choices,
        default=ContributionChannel.PUBLIC,
    )
    kind = models.CharField(
        _("kind of item"),
        max_length=20,
        choices=ContributionKind.choices,
        default=ContributionKind.NEWS,
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)

    # The sender (R-SUB-1: the author's name and address).
    sender_name = models.CharField(_("sender's full name"), max_length=150)
    sender_organisation = models.CharField(_("organisation or unit"), max_length=255, blank=True)
    sender_address = models.CharField(_("address"), max_length=255)
    sender_email = models.EmailField(_("e-mail"), blank=True)
    sender_phone = models.CharField(_("phone"), max_length=30, blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit that supplies the item, when it is one of the agencies listed."),
    )

    # Collected items (R-SUB-1).
    origin = models.CharField(
        _("origin"), max_length=20, choices=ContentOrigin.choices, default=ContentOrigin.ORIGINAL
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    collector = models.CharField(_("collected by"), max_length=255, blank=True)

    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.RECEIVED,
        db_index=True,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignment_note = models.TextField(_("note to the assignee"), blank=True)
    reason = models.TextField(
        _("reason for returning"),
        blank=True,
        help_text=_("Shown to the sender in the status look-up and sent by e-mail."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("draft page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["site", "status"], name="editorial_contrib_site_status")]

    def __str__(self):
        # Log entries and history show this: the code and title, never the sender.
        return f"{self.code} – {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        if not self.code:
            code = new_receipt_code()
            while type(self).objects.filter(code=code).exists():
                code = new_receipt_code()
            self.code = code
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in (ContributionStatus.RECEIVED, ContributionStatus.ASSIGNED)

    # What a draft page takes from it (R-SUB-1), for the page types' builders --------------
    def provenance(self) -> dict:
        """``core.BasePage``'s provenance fields of the draft made of this item."""
        address = ", ".join(
            part for part in (self.sender_organisation, self.sender_address) if part
        )
        parts = [self.source]
        if self.origin != ContentOrigin.ORIGINAL and self.collector:
            parts.append(gettext("collected by %(name)s") % {"name": self.collector})
        source = "; ".join(part for part in parts if part)
        return {
            "author_name": self.sender_name[:255],
            "author_address": address[:255],
            "origin": self.origin,
            "source": source[:500],
            "responsible_unit_id": self.agency_id,
        }

    def word_file(self):
        """The first Word or ODT attachment, or None."""
        return next((f for f in self.files.all() if f.kind in TEXT_KINDS), None)

    def image_files(self) -> list:
        return [f for f in self.files.all() if f.kind in IMAGE_KINDS]


#: Kinds of file R-SUB-1 lists, by their content: Word and ODT text, images.
TEXT_KINDS = ("docx", "doc", "odt")
IMAGE_KINDS = ("jpg", "png", "gif", "bmp")


def contribution_upload_to(instance, filename):
    """A random folder per file and an ASCII name: nobody guesses another's file, no name
    leaves the folder."""
    stem, extension = os.path.splitext(os.path.basename(filename or ""))
    safe = slugify(stem, max_length=60) or "tep"
    extension = "".join(ch for ch in extension.lower()[:6] if ch.isalnum() or ch == ".")
    return f"editorial/hop-thu/{secrets.token_hex(12)}/{safe}{extension}"


class ContributionFile(models.Model):
    """A file sent with a contribution, kept in the private storage
    (``core.private_media``): only the body's board and auditors download it."""

    contribution = models.ForeignKey(
        Contribution, verbose_name=_("contribution"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=contribution_upload_to, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(pgettext_lazy("file", "type"), max_length=10)
    size = models.PositiveIntegerField(_("size"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contribution file")
        verbose_name_plural = _("contribution files")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in IMAGE_KINDS
