"""Visits, service use and the state of the access-log reader (issue 21; R-REP-1, R-PROC-4).

Only per-day (and, after two months, per-month) **aggregates** are stored: no address, no
user agent, no cookie, no visitor key. Every figure belongs to one body (its Wagtail Site).

Rows per site-year (docs/statistics.md): ``SiteDay`` 365; ``TrafficDay`` one per day and
(section, page type) actually visited, typically 10–30 a day; ``PageDay`` only for the last
``PAGE_DAYS_KEPT`` days, then folded into ``PageMonth`` (one row per page visited in a month).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

#: Page rows are kept per day this long, then folded into months (stats.aggregates).
PAGE_DAYS_KEPT = 62


class SiteDay(models.Model):
    """One body's public traffic on one day (local date, Asia/Ho_Chi_Minh)."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)
    #: A visit: a visitor's page views with no gap over 30 minutes, within the day.
    visits = models.PositiveBigIntegerField(_("visits"), default=0)
    #: Distinct visitors of the day (a daily salted key that is never stored).
    visitors = models.PositiveBigIntegerField(_("visitors"), default=0)

    class Meta:
        verbose_name = _("day of a portal")
        verbose_name_plural = _("days of a portal")
        ordering = ["site", "date"]
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="stats_siteday_unique"),
        ]

    def __str__(self):
        return f"{self.site_id} {self.date}: {self.page_views}"


class TrafficDay(models.Model):
    """Page views of one day by section (the site root's child the page is under; the home
    page itself for "/") and by page type."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    section = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("page type"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("traffic of a section")
        verbose_name_plural = _("traffic of sections")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "date", "section", "content_type"], name="stats_trafficday_unique"
            ),
        ]
        indexes = [models.Index(fields=["site", "date"], name="stats_traffic_site_date")]

    def __str__(self):
        return f"{self.section_id}/{self.content_type_id} {self.date}: {self.page_views}"


class PageCounts(models.Model):
    views = models.PositiveBigIntegerField(_("page views"), default=0)
    #: Downloads of the page's files (a procedure's forms: R-PROC-4).
    downloads = models.PositiveBigIntegerField(_("downloads"), default=0)
    #: Click-throughs to the public-service portal (the counted redirect).
    clicks = models.PositiveBigIntegerField(_("click-throughs"), default=0)

    class Meta:
        abstract = True


class PageDay(PageCounts):
    """One page's use on one day; kept ``PAGE_DAYS_KEPT`` days, then folded into a month."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("day of a page")
        verbose_name_plural = _("days of a page")
        constraints = [
            models.UniqueConstraint(fields=["site", "date", "page"], name="stats_pageday_unique"),
        ]
        indexes = [models.Index(fields=["site", "date"], name="stats_pageday_site_date")]

    def __str__(self):
        return f"{self.page_id} {self.date}: {self.views}"


class PageMonth(PageCounts):
    """One page's use in one month (``month`` is its first day)."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("month of a page")
        verbose_name_plural = _("months of a page")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "month", "page"], name="stats_pagemonth_unique"
            ),
        ]
        indexes = [models.Index(fields=["site", "month"], name="stats_pagemonth_site_month")]

    def __str__(self):
        return f"{self.page_id} {self.month:%Y-%m}: {self.views}"


class LogCursor(models.Model):
    """How far one access-log file has been read (``ingest_access_log``).

    A file is known by a fingerprint of its first line, not by its name, so a renamed
    (rotated) or compressed copy continues where the live file stopped, and a new file at
    the old name starts from its beginning. It belongs to the install (one log serves every
    body) and holds no figures and nothing about any visitor.
    """

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    path = models.CharField(_("last seen at"), max_length=500)
    offset = models.PositiveBigIntegerField(_("bytes read"), default=0)
    lines = models.PositiveBigIntegerField(_("lines read"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("access-log position")
        verbose_name_plural = _("access-log positions")

    def __str__(self):
        return f"{self.path} @ {self.offset}"


@register_setting(icon="view")
class StatsSettings(BaseSiteSetting):
    """One body's choices for its statistics, counter, reports and national monitoring."""

    show_counter = models.BooleanField(
        _("show the visit counter"),
        default=True,
        help_text=_("“Visits: today · this month · total” at the foot of every page."),
    )
    emc_site_id = models.CharField(
        _("EMC site id"),
        max_length=100,
        blank=True,
        help_text=_(
            "The id the national monitoring system (EMC) gave this portal. When set, its "
            "script is added to every public page and the security policy allows it."
        ),
    )
    committee_emails = models.TextField(
        _("People's Committee: report recipients"),
        blank=True,
        help_text=_(
            "E-mail addresses, one per line, that receive the monthly, quarterly and yearly "
            "report on the use of online services (R-PROC-4)."
        ),
    )
    report_place = models.CharField(
        _("place named in reports"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “Như Xuân”: the report is dated “Như Xuân, ngày … tháng … năm …”."),
    )
    report_recipients = models.TextField(
        _("report: recipients (Nơi nhận)"),
        blank=True,
        help_text=_("One per line, e.g. “UBND tỉnh (để báo cáo);”."),
    )
    report_signer_title = models.CharField(
        _("report: signer's title"), max_length=100, blank=True, default="TRƯỞNG BAN"
    )
    report_signer_name = models.CharField(_("report: signer's name"), max_length=100, blank=True)

    panels = [
        FieldPanel("show_counter"),
        FieldPanel("emc_site_id"),
        MultiFieldPanel(
            [
                FieldPanel("committee_emails"),
                FieldPanel("report_place"),
                FieldPanel("report_recipients"),
                FieldPanel("report_signer_title"),
                FieldPanel("report_signer_name"),
            ],
            heading=_("Reports"),
        ),
    ]

    class Meta:
        verbose_name = _("statistics and reports")


class ReportDispatch(models.Model):
    """A report e-mail sent (``send_stats_reports``): one per body, kind of report, period
    and recipient, so the command, run every hour, never sends the same report twice."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    #: "week" (a unit's services), "month", "quarter", "year" (the People's Committee).
    kind = models.CharField(_("kind"), max_length=10)
    period_start = models.DateField(_("start of the period"))
    #: Who it went to: "unit:<agency id>" or "committee".
    recipient_key = models.CharField(_("recipient"), max_length=50)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report sent")
        verbose_name_plural = _("reports sent")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "period_start", "recipient_key"],
                name="stats_reportdispatch_once",
            ),
        ]

    def __str__(self):
        return f"{self.site_id} {self.kind} {self.period_start} → {self.recipient_key}"
