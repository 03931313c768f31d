"""“Was this page useful?” (R-FEED-1; S0 Đ13.2f, S4 Đ13.2f; Decree 224/2026 Điều 10.3b)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """One reader's rating of one page, with an optional comment.

    Decree 224/2026 Điều 10.3b asks that people can rate the information and that raters
    stay confidential: nothing about the reader is stored (no address, no account, no
    cookie), only the page, the answer, the comment and the time.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("page rating")
        verbose_name_plural = _("page ratings")
        indexes = [
            models.Index(fields=["page", "created_at"], name="consultation_fb_page_time"),
            models.Index(fields=["created_at"], name="consultation_fb_time"),
        ]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"


class SatisfactionLevel(models.IntegerChoices):
    """The five levels of satisfaction with a service (Decree 224/2026 Điều 10.3b)."""

    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


class ServiceRating(models.Model):
    """One visitor's satisfaction with a procedure or online service (``page.stats_service``),
    with an optional comment (issue 21; Decree 224/2026 Điều 10.3b).

    Like ``PageFeedback``, nothing about the visitor is stored. "One rating per visitor per
    item per day" is kept by a cache entry under a daily salted key (``core.visitors``)
    that expires at midnight and is never written to the database.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    level = models.PositiveSmallIntegerField(_("satisfaction"), choices=SatisfactionLevel.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        indexes = [
            models.Index(fields=["page", "created_at"], name="consultation_sat_page_time"),
            models.Index(fields=["created_at"], name="consultation_sat_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="consultation_sat_level"
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.level}"
