"""Document numbers, type table and citations, against the seeds' own text."""

from __future__ import annotations

import datetime
import pathlib
import unicodedata

import pytest

from congthongtin.vietnam.documents import (
    DOCUMENT_TYPES,
    DocumentNumber,
    find_citations,
    find_numbers,
    format_number,
    issuer_name,
    parse_date,
    parse_number,
    type_name,
)
from congthongtin.vietnam.text import fix_legacy, normalize

SEEDS = pathlib.Path(__file__).resolve().parents[1] / "data" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


D = datetime.date


@pytest.mark.parametrize(
    ("written", "number", "year", "type_code", "issuer", "extra", "canonical"),
    [
        ("541/QĐ-UBND", "541", None, "QĐ", "UBND", (), "541/QĐ-UBND"),
        ("Số:  541 /QĐ - UBND", "541", None, "QĐ", "UBND", (), "541/QĐ-UBND"),
        ("42/2022/NÐ-CP", "42", 2022, "NĐ", "CP", (), "42/2022/NĐ-CP"),
        ("64/2007/NĐ- CP", "64", 2007, "NĐ", "CP", (), "64/2007/NĐ-CP"),
        ("Số: 01 /2020/TT-BTP", "01", 2020, "TT", "BTP", (), "01/2020/TT-BTP"),
        ("4507/BGTVT-TTCNTT", "4507", None, None, "BGTVT", ("TTCNTT",), "4507/BGTVT-TTCNTT"),
        ("5724/UBND - CNTT", "5724", None, None, "UBND", ("CNTT",), "5724/UBND-CNTT"),
        ("67/2006/QH11", "67", 2006, None, "QH11", (), "67/2006/QH11"),
        ("148/2025/QH15", "148", 2025, None, "QH15", (), "148/2025/QH15"),
        ("76/2025/UBTVQH15", "76", 2025, None, "UBTVQH15", (), "76/2025/UBTVQH15"),
        ("12/QyĐ-UBND", "12", None, "QyĐ", "UBND", (), "12/QyĐ-UBND"),
        ("05/TTr-UBND", "05", None, "TTr", "UBND", (), "05/TTr-UBND"),
        ("01/2020/TTLT-BTC-BTP", "01", 2020, "TTLT", "BTC", ("BTP",), "01/2020/TTLT-BTC-BTP"),
        (
            "21/2003/TTLT/BVHTT-BTC",
            "21",
            2003,
            "TTLT",
            "BVHTT",
            ("BTC",),
            "21/2003/TTLT-BVHTT-BTC",
        ),
        ("1140/QĐ – SCT", "1140", None, "QĐ", "SCT", (), "1140/QĐ-SCT"),
        ("72/2002/QĐ-TTg", "72", 2002, "QĐ", "TTg", (), "72/2002/QĐ-TTg"),
        ("369/TTr-SBCVT", "369", None, "TTr", "SBCVT", (), "369/TTr-SBCVT"),
        ("9441/TB-BNV", "9441", None, "TB", "BNV", (), "9441/TB-BNV"),
        ("05/2019/L-CTN", "05", 2019, "L", "CTN", (), "05/2019/L-CTN"),
        ("123/KH-UBND", "123", None, "KH", "UBND", (), "123/KH-UBND"),
        ("42/2022/ND-CP", "42", 2022, "ND", "CP", (), "42/2022/ND-CP"),
    ],
)
def test_parse_real_world_spellings(
    written: str,
    number: str,
    year: int | None,
    type_code: str | None,
    issuer: str,
    extra: tuple[str, ...],
    canonical: str,
) -> None:
    parsed = parse_number(written)
    assert parsed == DocumentNumber(number, year, type_code, issuer, extra)
    assert parsed.canonical == canonical == format_number(parsed) == str(parsed)
    assert parse_number(canonical) == parsed


def test_party_numbers() -> None:
    parsed = parse_number("80-NQ/TW")
    assert parsed == DocumentNumber("80", None, "NQ", "TW", (), party=True)
    assert parsed.canonical == "80-NQ/TW"
    assert parsed.kind == "Nghị quyết"


def test_not_numbers() -> None:
    for text in ("29/8/2011", "24/24h", "abc", "", "541/", "/QĐ-UBND", "10/4/2007"):
        assert parse_number(text) is None


def test_kinds_and_search_keys() -> None:
    assert parse_number("67/2006/QH11").kind == "Luật"
    assert parse_number("67/2006/QH11").type_code is None
    assert parse_number("4507/BGTVT-TTCNTT").type_code is None
    assert parse_number("4507/BGTVT-TTCNTT").kind == "Công văn"
    assert parse_number("76/2025/UBTVQH15").kind is None
    assert parse_number("42/2022/NĐ-CP").kind == "Nghị định"
    # Typed with plain D, the number finds the same key the index holds.
    assert parse_number("42/2022/ND-CP").search_key == parse_number("42/2022/NĐ-CP").search_key
    assert parse_number("42/2022/NÐ-CP").search_key == "42/2022/nd-cp"
    assert parse_number("42/2022/ND-CP").kind == "Nghị định"
    assert parse_number("123/CV-UBND").kind == "Công văn"
    assert not parse_number("123/CV-UBND").is_official_type
    assert parse_number("123/QĐ-UBND").is_official_type


def test_type_table() -> None:
    expected = {
        "NQ": "Nghị quyết",
        "QĐ": "Quyết định",
        "CT": "Chỉ thị",
        "QC": "Quy chế",
        "QyĐ": "Quy định",
        "TC": "Thông cáo",
        "TB": "Thông báo",
        "HD": "Hướng dẫn",
        "CTr": "Chương trình",
        "KH": "Kế hoạch",
        "PA": "Phương án",
        "ĐA": "Đề án",
        "DA": "Dự án",
        "BC": "Báo cáo",
        "BB": "Biên bản",
        "TTr": "Tờ trình",
        "HĐ": "Hợp đồng",
        "CV": "Công văn",
        "CĐ": "Công điện",
        "BGN": "Bản ghi nhớ",
        "BTT": "Bản thỏa thuận",
        "GUQ": "Giấy ủy quyền",
        "GM": "Giấy mời",
        "GGT": "Giấy giới thiệu",
        "GNP": "Giấy nghỉ phép",
        "PG": "Phiếu gửi",
        "PC": "Phiếu chuyển",
        "PB": "Phiếu báo",
        "TD": "Thư công",
        "NĐ": "Nghị định",
        "TT": "Thông tư",
        "TTLT": "Thông tư liên tịch",
        "NQLT": "Nghị quyết liên tịch",
    }
    for code, name in expected.items():
        assert type_name(code) == name
    # Diacritics-free codes match only where that is unambiguous.
    assert type_name("ND") == "Nghị định"
    assert type_name("QD") == "Quyết định"
    assert type_name("HD") == "Hướng dẫn" and type_name("HĐ") == "Hợp đồng"
    assert type_name("XYZ") is None
    codes = [t.code for t in DOCUMENT_TYPES if t.code]
    assert len(codes) == len(set(codes))
    assert issuer_name("CP") == "Chính phủ"
    assert issuer_name("QH11") == "Quốc hội"


def test_parse_date() -> None:
    assert parse_date("10/4/2007") == D(2007, 4, 10)
    assert parse_date("01/07/2003") == D(2003, 7, 1)
    assert parse_date("ngày 12 tháng 3 năm 2012") == D(2012, 3, 12)
    assert parse_date("16 tháng 11 năm 2007") == D(2007, 11, 16)
    assert parse_date("31/2/2020") is None
    assert parse_date("hôm qua") is None


# Every document number cited in the five seeds, in order of appearance.
SEED_NUMBERS = {
    "000": [
        "67/2006/QH11",
        "64/2007/NĐ-CP",
        "43/2011/NĐ-CP",
        "5724/UBND-CNTT",
        "541/QĐ-UBND",
        "61/2002/NĐ-CP",
        "21/2003/TTLT-BVHTT-BTC",
    ],
    "001": ["1673/QĐ-UBND", "484/QĐ-UBND", "484/QĐ-UBND", "71/2016/QĐ-UBND"],
    "002": ["64/2007/NĐ-CP", "369/TTr-SBCVT", "393/BC-STP", "2567/2007/QĐ-UBND"],
    "003": [
        "64/2007/NĐ-CP",
        "97/2008/NĐ-CP",
        "26/2009/TT-BTTTT",
        "14/2010/TT-BTTTT",
        "97/2008/NĐ-CP",
        "72/2002/QĐ-TTg",
    ],
    "004": [
        "67/2006/QH11",
        "64/2007/NĐ-CP",
        "97/2008/NĐ-CP",
        "2995/QĐ-UBND",
        "1140/QĐ-SCT",
        "61/2002/NĐ-CP",
        "21/2003/TTLT-BVHTT-BTC",
        "61/2002/NĐ-CP",
        "64/2007/NĐ-CP",
        "26/2009/TT-BTTTT",
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_NUMBERS))
def test_every_number_in_the_seeds_parses(prefix: str) -> None:
    text = fix_legacy(seed(prefix))
    found = find_numbers(text)
    assert [str(n) for _, _, n in found] == SEED_NUMBERS[prefix]
    for start, end, number in found:
        assert parse_number(text[start:end]) == number


# The "Căn cứ …" (and "Xét …") preamble of each seed: kind, number, date, title.
PREAMBLES = {
    "000": [
        ("Luật", None, D(2003, 11, 26), "tổ chức HĐND và UBND"),
        ("Luật", "67/2006/QH11", D(2006, 6, 29), "Công nghệ thông tin"),
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Nghị định", "43/2011/NĐ-CP", D(2011, 6, 13), None),
        ("Công văn", "5724/UBND-CNTT", D(2011, 8, 29), None),  # the TCVN3 line
    ],
    "001": [
        ("Luật", None, D(2015, 6, 19), "Tổ chức chính quyền địa phương"),
        (
            "Luật",
            None,
            D(2019, 11, 22),
            "sửa đổi, bổ sung một số Điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
            "chính quyền địa phương",
        ),
        ("Quyết định", "1673/QĐ-UBND", D(2021, 5, 20), None),
        ("Quyết định", "484/QĐ-UBND", D(2021, 8, 27), None),
    ],
    "002": [
        ("Luật", None, D(2003, 11, 26), "tổ chức Hội đồng Nhân dân và Ủy ban Nhân dân"),
        ("Luật", None, D(2005, 6, 29), "Công nghệ thông tin"),
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Tờ trình", "369/TTr-SBCVT", D(2007, 10, 5), None),
        ("Báo cáo", "393/BC-STP", D(2007, 9, 28), "thẩm định"),
    ],
    "003": [
        ("Luật", None, D(2015, 6, 19), "Tổ chức Chính quyền địa phương"),
        (
            "Luật",
            None,
            D(2019, 11, 22),
            "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
            "Chính quyền địa phương",
        ),
        ("Luật", None, D(2006, 6, 29), "Công nghệ thông tin"),
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Nghị định", "97/2008/NĐ-CP", D(2008, 8, 28), None),
        ("Thông tư", "26/2009/TT-BTTTT", D(2009, 7, 31), None),
        ("Thông tư", "14/2010/TT-BTTTT", D(2010, 6, 29), None),
        ("Nghị định", "97/2008/NĐ-CP", None, None),  # "hướng dẫn Nghị định số 97/…"
    ],
    "004": [
        ("Luật", "67/2006/QH11", D(2006, 6, 29), "Công nghệ thông tin"),
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Nghị định", "97/2008/NĐ-CP", D(2008, 8, 28), None),
        ("Quyết định", "2995/QĐ-UBND", D(2008, 9, 29), None),
    ],
}


def preamble(prefix: str) -> tuple[str, int]:
    """The seed's text up to its "QUYẾT ĐỊNH:" line (or the regulation's title)."""
    text = seed(prefix)
    for marker in ("QUYẾT ĐỊNH:", "QUYẾT ĐỊNH :", "\nQUY CHẾ", "QUYẾT ĐỊNH\n"):
        index = text.find(marker, 40)
        if index > 0:
            return text[:index], index
    raise AssertionError("no end of preamble")


@pytest.mark.parametrize("prefix", sorted(PREAMBLES))
def test_preamble_citations(prefix: str) -> None:
    text, _ = preamble(prefix)
    citations = find_citations(text)
    got = [(c.kind, str(c.number) if c.number else None, c.date, c.title) for c in citations]
    assert got == PREAMBLES[prefix]
    for citation in citations:
        assert text[citation.start : citation.end] == citation.text
        assert citation.text


def test_citation_details_from_s0() -> None:
    text = seed("000")
    by_number = {str(c.number): c for c in find_citations(text) if c.number}
    law = by_number["67/2006/QH11"]
    assert law.text == "Luật Công nghệ thông tin của Quốc hội, số 67/2006/QH11 ngày 29/6/2006"
    assert law.issuer == "Quốc hội"
    decree = by_number["64/2007/NĐ-CP"]
    # The seed has this line in NFD: the span gives the original characters.
    assert decree.text != unicodedata.normalize("NFC", decree.text)
    assert normalize(decree.text) == (
        "Nghị định 64/2007/NĐ- CP ngày 10/4/2007 của Thủ tướng Chính phủ"
    )
    assert decree.issuer == "Thủ tướng Chính phủ"
    assert decree.subject.startswith("Ứng dụng công nghệ thông tin")
    letter = by_number["5724/UBND-CNTT"]
    # Found in the TCVN3 line; the span points at the original bytes.
    assert letter.text == "c«ng v¨n sè 5724/UBND - CNTT ngµy 29/8/2011 cña UBND tØnh Thanh Hãa"
    assert letter.issuer == "UBND tỉnh Thanh Hóa"
    assert letter.number.type_code is None
    joint = by_number["21/2003/TTLT-BVHTT-BTC"]
    assert joint.kind == "Thông tư liên tịch"
    assert joint.date == D(2003, 7, 1)
    decision = by_number["541/QĐ-UBND"]
    assert decision.date == D(2012, 3, 12)  # "ngày 12  tháng 3  năm 2012" on the next line


def test_citations_from_the_brief() -> None:
    text = (
        "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ; "
        "Luật Công nghệ thông tin số 67/2006/QH11; "
        "Thông tư liên tịch số 21/2003/TTLT/BVHTT-BTC; "
        "Nghị định 64/2007/NĐ- CP ngày 10/4/2007; "
        "công văn số 5724/UBND - CNTT ngày 29/8/2011; "
        "Luật tổ chức HĐND và UBND, ngày 26/11/2003; "
        "Quyết định số 541/QĐ-UBND ngày 12 tháng 3 năm 2012; "
        "Hiến pháp năm 2013; theo 72/2002/QĐ-TTg; Nghị quyết 80-NQ/TW ngày 07/01/2026."
    )
    got = [
        (c.kind, str(c.number) if c.number else None, c.date, c.title) for c in find_citations(text)
    ]
    assert got == [
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Luật", "67/2006/QH11", None, "Công nghệ thông tin"),
        ("Thông tư liên tịch", "21/2003/TTLT-BVHTT-BTC", None, None),
        ("Nghị định", "64/2007/NĐ-CP", D(2007, 4, 10), None),
        ("Công văn", "5724/UBND-CNTT", D(2011, 8, 29), None),
        ("Luật", None, D(2003, 11, 26), "tổ chức HĐND và UBND"),
        ("Quyết định", "541/QĐ-UBND", D(2012, 3, 12), None),
        ("Hiến pháp", None, None, "năm 2013"),
        ("Quyết định", "72/2002/QĐ-TTg", None, None),
        ("Nghị quyết", "80-NQ/TW", D(2026, 1, 7), None),
    ]


def test_words_that_are_not_citations() -> None:
    text = (
        "Quyết định này có hiệu lực kể từ ngày ký. Tuân thủ pháp luật của Nhà nước; "
        "văn bản quy phạm pháp luật; Luật này; các quy định tại Điều 8 của Quy chế này; "
        "ngày 29/8/2011; 24/24h."
    )
    assert find_citations(text) == []


def test_law_named_inside_an_amending_law_is_not_separate() -> None:
    text = (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật "
        "Tổ chức chính quyền địa phương ngày 22/11/2019;"
    )
    (citation,) = find_citations(text)
    assert citation.date == D(2019, 11, 22)
    assert citation.title.endswith("Luật Tổ chức chính quyền địa phương")


# --- shapes real documents take (docs: "Shapes real documents take") ---------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("245/kh-Ubnd", "245/KH-UBND"),
        ("245/Kh-Ubnd", "245/KH-UBND"),
        ("12/ttr-ubnd", "12/TTr-UBND"),
        ("749/qđ-ttg", "749/QĐ-TTg"),
        ("91/2015/qh13", "91/2015/QH13"),
        ("5/qyđ-ubnd", "5/QyĐ-UBND"),
        ("312/ubnd-kttc", "312/UBND-KTTC"),
    ],
)
def test_recase_symbol_of_a_copy_that_lost_the_case(written, expected):
    from congthongtin.vietnam.documents import recase_symbol

    assert recase_symbol(written) == expected
    assert parse_number(recase_symbol(written)).canonical == expected


def test_national_bodies_are_named_as_issuers_write_them():
    from congthongtin.vietnam.documents import NATIONAL_BODIES

    assert {"Quốc hội", "Chính phủ", "Thủ tướng Chính phủ", "Ủy ban Thường vụ Quốc hội"} <= (
        NATIONAL_BODIES
    )
    assert issuer_name("QH13") in NATIONAL_BODIES


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Thực hiện Quyết định số 112/QĐ-UBND ngày 10/01/2024 của UBND tỉnh;", "112/QĐ-UBND"),
        ("Theo Công văn số 12/UBND-VP ngày 03/01/2024 của UBND tỉnh Thanh Hóa;", "12/UBND-VP"),
        ("Triển khai Kế hoạch số 45/KH-UBND ngày 20/01/2024 của UBND tỉnh;", "45/KH-UBND"),
        ("Xét Tờ trình số 25/TTr-UBND ngày 01/12/2023 của UBND huyện;", "25/TTr-UBND"),
        ("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;", "05-CT/TW"),
        # TCVN3 with the Đ of the symbol in its legacy byte.
        ("C¨n cø QuyÕt ®Þnh sè 541/Q§-UBND ngµy 12/3/2012 cña UBND huyÖn;", "541/QĐ-UBND"),
        ("Caên cöù Quyeát ñònh soá 541/QÑ-UBND ngaøy 12/3/2012 cuûa UBND huyeän;", "541/QĐ-UBND"),
    ],
)
def test_citations_after_every_opening_word_and_in_legacy_text(line, number):
    (citation,) = find_citations(line)
    assert citation.number.canonical == number
    assert citation.date is not None


@pytest.mark.parametrize(
    "line",
    ["Theo đề nghị của Giám đốc Sở Tài chính.", "Xét đề nghị của Bộ trưởng Bộ Tư pháp,"],
)
def test_a_proposal_cites_nothing(line):
    assert find_citations(line) == []
