"""The legal-document page, its typed relations, attachments and tags (R-LEGAL-1)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from congthongtin.core.blocks import RICH_TEXT_FEATURES
from congthongtin.core.models import BasePage
from congthongtin.core.richtext import clean_html
from congthongtin.vietnam.documents import parse_number
from congthongtin.vietnam.fold import fold

from ..anchors import add_article_anchors, article_sections
from ..forms import LegalDocumentPageForm
from ..panels import OcrWarningPanel
from .taxonomy import ENDING_RELATIONS, INVERSE_LABELS, EffectStatus, RelationType

#: Files an attachment may be (R-LEGAL-1 "read and download"; R-SUB-1 Word/ODT).
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt")
#: Formats a browser shows by itself: these get a "view" link beside "download".
VIEWABLE_EXTENSIONS = ("pdf",)
#: search_key carries the full text too; a cap keeps one huge code from bloating the row.
FULL_TEXT_SEARCH_LIMIT = 200_000


def canonical_number(value: str) -> tuple[str, str]:
    """(canonical number/symbol, folded key) of what an editor typed; ("", "") if empty.

    Raises ValueError when ``value`` is not a number and symbol.
    """
    value = (value or "").strip()
    if not value:
        return "", ""
    parsed = parse_number(value)
    if parsed is None:
        raise ValueError(value)
    return parsed.canonical, parsed.search_key


class LegalDocumentTag(TaggedItemBase):
    content_object = ParentalKey(
        "legal.LegalDocumentPage", related_name="tagged_items", on_delete=models.CASCADE
    )


@dataclass
class RelationGroup:
    """Documents linked to a page under one label ("Căn cứ", "Bị thay thế bởi"…)."""

    relation_type: str
    label: str
    inverse: bool
    #: LegalDocumentRelation rows; ``row.other`` is the document at the other end.
    items: list = field(default_factory=list)


class LegalDocumentPage(BasePage):
    """A legal or administrative document of central, provincial or local level (R-LEGAL-1).

    Decree 43/2011/NĐ-CP Điều 10e (and Decree 42/2022 Điều 4 after it) asks for the type,
    issuing authority, number and symbol, issue and effective dates, the abstract (trích
    yếu) and a downloadable file, with a search tool; vbpl.vn adds signer, position,
    expiry date, effect status, fields and typed relations. The regulations ask for
    classification by field, issue date and issuer, links between related documents and
    search by keyword, field, time and issuer (S0 Đ8.3, S2 Đ7.2, S3 Đ5.3, S4 Đ8.2).
    """

    number_symbol = models.CharField(
        _("number and symbol"),
        max_length=100,
        blank=True,
        help_text=_(
            "As printed, e.g. 541/QĐ-UBND or 42/2022/NĐ-CP; stored in canonical form "
            "(Decree 30/2020/NĐ-CP). Required before publishing."
        ),
    )
    #: Folded canonical number ("42/2022/nd-cp"): exact look-ups by number, on any database.
    number_key = models.CharField(max_length=100, editable=False, blank=True, db_index=True)
    document_type = models.ForeignKey(
        "legal.DocumentType",
        verbose_name=_("document type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuing_body = models.ForeignKey(
        "core.Agency",
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_documents",
    )
    own_document = models.BooleanField(
        _("issued by this body"),
        default=False,
        help_text=_(
            "The body's own documents are published within 2 working days of signing "
            "(R-SLA-1, S1 Đ11.1); documents of other bodies have no such limit."
        ),
    )
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    signer_position = models.CharField(
        _("signer's position"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Chủ tịch, KT. Chủ tịch – Phó Chủ tịch, Bộ trưởng."),
    )
    place_of_issue = models.CharField(_("place of issue"), max_length=255, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, db_index=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    effect_status = models.CharField(
        _("effect status"),
        max_length=30,
        choices=EffectStatus.choices,
        default=EffectStatus.IN_FORCE,
        db_index=True,
        help_text=_(
            "Changed automatically when a newer document that replaces or repeals this one "
            "takes effect."
        ),
    )
    status_note = models.CharField(
        _("reason for the effect status"),
        max_length=500,
        blank=True,
        help_text=_("E.g. which document replaced it, or which articles are no longer in force."),
    )
    fields = ParentalManyToManyField(
        "core.Field", verbose_name=_("fields"), blank=True, related_name="legal_documents"
    )
    summary = models.TextField(
        _("summary (trích yếu)"),
        blank=True,
        help_text=_("The abstract printed under the type name. Required before publishing."),
    )
    full_text = RichTextField(
        _("full text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Start each article's paragraph with “Điều N.” so that citations can link to it "
            "(#dieu-N)."
        ),
    )
    text_from_ocr = models.BooleanField(
        _("text recognised from a scan (OCR)"),
        default=False,
        help_text=_(
            "Set by the importer when the full text was recognised from a scanned PDF: "
            "untick it once the text has been proofread against the original file."
        ),
    )
    official_url = models.URLField(
        _("address in the national legal database"),
        blank=True,
        help_text=_("The document on vbpl.vn or the national law portal, if any."),
    )
    tags = ClusterTaggableManager(through=LegalDocumentTag, blank=True, verbose_name=_("tags"))
    #: Folded title, summary and number: the "title matches" of relevance ordering.
    title_key = models.TextField(editable=False, blank=True, default="")

    base_form_class = LegalDocumentPageForm
    parent_page_types = ["legal.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number_symbol"), FieldPanel("document_type")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("own_document")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_position")]),
                FieldPanel("summary"),
            ],
            heading=_("Identification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("place_of_issue"), FieldPanel("issue_date")]),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                FieldPanel("effect_status"),
                FieldPanel("status_note"),
            ],
            heading=_("Dates and effect"),
        ),
        MultiFieldPanel(
            [FieldPanel("fields"), FieldPanel("tags"), FieldPanel("official_url")],
            heading=_("Classification"),
        ),
        InlinePanel("attachments", label=_("files to download")),
        InlinePanel("relations", label=_("related documents")),
        OcrWarningPanel(heading=capfirst(_("text recognised from a scan (OCR)"))),
        FieldPanel("text_from_ocr"),
        FieldPanel("full_text"),
        *BasePage.provenance_panels,
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("number_symbol", boost=5),
        index.SearchField("summary", boost=2),
        index.SearchField("full_text"),
        index.SearchField("signer"),
        index.FilterField("effect_status"),
        index.FilterField("issue_date"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.FilterField("number_key"),
    ]

    #: Shown on the page: fetched with it when routed (core.routing).
    route_select_related = ("document_type", "issuing_body", "responsible_unit")

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def __str__(self):
        return self.title

    def timeliness_clock(self):
        """The body's own documents only, from signing (R-SLA-1, S1 Đ11.1). The portal
        cannot tell them by the issuer (an ``Agency`` has no link to a body): the editor
        ticks ``own_document``."""
        if not (self.own_document and self.issue_date):
            return None
        return ("document", self.issue_date)

    # Metadata (core.metadata) ---------------------------------------------------------
    def dc_creator(self) -> str:
        return self.issuing_body.name if self.issuing_body_id else ""

    def meta_date(self):
        return self.issue_date or super().meta_date()

    def meta_extra_tags(self) -> list[tuple[str, str]]:
        """Dublin Core of a document beyond the shared tags (TT 24/2011/TT-BTTTT): its
        number, its document type and its abstract."""
        tags = []
        if self.number_symbol:
            tags.append(("DC.identifier", self.number_symbol))
        if self.document_type_id:
            tags.append(("DC.type", self.document_type.name))
        if self.summary:
            tags.append(("DC.description", self.summary))
        return tags

    def json_ld(self, request) -> dict:
        from ..metadata import legislation

        return legislation(self, request)

    # Number, search keys ---------------------------------------------------------------
    @property
    def display_name(self) -> str:
        """ "Nghị định 42/2022/NĐ-CP": how relations and banners name the document."""
        kind = self.document_type.name if self.document_type_id else ""
        return " ".join(part for part in (kind, self.number_symbol) if part) or self.title

    def _sync_number(self) -> None:
        try:
            self.number_symbol, self.number_key = canonical_number(self.number_symbol)
        except ValueError:
            # Left as typed; clean() reports it. The key still allows an exact look-up.
            self.number_key = fold(self.number_symbol)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        try:
            canonical_number(self.number_symbol)
        except ValueError:
            errors.setdefault("number_symbol", []).append(
                _(
                    "“%(value)s” is not a document number and symbol "
                    "(e.g. 541/QĐ-UBND, 42/2022/NĐ-CP)."
                )
                % {"value": self.number_symbol}
            )
        self._sync_number()
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors.setdefault("effective_date", []).append(
                _("The effective date cannot be before the issue date.")
            )
        if self.expiry_date and self.effective_date and self.expiry_date < self.effective_date:
            errors.setdefault("expiry_date", []).append(
                _("The expiry date cannot be before the effective date.")
            )
        if errors:
            raise ValidationError(errors)

    def get_search_key_parts(self) -> list[str]:
        parts = super().get_search_key_parts()
        self._sync_number()
        if self.number_symbol:
            # The canonical form and its folded key: "42/2022/NĐ-CP" and "42/2022/nd-cp".
            parts += [self.number_symbol, self.number_key]
        if self.document_type_id:
            parts.append(self.document_type.name)
        if self.issuing_body_id:
            parts += [self.issuing_body.name, self.issuing_body.short_name]
        parts += [self.signer, self.summary, self.place_of_issue]
        parts += [item.name for item in self.fields.all()]
        parts += [tag.name for tag in self.tags.all()]
        if self.full_text:
            parts.append(strip_tags(self.full_text)[:FULL_TEXT_SEARCH_LIMIT])
        return [part for part in parts if part]

    def update_title_key(self) -> None:
        self.title_key = fold(
            " ".join(p for p in (self.number_symbol, self.title, self.summary) if p)
        )

    def save(self, *args, **kwargs):
        self._sync_number()
        self.update_title_key()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "number_symbol", "summary"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "number_key", "title_key", "search_key"}
        return super().save(*args, **kwargs)

    # Protocol of the search app (core.models.pages.BasePage) ---------------------------
    search_category = "van-ban"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers

    def get_search_facets(self) -> dict:
        facets = super().get_search_facets()
        facets["fields"] = [item.slug for item in self.fields.all()]
        if self.issuing_body_id:
            facets["agency"] = self.issuing_body.slug
        if self.issue_date:
            facets["date"] = self.issue_date
        return facets

    def get_search_numbers(self) -> list[str]:
        return [self.number_symbol] if self.number_symbol else []

    def get_search_sections(self) -> list[tuple[str, str, str]]:
        """Each article (Điều) of the full text, so search can link to ``#dieu-5``."""
        return article_sections(expand_db_html(self.full_text or ""))

    def get_search_summary(self) -> str:
        return self.summary or super().get_search_summary()

    # Status ----------------------------------------------------------------------------
    @property
    def is_in_force(self) -> bool:
        return self.effect_status in (EffectStatus.IN_FORCE, EffectStatus.PARTLY_EXPIRED)

    # Relations (one query per direction) ---------------------------------------------
    def outgoing_relations(self) -> list[LegalDocumentRelation]:
        """Relations this document states, to live documents; one query (none in preview)."""
        rows = self.relations.all()
        if isinstance(rows, QuerySet):
            return list(
                rows.filter(target__live=True).select_related(
                    "target__document_type", "target__issuing_body"
                )
            )
        return [row for row in rows if row.target_id and row.target.live]

    def incoming_relations(self) -> list[LegalDocumentRelation]:
        """Relations other live documents state about this one; one query."""
        if not self.pk:
            return []
        return list(
            LegalDocumentRelation.objects.filter(target=self, page__live=True)
            .select_related("page__document_type", "page__issuing_body")
            .order_by("page__issue_date", "page__pk")
        )

    def get_dependent_pages(self):
        """The live documents on either end of this one's relations — as published now and
        as they were in the version published before (a relation just removed still shows
        on its target until that page is purged): their relation boxes and "replaced
        by"/"repealed by" banners name this document (front-cache purge)."""
        if not self.pk:
            return []
        ids = set(
            LegalDocumentRelation.objects.filter(page=self).values_list("target_id", flat=True)
        )
        ids |= set(
            LegalDocumentRelation.objects.filter(target=self).values_list("page_id", flat=True)
        )
        ids |= self.previously_published_targets()
        ids.discard(self.pk)
        return list(LegalDocumentPage.objects.live().filter(pk__in=ids))

    def previously_published_targets(self) -> set[int]:
        """Targets of the relations of the version published before the live one."""
        from wagtail.models import PageLogEntry

        entry = (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish")
            .exclude(revision=None)
            .exclude(revision_id=self.live_revision_id)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
            .first()
        )
        if entry is None:
            return set()
        previous = entry.revision.as_object()
        return {row.target_id for row in previous.relations.all() if row.target_id}

    @cached_property
    def relation_groups(self) -> list[RelationGroup]:
        """Both directions, each group under its own wording, in RelationType order."""
        groups: dict[tuple[str, bool], RelationGroup] = {}
        for row in self.outgoing_relations():
            row.other = row.target
            key = (row.relation_type, False)
            if key not in groups:
                groups[key] = RelationGroup(
                    row.relation_type, RelationType(row.relation_type).label, False
                )
            groups[key].items.append(row)
        for row in self.incoming_relations():
            row.other = row.page
            kind = RelationType(row.relation_type)
            # "Related" reads the same both ways: one group.
            key = (row.relation_type, kind != RelationType.RELATED)
            if key not in groups:
                groups[key] = RelationGroup(row.relation_type, INVERSE_LABELS[kind], key[1])
            groups[key].items.append(row)
        order = {value: n for n, value in enumerate(RelationType.values)}
        return sorted(groups.values(), key=lambda g: (g.inverse, order[g.relation_type]))

    @cached_property
    def superseding_relations(self) -> list[LegalDocumentRelation]:
        """Incoming "replaces"/"repeals" relations: the banner's newer documents."""
        rows = []
        for group in self.relation_groups:
            if group.inverse and group.relation_type in ENDING_RELATIONS:
                rows.extend(group.items)
        return rows

    def status_banners(self, today: datetime.date | None = None) -> list[dict]:
        """What the page announces above the document: replaced, repealed, not yet in force."""
        today = today or timezone.localdate()
        banners = []
        for row in self.superseding_relations:
            newer = row.page
            date = newer.effective_date
            banners.append(
                {
                    "relation": row,
                    "newer": newer,
                    "date": date,
                    "future": bool(date and date > today),
                    "partial": row.partial,
                    "replaced": row.relation_type == RelationType.REPLACES,
                }
            )
        return banners

    # Full text with anchors ------------------------------------------------------------
    @cached_property
    def _full_text_rendered(self):
        # Sanitised on every render, not only on import: text stored before the importer
        # cleaned it, or written by other means than the editor, may hold a javascript:
        # link or a script (issue 16). The anchors are added after, from the text alone.
        html, anchors = add_article_anchors(clean_html(expand_db_html(self.full_text or "")))
        return mark_safe(html), anchors  # clean_html above

    @property
    def full_text_html(self) -> SafeString:
        return self._full_text_rendered[0]

    @property
    def full_text_anchors(self):
        return self._full_text_rendered[1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        context["banners"] = self.status_banners()
        # A preview of a page not yet in the tree has no parent to ask.
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        context["index_url"] = parent.url if parent is not None else ""
        return context

    def subscription_topics(self) -> list[tuple[str, str, str]]:
        """core.BasePage's protocol (issue 23 §5): the section, every field, the issuing
        body and the document type."""
        topics = super().subscription_topics()
        topics += [("field", str(field.pk), field.name) for field in self.fields.all()]
        if self.issuing_body_id:
            topics.append(("agency", str(self.issuing_body_id), self.issuing_body.name))
        if self.document_type_id:
            topics.append(("document_type", str(self.document_type_id), self.document_type.name))
        return topics


class LegalDocumentRelation(Orderable):
    """A typed link from this document to another: it is based on, guides, amends,
    replaces, repeals, corrects or relates to the target (R-LEGAL-1 "links between related
    documents"). The target's page shows the inverse ("Bị thay thế bởi …")."""

    page = ParentalKey(LegalDocumentPage, related_name="relations", on_delete=models.CASCADE)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="incoming_relations_set",
    )
    relation_type = models.CharField(
        _("relation"), max_length=20, choices=RelationType.choices, default=RelationType.BASED_ON
    )
    partial = models.BooleanField(
        _("in part only"),
        default=False,
        help_text=_(
            "Only some articles are replaced or repealed: the target becomes “partly no longer "
            "in force”."
        ),
    )
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_("E.g. “Điều 5, khoản 2”.")
    )

    panels = [
        FieldPanel("relation_type"),
        FieldPanel("target"),
        FieldPanel("partial"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")

    def __str__(self):
        return f"{self.get_relation_type_display()}: {self.target_id}"

    def clean(self):
        super().clean()
        if self.page_id and self.target_id and self.page_id == self.target_id:
            raise ValidationError({"target": _("A document cannot be related to itself.")})


def validate_attachment_document(document) -> None:
    extension = (document.file_extension or "").lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "document": _("Attach a PDF, DOC, DOCX or ODT file (this one is “%(ext)s”).")
                % {"ext": extension or "?"}
            }
        )


class LegalDocumentAttachment(Orderable):
    """A file of the document to read and download: the signed PDF, the Word original."""

    page = ParentalKey(LegalDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Empty: the file's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("file to download")
        verbose_name_plural = _("files to download")

    def clean(self):
        super().clean()
        if self.document_id:
            validate_attachment_document(self.document)

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    @property
    def extension(self) -> str:
        return (self.document.file_extension or "").lower()

    @property
    def is_viewable(self) -> bool:
        return self.extension in VIEWABLE_EXTENSIONS
