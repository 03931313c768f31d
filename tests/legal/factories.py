"""Factories and helpers of the legal-document tests."""

from __future__ import annotations

import datetime
import io

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from congthongtin.core.models import Agency
from congthongtin.legal.models import DocumentType, LegalDocumentIndexPage, LegalDocumentPage


class LegalDocumentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Văn bản"
    slug = "van-ban"
    live = True

    class Meta:
        model = LegalDocumentIndexPage


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Quyết định về việc thử nghiệm số {n}")
    live = True
    number_symbol = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    issue_date = datetime.date(2024, 5, 2)
    summary = factory.Sequence(lambda n: f"Về việc thử nghiệm số {n}")

    class Meta:
        model = LegalDocumentPage


def doc_type(name: str) -> DocumentType:
    return DocumentType.objects.get(name=name)


def make_library(slug: str = "van-ban") -> LegalDocumentIndexPage:
    home = Page.objects.get(depth=2)
    library = LegalDocumentIndexPage(title="Văn bản", slug=slug)
    home.add_child(instance=library)
    return library


def add_document(library, **fields) -> LegalDocumentPage:
    """A live document under ``library``; ``fields`` override the defaults."""
    defaults = {
        "title": "Văn bản thử nghiệm",
        "number_symbol": "",
        "summary": "Về việc thử nghiệm",
    }
    defaults.update(fields)
    page = LegalDocumentPage(**defaults)
    library.add_child(instance=page)
    return page


def agency(name: str, **fields) -> Agency:
    return Agency.objects.get_or_create(name=name, defaults=fields)[0]


def make_document_file(data: bytes, name: str, title: str = "Tệp thử"):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(name, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def docx_bytes(paragraphs, header_rows=None) -> bytes:
    """A .docx written with python-docx: an optional two-column header table (as real
    documents have) and one paragraph per item."""
    import docx

    document = docx.Document()
    if header_rows:
        table = document.add_table(rows=len(header_rows), cols=2)
        for row, (left, right) in zip(table.rows, header_rows, strict=True):
            row.cells[0].text = left
            row.cells[1].text = right
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
