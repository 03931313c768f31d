"""PDF (pypdf for the text layer; pages without one are recognised by OCR, ``.ocr``)."""

from __future__ import annotations

import io

from congthongtin.vietnam.text import unicode_text

from .base import ReadError, ReadResult, text_to_html
from .ocr import NOTE as OCR_NOTE
from .ocr import OcrLimits, check_page_count, needs_ocr, recognise_pages


def read_pdf(data: bytes, ocr: OcrLimits | None = None) -> ReadResult:
    """The text layer of every page; pages without one (a scan) are recognised by OCR
    within ``ocr`` (``OcrLimits()`` by default), the others keep their text layer."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner password only restricts printing; the text opens with "".
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise ReadError(
                    "Tệp PDF được mã hóa bằng mật khẩu: không đọc được nội dung. Hãy gửi bản "
                    "PDF không đặt mật khẩu."
                )
        pages, scanned = [], []
        limits = ocr or OcrLimits()
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if needs_ocr(pages[-1]):  # no text layer: a scanned page, for OCR below
                scanned.append(len(pages) - 1)
                # Counted as the pages are read: 10,000 scanned pages stop here at once.
                check_page_count(len(scanned), limits, total=len(reader.pages))
    except (ReadError, MemoryError):
        raise
    except LimitReachedError as error:
        # pypdf's own bounds (a stream inflating past ZLIB_MAX_OUTPUT_LENGTH, too many
        # tokens in a content stream…): a hostile or abnormal file, refused as such.
        raise ReadError(
            "Tệp PDF có luồng dữ liệu vượt giới hạn cho phép khi giải nén (có thể là tệp "
            "độc hại): không đọc tệp này."
        ) from error
    except Exception as error:  # pypdf raises many kinds on broken files
        raise ReadError(f"Không đọc được tệp PDF: tệp hỏng ({str(error)[:200]}).") from error
    # Pages without a text layer (a scan, or the scanned annexes of a typed file): OCR.
    recognised = recognise_pages(data, scanned, limits) if scanned else {}
    for index, page_text in recognised.items():
        pages[index] = page_text
    text, runs = unicode_text("\n".join(pages))
    if not text.strip():
        raise ReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét ảnh) và nhận dạng chữ (OCR) không "
            "đọc được chữ nào trên ảnh trang: hãy gửi kèm bản Word hoặc PDF có chữ."
        )
    used = any(page_text.strip() for page_text in recognised.values())
    return ReadResult(
        "pdf",
        text,
        text_to_html(text),
        notes=[OCR_NOTE] if used else [],
        legacy_runs=runs,
        ocr=used,
    )
