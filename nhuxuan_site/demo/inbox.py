"""Demo of the contributions inbox (S1 Đ14): the page "Gửi tin, bài" under the home page
and two items waiting in the standing office's inbox, one from a unit, one from a citizen.
Idempotent: the page by slug, the items by (site, title)."""

from __future__ import annotations

from congthongtin.editorial.models import Contribution, ContributionPage
from congthongtin.nhuxuan_site.demo.builder import ensure_child

ITEMS = [
    {
        "kind": "news",
        "title": "Trường Mầm non Như Xuân tổ chức Ngày hội đến trường của bé",
        "text": (
            "Sáng ngày 05/9, Trường Mầm non Như Xuân long trọng tổ chức Ngày hội đến trường "
            "của bé năm học mới với sự tham gia của gần 300 cháu và phụ huynh.\n\n"
            "Đến dự có đại diện lãnh đạo Đảng ủy, UBND xã và Hội Khuyến học xã."
        ),
        "sender_name": "Lê Thị Hoa",
        "sender_organisation": "Trường Mầm non Như Xuân",
        "sender_address": "Thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa",
        "sender_email": "mamnon.nhuxuan@example.vn",
    },
    {
        "kind": "photo",
        "title": "Ảnh mùa lúa chín trên cánh đồng thôn Tân Sơn",
        "text": "Một số hình ảnh bà con thôn Tân Sơn thu hoạch lúa vụ Mùa.",
        "sender_name": "Nguyễn Văn Phúc",
        "sender_address": "Thôn Tân Sơn, xã Như Xuân, tỉnh Thanh Hóa",
        "sender_phone": "0912 000 111",
    },
]


def load(context) -> None:
    ensure_child(
        context.home,
        ContributionPage,
        "gui-tin-bai",
        title="Gửi tin, bài",
        intro=(
            "Các đơn vị, tổ chức, doanh nghiệp và công dân gửi tin, bài, ảnh, thông báo, văn "
            "bản để đăng trên Cổng thông tin. Thường trực Ban biên tập tiếp nhận, xử lý và "
            "thông báo kết quả cho người gửi."
        ),
    )
    for data in ITEMS:
        if not Contribution.objects.filter(site=context.site, title=data["title"]).exists():
            Contribution.objects.create(site=context.site, **data)
    if context.stdout:
        context.stdout.write("  inbox: the page “Gửi tin, bài” and 2 items waiting")
