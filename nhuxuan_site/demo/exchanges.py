"""Demo online exchanges (giao lưu trực tuyến, R-FORUM-1) for the Như Xuân commune portal.

One past exchange with its transcript published (the questions sent, approved and answered
through the transitions of ``consultation.exchanges``, as the board would) and one upcoming.
Names and questions are invented; dates are relative to the day the loader runs.

Idempotent: pages by slug under their parent; questions only when the exchange has none.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from congthongtin.consultation import exchanges
from congthongtin.consultation.models import ExchangeIndexPage, ExchangePage
from congthongtin.core.models import Field
from congthongtin.nhuxuan_site.demo.builder import ensure_child

LEADER = ("Lê Văn Thắng", "Chủ tịch Ủy ban nhân dân xã Như Xuân")

PAST_QA = [
    (
        "Nguyễn Văn Hùng",
        "thôn Xuân Thịnh",
        "Khi nào xã làm xong đường bê tông từ thôn Xuân Thịnh ra trung tâm xã?",
        "Tuyến đường đã có trong kế hoạch đầu tư công năm nay; xã sẽ khởi công trong quý tới "
        "và công khai tiến độ trên Cổng thông tin.",
    ),
    (
        "Trần Thị Mai",
        "thôn Tân Lập",
        "Hồ sơ đăng ký khai sinh cho con có nộp trực tuyến được không?",
        "Được. Người dân nộp trên Cổng Dịch vụ công quốc gia, nhận kết quả tại Trung tâm Phục "
        "vụ hành chính công xã hoặc qua bưu chính.",
    ),
    (
        "Lê Văn Sơn",
        "Hợp tác xã nông nghiệp Như Xuân",
        "Xã có hỗ trợ giống cây trồng cho các hộ chuyển đổi sang trồng cây ăn quả không?",
        "Có. Hộ tham gia chuyển đổi được hỗ trợ giống theo chính sách của tỉnh; hồ sơ nộp tại "
        "bộ phận nông nghiệp của xã trước ngày 30 hằng tháng.",
    ),
]


def _local(moment: dt.datetime, hour: int) -> dt.datetime:
    day = timezone.localtime(moment).replace(hour=hour, minute=0, second=0, microsecond=0)
    return day


def load(context) -> None:
    now = timezone.now()
    index, _ = ensure_child(
        context.home,
        ExchangeIndexPage,
        "giao-luu-truc-tuyen",
        title="Giao lưu trực tuyến",
        intro="Lãnh đạo xã trao đổi, trả lời trực tiếp câu hỏi của người dân theo chủ đề.",
        show_in_menus=False,
    )
    field = Field.objects.order_by("pk").first()
    past, _created = ensure_child(
        index,
        ExchangePage,
        "xay-dung-nong-thon-moi",
        title="Giao lưu trực tuyến về xây dựng nông thôn mới",
        leader_name=LEADER[0],
        leader_position=LEADER[1],
        topic="Xây dựng nông thôn mới nâng cao",
        summary="Chủ tịch UBND xã trả lời câu hỏi về hạ tầng, thủ tục và hỗ trợ sản xuất.",
        introduction="Người dân gửi câu hỏi trước và trong buổi giao lưu.",
        starts_at=_local(now - dt.timedelta(days=14), 9),
        ends_at=_local(now - dt.timedelta(days=14), 11),
        field=field,
        author_name="Ban biên tập",
    )
    if not past.questions.exists():
        load_transcript(past)
    ensure_child(
        index,
        ExchangePage,
        "chuyen-doi-so-cap-xa",
        title="Giao lưu trực tuyến về chuyển đổi số cấp xã",
        leader_name=LEADER[0],
        leader_position=LEADER[1],
        topic="Chuyển đổi số và dịch vụ công trực tuyến",
        summary="Người dân hỏi về dịch vụ công trực tuyến, thanh toán điện tử, định danh.",
        introduction="Câu hỏi được nhận từ hôm nay đến hết buổi giao lưu.",
        starts_at=_local(now + dt.timedelta(days=7), 9),
        ends_at=_local(now + dt.timedelta(days=7), 11),
        field=field,
        author_name="Ban biên tập",
    )


def load_transcript(page: ExchangePage) -> None:
    secretary = get_user_model().objects.filter(username="nvan").first()
    before = page.starts_at - dt.timedelta(days=1)
    for name, place, text, answer in PAST_QA:
        question = exchanges.submit(page, asker_name=name, asker_place=place, text=text, now=before)
        exchanges.approve(question, secretary)
        exchanges.answer(question, answer, secretary, now=page.starts_at + dt.timedelta(minutes=20))
    exchanges.publish_transcript(page, secretary)
