"""Builders for procedure pages in tests (StreamFields are easier to write as data)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from congthongtin.procedures.models import ProcedureForm, ProcedureIndexPage, ProcedurePage

_counter = {"n": 0}


def next_code() -> str:
    _counter["n"] += 1
    return f"9.{_counter['n']:06d}"


def make_index(parent: Page | None = None, slug: str = "thu-tuc-hanh-chinh", **fields):
    parent = parent or Page.objects.get(depth=2)
    index = ProcedureIndexPage(title=fields.pop("title", "Thủ tục hành chính"), slug=slug, **fields)
    parent.add_child(instance=index)
    return index


def make_document(title: str = "Tờ khai", name: str = "to-khai.docx", data: bytes = b"PK\x03\x04"):
    Document = get_document_model()
    document = Document(title=title)
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def make_procedure(index, *, forms=(), live=True, **fields) -> ProcedurePage:
    values = {
        "title": "Đăng ký khai sinh",
        "code": next_code(),
        "level": "xa",
        "processing_time_text": "Ngay trong ngày tiếp nhận hồ sơ",
        "live": live,
    }
    values.update(fields)
    page = ProcedurePage(**values)
    page.forms = [ProcedureForm(**form) for form in forms]
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def docx_bytes(text: str = "Tờ khai") -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
