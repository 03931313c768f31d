"""Demo procedures of Như Xuân: real codes, forms as Word files, officers from the directory;
a citizen finds "đăng ký khai sinh" unaccented, opens it and downloads its form."""

import io
from io import StringIO

from wagtail.documents import get_document_model
from wagtail.models import Site

from congthongtin.core.models import Official
from congthongtin.nhuxuan_site.demo import content
from congthongtin.nhuxuan_site.demo import procedures as demo
from congthongtin.nhuxuan_site.management.commands.load_demo import DemoContext
from congthongtin.procedures.choices import PROCEDURE_CODE_RE
from congthongtin.procedures.models import ProcedurePage
from tests.shared_demo import DemoTestCase


def demo_context():
    site = Site.objects.get(is_default_site=True)
    officials = {}
    for unit in content.UNITS:
        for person in unit["officials"]:
            officials[person["key"]] = Official.objects.get(
                full_name=person["full_name"], unit__name=unit["name"]
            )
    return DemoContext(
        home=site.root_page.specific,
        site=site,
        officials=officials,
        sections={slug: (title, intro) for slug, title, intro in content.SECTIONS},
        stdout=StringIO(),
    )


class DemoProceduresTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load(demo_context())

    def test_at_least_twelve_real_procedures__commune_and_province(self):
        pages = ProcedurePage.objects.live()
        self.assertGreaterEqual(pages.count(), 12)
        self.assertEqual({page.level for page in pages}, {"xa", "tinh"})
        for page in pages:
            self.assertRegex(page.code, PROCEDURE_CODE_RE)
        self.assertTrue(pages.filter(online_level="mot-phan").exists())
        self.assertTrue(pages.filter(online_level="khong").exists())

    def test_officers__from_the_directory_by_field(self):
        khai_sinh = ProcedurePage.objects.get(code="1.001193")
        self.assertIn("Tư pháp – Hộ tịch", khai_sinh.handling_officer.position)
        building = ProcedurePage.objects.get(code="1.013225")
        self.assertIn("Địa chính – Xây dựng", building.handling_officer.position)

    def test_citizen_path__find_open_download(self):
        response = self.client.get("/thu-tuc-hanh-chinh/?q=dang+ky+khai+sinh")
        titles = [page.title for page in response.context["procedures"]]
        self.assertEqual(titles, ["Đăng ký khai sinh"])
        page = ProcedurePage.objects.get(code="1.001193")
        detail = self.client.get(page.url)
        self.assertEqual(detail.status_code, 200)
        self.assertContains(detail, 'href="tel:0968742103"')
        self.assertContains(detail, "proc-button--primary")
        form = page.forms.get()
        download = self.client.get(form.document.url)
        self.assertEqual(download.status_code, 200)
        body = b"".join(download.streaming_content)
        from docx import Document as WordDocument

        text = "\n".join(p.text for p in WordDocument(io.BytesIO(body)).paragraphs)
        self.assertIn("TỜ KHAI ĐĂNG KÝ KHAI SINH", text)
        self.assertIn("Họ, chữ đệm, tên người mẹ", text)

    def test_forms__word_files_shared_by_title(self):
        # Other apps' demo content has documents too; these are the procedures' forms.
        titles = [form[0] for form in demo.FORMS.values()]
        documents = get_document_model().objects.filter(title__in=titles)
        self.assertEqual(documents.count(), len(demo.FORMS))
        self.assertEqual({doc.file_extension for doc in documents}, {"docx"})
        residence = ProcedurePage.objects.filter(code__in=["1.004222", "1.004194"])
        self.assertEqual(len({page.forms.get().document_id for page in residence}), 1)

    def test_second_run__nothing_duplicated(self):
        counts = (ProcedurePage.objects.count(), get_document_model().objects.count())
        demo.load(demo_context())
        self.assertEqual(
            (ProcedurePage.objects.count(), get_document_model().objects.count()), counts
        )

    def test_online_list__shows_demo_services(self):
        response = self.client.get("/thu-tuc-hanh-chinh/dich-vu-cong-truc-tuyen/")
        self.assertEqual(response.status_code, 200)
        self.assertGreaterEqual(response.context["service_count"], 10)


class DemoDossierLookupTests(DemoTestCase):
    """Issue 22's "Done when": a code of the imported status file shows its status; an
    unknown code says so. The codes are those README.md lists."""

    @classmethod
    def setUpTestData(cls):
        demo.load(demo_context())  # a second run: the page and the rows are not doubled

    def test_readme_codes_show_their_status_and_an_unknown_code_says_so(self):
        from congthongtin.procedures.models import DossierLookupPage, DossierStatus

        self.assertEqual(DossierLookupPage.objects.live().count(), 1)
        self.assertEqual(DossierStatus.objects.count(), 6)
        response = self.client.get("/tra-cuu-ho-so/", {"ma": "H56.62-261203-0012"})
        self.assertContains(response, 'data-outcome="found"')
        self.assertContains(response, "Đang xử lý")
        self.assertContains(response, "08/12/2026")
        self.assertNotContains(response, "Lê Văn C")
        self.assertNotContains(response, "dossier-stale")
        response = self.client.get("/tra-cuu-ho-so/", {"ma": "H56.62-000000-0000"})
        self.assertContains(response, 'data-outcome="unknown"')
