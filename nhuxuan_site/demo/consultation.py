"""Demo content of the citizens' voice for the Như Xuân commune portal.

Two drafts under consultation (one open now, one closed with its result), ten answered
questions across fields citing real legal documents (linked to the library when the legal
demo has loaded the document, found by its number), three questions waiting (one of them
overdue), and the contact page. Askers, commenters and their addresses are invented; the
documents cited, their numbers, dates and issuers are real. Dates are relative to the day
the loader runs, so one consultation is always open and one question always overdue.

Idempotent: pages by slug under their parent, questions by (section, subject), answers by
question, comments only when the draft has none.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from congthongtin.consultation import lifecycle
from congthongtin.consultation.deadlines import DeadlineClass, due_at
from congthongtin.consultation.models import (
    Answer,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ContactPage,
    Question,
    QuestionIndexPage,
    QuestionState,
)
from congthongtin.core.models import Agency, AgencyLevel, Field
from congthongtin.nhuxuan_site.demo.builder import body_stream, ensure_child
from congthongtin.vietnam.documents import parse_number

D = dt.date
COMMUNE = "Ủy ban nhân dân xã Như Xuân"

# ---------------------------------------------------------------------------------------------
# Legal documents cited (real numbers, dates, issuers)
# ---------------------------------------------------------------------------------------------
LAWS = {
    "ho-tich": ("60/2014/QH13", "Luật Hộ tịch", D(2014, 11, 20), "Quốc hội"),
    "nd-123-2015": (
        "123/2015/NĐ-CP",
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        D(2015, 11, 15),
        "Chính phủ",
    ),
    "hon-nhan": ("52/2014/QH13", "Luật Hôn nhân và gia đình", D(2014, 6, 19), "Quốc hội"),
    "dat-dai": ("31/2024/QH15", "Luật Đất đai", D(2024, 1, 18), "Quốc hội"),
    "nd-101-2024": (
        "101/2024/NĐ-CP",
        "Quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, "
        "quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai",
        D(2024, 7, 29),
        "Chính phủ",
    ),
    "xay-dung": ("50/2014/QH13", "Luật Xây dựng", D(2014, 6, 18), "Quốc hội"),
    "xay-dung-2020": (
        "62/2020/QH14",
        "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng",
        D(2020, 6, 17),
        "Quốc hội",
    ),
    "giao-duc": ("43/2019/QH14", "Luật Giáo dục", D(2019, 6, 14), "Quốc hội"),
    "bhyt": ("25/2008/QH12", "Luật Bảo hiểm y tế", D(2008, 11, 14), "Quốc hội"),
    "bhyt-2014": (
        "46/2014/QH13",
        "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế",
        D(2014, 6, 13),
        "Quốc hội",
    ),
    "le-hoi": (
        "110/2018/NĐ-CP",
        "Quy định về quản lý và tổ chức lễ hội",
        D(2018, 8, 29),
        "Chính phủ",
    ),
    "cds": ("148/2025/QH15", "Luật Chuyển đổi số", D(2025, 12, 11), "Quốc hội"),
    "nd-224-2026": (
        "224/2026/NĐ-CP",
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Chuyển đổi số",
        D(2026, 6, 24),
        "Chính phủ",
    ),
    "tiep-can": ("104/2016/QH13", "Luật Tiếp cận thông tin", D(2016, 4, 6), "Quốc hội"),
    "chinh-quyen": (
        "72/2025/QH15",
        "Luật Tổ chức chính quyền địa phương",
        D(2025, 6, 16),
        "Quốc hội",
    ),
    "cu-tru": ("68/2020/QH14", "Luật Cư trú", D(2020, 11, 13), "Quốc hội"),
}


def _p(*parts: str) -> str:
    return "<p>" + " ".join(parts) + "</p>"


# (key, field, unit official key, answerer official key, asker, initials place, days ago
#  answered, subject, question, answer html, [(law key, article)])
ANSWERED = [
    (
        "khai-sinh",
        "Hộ tịch",
        "hoant",
        "hoant",
        ("Lương Văn Thành", "thôn Xuân Thịnh"),
        3,
        "Thời hạn đăng ký khai sinh cho con",
        "Vợ tôi sinh cháu được hơn một tháng. Xin hỏi thời hạn đăng ký khai sinh cho cháu là "
        "bao lâu và cần mang những giấy tờ gì?",
        _p(
            "Theo khoản 1 Điều 15 Luật Hộ tịch, trong thời hạn 60 ngày kể từ ngày sinh con, cha",
            "hoặc mẹ có trách nhiệm đăng ký khai sinh cho con. Người đi đăng ký nộp tờ khai theo",
            "mẫu và giấy chứng sinh (Điều 16); nếu không có giấy chứng sinh thì nộp văn bản của",
            "người làm chứng xác nhận về việc sinh.",
        )
        + _p(
            "Ông có thể nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã hoặc trực tuyến trên",
            "Cổng Dịch vụ công quốc gia.",
        ),
        [("ho-tich", "Điều 15, Điều 16"), ("nd-123-2015", "")],
    ),
    (
        "ket-hon",
        "Hộ tịch",
        "hoant",
        "hoant",
        ("Hà Thị Nguyệt", "thôn Đồng Tâm"),
        6,
        "Điều kiện và thủ tục đăng ký kết hôn",
        "Tôi 19 tuổi, bạn trai 21 tuổi, cùng thường trú tại xã. Chúng tôi có đủ tuổi kết hôn "
        "không và thủ tục đăng ký ra sao?",
        _p(
            "Điều 8 Luật Hôn nhân và gia đình quy định nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở",
            "lên, việc kết hôn do hai bên tự nguyện quyết định. Như vậy hai bạn đã đủ tuổi kết",
            "hôn.",
        )
        + _p(
            "Theo Điều 18 Luật Hộ tịch, hai bên nộp tờ khai đăng ký kết hôn theo mẫu cho cơ quan",
            "đăng ký hộ tịch và cùng có mặt khi đăng ký; nếu đủ điều kiện, công chức tư pháp –",
            "hộ tịch ghi việc kết hôn vào Sổ hộ tịch và hai bên cùng ký.",
        ),
        [("hon-nhan", "Điều 8"), ("ho-tich", "Điều 18")],
    ),
    (
        "giay-chung-nhan",
        "Đất đai",
        "tuanld",
        "tuanld",
        ("Vi Văn Khiêm", "thôn Cao Sơn"),
        9,
        "Hồ sơ cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        "Gia đình tôi sử dụng mảnh đất vườn ổn định từ năm 1998, chưa được cấp Giấy chứng "
        "nhận. Xin hỏi hồ sơ đề nghị cấp lần đầu gồm những gì?",
        _p(
            "Việc đăng ký đất đai và cấp Giấy chứng nhận lần đầu thực hiện theo Luật Đất đai năm",
            "2024 và Nghị định số 101/2024/NĐ-CP. Hồ sơ gồm đơn đăng ký đất đai, tài sản gắn liền",
            "với đất theo mẫu và giấy tờ về quyền sử dụng đất (nếu có); trường hợp không có giấy",
            "tờ, Ủy ban nhân dân xã xác nhận nguồn gốc, thời điểm sử dụng đất ổn định, không có",
            "tranh chấp.",
        )
        + _p("Ông nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã để được hướng dẫn cụ thể."),
        [("dat-dai", ""), ("nd-101-2024", "")],
    ),
    (
        "giay-phep-xay-dung",
        "Xây dựng",
        "tuanld",
        "tuanld",
        ("Lê Thị Hồng", "thôn Xuân Lộc"),
        12,
        "Xây nhà ở nông thôn có phải xin giấy phép xây dựng?",
        "Tôi định xây nhà 2 tầng trên đất ở của gia đình tại thôn. Tôi có phải xin giấy phép "
        "xây dựng không?",
        _p(
            "Theo Điều 89 Luật Xây dựng (đã được sửa đổi, bổ sung bởi Luật số 62/2020/QH14), nhà",
            "ở riêng lẻ ở nông thôn có quy mô dưới 7 tầng, thuộc khu vực không có quy hoạch đô",
            "thị, quy hoạch xây dựng khu chức năng hoặc quy hoạch chi tiết xây dựng điểm dân cư",
            "nông thôn đã được phê duyệt thì được miễn giấy phép xây dựng, trừ nhà xây trong khu",
            "bảo tồn, khu di tích lịch sử – văn hóa.",
        )
        + _p(
            "Bà nên liên hệ Phòng Kinh tế để được kiểm tra vị trí thửa đất có thuộc khu vực đã",
            "có quy hoạch được phê duyệt hay không.",
        ),
        [("xay-dung", "Điều 89"), ("xay-dung-2020", "")],
    ),
    (
        "vao-lop-mot",
        "Giáo dục và đào tạo",
        "huonglt",
        "huonglt",
        ("Lò Văn Dũng", "bản Khe Hạ"),
        15,
        "Tuổi vào học lớp một",
        "Con tôi sinh tháng 11/2020. Năm học 2026–2027 cháu đã được vào lớp một chưa?",
        _p(
            "Điều 28 Luật Giáo dục quy định tuổi của học sinh vào học lớp một là 06 tuổi và được",
            "tính theo năm. Cháu sinh năm 2020 nên đủ tuổi vào lớp một trong năm học bắt đầu năm",
            "2026.",
        ),
        [("giao-duc", "Điều 28")],
    ),
    (
        "bhyt-tre-em",
        "Y tế",
        "huonglt",
        "huonglt",
        ("Cầm Thị Xuân", "thôn Tân Lập"),
        18,
        "Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "Cháu nhà tôi được 8 tháng tuổi. Cháu có được cấp thẻ bảo hiểm y tế miễn phí không?",
        _p(
            "Trẻ em dưới 6 tuổi thuộc nhóm do ngân sách nhà nước đóng bảo hiểm y tế (Điều 12",
            "Luật Bảo hiểm y tế, được sửa đổi, bổ sung bởi Luật số 46/2014/QH13). Khi đăng ký",
            "khai sinh, gia đình được hướng dẫn cấp thẻ bảo hiểm y tế cho trẻ theo quy trình",
            "liên thông.",
        ),
        [("bhyt", "Điều 12"), ("bhyt-2014", "")],
    ),
    (
        "le-hoi",
        "Văn hóa, thể thao và du lịch",
        "huonglt",
        "huonglt",
        ("Quách Văn Lợi", "thôn Xuân Thịnh"),
        21,
        "Tổ chức lễ hội truyền thống của thôn",
        "Thôn chúng tôi muốn khôi phục lễ hội cầu mùa đầu xuân. Cần làm thủ tục gì với chính "
        "quyền?",
        _p(
            "Việc quản lý và tổ chức lễ hội thực hiện theo Nghị định số 110/2018/NĐ-CP. Lễ hội",
            "truyền thống được tổ chức lần đầu hoặc khôi phục sau thời gian gián đoạn phải được",
            "cơ quan có thẩm quyền chấp thuận; ban tổ chức gửi hồ sơ đăng ký kèm kế hoạch, nội",
            "dung và phương án bảo đảm an ninh, trật tự. Phòng Văn hóa – Xã hội sẽ hướng dẫn",
            "thôn chuẩn bị hồ sơ.",
        ),
        [("le-hoi", "")],
    ),
    (
        "trang-thong-tin",
        "Khoa học, công nghệ và chuyển đổi số",
        "hoant",
        "hoant",
        ("Đinh Thị Thu", "thôn Đồng Tâm"),
        24,
        "Trang thông tin điện tử của xã phải công khai những thông tin gì?",
        "Tôi muốn biết theo quy định mới, trang thông tin điện tử của xã phải cung cấp những "
        "thông tin nào cho người dân?",
        _p(
            "Luật Chuyển đổi số và Nghị định số 224/2026/NĐ-CP quy định thông tin mà cổng, trang",
            "thông tin điện tử của cơ quan nhà nước phải cung cấp, trong đó có tổ chức bộ máy,",
            "thủ tục hành chính, văn bản, thông tin liên hệ, chức năng hỏi – đáp và đánh giá mức",
            "độ hài lòng. Quyền tiếp cận thông tin của công dân thực hiện theo Luật Tiếp cận",
            "thông tin.",
        ),
        [("nd-224-2026", "Điều 9"), ("cds", ""), ("tiep-can", "")],
    ),
    (
        "hai-cap",
        "Nội vụ",
        "ngocbt",
        "thanglv",
        ("Phạm Văn Hưng", "thôn Cao Sơn"),
        27,
        "Thủ tục trước đây làm ở huyện nay nộp ở đâu?",
        "Từ khi không còn cấp huyện, những thủ tục trước đây tôi phải lên huyện làm thì nay "
        "nộp ở đâu?",
        _p(
            "Từ ngày 01/7/2025, chính quyền địa phương tổ chức theo hai cấp là tỉnh và xã (Luật",
            "Tổ chức chính quyền địa phương số 72/2025/QH15). Phần lớn thủ tục trước đây do cấp",
            "huyện giải quyết nay được tiếp nhận tại Trung tâm Phục vụ hành chính công xã; một",
            "số thủ tục thuộc thẩm quyền cấp tỉnh vẫn được nộp tại xã hoặc trực tuyến.",
        ),
        [("chinh-quyen", "")],
    ),
    (
        "tam-tru",
        "Quốc phòng, an ninh",
        "longdv",
        "longdv",
        ("Nguyễn Thị Lan", "thôn Xuân Lộc"),
        30,
        "Khi nào phải đăng ký tạm trú?",
        "Con gái tôi ra thành phố làm công nhân và thuê trọ. Cháu có phải đăng ký tạm trú không?",
        _p(
            "Theo Điều 27 Luật Cư trú, công dân đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi",
            "đơn vị hành chính cấp xã nơi đã đăng ký thường trú để lao động, học tập hoặc vì mục",
            "đích khác từ 30 ngày trở lên thì phải đăng ký tạm trú; thời hạn tạm trú tối đa là 02",
            "năm và có thể tiếp tục gia hạn nhiều lần. Cháu đăng ký với Công an xã nơi thuê trọ.",
        ),
        [("cu-tru", "Điều 27")],
    ),
]

# (field, unit official key or None, asker, days ago received, subject, question, state,
#  deadline class)
PENDING = [
    (
        "Lao động, thương binh và xã hội",
        None,
        ("Lò Thị Phương", "bản Khe Hạ"),
        0,
        "Hỗ trợ sửa chữa nhà cho hộ nghèo",
        "Gia đình tôi là hộ nghèo, nhà bị dột nát sau mưa bão. Xin hỏi có chính sách hỗ trợ "
        "sửa chữa nhà ở không?",
        QuestionState.RECEIVED,
        "",
    ),
    (
        "Thành lập và hoạt động của doanh nghiệp, hộ kinh doanh",
        "haidv",
        ("Trần Văn Bảo", "thôn Xuân Thịnh"),
        1,
        "Đăng ký hộ kinh doanh quán tạp hóa",
        "Tôi muốn mở quán tạp hóa tại nhà. Tôi có phải đăng ký hộ kinh doanh không và nộp hồ "
        "sơ ở đâu?",
        QuestionState.ASSIGNED,
        DeadlineClass.OWN,
    ),
    (
        "Đất đai",
        "haidv",
        ("Hoàng Văn Sinh", "thôn Tân Lập"),
        14,
        "Cấp đổi Giấy chứng nhận bị rách, mờ",
        "Giấy chứng nhận quyền sử dụng đất của gia đình tôi bị rách và mờ chữ. Thủ tục cấp "
        "đổi như thế nào, mất bao lâu?",
        QuestionState.ASSIGNED,
        DeadlineClass.OWN,
    ),
]

RULES = (
    "Chuyên mục tiếp nhận câu hỏi 24/24 giờ tất cả các ngày trong tuần về cơ chế, chính sách, "
    "thủ tục hành chính, cơ hội đầu tư và các thông tin hữu ích khác; không tiếp nhận nội dung "
    "khiếu nại, tố cáo. Người hỏi ghi rõ: cá nhân – họ và tên, quốc tịch, nghề nghiệp, địa chỉ; "
    "tổ chức – họ tên, chức vụ người đại diện, số quyết định (giấy phép) thành lập, địa chỉ trụ "
    "sở chính. Ý kiến trả lời chỉ có ý nghĩa tham khảo."
)

OPEN_DRAFT_BODY = [
    ("heading", "Chương I. Quy định chung"),
    (
        "paragraph",
        _p(
            "<b>Điều 1. Phạm vi điều chỉnh.</b> Quy chế này quy định việc tiếp nhận, phân loại,",
            "chuyển và trả lời câu hỏi của tổ chức, cá nhân gửi đến chuyên mục Hỏi – Đáp của",
            "Trang thông tin điện tử xã Như Xuân.",
        ),
    ),
    (
        "paragraph",
        _p(
            "<b>Điều 2. Đối tượng áp dụng.</b> Quy chế áp dụng đối với Ban biên tập, các cơ quan,",
            "đơn vị thuộc Ủy ban nhân dân xã và tổ chức, cá nhân gửi câu hỏi.",
        ),
    ),
    ("heading", "Chương II. Tiếp nhận và trả lời"),
    (
        "paragraph",
        _p(
            "<b>Điều 3. Tiếp nhận câu hỏi.</b> Việc tiếp nhận được thực hiện 24/24 giờ; Ban biên",
            "tập phân loại và chuyển câu hỏi đến đơn vị có thẩm quyền trong ngày làm việc.",
        ),
    ),
    (
        "paragraph",
        _p(
            "<b>Điều 4. Thời hạn trả lời.</b> 05 ngày làm việc đối với câu hỏi thuộc thẩm quyền;",
            "08 ngày làm việc đối với câu hỏi cần phối hợp; trường hợp đặc biệt hẹn trả lời",
            "nhưng không quá 10 ngày làm việc, tính từ 08 giờ các ngày làm việc.",
        ),
    ),
    (
        "paragraph",
        _p(
            "<b>Điều 5. Công khai câu trả lời.</b> Câu trả lời được Ban biên tập duyệt trước khi",
            "đăng; thông tin cá nhân của người hỏi không được công khai.",
        ),
    ),
]

CLOSED_RESULT = _p(
    "Trong thời gian lấy ý kiến, Ủy ban nhân dân xã nhận được 3 ý kiến góp ý của người dân",
    "và 1 ý kiến của Hội Nông dân xã. Ban soạn thảo đã tiếp thu 3 ý kiến (bổ sung chỉ tiêu",
    "về tỷ lệ hồ sơ trực tuyến, lịch tập huấn kỹ năng số tại các thôn, điểm hỗ trợ dịch vụ",
    "công tại nhà văn hóa thôn) và giải trình 1 ý kiến chưa tiếp thu do vượt thẩm quyền",
    "của xã.",
) + _p("Kế hoạch đã được Chủ tịch Ủy ban nhân dân xã ký ban hành sau khi hoàn thiện.")

CLOSED_COMMENTS = [
    (
        "Ngân Văn Hòa",
        "",
        "Mục II.2",
        "Đề nghị bổ sung chỉ tiêu tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến.",
        "Tiếp thu: đã bổ sung chỉ tiêu 60% hồ sơ nộp trực tuyến vào Mục II.2.",
    ),
    (
        "Bùi Thị Mến",
        "",
        "Mục III.1",
        "Nên tổ chức tập huấn kỹ năng số cho người cao tuổi ngay tại các thôn.",
        "Tiếp thu: lịch tập huấn tại 12 thôn được bổ sung vào Mục III.1.",
    ),
    (
        "Lương Văn Cầu",
        "Hội Nông dân xã Như Xuân",
        "Mục III.3",
        "Đề nghị xã hỗ trợ kinh phí mua điện thoại thông minh cho hội viên.",
        "Giải trình: nội dung vượt thẩm quyền và dự toán ngân sách xã; xã sẽ kiến nghị tỉnh.",
    ),
]


def _field(name: str) -> Field:
    return Field.objects.get_or_create(name=name)[0]


def _library_page(number: str):
    """The live library page of a document number, or None (legal demo not loaded)."""
    try:
        model = apps.get_model("legal", "LegalDocumentPage")
    except LookupError:
        return None
    parsed = parse_number(number)
    key = parsed.search_key if parsed else number.lower()
    return model.objects.live().filter(number_key=key).first()


def _citations(items) -> list[tuple[str, dict]]:
    blocks = []
    for key, article in items:
        number, summary, issued, issuer = LAWS[key]
        page = _library_page(number)
        blocks.append(
            (
                "citation",
                {
                    "document": page,
                    "article": article,
                    "number_symbol": number,
                    "summary": summary,
                    "issue_date": issued,
                    "issuer": issuer,
                },
            )
        )
    return blocks


def _local(moment, hour: int, minute: int = 0):
    """``moment``'s day at ``hour``:``minute`` Vietnam time."""
    return timezone.localtime(moment).replace(hour=hour, minute=minute, second=0, microsecond=0)


def _email(name: str) -> str:
    from congthongtin.vietnam.fold import slugify

    return slugify(name).replace("-", ".") + "@example.com"


def _publish_answer(answer: Answer, when) -> None:
    """Live without going through the workflow (demo data only) and without e-mails."""
    answer.save()
    revision = answer.save_revision(log_action=False)
    answer.live = True
    answer.has_unpublished_changes = False
    answer.live_revision = revision
    answer.first_published_at = answer.last_published_at = when
    answer.save()


def load(context) -> None:
    now = timezone.now()
    commune, _ = Agency.objects.get_or_create(
        name=COMMUNE, defaults={"short_name": "UBND", "level": AgencyLevel.COMMUNE}
    )
    load_consultations(context, commune, now)
    load_questions(context, now)
    # Petitions, complaints and denunciations: their own module, the same life cycle.
    from congthongtin.nhuxuan_site.demo import citizen_requests

    citizen_requests.load(context)
    title, intro = context.sections.get("lien-he", ("Liên hệ", ""))
    ensure_child(
        context.home,
        ContactPage,
        "lien-he",
        title=title,
        intro=intro,
        show_in_menus=True,
        body=body_stream(
            [
                ("heading", "Thời gian làm việc"),
                (
                    "paragraph",
                    _p(
                        "Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ các ngày",
                        "làm việc. Trung tâm Phục vụ hành chính công xã tiếp nhận hồ sơ cả sáng",
                        "thứ Bảy.",
                    ),
                ),
            ]
        ),
        author_name="Ban biên tập",
    )


def load_consultations(context, commune, now) -> None:
    title, intro = context.sections.get("du-thao", ("Lấy ý kiến dự thảo", ""))
    index, _ = ensure_child(
        context.home, ConsultationIndexPage, "du-thao", title=title, intro=intro, show_in_menus=True
    )
    ensure_child(
        index,
        ConsultationPage,
        "du-thao-quy-che-hoi-dap",
        title="Dự thảo Quy chế tiếp nhận, trả lời câu hỏi của tổ chức, cá nhân trên Trang thông "
        "tin điện tử xã Như Xuân",
        summary=(
            "Quy chế quy định việc tiếp nhận, phân loại, chuyển và trả lời câu hỏi của tổ chức, "
            "cá nhân, thời hạn trả lời và việc công khai câu trả lời."
        ),
        drafting_agency=commune,
        opens_at=_local(now - dt.timedelta(days=5), 8),
        closes_at=_local(now + dt.timedelta(days=25), 17),
        body=body_stream(OPEN_DRAFT_BODY),
        agency_questions=[
            (
                "question",
                {
                    "question": "Thời hạn trả lời 05 ngày làm việc có phù hợp không?",
                    "article": "Điều 4",
                },
            ),
            (
                "question",
                {
                    "question": "Có nên công khai họ tên người hỏi nếu người hỏi đồng ý?",
                    "article": "Điều 5",
                },
            ),
        ],
        articles="\n".join(
            [
                "Điều 1. Phạm vi điều chỉnh",
                "Điều 2. Đối tượng áp dụng",
                "Điều 3. Tiếp nhận câu hỏi",
                "Điều 4. Thời hạn trả lời",
                "Điều 5. Công khai câu trả lời",
            ]
        ),
        receiving_address="Văn phòng HĐND và UBND xã, thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa",
        receiving_email="vanphong.nhuxuan@thanhhoa.gov.vn",
        author_name="Văn phòng HĐND và UBND xã",
    )
    closes = _local(now - dt.timedelta(days=45), 17)
    closed, _ = ensure_child(
        index,
        ConsultationPage,
        "du-thao-ke-hoach-chuyen-doi-so",
        title="Dự thảo Kế hoạch chuyển đổi số xã Như Xuân năm 2027",
        summary="Mục tiêu, nhiệm vụ và giải pháp chuyển đổi số của xã trong năm 2027.",
        drafting_agency=commune,
        opens_at=closes - dt.timedelta(days=30),
        closes_at=closes,
        body=body_stream(
            [
                ("heading", "I. Mục tiêu"),
                ("paragraph", _p("Nâng cao tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến.")),
                ("heading", "II. Nhiệm vụ"),
                ("paragraph", _p("Hoàn thiện hạ tầng số; phổ cập kỹ năng số cho người dân.")),
            ]
        ),
        result_summary=CLOSED_RESULT,
        author_name="Văn phòng HĐND và UBND xã",
    )
    if not closed.public_comments.exists():
        ConsultationComment.objects.bulk_create(
            # bulk_create: these comments arrived while the draft was open (the demo writes
            # history); every live path goes through ConsultationComment.save's deadline.
            ConsultationComment(
                page=closed,
                full_name=name,
                email=_email(name),
                organisation=organisation,
                article=article,
                text=text,
                response=response,
                status=ConsultationComment.Status.APPROVED,
                submitted_at=closes - dt.timedelta(days=20 - 5 * n),
                consent_at=closes - dt.timedelta(days=20 - 5 * n),
            )
            for n, (name, organisation, article, text, response) in enumerate(CLOSED_COMMENTS)
        )


def load_questions(context, now) -> None:
    title, intro = context.sections.get("hoi-dap", ("Hỏi đáp", ""))
    index, _ = ensure_child(
        context.home,
        QuestionIndexPage,
        "hoi-dap",
        title=title,
        intro=intro,
        rules=RULES,
        show_in_menus=True,
    )
    officials = context.officials
    officer = get_user_model().objects.filter(username="dvhai").first()
    for _key, field, unit_key, answerer_key, (
        asker,
        place,
    ), days, subject, body, answer_html, cites in ANSWERED:
        answered_at = now - dt.timedelta(days=days)
        received = answered_at - dt.timedelta(days=4)
        unit = officials[unit_key].unit
        question = Question.objects.filter(page=index, title=subject).first()
        if question is not None and hasattr(question, "answer"):
            continue
        if question is None:
            question = lifecycle.receive(
                Question(
                    page=index,
                    title=subject,
                    field=_field(field),
                    body=body,
                    full_name=asker,
                    nationality="Việt Nam",
                    occupation="Nông dân",
                    address=f"{place}, xã Như Xuân, tỉnh Thanh Hóa",
                    email=_email(asker),
                    public_place=f"{place}, xã Như Xuân",
                    received_at=received,
                    consent_at=received,
                ),
                at=received,
                notify=False,
            )
        if question.state == QuestionState.RECEIVED:
            lifecycle.assign(
                question,
                actor=None,
                unit=unit,
                deadline_class=DeadlineClass.OWN,
                at=received + dt.timedelta(hours=2),
                notify=False,
            )
        answerer = officials[answerer_key]
        _publish_answer(
            Answer(
                question=question,
                body=answer_html,
                citations=_citations(cites),
                author_name=answerer.full_name,
                author_position=answerer.position,
            ),
            answered_at,
        )
        lifecycle.answer(question, at=answered_at, notify=False)

    for field, unit_key, (asker, place), days, subject, body, state, klass in PENDING:
        received = _local(now - dt.timedelta(days=days), 9, 15)
        if state == QuestionState.ASSIGNED and days > 7:
            # Keep the demo's overdue question overdue whatever the day the loader runs.
            while due_at(received, klass) >= now:
                received -= dt.timedelta(days=1)
        unit = officials[unit_key].unit if unit_key else None
        if Question.objects.filter(page=index, title=subject).exists():
            continue
        question = lifecycle.receive(
            Question(
                page=index,
                title=subject,
                field=_field(field),
                body=body,
                full_name=asker,
                nationality="Việt Nam",
                occupation="Nông dân",
                address=f"{place}, xã Như Xuân, tỉnh Thanh Hóa",
                email=_email(asker),
                received_at=min(received, now),
                consent_at=min(received, now),
            ),
            at=min(received, now),
            notify=False,
        )
        if state == QuestionState.ASSIGNED and unit is not None:
            lifecycle.assign(
                question,
                actor=None,
                unit=unit,
                officer=officer,
                deadline_class=klass,
                at=received + dt.timedelta(hours=1),
                notify=False,
            )
