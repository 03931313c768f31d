"""CSV export of a filtered document list: UTF-8 with a BOM so Excel reads Vietnamese,
and cells that a spreadsheet would run as a formula made inert."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

#: A spreadsheet runs a cell starting with these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_EXPORT_ROWS = 5000


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def documents_csv(documents, request, filename: str = "van-ban.csv") -> HttpResponse:
    """``documents``: a queryset with document_type, issuing_body selected and fields
    prefetched (three queries in all, whatever the number of rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Number and symbol"),
            _("Document type"),
            _("Issuing body"),
            _("Signer"),
            _("Issue date"),
            _("Effective date"),
            _("Expiry date"),
            _("Effect status"),
            _("Title"),
            pgettext("legal document", "Summary"),
            pgettext("taxonomy", "Fields"),
            _("Address"),
        ]
    )
    for doc in documents[:MAX_EXPORT_ROWS]:
        writer.writerow(
            safe_cell(value)
            for value in (
                doc.number_symbol,
                doc.document_type.name if doc.document_type else "",
                doc.issuing_body.name if doc.issuing_body else "",
                doc.signer,
                _date(doc.issue_date),
                _date(doc.effective_date),
                _date(doc.expiry_date),
                doc.get_effect_status_display(),
                doc.title,
                doc.summary,
                "; ".join(f.name for f in doc.fields.all()),
                doc.get_full_url(request),
            )
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
