"""Articles and studies by officials and experts (R-NEWS-2)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from congthongtin.core.blocks import BodyBlock
from congthongtin.core.listing import keyword_filter
from congthongtin.core.models import BasePage, ContentOrigin, Field, SectionIndexPage
from congthongtin.core.query_params import (
    choice,
    clean_text,
    local_midnight,
    parse_date,
    parse_year,
    year_range,
)
from congthongtin.vietnam.fold import fold

from ..forms import PublishingRulesPageForm

AUTHOR_REQUIRED = _("An article names its author, with position and unit (R-NEWS-2).")
REFERENCE_REQUIRED = _("A translation gives the full reference of the original (R-NEWS-2).")


class ArticleIndexPage(SectionIndexPage):
    """``/bai-viet/``: searchable by keyword (``?q=``), field (``?linh_vuc=``), period
    (``?tu_ngay=&den_ngay=`` dd/mm/yyyy, or ``?nam=``) and author (``?tac_gia=``)."""

    item_select_related = ("field",)
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("article index")

    def get_items(self):
        return super().get_items().order_by("-first_published_at", "-pk")

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        fields = list(Field.objects.all())
        field = choice(request.GET.get("linh_vuc"), {f.slug for f in fields})
        if field:
            queryset = queryset.filter(field__slug=field)
        date_from = parse_date(request.GET.get("tu_ngay"))
        date_to = parse_date(request.GET.get("den_ngay"))
        if date_from:
            queryset = queryset.filter(first_published_at__gte=local_midnight(date_from))
        if date_to:
            end = local_midnight(date_to + dt.timedelta(days=1))
            queryset = queryset.filter(first_published_at__lt=end)
        year = parse_year(request.GET.get("nam"))
        if year:
            start, end = year_range(year)
            queryset = queryset.filter(first_published_at__gte=start, first_published_at__lt=end)
        author = clean_text(request.GET.get("tac_gia"), 100)
        if author:
            queryset = keyword_filter(queryset, author, field="author_key")
        filters.update(
            {
                "linh_vuc": field or "",
                "tu_ngay": date_from.strftime("%d/%m/%Y") if date_from else "",
                "den_ngay": date_to.strftime("%d/%m/%Y") if date_to else "",
                "nam": str(year) if year else "",
                "tac_gia": author,
            }
        )
        self._fields = fields
        return queryset, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fields"] = self._fields
        context["bad_dates"] = [
            key
            for key in ("tu_ngay", "den_ngay")
            if request.GET.get(key) and not parse_date(request.GET.get(key))
        ]
        return context


class ArticlePage(BasePage):
    """An article or study (R-NEWS-2; S0 Đ8.10, S4 Đ8.10): the author is named with position
    and unit; a translation carries the full reference of the original; the author bears
    copyright. Searchable by keyword, field, time and author."""

    author_position = models.CharField(_("author's position"), max_length=255, blank=True)
    author_unit = models.CharField(_("author's unit"), max_length=255, blank=True)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    original_title = models.CharField(_("original title"), max_length=500, blank=True)
    original_author = models.CharField(_("original author"), max_length=255, blank=True)
    original_publisher = models.CharField(
        _("original publisher"),
        max_length=255,
        blank=True,
        help_text=_("Publisher, journal or website of the original."),
    )
    original_year = models.PositiveSmallIntegerField(
        _("year of the original"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2200)],
    )
    original_url = models.URLField(
        _("address of the original"),
        blank=True,
        help_text=_("Where the original can be read, if it is online."),
    )
    original_language = models.CharField(_("language of the original"), max_length=100, blank=True)
    copyright_notice = models.TextField(
        _("copyright statement"),
        blank=True,
        help_text=_("Empty: “The author holds the copyright of this article.” (R-NEWS-2)"),
    )
    #: Folded author name for the ``?tac_gia=`` filter (the search key holds much more).
    author_key = models.CharField(max_length=255, editable=False, blank=True, default="")

    base_form_class = PublishingRulesPageForm
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("author_name"),
                FieldRowPanel([FieldPanel("author_position"), FieldPanel("author_unit")]),
            ],
            heading=_("Author (required before publishing)"),
        ),
        FieldPanel("field"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("original_title"),
                FieldRowPanel([FieldPanel("original_author"), FieldPanel("original_publisher")]),
                FieldRowPanel([FieldPanel("original_year"), FieldPanel("original_language")]),
                FieldPanel("original_url"),
            ],
            heading=_("Original of a translation (origin: translated)"),
        ),
        FieldPanel("copyright_notice"),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=bai-viet (the search protocol of core.BasePage)
    search_category = "bai-viet"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author_unit"),
        index.FilterField("field"),
    ]
    parent_page_types = ["news.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def is_translation(self) -> bool:
        return self.origin == ContentOrigin.TRANSLATED

    @property
    def original_reference(self) -> str:
        """Author, “title”, publisher, year, address: the citation shown under a translation."""
        parts = [
            self.original_author,
            f"“{self.original_title}”" if self.original_title else "",
            self.original_publisher,
            str(self.original_year) if self.original_year else "",
            self.original_url,
        ]
        return ", ".join(part for part in parts if part)

    def clean(self):
        errors = {}
        if self.is_translation and not (self.source or "").strip() and self.original_title:
            # The reference is the source: the editor need not type it twice.
            self.source = self.original_reference[:500]
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if self.live:
            for name in ("author_name", "author_position", "author_unit"):
                if not (getattr(self, name) or "").strip():
                    errors.setdefault(name, []).append(AUTHOR_REQUIRED)
            if self.is_translation:
                for name in ("original_title", "original_author", "original_publisher"):
                    if not (getattr(self, name) or "").strip():
                        errors.setdefault(name, []).append(REFERENCE_REQUIRED)
                if not self.original_year:
                    errors.setdefault("original_year", []).append(REFERENCE_REQUIRED)
        if errors:
            raise ValidationError(errors)

    def update_search_key(self) -> None:
        super().update_search_key()
        self.author_key = fold(self.author_name or "")[:255]

    # Metadata (core.metadata) -------------------------------------------------------
    og_type = "article"

    def dc_creator(self) -> str:
        return self.author_name

    def json_ld(self, request) -> dict:
        from ..metadata import news_article

        return news_article(self, request)

    def get_search_key_parts(self) -> list[str]:
        return [
            *super().get_search_key_parts(),
            self.author_position or "",
            self.author_unit or "",
            self.summary or "",
            self.original_title or "",
            self.original_author or "",
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "author_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "author_key"}
        return super().save(*args, **kwargs)


ArticleIndexPage.item_model = ArticlePage
