"""File readers (core.reading): kind by content, every failure a clear message."""

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from congthongtin.core.reading import ReadError, read_document, sniff
from congthongtin.legal.pdf import text_pdf
from congthongtin.vietnam.text import encode_tcvn3
from tests.legal.factories import docx_bytes
from tests.legal.samples import DECISION, DECISION_TEXT, HEADER_ROWS


def encrypted_pdf(data: bytes, password: str = "mat-khau") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # RC4-128 needs no extra crypto library, unlike AES.
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_docx__header_table_and_body_read():
    result = read_document(docx_bytes(DECISION, HEADER_ROWS), "quyet-dinh.docx")
    assert result.kind == "docx"
    assert "Số: 15/QĐ-UBND" in result.text  # the header table is part of the text
    assert "<p>Điều 1. Kiện toàn Ban biên tập" in result.html


@pytest.mark.parametrize("embed_font", [True, False])
def test_pdf__text_layer_read(embed_font):
    data = text_pdf(DECISION_TEXT.splitlines(), embed_font=embed_font)
    result = read_document(data, "quyet-dinh.pdf")
    assert result.kind == "pdf"
    assert "Căn cứ Nghị định số 42/2022/NĐ-CP" in result.text
    assert "<p>QUYẾT ĐỊNH</p>" in result.html


def test_pdf__encrypted__refused():
    data = encrypted_pdf(text_pdf(["QUYẾT ĐỊNH"], embed_font=False))
    with pytest.raises(ReadError, match="mã hóa"):
        read_document(data, "mat.pdf")


def test_pdf__owner_password_only__read():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["QUYẾT ĐỊNH"], embed_font=False))))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "QUYẾT ĐỊNH" in read_document(out.getvalue(), "in.pdf").text


def test_pdf__no_text_layer__refused():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ReadError, match="không có lớp chữ"):
        read_document(out.getvalue(), "scan.pdf")


def test_pdf__broken__refused():
    with pytest.raises(ReadError, match="Không đọc được tệp PDF"):
        read_document(b"%PDF-1.7\n garbage without objects", "hong.pdf")


def test_docx__broken_zip__refused():
    with pytest.raises(ReadError):
        read_document(b"PK\x03\x04" + b"\x00" * 100, "hong.docx")


def test_txt__utf8_with_legacy_line_converted():
    text = DECISION_TEXT.replace(
        "Căn cứ Quyết định số 541", encode_tcvn3("Căn cứ Quyết định số") + " 541"
    )
    result = read_document(text.encode("utf-8"), "van-ban.txt")
    assert "Căn cứ Quyết định số 541/QĐ-UBND" in result.text


def test_txt__legacy_8bit_file_converted():
    data = encode_tcvn3("Căn cứ công văn số 5724/UBND-CNTT ngày 29/8/2011").encode("cp1252")
    result = read_document(data, "cu.txt")
    assert result.text == "Căn cứ công văn số 5724/UBND-CNTT ngày 29/8/2011"
    assert result.notes


def test_txt__undecodable__refused():
    with pytest.raises(ReadError, match="UTF-8"):
        read_document("Thử nghiệm".encode("utf-16-le").replace(b"\x00", b"\x01"), "x.txt")


def test_odt__paragraphs_read():
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>QUYẾT ĐỊNH</text:p><text:p>Về việc thử <text:span>nghiệm</text:span></text:p>"
        "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    result = read_document(buffer.getvalue(), "van-ban.odt")
    assert result.text == "QUYẾT ĐỊNH\nVề việc thử nghiệm"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "rong.docx", "Tệp rỗng"),
        (b"   \n\n  ", "trang.txt", "không có nội dung"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "anh.png", "không được hỗ trợ"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "cu.doc", ".doc"),
        (b"%PDF-1.4 ...", "gia.docx", "không khớp"),
        (b"QUYET DINH", "gia.pdf", "không khớp"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "anh.txt", "không khớp"),
        (b"QUYET DINH", "khong-duoi", "không được hỗ trợ"),
    ],
)
def test_refused_files(data, name, message):
    with pytest.raises(ReadError, match=message):
        read_document(data, name)


def test_too_large__refused(monkeypatch):
    monkeypatch.setattr("congthongtin.core.reading.MAX_BYTES", 10)
    with pytest.raises(ReadError, match="20 MB"):
        read_document(b"QUYET DINH 12345", "lon.txt")


def test_sniff():
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(docx_bytes(["x"])) == "docx"
    assert sniff(b"plain text") == "txt"
    assert sniff(b"\x00\x01binary") is None
