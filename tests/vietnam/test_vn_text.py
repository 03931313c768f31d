"""Golden tests for vietnam.text: legacy detection and repair, normalisation, check."""

from __future__ import annotations

import pathlib
import unicodedata

import pytest

from congthongtin.vietnam.text import (
    check,
    clean,
    clean_with_offsets,
    decode_tcvn3,
    decode_viqr,
    decode_vni,
    detect_legacy,
    encode_tcvn3,
    encode_viqr,
    encode_vni,
    fix_legacy,
    normalize,
)

SEEDS = pathlib.Path(__file__).resolve().parents[1] / "data" / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def seed_line(prefix: str, number: int) -> str:
    return seed(prefix).split("\n")[number - 1]


# S0 line 16 is entirely TCVN3; S4 lines 92, 98 and 267 mix TCVN3 and Unicode words.
# Expected Unicode written by hand.
GOLDEN_LINES = [
    (
        "000",
        16,
        "Căn cứ công văn số 5724/UBND - CNTT ngày 29/8/2011 của UBND tỉnh Thanh Hóa về việc "
        "hoạt động của các trang thông tin điện tử, các dịch vụ công trực tuyến;",
    ),
    (
        "004",
        92,
        " 2. Cán bộ, công chức, viên chức cơ quan Sở và các đơn vị trực thuộc Sở có trách "
        "nhiệm gửi tin, bài (bài nghiên cứu, bài viết chuyên sâu) về lĩnh vực Công Thương và "
        "các thông tin khác phù hợp với nhiệm vụ chuyên môn.",
    ),
    (
        "004",
        98,
        "1. Văn phòng Sở có trách nhiệm giúp Giám đốc Sở quản lý trực tiếp hoạt động của Website.",
    ),
    (
        "004",
        267,
        "4. Trưởng các phòng ban Sở, các đơn vị trực thuộc Sở chịu trách nhiệm trước Giám đốc "
        "Sở về những thông tin mà đơn vị cung cấp; ",
    ),
]


@pytest.mark.parametrize(("prefix", "line", "expected"), GOLDEN_LINES)
def test_seed_tcvn3_lines_convert_to_unicode(prefix: str, line: int, expected: str) -> None:
    raw = seed_line(prefix, line)
    assert raw != expected
    assert fix_legacy(raw) == expected
    assert all(span.encoding == "tcvn3" for span in detect_legacy(raw))


def test_s0_example_from_requirements() -> None:
    raw = (
        "C¨n cø c«ng v¨n sè 5724/UBND - CNTT ngµy 29/8/2011 cña UBND tØnh Thanh Hãa vÒ viÖc "
        "ho¹t ®éng cña c¸c trang th«ng tin ®iÖn tö, c¸c dÞch vô c«ng trùc tuyÕn;"
    )
    (span,) = detect_legacy(raw)
    # The run spans first to last word; the final ";" is not part of it.
    assert (span.start, span.end, span.encoding) == (0, len(raw) - 1, "tcvn3")
    assert span.converted == GOLDEN_LINES[0][2][:-1]


def test_mixed_line_reports_each_tcvn3_clause_with_its_position() -> None:
    raw = seed_line("004", 98)
    spans = detect_legacy(raw)
    assert [(s.original, s.converted) for s in spans] == [
        ("V¨n phßng", "Văn phòng"),
        (
            "cã tr¸ch nhiÖm gióp Gi¸m ®èc Së qu¶n lý trùc tiÕp ho¹t ®éng cña",
            "có trách nhiệm giúp Giám đốc Sở quản lý trực tiếp hoạt động của",
        ),
    ]
    for span in spans:
        assert raw[span.start : span.end] == span.original
    # The Unicode word between the two clauses is left alone.
    assert raw[spans[0].end : spans[1].start] == " Sở "


# Short real sentences (regulation and everyday text) used in several encodings.
SENTENCES = [
    GOLDEN_LINES[0][2],
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Ngôn ngữ chính trình bày thông tin trên Website là Tiếng Việt.",
    "Các đơn vị đã gửi thông tin, có trách nhiệm chỉnh sửa cho phù hợp và gửi lại cho Ban "
    "biên tập.",
    "Hội đồng nhân dân tỉnh Thừa Thiên Huế thông qua nghị quyết về dịch vụ công trực tuyến.",
    "Người dân được hỏi đáp về thủ tục hành chính qua cổng thông tin điện tử của xã.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni, encode_viqr])
def test_encoded_sentences_convert_back(sentence: str, encode) -> None:  # type: ignore[no-untyped-def]
    legacy = encode(sentence)
    assert legacy != sentence
    assert fix_legacy(legacy) == sentence
    expected = {encode_tcvn3: "tcvn3", encode_vni: "vni", encode_viqr: "viqr"}[encode]
    assert {span.encoding for span in detect_legacy(legacy)} == {expected}


def test_research_examples_decode() -> None:
    assert decode_tcvn3("QuyÕt ®Þnh") == "Quyết định"
    assert decode_tcvn3("Héi ®ång nh©n d©n") == "Hội đồng nhân dân"
    assert decode_tcvn3("ViÖt Nam") == "Việt Nam"
    assert decode_vni("Caên cöù coâng vaên soá") == "Căn cứ công văn số"
    assert decode_vni("UÛy ban nhaân daân") == "Ủy ban nhân dân"
    assert decode_vni("Xin chaøo caùc baïn") == "Xin chào các bạn"
    assert decode_viqr("Vie^.t Nam") == "Việt Nam"
    assert decode_viqr("ddu+o+`ng") == "đường"
    # NFD puts the dot below before the circumflex; VIQR writes the vowel mark first.
    assert encode_viqr("Việt Nam, ặ, Ậ, ợ") == "Vie^.t Nam, a(., A^., o+."
    # A literal d before d or đ is escaped, so "dd" is never misread as đ.
    assert encode_viqr("Đ dđ odd") == "DD \\ddd o\\dd"


def test_vni_clause_inside_unicode_sentence() -> None:
    clause = encode_vni("văn phòng Sở có trách nhiệm giúp Giám đốc")
    text = f"1. Chánh {clause} quản lý Website."
    assert fix_legacy(text) == (
        "1. Chánh văn phòng Sở có trách nhiệm giúp Giám đốc quản lý Website."
    )
    (span,) = detect_legacy(text)
    assert span.encoding == "vni"
    assert span.original == clause


def test_viqr_clause_inside_unicode_sentence() -> None:
    clause = encode_viqr("các đơn vị trực thuộc Sở")
    text = f"Cán bộ {clause} có trách nhiệm."
    assert clause == "ca'c ddo+n vi. tru+.c thuo^.c So+?"
    assert fix_legacy(text) == "Cán bộ các đơn vị trực thuộc Sở có trách nhiệm."


def test_soft_hyphen_for_u_horn_survives() -> None:
    # TCVN3 ư is byte 0xAD, the soft hyphen: here it survived copy and paste.
    assert "\xad" in encode_tcvn3("trường")
    assert fix_legacy("c¸c tr\xadêng häc vµ ng\xadêi d©n") == "các trường học và người dân"


def test_dropped_soft_hyphen_is_repaired_where_unambiguous() -> None:
    # "đ­îc" lost its 0xAD: "®îc" → "đợc" is no syllable, "được" is.
    assert fix_legacy("c¸c v¨n b¶n ®îc ban hµnh") == "các văn bản được ban hành"


def test_vntimeh_heading_upper_case_and_lower_positions() -> None:
    # A .VnTimeH heading typed with capital ASCII letters comes out in capitals.
    assert fix_legacy("QUY CHÕ HO¹T §éNG") == "QUY CHẾ HOẠT ĐỘNG"
    # Typed in lower case it comes out lower case: nothing in the text says otherwise.
    assert fix_legacy("quy chÕ ho¹t ®éng") == "quy chế hoạt động"


def as_cp1252(data: bytes) -> str:
    """What a tool shows for bytes it reads as Windows-1252 (Latin-1 where undefined)."""
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in data
    )


def test_double_encoded_utf8() -> None:
    text = "Căn cứ Quyết định số 541/QĐ-UBND về việc ban hành Quy chế"
    broken = as_cp1252(text.encode("utf-8"))
    assert broken.startswith("CÄƒn cá»©")
    assert fix_legacy(broken) == text
    assert {s.encoding for s in detect_legacy(broken)} == {"utf8"}


CLEAN_PARAGRAPHS = [
    # Unicode Vietnamese (from the seeds and elsewhere), with symbols that are TCVN3 bytes.
    seed_line("000", 194),
    "Trích dẫn «Quy chế hoạt động của Trang thông tin điện tử» © 2024 Sở Công Thương ®; "
    "ống thép Ø 20mm, lớp phủ dày 5 µm và 10 µm; ý kiến góp ý.",
    "Tôi có cá. Nó là mẹ tôi. Có một ngày tôi ở Hà Nội, bé đi chơi, cô mời tí chè.",
    "Hòa Bình, Hoà Bình, thủy lợi, thuỷ lợi, khỏe, khoẻ, quý, Quý.",
    # English, French, German, Spanish, Portuguese.
    "Copyright © 2024 Acme Corp®. All rights reserved. Let's go. Yes? e.g. i.e. C++ x^2.",
    "Il a dû partir tôt. Où est le café? «Bonjour», dit-il. Très élevé, à côté de l'hôtel; "
    "naïve Noël, goût, août, Raphaël, héroïque, ça, être, île, dîner, thé, né.",
    "Die Größe der Straße beträgt 20 µm. Über München nach Köln; Grüße, Müller. Öl, für.",
    "¿Dónde está el niño? ¡Mañana! Señor, año, sí, más, también, acción, 1ª, ñu.",
    "São Paulo, não, você, três, leões, põe, mãe, coração, avô, pôr.",
    "Preis: £50, ¥100, § 3 BGB, 25 °C, ½ cup, × 2, ÷ 3, µg/l, ©2024, Ø.",
    # Words that look like one legacy word each: Norwegian "på/nå/må" (TCVN3 pồ, nồ, mồ),
    # Spanish "aún" (VNI ẳn), Romanian "În", English "I'm", "a.m." (VIQR ím, ạm).
    "Er du sikker på at du vil slette den nå? Du må logge inn. În România. Raúl aún.",
    "I'm here and I'm ready; open 8 a.m. to 11 a.m. daily, o'clock, ma'am, C++, e^x.",
    "Pronto? Sì, è già là. Così, più, perché, città, Meán Fómhair.",
]


@pytest.mark.parametrize("paragraph", CLEAN_PARAGRAPHS)
def test_genuine_text_reports_no_problem(paragraph: str) -> None:
    assert detect_legacy(paragraph) == []
    assert fix_legacy(paragraph) == paragraph
    assert check(paragraph) == []


def test_document_symbol_with_eth_is_a_lookalike_not_tcvn3() -> None:
    text = "Nghị định 42/2022/NÐ-CP, 43/2011/NÐ-CP và QÐ-UBND"
    assert detect_legacy(text) == []
    codes = [p.code for p in check(text)]
    assert codes == ["lookalike_d"] * 3
    assert normalize(text) == "Nghị định 42/2022/NĐ-CP, 43/2011/NĐ-CP và QĐ-UBND"


def test_normalize() -> None:
    nfd = unicodedata.normalize("NFD", "Việt Nam")
    assert len(nfd) > len("Việt Nam")
    assert normalize(nfd) == "Việt Nam"
    assert normalize("Ðà Nẵng, ðường") == "Đà Nẵng, đường"
    assert normalize(normalize(nfd)) == normalize(nfd)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_fixed_seed_has_no_legacy_and_nothing_else_changed(prefix: str) -> None:
    text = seed(prefix)
    spans = detect_legacy(text)
    fixed = fix_legacy(text)
    assert not [p for p in check(fixed) if p.code.startswith("legacy_")]
    # Outside the legacy runs not one character changed.
    pos = 0
    out = 0
    for span in spans:
        gap = span.start - pos
        assert fixed[out : out + gap] == text[pos : span.start]
        out += gap + len(span.converted)
        pos = span.end
    assert fixed[out:] == text[pos:]
    assert fix_legacy(fixed) == fixed


def test_only_s0_and_s4_contain_tcvn3() -> None:
    found = {p: len(detect_legacy(seed(p))) for p in ["000", "001", "002", "003", "004"]}
    assert found == {"000": 1, "001": 0, "002": 0, "003": 0, "004": 5}


def test_check_reports_legacy_with_position_message_and_suggestion() -> None:
    text = seed("000")
    legacy = [p for p in check(text) if p.code.startswith("legacy_")]
    assert len(legacy) == 1
    (problem,) = legacy
    assert problem.code == "legacy_tcvn3"
    assert problem.severity == "error"
    assert (problem.line, problem.column) == (16, 1)
    assert text[problem.start : problem.end].startswith("C¨n cø c«ng v¨n sè")
    assert problem.suggestion == GOLDEN_LINES[0][2][:-1]
    assert "TCVN3" in problem.message and "Unicode" in problem.message


def test_check_not_nfc_control_and_invisible() -> None:
    nfd = unicodedata.normalize("NFD", "Điều")
    text = f"Xem {nfd} 5\x07 và\u200b mục 2."
    problems = check(text)
    assert [p.code for p in problems] == ["not_nfc", "control_char", "invisible_char"]
    not_nfc, control, invisible = problems
    assert text[not_nfc.start : not_nfc.end] == nfd
    assert not_nfc.suggestion == "Điều"
    assert not_nfc.severity == "warning"
    assert text[control.start] == "\x07" and control.severity == "error"
    assert text[invisible.start] == "\u200b"
    assert clean(text) == "Xem Điều 5 và mục 2."
    assert check(clean(text)) == []


def test_seeds_with_nfd_text_get_not_nfc_warnings_only() -> None:
    problems = check(seed("002"))
    assert problems and {p.code for p in problems} == {"not_nfc"}
    assert check(normalize(seed("002"))) == []


def test_messages_are_vietnamese() -> None:
    text = "C¨n cø c«ng v¨n sè\x01 Ð " + unicodedata.normalize("NFD", "Việt") + "\ufeff"
    vietnamese = set("ăâđêôơưạảấầẩậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    problems = check(text)
    assert {p.code for p in problems} == {
        "legacy_tcvn3",
        "control_char",
        "lookalike_d",
        "not_nfc",
        "invisible_char",
    }
    for problem in problems:
        assert vietnamese & set(problem.message), problem.message


def test_clean_with_offsets_maps_back_to_original() -> None:
    text = "Xem " + encode_vni("Quyết định số") + " 541/QĐ-UBND; C¨n cø 42/2022/NÐ-CP"
    cleaned, origin = clean_with_offsets(text)
    assert cleaned == "Xem Quyết định số 541/QĐ-UBND; Căn cứ 42/2022/NĐ-CP"
    assert len(origin) == len(cleaned) + 1
    i = cleaned.index("541")
    assert text[origin[i] : origin[i] + 3] == "541"
    j = cleaned.index("Quyết")
    assert text[origin[j] :].startswith("Quyeát")
    assert origin[-1] == len(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sè: 15/Q§-UBND", "Số: 15/QĐ-UBND"),
        ("42/2022/N§-CP", "42/2022/NĐ-CP"),
        ("Sè: 08/NQ-H§ND", "Số: 08/NQ-HĐND"),
        ("Sè: 3/Qy§-UBND", "Số: 3/QyĐ-UBND"),
        ("Soá: 15/QÑ-UBND", "Số: 15/QĐ-UBND"),
        ("Soá: 08/NQ-HÑND", "Số: 08/NQ-HĐND"),
    ],
)
def test_legacy_d_inside_a_document_symbol_converts(raw: str, expected: str) -> None:
    assert fix_legacy(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["§ 5 Abs. 2 BGB", "Art. 3 §2 des Vertrags", "AÑO-2024", "ESPAÑA/FRANCIA", "NÐ-CP"],
)
def test_section_sign_and_spanish_words_are_not_symbols(text: str) -> None:
    assert fix_legacy(text) == normalize(text) or fix_legacy(text) == text
