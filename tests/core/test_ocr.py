"""Scanned PDFs (core.reading.ocr): pages without a text layer recognised by Tesseract within
bounds — a page cap counted before any rendering, a pixel cap per page, a time limit per
page that kills the process — and every failure a Vietnamese refusal."""

import io
import os
import shutil
import time

import pytest
from pypdf import PdfReader, PdfWriter

from congthongtin.core.limits import ParseLimits
from congthongtin.core.reading import ReadError, ocr, read_document, read_document_bounded
from congthongtin.core.reading.ocr import OcrLimits
from congthongtin.legal.pdf import text_pdf
from tests.core.scans import DECISION_PAGES, image_pdf, render_page, scanned_decision

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract (tesseract-ocr-vie) is not installed"
)


@pytest.fixture(scope="module")
def scan():
    """The two-page decision scanned at 300 dpi with a red stamp, and its text."""
    return scanned_decision(pages=2, dpi=300, stamp=True)


@pytest.fixture
def count_runs(monkeypatch):
    """The pages handed to tesseract (1-based numbers)."""
    seen: list[int] = []
    original = ocr.run_tesseract

    def counting(path, folder, limits, *, page, **kwargs):
        seen.append(page)
        return original(path, folder, limits, page=page, **kwargs)

    monkeypatch.setattr(ocr, "run_tesseract", counting)
    return seen


@pytest.fixture
def no_rendering(monkeypatch):
    """Fail the test if any page is rendered or recognised."""

    def refuse(*args, **kwargs):
        raise AssertionError("a page was rendered")

    monkeypatch.setattr(ocr, "_recognise", refuse)
    monkeypatch.setattr(ocr, "run_tesseract", refuse)


def blank_pages_pdf(count: int, width: float = 595, height: float = 842) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=width, height=height)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def merge(*pdfs: bytes) -> bytes:
    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@needs_tesseract
def test_scan__recognised_with_its_diacritics_and_flagged(scan, count_runs):
    data, _reference = scan
    result = read_document(data, "quyet-dinh-27.pdf")
    assert result.kind == "pdf"
    assert result.ocr is True
    assert count_runs == [1, 2]
    assert any("nhận dạng từ bản quét (OCR)" in note for note in result.notes)
    for expected in (
        "Số: 27/QĐ-UBND",
        "Như Xuân, ngày 14 tháng 4 năm 2026",
        "Nghị định số 30/2020/NĐ-CP",
        "Điều 3.",
        "Lê Văn Cường",
    ):
        assert expected in result.text
    assert "<p>QUYẾT ĐỊNH</p>" in result.html


@needs_tesseract
def test_mixed_pdf__only_the_image_page_is_recognised(count_runs):
    typed = text_pdf(["QUYẾT ĐỊNH", "Điều 1. Lớp chữ của trang đánh máy được giữ nguyên."])
    scanned, _reference = scanned_decision(pages=2, dpi=300)
    scanned_second = PdfWriter()
    scanned_second.add_page(PdfReader(io.BytesIO(scanned)).pages[1])
    out = io.BytesIO()
    scanned_second.write(out)
    result = read_document(merge(typed, out.getvalue()), "hon-hop.pdf")
    assert count_runs == [2]  # the typed page keeps its text layer
    assert "Lớp chữ của trang đánh máy được giữ nguyên." in result.text
    assert "Điều 3. Chánh Văn phòng" in result.text
    assert result.text.index("Lớp chữ") < result.text.index("Điều 3.")
    assert result.ocr is True


def test_typed_pdf__not_flagged(count_runs):
    result = read_document(text_pdf(["QUYẾT ĐỊNH", "Điều 1. Có lớp chữ."]), "qd.pdf")
    assert result.ocr is False
    assert result.notes == []
    assert count_runs == []


def test_ten_thousand_pages__refused_before_any_rendering(no_rendering):
    data = blank_pages_pdf(10_000)
    with pytest.raises(ReadError) as refused:
        read_document(data, "quet.pdf", ocr=OcrLimits(max_pages=50, install_max_pages=50))
    message = str(refused.value)
    assert "hơn 50 trang (trong 10000 trang) không có lớp chữ" in message
    assert "tách tệp" in message


def test_scan_longer_than_the_upload_allows__sent_to_the_batch_import(no_rendering):
    image, _text = render_page(DECISION_PAGES[0], dpi=100)
    data = image_pdf([image] * 4, dpi=100)
    with pytest.raises(ReadError) as refused:
        read_document(data, "quet.pdf", ocr=OcrLimits(max_pages=3, install_max_pages=50))
    assert "4 trang không có lớp chữ" in str(refused.value)
    assert "nhập tệp này theo lô (chạy nền)" in str(refused.value)


def test_page_declaring_a_huge_size__refused_by_the_pixel_cap(no_rendering):
    # 200 × 200 inches, the largest page PDF allows: 3.6 billion pixels at 300 dpi.
    data = blank_pages_pdf(1, width=14400, height=14400)
    with pytest.raises(ReadError, match="khổ quá lớn"):
        read_document(data, "a0.pdf")


def test_large_page__rendered_at_a_lower_resolution_within_the_cap():
    import pypdfium2 as pdfium

    limits = OcrLimits()
    a4, a2 = blank_pages_pdf(1), blank_pages_pdf(1, width=1191, height=1684)
    assert ocr._scale(pdfium.PdfDocument(a4), 0, limits) == pytest.approx(300 / 72)
    scale = ocr._scale(pdfium.PdfDocument(a2), 0, limits)
    assert 150 / 72 < scale < 300 / 72
    assert (1191 * scale) * (1684 * scale) <= limits.max_pixels * 1.001


def test_blank_scan__no_tesseract_run_and_refused(count_runs):
    with pytest.raises(ReadError, match="không có lớp chữ"):
        read_document(blank_pages_pdf(2), "trang-trang.pdf")
    assert count_runs == []


def test_page_taking_too_long__process_killed_and_refused(monkeypatch, tmp_path):
    pid_file = tmp_path / "pid"
    slow = tmp_path / "tesseract"
    slow.write_text(f'#!/bin/sh\necho $$ > "{pid_file}"\nexec sleep 60\n')
    slow.chmod(0o755)
    monkeypatch.setattr(ocr, "TESSERACT", str(slow))
    data, _reference = scanned_decision(pages=1, dpi=150)
    with pytest.raises(ReadError) as refused:
        read_document(data, "cham.pdf", ocr=OcrLimits(page_seconds=1))
    assert "trang 1" in str(refused.value)
    assert "quá 1 giây" in str(refused.value)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped, not left running


def test_tesseract_missing__refused_saying_so(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT", "/khong-co/tesseract")
    data, _reference = scanned_decision(pages=1, dpi=150)
    with pytest.raises(ReadError) as refused:
        read_document(data, "quet.pdf")
    assert "chưa cài chương trình nhận dạng chữ Tesseract" in str(refused.value)
    assert "quản trị kỹ thuật" in str(refused.value)


@needs_tesseract
def test_language_data_missing__refused_saying_so():
    data, _reference = scanned_decision(pages=1, dpi=150)
    with pytest.raises(ReadError, match="chưa có dữ liệu tiếng Việt"):
        read_document(data, "quet.pdf", ocr=OcrLimits(language="khongco"))


def test_limits_travel_to_the_worker():
    limits = OcrLimits(max_pages=3, page_seconds=12.5, install_max_pages=80, deadline=1.5e9)
    assert OcrLimits.from_arg(limits.as_arg()) == limits
    assert OcrLimits.from_arg("") == OcrLimits()


@needs_tesseract
def test_bounded__tesseract_runs_within_the_workers_limits():
    """The importer's path: the worker's RLIMIT_AS (768 MB) and RLIMIT_CPU are inherited
    by tesseract, which must still read a page."""
    data, _reference = scanned_decision(pages=1, dpi=300, stamp=True)
    result = read_document_bounded(data, "quet.pdf", parse_limits=ParseLimits(seconds=60))
    assert result.ocr is True
    assert "27/QĐ-UBND" in result.text


def test_bounded__upload_cap_comes_from_the_parse_limits():
    image, _text = render_page(DECISION_PAGES[0], dpi=100)
    data = image_pdf([image] * 4, dpi=100)
    with pytest.raises(ReadError, match="theo lô"):
        read_document_bounded(data, "quet.pdf", parse_limits=ParseLimits(ocr_pages=3))


def fake_tesseract(tmp_path, seconds: float) -> str:
    script = tmp_path / "tesseract"
    script.write_text(f'#!/bin/sh\nsleep {seconds}\necho "Điều 1. Chữ nhận dạng."\n')
    script.chmod(0o755)
    return str(script)


def test_scan_that_cannot_finish_before_the_deadline__refused_saying_so(monkeypatch, tmp_path):
    """The parse worker is stopped at its time limit: OCR measures its pace on the first
    page and refuses the file, pointing to the batch import, instead of being killed."""
    monkeypatch.setattr(ocr, "TESSERACT", fake_tesseract(tmp_path, 1.5))
    data, _reference = scanned_decision(pages=2, dpi=100)
    with pytest.raises(ReadError) as refused:
        read_document(data, "quet.pdf", ocr=OcrLimits(deadline=time.time() + 2.5))
    assert "không kịp trong thời gian đọc một tệp" in str(refused.value)
    assert "theo lô (chạy nền)" in str(refused.value)


def test_deadline_already_near__nothing_recognised(count_runs):
    data, _reference = scanned_decision(pages=1, dpi=100)
    with pytest.raises(ReadError, match="không kịp"):
        read_document(data, "quet.pdf", ocr=OcrLimits(deadline=time.time() + 0.5))
    assert count_runs == []


def test_page_stopped_by_the_deadline__refused_saying_so(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr, "TESSERACT", fake_tesseract(tmp_path, 60))
    data, _reference = scanned_decision(pages=1, dpi=100)
    with pytest.raises(ReadError, match="Hết thời gian đọc tệp khi đang nhận dạng chữ"):
        read_document(data, "quet.pdf", ocr=OcrLimits(deadline=time.time() + 3))
