"""Notices (R-ANN-1): auctions, recruitment, enrolment, meetings, others, with a validity
period; the weekly schedules live beside them (``schedules.py``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from congthongtin.core import sitecache
from congthongtin.core.blocks import BodyBlock
from congthongtin.core.models import BasePage, SectionIndexPage
from congthongtin.core.query_params import choice, truthy


class NoticeKind(models.TextChoices):
    """Kinds of notice named by R-ANN-1; values are the ``?loai=`` slugs."""

    AUCTION = "dau-gia", _("Auction")
    RECRUITMENT = "tuyen-dung", _("Recruitment")
    ENROLMENT = "tuyen-sinh", _("Enrolment")
    MEETING = "hop", _("Meeting")
    OTHER = "khac", _("Other notice")


ARCHIVE_PARAMETER = "luu-tru"


class NoticeIndexPage(SectionIndexPage):
    """``/thong-bao/``: current notices by default, the archive with ``?luu-tru=1``, by kind
    with ``?loai=``; links to the weekly schedules kept below it."""

    subpage_types = ["news.NoticePage", "news.WeeklySchedulePage"]

    class Meta:
        verbose_name = _("notice index")

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        kind = choice(request.GET.get("loai"), NoticeKind.values)
        if kind:
            queryset = queryset.filter(kind=kind)
        archive = truthy(request.GET.get(ARCHIVE_PARAMETER))
        today = timezone.localdate()
        if archive:
            queryset = queryset.filter(valid_until__lt=today).order_by("-valid_until", "-pk")
        else:
            queryset = queryset.filter(
                Q(valid_until__isnull=True) | Q(valid_until__gte=today)
            ).order_by("-valid_from", "-first_published_at", "-pk")
        filters.update({"loai": kind or "", "archive": archive})
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        from .schedules import WeeklySchedulePage

        context = super().get_context(request, *args, **kwargs)
        context["is_filtered"] = bool(context["filters"]["q"] or context["filters"]["loai"])
        context["kinds"] = NoticeKind.choices
        context["schedules"] = (
            sitecache.public(WeeklySchedulePage.objects.live().child_of(self))
        ).only("id", "title", "url_path", "path", "depth", "kind")
        return context


class NoticePage(BasePage):
    """A notice (R-ANN-1; S0 Đ8.9, S3 Đ5.4, S4 Đ8.8): auction, recruitment, enrolment,
    meeting or other, valid from one date until another. After ``valid_until`` it leaves
    the current list and stays in the archive: notices are never silently removed."""

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("After this date the notice moves to the archive. Empty: no end."),
    )
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_(
            "Urgent notices are published at once: the board's limit counts from the moment "
            "the notice is submitted (R-SLA-1, S2 Đ9)."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("urgent"),
            ],
            heading=_("Validity"),
        ),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=thong-bao (the search protocol of core.BasePage)
    search_category = "thong-bao"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("valid_until"),
    ]
    parent_page_types = ["news.NoticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def timeliness_clock(self):
        """An urgent notice: from its submission to the board's workflow (R-SLA-1)."""
        if not self.urgent:
            return None
        state = self.current_workflow_state
        return ("urgent", state.created_at if state else timezone.now())

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The end of validity cannot be before its start.")}
            )

    #: Metadata (core.metadata): a notice is shared as an article.
    og_type = "article"

    def get_search_key_parts(self) -> list[str]:
        return [*super().get_search_key_parts(), self.summary or ""]

    @property
    def is_current(self) -> bool:
        return self.valid_until is None or self.valid_until >= timezone.localdate()


NoticeIndexPage.item_model = NoticePage
