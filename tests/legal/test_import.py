"""Import command and service (R-SUB-1): the five seeds, Word and PDF files, every failure
path, and nothing half-created."""

import datetime
import io
import json

from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from congthongtin.legal.importer.service import import_document
from congthongtin.legal.models import LegalDocumentPage, LegalDocumentRelation, RelationType
from congthongtin.legal.pdf import text_pdf
from congthongtin.nhuxuan_site.demo import content
from congthongtin.nhuxuan_site.demo import legal as demo_legal
from congthongtin.nhuxuan_site.management.commands.load_demo import DemoContext
from tests.core.test_reading import encrypted_pdf
from tests.legal.factories import add_document, docx_bytes, make_library
from tests.legal.samples import DECISION, DECISION_TEXT, HEADER_ROWS, SEED_FILES

Document = get_document_model()


def load_demo_library():
    home = Page.objects.get(depth=2).specific
    context = DemoContext(
        home=home,
        site=Site.objects.get(is_default_site=True),
        officials={},
        sections={slug: (title, intro) for slug, title, intro in content.SECTIONS},
    )
    demo_legal.load(context)
    return LegalDocumentPage.objects.get(slug="quyet-dinh-541-qd-ubnd").get_parent().specific


def run_json(*args):
    out = io.StringIO()
    try:
        call_command("import_legal_document", *args, "--json", stdout=out)
        failed = None
    except CommandError as error:
        failed = error
    return [json.loads(line) for line in out.getvalue().splitlines()], failed


class SeedImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = load_demo_library()
        paths = [str(SEED_FILES[key]) for key in sorted(SEED_FILES)]
        cls.pages_before = LegalDocumentPage.objects.count()
        cls.results, cls.failed = run_json(*paths, "--dry-run")
        cls.by_seed = dict(zip(sorted(SEED_FILES), cls.results, strict=True))

    def url(self, slug):
        return LegalDocumentPage.objects.get(slug=slug).url

    def test_dry_run__nothing_created_and_no_page_url(self):
        # S0 is already in the demo library: the one file that would not import.
        self.assertEqual(str(self.failed), "1/5 tệp không nhập được.")
        self.assertEqual(LegalDocumentPage.objects.count(), self.pages_before)
        self.assertTrue(all(r["page_url"] is None for r in self.results))

    def test_json__keys(self):
        for key in (
            "file",
            "number_symbol",
            "document_type",
            "issuing_body",
            "issue_date",
            "signer",
            "summary",
            "citations",
            "resolved",
            "page_url",
            "problems",
        ):
            self.assertIn(key, self.results[0])

    def test_s0__metadata_and_citations_linked_to_the_demo_documents(self):
        s0 = self.by_seed["S0"]
        self.assertEqual(s0["number_symbol"], "541/QĐ-UBND")
        self.assertEqual(s0["document_type"], "Quyết định")
        self.assertEqual(s0["issuing_body"], "Ủy ban nhân dân huyện Như Xuân")
        self.assertEqual(s0["issue_date"], "2012-03-12")
        self.assertEqual(s0["signer"], "Dương Văn Mạnh")
        self.assertEqual(
            s0["summary"], "Ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân"
        )
        self.assertEqual(
            s0["citations"],
            [
                "Luật tổ chức HĐND và UBND ngày 26/11/2003",
                "67/2006/QH11",
                "64/2007/NĐ-CP",
                "43/2011/NĐ-CP",
                "5724/UBND-CNTT",
            ],
        )
        # The 2003 law is cited by name and date only: matched by type, date and name.
        self.assertEqual(
            s0["resolved"],
            [
                self.url("luat-11-2003-qh11"),
                self.url("luat-67-2006-qh11"),
                self.url("nghi-dinh-64-2007-nd-cp"),
                self.url("nghi-dinh-43-2011-nd-cp"),
                self.url("cong-van-5724-ubnd-cntt"),
            ],
        )
        # S0 is itself in the library: a real import would duplicate it.
        self.assertTrue(any("đã có" in p or "already" in p for p in s0["problems"]))

    def test_s1__unsigned_copy(self):
        s1 = self.by_seed["S1"]
        self.assertEqual(s1["number_symbol"], "")
        self.assertEqual(s1["issuing_body"], "Ủy ban nhân dân huyện Mường Khương")
        self.assertIsNone(s1["issue_date"])
        self.assertEqual(s1["citations"][2:], ["1673/QĐ-UBND", "484/QĐ-UBND"])
        # The 2015 local-government law, cited by date, is in the demo library.
        self.assertEqual(s1["resolved"], [self.url("luat-77-2015-qh13")])

    def test_s2__provincial_decision(self):
        s2 = self.by_seed["S2"]
        self.assertEqual(
            (s2["number_symbol"], s2["issuing_body"], s2["issue_date"]),
            ("2567/2007/QĐ-UBND", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "2007-11-16"),
        )
        # "Luật Công nghệ thông tin ngày 29/06/2005": the seed's wrong year links nothing.
        self.assertEqual(
            s2["resolved"], [self.url("luat-11-2003-qh11"), self.url("nghi-dinh-64-2007-nd-cp")]
        )
        self.assertIn("Luật Công nghệ thông tin ngày 29/06/2005", s2["unresolved"])

    def test_s3__commune_decision(self):
        s3 = self.by_seed["S3"]
        self.assertEqual(s3["issuing_body"], "Ủy ban nhân dân xã An Hảo Đông")
        self.assertIn("26/2009/TT-BTTTT", s3["citations"])
        self.assertIn(self.url("thong-tu-26-2009-tt-btttt"), s3["resolved"])
        self.assertIn(self.url("luat-67-2006-qh11"), s3["resolved"])  # by name and date
        self.assertIn("97/2008/NĐ-CP", s3["unresolved"])

    def test_s4__department_decision(self):
        s4 = self.by_seed["S4"]
        self.assertEqual(
            (s4["number_symbol"], s4["issuing_body"], s4["issue_date"], s4["signer"]),
            ("1140/QĐ-SCT", "Sở Công Thương", "2011-08-01", "Trần Gia Khương"),
        )
        self.assertEqual(
            s4["resolved"],
            [self.url("luat-67-2006-qh11"), self.url("nghi-dinh-64-2007-nd-cp")],
        )

    def test_real_import_of_s2__draft_with_file_and_relations(self):
        results, failed = run_json(str(SEED_FILES["S2"]))
        self.assertIsNone(failed)
        page = LegalDocumentPage.objects.get(number_symbol="2567/2007/QĐ-UBND")
        self.assertFalse(page.live)
        self.assertEqual(results[0]["page_url"], page.url or page.url_path)
        self.assertEqual(page.document_type.name, "Quyết định")
        self.assertEqual(page.signer, "Ngô Hòa")
        self.assertIn("Điều 1. Ban hành kèm theo Quyết định này", page.full_text)
        self.assertEqual(page.attachments.get().document.file_extension, "txt")
        self.assertEqual(
            sorted(r.target.slug for r in page.relations.all()),
            ["luat-11-2003-qh11", "nghi-dinh-64-2007-nd-cp"],
        )
        self.assertTrue(all(r.relation_type == RelationType.BASED_ON for r in page.relations.all()))
        self.assertIsNotNone(page.latest_revision)
        # The draft's relations do not show on the cited document's public page yet.
        cited = LegalDocumentPage.objects.get(slug="nghi-dinh-64-2007-nd-cp")
        self.assertNotIn(page.pk, [r.page_id for r in cited.incoming_relations()])


class FileImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        add_document(
            cls.library,
            title="Nghị định 42/2022",
            number_symbol="42/2022/NĐ-CP",
            issue_date=datetime.date(2022, 6, 24),
        )
        add_document(
            cls.library,
            title="Quyết định 541",
            number_symbol="541/QĐ-UBND",
            issue_date=datetime.date(2012, 3, 12),
        )

    def assert_nothing_created(self, before_pages, before_docs):
        self.assertEqual(LegalDocumentPage.objects.count(), before_pages)
        self.assertEqual(Document.objects.count(), before_docs)

    def test_docx__draft_page_from_word(self):
        data = docx_bytes(DECISION, HEADER_ROWS)
        report = import_document(data, "qd-15.docx", library=self.library)
        self.assertTrue(report.ok, report.problems)
        page = report.page
        self.assertFalse(page.live)
        self.assertEqual(page.number_symbol, "15/QĐ-UBND")
        self.assertEqual(page.slug, "quyet-dinh-15-qd-ubnd")
        self.assertEqual(page.place_of_issue, "Như Xuân")
        self.assertIn("<p>Điều 2. Quyết định này có hiệu lực kể từ ngày ký.</p>", page.full_text)
        self.assertEqual(
            [r.target.number_symbol for r in page.relations.all()],
            ["42/2022/NĐ-CP", "541/QĐ-UBND"],
        )
        self.assertEqual(report.unresolved, ["99/2099/TT-BKHCN"])
        # The issuing body "Ủy ban nhân dân xã Như Xuân" is not an agency yet: reported.
        self.assertIsNone(page.issuing_body)
        self.assertTrue(any("Ủy ban nhân dân xã Như Xuân" in p for p in report.problems))

    def test_pdf__draft_page_from_pdf(self):
        data = text_pdf(DECISION_TEXT.splitlines())
        report = import_document(data, "qd-15.pdf", library=self.library)
        self.assertTrue(report.ok, report.problems)
        self.assertEqual(report.page.number_symbol, "15/QĐ-UBND")
        attachment = report.page.attachments.get()
        self.assertEqual(attachment.document.file_extension, "pdf")
        self.assertEqual(attachment.document.file_size, len(data))

    def test_failures__reported_and_nothing_created(self):
        cases = {
            "mat.pdf": (encrypted_pdf(text_pdf(["QUYẾT ĐỊNH"], embed_font=False)), "mã hóa"),
            "rong.docx": (b"", "rỗng"),
            "hong.docx": (b"PK\x03\x04 broken", "tệp hỏng"),
            "anh.png": (b"\x89PNG\r\n\x1a\n\x00", "không được hỗ trợ"),
            "thuc-don.txt": ("Thực đơn: phở, bún chả".encode(), "không giống một văn bản"),
        }
        for name, (data, message) in cases.items():
            with self.subTest(name):
                before = (LegalDocumentPage.objects.count(), Document.objects.count())
                report = import_document(data, name, library=self.library)
                self.assertFalse(report.ok)
                self.assertTrue(any(message in p for p in report.problems), report.problems)
                self.assertIsNone(report.page)
                self.assert_nothing_created(*before)

    def test_failure_while_saving__no_orphan_file(self):
        before = (LegalDocumentPage.objects.count(), Document.objects.count())
        storage = Document._meta.get_field("file").storage
        stored = []
        original_save = storage.save

        def spy_save(name, content, *args, **kwargs):
            saved = original_save(name, content, *args, **kwargs)
            stored.append(saved)
            return saved

        def broken_add_child(*args, **kwargs):
            raise RuntimeError("cơ sở dữ liệu bận")

        data = docx_bytes(DECISION, HEADER_ROWS)
        with (
            self.settings(),
            _patch(storage, "save", spy_save),
            _patch(self.library, "add_child", broken_add_child),
        ):
            report = import_document(data, "qd.docx", library=self.library)
        self.assertFalse(report.ok)
        self.assertTrue(any("cơ sở dữ liệu bận" in p for p in report.problems))
        self.assert_nothing_created(*before)
        self.assertEqual(len(stored), 1)
        self.assertFalse(storage.exists(stored[0]))

    def test_command__failures_in_json_and_exit_error(self):
        missing = "/khong/co/tep.docx"
        results, failed = run_json(missing, str(SEED_FILES["S4"]), "--dry-run")
        self.assertIsNotNone(failed)
        self.assertEqual(results[0]["problems"], ["Không tìm thấy tệp."])
        self.assertIsNone(results[0]["number_symbol"] or None)
        self.assertEqual(results[1]["number_symbol"], "1140/QĐ-SCT")

    def test_command__unknown_parent(self):
        with self.assertRaises(CommandError):
            call_command("import_legal_document", str(SEED_FILES["S0"]), parent="khong-co")

    def test_command__text_output(self):
        out = io.StringIO()
        call_command("import_legal_document", str(SEED_FILES["S4"]), dry_run=True, stdout=out)
        self.assertIn("Số, ký hiệu: 1140/QĐ-SCT", out.getvalue())
        self.assertIn("chạy thử", out.getvalue())
        self.assertEqual(LegalDocumentRelation.objects.filter(page__live=False).count(), 0)


class _patch:
    """Swap an attribute of one object for the duration of a ``with``."""

    def __init__(self, obj, name, value):
        self.obj, self.name, self.value = obj, name, value

    def __enter__(self):
        self.had = self.name in vars(self.obj)
        self.old = vars(self.obj).get(self.name)
        setattr(self.obj, self.name, self.value)

    def __exit__(self, *exc):
        if self.had:
            setattr(self.obj, self.name, self.old)
        else:
            delattr(self.obj, self.name)
