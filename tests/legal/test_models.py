"""The document page: number in every spelling, relations both ways, anchors, files."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from congthongtin.legal.models import (
    DocumentType,
    EffectStatus,
    LegalDocumentAttachment,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from congthongtin.legal.pdf import text_pdf
from tests.legal.factories import add_document, agency, doc_type, make_document_file, make_library

D = datetime.date


class DefaultTypesTests(TestCase):
    def test_data_migration__types_with_official_abbreviations(self):
        expected = {
            "Luật": "",
            "Nghị quyết": "NQ",
            "Nghị định": "NĐ",
            "Quyết định": "QĐ",
            "Thông tư": "TT",
            "Thông tư liên tịch": "TTLT",
            "Chỉ thị": "CT",
            "Kế hoạch": "KH",
            "Thông báo": "TB",
            "Công văn": "",
            "Quy định": "QyĐ",
            "Tờ trình": "TTr",
        }
        types = {t.name: t for t in DocumentType.objects.all()}
        for name, abbreviation in expected.items():
            self.assertEqual(types[name].abbreviation, abbreviation, name)
        self.assertEqual(types["Nghị định"].slug, "nghi-dinh")
        self.assertTrue(types["Thông tư liên tịch"].is_legal)
        self.assertFalse(types["Công văn"].is_legal)

    def test_lookup__by_name_or_abbreviation(self):
        self.assertEqual(DocumentType.lookup(name="nghi dinh").name, "Nghị định")
        self.assertEqual(DocumentType.lookup(abbreviation="ND").name, "Nghị định")
        self.assertEqual(DocumentType.lookup(abbreviation="QyĐ").name, "Quy định")
        self.assertIsNone(DocumentType.lookup(name="Thư tình"))


class NumberTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.doc = add_document(
            cls.library,
            title="Nghị định quy định về việc cung cấp thông tin",
            number_symbol="Số: 42/2022/NÐ- CP",  # eth look-alike and a space, as typed
            document_type=doc_type("Nghị định"),
            issuing_body=agency("Chính phủ", short_name="CP"),
            issue_date=D(2022, 6, 24),
        )

    def test_number__stored_canonical(self):
        self.doc.refresh_from_db()
        self.assertEqual(self.doc.number_symbol, "42/2022/NĐ-CP")
        self.assertEqual(self.doc.number_key, "42/2022/nd-cp")

    def test_search_key__canonical_and_folded_number_type_and_issuer(self):
        parts = self.doc.get_search_key_parts()
        self.assertIn("42/2022/NĐ-CP", parts)
        self.assertIn("42/2022/nd-cp", parts)
        self.doc.refresh_from_db()
        for word in ("42/2022/nd-cp", "nghi dinh", "chinh phu", "cung cap thong tin"):
            self.assertIn(word, self.doc.search_key)

    def test_bad_number__validation_error(self):
        self.doc.number_symbol = "bốn hai"
        with self.assertRaises(ValidationError) as ctx:
            self.doc.full_clean()
        self.assertIn("number_symbol", ctx.exception.message_dict)

    def test_dates__effective_before_issue_refused(self):
        self.doc.effective_date = D(2022, 1, 1)
        with self.assertRaises(ValidationError) as ctx:
            self.doc.full_clean()
        self.assertIn("effective_date", ctx.exception.message_dict)

    def test_display_name(self):
        self.assertEqual(self.doc.display_name, "Nghị định 42/2022/NĐ-CP")


class RelationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        library = make_library()
        nd = doc_type("Nghị định")
        cls.old = add_document(
            library,
            title="NĐ 43",
            number_symbol="43/2011/NĐ-CP",
            document_type=nd,
            issue_date=D(2011, 6, 13),
        )
        cls.law = add_document(
            library,
            title="Luật CNTT",
            number_symbol="67/2006/QH11",
            document_type=doc_type("Luật"),
            issue_date=D(2006, 6, 29),
        )
        cls.new = add_document(
            library,
            title="NĐ 42",
            number_symbol="42/2022/NĐ-CP",
            document_type=nd,
            issue_date=D(2022, 6, 24),
            effective_date=D(2022, 8, 15),
        )
        cls.draft = add_document(
            library,
            title="Bản nháp",
            number_symbol="1/QĐ-UBND",
            live=False,
        )
        for order, (source, kind, target) in enumerate(
            [
                (cls.new, RelationType.REPLACES, cls.old),
                (cls.new, RelationType.BASED_ON, cls.law),
                (cls.new, RelationType.GUIDES, cls.law),
                (cls.draft, RelationType.AMENDS, cls.new),  # a draft: not shown
                (cls.old, RelationType.RELATED, cls.law),
            ]
        ):
            LegalDocumentRelation.objects.create(
                page=source, target=target, relation_type=kind, sort_order=order
            )

    def labels(self, page):
        page = LegalDocumentPage.objects.get(pk=page.pk)
        return [(str(g.label), [r.other.pk for r in g.items]) for g in page.relation_groups]

    def test_acting_document__forward_wording(self):
        self.assertEqual(
            self.labels(self.new),
            [("Căn cứ", [self.law.pk]), ("Hướng dẫn", [self.law.pk]), ("Thay thế", [self.old.pk])],
        )

    def test_target_document__inverse_wording(self):
        self.assertEqual(
            self.labels(self.law),
            [
                ("Văn bản liên quan", [self.old.pk]),
                ("Là căn cứ của", [self.new.pk]),
                ("Được hướng dẫn bởi", [self.new.pk]),
            ],
        )
        self.assertEqual(
            self.labels(self.old),
            [("Văn bản liên quan", [self.law.pk]), ("Bị thay thế bởi", [self.new.pk])],
        )

    def test_one_query_per_direction(self):
        page = LegalDocumentPage.objects.get(pk=self.law.pk)
        with CaptureQueriesContext(connection) as ctx:
            groups = page.relation_groups
            [r.other.display_name for g in groups for r in g.items]
        self.assertEqual(len(ctx), 2)

    def test_page__shows_both_directions_with_links(self):
        response = self.client.get(self.old.url)
        self.assertContains(response, "Bị thay thế bởi")
        self.assertContains(response, f'href="{self.new.url}"')
        self.assertContains(response, "Nghị định 42/2022/NĐ-CP")
        response = self.client.get(self.new.url)
        self.assertNotContains(response, "Bản nháp")  # the draft's relation stays hidden

    def test_relation_to_itself__refused(self):
        relation = LegalDocumentRelation(page=self.new, target=self.new)
        with self.assertRaises(ValidationError):
            relation.clean()


class FullTextAndFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        library = make_library()
        cls.pdf = make_document_file(
            text_pdf(["QUYẾT ĐỊNH"], embed_font=False), "qd.pdf", "Bản PDF"
        )
        cls.docx = make_document_file(b"PK\x03\x04word", "qd.docx", "Bản Word")
        cls.page = add_document(
            library,
            title="Quyết định ban hành quy chế",
            number_symbol="541/QĐ-UBND",
            full_text=(
                "<p>QUYẾT ĐỊNH</p><p>Điều 1. Ban hành kèm theo Quyết định này Quy chế.</p>"
                "<p><b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký.</p>"
                "<p>QUY CHẾ</p><p>Chương I</p><p>Điều 1. Phạm vi điều chỉnh.</p>"
                "<p>Điều 5. Nguồn cung cấp thông tin.</p>"
            ),
            attachments=[
                LegalDocumentAttachment(document=cls.pdf, sort_order=0),
                LegalDocumentAttachment(document=cls.docx, title="Bản Word gốc", sort_order=1),
            ],
        )

    def test_articles__anchored_and_listed(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<p id="dieu-1">Điều 1. Ban hành')
        self.assertContains(response, '<p id="dieu-2"><b>Điều 2.</b>')
        self.assertContains(response, '<p id="quy-che-dieu-5">Điều 5.')
        self.assertContains(response, 'href="#quy-che-dieu-1"')

    def test_files__type_size_download_and_view_for_pdf_only(self):
        response = self.client.get(self.page.url)
        html = response.content.decode()
        self.assertIn(f'href="{self.pdf.url}" download', html)
        self.assertIn(f'href="{self.docx.url}" download', html)
        self.assertEqual(html.count(f'href="{self.pdf.url}">'), 1)  # the "view" link
        self.assertNotIn(f'href="{self.docx.url}">', html)
        self.assertIn("(PDF,", html)
        self.assertIn("(DOCX,", html)
        self.assertIn("Bản Word gốc", html)

    def test_pdf__served_inline_for_viewing(self):
        response = self.client.get(self.pdf.url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("inline"))

    def test_attachment__other_file_types_refused(self):
        image = make_document_file(b"GIF89a", "anh.gif", "Ảnh")
        with self.assertRaises(ValidationError):
            LegalDocumentAttachment(page=self.page, document=image).clean()

    def test_dublin_core_meta(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<meta name="DC.identifier" content="541/QĐ-UBND">')

    def test_status_default__in_force(self):
        self.assertEqual(self.page.effect_status, EffectStatus.IN_FORCE)


class SearchProtocolTests(TestCase):
    """What the site search (search app) reads from a document page."""

    @classmethod
    def setUpTestData(cls):
        from congthongtin.core.models import Field

        library = make_library()
        cls.field = Field.objects.get_or_create(name="Công nghệ thông tin")[0]
        cls.page = add_document(
            library,
            title="Quyết định ban hành quy chế",
            number_symbol="541/QĐ-UBND",
            issuing_body=agency("Ủy ban nhân dân huyện Như Xuân"),
            issue_date=D(2012, 3, 12),
            summary="Ban hành Quy chế hoạt động",
            fields=[cls.field],
            full_text=(
                "<p>Điều 1. Ban hành Quy chế.</p><p>Kèm theo quyết định.</p>"
                "<p>QUY CHẾ</p><p>Chương I</p><p>Điều 5. Nguồn thông tin.</p><p>Các đơn vị.</p>"
            ),
        )

    def test_facets_numbers_summary(self):
        facets = self.page.get_search_facets()
        self.assertEqual(facets["fields"], [self.field.slug])
        self.assertEqual(facets["agency"], self.page.issuing_body.slug)
        self.assertEqual(facets["date"], D(2012, 3, 12))
        self.assertEqual(self.page.get_search_numbers(), ["541/QĐ-UBND"])
        self.assertEqual(self.page.get_search_summary(), "Ban hành Quy chế hoạt động")
        self.assertEqual(self.page.search_category, "van-ban")

    def test_sections__one_per_article_with_its_anchor(self):
        self.assertEqual(
            self.page.get_search_sections(),
            [
                ("dieu-1", "Điều 1. Ban hành Quy chế.", "Kèm theo quyết định."),
                ("quy-che-dieu-5", "Điều 5. Nguồn thông tin.", "Các đơn vị."),
            ],
        )
