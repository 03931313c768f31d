"""The report in the admin (who reads which body's, the period picker) and its XLSX and
DOCX files (Decree 30/2020/NĐ-CP layout; converted to PDF when LibreOffice is there)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import TestCase
from django.urls import reverse

from congthongtin.core import roles
from congthongtin.core.reports import Period
from congthongtin.stats import report, report_exports

from .report_world import build_world, person

URL = reverse("stats_admin:report")
NOVEMBER = {"ky": "thang", "nam": "2026", "thang": "11"}


class ReportViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)
        cls.head_a = person("truongbana", (roles.HEAD, cls.site_a))
        cls.bodyhead_a = person("thutruonga", (roles.BODY_HEAD, cls.site_a))
        cls.collaborator_a = person("ctva", (roles.COLLABORATOR, cls.site_a))
        cls.head_b = person("truongbanb", (roles.HEAD, cls.site_b))
        cls.root = person("quantri", superuser=True)

    def get(self, user, **params):
        self.client.force_login(user)
        return self.client.get(URL, params)

    def test_the_board_reads_its_bodys_report(self):
        response = self.get(self.head_a, **NOVEMBER)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["site"], self.site_a)
        keys = [item["section"].key for item in response.context["sections"]]
        self.assertEqual(keys[:2], ["visits", "service_use"])
        html = response.content.decode()
        self.assertIn("<figure", html)
        self.assertIn("<figcaption>", html)
        self.assertIn('aria-hidden="true"', html)  # the SVG; its figures are in the table
        self.assertIn("Đăng ký khai sinh", html)
        self.assertNotIn("Đăng ký kết hôn", html)  # body B's procedure

    def test_the_body_head_reads_it_too(self):
        self.assertEqual(self.get(self.bodyhead_a, **NOVEMBER).status_code, 200)

    def test_others_are_refused(self):
        # Wagtail turns the 403 of an admin view into a redirect to the dashboard.
        response = self.get(self.collaborator_a)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.client.logout()
        response = self.client.get(URL)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))

    def test_another_bodys_report_is_not_found(self):
        response = self.get(self.head_a, **NOVEMBER, **{"co-quan": self.site_b.pk})
        self.assertEqual(response.status_code, 404)
        response = self.get(self.head_b, **NOVEMBER)
        self.assertEqual(response.context["site"], self.site_b)
        self.assertNotIn("Đăng ký khai sinh", response.content.decode())

    def test_a_superuser_picks_the_body(self):
        response = self.get(self.root, **NOVEMBER, **{"co-quan": self.site_b.pk})
        self.assertEqual(response.context["site"], self.site_b)
        self.assertEqual(len(response.context["sites"]), 2)

    def test_without_a_period_the_last_month(self):
        response = self.get(self.head_a)
        self.assertEqual(response.context["period"].kind, "month")
        self.assertIsNotNone(response.context["period"])

    def test_mistakes_in_the_picker_are_shown_not_raised(self):
        for params in (
            {"ky": "tuan", "nam": "2026"},
            {"ky": "thang", "nam": "2026"},
            {"ky": "thang", "nam": "2026", "thang": "13"},
            {"ky": "quy", "nam": "2026", "quy": "5"},
            {"ky": "nam", "nam": "abc"},
            {"ky": "nam", "nam": "1999"},
            {"ky": "nam", "nam": "2999"},
        ):
            response = self.get(self.head_a, **params)
            self.assertEqual(response.status_code, 200, params)
            self.assertIsNone(response.context["period"], params)
            self.assertTrue(response.context["form"].errors, params)
            self.assertEqual(response.context["sections"], [])

    def test_quarter_and_year(self):
        response = self.get(self.head_a, ky="quy", nam="2026", quy="4")
        self.assertEqual(response.context["period"], Period.quarter(2026, 4))
        response = self.get(self.head_a, ky="nam", nam="2026")
        self.assertEqual(response.context["period"], Period.year(2026))

    def test_xlsx_download(self):
        from openpyxl import load_workbook

        response = self.get(self.head_a, **NOVEMBER, format="xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("2026-11.xlsx", response["Content-Disposition"])
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            len(book.sheetnames), len(report.collect(self.site_a, Period.month(2026, 11)))
        )
        sheet = book[book.sheetnames[0]]
        self.assertTrue(sheet["A1"].font.bold)
        values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(values[str(report_sections_label("Page views"))], 1000)
        headers = [row for row in sheet.iter_rows() if row[0].font.bold and row[0].row > 1]
        self.assertTrue(headers)

    def test_refused_download(self):
        self.client.force_login(self.head_a)
        response = self.client.get(URL, {**NOVEMBER, "format": "docx", "co-quan": self.site_b.pk})
        self.assertEqual(response.status_code, 404)


def report_sections_label(text):
    from django.utils.translation import gettext

    return gettext(text)


class DocxTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def setUp(self):
        period = Period.month(2026, 11)
        self.content = report_exports.report_docx(
            self.site_a, period, report.collect(self.site_a, period)
        )

    def test_decree_30_parts(self):
        from docx import Document

        document = Document(io.BytesIO(self.content))
        section = document.sections[0]
        self.assertEqual(round(section.page_width.mm), 210)  # A4 portrait (twips round)
        self.assertEqual(round(section.page_height.mm), 297)
        self.assertTrue(20 <= round(section.top_margin.mm) <= 25)
        self.assertTrue(20 <= round(section.bottom_margin.mm) <= 25)
        self.assertTrue(30 <= round(section.left_margin.mm) <= 35)
        self.assertTrue(15 <= round(section.right_margin.mm) <= 20)
        self.assertEqual(document.styles["Normal"].font.name, "Times New Roman")
        heading = document.tables[0].rows[0].cells
        left = [p.text for p in heading[0].paragraphs]
        right = [p.text for p in heading[1].paragraphs]
        self.assertEqual(left[0], "UBND XÃ NHƯ XUÂN")
        self.assertTrue(left[1].startswith("BAN BIÊN TẬP"))
        self.assertTrue(heading[0].paragraphs[1].runs[0].bold)
        self.assertIn("/BC-BBT", left[3])
        self.assertEqual(right[0], report_exports.NATION)
        self.assertTrue(heading[1].paragraphs[0].runs[0].bold)
        self.assertEqual(right[1], report_exports.MOTTO)
        self.assertTrue(right[3].startswith("Như Xuân, ngày"))
        self.assertTrue(heading[1].paragraphs[3].runs[0].italic)
        texts = [p.text for p in document.paragraphs]
        self.assertIn("BÁO CÁO", texts)
        self.assertTrue(any(t.startswith("I. ") for t in texts))
        self.assertTrue(any(t.startswith("II. ") for t in texts))
        footer = document.tables[-1].rows[0].cells
        self.assertEqual(footer[0].paragraphs[0].text, "Nơi nhận:")
        run = footer[0].paragraphs[0].runs[0]
        self.assertTrue(run.bold and run.italic)
        self.assertIn("- UBND huyện (để báo cáo);", [p.text for p in footer[0].paragraphs])
        self.assertEqual(footer[0].paragraphs[-1].text, "- Lưu: VT, BBT.")
        self.assertEqual(footer[1].paragraphs[0].text, "TRƯỞNG BAN")
        self.assertEqual(footer[1].paragraphs[-1].text, "Lê Văn Bình")
        # The section tables are there, with their figures.
        cells = {c.text for t in document.tables[1:-1] for row in t.rows for c in row.cells}
        self.assertIn("Đăng ký khai sinh", cells)

    def test_libreoffice_makes_a_pdf_of_it(self):
        soffice = shutil.which("soffice")
        if soffice is None:
            pytest.skip("soffice (LibreOffice) is not on PATH: no PDF conversion to check")
        from pypdf import PdfReader

        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "bao-cao.docx"
            source.write_bytes(self.content)
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            pdf = Path(tmp) / "bao-cao.pdf"
            self.assertTrue(pdf.exists())
            self.assertGreaterEqual(len(PdfReader(pdf).pages), 1)
            import pypdfium2

            page = pypdfium2.PdfDocument(str(pdf))[0]
            page.render(scale=1.5).to_pil().save("/tmp/report_page1.png")
