"""The body's library of legal documents as open data (Decree 47/2020/NĐ-CP): the live,
public documents of a site, as the library lists them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congthongtin.core import sitecache
from congthongtin.core.opendata import Column, Dataset, full_urls


def document_rows(site):
    from .models import LegalDocumentPage

    pages = (
        sitecache.public(LegalDocumentPage.objects.live().in_site(site))
        .select_related("document_type", "issuing_body")
        .prefetch_related("fields")
        .defer_streamfields()
        .order_by("-issue_date", "number_symbol", "pk")
    )
    url_of = full_urls()
    for doc in pages:
        yield {
            "number_symbol": doc.number_symbol,
            "document_type": doc.document_type.name if doc.document_type_id else "",
            "issuing_body": doc.issuing_body.name if doc.issuing_body_id else "",
            "title": doc.title,
            "signer": doc.signer,
            "issue_date": doc.issue_date,
            "effective_date": doc.effective_date,
            "expiry_date": doc.expiry_date,
            "effect_status": doc.effect_status,
            "summary": doc.summary,
            "fields": "; ".join(f.name for f in doc.fields.all()),
            "url": url_of(doc),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="van-ban",
            title=_("Legal documents"),
            description=_(
                "Legal and administrative documents published on the portal: number and "
                "symbol, type, issuing body, dates, effect status and summary."
            ),
            columns=(
                Column("number_symbol", _("Number and symbol")),
                Column("document_type", _("Document type")),
                Column("issuing_body", _("Issuing body")),
                Column("title", _("Title")),
                Column("signer", _("Signer")),
                Column("issue_date", _("Issue date"), "date"),
                Column("effective_date", _("Effective date"), "date"),
                Column("expiry_date", _("Expiry date"), "date"),
                Column("effect_status", _("Effect status")),
                Column("summary", pgettext_lazy("legal document", "Summary")),
                Column("fields", pgettext_lazy("taxonomy", "Fields")),
                Column("url", _("Address"), "url"),
            ),
            rows=document_rows,
            stale_on=("legal.LegalDocumentPage",),
        )
    ]
