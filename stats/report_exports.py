"""The board's report as files: XLSX (the figures, to work on) and DOCX (the report to sign,
laid out as an administrative document under Decree 30/2020/NĐ-CP, Appendix I).

Both are written from the same sections as the admin view (``report.collect``). openpyxl
and python-docx are imported inside the functions: only a download needs them.

The formulas Decree 30 prescribes word for word (the national name and motto, "BÁO CÁO",
"Số:", "Nơi nhận:", "Lưu: VT") are Vietnamese constants, not translatable strings: a
Vietnamese administrative document carries them whatever the language of the admin.
"""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from congthongtin.core.bodies import body_name
from congthongtin.core.models import PortalSettings
from congthongtin.core.reports import Period, ReportSection

from .models import StatsSettings
from .report import ROMAN, format_number, period_label

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
KIND = "BÁO CÁO"
NUMBER = "Số:        /BC-BBT"
DATE_LINE = "%(place)s, ngày      tháng      năm %(year)s"
RECIPIENTS = "Nơi nhận:"
FILED = "- Lưu: VT, BBT."
BOARD = "BAN BIÊN TẬP"
DEFAULT_PORTAL = "CỔNG THÔNG TIN ĐIỆN TỬ"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_settings(site) -> StatsSettings:
    """The body's report settings, read without creating a row (a GET writes nothing)."""
    return StatsSettings.objects.filter(site=site).first() or StatsSettings(site=site)


def _portal(site) -> PortalSettings | None:
    return PortalSettings.objects.filter(site=site).first()


def superior_body(site) -> str:
    """The body that owns the portal, in capitals, "Ủy ban nhân dân" shortened to "UBND"
    as Decree 30 allows for the superior body's name (Appendix I, 1.3)."""
    portal = _portal(site)
    name = (portal.managing_body if portal else "") or body_name(site)
    return re.sub(r"^\s*(ỦY|UỶ) BAN NHÂN DÂN", "UBND", name.upper())


def issuing_body(site) -> str:
    portal = _portal(site)
    return f"{BOARD} {(portal.name if portal and portal.name else DEFAULT_PORTAL).upper()}"


def subtitle(period: Period) -> str:
    return _("Activity of the portal in %(period)s") % {"period": period_label(period)}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# XLSX ----------------------------------------------------------------------------------------
def _sheet_title(number: int, title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", f"{ROMAN[number - 1]}. {title}")[:31].strip()
    while name in used:
        name = name[:28] + f" {number}"
    used.add(name)
    return name


def report_xlsx(site, period: Period, sections: list[ReportSection]) -> bytes:
    """One sheet per section: its title, the headline figures, then each table (caption,
    bold header row, rows); numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for number, section in enumerate(sections, start=1):
        sheet = book.create_sheet(_sheet_title(number, section.title, used))
        sheet.append([f"{ROMAN[number - 1]}. {section.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([f"{body_name(site)} – {period_label(period)}"])
        sheet.append([])
        for label, value in section.figures:
            sheet.append([str(label), value])
        for table in section.tables:
            sheet.append([])
            sheet.append([str(table.caption)])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.append([str(header) for header in table.headers])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in table.rows:
                sheet.append([cell if isinstance(cell, int | float) else str(cell) for cell in row])
        for note in section.notes:
            sheet.append([])
            sheet.append([str(note)])
        sheet.column_dimensions["A"].width = 45
        for column in "BCDEFGH":
            sheet.column_dimensions[column].width = 16
    if not sections:
        book.create_sheet(_("Report"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# DOCX ----------------------------------------------------------------------------------------
def _setup_document():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Decree 30/2020/NĐ-CP, Appendix I, 1.1: top and bottom 20–25 mm, left 30–35 mm,
    # right 15–20 mm.
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(6)
    # East Asian font slot too, or Word shows Vietnamese runs in another face.
    from docx.oxml.ns import qn

    fonts = style.element.rPr.rFonts
    fonts.set(qn("w:eastAsia"), "Times New Roman")
    return document


def _paragraph(container, text="", *, bold=False, italic=False, size=None, align=None, after=0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(after)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def _two_columns(document, widths_mm: tuple[int, int]):
    """A borderless table of one row and two cells (the heading and the signature blocks)."""
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_mm, strict=True):
        column.width = cell.width = Mm(width)  # the grid (LibreOffice) and the cell (Word)
    return table.rows[0].cells


def _heading(document, site, settings) -> None:
    left, right = _two_columns(document, (65, 100))
    first = left.paragraphs[0]
    first.alignment = 1
    first.add_run(superior_body(site)).font.size = _pt(13)
    _paragraph(left, issuing_body(site), bold=True, size=13, align="center")
    _paragraph(left, "_______", align="center", size=13)
    _paragraph(left, NUMBER, size=13, align="center")
    top = right.paragraphs[0]
    top.alignment = 1
    run = top.add_run(NATION)
    run.bold, run.font.size = True, _pt(12)
    _paragraph(right, MOTTO, bold=True, size=13, align="center")
    _paragraph(right, "_______________", size=13, align="center")
    place = settings.report_place or body_name(site)
    _paragraph(right, DATE_LINE % {"place": place, "year": "…"}, italic=True, align="center")


def _pt(size):
    from docx.shared import Pt

    return Pt(size)


def _table(document, table) -> None:
    from docx.shared import Pt

    _paragraph(document, str(table.caption), italic=True, size=13, after=3)
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(header))
        run.bold, run.font.size = True, Pt(12)
    for row in table.rows:
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            text = (
                format_number(value) if isinstance(value, int | float) or value is None else value
            )
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(12)
            if index in table.numeric:
                cell.paragraphs[0].alignment = 2  # right
    if not table.rows:
        cells = grid.add_row().cells
        cells[0].text = _("Nothing in this period.")
    _paragraph(document, after=6)


def _body(document, sections: list[ReportSection]) -> None:
    for number, section in enumerate(sections, start=1):
        _paragraph(document, f"{ROMAN[number - 1]}. {section.title}", bold=True, after=6)
        for label, value in section.figures:
            _paragraph(document, f"- {label}: {format_number(value)}.", align="justify", after=3)
        for note in section.notes:
            _paragraph(document, str(note), align="justify", after=3)
        for table in section.tables:
            _table(document, table)


def _footer(document, settings) -> None:
    left, right = _two_columns(document, (80, 85))
    first = left.paragraphs[0]
    run = first.add_run(RECIPIENTS)
    run.bold, run.italic, run.font.size = True, True, _pt(12)
    for line in _lines(settings.report_recipients):
        text = line if line.startswith("-") else f"- {line}"
        _paragraph(left, text, size=11)
    _paragraph(left, FILED, size=11)
    top = right.paragraphs[0]
    top.alignment = 1
    signer = top.add_run((settings.report_signer_title or "").upper())
    signer.bold, signer.font.size = True, _pt(14)
    for _blank in range(4):
        _paragraph(right, "", align="center")
    _paragraph(right, settings.report_signer_name or "", bold=True, size=14, align="center")


def report_docx(site, period: Period, sections: list[ReportSection]) -> bytes:
    settings = report_settings(site)
    document = _setup_document()
    _heading(document, site, settings)
    _paragraph(document, after=6)
    _paragraph(document, KIND, bold=True, size=14, align="center")
    _paragraph(document, subtitle(period), bold=True, size=14, align="center", after=12)
    _body(document, sections)
    _paragraph(document, after=6)  # a blank line between the body and "Nơi nhận"
    _footer(document, settings)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
