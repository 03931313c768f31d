"""ProcedurePage validation (R-PROC-1, R-PROC-2; Decree 224/2026 Điều 14)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase

from congthongtin.home.models import StandardPage
from congthongtin.procedures.blocks import LegalDocumentChooserBlock
from congthongtin.procedures.models import ProcedureForm, ProcedurePage
from tests.factories import make_portal

from .helpers import make_document, make_index, make_procedure


class ProcedureValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()

    def build(self, **fields):
        values = {
            "title": "Đăng ký kết hôn",
            "code": "1.000894",
            "processing_days": 5,
            "online_level": "khong",
        }
        values.update(fields)
        return ProcedurePage(**values)

    def errors(self, page):
        with self.assertRaises(ValidationError) as caught:
            self.index.add_child(instance=page)
        return caught.exception.message_dict

    def test_partly_online__without_reason__refused(self):
        page = self.build(online_level="mot-phan", online_url="https://dichvucong.gov.vn/")
        self.assertIn("online_partial_reason", self.errors(page))

    def test_partly_online__with_reason__accepted(self):
        page = self.build(
            online_level="mot-phan",
            online_url="https://dichvucong.gov.vn/",
            online_partial_reason="Hai bên phải có mặt để ký Sổ hộ tịch.",
            online_partial_reason_kind="co-mat",
        )
        self.index.add_child(instance=page)
        self.assertTrue(ProcedurePage.objects.filter(pk=page.pk).exists())

    def test_online__without_address__refused(self):
        self.assertIn("online_url", self.errors(self.build(online_level="toan-trinh")))

    def test_time_limit__neither_days_nor_text__refused(self):
        self.assertIn("processing_days", self.errors(self.build(processing_days=None)))

    def test_code__not_national_format__refused(self):
        for code in ["1.1193", "A.001193", "1.001193x", "1.001193.000", "12.001193"]:
            with self.subTest(code=code):
                self.assertIn("code", self.errors(self.build(code=code)))

    def test_code__long_local_form__accepted(self):
        page = self.build(code="1.001193.000.00.00.H56")
        self.index.add_child(instance=page)
        self.assertEqual(page.code, "1.001193.000.00.00.H56")

    def test_online_since__stored_as_first_of_month(self):
        page = self.build(
            online_level="toan-trinh",
            online_url="https://dichvucong.gov.vn/",
            online_since=dt.date(2024, 3, 17),
        )
        self.index.add_child(instance=page)
        page.refresh_from_db()
        self.assertEqual(page.online_since, dt.date(2024, 3, 1))

    def test_search_key__holds_code_and_folded_title(self):
        page = make_procedure(self.index, title="Đăng ký khai tử", code="1.000656")
        self.assertIn("dang ky khai tu", page.search_key)
        self.assertIn("1.000656", page.search_key)

    def test_audience__several_values__survive_a_revision(self):
        page = make_procedure(self.index, audience=["cong-dan", "doanh-nghiep"])
        revision = page.save_revision()
        self.assertEqual(revision.as_object().audience, ["cong-dan", "doanh-nghiep"])
        page.refresh_from_db()
        self.assertEqual(page.audience, ["cong-dan", "doanh-nghiep"])

    def test_audience__unknown_value__refused(self):
        self.assertIn("audience", self.errors(self.build(audience=["nguoi-ngoai-hanh-tinh"])))


class CodeUniquenessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.other_site, other_home = make_portal(
            "anhaodong.example.vn", "Xã An Hảo Đông", "UBND xã An Hảo Đông"
        )
        cls.other_index = make_index(other_home)
        make_procedure(cls.index, code="1.001193")

    def test_duplicate_code__same_site__refused(self):
        page = ProcedurePage(title="Bản sao", code="1.001193", processing_days=1)
        with self.assertRaises(ValidationError) as caught:
            self.index.add_child(instance=page)
        self.assertIn("code", caught.exception.message_dict)

    def test_duplicate_code__same_site_other_section__refused(self):
        section = StandardPage(title="Chuyên mục khác", slug="chuyen-muc-khac")
        self.index.get_parent().add_child(instance=section)
        other_index = make_index(section, slug="tthc-khac")
        page = ProcedurePage(title="Bản sao", code="1.001193", processing_days=1)
        with self.assertRaises(ValidationError):
            other_index.add_child(instance=page)

    def test_duplicate_code__other_site__allowed(self):
        page = make_procedure(self.other_index, code="1.001193")
        self.assertEqual(ProcedurePage.objects.filter(code="1.001193").count(), 2)
        self.assertTrue(page.live)

    def test_saving_the_same_page_again__not_a_duplicate(self):
        page = ProcedurePage.objects.get(code="1.001193", path__startswith=self.index.path)
        page.summary = "Cập nhật"
        page.save_revision().publish()

    def test_admin_form__duplicate_code_before_creation__refused(self):
        """The admin validates a new page before it has a place in the tree."""
        from congthongtin.procedures.forms import ProcedurePageForm

        form_class = ProcedurePage.get_edit_handler().get_form_class()
        self.assertTrue(issubclass(form_class, ProcedurePageForm))
        page = ProcedurePage(title="Bản sao", code="1.001193", processing_days=1)
        page._validation_parent = self.index
        with self.assertRaises(ValidationError) as caught:
            page.full_clean(exclude=["path", "depth", "slug"])
        self.assertIn("code", caught.exception.message_dict)


class FormAndBlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()

    def test_form_file__executable__refused(self):
        document = make_document(title="Chương trình", name="cai-dat.zip")
        form = ProcedureForm(name="Tờ khai", document=document)
        with self.assertRaises(ValidationError):
            form.clean()

    def test_form_file__docx__accepted(self):
        form = ProcedureForm(name="Tờ khai", document=make_document())
        form.clean()

    def test_legal_basis_chooser__page_of_another_type__refused(self):
        block = LegalDocumentChooserBlock()
        with self.assertRaises(ValidationError):
            block.clean(self.index)
