"""Demo content of the projects app: three investment projects of the Như Xuân commune, one
per status, with their bidding and procurement notices (one invitation open, one closed).

Names, amounts and notice numbers are invented for demonstration. Dates are relative to the
day the loader first runs. Idempotent: pages by slug, notices by (project, title), documents
by title.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from congthongtin.core.models import Field
from congthongtin.nhuxuan_site.demo.builder import body_stream, ensure_child
from congthongtin.nhuxuan_site.demo.news import ensure_document, section

INVESTOR = "Ủy ban nhân dân xã Như Xuân"


def _p(*parts: str) -> str:
    return "<p>" + " ".join(parts) + "</p>"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def load(context) -> None:
    from congthongtin.projects.models import ProjectIndexPage

    today = timezone.localdate()
    index = section(context, ProjectIndexPage, "du-an")
    for data in projects(today):
        load_project(index, data)
    if context.stdout:
        context.stdout.write("  projects: 3 projects with bidding and procurement notices")


def projects(today: dt.date) -> list[dict]:
    year = today.year
    road_plan = ensure_document(
        "Kế hoạch lựa chọn nhà thầu dự án đường liên thôn Tân Sơn – Bản Bù Đồn",
        "ke-hoach-lcnt-duong-tan-son-bu-don.docx",
        [
            "Gói thầu số 01: Tư vấn khảo sát, lập báo cáo kinh tế – kỹ thuật; chỉ định thầu rút"
            " gọn; giá gói thầu 420.000.000 đồng.",
            "Gói thầu số 02: Thi công xây dựng công trình; đấu thầu rộng rãi qua mạng; giá gói"
            " thầu 13.650.000.000 đồng.",
        ],
    )
    road_invitation = ensure_document(
        "Hồ sơ mời thầu gói thầu số 02 – thi công đường Tân Sơn – Bản Bù Đồn",
        "ho-so-moi-thau-goi-02.docx",
        [
            "Chương I: Chỉ dẫn nhà thầu.",
            "Chương II: Bảng dữ liệu đấu thầu.",
            "Chương III: Tiêu chuẩn đánh giá hồ sơ dự thầu.",
        ],
    )
    canal_result = ensure_document(
        "Quyết định phê duyệt kết quả lựa chọn nhà thầu kênh mương thôn Đồng Tâm",
        "qd-ket-qua-lcnt-kenh-muong-dong-tam.docx",
        [
            "Phê duyệt kết quả lựa chọn nhà thầu gói thầu thi công xây dựng công trình kiên cố"
            " hóa kênh mương nội đồng thôn Đồng Tâm.",
            "Nhà thầu trúng thầu: Công ty TNHH Xây dựng Thủy lợi Sông Chu (tên minh họa); giá"
            " trúng thầu 3.105.000.000 đồng; thời gian thực hiện hợp đồng 240 ngày.",
        ],
    )
    return [
        {
            "slug": "duong-giao-thong-lien-thon-tan-son-ban-bu-don",
            "title": "Đường giao thông liên thôn Tân Sơn – Bản Bù Đồn",
            "objective": (
                "Nâng cấp 4,2 km đường đất thành đường bê tông xi măng rộng 5 m, bảo đảm đi lại"
                " quanh năm cho người dân Bản Bù Đồn và vận chuyển nông, lâm sản."
            ),
            "field": "giao-thong-van-tai",
            "project_type": "dau-tu-cong",
            "status": "chuan-bi",
            "investor": INVESTOR,
            "location": "Thôn Tân Sơn và Bản Bù Đồn, xã Như Xuân",
            "total_investment": 14_800_000_000,
            "start": (year + 1, 3),
            "end": (year + 2, 6),
            "summary": (
                "Dự án nhóm C sử dụng vốn ngân sách tỉnh hỗ trợ và ngân sách xã, đang trong giai"
                " đoạn chuẩn bị đầu tư."
            ),
            "notices": [
                {
                    "title": "Kế hoạch lựa chọn nhà thầu dự án",
                    "kind": "ke-hoach",
                    "notice_number": "PL2600041275",
                    "published_date": today - dt.timedelta(days=12),
                    "deadline": None,
                    "document": road_plan,
                },
                {
                    "title": "Thông báo mời thầu gói thầu số 02: Thi công xây dựng công trình",
                    "kind": "moi-thau",
                    "notice_number": "IB2600058813",
                    "published_date": today - dt.timedelta(days=3),
                    "deadline": _at(today + dt.timedelta(days=18), 9, 0),
                    "document": road_invitation,
                },
            ],
        },
        {
            "slug": "kien-co-hoa-kenh-muong-noi-dong-thon-dong-tam",
            "title": "Kiên cố hóa kênh mương nội đồng thôn Đồng Tâm",
            "objective": (
                "Kiên cố hóa 2,6 km kênh mương bảo đảm tưới chủ động cho 85 ha lúa hai vụ, giảm"
                " thất thoát nước và công nạo vét hằng năm."
            ),
            "field": "nong-nghiep-va-moi-truong",
            "project_type": "dau-tu-cong",
            "status": "dang-thuc-hien",
            "investor": INVESTOR,
            "location": "Cánh đồng thôn Đồng Tâm, xã Như Xuân",
            "total_investment": 3_250_000_000,
            "start": (year, 4),
            "end": (year + 1, 5),
            "summary": "Công trình đã thi công được khoảng 55% khối lượng.",
            "notices": [
                {
                    "title": "Thông báo mời thầu gói thầu thi công xây dựng kênh mương",
                    "kind": "moi-thau",
                    "notice_number": "IB2600019402",
                    "published_date": today - dt.timedelta(days=75),
                    "deadline": _at(today - dt.timedelta(days=55), 9, 0),
                    "document": None,
                },
                {
                    "title": "Kết quả lựa chọn nhà thầu gói thầu thi công xây dựng kênh mương",
                    "kind": "ket-qua",
                    "notice_number": "IB2600019402",
                    "published_date": today - dt.timedelta(days=40),
                    "deadline": None,
                    "document": canal_result,
                },
            ],
        },
        {
            "slug": "truong-mam-non-diem-truong-ban-khe-rong",
            "title": "Trường Mầm non Như Xuân – điểm trường Bản Khe Rồng",
            "objective": (
                "Xây dựng 04 phòng học, nhà bếp một chiều và công trình vệ sinh, đáp ứng chỗ học"
                " cho 120 trẻ mầm non của Bản Khe Rồng và Bản Na Hiếu."
            ),
            "field": "giao-duc-va-dao-tao",
            "project_type": "oda",
            "status": "hoan-thanh",
            "investor": INVESTOR,
            "location": "Bản Khe Rồng, xã Như Xuân",
            "total_investment": 6_550_000_000,
            "start": (year - 2, 9),
            "end": (year - 1, 8),
            "summary": "Công trình đã hoàn thành, bàn giao đưa vào sử dụng từ năm học mới.",
            "notices": [],
        },
    ]


def load_project(index, data: dict) -> None:
    from congthongtin.projects.models import ProcurementNotice, ProjectPage

    (start_year, start_month), (end_year, end_month) = data["start"], data["end"]
    page, _ = ensure_child(
        index,
        ProjectPage,
        data["slug"],
        title=data["title"],
        objective=data["objective"],
        field=Field.objects.filter(slug=data["field"]).first(),
        project_type=data["project_type"],
        status=data["status"],
        investor=data["investor"],
        location=data["location"],
        total_investment=data["total_investment"],
        start_year=start_year,
        start_month=start_month,
        end_year=end_year,
        end_month=end_month,
        summary=data["summary"],
        body=body_stream(
            [
                (
                    "paragraph",
                    _p(
                        "Thông tin dự án được cập nhật khi có thay đổi về tiến độ, vốn hoặc",
                        "kết quả lựa chọn nhà thầu. Số liệu là số liệu minh họa.",
                    ),
                )
            ]
        ),
        author_name="Đỗ Văn Hải",
        author_address="Phòng Kinh tế",
    )
    added = 0
    for order, notice in enumerate(data["notices"], start=1):
        if not ProcurementNotice.objects.filter(project=page, title=notice["title"]).exists():
            ProcurementNotice.objects.create(project=page, sort_order=order, **notice)
            added += 1
    if added:
        page.save_revision().publish()
