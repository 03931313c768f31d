"""The units that supply a body's portal with information, and their monthly quota
(R-QUOTA-1).

Each unit supplies at least 2 items a month (S0 Đ10.3, S4 Đ10.3); units named by the body
at least 3 (S1 Đ11.2). What a unit supplied is counted by ``congthongtin.editorial.quotas``
(the one definition of the rule) from the pages whose ``responsible_unit`` is the unit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: At most this many contact addresses per unit (a reminder is not a mailing list).
MAX_CONTACTS = 10


def split_emails(text: str) -> list[str]:
    """The addresses of a contacts field: one a line, or separated by commas or semicolons."""
    for separator in (",", ";"):
        text = text.replace(separator, "\n")
    return [part.strip() for part in text.splitlines() if part.strip()]


def _address_errors(addresses: list[str]) -> list:
    errors = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            errors.append(_("“%(address)s” is not a valid e-mail address.") % {"address": address})
    if len(addresses) > MAX_CONTACTS:
        errors.append(_("At most %(count)d addresses.") % {"count": MAX_CONTACTS})
    return errors


class SupplyingUnit(models.Model):
    """A unit (an agency) that supplies the body's portal with information and answers for
    it (R-ORG-1): the board tracks its monthly supply against a quota, urges it when it is
    behind (S0 Đ13.2đ, S1 Đ5e, Đ6.2) and counts its supply in the yearly emulation (S0 Đ21,
    S4 Đ21)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit as it is named in the “responsible unit” of the items it supplies."),
    )
    monthly_quota = models.PositiveSmallIntegerField(
        _("own monthly quota"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "Leave empty for the body's quota (2 by default, S0 Đ10.3, S4 Đ10.3); a unit "
            "named by the body supplies at least 3 (S1 Đ11.2)."
        ),
    )
    contact_emails = models.TextField(
        _("e-mails for reminders"),
        blank=True,
        help_text=_(
            "The unit's information officer or official mailbox, one address a line (at most "
            "10). Units below quota are reminded at these addresses before the month ends."
        ),
    )
    leader_emails = models.TextField(
        _("e-mails of the unit's leaders"),
        blank=True,
        help_text=_(
            "One address a line (at most 10). Every Monday they receive the use of the "
            "procedures the unit answers for in the week before: views, form downloads, "
            "click-throughs and satisfaction (R-PROC-4)."
        ),
    )
    active = models.BooleanField(
        _("tracked"),
        default=True,
        help_text=_("Untick when the unit no longer supplies (merged, dissolved)."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supplying unit")
        verbose_name_plural = _("supplying units")
        ordering = ["site_id", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "agency"], name="editorial_supplyingunit_unique_per_body"
            )
        ]

    def __str__(self):
        return str(self.agency) if self.agency_id else ""

    @property
    def contacts(self) -> list[str]:
        return split_emails(self.contact_emails or "")

    @property
    def leaders(self) -> list[str]:
        return split_emails(self.leader_emails or "")

    def clean(self):
        super().clean()
        errors = {}
        for name, addresses in (("contact_emails", self.contacts), ("leader_emails", self.leaders)):
            problems = _address_errors(addresses)
            if problems:
                errors[name] = problems
            else:
                setattr(self, name, "\n".join(addresses))
        if errors:
            raise ValidationError(errors)

    def own_quota_label(self) -> str:
        """For listings: the unit's own figure, or a dash when it follows the body's."""
        return "–" if self.monthly_quota is None else str(self.monthly_quota)

    own_quota_label.short_description = _("own monthly quota")

    def quota(self, default: int) -> int:
        """The unit's monthly quota: its own, else the body's ``default``."""
        return self.monthly_quota if self.monthly_quota is not None else default


class SupplyReminder(models.Model):
    """A reminder sent to a unit below quota: one per unit and month (the record is what
    keeps ``board_reminders``, run every few minutes, from sending it twice)."""

    unit = models.ForeignKey(
        SupplyingUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="reminders"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    supplied = models.PositiveSmallIntegerField(_("supplied when reminded"), default=0)
    quota = models.PositiveSmallIntegerField(_("quota"), default=0)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quota reminder")
        verbose_name_plural = _("quota reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month"], name="editorial_supplyreminder_once_a_month"
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.month:%m/%Y}"
