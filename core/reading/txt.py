"""Plain text in UTF-8 or a legacy 8-bit encoding (TCVN3, VNI)."""

from __future__ import annotations

from congthongtin.vietnam.text import detect_legacy, unicode_text

from .base import ReadError, ReadResult, text_to_html


def read_txt(data: bytes) -> ReadResult:
    notes = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # 8-bit legacy text: TCVN3 and VNI bytes read as Windows-1252 are what
        # vietnam.text recognises ("C¨n cø" → "Căn cứ").
        text = data.decode("cp1252", errors="replace")
        notes.append("Tệp không phải UTF-8: đã đọc theo bảng mã 8 bit cũ.")
        if not detect_legacy(text):
            raise ReadError(
                "Không đọc được tệp văn bản: tệp không ở dạng Unicode UTF-8 và không nhận ra "
                "bảng mã cũ (TCVN3, VNI). Hãy lưu lại tệp dưới dạng UTF-8."
            ) from None
    text, runs = unicode_text(text)
    return ReadResult("txt", text, text_to_html(text), notes, runs)
