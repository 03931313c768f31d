"""Read the text (and, where the format has it, the structure) of an uploaded document: the
shared machinery of every app that imports files (legal documents, news, procedures).
One module per format (``txt``, ``docx``, ``odt``, ``pdf``, ``doc``); this one decides the
format and runs the reader within bounds.

The kind of a file is decided by its content, not its name: a PDF starts with
``%PDF-``, a .docx or .odt is a ZIP holding ``word/document.xml`` or an OpenDocument
``mimetype``, a .doc an OLE2 compound file whose directory holds ``WordDocument`` (an
.xls or .ppt is refused by name); plain text is UTF-8, UTF-16 with its byte-order mark,
or 8-bit legacy text, without NUL bytes. A name whose extension disagrees with the
content is refused. Legacy 8-bit text (TCVN3, VNI) is decoded and converted to
Unicode (R-SITE-2). Every failure is a ``ReadError`` with a Vietnamese message; so is
every error a parser raises on a hostile or broken file (pypdf's ``LimitReachedError``
included): a refusal of that file, never a crash of the import. The body HTML keeps only
what the rich-text editor allows (``core.richtext``): a Word file's ``javascript:`` link
is not stored.

``read_document`` parses in the calling process and needs no Django; the importer calls
``read_document_bounded``, which measures a ZIP package first and parses in a worker
process with a time and memory limit (``congthongtin.core.limits``; issue 16: a 17 KB .docx took
40-70 s and 400 MB to parse, a 180 KB one over 3 GB). A .doc is first converted to .docx
by LibreOffice outside that worker (``doc.convert``: its own sandbox and limits), and the
.docx it makes is measured and parsed like an uploaded one.

Every reader's ``text`` follows one line contract (``docx``'s docstring): one line per
paragraph, a table cell's paragraphs as lines of their own in reading order.
"""

from __future__ import annotations

import dataclasses
import io
import time
import zipfile
from pathlib import PurePath

from congthongtin.core.extras import missing_modules
from congthongtin.core.richtext import clean_html

from .base import MAX_BYTES, ReadError, ReadResult
from .doc import CONVERTED_NOTE, OLE_NAMES, ole_kind, read_doc
from .docx import read_docx
from .ocr import OcrLimits
from .odt import read_odt
from .pdf import read_pdf
from .txt import read_txt

__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "READERS",
    "ReadError",
    "ReadResult",
    "read_document",
    "read_document_bounded",
    "sniff",
]

#: Extensions accepted, and the kind of content each must have.
EXTENSIONS = {"docx": "docx", "odt": "odt", "pdf": "pdf", "txt": "txt", "doc": "doc"}
#: The accepted extensions, as refusals list them.
_ACCEPTED = ".docx, .doc, .odt, .pdf, .txt"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt (Office 97–2003)
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> str | None:
    """The kind of ``data`` from its first bytes and, for ZIPs, its members."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_OLE2):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names:
                    # At most the length of the ODT type: the member could be a bomb.
                    with archive.open("mimetype") as member:
                        if member.read(len(_ODT_MIME) + 2).strip() == _ODT_MIME:
                            return "odt"
        except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError, RuntimeError):
            return "zip"
        return "zip"
    if data.startswith((b"{\\rtf",)):
        return "rtf"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 with its byte-order mark
    sample = data[:4096]
    if b"\x00" in sample:
        return None
    return "txt"


READERS = {
    "txt": read_txt,
    "docx": read_docx,
    "odt": read_odt,
    "pdf": read_pdf,
    "doc": read_doc,
}
#: Libraries of the "importers" extra each reader imports (core.extras); without them the
#: server refuses such files, saying why, instead of failing on an ImportError.
READER_MODULES = {"docx": ("mammoth",), "doc": ("mammoth",), "pdf": ("pypdf",)}


def kind_of(data: bytes, filename: str) -> str:
    """The kind of ``data`` named ``filename``, after every check that needs no parser:
    size, extension accepted and matching the content, an OLE2 file being a Word
    document, the reader's libraries installed. Raises ReadError."""
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    if not data:
        raise ReadError("Tệp rỗng.")
    kind = sniff(data)
    if extension not in EXTENSIONS:
        raise ReadError(f"Loại tệp “.{extension or '?'}” không được hỗ trợ: chỉ nhận {_ACCEPTED}.")
    if kind == "zip" and extension in ("docx", "odt"):
        raise ReadError(
            f"Không đọc được tệp “.{extension}”: tệp hỏng hoặc không phải tài liệu văn bản."
        )
    if kind == "doc":
        office = ole_kind(data)
        if office in OLE_NAMES:
            raise ReadError(
                f"Tệp “.{extension}” là {OLE_NAMES[office]}, không phải văn bản Word: hãy gửi "
                "tệp .docx, .doc, .odt, .pdf hoặc .txt."
            )
        if office != "doc" and extension == "doc":
            raise ReadError(
                "Không đọc được tệp Word 97–2003 (.doc): tệp hỏng hoặc không phải văn bản Word."
            )
    if kind != EXTENSIONS[extension]:
        shown = {"doc": "Word 97–2003", "zip": "ZIP", "rtf": "RTF", None: "nhị phân"}.get(
            kind, kind
        )
        raise ReadError(
            f"Nội dung tệp không khớp phần mở rộng “.{extension}” (nội dung là {shown})."
        )
    missing = missing_modules(*READER_MODULES.get(kind, ()))
    if missing:
        raise ReadError(
            f"Máy chủ chưa cài thư viện đọc tệp “.{extension}” ({', '.join(missing)}, gói bổ "
            "sung “importers”): hãy báo quản trị kỹ thuật, hoặc gửi tệp .odt hoặc .txt."
        )
    return kind


def read_document(data: bytes, filename: str, *, ocr: OcrLimits | None = None) -> ReadResult:
    """Text and HTML of ``data``; raises ReadError with a Vietnamese message. A .doc is
    converted here too, within ``doc.SECONDS``. ``ocr`` bounds the recognition of a
    scanned PDF's pages (``OcrLimits()`` by default)."""
    kind = kind_of(data, filename)
    return _finished(read_pdf(data, ocr) if kind == "pdf" else READERS[kind](data))


def _finished(result: ReadResult) -> ReadResult:
    if not result.text.strip():
        raise ReadError("Tệp không có nội dung chữ.")
    result.html = clean_html(result.html)
    return result


def read_in_worker(data: bytes, filename: str, ocr: str = "") -> dict:
    """Entry point of the worker process (``congthongtin.core.limits.run_bounded``): the result as
    data, a refusal as ``{"refused": reason}``. ``ocr``: ``OcrLimits.as_arg()``."""
    try:
        return dataclasses.asdict(read_document(data, filename, ocr=OcrLimits.from_arg(ocr)))
    except ReadError as error:
        return {"refused": str(error)}


def read_document_bounded(
    data: bytes, filename: str, *, zip_limits=None, parse_limits=None, convert_seconds=None
):
    """``read_document`` within bounds: a ZIP package (.docx, .odt) is measured before any
    parser opens it (members, inflated sizes, compression ratio), then the file is parsed
    in a worker process limited in time and memory. Every bound reached is a ``ReadError``
    saying which. Needs Django settings (the limits and the messages' language).

    A .doc is converted first, in this process's thread but in LibreOffice's own sandbox
    (``doc.convert``), within ``convert_seconds`` (default IMPORT_CONVERT_SECONDS); when
    the caller gives ``parse_limits`` (the admin's remaining budget, the command's
    --time-limit), conversion and parse together stay within its seconds."""
    from dataclasses import replace

    from congthongtin.core.conf import app_settings
    from congthongtin.core.limits import (
        LimitExceeded,
        ParseLimits,
        ZipLimits,
        check_zip,
        run_bounded,
    )

    from . import doc

    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    limits = parse_limits or ParseLimits.from_settings()
    notes = []
    kind = sniff(data)
    if kind == "doc":
        kind = kind_of(data, filename)  # refusals before LibreOffice starts
        seconds = convert_seconds
        if seconds is None:
            seconds = app_settings.IMPORT_CONVERT_SECONDS
        if parse_limits is not None:
            seconds = min(seconds, parse_limits.seconds)
        started = time.monotonic()
        data = doc.convert(data, seconds=seconds)
        if parse_limits is not None:
            left = parse_limits.seconds - (time.monotonic() - started)
            limits = replace(limits, seconds=max(left, 1.0))
        filename = str(PurePath(filename or "van-ban").with_suffix(".docx"))
        notes.append(CONVERTED_NOTE)
    ocr = OcrLimits(
        max_pages=limits.ocr_pages,
        page_seconds=limits.ocr_page_seconds,
        install_max_pages=max(app_settings.IMPORT_OCR_MAX_PAGES, limits.ocr_pages),
        # The worker is stopped at ``limits.seconds``; OCR stops a second before, saying so.
        deadline=time.time() + limits.seconds - 1,
    )
    try:
        if data.startswith(b"PK\x03\x04"):
            check_zip(data, zip_limits or ZipLimits.from_settings())
        result = run_bounded(
            "congthongtin.core.reading.read_in_worker",
            data,
            filename or "",
            ocr.as_arg(),
            limits=limits,
        )
    except LimitExceeded as error:
        if error.code == "broken":
            suffix = PurePath(filename or "").suffix.lower() or "?"
            raise ReadError(
                f"Không đọc được tệp “{suffix}”: tệp hỏng hoặc không phải tài liệu văn bản."
            ) from error
        raise ReadError(error.message()) from error
    if "refused" in result:
        raise ReadError(result["refused"])
    read = ReadResult(**result)
    if notes:
        read.kind = "doc"
        read.notes += notes
    return read
