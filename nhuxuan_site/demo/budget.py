"""Demo content of the budget disclosure and open data apps: the section
``/cong-khai-ngan-sach/`` with five disclosures of the Như Xuân commune budget (estimates,
execution, final accounts over three fiscal years, each with a small generated PDF), and the
open data page ``/du-lieu-mo/``. Figures, decision numbers and form codes are invented for
demonstration. Idempotent: pages by slug, documents by title. The files are generated at the
end of ``load_demo`` (``generate_open_data --all``)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from congthongtin.budget.models import (
    BudgetDisclosureIndexPage,
    BudgetDisclosurePage,
    DisclosureKind,
    ExecutionPeriod,
)
from congthongtin.legal.pdf import text_pdf
from congthongtin.nhuxuan_site.demo.builder import ensure_child
from congthongtin.opendata.models import OpenDataPage

BODY = "Ủy ban nhân dân xã Như Xuân"


def _pdf(title: str, filename: str, lines: list[str]):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        pdf = text_pdf([title, "", *lines], title=title)
        document.file.save(filename, ContentFile(pdf), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def disclosures(today: dt.date) -> list[dict]:
    year = today.year
    return [
        {
            "slug": f"du-toan-ngan-sach-nam-{year}",
            "title": f"Công khai dự toán ngân sách xã năm {year}",
            "fiscal_year": year,
            "kind": DisclosureKind.ESTIMATE,
            "decision_number": "25/NQ-HĐND",
            "decision_date": dt.date(year - 1, 12, 20),
            "form_code": "Biểu số 117/CK-NSNN",
            "published_on": dt.date(year - 1, 12, 28),
            "summary": "Dự toán thu ngân sách trên địa bàn 4.850 triệu đồng; dự toán chi ngân"
            " sách xã 9.620 triệu đồng, trong đó chi đầu tư phát triển 2.300 triệu đồng.",
        },
        {
            "slug": f"thuc-hien-ngan-sach-ca-nam-{year - 1}",
            "title": f"Công khai tình hình thực hiện dự toán ngân sách xã năm {year - 1}",
            "fiscal_year": year - 1,
            "kind": DisclosureKind.EXECUTION,
            "period": ExecutionPeriod.YEAR,
            "decision_number": "12/BC-UBND",
            "decision_date": dt.date(year, 1, 10) if today >= dt.date(year, 1, 20) else None,
            "form_code": "Biểu số 118/CK-NSNN",
            "published_on": min(today, dt.date(year, 1, 20)),
            "summary": "Thu ngân sách đạt 103% dự toán; chi ngân sách đạt 96% dự toán.",
        },
        {
            "slug": f"thuc-hien-ngan-sach-6-thang-{year - 1}",
            "title": f"Công khai tình hình thực hiện dự toán ngân sách xã 6 tháng năm {year - 1}",
            "fiscal_year": year - 1,
            "kind": DisclosureKind.EXECUTION,
            "period": ExecutionPeriod.H1,
            "decision_number": "86/BC-UBND",
            "decision_date": dt.date(year - 1, 7, 10),
            "form_code": "Biểu số 118/CK-NSNN",
            "published_on": dt.date(year - 1, 7, 15),
            "summary": "Thu ngân sách 6 tháng đạt 55% dự toán; chi ngân sách đạt 47% dự toán.",
        },
        {
            "slug": f"du-toan-ngan-sach-nam-{year - 1}",
            "title": f"Công khai dự toán ngân sách xã năm {year - 1}",
            "fiscal_year": year - 1,
            "kind": DisclosureKind.ESTIMATE,
            "decision_number": "18/NQ-HĐND",
            "decision_date": dt.date(year - 2, 12, 18),
            "form_code": "Biểu số 117/CK-NSNN",
            "published_on": dt.date(year - 2, 12, 26),
            "summary": "Dự toán chi ngân sách xã 9.100 triệu đồng.",
        },
        {
            "slug": f"quyet-toan-ngan-sach-nam-{year - 2}",
            "title": f"Công khai quyết toán ngân sách xã năm {year - 2}",
            "fiscal_year": year - 2,
            "kind": DisclosureKind.FINAL_ACCOUNTS,
            "decision_number": "20/NQ-HĐND",
            "decision_date": dt.date(year - 1, 12, 18),
            "form_code": "Biểu số 119/CK-NSNN",
            "published_on": dt.date(year - 1, 12, 25),
            "summary": "Quyết toán thu ngân sách xã 10.240 triệu đồng; quyết toán chi 9.870"
            " triệu đồng.",
        },
    ]


def load(context) -> None:
    today = timezone.localdate()
    index, _ = ensure_child(
        context.home,
        BudgetDisclosureIndexPage,
        "cong-khai-ngan-sach",
        title="Công khai ngân sách",
        intro="Dự toán, tình hình thực hiện và quyết toán ngân sách xã theo từng năm.",
    )
    for data in disclosures(today):
        document = _pdf(data["title"], data["slug"] + ".pdf", [data["summary"]])
        ensure_child(
            index,
            BudgetDisclosurePage,
            data.pop("slug"),
            document=document,
            author_name="Bộ phận Tài chính – Kế toán",
            author_address=BODY,
            **data,
        )
    ensure_child(
        context.home,
        OpenDataPage,
        "du-lieu-mo",
        title="Dữ liệu mở",
        intro="Dữ liệu mở của xã Như Xuân (Nghị định 47/2020/NĐ-CP): văn bản, thủ tục hành"
        " chính, danh bạ đơn vị, dự án, hỏi đáp và công khai ngân sách, tải về dạng CSV, JSON"
        " và XLSX.",
    )
    if context.stdout:
        context.stdout.write("  budget: 5 budget disclosures; open data page")
