"""Trust anchors: the root certificates digital signatures (ký số) are checked against.

Install-wide, not per body, on purpose: the anchors are national. Public digital signature
certification providers are licensed under the national root CA (Trung tâm Chứng thực điện
tử quốc gia, NEAC), and state bodies sign with certificates of the Government's specialised
CA run by Ban Cơ yếu Chính phủ (Law on Electronic Transactions 20/2023/QH15 Điều 22-23;
Decree 130/2018/NĐ-CP). Every body of an install trusts the same roots, so one list kept
by the technical administrator serves them all; no body sees another's data through it
(it holds public certificates only).

Kept in core because any app's PDFs may be signed (``core.reading.signatures`` reads them);
the admin screen is ``core.trust_viewsets``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrustAnchorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def certificates(self) -> list[bytes]:
        """DER bytes of the active anchors, to hand to the signature reader."""
        return [bytes(der) for der in self.active().values_list("certificate", flat=True)]


class TrustAnchor(models.Model):
    """A root (or intermediate) CA certificate a signer's certificate must chain to for a
    signature to be shown as "checked against a trusted root certificate". Install-wide
    (see the module's docstring): the anchors are national, the same for every body."""

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("E.g. “Root CA of the Government (Ban Cơ yếu Chính phủ)”."),
    )
    #: DER bytes of the certificate, as validated when added (core.reading.signatures).
    certificate = models.BinaryField(_("certificate"), editable=False)
    subject = models.CharField(_("certificate subject"), max_length=500, editable=False)
    issuer = models.CharField(_("issuer"), max_length=500, editable=False)
    fingerprint = models.CharField(
        _("SHA-256 fingerprint"), max_length=100, unique=True, editable=False
    )
    serial = models.CharField(_("serial number"), max_length=130, editable=False)
    valid_from = models.DateTimeField(_("valid from"), editable=False)
    valid_to = models.DateTimeField(_("valid until"), editable=False)
    active = models.BooleanField(
        _("trusted"),
        default=True,
        help_text=_("Untick to stop trusting this certificate without deleting it."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Where the certificate came from."))
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = TrustAnchorQuerySet.as_manager()

    class Meta:
        verbose_name = _("trusted root certificate")
        verbose_name_plural = _("trusted root certificates")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_expired(self) -> bool:
        return self.valid_to < timezone.now()
