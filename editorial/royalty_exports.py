"""The monthly royalty sheet (bảng kê nhuận bút, R-ROY-1) as data, XLSX and DOCX.

``sheet_data`` is what the command's JSON prints and what the two files are written from:
the items, the board members' fees (S4 Đ7.2c), the total and the total in words
(``vietnam.money``), the signature blocks. openpyxl and python-docx are imported inside the
functions: only a download needs them.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _

from congthongtin.core.bodies import body_name
from congthongtin.vietnam.money import amount_in_words, format_dong

from .models import BaseSalary, RoyaltySheet, SheetStatus
from .royalties import month_bounds


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def base_salary_of_month(sheet: RoyaltySheet) -> int | None:
    """The base salary in force on the month's first day. Each item is counted with the
    value in force on its own publication date; when a decree takes effect during the
    month, the items after it use the new value and ``salaries_of_month`` lists both."""
    found = BaseSalary.in_force_on(sheet.month)
    return found.amount if found else None


def salaries_of_month(sheet: RoyaltySheet) -> list[BaseSalary]:
    """Every base salary in force at some time in the month, oldest first."""
    _start, end = month_bounds(sheet.month)
    last_day = end.date() - dt.timedelta(days=1)
    first = BaseSalary.in_force_on(sheet.month)
    later = list(
        BaseSalary.objects.filter(valid_from__gt=sheet.month, valid_from__lte=last_day).order_by(
            "valid_from"
        )
    )
    return ([first] if first else []) + later


def sheet_data(sheet: RoyaltySheet) -> dict:
    """The sheet as plain data (the JSON of ``manage.py royalty_sheet``)."""
    lines = list(sheet.lines.select_related("kind").order_by("sort_order", "pk"))
    fees = list(sheet.board_fees.order_by("pk"))
    return {
        "month": f"{sheet.month:%Y-%m}",
        "base_salary": base_salary_of_month(sheet),
        "items": [
            {
                "page_id": line.page_id,
                "title": line.title,
                "author": line.author,
                "unit": line.unit,
                "kind": line.kind.code,
                "coefficient": None if line.coefficient is None else f"{line.coefficient:.2f}",
                "amount": line.amount,
            }
            for line in lines
        ],
        "board_share": {
            "items_total": sheet.items_total,
            "cap_percent": 40,
            "cap": sheet.board_cap,
            "proposed": sheet.board_proposed,
            "paid": sheet.board_total,
            "capped": sheet.cap_exceeded,
            "members": [
                {
                    "name": fee.member_name,
                    "note": fee.note,
                    "proposed": fee.proposed_amount,
                    "amount": fee.amount,
                }
                for fee in fees
            ],
        },
        "total": sheet.total,
        "total_in_words": amount_in_words(sheet.total),
        "approved": sheet.status == SheetStatus.APPROVED,
    }


def _context(sheet: RoyaltySheet) -> dict:
    data = sheet_data(sheet)
    lines = list(sheet.lines.select_related("kind").order_by("sort_order", "pk"))
    return {
        "data": data,
        "lines": lines,
        "fees": list(sheet.board_fees.order_by("pk")),
        "title": _("ROYALTY SHEET"),
        "subtitle": _("%(body)s, month %(month)s")
        % {"body": body_name(sheet.site), "month": f"{sheet.month:%m/%Y}"},
        "status": _("Status: %(status)s, revision %(revision)s")
        % {"status": sheet.get_status_display(), "revision": sheet.revision},
        "salaries": ", ".join(
            f"{format_dong(s.amount)} ({s.legal_basis}, {s.valid_from:%d/%m/%Y})"
            for s in salaries_of_month(sheet)
        ),
        "headers": [
            _("No."),
            _("Item"),
            _("Author"),
            _("Unit"),
            _("Kind"),
            _("Coefficient"),
            _("Amount (đồng)"),
        ],
        "signatures": [
            (_("Prepared by"), _name(sheet.prepared_by)),
            (_("Head of the editorial board"), _name(sheet.proposed_by)),
            (_("Head of the body"), _name(sheet.approved_by)),
        ],
        "words": _("In words: %(words)s") % {"words": data["total_in_words"]},
    }


def _coefficient_text(line) -> str:
    if line.coefficient is None:
        return ""
    return format(line.coefficient.normalize(), "f").replace(".", ",")


def sheet_xlsx(sheet: RoyaltySheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    c = _context(sheet)
    book = Workbook()
    ws = book.active
    ws.title = f"{sheet.month:%m-%Y}"
    bold = Font(bold=True)
    ws.append([c["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([c["subtitle"]])
    ws.append([c["status"]])
    ws.append([_("Base salary: %(values)s") % {"values": c["salaries"]}])
    ws.append([])
    ws.append(c["headers"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for number, line in enumerate(c["lines"], start=1):
        ws.append(
            [
                number,
                line.title,
                line.author,
                line.unit,
                line.kind.name,
                float(line.coefficient) if line.coefficient is not None else None,
                line.amount,
            ]
        )
        ws.cell(ws.max_row, 7).number_format = "#,##0"
    ws.append(["", _("Royalties of the items"), "", "", "", "", sheet.items_total])
    ws.cell(ws.max_row, 7).number_format = "#,##0"
    ws.append([])
    ws.append([_("Board members' remuneration (S4 Đ7.2c)")])
    ws.cell(ws.max_row, 1).font = bold
    ws.append([_("No."), _("Board member"), _("Work done"), "", "", _("Proposed"), _("Paid")])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for number, fee in enumerate(c["fees"], start=1):
        ws.append([number, fee.member_name, fee.note, "", "", fee.proposed_amount, fee.amount])
    ws.append(["", _("Board members' remuneration"), "", "", "", "", sheet.board_total])
    if sheet.cap_exceeded:
        ws.append([_cap_warning(sheet)])
    ws.append([])
    ws.append(["", _("TOTAL"), "", "", "", "", sheet.total])
    ws.cell(ws.max_row, 2).font = bold
    ws.cell(ws.max_row, 7).font = bold
    ws.append([c["words"]])
    ws.append([])
    ws.append([c["signatures"][0][0], "", "", c["signatures"][1][0], "", "", c["signatures"][2][0]])
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append([])
    ws.append([c["signatures"][0][1], "", "", c["signatures"][1][1], "", "", c["signatures"][2][1]])
    for row in ws.iter_rows(min_row=7):
        for cell in row:
            if isinstance(cell.value, int) and cell.column >= 6:
                cell.number_format = "#,##0"
    for letter, width in zip("ABCDEFG", (6, 48, 22, 22, 18, 12, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cap_warning(sheet: RoyaltySheet) -> str:
    return _(
        "The fees proposed (%(proposed)s) exceed 40%% of the royalties (%(cap)s): each is "
        "scaled down in proportion (S4 Đ7.2c)."
    ) % {"proposed": format_dong(sheet.board_proposed), "cap": format_dong(sheet.board_cap)}


def sheet_docx(sheet: RoyaltySheet) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    c = _context(sheet)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    def centred(text, bold=False, size=None):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return paragraph

    centred(c["title"], bold=True, size=14)
    centred(c["subtitle"], bold=True)
    centred(c["status"])
    document.add_paragraph(_("Base salary: %(values)s") % {"values": c["salaries"]})

    table = document.add_table(rows=1, cols=len(c["headers"]))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, c["headers"], strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    for number, line in enumerate(c["lines"], start=1):
        values = [
            str(number),
            line.title,
            line.author,
            line.unit,
            line.kind.name,
            _coefficient_text(line),
            format_dong(line.amount, unit=""),
        ]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    row = table.add_row().cells
    row[1].text = _("Royalties of the items")
    row[6].text = format_dong(sheet.items_total, unit="")

    heading = document.add_paragraph()
    heading.add_run(_("Board members' remuneration (S4 Đ7.2c)")).bold = True
    fees = document.add_table(rows=1, cols=5)
    fees.style = "Table Grid"
    for cell, header in zip(
        fees.rows[0].cells,
        [_("No."), _("Board member"), _("Work done"), _("Proposed"), _("Paid")],
        strict=True,
    ):
        cell.text = header
    for number, fee in enumerate(c["fees"], start=1):
        values = [
            str(number),
            fee.member_name,
            fee.note,
            format_dong(fee.proposed_amount, unit=""),
            format_dong(fee.amount, unit=""),
        ]
        for cell, value in zip(fees.add_row().cells, values, strict=True):
            cell.text = value
    row = fees.add_row().cells
    row[1].text = _("Board members' remuneration")
    row[4].text = format_dong(sheet.board_total, unit="")
    if sheet.cap_exceeded:
        document.add_paragraph(_cap_warning(sheet))

    total = document.add_paragraph()
    total.add_run(_("Total: %(amount)s") % {"amount": format_dong(sheet.total)}).bold = True
    document.add_paragraph(c["words"]).runs[0].italic = True

    signatures = document.add_table(rows=3, cols=3)
    for index, (role, name) in enumerate(c["signatures"]):
        top, middle, bottom = (signatures.rows[r].cells[index] for r in range(3))
        top.text = role
        top.paragraphs[0].runs[0].bold = True
        middle.text = _("(signature, full name)")
        bottom.text = name
        for cell in (top, middle, bottom):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
