"""Word 97–2003 (.doc) through LibreOffice (core.reading.doc): read in reading order like a
.docx, refused clearly when it is not a Word file, when the converter hangs or is missing;
the system checks of the converters."""

import os
import shutil
import stat
import time

import pytest

from congthongtin.core import checks
from congthongtin.core.limits import ParseLimits
from congthongtin.core.reading import ReadError, doc, read_document, read_document_bounded, sniff
from tests.core.documents import LINES, compound_file, heading_docx, to_doc

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")


@pytest.fixture(scope="session")
def doc_files():
    """The Decree 30 plan as .doc, in Unicode and in TCVN3 fonts (converted once)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice missing")
    return {
        "unicode": to_doc(heading_docx()),
        "tcvn3": to_doc(heading_docx(legacy=True)),
    }


@needs_soffice
@pytest.mark.parametrize("variant", ["unicode", "tcvn3"])
def test_doc__read_in_reading_order_and_in_unicode(doc_files, variant):
    data = doc_files[variant]
    assert sniff(data) == "doc" and doc.ole_kind(data) == "doc"
    result = read_document(data, "ke-hoach.doc")
    assert result.kind == "doc"
    assert result.text.splitlines() == LINES
    assert "<td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH THANH HÓA</p><p>Số: 245/KH-UBND</p></td>" in (
        result.html
    )
    assert doc.CONVERTED_NOTE in result.notes
    if variant == "tcvn3":
        assert result.legacy_runs >= len(LINES)
        assert "Căn cứ Nghị định số 42/2022/NĐ-CP" in result.html


@needs_soffice
def test_doc__bounded__converted_outside_the_worker_then_parsed_in_it(doc_files):
    result = read_document_bounded(doc_files["tcvn3"], "ke-hoach.doc")
    assert result.kind == "doc"
    assert result.text.splitlines() == LINES
    assert doc.CONVERTED_NOTE in result.notes


@needs_soffice
def test_doc__temporary_files_removed(doc_files, tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    doc.convert(doc_files["unicode"])
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def hanging_soffice(tmp_path, monkeypatch):
    """A "LibreOffice" that starts a child and never ends (as a hostile file can make the
    converter do); the pids it started are written down to see them killed."""
    script = tmp_path / "soffice"
    pids = tmp_path / "pids"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $$ $! > {pids}\nwait\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(doc, "soffice", lambda: str(script))
    return pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie waiting for its parent is dead too.
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_doc__converter_hangs__refused_and_its_process_group_killed(
    hanging_soffice, tmp_path, monkeypatch
):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(work))
    data = compound_file("WordDocument", "1Table")
    with pytest.raises(ReadError, match="mất hơn 1 giây"):
        doc.convert(data, seconds=1)
    pids = [int(pid) for pid in hanging_soffice.read_text().split()]
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)
    assert list(work.iterdir()) == []


def test_doc__bounded__conversion_held_within_the_callers_time(hanging_soffice):
    data = compound_file("WordDocument", "1Table")
    with pytest.raises(ReadError, match="mất hơn 1 giây"):
        read_document_bounded(data, "cham.doc", parse_limits=ParseLimits(seconds=1))


@pytest.mark.skipif(not doc.network_isolated(), reason="no user namespaces on this machine")
def test_doc__converter_runs_without_network(tmp_path, monkeypatch):
    """The converter sees no network interface but its own loopback (the host has more)."""
    seen = tmp_path / "interfaces"
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\ncat /proc/net/dev > {seen}\n")
    script.chmod(0o755)
    monkeypatch.setattr(doc, "soffice", lambda: str(script))
    with pytest.raises(ReadError, match="không chuyển được"):
        doc.convert(compound_file("WordDocument"))
    interfaces = [line.split(":")[0].strip() for line in seen.read_text().splitlines()[2:]]
    assert interfaces == ["lo"]


def test_doc__converter_makes_nothing__refused(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setattr(doc, "soffice", lambda: str(script))
    with pytest.raises(ReadError, match="không chuyển được"):
        read_document(compound_file("WordDocument"), "hong.doc")


def test_doc__libreoffice_missing__clear_refusal(monkeypatch):
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="chưa cài LibreOffice để đọc tệp Word 97–2003"):
        read_document(compound_file("WordDocument"), "cu.doc")


@pytest.mark.parametrize(
    ("streams", "message"),
    [
        (("Workbook",), "bảng tính Excel"),
        (("PowerPoint Document", "Current User"), "PowerPoint"),
        (("EncryptedPackage", "EncryptionInfo"), "mật khẩu"),
    ],
)
def test_ole2_not_a_word_document__refused_by_name(streams, message, monkeypatch):
    monkeypatch.setattr(doc, "soffice", lambda: pytest.fail("LibreOffice started"))
    with pytest.raises(ReadError, match=message):
        read_document(compound_file(*streams), "bang-tinh.doc")


@needs_soffice
def test_doc__truncated__refused_before_libreoffice(doc_files, monkeypatch):
    monkeypatch.setattr(doc, "soffice", lambda: pytest.fail("LibreOffice started"))
    data = doc_files["unicode"]
    with pytest.raises(ReadError, match="tệp hỏng hoặc không phải văn bản Word"):
        read_document(data[: len(data) // 2], "cat-ngang.doc")


def test_doc__content_and_extension_disagree():
    with pytest.raises(ReadError, match="Word 97–2003"):
        read_document(compound_file("WordDocument"), "van-ban.docx")
    with pytest.raises(ReadError, match="không khớp"):
        read_document(b"%PDF-1.7 ...", "van-ban.doc")


def test_ole_kind__not_ole2_or_broken():
    assert doc.ole_kind(b"PK\x03\x04") is None
    assert doc.ole_kind(doc.OLE2_MAGIC + b"\xff" * 600) is None


# System checks --------------------------------------------------------------------------
def test_checks__converters_present__no_warning(monkeypatch):
    monkeypatch.setattr(doc, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(checks, "tesseract_languages", lambda program: {"eng", "osd", "vie"})
    assert checks.missing_converters() == []


def test_checks__libreoffice_and_tesseract_missing(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    warnings = checks.missing_converters()
    assert [w.id for w in warnings] == ["core.W002", "core.W003"]
    assert ".doc" in warnings[0].msg and "scanned" in warnings[1].msg


def test_checks__tesseract_without_vietnamese(monkeypatch):
    monkeypatch.setattr(doc, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(checks, "tesseract_languages", lambda program: {"eng", "osd"})
    warnings = checks.missing_converters()
    assert [w.id for w in warnings] == ["core.W003"]
    assert "'vie'" in warnings[0].msg


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract missing")
def test_checks__tesseract_languages_listed():
    assert "eng" in checks.tesseract_languages(shutil.which("tesseract"))


@needs_soffice
def test_doc__legal_metadata_found_in_the_heading(doc_files):
    """What the line contract is for: the legal importer finds the heading's number, type,
    issuing body and date in a .doc typed in TCVN3 fonts."""
    import datetime

    from congthongtin.legal.importer.extract import extract_metadata

    read = read_document(doc_files["tcvn3"], "ke-hoach.doc")
    extracted = extract_metadata(read.text, legacy_runs=read.legacy_runs)
    assert extracted.number_symbol == "245/KH-UBND"
    assert extracted.document_type == "Kế hoạch"
    assert extracted.issuing_body == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert extracted.issue_date == datetime.date(2024, 3, 5)
    assert extracted.summary == "Triển khai thực hiện chuyển đổi số năm 2024 trên địa bàn tỉnh"
