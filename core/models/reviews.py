"""The last "reviewed, still correct" mark of a page (R-SLA-2; S0 Đ10.2b, S2 Đ9.4).

Information that goes stale (organisation, directory, procedures, policy, projects) is
reviewed periodically; a review that finds nothing to change records who reviewed it and
when, without a new revision of the page. Shared by every app because every reviewable
page's public template shows the date (``ReviewableMixin.get_review_provenance``); the
rules (intervals, who may mark, reminders) are editorial's (``editorial/reviews.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PageReview(models.Model):
    """One page's review record: the last review and the page's own interval, if any."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interval_days = models.PositiveSmallIntegerField(
        _("review every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text=_("This page's own interval; empty: the body's interval for its kind."),
    )
    #: The due date of the last reminder sent (editorial.reviews): one reminder per due
    #: date. Written with ``update()``: bookkeeping, not in the audited history.
    reminded_for = models.DateField(_("reminded for the due date"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["reminded_for"])

    class Meta:
        verbose_name = _("page review")
        verbose_name_plural = _("page reviews")

    def __str__(self):
        return str(self.page)
