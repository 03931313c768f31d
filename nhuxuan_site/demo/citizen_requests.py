"""Demo petitions, complaints and denunciations of the Như Xuân commune portal (issue 22).

Two pages on the main site: ``/phan-anh-kien-nghi/`` (petitions on administrative
regulations and services, Decree 20/2008/NĐ-CP) and ``/khieu-nai-to-cao/`` (complaints,
Law on Complaints No. 02/2011/QH13, and denunciations, Law on Denunciations
No. 25/2018/QH14), with requests in several stages written through the life cycle
(``consultation.lifecycle``, ``notify=False``, past moments): a petition just received,
one near its deadline, one overdue, one answered and published; a complaint received,
a denunciation assigned to its handler, a complaint accepted for settlement, a
denunciation waiting for information from the denouncer. Senders, places and letters are
invented. Dates are relative to the day the loader runs. Idempotent: pages by slug,
requests by (page, subject).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from congthongtin.consultation import lifecycle
from congthongtin.consultation.deadlines import DeadlineClass
from congthongtin.consultation.models import (
    Answer,
    ComplaintIndexPage,
    PetitionIndexPage,
    Question,
    RequestKind,
)
from congthongtin.core.models import Field
from congthongtin.nhuxuan_site.demo.builder import ensure_child

PETITION_RULES = (
    "Trang tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính, thủ tục "
    "hành chính và việc phục vụ của cán bộ, công chức xã (Nghị định số 20/2008/NĐ-CP, được "
    "sửa đổi bởi Nghị định số 92/2017/NĐ-CP).\n\n"
    "Phản ánh, kiến nghị cần ghi rõ họ tên, địa chỉ, số điện thoại hoặc thư điện tử của người "
    "gửi; nội dung phản ánh, kiến nghị và quy định, thủ tục hoặc dịch vụ liên quan. Trang không "
    "tiếp nhận khiếu nại, tố cáo: xin gửi tại trang Khiếu nại, tố cáo.\n\n"
    "Câu trả lời được công khai trên trang này, không kèm thông tin cá nhân của người gửi."
)

COMPLAINT_RULES = (
    "Trang tiếp nhận đơn khiếu nại (Luật Khiếu nại số 02/2011/QH13) và đơn tố cáo (Luật Tố "
    "cáo số 25/2018/QH14) gửi Ủy ban nhân dân xã Như Xuân. Công dân cũng có thể gửi đơn trực "
    "tiếp tại Trụ sở tiếp công dân xã, thôn Xuân Thịnh, vào ngày thứ Năm hằng tuần.\n\n"
    "Đơn khiếu nại ghi rõ ngày, tháng, năm; họ tên, địa chỉ của người khiếu nại; tên, địa chỉ "
    "của cơ quan, người bị khiếu nại; nội dung, lý do khiếu nại và yêu cầu giải quyết. Thời "
    "hiệu khiếu nại là 90 ngày kể từ ngày nhận được quyết định hoặc biết được hành vi.\n\n"
    "Người tố cáo được giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác; không "
    "tiếp nhận tố cáo nặc danh. Người tố cáo phải trình bày trung thực nội dung tố cáo."
)

ADDRESS = "{place}, xã Như Xuân, tỉnh Thanh Hóa"


def _field(name: str) -> Field:
    return Field.objects.get_or_create(name=name)[0]


def _email(name: str) -> str:
    from congthongtin.vietnam.fold import slugify

    return slugify(name).replace("-", ".") + "@example.com"


def _local(moment, hour: int, minute: int = 0):
    return timezone.localtime(moment).replace(hour=hour, minute=minute, second=0, microsecond=0)


def _request(page, kind, sender, place, field, title, body, received, **fields) -> Question:
    return Question(
        page=page,
        kind=kind,
        full_name=sender,
        address=ADDRESS.format(place=place),
        phone=f"0912 000 {sum(map(ord, sender)) % 1000:03d}",
        email=_email(sender),
        field=_field(field),
        title=title,
        body=body,
        received_at=received,
        consent_at=received,
        **fields,
    )


def _receive(request, at) -> Question | None:
    if Question.objects.filter(page=request.page, title=request.title).exists():
        return None
    return lifecycle.receive(request, at=at, notify=False)


def _assign(request, unit, officer, at):
    return lifecycle.assign(
        request,
        actor=None,
        unit=unit,
        officer=officer,
        deadline_class=DeadlineClass.OWN,
        at=at,
        notify=False,
    )


def _received_so_that(page, now, *, due_within: dt.timedelta | None, overdue: bool):
    """A receipt moment (09:15, some days ago) whose petition is due within ``due_within``
    of now, or already overdue: the demo keeps its near-deadline and overdue petitions so
    whatever the day the loader runs."""
    probe = Question(page=page, kind=RequestKind.PETITION)
    policy = lifecycle.policy_for(probe)
    for days in range(1, 60):
        probe.received_at = _local(now - dt.timedelta(days=days), 9, 15)
        due = policy.due_at(probe)
        if overdue and due < now - dt.timedelta(days=2):
            return probe.received_at
        if not overdue and due_within is not None and now < due <= now + due_within:
            return probe.received_at
    return _local(now - dt.timedelta(days=3), 9, 15)


def load(context) -> None:
    now = timezone.now()
    petitions, _ = ensure_child(
        context.home,
        PetitionIndexPage,
        "phan-anh-kien-nghi",
        title="Phản ánh, kiến nghị",
        intro=(
            "Phản ánh, kiến nghị về quy định hành chính, thủ tục hành chính và việc phục vụ "
            "người dân của Ủy ban nhân dân xã Như Xuân."
        ),
        rules=PETITION_RULES,
    )
    complaints, _ = ensure_child(
        context.home,
        ComplaintIndexPage,
        "khieu-nai-to-cao",
        title="Khiếu nại, tố cáo",
        intro=(
            "Gửi đơn khiếu nại, tố cáo trực tuyến và theo dõi việc thụ lý, giải quyết bằng mã "
            "số và mã bí mật."
        ),
        rules=COMPLAINT_RULES,
    )
    officer = get_user_model().objects.filter(username="dvhai").first()
    official = context.officials.get("haidv")
    unit = official.unit if official is not None else None
    if unit is None:
        return
    load_petitions(petitions, unit, officer, now)
    load_complaints(complaints, unit, officer, now)


def load_petitions(page, unit, officer, now) -> None:
    # Just received.
    at = now - dt.timedelta(hours=2)
    _receive(
        _request(
            page,
            RequestKind.PETITION,
            "Lục Văn Thành",
            "bản Khe Hạ",
            "Giao thông vận tải",
            "Đèn chiếu sáng đường liên thôn bị hỏng",
            "Ba cột đèn trên đường từ bản Khe Hạ ra trung tâm xã hỏng đã hai tuần, buổi tối "
            "học sinh đi học về rất nguy hiểm. Đề nghị xã cho sửa sớm.",
            at,
            decision_reference="Dịch vụ chiếu sáng công cộng",
        ),
        at,
    )
    # Near its deadline: assigned, due within a working day.
    received = _received_so_that(page, now, due_within=dt.timedelta(days=3), overdue=False)
    petition = _receive(
        _request(
            page,
            RequestKind.PETITION,
            "Vi Thị Hằng",
            "thôn Tân Lập",
            "Chứng thực",
            "Thời gian chờ chứng thực bản sao ở bộ phận một cửa",
            "Sáng thứ Hai tôi phải chờ gần hai giờ để chứng thực bản sao. Kiến nghị xã bố trí "
            "thêm người tiếp nhận vào đầu tuần.",
            received,
            decision_reference="Thủ tục chứng thực bản sao từ bản chính",
        ),
        received,
    )
    if petition is not None:
        _assign(petition, unit, officer, received + dt.timedelta(hours=3))
    # Overdue: assigned, not answered in time.
    received = _received_so_that(page, now, due_within=None, overdue=True)
    petition = _receive(
        _request(
            page,
            RequestKind.PETITION,
            "Hà Văn Quang",
            "thôn Xuân Thịnh",
            "Đất đai",
            "Niêm yết công khai thủ tục đất đai chưa đầy đủ",
            "Bảng niêm yết tại trụ sở xã chưa có thủ tục đăng ký biến động đất đai mới. Đề nghị "
            "niêm yết bổ sung và đăng trên Trang thông tin điện tử.",
            received,
            decision_reference="Niêm yết thủ tục hành chính lĩnh vực đất đai",
        ),
        received,
    )
    if petition is not None:
        _assign(petition, unit, officer, received + dt.timedelta(hours=2))
    # Answered and published.
    received = _local(now - dt.timedelta(days=20), 8, 40)
    petition = _receive(
        _request(
            page,
            RequestKind.PETITION,
            "Lương Thị Nga",
            "bản Khe Hạ",
            "Hộ tịch",
            "Đề nghị nhận hồ sơ hộ tịch vào sáng thứ Bảy",
            "Nhiều người đi làm xa chỉ về vào cuối tuần. Kiến nghị xã nhận hồ sơ hộ tịch vào "
            "sáng thứ Bảy.",
            received,
            decision_reference="Lịch tiếp nhận hồ sơ của bộ phận một cửa",
        ),
        received,
    )
    if petition is not None:
        _assign(petition, unit, officer, received + dt.timedelta(hours=2))
        answered = received + dt.timedelta(days=4)
        answer = Answer(
            question=petition,
            body=(
                "<p>Tiếp thu kiến nghị, từ ngày 01 tháng sau Trung tâm Phục vụ hành chính công "
                "xã tiếp nhận hồ sơ hộ tịch vào sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30.</p>"
            ),
            author_name="Đỗ Văn Hải",
            author_position="Công chức Địa chính – Xây dựng",
        )
        _publish_answer(answer, answered)
        lifecycle.answer(petition, answer=answer, at=answered, notify=False)


def load_complaints(page, unit, officer, now) -> None:
    # A complaint just received: the acceptance clock runs (10 days).
    at = now - dt.timedelta(hours=5)
    _receive(
        _request(
            page,
            RequestKind.COMPLAINT,
            "Lò Văn Thắng",
            "thôn Tân Lập",
            "Đất đai",
            "Khiếu nại quyết định xử phạt về xây dựng",
            "Tôi khiếu nại Quyết định xử phạt vì cho rằng công trình chuồng trại của gia đình "
            "xây trên đất nông nghiệp; thực tế là đất ở đã được cấp giấy chứng nhận. Đề nghị "
            "hủy quyết định.",
            at,
            respondent="Chủ tịch Ủy ban nhân dân xã Như Xuân",
            decision_reference="Quyết định xử phạt vi phạm hành chính số 42/QĐ-XPHC",
            known_on=(now - dt.timedelta(days=20)).date(),
        ),
        at,
    )
    # A denunciation assigned to its handler.
    received = _local(now - dt.timedelta(days=3), 10, 0)
    denunciation = _receive(
        _request(
            page,
            RequestKind.DENUNCIATION,
            "Hoàng Thị Mến",
            "thôn Xuân Thịnh",
            "Tư pháp",
            "Tố cáo việc thu tiền ngoài quy định khi chứng thực",
            "Ngày làm việc tuần trước, khi chứng thực bản sao tôi bị yêu cầu nộp thêm tiền "
            "ngoài lệ phí niêm yết mà không có biên lai.",
            received,
            respondent="Người làm nhiệm vụ chứng thực tại bộ phận một cửa xã",
        ),
        received,
    )
    if denunciation is not None:
        _assign(denunciation, unit, officer, received + dt.timedelta(hours=4))
    # A complaint accepted for settlement: the settlement clock (30 days) runs.
    received = _local(now - dt.timedelta(days=12), 9, 0)
    complaint = _receive(
        _request(
            page,
            RequestKind.COMPLAINT,
            "Phạm Văn Đông",
            "bản Khe Hạ",
            "Lao động, thương binh và xã hội",
            "Khiếu nại việc không đưa vào danh sách hộ cận nghèo",
            "Gia đình tôi đủ điều kiện hộ cận nghèo nhưng không có tên trong danh sách được "
            "phê duyệt. Đề nghị xem xét lại.",
            received,
            respondent="Ủy ban nhân dân xã Như Xuân",
            decision_reference="Quyết định phê duyệt danh sách hộ cận nghèo năm 2026",
            known_on=(now - dt.timedelta(days=30)).date(),
        ),
        received,
    )
    if complaint is not None:
        _assign(complaint, unit, officer, received + dt.timedelta(hours=3))
        lifecycle.accept(complaint, actor=officer, at=received + dt.timedelta(days=5), notify=False)
    # A denunciation waiting for information from the denouncer.
    received = _local(now - dt.timedelta(days=4), 14, 0)
    denunciation = _receive(
        _request(
            page,
            RequestKind.DENUNCIATION,
            "Đinh Văn Lực",
            "thôn Tân Lập",
            "Nông nghiệp và môi trường",
            "Tố cáo việc khai thác cát trái phép trên sông",
            "Ban đêm có máy hút cát hoạt động trên đoạn sông gần thôn, gây sạt lở bờ.",
            received,
            respondent="Chủ phương tiện khai thác cát (chưa rõ họ tên)",
        ),
        received,
    )
    if denunciation is not None:
        _assign(denunciation, unit, officer, received + dt.timedelta(hours=2))
        lifecycle.ask_for_information(
            denunciation,
            actor=officer,
            note=(
                "Đề nghị ông cho biết vị trí cụ thể (gần cột mốc hay công trình nào), các ngày "
                "giờ đã thấy máy hút cát hoạt động, và gửi kèm ảnh nếu có."
            ),
            at=received + dt.timedelta(days=2),
            notify=False,
        )


def _publish_answer(answer: Answer, when) -> None:
    from congthongtin.nhuxuan_site.demo.consultation import _publish_answer as publish

    publish(answer, when)
