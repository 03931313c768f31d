"""Batch import (issue 19): a folder or a .zip of documents, read one file at a time in the
background, with a per-file report; the command, the admin pages and their bounds."""

from __future__ import annotations

import io
import zipfile

import pytest
from wagtail.models import Page

from congthongtin.legal.importer import batch as batches
from congthongtin.legal.models import ImportBatch, ImportBatchItem, LegalDocumentPage
from tests.legal.factories import docx_bytes, make_library
from tests.legal.samples import DECISION, HEADER_ROWS

pytestmark = pytest.mark.django_db


def decision(number: int, signer: str = "Lê Văn Cường") -> bytes:
    header = [HEADER_ROWS[0], HEADER_ROWS[1], (f"Số: {number}/QĐ-UBND", HEADER_ROWS[2][1])]
    body = [line for line in DECISION if line != "Lê Văn Cường"] + ([signer] if signer else [])
    return docx_bytes(body, header)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_smoke(tmp_path):
    library = make_library()
    data = zip_bytes({"a/qd-15.docx": decision(15), "b.docx": decision(16), "c.docx": decision(15)})
    batch = batches.create_batch(library=library, name="lo.zip", origin="command")
    path = tmp_path / "lo.zip"
    path.write_bytes(data)
    batch = batches.run_batch(batch, batches.source_for(path))
    for item in batch.items.all():
        print(item.order, item.name, item.outcome, item.reasons, item.page_id)
    print(batch.status, batch.error, batch.done, batch.total)
    assert 0
