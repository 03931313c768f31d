"""Metadata read from document text (legal.importer.extract): pure, no database."""

import datetime

import pytest

from congthongtin.legal.importer.extract import (
    agency_name,
    extract_metadata,
    position_case,
    sentence_case,
)
from tests.legal.samples import DECISION_TEXT, SEED_FILES

D = datetime.date

# What each seed's own text states (read from tests/data/seeds): number and symbol, type,
# issuing body, date of issue, signer and position. S1 and S3 are unsigned copies: their
# number ("Số: /QĐ-UBND") and day are blank in the text.
SEED_EXPECTED = {
    "S0": (
        "541/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân huyện Như Xuân",
        D(2012, 3, 12),
        "Dương Văn Mạnh",
        "Chủ tịch",
    ),
    "S1": (
        "",
        "Quyết định",
        "Ủy ban nhân dân huyện Mường Khương",
        None,
        "Hoàng Trường Minh",
        "Phó Chủ tịch",
    ),
    "S2": (
        "2567/2007/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        D(2007, 11, 16),
        "Ngô Hòa",
        "Phó Chủ tịch",
    ),
    "S3": (
        "",
        "Quyết định",
        "Ủy ban nhân dân xã An Hảo Đông",
        None,
        "Nguyễn Trung Phong",
        "Chủ tịch",
    ),
    "S4": (
        "1140/QĐ-SCT",
        "Quyết định",
        "Sở Công Thương",
        D(2011, 8, 1),
        "Trần Gia Khương",
        "Q. Giám đốc",
    ),
}
SEED_CITATIONS = {
    "S0": ["67/2006/QH11", "64/2007/NĐ-CP", "43/2011/NĐ-CP", "5724/UBND-CNTT"],
    "S1": ["1673/QĐ-UBND", "484/QĐ-UBND"],
    "S2": ["64/2007/NĐ-CP"],
    "S3": ["64/2007/NĐ-CP", "97/2008/NĐ-CP", "26/2009/TT-BTTTT", "14/2010/TT-BTTTT"],
    "S4": ["67/2006/QH11", "64/2007/NĐ-CP", "97/2008/NĐ-CP", "2995/QĐ-UBND"],
}


def seed(key):
    return extract_metadata(SEED_FILES[key].read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(SEED_EXPECTED))
def test_seed__metadata_as_the_text_states(key):
    number, kind, issuer, date, signer, position = SEED_EXPECTED[key]
    result = seed(key)
    assert result.is_legal_document
    assert result.number_symbol == number
    assert result.document_type == kind
    assert result.issuing_body == issuer
    assert result.issue_date == date
    assert (result.signer, result.signer_position) == (signer, position)


@pytest.mark.parametrize("key", sorted(SEED_CITATIONS))
def test_seed__preamble_citations_only(key):
    numbers = [c.number for c in seed(key).citations if c.number]
    assert numbers == SEED_CITATIONS[key]


def test_s0__summary_spans_lines_and_legacy_line_converted():
    result = seed("S0")
    assert result.summary == (
        "Ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân"
    )
    assert result.title == (
        "Quyết định 541/QĐ-UBND ban hành Quy chế hoạt động của Trang thông tin điện tử "
        "huyện Như Xuân"
    )
    # The công văn line of S0 is TCVN3 ("C¨n cø c«ng v¨n sè 5724…"): read after conversion.
    assert "5724/UBND-CNTT" in [c.number for c in result.citations]
    assert any("TCVN3" in p for p in result.problems)


def test_s0__citation_by_date_without_number_kept():
    law = seed("S0").citations[0]
    assert (law.number, law.kind, law.date) == (None, "Luật", D(2003, 11, 26))
    assert law.label == "Luật tổ chức HĐND và UBND ngày 26/11/2003"


def test_s0__later_can_cu_inside_the_regulation_not_a_preamble_citation():
    assert "61/2002/NĐ-CP" not in [c.number for c in seed("S0").citations]


def test_s1__blank_number_and_day_reported():
    result = seed("S1")
    assert result.symbol == "QĐ-UBND"
    assert result.place == "Mường Khương"
    assert any("ngày tháng 9 năm 2021" in p for p in result.problems)
    assert any("chưa có số" in p for p in result.problems)


def test_s2__uppercase_summary_in_sentence_case_and_issuer_from_attached_line():
    result = seed("S2")
    assert result.summary.startswith("Ban hành quy chế vận hành website")
    # The authority line only says "ỦY BAN NHÂN DÂN TỈNH": the attached line names it.
    assert result.issuing_body == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"


def test_decision_with_header_table():
    result = extract_metadata(DECISION_TEXT)
    assert result.number_symbol == "15/QĐ-UBND"
    assert result.issuing_body == "Ủy ban nhân dân xã Như Xuân"
    assert result.place == "Như Xuân"
    assert result.issue_date == D(2026, 3, 5)
    assert result.summary == "Về việc kiện toàn Ban biên tập Trang thông tin điện tử xã Như Xuân"
    assert (result.signer, result.signer_position) == ("Lê Văn Cường", "Chủ tịch")
    assert [c.number for c in result.citations] == [
        "42/2022/NĐ-CP",
        "541/QĐ-UBND",
        "99/2099/TT-BKHCN",
    ]
    assert result.problems == []


def test_official_letter__type_from_number_and_summary_from_vv():
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
            "Số: 5724/UBND-CNTT",
            "V/v hoạt động của các trang thông tin điện tử",
            "Thanh Hóa, ngày 29 tháng 8 năm 2011",
            "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.",
        ]
    )
    result = extract_metadata(text)
    assert result.number_symbol == "5724/UBND-CNTT"
    assert result.document_type == "Công văn"
    assert result.summary == "hoạt động của các trang thông tin điện tử"
    assert result.issue_date == D(2011, 8, 29)
    assert result.issuing_body == "Ủy ban nhân dân tỉnh Thanh Hóa"


def test_not_a_legal_document():
    result = extract_metadata("Thực đơn tuần này:\nThứ Hai: phở bò\nThứ Ba: bún chả\n")
    assert not result.is_legal_document
    assert "không giống một văn bản" in result.problems[0]


def test_empty_text():
    result = extract_metadata("  \n\n ")
    assert not result.is_legal_document
    assert result.problems == ["Tệp không có nội dung chữ."]


def test_type_mismatch_reported():
    result = extract_metadata(
        "Số: 12/NĐ-CP\nQUYẾT ĐỊNH\nVề việc thử\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ A"
    )
    assert any("không khớp" in p for p in result.problems)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN", "Ủy ban nhân dân huyện Như Xuân"),
        ("UBND huyện Như Xuân", "Ủy ban nhân dân huyện Như Xuân"),
        ("Ủy ban Nhân dân tỉnh Thừa Thiên Huế", "Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Bộ Thông tin và Truyền thông"),
        ("CHÍNH PHỦ", "Chính phủ"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("SỞ TÀI CHÍNH", "Sở Tài chính"),
        ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("BAN QUẢN LÝ DỰ ÁN HUYỆN NHƯ XUÂN", "Ban Quản lý dự án huyện Như Xuân"),
        ("BAN THƯỜNG VỤ TỈNH ỦY", "Ban Thường vụ Tỉnh ủy"),
        ("CỤC THUẾ TỈNH THANH HÓA", "Cục Thuế tỉnh Thanh Hóa"),
        ("TÒA ÁN NHÂN DÂN TỐI CAO", "Tòa án nhân dân tối cao"),
        ("Ủy Ban Nhân Dân tỉnh Thanh Hóa", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ],
)
def test_agency_name(raw, expected):
    assert agency_name(raw) == expected


def test_position_and_sentence_case():
    assert position_case("KT. CHỦ TỊCH") == "KT. Chủ tịch"
    assert position_case("Q. GIÁM ĐỐC") == "Q. Giám đốc"
    assert sentence_case("BAN HÀNH QUY CHẾ") == "Ban hành quy chế"
    assert sentence_case("Ban hành Quy chế") == "Ban hành Quy chế"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GIÁM ĐỐC SỞ NỘI VỤ", "Giám đốc Sở Nội vụ"),
        ("VỤ TRƯỞNG VỤ PHÁP CHẾ", "Vụ trưởng Vụ Pháp chế"),
        ("PHÓ CHÁNH ÁN", "Phó Chánh án"),
        ("CHỦ TỊCH QUỐC HỘI", "Chủ tịch Quốc hội"),
        ("TM. ỦY BAN NHÂN DÂN", "TM. Ủy ban nhân dân"),
    ],
)
def test_position_case_with_a_body(raw, expected):
    assert position_case(raw) == expected


def test_constitution_by_its_usual_name():
    text = "\n".join(
        [
            "QUỐC HỘI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 28 tháng 11 năm 2013",
            "HIẾN PHÁP",
            "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "LỜI NÓI ĐẦU",
            "Trải qua mấy nghìn năm lịch sử, Nhân dân Việt Nam lao động cần cù, sáng tạo.",
            "Hiến pháp này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, "
            "kỳ họp thứ 6 thông qua ngày 28 tháng 11 năm 2013.",
            "CHỦ TỊCH QUỐC HỘI",
            "Nguyễn Sinh Hùng",
        ]
    )
    result = extract_metadata(text)
    assert result.title == "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert (result.issuing_body, result.issue_date) == ("Quốc hội", D(2013, 11, 28))
    assert (result.signer, result.signer_position) == ("Nguyễn Sinh Hùng", "Chủ tịch Quốc hội")
    assert not any("chỉ ghi chung" in p for p in result.problems)


def test_local_body_without_its_place_is_still_reported():
    result = extract_metadata(
        "ỦY BAN NHÂN DÂN\nSố: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thử\nQUYẾT ĐỊNH:\nĐiều 1. Thử."
    )
    assert any("chỉ ghi chung “Ủy ban nhân dân”" in p for p in result.problems)
