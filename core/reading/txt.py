"""Plain text: UTF-8 (with or without its byte-order mark), UTF-16 with its byte-order
mark, or 8-bit legacy text (TCVN3, VNI: bytes read as Windows-1252, which is what
``vietnam.text`` recognises); VIQR (ASCII with ``a' a` a^`` marks) is converted from any
of them by ``unicode_text``. One line per line of the file."""

from __future__ import annotations

from congthongtin.vietnam.text import detect_legacy, unicode_text

from .base import ReadError, ReadResult, text_to_html

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_txt(data: bytes) -> ReadResult:
    notes = []
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(
                    f"Không đọc được tệp văn bản: tệp ghi dấu {encoding.upper()} nhưng nội dung "
                    "không đúng bảng mã đó (tệp hỏng)."
                ) from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # 8-bit legacy text: TCVN3 and VNI bytes read as Windows-1252 are what
            # vietnam.text recognises ("C¨n cø" → "Căn cứ").
            text = data.decode("cp1252", errors="replace")
            notes.append("Tệp không phải UTF-8: đã đọc theo bảng mã 8 bit cũ.")
            if not detect_legacy(text):
                raise ReadError(
                    "Không đọc được tệp văn bản: tệp không ở dạng Unicode UTF-8 và không nhận "
                    "ra bảng mã cũ (TCVN3, VNI). Hãy lưu lại tệp dưới dạng UTF-8."
                ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, runs = unicode_text(text)
    return ReadResult("txt", text, text_to_html(text), notes, runs)
