"""``/api/v2/van-ban/``: the site's legal documents, with the filters of /van-ban/ (R-LEGAL-1).

The query is read by ``legal.listing.parse_query`` and applied by ``filter_documents``, the
functions of the public listing: the same parameters (``loai``, ``linh_vuc``, ``co_quan``,
``nam``, ``tu_ngay``, ``den_ngay``, ``hieu_luc``, ``q`` folded, ``sap_xep``) give the same
documents in the same order (tests/legal/test_api.py compares them)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.api import (
    DATE,
    NULLABLE_STRING,
    STRING,
    TERM,
    TERMS,
    TITLE,
    ApiField,
    ApiFilter,
    PageEndpoint,
    enum,
    slugs,
    term,
)
from congthongtin.core.models import Agency, Field

from .listing import SORTS, filter_documents, parse_query
from .models import DocumentType, EffectStatus, LegalDocumentAttachment, LegalDocumentPage

ATTACHMENT = {
    "type": "object",
    "properties": {"title": STRING, "url": STRING, "extension": STRING},
    "required": ["title", "url", "extension"],
}


def _attachments(page, request) -> list[dict]:
    return [
        {
            "title": attachment.display_title,
            "url": request.build_absolute_uri(attachment.document.url),
            "extension": attachment.extension,
        }
        for attachment in page.attachments.all()
        if attachment.document_id
    ]


class LegalDocumentEndpoint(PageEndpoint):
    api_name = "van-ban"
    model = LegalDocumentPage
    summary = _("Legal documents")
    select_related = ("document_type", "issuing_body")
    fields = (
        TITLE,
        ApiField("number_symbol", STRING),
        ApiField("document_type", TERM, lambda page, request: term(page.document_type)),
        ApiField("issuing_body", TERM, lambda page, request: term(page.issuing_body)),
        ApiField("summary", STRING),
        ApiField("issue_date", DATE),
        ApiField("effective_date", DATE),
        ApiField("expiry_date", DATE),
        ApiField("effect_status", enum(EffectStatus.values)),
        ApiField("status_note", STRING),
        ApiField("fields", TERMS, lambda page, request: [term(f) for f in page.fields.all()]),
        ApiField("signer", STRING),
        ApiField("signer_position", STRING),
        ApiField("official_url", STRING),
        ApiField(
            "attachments", {"type": "array", "items": ATTACHMENT}, _attachments, detail_only=True
        ),
        ApiField(
            "full_text",
            {**NULLABLE_STRING, "description": "HTML"},
            lambda page, request: str(page.full_text_html) if page.full_text else None,
            detail_only=True,
        ),
    )
    filters = (
        ApiFilter("q", "Keywords or a number, without accents if you like (folded search)."),
        ApiFilter("loai", "Document type (slug).", choices=slugs(DocumentType)),
        ApiFilter("linh_vuc", "Field (slug).", choices=slugs(Field)),
        ApiFilter("co_quan", "Issuing body (slug).", choices=slugs(Agency)),
        ApiFilter("nam", "Year of issue.", {"type": "string", "maxLength": 8}),
        ApiFilter(
            "tu_ngay",
            "Issued on or after (dd/mm/yyyy or yyyy-mm-dd).",
            {"type": "string", "maxLength": 40},
        ),
        ApiFilter(
            "den_ngay",
            "Issued on or before (dd/mm/yyyy or yyyy-mm-dd).",
            {"type": "string", "maxLength": 40},
        ),
        ApiFilter("hieu_luc", "Effect status.", enum(EffectStatus.values)),
        ApiFilter("sap_xep", "Order.", enum(SORTS)),
    )

    def choices(self) -> dict:
        """What /van-ban/'s form offers, for this site (``LegalDocumentIndexPage.filter_choices``):
        unknown slugs are ignored the same way."""
        site = self.site()

        def build():
            documents = self.get_queryset().order_by()
            return {
                "types": list(DocumentType.objects.all()),
                "fields": list(Field.objects.all()),
                "agencies": list(
                    Agency.objects.filter(legal_documents__in=documents.values("pk"))
                    .distinct()
                    .order_by("name")
                ),
            }

        return sitecache.cached(sitecache.make_key("api-legal-choices", site and site.pk), build)

    def filter_items(self, request, queryset):
        query = parse_query(request.GET, **self.choices())
        queryset = filter_documents(queryset.defer("full_text", "search_key", "title_key"), query)
        return queryset, query.messages

    def prepare(self, items, *, detail):
        from django.db.models import prefetch_related_objects

        lookups = ["fields"]
        if detail:
            lookups.append(
                Prefetch(
                    "attachments",
                    queryset=LegalDocumentAttachment.objects.select_related("document"),
                )
            )
        prefetch_related_objects(items, *lookups)
        return items


def endpoints():
    return [LegalDocumentEndpoint]
