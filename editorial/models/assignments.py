"""Which sections a collaborator or unit officer may write in (R-SUB-2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SectionAssignment(models.Model):
    """A collaborator or unit information officer may create and edit pages under ``section``.

    Saved assignments are turned into Wagtail page permissions (a group per section, see
    ``congthongtin.editorial.sections``), so the explorer, the editor and every permission check of
    Wagtail enforce them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="section_assignments",
    )
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.CharField(_("field or area"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section assignment")
        verbose_name_plural = _("section assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "section"], name="editorial_unique_assignment")
        ]

    def __str__(self):
        return f"{self.user} – {self.section}"
