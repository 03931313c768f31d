"""PDF with a text layer (pypdf)."""

from __future__ import annotations

import io

from congthongtin.vietnam.text import unicode_text

from .base import ReadError, ReadResult, text_to_html


def read_pdf(data: bytes) -> ReadResult:
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
        pages = [page.extract_text() or "" for page in reader.pages]
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
    text, runs = unicode_text("\n".join(pages))
    if not text.strip():
        raise ReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét ảnh): hãy gửi kèm bản Word hoặc "
            "PDF có chữ."
        )
    return ReadResult("pdf", text, text_to_html(text), legacy_runs=runs)
