"""A unit's Word file becomes a draft news item or article (R-SUB-1): the reading of its
blocks and pictures (core.reading.word_content), the extraction rules (news.word), the
draft page with its images in the body's collection (news.importing), the admin screen
with its permission checks, the command, and hostile files."""

from __future__ import annotations

import io
import json
import shutil
import struct
import tempfile
import zlib
from pathlib import Path
from unittest import skipIf

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from congthongtin.core import roles
from congthongtin.core.bodies import create_body, role_group
from congthongtin.core.reading import ReadError
from congthongtin.core.reading.word_content import (
    MAX_BLOCKS,
    MAX_IMAGES,
    read_word_content,
    word_content_in_worker,
)
from congthongtin.news.importing import ImportFailed, import_word_page
from congthongtin.news.models import ArticleIndexPage, ArticlePage, NewsIndexPage, NewsPage
from congthongtin.news.word import extract, parse_author, split_credit, split_position
from congthongtin.vietnam.text import encode_tcvn3
from tests.core.documents import to_doc
from tests.legal.hostile import _rewrite_zip, docx_bomb
from tests.news.helpers import add

User = get_user_model()
IMPORT_URL = "/admin/tin-bai/nhap-word/"

TITLE = "Xã Xuân Bình tổ chức Hội nghị tổng kết công tác văn hóa năm 2026"
SAPO = (
    "Sáng 5/12, UBND xã Xuân Bình tổ chức hội nghị tổng kết công tác văn hóa – thông tin "
    "năm 2026, triển khai nhiệm vụ năm 2027."
)
PARAGRAPHS = [
    "Dự hội nghị có đồng chí Lê Văn Hùng, Phó Chủ tịch UBND huyện; lãnh đạo các phòng, ban "
    "chuyên môn của huyện và đại diện các thôn, bản trên địa bàn xã.",
    "Năm 2026, phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” tiếp tục được "
    "triển khai sâu rộng; 12/14 thôn đạt danh hiệu thôn văn hóa, 92% hộ gia đình đạt "
    "danh hiệu gia đình văn hóa.",
    "Phát biểu tại hội nghị, đồng chí Phó Chủ tịch UBND huyện đề nghị xã tiếp tục giữ gìn "
    "bản sắc văn hóa dân tộc Thái, Mường và đẩy mạnh chuyển đổi số trong thông tin cơ sở.",
]
CAPTIONS = ["Các đại biểu dự hội nghị. (Ảnh: Lê Thị Bình)", "Trao giấy khen cho các thôn."]
ALT = "Lãnh đạo huyện trao giấy khen cho đại diện các thôn"
AUTHOR_LINE = "Tin, ảnh: Lê Thị Bình (Trung tâm Văn hóa – Thông tin xã)"


# Documents -------------------------------------------------------------------------------
def png(colour=(163, 22, 27), size=(96, 64), image_format="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def bomb_png(width=30000, height=30000) -> bytes:
    """A few hundred bytes that declare ``width`` × ``height`` pixels (a decompression
    bomb: decoding it would need gigabytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 4096, 9))
        + chunk(b"IEND", b"")
    )


def _run(paragraph, text, *, bold=None, italic=None, size=None, font=None):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
    return run


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def news_docx(*, legacy=False, lead_picture=False, pictures=None) -> bytes:
    """A commune's news item as units write it: a large bold title, a bold lead, three
    paragraphs, two pictures each with an italic caption, a right-aligned author line.
    ``legacy``: typed in TCVN3 with the .VnTime fonts (.VnTimeH for the title)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    def text(value: str) -> str:
        return (
            encode_tcvn3(value.lower() if legacy and value is TITLE else value) if legacy else value
        )

    body_font = ".VnTime" if legacy else None
    pictures = pictures if pictures is not None else [png(), png((20, 90, 160))]
    document = docx.Document()
    _run(
        document.add_paragraph(),
        text(TITLE),
        bold=True,
        size=16,
        font=".VnTimeH" if legacy else None,
    )
    document.add_paragraph()  # empty paragraphs are dropped
    _run(document.add_paragraph(), text(SAPO), bold=True, font=body_font)
    for index, paragraph in enumerate(PARAGRAPHS):
        if index == 0 and lead_picture:
            document.add_picture(io.BytesIO(pictures[0]), width=Inches(3))
            _run(document.add_paragraph(), text(CAPTIONS[0]), italic=True, font=body_font)
        _run(document.add_paragraph(), text(paragraph), font=body_font)
        if index < len(pictures) and not (index == 0 and lead_picture):
            shape = document.add_picture(io.BytesIO(pictures[index]), width=Inches(3))
            if index == 1:  # Word's "alt text", as an author writes it
                shape._inline.docPr.set("descr", ALT)
            _run(document.add_paragraph(), text(CAPTIONS[index]), italic=True, font=body_font)
    author = document.add_paragraph()
    author.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(author, text(AUTHOR_LINE), italic=True, font=body_font)
    return _save(document)


ARTICLE_TITLE = "Giữ gìn và phát huy giá trị lễ hội Kin Chiêng Boọc Mạy của người Thái"


def article_docx() -> bytes:
    """An article: title in Word's Title style, an italic lead, a sub-heading, a picture,
    the author's name and, on the next line, position and unit, both right-aligned."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    document = docx.Document()
    document.add_paragraph(ARTICLE_TITLE, style="Title")
    _run(
        document.add_paragraph(),
        "Lễ hội Kin Chiêng Boọc Mạy là sinh hoạt văn hóa tâm linh đặc sắc của đồng bào "
        "Thái huyện Như Xuân.",
        italic=True,
    )
    document.add_paragraph(
        "Lễ hội thường được tổ chức vào dịp đầu xuân, kéo dài hai ngày, với nghi lễ dựng "
        "cây bông, mời thầy mo và các trò diễn dân gian. " * 3
    )
    document.add_heading("Những giải pháp bảo tồn", level=2)
    document.add_paragraph(
        "Cần sưu tầm, ghi chép đầy đủ các bài cúng, lời hát và trang phục của lễ hội; "
        "khuyến khích nghệ nhân truyền dạy cho thế hệ trẻ. " * 2
    )
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Năm", "Số người dự"), ("2025", "1.200")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_picture(io.BytesIO(png((40, 120, 40))), width=Inches(3))
    _run(document.add_paragraph(), "Nghi lễ dựng cây bông.", italic=True)
    document.add_paragraph("Bảo tồn lễ hội gắn với phát triển du lịch cộng đồng bền vững. " * 2)
    for line in ("ThS. Nguyễn Thị Hoa", "Phó Trưởng phòng Văn hóa – Thông tin huyện Như Xuân"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(paragraph, line, bold=True)
    return _save(document)


def many_pictures_docx(count: int) -> bytes:
    import docx
    from docx.shared import Inches

    document = docx.Document()
    _run(document.add_paragraph(), "Ảnh hoạt động văn nghệ chào mừng ngày hội", bold=True, size=16)
    document.add_paragraph("Một số hình ảnh tại ngày hội đại đoàn kết toàn dân tộc.")
    for index in range(count):
        colour = (index % 256, (index * 7) % 256, (index * 13) % 256)
        document.add_picture(io.BytesIO(png(colour, size=(8, 8))), width=Inches(0.5))
    return _save(document)


def pictures_docx(*pictures: bytes) -> bytes:
    import docx
    from docx.shared import Inches

    document = docx.Document()
    _run(document.add_paragraph(), "Tin ảnh", bold=True, size=16)
    document.add_paragraph("Hình ảnh tại buổi lễ.")
    for picture in pictures:
        document.add_picture(io.BytesIO(picture), width=Inches(1))
    return _save(document)


# Reading and extraction (no database) -------------------------------------------------
class ReadWordContentTests(SimpleTestCase):
    def test_news_item__blocks_in_order_with_pictures(self):
        content = read_word_content(news_docx())
        kinds = [block["kind"] for block in content.blocks]
        # title, lead, paragraph, picture, caption, paragraph, picture, caption,
        # paragraph, author line
        pattern = ["p", "p", "p", "image", "p", "p", "image", "p", "p", "p"]
        self.assertEqual(kinds, ["paragraph" if k == "p" else k for k in pattern])
        title = content.blocks[0]
        self.assertEqual((title["text"], title["bold"], title["size"]), (TITLE, True, 16.0))
        self.assertEqual(len(content.images), 2)
        first = content.images[0]
        self.assertEqual((first.content_type, first.extension), ("image/png", "png"))
        self.assertEqual((first.width, first.height), (96, 64))
        self.assertTrue(first.data.startswith(b"\x89PNG"))
        self.assertEqual(content.blocks[-1]["align"], "right")
        self.assertIn(f'<img src="image:1" alt="{ALT}">', content.html())
        self.assertEqual(content.legacy_runs, 0)
        self.assertEqual([image.alt for image in content.images], ["", ALT])

    def test_tcvn3_fonts__decoded_to_unicode(self):
        content = read_word_content(news_docx(legacy=True))
        texts = [block["text"] for block in content.blocks if block["kind"] == "paragraph"]
        # .VnTimeH shows capitals: the title comes out upper-case.
        self.assertEqual(texts[0], TITLE.upper())
        self.assertEqual(texts[1], SAPO)
        self.assertEqual(texts[2], PARAGRAPHS[0])
        self.assertEqual(texts[-1], AUTHOR_LINE)
        self.assertGreaterEqual(content.legacy_runs, 8)

    def test_picture_caps__count_pixels_format(self):
        content = read_word_content(many_pictures_docx(MAX_IMAGES + 20))
        self.assertEqual(len(content.images), MAX_IMAGES)
        self.assertEqual(sum(1 for block in content.blocks if block["kind"] == "image"), MAX_IMAGES)
        self.assertTrue(any(f"chỉ lấy {MAX_IMAGES} ảnh đầu" in note for note in content.notes))

        content = read_word_content(
            pictures_docx(bomb_png(), bomb_png(7000, 7000), png(image_format="BMP"), png())
        )
        self.assertEqual([image.extension for image in content.images], ["png"])
        self.assertEqual((content.images[0].width, content.images[0].height), (96, 64))
        notes = " ".join(content.notes)
        self.assertIn("Bỏ 2 ảnh có kích thước điểm ảnh quá lớn", notes)
        self.assertIn("Bỏ 1 ảnh không đăng được trên web", notes)

    def test_refusals__vietnamese_reasons(self):
        import docx

        empty_docx = docx.Document()
        empty_docx.add_paragraph("   ")
        cases = {
            b"": "Tệp rỗng",
            b"\x00\x01garbage" * 50: "Không phải tệp Word",
            b"PK\x03\x04" + b"\x00" * 200: "tệp hỏng",
            _save(empty_docx): "không có nội dung chữ",
        }
        for data, reason in cases.items():
            with self.subTest(reason=reason):
                with self.assertRaises(ReadError) as caught:
                    read_word_content(data)
                self.assertIn(reason, str(caught.exception))

    def test_item_typed_in_a_frame__read_as_paragraphs(self):
        import docx

        document = docx.Document()
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        cell.paragraphs[0].add_run(TITLE).bold = True
        cell.add_paragraph(SAPO)
        cell.add_paragraph(PARAGRAPHS[0])
        content = read_word_content(_save(document))
        self.assertEqual([b["text"] for b in content.blocks], [TITLE, SAPO, PARAGRAPHS[0]])
        self.assertEqual(extract(content.blocks).title, TITLE)

    def test_links__web_addresses_kept_scripts_dropped(self):
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        document = docx.Document()
        paragraph = document.add_paragraph("Xem chi tiết tại ")
        for url, label in (
            ("https://nhuxuan.thanhhoa.gov.vn/", "cổng"),
            ("javascript:alert(1)", "đây"),
        ):
            rid = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), rid)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = label
            run.append(text)
            link.append(run)
            paragraph._p.append(link)
        block = read_word_content(_save(document)).blocks[0]
        self.assertEqual(block["text"], "Xem chi tiết tại cổngđây")
        self.assertIn('<a href="https://nhuxuan.thanhhoa.gov.vn/">cổng</a>', block["html"])
        self.assertNotIn("javascript", block["html"])

    def test_drawing_with_a_vml_fallback__one_picture(self):
        import docx
        from docx.oxml.ns import qn
        from lxml import etree

        mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        document = docx.Document()
        document.add_paragraph("Tin ảnh")
        shape = document.add_picture(io.BytesIO(png()))
        drawing = shape._inline.getparent()
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.get(qn("r:embed"))
        run = drawing.getparent()
        alternate = etree.SubElement(run, f"{{{mc}}}AlternateContent")
        etree.SubElement(alternate, f"{{{mc}}}Choice", Requires="wps").append(drawing)
        fallback = etree.SubElement(alternate, f"{{{mc}}}Fallback")
        pict = etree.SubElement(fallback, qn("w:pict"))
        shape_element = etree.SubElement(pict, "{urn:schemas-microsoft-com:vml}shape")
        etree.SubElement(shape_element, "{urn:schemas-microsoft-com:vml}imagedata").set(
            qn("r:id"), rid
        )
        content = read_word_content(_save(document))
        self.assertEqual([b["kind"] for b in content.blocks], ["paragraph", "image"])
        self.assertEqual(len(content.images), 1)

    def test_endless_file__cut_at_the_block_limit(self):
        import zipfile

        source = news_docx()
        with zipfile.ZipFile(io.BytesIO(source)) as archive:
            xml = archive.read("word/document.xml")
        filler = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (MAX_BLOCKS + 500)
        data = _rewrite_zip(
            source, {"word/document.xml": xml.replace(b"</w:body>", filler + b"</w:body>", 1)}
        )
        content = read_word_content(data)
        self.assertEqual(len(content.blocks), MAX_BLOCKS)
        self.assertIn(f"chỉ lấy {MAX_BLOCKS} đoạn đầu", " ".join(content.notes))

    def test_worker__images_written_to_the_callers_folder(self):
        with tempfile.TemporaryDirectory() as folder:
            data = word_content_in_worker(news_docx(), folder)
            self.assertEqual([image["path"] for image in data["images"]], ["000.png", "001.png"])
            self.assertNotIn("data", data["images"][0])
            json.dumps(data)  # what the worker sends back
            self.assertTrue((Path(folder) / "001.png").read_bytes().startswith(b"\x89PNG"))
            self.assertEqual(word_content_in_worker(b"", folder), {"refused": "Tệp rỗng."})


class ExtractTests(SimpleTestCase):
    def test_news_item__title_lead_captions_author(self):
        extracted = extract(read_word_content(news_docx()).blocks)
        self.assertEqual(extracted.title, TITLE)
        self.assertEqual(extracted.lead, SAPO)
        self.assertEqual(extracted.author.name, "Lê Thị Bình")
        self.assertEqual(extracted.author.unit, "Trung tâm Văn hóa – Thông tin xã")
        self.assertTrue(extracted.author.photos)
        self.assertEqual(
            [(p.caption, p.credit) for p in extracted.pictures],
            [
                ("Các đại biểu dự hội nghị.", "Lê Thị Bình"),
                ("Trao giấy khen cho các thôn.", "Lê Thị Bình"),
            ],
        )
        self.assertEqual(
            [item[0] for item in extracted.body],
            ["paragraphs", "image", "paragraphs", "image", "paragraphs"],
        )
        body_text = " ".join(
            " ".join(item[1]) for item in extracted.body if item[0] == "paragraphs"
        )
        for paragraph in PARAGRAPHS:
            self.assertIn(paragraph, body_text)
        self.assertNotIn("Tin, ảnh", body_text)
        self.assertNotIn(CAPTIONS[1], body_text)
        self.assertEqual(extracted.checks, [])

    def test_article__heading_and_author_on_two_lines(self):
        extracted = extract(read_word_content(article_docx()).blocks)
        self.assertEqual(extracted.title, ARTICLE_TITLE)
        self.assertTrue(extracted.lead.startswith("Lễ hội Kin Chiêng Boọc Mạy là"))
        author = extracted.author
        self.assertEqual(author.name, "ThS. Nguyễn Thị Hoa")
        self.assertEqual(author.position, "Phó Trưởng phòng")
        self.assertEqual(author.unit, "Phòng Văn hóa – Thông tin huyện Như Xuân")
        self.assertIn(("heading", "Những giải pháp bảo tồn", 2), extracted.body)
        self.assertEqual(extracted.pictures[0].caption, "Nghi lễ dựng cây bông.")

    def test_plain_file__first_paragraph_title_no_author(self):
        blocks = [
            {
                "kind": "paragraph",
                "text": t,
                "html": t,
                "bold": False,
                "italic": False,
                "align": "",
                "size": 0,
                "level": 0,
            }
            for t in ["Thông báo lịch tiếp công dân", "Một đoạn. " * 70, "Hội nghị kết thúc."]
        ]
        extracted = extract(blocks)
        self.assertEqual(extracted.title, "Thông báo lịch tiếp công dân")
        self.assertEqual(extracted.lead, "")  # 70 words, not bold: body, not lead
        self.assertEqual(set(extracted.checks), {"no_lead", "no_author"})

    def test_author_lines(self):
        cases = {
            ("Tin, ảnh: Lê Thị B (Trung tâm VH-TT)",): ("Lê Thị B", "", "Trung tâm VH-TT"),
            ("Nguyễn Văn A – Phòng Văn hóa – Thông tin",): (
                "Nguyễn Văn A",
                "",
                "Phòng Văn hóa – Thông tin",
            ),
            ("Tác giả: Trần Văn Cường",): ("Trần Văn Cường", "", ""),
            ("Nguyễn Văn Nam, Chủ tịch UBND xã Xuân Bình",): (
                "Nguyễn Văn Nam",
                "Chủ tịch",
                "UBND xã Xuân Bình",
            ),
            ("Bài và ảnh: Hà Anh", "Giáo viên Trường THCS Xuân Bình"): (
                "Hà Anh",
                "Giáo viên",
                "Trường THCS Xuân Bình",
            ),
        }
        for lines, expected in cases.items():
            with self.subTest(lines=lines):
                author = parse_author(list(lines))
                self.assertEqual((author.name, author.position, author.unit), expected)
        self.assertIsNone(parse_author(["Hội nghị kết thúc lúc 11 giờ cùng ngày."]))

    def test_positions_and_credits(self):
        self.assertEqual(
            split_position("Chánh Văn phòng HĐND và UBND xã"),
            ("Chánh Văn phòng", "Văn phòng HĐND và UBND xã"),
        )
        self.assertEqual(split_position("Trung tâm Y tế huyện"), ("", "Trung tâm Y tế huyện"))
        self.assertEqual(
            split_credit("Đoàn viên ra quân. (Ảnh: Minh Tú)"), ("Đoàn viên ra quân.", "Minh Tú")
        )


# Pages ------------------------------------------------------------------------------------
class BodiesMixin:
    @classmethod
    def make_bodies(cls):
        cls.body_a = create_body(name="Xã Xuân Bình", hostname="xuanbinh.example.vn")
        cls.body_b = create_body(name="Xã Bãi Trành", hostname="baitranh.example.vn")
        cls.site_a, cls.site_b = cls.body_a.site, cls.body_b.site
        home_a, home_b = cls.site_a.root_page, cls.site_b.root_page
        cls.news_a = add(home_a, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        cls.articles_a = add(home_a, ArticleIndexPage, title="Bài viết", slug="bai-viet")
        cls.news_b = add(home_b, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        cls.editor_a = User.objects.create_user("bientap-a", "a@example.vn", "mat-khau-dai-123")
        cls.editor_a.groups.add(role_group(roles.EDITOR, cls.site_a))
        cls.collection_a = Collection.objects.get(name="Xã Xuân Bình")


class ImportWordPageTests(BodiesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_bodies()

    def test_news_item__draft_with_images_in_the_bodys_collection(self):
        result = import_word_page(
            news_docx(), "tin-hoi-nghi.docx", parent=self.news_a, user=self.editor_a
        )
        page = NewsPage.objects.get(pk=result.page.pk)
        self.assertFalse(page.live)
        self.assertTrue(page.has_unpublished_changes)
        self.assertEqual(page.owner, self.editor_a)
        self.assertEqual(page.get_parent().pk, self.news_a.pk)
        self.assertEqual(page.latest_revision.user, self.editor_a)
        self.assertEqual((page.title, page.summary), (TITLE, SAPO))
        self.assertEqual(page.author_name, "Lê Thị Bình")
        self.assertEqual(page.author_address, "Trung tâm Văn hóa – Thông tin xã")
        self.assertIsNotNone(page.category_id)
        self.assertEqual(
            [block.block_type for block in page.body],
            ["paragraph", "image", "paragraph", "image", "paragraph"],
        )
        text = " ".join(str(b.value) for b in page.body if b.block_type == "paragraph")
        for paragraph in PARAGRAPHS:
            self.assertIn(paragraph, text)
        images = [b.value for b in page.body if b.block_type == "image"]
        self.assertEqual(images[0]["caption"], "Các đại biểu dự hội nghị.")
        self.assertEqual(images[0]["credit"], "Lê Thị Bình")
        for value in images:
            self.assertEqual(value["image"].collection, self.collection_a)
            self.assertEqual(value["image"].uploaded_by_user, self.editor_a)
            self.assertEqual(value["image"].width, 96)
        self.assertEqual(images[1]["image"].title, "Trao giấy khen cho các thôn.")
        self.assertEqual((images[0]["alt_text"], images[1]["alt_text"]), ("", ALT))
        self.assertEqual(result.images, 2)
        # The first picture is not at the top: no lead image, and the editor is told.
        self.assertIsNone(page.lead_image)
        self.assertIn(
            gettext("Choose the lead image: the file's first picture is not at its top."),
            result.checks,
        )

    def test_news_item__picture_at_the_top_is_the_lead_image(self):
        result = import_word_page(
            news_docx(lead_picture=True), "tin.docx", parent=self.news_a, user=self.editor_a
        )
        page = NewsPage.objects.get(pk=result.page.pk)
        self.assertEqual(page.lead_image.collection, self.collection_a)
        self.assertEqual(page.lead_image_caption, "Các đại biểu dự hội nghị.")
        self.assertEqual(page.lead_image_credit, "Lê Thị Bình")
        self.assertEqual(sum(1 for b in page.body if b.block_type == "image"), 1)

    def test_article__author_position_unit(self):
        result = import_word_page(
            article_docx(), "bai-viet.docx", parent=self.articles_a, user=self.editor_a
        )
        page = ArticlePage.objects.get(pk=result.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.author_name, "ThS. Nguyễn Thị Hoa")
        self.assertEqual(page.author_position, "Phó Trưởng phòng")
        self.assertEqual(page.author_unit, "Phòng Văn hóa – Thông tin huyện Như Xuân")
        self.assertEqual(page.author_key, "ths. nguyen thi hoa")
        blocks = [block.block_type for block in page.body]
        self.assertIn("heading", blocks)
        self.assertIn("image", blocks)
        table = next(b.value for b in page.body if b.block_type == "table")
        self.assertEqual(table["data"], [["Năm", "Số người dự"], ["2025", "1.200"]])
        heading = next(b.value for b in page.body if b.block_type == "heading")
        self.assertEqual((heading["text"], heading["level"]), ("Những giải pháp bảo tồn", "h3"))

    def test_tcvn3_file__unicode_page_and_a_check(self):
        result = import_word_page(
            news_docx(legacy=True), "tin-tcvn3.docx", parent=self.news_a, user=self.editor_a
        )
        page = result.page
        self.assertEqual(page.title, TITLE.upper())
        self.assertEqual(page.summary, SAPO)
        self.assertEqual(page.author_name, "Lê Thị Bình")
        text = " ".join(str(b.value) for b in page.body if b.block_type == "paragraph")
        self.assertIn(PARAGRAPHS[2], text)
        self.assertTrue(any("TCVN3" in check for check in result.checks))
        self.assertIn(
            gettext("The title is written in capitals: write it in sentence case."),
            result.checks,
        )

    def test_refused_files__nothing_created(self):
        before = (Page.objects.count(), get_image_model().objects.count())
        cases = [
            (b"", "tin.docx", "Tệp rỗng"),
            (b"%PDF-1.4 garbage", "tin.docx", "PDF"),
            (b"PK\x03\x04" + b"\x00" * 300, "tin.docx", "hỏng"),
            (news_docx(), "tin.pdf", "chỉ nhận tệp Word"),
        ]
        if shutil.which("soffice"):
            # An OLE2 file that is no Word document: LibreOffice makes nothing of it.
            cases.append((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "tin.doc", ".doc"))
        for data, name, reason in cases:
            with self.subTest(name=name, reason=reason):
                with self.assertRaises(ImportFailed) as caught:
                    import_word_page(data, name, parent=self.news_a, user=self.editor_a)
                self.assertIn(reason, str(caught.exception))
        self.assertEqual((Page.objects.count(), get_image_model().objects.count()), before)

    @skipIf(shutil.which("soffice") is None, "LibreOffice is not installed")
    def test_word_97_file__converted_then_imported(self):
        result = import_word_page(
            to_doc(news_docx()), "tin.doc", parent=self.news_a, user=self.editor_a
        )
        page = result.page
        self.assertFalse(page.live)
        self.assertEqual(page.title, TITLE)
        self.assertIn(PARAGRAPHS[1], str(page.body))

    def test_compression_bomb__refused_before_parsing(self):
        with self.assertRaises(ImportFailed) as caught:
            import_word_page(docx_bomb(), "bom.docx", parent=self.news_a, user=self.editor_a)
        self.assertIn("word/document.xml", str(caught.exception))
        self.assertFalse(NewsPage.objects.exists())

    def test_wrong_index__refused(self):
        with self.assertRaises(ImportFailed):
            import_word_page(
                news_docx(), "tin.docx", parent=self.news_a, user=self.editor_a, page_type="article"
            )

    def test_many_pictures_and_bombs__capped_with_notes(self):
        result = import_word_page(
            many_pictures_docx(200), "anh.docx", parent=self.news_a, user=self.editor_a
        )
        self.assertEqual(result.images, MAX_IMAGES)
        self.assertEqual(
            get_image_model().objects.filter(collection=self.collection_a).count(), MAX_IMAGES
        )
        self.assertTrue(any(f"chỉ lấy {MAX_IMAGES} ảnh đầu" in c for c in result.checks))

        result = import_word_page(
            pictures_docx(bomb_png(), png()), "bom.docx", parent=self.news_a, user=self.editor_a
        )
        self.assertEqual(result.images, 1)
        self.assertTrue(any("quá lớn" in check for check in result.checks))


class WordImportViewTests(BodiesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_bodies()
        cls.editor_b = User.objects.create_user("bientap-b", "b@example.vn", "mat-khau-dai-123")
        cls.editor_b.groups.add(role_group(roles.EDITOR, cls.site_b))
        cls.auditor = User.objects.create_user("kiemtra", "k@example.vn", "mat-khau-dai-123")
        cls.auditor.groups.add(role_group(roles.AUDITOR, cls.site_a))
        # A collaborator uploads images but adds no page.
        cls.collaborator = User.objects.create_user("ctv", "c@example.vn", "mat-khau-dai-123")
        cls.collaborator.groups.add(role_group(roles.COLLABORATOR, cls.site_a))

    def upload(self, parent, data=None, page_type="news", name="tin.docx"):
        return {
            "file": SimpleUploadedFile(name, news_docx() if data is None else data),
            "parent": parent.pk,
            "page_type": page_type,
        }

    def test_get__only_the_users_own_indexes(self):
        self.client.force_login(self.editor_a)
        response = self.client.get(IMPORT_URL)
        self.assertEqual(response.status_code, 200)
        choices = [int(str(pk)) for pk, _label in response.context["form"].fields["parent"].choices]
        self.assertEqual(sorted(choices), sorted([self.news_a.pk, self.articles_a.pk]))
        self.assertNotIn(self.news_b.pk, choices)

    def test_post__draft_and_redirect_to_its_editor_with_checks(self):
        self.client.force_login(self.editor_a)
        response = self.client.post(IMPORT_URL, self.upload(self.news_a), follow=True)
        page = NewsPage.objects.get(title=TITLE)
        self.assertEqual(
            response.redirect_chain[0][0], reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.editor_a)
        shown = " ".join(str(m) for m in response.context["messages"])
        self.assertIn(
            escape(gettext("Choose the lead image: the file's first picture is not at its top.")),
            shown,
        )

    def test_post_into_another_bodys_index__refused(self):
        self.client.force_login(self.editor_a)
        response = self.client.post(IMPORT_URL, self.upload(self.news_b))
        self.assertEqual(response.status_code, 200)  # the form again, with an error
        self.assertIn("parent", response.context["form"].errors)
        self.assertFalse(NewsPage.objects.filter(title=TITLE).exists())
        self.assertFalse(get_image_model().objects.exists())

    def test_users_without_add_right__refused(self):
        for user in (self.collaborator, self.auditor):
            self.client.force_login(user)
            for response in (
                self.client.get(IMPORT_URL),
                self.client.post(IMPORT_URL, self.upload(self.news_a)),
            ):
                with self.subTest(user=user.username, method=response.request["REQUEST_METHOD"]):
                    # Wagtail answers PermissionDenied in the admin with a redirect home;
                    # an auditor's POST stops at the middleware (read-only role): 403.
                    if response.status_code == 403:
                        self.assertEqual(user, self.auditor)
                    else:
                        self.assertEqual(
                            (response.status_code, response["Location"]), (302, "/admin/")
                        )
        self.assertFalse(NewsPage.objects.exists())
        self.client.logout()
        self.assertIn("/admin/login/", self.client.get(IMPORT_URL)["Location"])

    def test_garbage_file__form_error_in_vietnamese(self):
        self.client.force_login(self.editor_a)
        response = self.client.post(IMPORT_URL, self.upload(self.news_a, data=b"\x00" * 100))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Nội dung tệp không phải tài liệu Word", str(response.context["form"].errors))
        self.assertFalse(NewsPage.objects.exists())

    def test_type_must_match_the_index(self):
        self.client.force_login(self.editor_a)
        response = self.client.post(IMPORT_URL, self.upload(self.news_a, page_type="article"))
        self.assertIn("page_type", response.context["form"].errors)

    def test_article_through_the_screen(self):
        self.client.force_login(self.editor_a)
        data = self.upload(self.articles_a, data=article_docx(), page_type="article")
        response = self.client.post(IMPORT_URL, data)
        page = ArticlePage.objects.get()
        self.assertRedirects(
            response,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            fetch_redirect_response=False,
        )
        self.assertEqual(page.author_unit, "Phòng Văn hóa – Thông tin huyện Như Xuân")

    def test_menu_and_explorer_button__for_those_who_may_import(self):
        self.client.force_login(self.editor_a)
        self.assertContains(self.client.get("/admin/"), IMPORT_URL)
        explorer = self.client.get(reverse("wagtailadmin_explore", args=[self.news_a.pk]))
        self.assertContains(explorer, f"{IMPORT_URL}?parent={self.news_a.pk}")
        self.client.force_login(self.auditor)
        self.assertNotContains(self.client.get("/admin/"), IMPORT_URL)


class CommandTests(BodiesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_bodies()

    def test_command__draft_under_the_named_bodys_index(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tin.docx"
            path.write_bytes(news_docx())
            out = io.StringIO()
            call_command(
                "import_news_word",
                str(path),
                parent="tin-tuc",
                site="xuanbinh.example.vn",
                user="bientap-a",
                stdout=out,
            )
            page = NewsPage.objects.get()
            self.assertEqual(page.get_parent().pk, self.news_a.pk)
            self.assertEqual(page.owner, self.editor_a)
            self.assertIn(TITLE, out.getvalue())
            # The owner must be allowed to add the page there.
            with self.assertRaises(CommandError):
                call_command(
                    "import_news_word",
                    str(path),
                    parent="tin-tuc",
                    site="baitranh.example.vn",
                    user="bientap-a",
                    stdout=out,
                )
            self.assertEqual(NewsPage.objects.count(), 1)
            # Two bodies have a "tin-tuc": the command asks which.
            with self.assertRaises(CommandError):
                call_command("import_news_word", str(path), parent="tin-tuc", stdout=out)
            path.write_bytes(b"")
            with self.assertRaisesMessage(CommandError, "Tệp rỗng"):
                call_command(
                    "import_news_word",
                    str(path),
                    parent="tin-tuc",
                    site="baitranh.example.vn",
                    stdout=out,
                )
