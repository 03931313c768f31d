"""The readers' line contract (core.reading): one line per paragraph, table cells in reading
order, text boxes once, headers first, legacy fonts converted; in every text encoding."""

import io
import zipfile

import pytest

from congthongtin.core.reading import read_document
from congthongtin.core.reading.docx import decode_by_font, legacy_font
from congthongtin.vietnam.text import encode_tcvn3, encode_viqr, encode_vni
from tests.core.documents import LINES, heading_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def p(*runs: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def r(text: str = "", font: str = "", inner: str = "") -> str:
    properties = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    content = f'<w:t xml:space="preserve">{text}</w:t>' if text else ""
    return f"<w:r>{properties}{content}{inner}</w:r>"


def tc(*blocks: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(blocks)}</w:tc>"


def tbl(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{''.join(row)}</w:tr>" for row in rows) + "</w:tbl>"


def docx_package(body: str, *, parts=None, relations=(), section="", styles="") -> bytes:
    """A .docx written by hand: ``body`` (WordprocessingML blocks), extra ``parts``
    (name → XML), ``relations`` ((id, type, target)) and a section's properties."""
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"/>'
        for rid, kind, target in relations
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}><w:body>{body}'
            f"<w:sectPr>{section}</w:sectPr></w:body></w:document>",
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        if styles:
            archive.writestr(
                "word/styles.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:styles {NAMESPACES}>{styles}</w:styles>',
            )
        for name, xml in (parts or {}).items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def lines(data: bytes, name: str = "van-ban.docx") -> list[str]:
    return read_document(data, name).text.splitlines()


# .docx --------------------------------------------------------------------------------
def test_docx__decree_30_heading__cells_read_as_lines_in_reading_order():
    result = read_document(heading_docx(), "ke-hoach.docx")
    assert result.text.splitlines() == LINES
    # Not run together as mammoth's raw text had it ("Ủy Ban Nhân Dântỉnh…").
    assert "DÂNTỈNH" not in result.text.upper()
    # The HTML keeps the heading table.
    assert "<table>" in result.html and "<td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH THANH HÓA" in result.html


def test_docx__tcvn3_fonts__converted_by_font_numbers_and_capitals_included():
    result = read_document(heading_docx(legacy=True), "cu.docx")
    assert result.text.splitlines() == LINES
    assert result.legacy_runs >= len(LINES)
    # The TCVN3 "Đ" (byte 0xA7, "§") inside a number and the .VnTimeH capitals.
    assert "Căn cứ Nghị định số 42/2022/NĐ-CP" in result.text
    assert "<p>TM. ỦY BAN NHÂN DÂN</p>" in result.html
    assert "nhà nước trên môi trường mạng" in result.html  # "ư" is byte 0xAD in TCVN3


def test_docx__merged_and_nested_cells__each_once_in_place():
    nested = tbl([tc(p(r("Trong 1"))), tc(p(r("Trong 2")))])
    body = tbl(
        [tc(p(r("Gộp ngang")), properties='<w:gridSpan w:val="2"/>'), tc(p(r("C")))],
        [tc(p(r("Gộp dọc")), properties='<w:vMerge w:val="restart"/>'), tc(nested), tc(p(r("Y")))],
        [tc(p(r("Gộp dọc (bản sao)")), properties="<w:vMerge/>"), tc(p(r("Z"))), tc(p())],
    )
    assert lines(docx_package(body + p(r("Sau bảng")))) == [
        "Gộp ngang",
        "C",
        "Gộp dọc",
        "Trong 1",
        "Trong 2",
        "Y",
        "Z",
        "Sau bảng",
    ]


def test_docx__text_box__read_once_at_its_anchor():
    box = p(r("Nơi nhận:")) + p(r("- Như Điều 3;"))
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        f"{box}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"{box}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    body = p(r("Trước")) + p(r("Neo ", inner=alternate), r("sau neo")) + p(r("Cuối"))
    assert lines(docx_package(body)) == [
        "Trước",
        "Neo",
        "Nơi nhận:",
        "- Như Điều 3;",
        "sau neo",
        "Cuối",
    ]


def test_docx__vml_text_box_alone__read():
    box = "<w:pict><v:shape><v:textbox><w:txbxContent>" + p(r("Số: 7/TB-UBND"))
    box += "</w:txbxContent></v:textbox></v:shape></w:pict>"
    assert lines(docx_package(p(r(inner=box)) + p(r("THÔNG BÁO")))) == [
        "Số: 7/TB-UBND",
        "THÔNG BÁO",
    ]


def test_docx__headers_used_come_first__footers_and_page_numbers_not_read():
    def part(root: str, *blocks: str) -> str:
        content = "".join(blocks)
        return f'<?xml version="1.0" encoding="UTF-8"?><w:{root} {NAMESPACES}>{content}</w:{root}>'

    page_number = (
        r(inner='<w:fldChar w:fldCharType="begin"/>')
        + r(inner="<w:instrText> PAGE </w:instrText>")
        + r(inner='<w:fldChar w:fldCharType="separate"/>')
        + r("2")
        + r(inner='<w:fldChar w:fldCharType="end"/>')
    )
    parts = {
        "word/header1.xml": part("hdr", p(r("BẢN DỰ THẢO")), p(page_number)),
        "word/header2.xml": part("hdr", p(r("Đầu trang không dùng"))),
        "word/footer1.xml": part("ftr", p(r("Chân trang"))),
    }
    relations = [
        ("rId1", "header", "header1.xml"),
        ("rId2", "header", "header2.xml"),
        ("rId3", "footer", "footer1.xml"),
    ]
    section = (
        '<w:headerReference w:type="default" r:id="rId1"/>'
        '<w:footerReference w:type="default" r:id="rId3"/>'
    )
    data = docx_package(p(r("QUYẾT ĐỊNH")), parts=parts, relations=relations, section=section)
    assert lines(data) == ["BẢN DỰ THẢO", "QUYẾT ĐỊNH"]


def test_docx__tabs_breaks_fields_symbols_and_deletions():
    body = p(
        r("Nơi nhận:", inner="<w:tab/>"),
        r("TM. ỦY BAN NHÂN DÂN", inner="<w:br/>"),
        r("CHỦ TỊCH"),
    )
    body += p(
        r(inner='<w:fldChar w:fldCharType="begin"/>'),
        r(inner='<w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText>'),
        r(inner='<w:fldChar w:fldCharType="separate"/>'),
        r("Cổng thông tin"),
        r(inner='<w:fldChar w:fldCharType="end"/>'),
        r(" điện", inner="<w:softHyphen/>"),
        r(" tử"),
        "<w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del>",
    )
    body += p(r(inner='<w:sym w:font="Symbol" w:char="F0B7"/>'), r(" Gạch đầu dòng"))
    assert lines(docx_package(body)) == [
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Cổng thông tin điện tử",
        "• Gạch đầu dòng",
    ]


def test_docx__legacy_font_of_a_style__converted():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" '
        'w:hAnsi=".VnTime"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Tieude"><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>'
    )
    body = p(r(encode_tcvn3("quyết định")), style="Tieude")
    body += p(r(encode_tcvn3("Số: 15/QĐ-UBND")), style="Normal")
    body += p(r("Căn cứ Luật Tổ chức chính quyền địa phương"), style="Normal")  # Unicode
    body += p(r(encode_vni("Điều 1. Ban hành"), font="VNI-Times"))
    result = read_document(docx_package(body, styles=styles), "cu.docx")
    assert result.text.splitlines() == [
        "QUYẾT ĐỊNH",
        "Số: 15/QĐ-UBND",
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Điều 1. Ban hành",
    ]
    assert "<p>Số: 15/QĐ-UBND</p>" in result.html


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnArial NarrowH", "tcvn3h"),
        ("VNI-Times", "vni"),
        ("Times New Roman", None),
        (None, None),
    ],
)
def test_legacy_font_names(font, encoding):
    assert legacy_font(font) == encoding


def test_decode_by_font__unicode_typed_over_an_old_font_kept():
    assert decode_by_font("Thông báo", "tcvn3") is None
    assert decode_by_font(encode_tcvn3("Thông báo"), "tcvn3") == "Thông báo"


# .odt ---------------------------------------------------------------------------------
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def odt(body: str, styles: str = "") -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}>'
        f"<office:font-face-decls>"
        '<style:font-face style:name="VnTime" svg:font-family="\'.VnTime\'"/>'
        "</office:font-face-decls>"
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def test_odt__table_cells_frames_spaces_breaks_and_notes():
    cell = "<table:table-cell>{}</table:table-cell>"
    body = (
        "<table:table><table:table-row>"
        + cell.format("<text:p>ỦY BAN NHÂN DÂN</text:p><text:p>TỈNH THANH HÓA</text:p>")
        + cell.format("<text:p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>")
        + "</table:table-row><table:table-row>"
        + cell.format("<text:p>Số: 245/KH-UBND</text:p>")
        + "<table:covered-table-cell><text:p>bản sao</text:p></table:covered-table-cell>"
        + "</table:table-row></table:table>"
        '<text:h>KẾ<text:s text:c="3"/>HOẠCH</text:h>'
        "<text:p>Nơi nhận:<text:tab/>TM. UBND<text:line-break/>CHỦ TỊCH"
        "<text:note><text:note-body><text:p>chú thích</text:p></text:note-body></text:note>"
        "</text:p>"
        "<text:p>Neo<draw:frame><draw:text-box><text:p>Trong khung</text:p></draw:text-box>"
        "</draw:frame>sau</text:p>"
    )
    assert lines(odt(body), "van-ban.odt") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THANH HÓA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 245/KH-UBND",
        "KẾ HOẠCH",
        "Nơi nhận: TM. UBND",
        "CHỦ TỊCH",
        "Neo",
        "Trong khung",
        "sau",
    ]


def test_odt__tcvn3_font_of_a_style__converted():
    styles = (
        '<style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties style:font-name="VnTime"/></style:style>'
    )
    body = f'<text:p text:style-name="P1">{encode_tcvn3("Số: 15/QĐ-UBND")}</text:p>'
    assert lines(odt(body, styles), "cu.odt") == ["Số: 15/QĐ-UBND"]


# .txt ---------------------------------------------------------------------------------
SENTENCE = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(SENTENCE.encode("utf-8"), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(SENTENCE.encode("utf-16"), id="utf-16-bom"),
        pytest.param(b"\xfe\xff" + SENTENCE.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(encode_tcvn3(SENTENCE).encode("cp1252"), id="tcvn3"),
        pytest.param(encode_vni(SENTENCE).encode("cp1252"), id="vni"),
        pytest.param(encode_viqr(SENTENCE).encode("ascii"), id="viqr"),
    ],
)
def test_txt__every_encoding_read_as_unicode(data):
    assert read_document(data, "van-ban.txt").text == SENTENCE


def test_txt__utf16_lines_kept():
    data = "QUYẾT ĐỊNH\r\nVề việc thử nghiệm\r\n".encode("utf-16")
    assert lines(data, "a.txt") == ["QUYẾT ĐỊNH", "Về việc thử nghiệm"]


def test_docx__content_controls_and_hyperlinks_read_in_place():
    control = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
    link = '<w:hyperlink w:anchor="dieu1">' + r("Cổng thông tin") + "</w:hyperlink>"
    body = control.format(p(r("Số: 15/QĐ-UBND"))) + "<w:sdt><w:sdtPr/></w:sdt>"
    body += p(r("Xem "), link, control.format(r(" điện tử")))
    assert lines(docx_package(body)) == ["Số: 15/QĐ-UBND", "Xem Cổng thông tin điện tử"]
