"""The shapes real documents take (docs: "Shapes real documents take"), one class at a time.

Each class has several variants written the way files and copies deliver them: the
heading table of NĐ 30/2020/NĐ-CP flattened cell by cell, legacy-encoded numbers,
"Thực hiện/Theo/Triển khai/Xét" bases, signature blocks, national issuers and laws.
"""

import datetime

import pytest

from congthongtin.legal.importer.extract import extract_metadata
from congthongtin.vietnam.text import encode_tcvn3, encode_vni, fix_legacy

D = datetime.date

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PLACE_DATE = "Thanh Hóa, ngày 05 tháng 3 năm 2024"

# --- class 1: the heading table -----------------------------------------------------------

HEADERS = {
    # Two rows, cells left → right: issuer | motto, then number | place and date.
    "two_rows": [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THANH HÓA",
        "-------",
        *MOTTO,
        "---------------",
        "Số: 245/KH-UBND",
        PLACE_DATE,
    ],
    # One row: the left cell holds issuer and number, the right one motto and date.
    "one_row": [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THANH HÓA",
        "-------",
        "Số: 245/KH-UBND",
        *MOTTO,
        "---------------",
        PLACE_DATE,
    ],
    # Three rows of two cells (the older template).
    "three_rows": [
        "ỦY BAN NHÂN DÂN",
        MOTTO[0],
        "TỈNH THANH HÓA",
        MOTTO[1],
        "Số: 245/KH-UBND",
        PLACE_DATE,
    ],
    # Issuer on one line, abbreviated.
    "abbreviated": ["UBND TỈNH THANH HÓA", *MOTTO, "Số: 245/KH-UBND", PLACE_DATE],
    # Copied text: the columns joined by tabs.
    "tabs": [
        f"ỦY BAN NHÂN DÂN\t\t{MOTTO[0]}",
        f"TỈNH THANH HÓA\t\t{MOTTO[1]}",
        f"Số: 245/KH-UBND\t\t{PLACE_DATE}",
    ],
    # Copied text: the columns joined by runs of spaces.
    "spaces": [
        f"ỦY BAN NHÂN DÂN          {MOTTO[0]}",
        f"    TỈNH THANH HÓA                {MOTTO[1]}",
        f"Số: 245/KH-UBND              {PLACE_DATE}",
    ],
    # The old reader ran the cells together without a space.
    "glued": [
        "ỦY BAN NHÂN DÂNTỈNH THANH HÓASố: 245/KH-UBND",
        f"{MOTTO[0]}{MOTTO[1]}{PLACE_DATE}",
    ],
    # ...and a later step wrote every word with a capital (str.title()).
    "glued_title_case": [
        "ỦY BAN NHÂN DÂNTỈNH THANH HÓASỐ: 245/KH-UBND".title(),
        f"{MOTTO[0]}{MOTTO[1]}{PLACE_DATE}".title(),
    ],
    # The shape reported from the field, mixed case as it came.
    "glued_mixed_case": [
        "Ủy Ban Nhân Dântỉnh Thanh Hóasố: 245/kh-Ubnd",
        "Cộng Hòa Xã Hội Chủ Nghĩa Việt Namđộc Lập - Tự Do - Hạnh Phúcthanh Hóa, Ngày 05 "
        "Tháng 3 Năm 2024",
    ],
}

SUMMARY = ["KẾ HOẠCH", "Triển khai thực hiện Đề án phát triển du lịch", "tỉnh Thanh Hóa năm 2024"]
SUMMARY_TEXT = "Triển khai thực hiện Đề án phát triển du lịch tỉnh Thanh Hóa năm 2024"
PLAN_BODY = [
    "Thực hiện Quyết định số 112/QĐ-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh Thanh Hóa "
    "phê duyệt Đề án phát triển du lịch tỉnh Thanh Hóa đến năm 2030, Ủy ban nhân dân tỉnh "
    "ban hành Kế hoạch triển khai thực hiện năm 2024 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Cụ thể hóa các nhiệm vụ, giải pháp của Đề án.",
    "2. Yêu cầu",
    "Các sở, ngành, địa phương chủ động triển khai.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "Căn cứ chức năng, nhiệm vụ được giao, các sở, ngành thực hiện các nội dung sau.",
    "III. TỔ CHỨC THỰC HIỆN",
    "Trên đây là Kế hoạch triển khai thực hiện Đề án năm 2024 của Ủy ban nhân dân tỉnh.",
    "Nơi nhận:",
    "- Các sở, ban, ngành cấp tỉnh;",
    "- UBND các huyện, thị xã, thành phố;",
    "- Lưu: VT, KTTC.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Đầu Thanh Tùng",
]


def plan(header, summary=SUMMARY, body=PLAN_BODY):
    return "\n".join([*header, *summary, *body])


@pytest.mark.parametrize("shape", sorted(HEADERS))
def test_heading_table__every_shape_gives_the_same_metadata(shape):
    result = extract_metadata(plan(HEADERS[shape]))
    assert result.number_symbol == "245/KH-UBND"
    assert result.document_type == "Kế hoạch"
    assert result.issuing_body == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert (result.place, result.issue_date) == ("Thanh Hóa", D(2024, 3, 5))
    assert result.summary == SUMMARY_TEXT
    assert (result.signer, result.signer_position) == ("Đầu Thanh Tùng", "Phó Chủ tịch")
    assert result.title == f"Kế hoạch 245/KH-UBND triển khai thực hiện {SUMMARY_TEXT[21:]}"
    assert [c.number for c in result.citations] == ["112/QĐ-UBND"]
    assert result.problems == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["UBND TỈNH THANH HÓA", "SỞ TÀI CHÍNH"], "Sở Tài chính"),
        (["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "SỞ TÀI CHÍNH"], "Sở Tài chính"),
        (["UBND TỈNH THANH HÓA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "Sở Giáo dục và Đào tạo"),
        (["UBND HUYỆN NHƯ XUÂN", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"], "Phòng Tài chính - Kế hoạch"),
    ],
)
def test_heading_table__issuer_under_its_parent(lines, expected):
    header = [*lines, "-------", "Số: 245/KH-STC", *MOTTO, PLACE_DATE]
    result = extract_metadata(plan(header))
    assert result.issuing_body == expected
    assert result.number_symbol == "245/KH-STC"
    assert result.summary == SUMMARY_TEXT


# What follows the summary: the summary must stop there.
BODY_STARTS = {
    "separator": ["-------------"],
    "roman_heading": ["I. MỤC ĐÍCH, YÊU CẦU"],
    "numbered_heading": ["1. Mục đích"],
    "thuc_hien": ["Thực hiện Quyết định số 112/QĐ-UBND ngày 10/01/2024 của UBND tỉnh;"],
    "can_cu": ["Căn cứ Nghị quyết số 15/NQ-HĐND ngày 08/12/2023 của HĐND tỉnh;"],
    "theo": ["Theo Công văn số 12/UBND-VP ngày 03/01/2024 của UBND tỉnh;"],
    "trien_khai": ["Triển khai Chương trình số 05/CTr-UBND ngày 02/01/2024 của UBND tỉnh,"],
    "paragraph": [
        "Nhằm đẩy mạnh phát triển du lịch trở thành ngành kinh tế mũi nhọn, Ủy ban nhân dân "
        "tỉnh ban hành Kế hoạch với các nội dung cụ thể như sau"
    ],
    "lead_in_colon": ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"],
    "lead_in_nhu_sau": ["Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau"],
    "kinh_gui": ["Kính gửi: Các sở, ban, ngành cấp tỉnh."],
}


@pytest.mark.parametrize("start", sorted(BODY_STARTS))
def test_summary_stops_where_the_body_starts(start):
    body = [*BODY_STARTS[start], "Nội dung kế hoạch gồm các phần sau đây", *PLAN_BODY[1:]]
    result = extract_metadata(plan(HEADERS["two_rows"], body=body))
    assert result.summary == SUMMARY_TEXT


@pytest.mark.parametrize(
    ("heading", "summary"),
    [
        (["KẾ HOẠCH Triển khai thực hiện Đề án phát triển du lịch", SUMMARY[2]], SUMMARY_TEXT),
        (["KẾ HOẠCH TRIỂN KHAI THỰC HIỆN ĐỀ ÁN PHÁT TRIỂN DU LỊCH TỈNH THANH HÓA NĂM 2024"], None),
        (
            ["KẾ HOẠCH V/v triển khai thực hiện Đề án phát triển du lịch", SUMMARY[2]],
            "triển khai thực hiện Đề án phát triển du lịch tỉnh Thanh Hóa năm 2024",
        ),
    ],
)
def test_type_and_summary_on_one_line(heading, summary):
    """Copies from portals often put the summary on the type's line."""
    result = extract_metadata(plan(HEADERS["two_rows"], summary=heading))
    assert result.document_type == "Kế hoạch"
    assert result.summary == (summary or SUMMARY_TEXT.replace("Đề án", "đề án"))


@pytest.mark.parametrize("start", ["roman_heading", "paragraph", "thuc_hien"])
def test_summary_in_capitals_stops_at_the_sentence_case_body(start):
    summary = [
        "KẾ HOẠCH",
        "TRIỂN KHAI THỰC HIỆN ĐỀ ÁN PHÁT TRIỂN DU LỊCH",
        "TỈNH THANH HÓA NĂM 2024",
    ]
    body = [*BODY_STARTS[start], "Các sở, ngành chủ động triển khai", *PLAN_BODY[1:]]
    result = extract_metadata(plan(HEADERS["one_row"], summary=summary, body=body))
    assert result.summary == (
        "Triển khai thực hiện đề án phát triển du lịch tỉnh Thanh Hóa năm 2024"
    )


def test_summary_in_capitals_then_a_sentence_case_line():
    summary = ["KẾ HOẠCH", "KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024"]
    body = ["Để nâng cao hiệu quả công tác cải cách hành chính", *PLAN_BODY[1:]]
    result = extract_metadata(plan(HEADERS["two_rows"], summary=summary, body=body))
    assert result.summary == "Kiểm tra công tác cải cách hành chính năm 2024"


@pytest.mark.parametrize(
    "after",
    [
        ["Kính gửi: Các sở, ban, ngành cấp tỉnh."],
        ["Kính gửi:", "- Các sở, ban, ngành cấp tỉnh;", "- UBND các huyện, thị xã, thành phố."],
    ],
)
def test_official_letter__subject_on_two_lines_stops_at_kinh_gui(after):
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH THANH HÓA",
            "Số: 312/UBND-KTTC",
            "V/v triển khai Kế hoạch phát triển",
            "du lịch năm 2024",
            *MOTTO,
            PLACE_DATE,
            *after,
            "Thực hiện Kế hoạch số 245/KH-UBND ngày 05/3/2024 của UBND tỉnh, Ủy ban nhân dân "
            "tỉnh đề nghị các đơn vị triển khai.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "TL. CHỦ TỊCH",
            "CHÁNH VĂN PHÒNG",
            "Lê Đức Giang",
        ]
    )
    result = extract_metadata(text)
    assert result.document_type == "Công văn"
    assert result.number_symbol == "312/UBND-KTTC"
    assert result.summary == "triển khai Kế hoạch phát triển du lịch năm 2024"
    assert result.issuing_body == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert (result.signer, result.signer_position) == ("Lê Đức Giang", "Chánh Văn phòng")


# --- class 2: legacy-encoded numbers -------------------------------------------------------

DECISION = [
    "ỦY BAN NHÂN DÂN",
    "XÃ XUÂN BÌNH",
    *MOTTO,
    "Số: 15/QĐ-UBND",
    "Xuân Bình, ngày 05 tháng 3 năm 2026",
    "QUYẾT ĐỊNH",
    "Về việc kiện toàn Ban biên tập Trang thông tin điện tử xã",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ XUÂN BÌNH",
    "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp "
    "thông tin và dịch vụ công trực tuyến;",
    "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện Như Xuân;",
    "Xét đề nghị của Công chức Văn phòng - Thống kê xã.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Kiện toàn Ban biên tập Trang thông tin điện tử xã.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Nơi nhận:",
    "- Như Điều 2;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Lê Văn Cường",
]


def _legacy_checks(result):
    assert result.number_symbol == "15/QĐ-UBND"
    assert result.document_type == "Quyết định"
    assert result.issuing_body == "Ủy ban nhân dân xã Xuân Bình"
    assert result.issue_date == D(2026, 3, 5)
    assert [c.number for c in result.citations] == ["42/2022/NĐ-CP", "541/QĐ-UBND"]
    assert (result.signer, result.signer_position) == ("Lê Văn Cường", "Chủ tịch")
    assert any("TCVN3/VNI" in p for p in result.problems)


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni], ids=["tcvn3", "vni"])
def test_legacy_file__number_and_citations_read_after_conversion(encode):
    raw = encode("\n".join(DECISION))
    assert "15/QĐ-UBND" not in raw
    _legacy_checks(extract_metadata(raw))


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni], ids=["tcvn3", "vni"])
def test_legacy_lines_pasted_into_unicode_text(encode):
    lines = list(DECISION)
    for i, line in enumerate(lines):
        if line.startswith(("Số:", "Căn cứ Quyết định")):
            lines[i] = encode(line)
    _legacy_checks(extract_metadata("\n".join(lines)))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sè: 15/Q§-UBND", "Số: 15/QĐ-UBND"),
        ("Sè: 42/2022/N§-CP", "Số: 42/2022/NĐ-CP"),
        ("Sè: 08/NQ-H§ND", "Số: 08/NQ-HĐND"),
        ("Sè: 05/TB-§CT", "Số: 05/TB-ĐCT"),
        (
            "C¨n cø QuyÕt ®Þnh sè 541/Q§-UBND ngµy 12/3/2012 cña Chñ tÞch UBND huyÖn;",
            "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện;",
        ),
        ("Soá: 15/QÑ-UBND", "Số: 15/QĐ-UBND"),
        ("Soá: 42/2022/NÑ-CP", "Số: 42/2022/NĐ-CP"),
        (
            "Caên cöù Quyeát ñònh soá 541/QÑ-UBND ngaøy 12/3/2012 cuûa Chuû tòch UBND huyeän;",
            "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện;",
        ),
    ],
)
def test_legacy_symbol_tokens_convert(raw, expected):
    assert fix_legacy(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "§ 5 Abs. 2 BGB gilt entsprechend.",
        "Art. 3 §2 des Vertrags",
        "AÑO-2024 ESPAÑA/FRANCIA",
        "Số: 15/QĐ-UBND",
    ],
)
def test_symbol_rule_leaves_other_text_alone(text):
    assert fix_legacy(text) == text


# --- class 3: bases other than "Căn cứ" ---------------------------------------------------

BASES = {
    "thuc_hien": (
        "Thực hiện Quyết định số 112/QĐ-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh;",
        "112/QĐ-UBND",
    ),
    "theo": ("Theo Công văn số 12/UBND-VP ngày 03/01/2024 của UBND tỉnh Thanh Hóa;", "12/UBND-VP"),
    "trien_khai": (
        "Triển khai Kế hoạch số 45/KH-UBND ngày 20/01/2024 của UBND tỉnh;",
        "45/KH-UBND",
    ),
    "xet": ("Xét Tờ trình số 25/TTr-UBND ngày 01/12/2023 của UBND huyện;", "25/TTr-UBND"),
    "party": ("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;", "05-CT/TW"),
    "bullet": (
        "- Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ;",
        "42/2022/NĐ-CP",
    ),
}


def decision_with(bases):
    head = DECISION[:9]
    tail = DECISION[12:]
    return "\n".join([*head, *bases, "QUYẾT ĐỊNH:", *tail[1:]])


@pytest.mark.parametrize("kind", sorted(BASES))
def test_bases__each_opening_word_gives_a_citation(kind):
    line, number = BASES[kind]
    result = extract_metadata(decision_with(["Căn cứ Luật Tổ chức chính quyền địa phương;", line]))
    assert [c.number for c in result.citations if c.number] == [number]


def test_bases__a_proposal_is_no_citation():
    bases = [
        "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện;",
        "Theo đề nghị của Giám đốc Sở Tài chính.",
        "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 88/TTr-NV ngày 01/3/2026.",
    ]
    result = extract_metadata(decision_with(bases))
    assert [c.number for c in result.citations] == ["541/QĐ-UBND"]


def test_bases__a_basis_wrapped_over_two_lines():
    bases = [
        "Căn cứ Quyết định số 541/QĐ-UBND ngày 12 tháng 3 năm 2012 của Chủ tịch Ủy ban nhân",
        "dân huyện Như Xuân; Thực hiện Kế hoạch",
        "số 45/KH-UBND ngày 20/01/2024 của UBND huyện;",
    ]
    result = extract_metadata(decision_with(bases))
    assert [c.number for c in result.citations] == ["541/QĐ-UBND", "45/KH-UBND"]


def test_bases__a_plan_without_operative_line_stops_at_its_first_section():
    body = [
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/01/2024 của UBND tỉnh;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Thực hiện đúng Quyết định số 99/QĐ-UBND ngày 02/02/2024 của UBND tỉnh.",
        "Căn cứ kết quả năm 2023, các đơn vị đề xuất nhiệm vụ.",
        *PLAN_BODY[-7:],
    ]
    result = extract_metadata(plan(HEADERS["two_rows"], body=body))
    assert [c.number for c in result.citations] == ["45/KH-UBND"]


# --- class 4: signature blocks ------------------------------------------------------------

SIGNATURES = {
    "tm_three_lines": (
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"],
        ("Nguyễn Văn An", "Chủ tịch"),
    ),
    "kt_one_line": (["KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Bình"], ("Lê Văn Bình", "Phó Chủ tịch")),
    "tm_one_line": (["TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An"], ("Nguyễn Văn An", "Chủ tịch")),
    "tm_kt_four_lines": (
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"],
        ("Lê Văn Bình", "Phó Chủ tịch"),
    ),
    "tl": (
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "(Đã ký)", "Lê Đức Giang"],
        ("Lê Đức Giang", "Chánh Văn phòng"),
    ),
    "tuq": (
        ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ", "Trịnh Huy Triều"],
        ("Trịnh Huy Triều", "Giám đốc Sở Nội vụ"),
    ),
    "q": (["Q. GIÁM ĐỐC", "(Đã ký)", "Trần Gia Khương"], ("Trần Gia Khương", "Q. Giám đốc")),
    "placeholder": (
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, ghi rõ họ tên và đóng dấu)", "Hoàng Văn Dũng"],
        ("Hoàng Văn Dũng", "Phó Giám đốc"),
    ),
    "signature_image": (
        ["CHỦ TỊCH", "[Chữ ký số]", "", "", "Nguyễn Văn An"],
        ("Nguyễn Văn An", "Chủ tịch"),
    ),
    "unlisted_family_name": (
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Y Biêr Niê"],
        ("Y Biêr Niê", "Phó Chủ tịch"),
    ),
    "hmong_name": (["CHỦ TỊCH", "Sùng A Páo"], ("Sùng A Páo", "Chủ tịch")),
    "capitals": (
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "NGUYỄN VĂN AN"],
        ("Nguyễn Văn An", "Phó Chủ tịch"),
    ),
    "tabs": (
        ["\t\tKT. CHỦ TỊCH", "\t\tPHÓ CHỦ TỊCH", "", "\t\tLê Văn Bình"],
        ("Lê Văn Bình", "Phó Chủ tịch"),
    ),
    "prime_minister": (
        ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Hồng Hà"],
        ("Trần Hồng Hà", "Phó Thủ tướng"),
    ),
}


def decision_signed(block, *, recipients_first=True):
    recipients = ["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT."]
    closing = [*recipients, *block] if recipients_first else [*block, *recipients]
    return "\n".join([*DECISION[:-5], *closing])


@pytest.mark.parametrize("shape", sorted(SIGNATURES))
def test_signature_block_shapes(shape):
    block, expected = SIGNATURES[shape]
    result = extract_metadata(decision_signed(block))
    assert (result.signer, result.signer_position) == expected


@pytest.mark.parametrize("shape", ["tm_three_lines", "kt_one_line", "capitals"])
def test_signature_block_before_the_recipients(shape):
    block, expected = SIGNATURES[shape]
    result = extract_metadata(decision_signed(block, recipients_first=False))
    assert (result.signer, result.signer_position) == expected


def test_signature_block_with_recipients_side_by_side():
    lines = [
        "Nơi nhận:\t\t\tKT. CHỦ TỊCH",
        "- Như Điều 2;\t\t\tPHÓ CHỦ TỊCH",
        "- Lưu: VT.",
        "\t\t\tLê Văn Bình",
    ]
    result = extract_metadata("\n".join([*DECISION[:-5], *lines]))
    assert (result.signer, result.signer_position) == ("Lê Văn Bình", "Phó Chủ tịch")


def test_template_with_only_the_placeholder_has_no_signer():
    block = ["CHỦ TỊCH", "(Ký, ghi rõ họ tên và đóng dấu)"]
    result = extract_metadata(decision_signed(block))
    assert result.signer is None
    assert "Không tìm thấy người ký." in result.problems


# --- class 5: national bodies and laws ----------------------------------------------------

LAW = [
    "QUỐC HỘI",
    "-------",
    *MOTTO,
    "---------------",
    "Luật số: 31/2024/QH15",
    "Hà Nội, ngày 18 tháng 01 năm 2024",
    "LUẬT",
    "ĐẤT ĐAI",
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    "Quốc hội ban hành Luật Đất đai.",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Luật này quy định về chế độ sở hữu đất đai.",
    "Điều 2. Đối tượng áp dụng",
    "Theo quy định của Luật này, cơ quan nhà nước thực hiện quyền hạn của đại diện chủ sở hữu.",
    "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp bất "
    "thường lần thứ 5 thông qua ngày 18 tháng 01 năm 2024.",
    "CHỦ TỊCH QUỐC HỘI",
    "Vương Đình Huệ",
]


def test_law_with_two_line_heading():
    result = extract_metadata("\n".join(LAW))
    assert result.number_symbol == "31/2024/QH15"
    assert result.document_type == "Luật"
    assert result.issuing_body == "Quốc hội"
    assert result.issue_date == D(2024, 1, 18)
    assert result.title == "Luật Đất đai"
    assert (result.signer, result.signer_position) == ("Vương Đình Huệ", "Chủ tịch Quốc hội")
    assert result.problems == []


@pytest.mark.parametrize(
    ("heading", "formula", "title"),
    [
        (["BỘ LUẬT DÂN SỰ"], "Quốc hội ban hành Bộ luật dân sự.", "Bộ luật Dân sự"),
        (["BỘ LUẬT", "HÀNG HẢI VIỆT NAM"], "", "Bộ luật Hàng hải Việt Nam"),
        (["LUẬT", "NGÂN SÁCH NHÀ NƯỚC"], "Quốc hội ban hành Luật Ngân sách nhà nước.", None),
        (
            ["LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI"],
            "",
            "Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
        ),
    ],
)
def test_law_usual_title(heading, formula, title):
    lines = [*LAW[:7], *heading, LAW[9], formula, *LAW[11:]]
    result = extract_metadata("\n".join(lines))
    kind = "Bộ luật" if heading[0].startswith("BỘ LUẬT") else "Luật"
    assert result.document_type == kind
    assert result.title == (title or "Luật Ngân sách nhà nước")
    assert result.number_symbol == "31/2024/QH15"
    assert not any("chỉ ghi chung" in p for p in result.problems)


NATIONAL = {
    "government": (
        [
            "CHÍNH PHỦ",
            *MOTTO,
            "Số: 42/2022/NĐ-CP",
            "Hà Nội, ngày 24 tháng 6 năm 2022",
            "NGHỊ ĐỊNH",
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà "
            "nước trên môi trường mạng",
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
            "Theo đề nghị của Bộ trưởng Bộ Thông tin và Truyền thông;",
            "Chính phủ ban hành Nghị định quy định về việc cung cấp thông tin và dịch vụ công "
            "trực tuyến của cơ quan nhà nước trên môi trường mạng.",
            "Chương I",
            "QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
            "Nơi nhận:",
            "- Ban Bí thư Trung ương Đảng;",
            "- Lưu: VT, KSTT (2).",
            "TM. CHÍNH PHỦ",
            "KT. THỦ TƯỚNG",
            "PHÓ THỦ TƯỚNG",
            "Vũ Đức Đam",
        ],
        ("42/2022/NĐ-CP", "Nghị định", "Chính phủ", "Vũ Đức Đam", "Phó Thủ tướng"),
    ),
    "prime_minister": (
        [
            "THỦ TƯỚNG CHÍNH PHỦ",
            *MOTTO,
            "Số: 749/QĐ-TTg",
            "Hà Nội, ngày 03 tháng 6 năm 2020",
            "QUYẾT ĐỊNH",
            "Phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”",
            "THỦ TƯỚNG CHÍNH PHỦ",
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
            "Xét đề nghị của Bộ trưởng Bộ Thông tin và Truyền thông,",
            "QUYẾT ĐỊNH:",
            "Điều 1. Phê duyệt Chương trình.",
            "Nơi nhận:",
            "- Lưu: VT, KGVX (2).",
            "THỦ TƯỚNG",
            "Nguyễn Xuân Phúc",
        ],
        ("749/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "Nguyễn Xuân Phúc", "Thủ tướng"),
    ),
    "standing_committee": (
        [
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            *MOTTO,
            "Nghị quyết số: 1104/NQ-UBTVQH14",
            "Hà Nội, ngày 23 tháng 11 năm 2020",
            "NGHỊ QUYẾT",
            "Về việc sửa đổi, bổ sung một số điều của Nghị quyết số 1097/2015/UBTVQH13",
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "QUYẾT NGHỊ:",
            "Điều 1. Sửa đổi, bổ sung.",
            "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            "CHỦ TỊCH",
            "Nguyễn Thị Kim Ngân",
        ],
        (
            "1104/NQ-UBTVQH14",
            "Nghị quyết",
            "Ủy ban Thường vụ Quốc hội",
            "Nguyễn Thị Kim Ngân",
            "Chủ tịch",
        ),
    ),
    "ministry": (
        [
            "BỘ TÀI CHÍNH",
            *MOTTO,
            "Số: 58/2020/TT-BTC",
            "Hà Nội, ngày 22 tháng 6 năm 2020",
            "THÔNG TƯ",
            "Quy định về lập dự toán ngân sách nhà nước",
            "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
            "Theo đề nghị của Vụ trưởng Vụ Pháp chế;",
            "Bộ trưởng Bộ Tài chính ban hành Thông tư quy định về lập dự toán.",
            "Chương I",
            "Điều 1. Phạm vi điều chỉnh",
            "Nơi nhận:",
            "- Lưu: VT, PC.",
            "KT. BỘ TRƯỞNG",
            "THỨ TRƯỞNG",
            "Huỳnh Quang Hải",
        ],
        ("58/2020/TT-BTC", "Thông tư", "Bộ Tài chính", "Huỳnh Quang Hải", "Thứ trưởng"),
    ),
}


@pytest.mark.parametrize("shape", sorted(NATIONAL))
def test_national_bodies_need_no_place(shape):
    lines, (number, kind, issuer, signer, position) = NATIONAL[shape]
    result = extract_metadata("\n".join(lines))
    assert result.number_symbol == number
    assert result.document_type == kind
    assert result.issuing_body == issuer
    assert result.place == "Hà Nội"
    assert (result.signer, result.signer_position) == (signer, position)
    assert result.problems == []
    assert result.title.startswith(f"{kind} {number} ")
