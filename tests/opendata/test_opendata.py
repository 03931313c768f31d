"""Open data (issue 23 item 3; Decree 47/2020/NĐ-CP): every dataset in CSV, JSON and XLSX
matches the site's live content and nothing of another site's; no unpublished contact and
no asker's personal data; regeneration on publication; the DCAT catalogue; downloads per
site; a page whose queries do not grow with the datasets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from unittest import mock

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Site

from congthongtin.budget.models import BudgetDisclosureIndexPage, BudgetDisclosurePage
from congthongtin.consultation.models import PERSONAL_FIELDS, Answer, QuestionState
from congthongtin.core.opendata import (
    OPEN_DATASETS_HOOK,
    Column,
    Dataset,
    registered_datasets,
    write_csv,
    write_xlsx,
)
from congthongtin.legal.models import LegalDocumentIndexPage
from congthongtin.opendata.generation import generate, generate_all
from congthongtin.opendata.models import (
    OpenDataFile,
    OpenDataPage,
    OpenDataSettings,
    PendingRegeneration,
)
from congthongtin.projects.models import ProjectIndexPage, ProjectPage
from tests.consultation.helpers import field, make_question, make_question_index
from tests.factories import OfficialFactory, UnitFactory, make_portal
from tests.legal.factories import add_document, make_library
from tests.news.helpers import add, make_document
from tests.procedures.helpers import make_index, make_procedure

SLUGS = {"van-ban", "thu-tuc-hanh-chinh", "don-vi", "du-an", "hoi-dap", "cong-khai-ngan-sach"}
ASKER = {
    "full_name": "Lương Thị Mai",
    "nationality": "Quốc tịch Lào",
    "occupation": "Giáo viên tiểu học",
    "address": "Số 99 đường Hàm Nghi, thôn Bí Mật",
    "representative_position": "Giám đốc bí mật",
    "licence_number": "GP-999-BIMAT",
    "email": "mai.bimat@example.vn",
    "phone": "0988 777 666",
}


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_json(data: bytes) -> dict:
    return json.loads(data.decode("utf-8"))


def read_xlsx(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def file_bytes(site, slug, fmt) -> bytes:
    record = OpenDataFile.objects.get(site=site, dataset=slug, format=fmt)
    with default_storage.open(record.file.name, "rb") as handle:
        return handle.read()


def answered(index, field_obj, title, *, published=True, **fields):
    question = make_question(
        index,
        field_obj,
        title=title,
        state=QuestionState.ANSWERED,
        answered_at=timezone.now(),
        publish_on_portal=published,
        **{**ASKER, **fields},
    )
    question.code = f"HD-{question.pk:04d}"
    question.save(update_fields=["code"])
    Answer.objects.create(
        question=question,
        body="<p>Trả lời: nộp tờ khai &amp; giấy chứng sinh.</p>",
        author_name="Lê Đình Tuấn",
        live=True,
    )
    return question


class OpenDataContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.home = cls.site.root_page.specific
        cls.page = add(cls.home, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        # Legal documents: two live, one draft; one of the other site.
        library = make_library()
        cls.docs = [
            add_document(
                library,
                title="Quyết định về chợ",
                number_symbol="12/QĐ-UBND",
                issue_date=dt.date(2026, 3, 2),
            ),
            add_document(
                library,
                title='=HYPERLINK("http://x")',
                number_symbol="13/QĐ-UBND",
                issue_date=dt.date(2026, 4, 2),
            ),
        ]
        add_document(library, title="Dự thảo chưa đăng", live=False)
        # Procedures.
        index = make_index()
        cls.procedure = make_procedure(index, title="Đăng ký khai sinh")
        make_procedure(index, title="Thủ tục chưa đăng", live=False)
        # Units: a unit's official phone is published; an official's direct line is not
        # part of the unit dataset.
        cls.unit = UnitFactory(name="Văn phòng HĐND và UBND", phone="0237 3868 111")
        OfficialFactory(unit=cls.unit, full_name="Phạm Văn Riêng", phone="0912 000 999")
        # Projects.
        projects = add(cls.home, ProjectIndexPage, title="Dự án", slug="du-an")
        cls.project = add(
            projects,
            ProjectPage,
            title="Đường liên thôn",
            objective="Đi lại",
            project_type="dau-tu-cong",
            total_investment=13_650_000_000,
            start_year=2026,
        )
        # Q&A: one published, one kept private; a question of the other site.
        qa = make_question_index()
        cls.question = answered(qa, field(), "Đăng ký khai sinh cho con")
        answered(qa, field(), "Câu hỏi không công bố", published=False)
        # Budget disclosures.
        budget = add(
            cls.home,
            BudgetDisclosureIndexPage,
            title="Công khai ngân sách",
            slug="cong-khai-ngan-sach",
        )
        cls.disclosure = add(
            budget,
            BudgetDisclosurePage,
            title="Công khai dự toán năm 2026",
            fiscal_year=2026,
            kind="du-toan",
            decision_number="25/NQ-HĐND",
            decision_date=dt.date(2025, 12, 20),
            form_code="Biểu số 117/CK-NSNN",
            published_on=dt.date(2025, 12, 28),
            document=make_document("Dự toán 2026"),
        )
        # The other body (made last: the helpers above find the home page by its depth).
        cls.other, cls.other_home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        add(cls.other_home, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        from congthongtin.legal.models import LegalDocumentIndexPage

        other_lib = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        cls.other_home.add_child(instance=other_lib)
        add_document(other_lib, title="Văn bản của xã Khác", number_symbol="99/QĐ-UBND")
        UnitFactory(site=cls.other, name="Văn phòng xã Khác")
        for site in (cls.site, cls.other):
            generate_all(site)

    def test_every_dataset__three_formats_that_parse_back_to_the_same_rows(self):
        self.assertEqual(set(registered_datasets()), SLUGS)
        for slug in SLUGS:
            with self.subTest(slug=slug):
                from_csv = read_csv(file_bytes(self.site, slug, "csv"))
                from_json = read_json(file_bytes(self.site, slug, "json"))
                from_xlsx = read_xlsx(file_bytes(self.site, slug, "xlsx"))
                self.assertEqual(from_json["row_count"], len(from_json["rows"]))
                self.assertEqual(len(from_csv), len(from_json["rows"]))
                self.assertEqual(len(from_xlsx), len(from_json["rows"]))
                names = [column["name"] for column in from_json["columns"]]
                self.assertEqual(list(from_csv[0]) if from_csv else names, names)
                record = OpenDataFile.objects.get(site=self.site, dataset=slug, format="csv")
                self.assertEqual(record.rows, len(from_csv))
                self.assertTrue(record.file.name.startswith(f"opendata/{self.site.pk}/"))

    def test_legal_documents__the_live_ones_of_the_site(self):
        rows = read_json(file_bytes(self.site, "van-ban", "json"))["rows"]
        self.assertEqual({row["number_symbol"] for row in rows}, {"12/QĐ-UBND", "13/QĐ-UBND"})
        market = next(row for row in rows if row["number_symbol"] == "12/QĐ-UBND")
        self.assertEqual(market["title"], "Quyết định về chợ")
        self.assertEqual(market["issue_date"], "2026-03-02")
        self.assertEqual(market["url"], self.docs[0].get_full_url())
        other = read_json(file_bytes(self.other, "van-ban", "json"))["rows"]
        self.assertEqual([row["title"] for row in other], ["Văn bản của xã Khác"])
        for fmt in ("csv", "json", "xlsx"):
            self.assertNotIn("Dự thảo chưa đăng".encode(), file_bytes(self.site, "van-ban", fmt))

    def test_formula_like_text__inert_in_csv_text_in_xlsx(self):
        title = '=HYPERLINK("http://x")'
        csv_titles = {row["title"] for row in read_csv(file_bytes(self.site, "van-ban", "csv"))}
        self.assertIn("'" + title, csv_titles)
        xlsx_titles = {row["title"] for row in read_xlsx(file_bytes(self.site, "van-ban", "xlsx"))}
        self.assertIn(title, xlsx_titles)
        json_titles = {
            r["title"] for r in read_json(file_bytes(self.site, "van-ban", "json"))["rows"]
        }
        self.assertIn(title, json_titles)

    def test_procedures_projects_budget__match_the_pages(self):
        procedures = read_csv(file_bytes(self.site, "thu-tuc-hanh-chinh", "csv"))
        self.assertEqual(
            [(r["code"], r["title"]) for r in procedures],
            [(self.procedure.code, "Đăng ký khai sinh")],
        )
        projects = read_xlsx(file_bytes(self.site, "du-an", "xlsx"))
        self.assertEqual(len(projects), 1)
        self.assertEqual(projects[0]["title"], "Đường liên thôn")
        self.assertEqual(projects[0]["total_investment"], 13_650_000_000)
        budget = read_json(file_bytes(self.site, "cong-khai-ngan-sach", "json"))["rows"]
        self.assertEqual(len(budget), 1)
        self.assertEqual(budget[0]["fiscal_year"], 2026)
        self.assertEqual(budget[0]["kind"], "du-toan")
        self.assertEqual(budget[0]["decision_date"], "2025-12-20")
        self.assertTrue(budget[0]["document_url"].endswith(self.disclosure.document.url))
        self.assertEqual(
            read_json(file_bytes(self.other, "cong-khai-ngan-sach", "json"))["rows"], []
        )

    def test_units__only_what_the_body_publishes_for_a_unit(self):
        data = read_json(file_bytes(self.site, "don-vi", "json"))
        self.assertEqual(
            [c["name"] for c in data["columns"]],
            ["name", "parent", "address", "phone", "email", "website"],
        )
        self.assertEqual([row["name"] for row in data["rows"]], ["Văn phòng HĐND và UBND"])
        self.assertEqual(data["rows"][0]["phone"], "0237 3868 111")
        for fmt in ("csv", "json", "xlsx"):
            content = file_bytes(self.site, "don-vi", fmt)
            self.assertNotIn(b"0912 000 999", content)
            self.assertNotIn("Phạm Văn Riêng".encode(), content)
            self.assertNotIn("xã Khác".encode(), content)

    def test_questions__published_only_and_no_personal_data(self):
        data = read_json(file_bytes(self.site, "hoi-dap", "json"))
        self.assertEqual([row["title"] for row in data["rows"]], ["Đăng ký khai sinh cho con"])
        row = data["rows"][0]
        self.assertEqual(row["code"], self.question.code)
        self.assertEqual(row["answer"], "Trả lời: nộp tờ khai & giấy chứng sinh.")
        self.assertEqual(row["field"], self.question.field.name)
        self.assertFalse(set(PERSONAL_FIELDS) & {c["name"] for c in data["columns"]})
        for fmt in ("csv", "json", "xlsx"):
            content = file_bytes(self.site, "hoi-dap", fmt)
            if fmt == "xlsx":
                content = json.dumps(read_xlsx(content), ensure_ascii=False, default=str).encode()
            for name, value in ASKER.items():
                self.assertNotIn(value.encode(), content, f"{fmt}: {name}")
            self.assertNotIn("Câu hỏi không công bố".encode(), content)

    def test_json__metadata_licence_and_publisher(self):
        data = read_json(file_bytes(self.site, "van-ban", "json"))
        self.assertIn("47/2020/NĐ-CP", data["license"])
        self.assertTrue(data["publisher"])
        self.assertEqual(data["identifier"], "van-ban")
        settings = OpenDataSettings.for_site(self.site)
        settings.licence_name = "Giấy phép CC BY 4.0"
        settings.licence_url = "https://creativecommons.org/licenses/by/4.0/"
        settings.save()
        generate(self.site, "van-ban")
        data = read_json(file_bytes(self.site, "van-ban", "json"))
        self.assertEqual(data["license"], "Giấy phép CC BY 4.0")
        self.assertEqual(data["license_url"], "https://creativecommons.org/licenses/by/4.0/")


class OpenDataServingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.other, cls.other_home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        cls.third, _home = make_portal("xa-ba.example", "Xã Ba", "UBND xã Ba")
        cls.page = add(cls.site.root_page, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        add(cls.other_home, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        UnitFactory(name="Văn phòng xã Một")
        UnitFactory(site=cls.other, name="Văn phòng xã Khác")
        generate_all(cls.site)

    def get(self, path, site=None):
        site = site or self.site
        return self.client.get(path, HTTP_HOST=site.hostname)

    def test_download__headers(self):
        for fmt, media_type in (
            ("csv", "text/csv; charset=utf-8"),
            ("json", "application/json"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ):
            with self.subTest(fmt=fmt):
                response = self.get(f"/du-lieu-mo/don-vi.{fmt}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], media_type)
                self.assertIn(f'filename="don-vi.{fmt}"', response["Content-Disposition"])
                self.assertIn("attachment", response["Content-Disposition"])
                self.assertIn("max-age=", response["Cache-Control"])
                self.assertIn("public", response["Cache-Control"])
                body = b"".join(response.streaming_content)
                record = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format=fmt)
                self.assertEqual(len(body), record.bytes)
                self.assertNotIn("sessionid", response.cookies)

    def test_download__each_site_its_own_rows_and_404_without_a_page(self):
        mine = read_csv(b"".join(self.get("/du-lieu-mo/don-vi.csv").streaming_content))
        theirs = read_csv(
            b"".join(self.get("/du-lieu-mo/don-vi.csv", self.other).streaming_content)
        )
        self.assertEqual([r["name"] for r in mine], ["Văn phòng xã Một"])
        self.assertEqual([r["name"] for r in theirs], ["Văn phòng xã Khác"])
        # A site without an open data page has no datasets at that address.
        self.assertEqual(self.get("/du-lieu-mo/don-vi.csv", self.third).status_code, 404)
        self.assertEqual(self.get("/du-lieu-mo/catalog.json", self.third).status_code, 404)

    def test_download__unknown_dataset_format_or_path__404(self):
        for path in (
            "/du-lieu-mo/khong-co.csv",
            "/du-lieu-mo/don-vi.pdf",
            "/khong-phai-du-lieu-mo/don-vi.csv",
            "/du-lieu-mo/don-vi.CSV",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.get(path).status_code, 404)

    def test_unpublished_page__404(self):
        page = OpenDataPage.objects.get(pk=self.page.pk)
        page.unpublish()
        self.assertEqual(self.get("/du-lieu-mo/don-vi.csv").status_code, 404)

    def test_catalogue__dcat_structure(self):
        response = self.get("/du-lieu-mo/catalog.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/ld+json")
        catalog = json.loads(response.content)
        self.assertEqual(catalog["@type"], "dcat:Catalog")
        self.assertEqual(catalog["@context"]["dcat"], "http://www.w3.org/ns/dcat#")
        self.assertEqual(catalog["@context"]["dct"], "http://purl.org/dc/terms/")
        self.assertEqual(catalog["dct:title"], "Dữ liệu mở")
        self.assertTrue(catalog["dct:publisher"]["foaf:name"])
        datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
        self.assertEqual(set(datasets), SLUGS)
        units = datasets["don-vi"]
        self.assertEqual(units["@type"], "dcat:Dataset")
        for key in ("dct:title", "dct:description", "dct:modified", "dct:license", "dct:publisher"):
            self.assertTrue(units[key], key)
        distributions = {d["dct:format"]: d for d in units["dcat:distribution"]}
        self.assertEqual(set(distributions), {"CSV", "JSON", "XLSX"})
        csv_file = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format="csv")
        self.assertEqual(distributions["CSV"]["dcat:byteSize"], csv_file.bytes)
        self.assertEqual(distributions["CSV"]["dcat:mediaType"], "text/csv")
        url = distributions["XLSX"]["dcat:downloadURL"]["@id"]
        self.assertTrue(url.startswith(f"http://{self.site.hostname}"), url)
        self.assertTrue(url.endswith("/du-lieu-mo/don-vi.xlsx"), url)
        self.assertIn("max-age=", response["Cache-Control"])

    def test_page__lists_every_dataset_with_three_links_in_a_table(self):
        response = self.get("/du-lieu-mo/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<caption>", html)
        self.assertIn('scope="row"', html)
        for slug in SLUGS:
            for fmt in ("csv", "json", "xlsx"):
                self.assertIn(f'href="/du-lieu-mo/{slug}.{fmt}"', html)
        self.assertIn("catalog.json", html)
        self.assertIn("47/2020/NĐ-CP", html)

    def test_page__query_count_does_not_grow_with_datasets(self):
        def count():
            self.get("/du-lieu-mo/")
            with CaptureQueriesContext(connection) as ctx:
                response = self.get("/du-lieu-mo/")
            self.assertEqual(response.status_code, 200)
            return len(ctx)

        before = count()
        extra = [
            Dataset(
                slug=f"thu-nghiem-{n}",
                title=f"Thử nghiệm {n}",
                description="Bộ dữ liệu thử",
                columns=(Column("n", "Số", "integer"),),
                rows=lambda site: ({"n": i} for i in range(3)),
            )
            for n in range(6)
        ]
        with hooks.register_temporarily(OPEN_DATASETS_HOOK, lambda: extra):
            for dataset in extra:
                generate(self.site, dataset.slug)
            after = count()
        self.assertEqual(before, after)
        self.assertLessEqual(after, 10)

    def test_missing_file__generated_on_first_download(self):
        OpenDataFile.objects.filter(site=self.other).delete()
        response = self.get("/du-lieu-mo/don-vi.json", self.other)
        self.assertEqual(response.status_code, 200)
        rows = json.loads(b"".join(response.streaming_content))["rows"]
        self.assertEqual([r["name"] for r in rows], ["Văn phòng xã Khác"])


class RegenerationTests(TestCase):
    """Publishing a page of a dataset's model (or saving a unit, publishing an answer)
    regenerates that dataset after the commit, through the task (the immediate backend in
    tests)."""

    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        cls.home = cls.site.root_page
        add(cls.home, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        cls.library = make_library()
        add_document(cls.library, title="Văn bản thứ nhất", number_symbol="1/QĐ-UBND")
        generate_all(cls.site)

    def rows(self, slug):
        return read_json(file_bytes(self.site, slug, "json"))["rows"]

    def test_publish_document__legal_dataset_regenerated(self):
        from congthongtin.legal.models import LegalDocumentPage

        draft = add_document(
            self.library, title="Văn bản mới", number_symbol="2/QĐ-UBND", live=False
        )
        before = OpenDataFile.objects.get(site=self.site, dataset="van-ban", format="csv")
        units_before = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format="csv")
        with self.captureOnCommitCallbacks(execute=True):
            LegalDocumentPage.objects.get(pk=draft.pk).save_revision().publish()
        self.assertEqual(
            {r["number_symbol"] for r in self.rows("van-ban")}, {"1/QĐ-UBND", "2/QĐ-UBND"}
        )
        after = OpenDataFile.objects.get(site=self.site, dataset="van-ban", format="csv")
        self.assertGreater(after.generated_at, before.generated_at)
        self.assertEqual(after.rows, 2)
        # Only the stale dataset is regenerated.
        units_after = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format="csv")
        self.assertEqual(units_after.generated_at, units_before.generated_at)
        # Unpublishing takes it out again.
        with self.captureOnCommitCallbacks(execute=True):
            LegalDocumentPage.objects.get(pk=draft.pk).unpublish()
        self.assertEqual({r["number_symbol"] for r in self.rows("van-ban")}, {"1/QĐ-UBND"})

    def test_unit_saved__directory_regenerated(self):
        with self.captureOnCommitCallbacks(execute=True):
            UnitFactory(name="Phòng mới thành lập")
        self.assertEqual([r["name"] for r in self.rows("don-vi")], ["Phòng mới thành lập"])

    def test_answer_published__questions_regenerated(self):
        qa = make_question_index()
        question = make_question(
            qa,
            field(),
            title="Hỏi về đất đai",
            state=QuestionState.ANSWERED,
            answered_at=timezone.now(),
        )
        answer = Answer(question=question, body="<p>Đáp</p>", author_name="A", live=False)
        answer.save()
        self.assertEqual(self.rows("hoi-dap"), [])
        with self.captureOnCommitCallbacks(execute=True):
            answer.save_revision().publish()
        self.assertEqual([r["title"] for r in self.rows("hoi-dap")], ["Hỏi về đất đai"])

    def test_many_publications_in_one_transaction__one_regeneration_per_site(self):
        from congthongtin.opendata import tasks

        calls = []
        real = tasks.regenerate_open_data

        def spy(*args):
            calls.append(args)
            return real.call(*args)

        with (
            mock.patch.object(tasks, "regenerate_open_data") as task,
            self.captureOnCommitCallbacks(execute=True),
        ):
            task.enqueue.side_effect = spy
            task.get_backend.return_value = real.get_backend()  # the immediate backend
            for n in range(3):
                page = add_document(self.library, title=f"Văn bản loạt {n}", live=False)
                page.save_revision().publish()
            UnitFactory(name="Phòng loạt")
        self.assertEqual(calls, [(self.site.pk, ["don-vi", "van-ban"])])
        self.assertEqual(len(self.rows("van-ban")), 4)

    def test_site_without_page__nothing_generated(self):
        other, _home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        with self.captureOnCommitCallbacks(execute=True):
            UnitFactory(site=other, name="Văn phòng xã Khác")
        self.assertFalse(OpenDataFile.objects.filter(site=other).exists())


DEFERRED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=DEFERRED_TASKS)
class CoalescingTests(TestCase):
    """With a worker that runs tasks later (the dummy backend keeps them, as the database
    backend does), the publications of a window share one regeneration per site."""

    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        add(cls.site.root_page, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        cls.library = make_library()
        cls.other, other_home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        add(other_home, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        cls.other_library = add(other_home, LegalDocumentIndexPage, title="Văn bản", slug="van-ban")

    def setUp(self):
        from django_tasks import default_task_backend

        self.backend = default_task_backend
        self.backend.clear()

    def publish(self, library, title):
        with self.captureOnCommitCallbacks(execute=True):
            add_document(library, title=title, live=False).save_revision().publish()

    def ours(self):
        from congthongtin.opendata.tasks import regenerate_open_data

        return [r for r in self.backend.results if r.task.func is regenerate_open_data.func]

    def queued(self):
        return [(r.task.run_after, r.args) for r in self.ours()]

    def run_worker(self):
        """What the worker does when each task's time comes."""
        for result in self.ours():
            result.task.call(*result.args)
        self.backend.clear()

    def test_three_publications__one_deferred_task_then_all_three_in_the_files(self):
        before = timezone.now()
        for n in range(3):
            self.publish(self.library, f"Văn bản đợt {n}")
        queued = self.queued()
        self.assertEqual([args for _when, args in queued], [[self.site.pk, ["van-ban"]]])
        run_after = queued[0][0]
        self.assertGreaterEqual(run_after, before + dt.timedelta(seconds=300))
        self.assertLess(run_after, timezone.now() + dt.timedelta(seconds=301))
        pending = PendingRegeneration.objects.get()
        self.assertEqual((pending.site_id, pending.dataset), (self.site.pk, "van-ban"))
        self.assertEqual(pending.due_at, run_after)
        self.assertFalse(OpenDataFile.objects.filter(site=self.site, dataset="van-ban").exists())

        self.run_worker()
        record = OpenDataFile.objects.get(site=self.site, dataset="van-ban", format="json")
        self.assertEqual(record.rows, 3)
        self.assertFalse(PendingRegeneration.objects.exists())
        # The next publication opens a new window.
        self.publish(self.library, "Văn bản sau")
        self.assertEqual(len(self.queued()), 1)
        self.run_worker()
        record.refresh_from_db()
        self.assertEqual(record.rows, 4)

    def test_task_delivered_twice__second_does_nothing(self):
        from congthongtin.opendata.tasks import regenerate_open_data

        self.publish(self.library, "Văn bản một")
        (result,) = self.ours()
        self.assertEqual(regenerate_open_data.call(*result.args)["status"], "done")
        generated = OpenDataFile.objects.get(site=self.site, dataset="van-ban", format="csv")
        self.assertEqual(regenerate_open_data.call(*result.args), {"status": "skipped"})
        again = OpenDataFile.objects.get(site=self.site, dataset="van-ban", format="csv")
        self.assertEqual(again.generated_at, generated.generated_at)

    def test_publication_after_the_claim__scheduled_again_not_lost(self):
        from congthongtin.opendata.regeneration import claim, schedule

        self.publish(self.library, "Văn bản một")
        self.assertEqual(claim(self.site.pk, ["van-ban"]), ["van-ban"])
        # The task has claimed the dataset and is reading the content: a publication
        # committed now needs a regeneration of its own.
        self.assertEqual(schedule(self.site.pk, ["van-ban"]), ["van-ban"])
        self.assertEqual(len(self.ours()), 2)

    def test_rolled_back_publication__nothing_scheduled_later(self):
        from django.db import transaction

        class Undo(Exception):
            pass

        # A body publishes and its transaction rolls back: the publication is gone, and so
        # is its regeneration; the next commit, of another body, schedules only its own.
        with self.assertRaises(Undo), transaction.atomic():
            add_document(self.library, title="Bỏ", live=False).save_revision().publish()
            raise Undo
        self.publish(self.other_library, "Văn bản xã")
        self.assertEqual([args for _when, args in self.queued()], [[self.other.pk, ["van-ban"]]])
        self.assertEqual(
            list(PendingRegeneration.objects.values_list("site_id", flat=True)), [self.other.pk]
        )

    def test_one_transaction__one_schedule_per_site(self):
        from congthongtin.opendata import regeneration

        with (
            mock.patch.object(regeneration, "schedule", wraps=regeneration.schedule) as schedule,
            self.captureOnCommitCallbacks(execute=True),
        ):
            for n in range(3):
                add_document(self.library, title=f"Lô {n}", live=False).save_revision().publish()
            add_document(self.other_library, title="Xã", live=False).save_revision().publish()
        self.assertEqual(
            sorted(call.args for call in schedule.call_args_list),
            sorted([(self.site.pk, {"van-ban"}), (self.other.pk, {"van-ban"})]),
        )

    def test_two_bodies__each_its_own_window(self):
        self.publish(self.library, "Văn bản tỉnh")
        self.publish(self.other_library, "Văn bản xã")
        self.publish(self.library, "Văn bản tỉnh hai")
        self.assertEqual(
            sorted(args for _when, args in self.queued()),
            sorted([[self.site.pk, ["van-ban"]], [self.other.pk, ["van-ban"]]]),
        )
        self.run_worker()
        rows = {
            site.pk: OpenDataFile.objects.get(site=site, dataset="van-ban", format="csv").rows
            for site in (self.site, self.other)
        }
        self.assertEqual(rows, {self.site.pk: 2, self.other.pk: 1})

    @override_settings(CONGTHONGTIN={"OPEN_DATA_REGENERATION_DELAY": 0})
    def test_no_delay__enqueued_to_run_now(self):
        self.publish(self.library, "Văn bản một")
        self.assertEqual(self.queued(), [(None, [self.site.pk, ["van-ban"]])])


class FullUrlTests(TestCase):
    def test_same_urls_as_wagtail__root_paths_read_once(self):
        from congthongtin.core.opendata import full_urls

        site = Site.objects.get(is_default_site=True)
        library = make_library()
        _other, other_home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")
        pages = [
            add_document(library, title="Văn bản tỉnh", number_symbol="1/QĐ-UBND"),
            add(other_home, LegalDocumentIndexPage, title="Văn bản", slug="van-ban"),
            site.root_page,
            other_home,
        ]
        expected = [page.get_full_url() for page in pages]
        self.assertIn("http://xa-khac.example/van-ban/", expected)
        url_of = full_urls()
        with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as read:
            self.assertEqual([url_of(page) for page in pages], expected)
        self.assertEqual(read.call_count, 1)


class CommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = Site.objects.get(is_default_site=True)
        add(cls.site.root_page, OpenDataPage, title="Dữ liệu mở", slug="du-lieu-mo")
        cls.other, _home = make_portal("xa-khac.example", "Xã Khác", "UBND xã Khác")

    def test_all__every_site_with_a_page(self):
        out = io.StringIO()
        call_command("generate_open_data", "--all", stdout=out)
        self.assertEqual(
            OpenDataFile.objects.filter(site=self.site).count(), 3 * len(registered_datasets())
        )
        self.assertFalse(OpenDataFile.objects.filter(site=self.other).exists())
        self.assertIn(self.site.hostname, out.getvalue())

    def test_site_without_page__error(self):
        from django.core.management.base import CommandError

        with self.assertRaises(CommandError):
            call_command("generate_open_data", "--site", "xa-khac.example", stdout=io.StringIO())
        with self.assertRaises(CommandError):
            call_command("generate_open_data", "--site", "khong-co.example", stdout=io.StringIO())

    def test_regenerating__same_file_name(self):
        call_command("generate_open_data", stdout=io.StringIO())
        name = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format="csv").file.name
        call_command("generate_open_data", "--dataset", "don-vi", stdout=io.StringIO())
        again = OpenDataFile.objects.get(site=self.site, dataset="don-vi", format="csv")
        self.assertEqual(again.file.name, name)
        self.assertEqual(name, f"opendata/{self.site.pk}/don-vi.csv")


class WriterTests(TestCase):
    def test_types__dates_iso_numbers_kept(self):
        dataset = Dataset(
            slug="thu",
            title="Thử",
            description="",
            columns=(
                Column("d", "Ngày", "date"),
                Column("n", "Số", "integer"),
                Column("s", "Chữ"),
            ),
            rows=lambda site: [],
        )
        rows = [{"d": dt.date(2026, 1, 2), "n": 7, "s": "Như Xuân"}, {"d": None, "n": None}]
        self.assertEqual(
            read_csv(write_csv(dataset, rows)),
            [{"d": "2026-01-02", "n": "7", "s": "Như Xuân"}, {"d": "", "n": "", "s": ""}],
        )
        parsed = read_xlsx(write_xlsx(dataset, rows))
        self.assertEqual(parsed[0]["n"], 7)
        self.assertEqual(parsed[0]["s"], "Như Xuân")
        self.assertEqual(parsed[0]["d"].date(), dt.date(2026, 1, 2))
