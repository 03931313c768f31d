"""Demo content of the library: real documents, relations and banners on the first run;
idempotent."""

import io

from django.test import TestCase
from pypdf import PdfReader
from wagtail.documents import get_document_model

from congthongtin.core.models import Agency
from congthongtin.legal.models import EffectStatus, LegalDocumentPage, LegalDocumentRelation
from tests.legal.test_import import load_demo_library


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = load_demo_library()
        cls.counts = (
            LegalDocumentPage.objects.count(),
            LegalDocumentRelation.objects.count(),
            get_document_model().objects.count(),
            Agency.objects.count(),
        )

    def page(self, slug):
        return LegalDocumentPage.objects.get(slug=slug)

    def test_library__in_menu_with_the_documents(self):
        self.assertEqual(self.library.slug, "van-ban")
        self.assertTrue(self.library.show_in_menus)
        self.assertEqual(LegalDocumentPage.objects.live().child_of(self.library).count(), 12)
        for name in (
            "Quốc hội",
            "Chính phủ",
            "Bộ Thông tin và Truyền thông",
            "Bộ Khoa học và Công nghệ",
            "Ủy ban nhân dân tỉnh Thanh Hóa",
            "Ủy ban nhân dân huyện Như Xuân",
        ):
            self.assertTrue(Agency.objects.filter(name=name).exists(), name)

    def test_statuses_follow_the_relations_on_first_run(self):
        expired = {
            "luat-67-2006-qh11",
            "nghi-dinh-64-2007-nd-cp",
            "nghi-dinh-43-2011-nd-cp",
            "nghi-dinh-42-2022-nd-cp",
            "thong-tu-26-2009-tt-btttt",
            "luat-11-2003-qh11",
        }
        for slug in expired:
            self.assertEqual(self.page(slug).effect_status, EffectStatus.EXPIRED, slug)
        self.assertEqual(self.page("nghi-dinh-224-2026-nd-cp").effect_status, EffectStatus.IN_FORCE)
        chain = self.page("nghi-dinh-43-2011-nd-cp")
        self.assertEqual(str(chain.expiry_date), "2022-08-15")

    def test_banner_and_inverse_relations_visible(self):
        response = self.client.get(self.page("nghi-dinh-42-2022-nd-cp").url)
        newer = self.page("nghi-dinh-224-2026-nd-cp")
        self.assertContains(response, "Văn bản này đã bị thay thế bởi")
        self.assertContains(response, f'<a href="{newer.url}">Nghị định 224/2026/NĐ-CP</a>')
        response = self.client.get(self.page("luat-67-2006-qh11").url)
        self.assertContains(response, "Văn bản này đã bị bãi bỏ bởi")
        self.assertContains(response, "Luật 148/2025/QH15")
        response = self.client.get(self.page("quyet-dinh-541-qd-ubnd").url)
        self.assertContains(response, "Căn cứ")
        self.assertContains(response, "Công văn 5724/UBND-CNTT")

    def test_full_text__article_anchors(self):
        response = self.client.get(self.page("quyet-dinh-541-qd-ubnd").url)
        self.assertContains(response, 'id="dieu-2"')
        self.assertContains(response, 'id="quy-che-dieu-5"')
        response = self.client.get(self.page("luat-67-2006-qh11").url)
        self.assertContains(response, '<p id="dieu-1">Điều 1. Phạm vi điều chỉnh</p>')

    def test_pdf_attachment__text_readable(self):
        attachment = self.page("quyet-dinh-541-qd-ubnd").attachments.get()
        with attachment.document.open_file() as file:
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(file.read())).pages)
        self.assertIn("Dương Văn Mạnh", text)
        self.assertIn("Điều 1. Phạm vi điều chỉnh", text)

    def test_second_run__nothing_duplicated(self):
        load_demo_library()
        self.assertEqual(
            (
                LegalDocumentPage.objects.count(),
                LegalDocumentRelation.objects.count(),
                get_document_model().objects.count(),
                Agency.objects.count(),
            ),
            self.counts,
        )

    def test_home_page__latest_documents_highlight(self):
        response = self.client.get("/")
        self.assertContains(response, self.page("nghi-dinh-224-2026-nd-cp").url)
        self.assertContains(response, f'href="{self.library.url}"')

    def test_detail_page__query_count_small(self):
        url = self.page("nghi-dinh-42-2022-nd-cp").url
        self.client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertLessEqual(len(ctx), 20)
