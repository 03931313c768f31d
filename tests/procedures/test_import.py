"""import_procedures (procedures/IMPORT.md): JSON, CSV, XLSX, bad rows, idempotency,
live procedures changed only through a new draft revision (R-SLA-2)."""

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Revision

from congthongtin.core.models import Agency, Field
from congthongtin.procedures.importing import ProcedureImporter, read_csv, read_json, read_xlsx
from congthongtin.procedures.models import ProcedurePage
from tests.factories import OfficialFactory, UnitFactory, make_portal

from .helpers import docx_bytes, make_index

KHAI_SINH = {
    "ma_thu_tuc": "1.001193",
    "ten_thu_tuc": "Đăng ký khai sinh",
    "cap_thuc_hien": "Cấp xã",
    "linh_vuc": "Hộ tịch",
    "co_quan_thuc_hien": "Ủy ban nhân dân xã Như Xuân",
    "doi_tuong_thuc_hien": ["Công dân Việt Nam"],
    "trinh_tu_thuc_hien": [
        "Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã.",
        "Bước 2: Công chức tư pháp – hộ tịch kiểm tra hồ sơ.",
    ],
    "cach_thuc_thuc_hien": [
        "Trực tiếp; Trung tâm Phục vụ hành chính công xã",
        {"hinh_thuc": "Trực tuyến", "dia_chi_truc_tuyen": "https://dichvucong.gov.vn/"},
    ],
    "thanh_phan_ho_so": [
        "Tờ khai đăng ký khai sinh; 1; 0; TK-KS",
        {"truong_hop": "Trường hợp ủy quyền"},
        {"ten_giay_to": "Văn bản ủy quyền", "ban_chinh": 1, "ban_sao": 0},
    ],
    "thoi_han_giai_quyet": "Ngay trong ngày tiếp nhận hồ sơ",
    "phi_le_phi": ["Lệ phí đăng ký khai sinh đúng hạn; miễn; Luật Hộ tịch Điều 11"],
    "ket_qua": "Giấy khai sinh",
    "can_cu_phap_ly": [
        "60/2014/QH13; Luật Hộ tịch; 20/11/2014; Quốc hội",
        {"so_ky_hieu": "123/2015/NĐ-CP", "trich_yeu": "Quy định chi tiết Luật Hộ tịch"},
    ],
    "muc_do_dvc": "Toàn trình",
    "dia_chi_dvc": "https://dichvucong.gov.vn/",
    "ngay_cung_cap": "03/2024",
    "bieu_mau": [{"ma_mau": "TK-KS", "ten": "Tờ khai đăng ký khai sinh", "tep": "tk-ks.docx"}],
}
KET_HON = {
    "ma_thu_tuc": "1.000894",
    "ten_thu_tuc": "Đăng ký kết hôn",
    "cap_thuc_hien": "xa",
    "linh_vuc": "Hộ tịch",
    "thoi_han_giai_quyet": 5,
    "phi_le_phi": [{"ten": "Lệ phí đăng ký kết hôn", "muc_thu": 0}],
    "muc_do_dvc": "Một phần",
    "dia_chi_dvc": "https://dichvucong.gov.vn/",
    "ly_do_mot_phan": "Hai bên nam, nữ phải có mặt để ký Sổ hộ tịch.",
    "loai_ly_do": "Phải có mặt",
}


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        (self.folder / "tk-ks.docx").write_bytes(docx_bytes("Tờ khai đăng ký khai sinh"))

    def run_import(self, rows, **options):
        importer = ProcedureImporter(self.index, base_dir=self.folder, **options)
        return importer.run(rows)

    def json_rows(self, *items):
        return read_json(json.dumps(list(items)).encode())


class JsonImportTests(ImportTestCase):
    def test_new_procedures__created_as_drafts_with_all_parts(self):
        report = self.run_import(self.json_rows(KHAI_SINH, KET_HON))
        self.assertEqual([r.action for r in report.results], ["created", "created"])
        page = ProcedurePage.objects.get(code="1.001193")
        self.assertFalse(page.live)
        self.assertIsNotNone(page.latest_revision_id)
        self.assertEqual(page.get_parent().pk, self.index.pk)
        self.assertEqual(page.level, "xa")
        self.assertEqual(page.field.name, "Hộ tịch")
        self.assertEqual(page.agency.name, "Ủy ban nhân dân xã Như Xuân")
        self.assertEqual(page.audience, ["cong-dan"])
        self.assertEqual(
            [b.value["text"] for b in page.steps],
            [
                "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã.",
                "Công chức tư pháp – hộ tịch kiểm tra hồ sơ.",
            ],
        )
        self.assertEqual([b.value["channel"] for b in page.submission], ["truc-tiep", "truc-tuyen"])
        self.assertEqual([b.block_type for b in page.dossier], ["item", "case", "item"])
        self.assertEqual(page.dossier[0].value["form_code"], "TK-KS")
        self.assertIsNone(page.processing_days)
        self.assertEqual(page.processing_time_text, "Ngay trong ngày tiếp nhận hồ sơ")
        self.assertEqual(page.fees[0].value["amount"], 0)
        self.assertEqual(page.legal_basis[0].value["issuer"], "Quốc hội")
        self.assertEqual(str(page.legal_basis[0].value["issued_on"]), "2014-11-20")
        self.assertEqual(page.online_since.isoformat(), "2024-03-01")
        form = page.forms.get()
        self.assertEqual(form.document.file_extension, "docx")
        ket_hon = ProcedurePage.objects.get(code="1.000894")
        self.assertEqual(ket_hon.processing_days, 5)
        self.assertEqual(ket_hon.online_partial_reason_kind, "co-mat")
        self.assertEqual(sorted(report.created_fields), [])  # "Hộ tịch" is a default field
        self.assertEqual(report.created_agencies, ["Ủy ban nhân dân xã Như Xuân"])

    def test_second_run__same_file__changes_nothing(self):
        rows = self.json_rows(KHAI_SINH, KET_HON)
        self.run_import(rows)
        revisions, documents = Revision.objects.count(), get_document_model().objects.count()
        pages, agencies = ProcedurePage.objects.count(), Agency.objects.count()
        report = self.run_import(rows)
        self.assertEqual([r.action for r in report.results], ["unchanged", "unchanged"])
        self.assertEqual(Revision.objects.count(), revisions)
        self.assertEqual(get_document_model().objects.count(), documents)
        self.assertEqual(ProcedurePage.objects.count(), pages)
        self.assertEqual(Agency.objects.count(), agencies)

    def test_changed_row__draft_page__new_revision(self):
        self.run_import(self.json_rows(KET_HON))
        report = self.run_import(self.json_rows({**KET_HON, "thoi_han_giai_quyet": 3}))
        self.assertEqual(report.results[0].action, "updated")
        page = ProcedurePage.objects.get(code="1.000894")
        self.assertEqual(page.get_latest_revision_as_object().processing_days, 3)

    def test_live_procedure_changed__new_draft_revision_not_published(self):
        self.run_import(self.json_rows(KET_HON))
        page = ProcedurePage.objects.get(code="1.000894")
        page.get_latest_revision().publish()
        revisions = page.revisions.count()
        report = self.run_import(
            self.json_rows({**KET_HON, "ten_thu_tuc": "Đăng ký kết hôn (sửa đổi)"})
        )
        self.assertEqual(report.results[0].action, "revised")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.title, "Đăng ký kết hôn")  # the public page is unchanged
        self.assertTrue(page.has_unpublished_changes)
        self.assertEqual(page.revisions.count(), revisions + 1)
        self.assertEqual(page.get_latest_revision_as_object().title, "Đăng ký kết hôn (sửa đổi)")
        self.assertEqual(self.client.get(page.url).status_code, 200)
        self.assertNotContains(self.client.get(page.url), "(sửa đổi)")
        # Running the changed file again adds nothing more.
        again = self.run_import(
            self.json_rows({**KET_HON, "ten_thu_tuc": "Đăng ký kết hôn (sửa đổi)"})
        )
        self.assertEqual(again.results[0].action, "unchanged")
        self.assertEqual(page.revisions.count(), revisions + 1)

    def test_missing_keys__leave_fields_unchanged(self):
        self.run_import(self.json_rows(KHAI_SINH))
        report = self.run_import(
            self.json_rows({"ma_thu_tuc": "1.001193", "ket_qua": "Giấy khai sinh"})
        )
        self.assertEqual(report.results[0].action, "unchanged")

    def test_bad_rows__reported_with_reasons__good_rows_imported(self):
        rows = self.json_rows(
            {**KHAI_SINH, "ma_thu_tuc": "1.1193"},
            KET_HON,
            {**KET_HON, "ma_thu_tuc": "1.000656", "ly_do_mot_phan": ""},
            {**KET_HON, "ma_thu_tuc": "1.004873", "cap_thuc_hien": "Cấp thôn"},
            {**KET_HON, "ma_thu_tuc": "1.000894"},
            {**KET_HON, "ma_thu_tuc": "2.000635", "phi_le_phi": ["Phí; tám nghìn"]},
            {**KET_HON, "ma_thu_tuc": "2.000815", "ngay_cung_cap": "tháng 13/2024"},
            {**KET_HON, "ma_thu_tuc": "2.000884", "ten_thu_tuc": ""},
            "not an object",
            {**KHAI_SINH, "ma_thu_tuc": "1.002211", "bieu_mau": ["TK; Tờ khai; ../../etc/passwd"]},
        )
        with translation.override("en"):
            report = self.run_import(rows)
            lines = "\n".join(report.lines())
        actions = {r.row: r.action for r in report.results}
        self.assertEqual(actions[2], "created")
        self.assertEqual([r.row for r in report.rejected], [1, 3, 4, 5, 6, 7, 8, 9, 10])
        reasons = {r.row: " ".join(r.errors) for r in report.rejected}
        self.assertIn("national form", reasons[1])
        self.assertIn("partly online service must publish why", reasons[3])
        self.assertIn("Cấp thôn", reasons[4])
        self.assertIn("row 2", reasons[5])
        self.assertIn("tám nghìn", reasons[6])
        self.assertIn("tháng 13/2024", reasons[7])
        self.assertIn("name", reasons[8])
        self.assertIn("outside the folder", reasons[10])
        self.assertIn("Row 3 (1.000656): rejected", lines)
        self.assertIn("1 created, 0 changed, 0 unchanged, 9 rejected.", lines)
        self.assertEqual(list(ProcedurePage.objects.values_list("code", flat=True)), ["1.000894"])

    def test_rejected_row__taxonomy_it_created__rolled_back(self):
        row = {**KET_HON, "linh_vuc": "Lĩnh vực mới tinh", "ly_do_mot_phan": ""}
        report = self.run_import(self.json_rows(row))
        self.assertEqual(report.results[0].action, "rejected")
        self.assertFalse(Field.objects.filter(name="Lĩnh vực mới tinh").exists())
        self.assertEqual(report.created_fields, [])

    def test_new_field_and_agency__created_and_reported(self):
        row = {**KET_HON, "linh_vuc": "Hòa giải ở cơ sở", "co_quan_thuc_hien": "UBND xã Mới"}
        report = self.run_import(self.json_rows(row))
        self.assertEqual(report.created_fields, ["Hòa giải ở cơ sở"])
        self.assertEqual(report.created_agencies, ["UBND xã Mới"])
        self.assertEqual(Agency.objects.get(name="UBND xã Mới").level, "commune")
        with translation.override("en"):
            self.assertIn("New field created: Hòa giải ở cơ sở", report.lines())

    def test_names__matched_folded(self):
        Field.objects.create(name="Chứng thực thử")
        row = {**KET_HON, "linh_vuc": "CHUNG THUC THU"}
        report = self.run_import(self.json_rows(row))
        self.assertEqual(report.created_fields, [])
        self.assertEqual(ProcedurePage.objects.get().field.name, "Chứng thực thử")

    def test_dry_run__saves_nothing(self):
        files_before = set(
            Path(get_document_model()._meta.get_field("file").storage.location).rglob("*")
        )
        report = self.run_import(self.json_rows(KHAI_SINH), dry_run=True)
        self.assertEqual(report.results[0].action, "created")
        self.assertFalse(ProcedurePage.objects.exists())
        self.assertFalse(get_document_model().objects.exists())
        self.assertFalse(Agency.objects.filter(name="Ủy ban nhân dân xã Như Xuân").exists())
        files_after = set(
            Path(get_document_model()._meta.get_field("file").storage.location).rglob("*")
        )
        self.assertEqual({f for f in files_after - files_before if f.is_file()}, set())

    def test_legacy_online_level__kept_apart(self):
        row = {**KET_HON, "ma_thu_tuc": "2.000635", "muc_do_dvc": "Mức độ 4"}
        row.pop("ly_do_mot_phan")
        report = self.run_import(self.json_rows(row))
        page = ProcedurePage.objects.get(code="2.000635")
        self.assertEqual(page.legacy_level, 4)
        self.assertEqual(page.online_level, "khong")
        self.assertEqual(len(report.results[0].warnings), 1)

    def test_officer__matched_in_this_portal_directory(self):
        official = OfficialFactory(
            unit=UnitFactory(), full_name="Hoàng Văn Em", email="emhv.nhuxuan@thanhhoa.gov.vn"
        )
        other_site, _ = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND")
        OfficialFactory(unit=UnitFactory(site=other_site), full_name="Người Xã Khác")
        report = self.run_import(
            self.json_rows(
                {**KET_HON, "can_bo_xu_ly": "hoang van em"},
                {**KET_HON, "ma_thu_tuc": "2.000635", "can_bo_xu_ly": "Người Xã Khác"},
            )
        )
        self.assertEqual(ProcedurePage.objects.get(code="1.000894").handling_officer, official)
        self.assertIsNone(ProcedurePage.objects.get(code="2.000635").handling_officer)
        self.assertEqual(len(report.results[1].warnings), 1)

    def test_same_code_on_another_site__separate_procedure(self):
        _site, home = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND")
        other_index = make_index(home)
        ProcedureImporter(other_index, base_dir=self.folder).run(self.json_rows(KET_HON))
        report = self.run_import(self.json_rows(KET_HON))
        self.assertEqual(report.results[0].action, "created")
        self.assertEqual(ProcedurePage.objects.filter(code="1.000894").count(), 2)

    def test_changed_form_file__new_document_and_revision(self):
        self.run_import(self.json_rows(KHAI_SINH))
        (self.folder / "tk-ks.docx").write_bytes(docx_bytes("Tờ khai mẫu mới"))
        report = self.run_import(self.json_rows(KHAI_SINH))
        self.assertEqual(report.results[0].action, "updated")
        self.assertEqual(get_document_model().objects.count(), 2)


class CsvAndXlsxImportTests(ImportTestCase):
    HEADER = [
        "Mã thủ tục",
        "Tên thủ tục",
        "Cấp thực hiện",
        "Lĩnh vực",
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Mức độ DVC",
        "Địa chỉ DVC",
        "Lý do một phần",
    ]
    GOOD = [
        "1.001193",
        "Đăng ký khai sinh",
        "Cấp xã",
        "Hộ tịch",
        "Nộp hồ sơ\nNhận kết quả",
        "Tờ khai đăng ký khai sinh; 1; 0|Giấy chứng sinh; 1",
        "Ngay trong ngày",
        "Lệ phí; 0",
        "Toàn trình",
        "https://dichvucong.gov.vn/",
        "",
    ]
    BAD_REASON = [
        "1.000894",
        "Đăng ký kết hôn",
        "Cấp xã",
        "Hộ tịch",
        "",
        "",
        "5 ngày làm việc",
        "",
        "Một phần",
        "https://dichvucong.gov.vn/",
        "",
    ]
    BAD_FEE = [
        "2.000635",
        "Cấp bản sao trích lục",
        "Cấp xã",
        "Hộ tịch",
        "",
        "",
        "1",
        "Phí; 8.000 đồng; |Phí khác; mười nghìn",
        "",
        "",
        "",
    ]
    GOOD_2 = [
        "2.000815",
        "Chứng thực bản sao",
        "Cấp xã",
        "Chứng thực",
        "",
        "",
        "1",
        "Phí chứng thực; 2.000 đồng; đồng/trang",
        "Không",
        "",
        "",
    ]

    def write_csv(self, rows, delimiter=","):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(self.HEADER)
        writer.writerows(rows)
        path = self.folder / "thu-tuc.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
        return path

    def write_xlsx(self, rows):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(self.HEADER)
        for row in rows:
            sheet.append(row)
        path = self.folder / "thu-tuc.xlsx"
        workbook.save(path)
        return path

    def test_csv__bad_rows_reported_by_spreadsheet_row__good_imported(self):
        path = self.write_csv([self.GOOD, self.BAD_REASON, self.BAD_FEE, [""] * 11, self.GOOD_2])
        rows = read_csv(path.read_bytes())
        report = self.run_import(rows)
        self.assertEqual(
            {r.row: r.action for r in report.results},
            {2: "created", 3: "rejected", 4: "rejected", 6: "created"},
        )
        page = ProcedurePage.objects.get(code="1.001193")
        self.assertEqual(len(page.steps), 2)
        self.assertEqual(
            [b.value["name"] for b in page.dossier],
            ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        )
        self.assertIsNone(page.dossier[1].value["copies"])
        fee = ProcedurePage.objects.get(code="2.000815").fees[0].value
        self.assertEqual((fee["amount"], fee["note"]), (2000, "đồng/trang"))

    def test_csv__semicolon_delimited__read(self):
        path = self.write_csv([self.GOOD], delimiter=";")
        self.assertEqual(read_csv(path.read_bytes())[0][1]["ma_thu_tuc"], "1.001193")

    def test_xlsx__imported_and_idempotent__numeric_code_kept(self):
        numeric_code = [2.00072, *self.GOOD_2[1:]]  # a spreadsheet turns 2.000720 into 2.00072
        path = self.write_xlsx([self.GOOD, self.BAD_REASON, numeric_code])
        report = self.run_import(read_xlsx(path))
        self.assertEqual([r.action for r in report.results], ["created", "rejected", "created"])
        self.assertTrue(ProcedurePage.objects.filter(code="2.000720").exists())
        second = self.run_import(read_xlsx(path))
        self.assertEqual([r.action for r in second.results], ["unchanged", "rejected", "unchanged"])

    def test_command__runs_twice__second_time_unchanged(self):
        path = self.write_csv([self.GOOD, self.BAD_REASON])
        out, err = io.StringIO(), io.StringIO()
        with translation.override("en"):
            call_command("import_procedures", str(path), stdout=out, stderr=err)
            self.assertIn("Row 2 (1.001193): created as a draft", out.getvalue())
            self.assertIn("Row 3 (1.000894): rejected", out.getvalue())
            out = io.StringIO()
            call_command(
                "import_procedures", str(path), "--parent", self.index.slug, stdout=out, stderr=err
            )
        self.assertIn("0 created, 0 changed, 1 unchanged, 1 rejected.", out.getvalue())

    def test_command__unknown_parent_or_file__clear_error(self):
        path = self.write_csv([self.GOOD])
        with self.assertRaises(CommandError):
            call_command("import_procedures", str(path), "--parent", "khong-co")
        with self.assertRaises(CommandError):
            call_command("import_procedures", str(self.folder / "khong-co.csv"))
        (self.folder / "bad.json").write_text("{not json", encoding="utf-8")
        with self.assertRaises(CommandError):
            call_command("import_procedures", str(self.folder / "bad.json"))


class SampleFilesTests(ImportTestCase):
    """The examples IMPORT.md points to import without a rejected row."""

    SAMPLES = Path(__file__).resolve().parents[2] / "procedures" / "import_samples"

    def test_json_and_csv_samples__import_cleanly_and_idempotently(self):
        OfficialFactory(unit=UnitFactory(), full_name="Hoàng Văn Em")
        for name, reader in (("thu_tuc_mau.json", read_json), ("thu_tuc_mau.csv", read_csv)):
            with self.subTest(sample=name):
                rows = reader((self.SAMPLES / name).read_bytes())
                report = self.run_import(rows)
                self.assertEqual(report.rejected, [], report.lines())
                self.assertEqual(report.count("created"), 2)
                self.assertEqual(self.run_import(rows).count("unchanged"), 2)
        khai_tu = ProcedurePage.objects.get(code="1.000656")
        self.assertEqual(khai_tu.handling_officer.full_name, "Hoàng Văn Em")
        self.assertEqual(len(ProcedurePage.objects.get(code="2.000884").legal_basis), 2)
