"""Digital signatures (ký số) found in the files of legal documents, as last checked
(legal.signatures fills them; core.reading.signatures reads them).

Which body: a check belongs to the Wagtail document it was made on, and so to the body
whose collection holds that document and whose document pages attach it; it is derived
data of a public file (who signed it, whether it is intact), shown on the public page of
the document beside the file. Nothing in it is private.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrustStatus(models.TextChoices):
    TRUSTED = "trusted", _("Checked against a trusted root certificate")
    UNTRUSTED = "untrusted", _("Not issued under a trusted root certificate")
    NOT_CHECKED = "not_checked", _("Not checked (no trusted root certificate configured)")


class Modification(models.TextChoices):
    """What the file had added after the signature (pyHanko's modification level)."""

    NONE = "none", _("Nothing")
    LTA = "lta", _("Validation data or document timestamps only")
    FORM_FILLING = "form_filling", _("Further signatures or form fields only")
    ANNOTATIONS = "annotations", _("Annotations")
    OTHER = "other", _("Changes to the content")


#: Additions after signing that leave what was signed unchanged (PAdES; ISO 32000-2).
HARMLESS = (Modification.NONE, Modification.LTA, Modification.FORM_FILLING)


class SignatureCheck(models.Model):
    """The last check of one document file: when, against how many trust anchors, the
    file's hash at the time (a replaced file is checked again), and why the whole file
    could not be checked, if so. Its signatures are ``DocumentSignature`` rows."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="signature_check",
    )
    file_hash = models.CharField(max_length=40, blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    anchors = models.PositiveSmallIntegerField(_("trusted root certificates used"), default=0)
    refused = models.TextField(_("why the file could not be checked"), blank=True)

    class Meta:
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")

    def __str__(self):
        return f"{self.document_id} @ {self.checked_at:%Y-%m-%d %H:%M}"


class DocumentSignature(models.Model):
    """One signature of a document file, in signing order (``index`` from 1)."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    index = models.PositiveSmallIntegerField(_("order of signing"))
    field_name = models.CharField(_("signature field"), max_length=255, blank=True)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=600, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    #: "timestamp" (a timestamp authority's token), "signer" (the signer's own clock).
    time_source = models.CharField(max_length=20, blank=True)
    issuer = models.CharField(_("certificate issued by"), max_length=255, blank=True)
    serial = models.CharField(_("certificate serial number"), max_length=130, blank=True)
    valid_from = models.DateTimeField(_("certificate valid from"), null=True, blank=True)
    valid_to = models.DateTimeField(_("certificate valid until"), null=True, blank=True)
    intact = models.BooleanField(
        _("signed data intact"),
        default=False,
        help_text=_("The digest of the signed bytes matches the signature."),
    )
    valid = models.BooleanField(_("signature valid"), default=False)
    coverage = models.CharField(_("coverage"), max_length=20, blank=True)
    modification = models.CharField(
        _("changed after signing"), max_length=20, choices=Modification.choices, blank=True
    )
    trust = models.CharField(
        _("trust"), max_length=20, choices=TrustStatus.choices, default=TrustStatus.NOT_CHECKED
    )
    trusted_at_signing = models.BooleanField(
        _("trusted at signing time only"),
        default=False,
        help_text=_("The certificate was valid when the document was signed, expired since."),
    )
    #: Why the signature cannot be relied on (Vietnamese, from the reader), or empty.
    problem = models.TextField(_("problem"), blank=True)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("digital signature")
        verbose_name_plural = _("digital signatures")
        ordering = ["document_id", "index"]
        constraints = [
            models.UniqueConstraint(fields=["document", "index"], name="legal_signature_order")
        ]

    def __str__(self):
        return f"{self.signer or '?'} ({self.index})"

    @property
    def modified_after(self) -> bool:
        """The file was changed after this signature beyond more signatures or validation
        data: what is shown is not what was signed."""
        return self.modification not in HARMLESS

    @property
    def added_after(self) -> bool:
        """Only further signatures, timestamps or validation data were added after it."""
        return self.modification in (Modification.LTA, Modification.FORM_FILLING)

    @property
    def annotated(self) -> bool:
        """Only annotations (notes, highlights) were added after signing: the pages'
        content is as signed, but a note may cover part of it."""
        return self.intact and self.valid and self.modification == Modification.ANNOTATIONS

    @property
    def altered(self) -> bool:
        """The signed bytes no longer match the signature, or the content was changed
        after signing (a signature that cannot be read at all is invalid, not altered)."""
        if not self.valid:
            return False
        return not self.intact or self.modification == Modification.OTHER

    @property
    def is_sound(self) -> bool:
        """Intact, cryptographically valid, not changed after signing, no problem."""
        return self.intact and self.valid and not self.modified_after and not self.problem

    @property
    def certificate_expired(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.now()

    @property
    def signer_label(self) -> str:
        """ "Nguyễn Văn An (UBND xã Như Xuân / Văn phòng)"."""
        if self.signer and self.organisation:
            return f"{self.signer} ({self.organisation})"
        return self.signer or self.organisation
