"""Demo content of the news app for the Như Xuân commune portal.

News, expert articles, notices, the leaders' weekly work schedule and the citizen-reception
schedule, conferences with their materials, socio-economic reports and useful links. Names,
figures and events are invented for demonstration; dates are relative to the day the loader
runs, so the current week's schedule and the "current" notices are never empty.

Idempotent: pages are found by slug under their parent, images and documents by title,
schedule entries by (page, date, start time, content).
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from congthongtin.core.models import Field
from congthongtin.nhuxuan_site.demo.builder import body_stream, ensure_child, ensure_image

DOMAIN = "thanhhoa.gov.vn"
PORTAL_HOST = "nhuxuan.thanhhoa.gov.vn"
EDITORS = "Ban biên tập Trang thông tin điện tử xã"


def _p(*parts: str) -> str:
    return "<p>" + " ".join(parts) + "</p>"


# ---------------------------------------------------------------------------------------------
# Generated files: illustrations (Pillow) and documents (python-docx)
# ---------------------------------------------------------------------------------------------

#: (sky, hills, ground, accent) colours of the illustrations.
PALETTES = {
    "hoi-nghi": ((214, 228, 242), (150, 28, 36), (236, 230, 214), (255, 214, 92)),
    "dong-ruong": ((206, 232, 247), (94, 150, 84), (176, 208, 108), (250, 200, 60)),
    "rung-keo": ((220, 236, 246), (54, 110, 70), (120, 168, 96), (240, 240, 240)),
    "nha-van-hoa": ((250, 232, 208), (128, 96, 72), (206, 186, 150), (190, 40, 40)),
    "duong-giao-thong": ((214, 232, 248), (110, 138, 100), (160, 160, 160), (255, 255, 255)),
    "le-hoi": ((255, 236, 214), (170, 60, 50), (236, 204, 150), (40, 110, 170)),
    "truong-hoc": ((222, 238, 250), (70, 120, 170), (208, 220, 180), (250, 220, 90)),
}


def draw_illustration(motif: str) -> bytes:
    """A simple 1200×750 PNG: sky, two hills, the ground and a motif. No text on the image:
    the text alternative says what it shows."""
    from PIL import Image, ImageDraw

    sky, hills, ground, accent = PALETTES[motif]
    width, height = 1200, 750
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((920, 70, 1040, 190), fill=(255, 226, 120))
    draw.polygon([(0, 430), (260, 230), (560, 430)], fill=hills)
    darker = tuple(max(0, c - 30) for c in hills)
    draw.polygon([(380, 450), (760, 190), (1200, 450)], fill=darker)
    draw.rectangle((0, 440, width, height), fill=ground)
    if motif in ("dong-ruong", "rung-keo"):
        for row in range(8):
            y = 470 + row * 34
            draw.line((0, y, width, y + 20), fill=tuple(max(0, c - 40) for c in ground), width=6)
        if motif == "rung-keo":
            for x in range(40, width, 90):
                draw.rectangle((x + 18, 420, x + 26, 470), fill=(90, 60, 40))
                draw.ellipse((x, 350, x + 46, 430), fill=hills)
    elif motif == "duong-giao-thong":
        draw.polygon([(520, 750), (680, 750), (610, 440), (590, 440)], fill=(90, 90, 90))
        for y in range(460, 750, 50):
            draw.line((600, y, 600, y + 22), fill=accent, width=4)
    else:
        # A building with a red roof and a flag: the commune hall, a school, a cultural house.
        draw.rectangle((420, 360, 780, 600), fill=(246, 242, 232), outline=(90, 80, 70), width=3)
        draw.polygon([(400, 365), (600, 250), (800, 365)], fill=(170, 50, 40))
        for x in (460, 560, 660):
            draw.rectangle((x, 420, x + 60, 500), fill=(120, 160, 200))
        draw.rectangle((570, 520, 630, 600), fill=(110, 80, 60))
        draw.line((860, 600, 860, 300), fill=(80, 80, 80), width=6)
        draw.rectangle((862, 300, 962, 360), fill=(218, 37, 29))
        draw.regular_polygon((912, 330, 16), 5, rotation=180, fill=(255, 222, 0))
        if motif in ("hoi-nghi", "le-hoi"):
            for x in range(140, 1100, 70):
                draw.ellipse((x, 640, x + 36, 676), fill=accent)
                draw.rectangle((x + 4, 676, x + 32, 730), fill=accent)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def illustration(title: str, motif: str):
    return ensure_image(title, lambda: draw_illustration(motif))


def make_docx(title: str, paragraphs: list[str]) -> bytes:
    from docx import Document as DocxDocument

    document = DocxDocument()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ensure_document(title: str, filename: str, paragraphs: list[str]):
    """A Wagtail document with ``title``; the .docx file is made only when missing."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file = ContentFile(make_docx(title, paragraphs), name=filename)
        document._set_document_file_metadata()
        document.save()
    return document


def _publish_dates(page, when: dt.datetime) -> None:
    """Back-date a demo item: listings and months then look like a portal in use."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def _local(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _field(slug: str):
    return Field.objects.filter(slug=slug).first()


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def load(context) -> None:
    today = timezone.localdate()
    load_news(context, today)
    load_articles(context)
    notices = load_notices(context, today)
    load_schedules(context, notices, today)
    load_conferences(context, today)
    load_socioeconomic(context, today)
    load_links(context)
    if context.stdout:
        context.stdout.write("  news: news, articles, notices, schedules, conferences, reports")


def section(context, model, slug: str):
    """The section's index page under the home page, titled as ``content.SECTIONS`` says."""
    title, intro = context.sections.get(slug, (slug, ""))
    page, _ = ensure_child(context.home, model, slug, title=title, intro=intro, show_in_menus=True)
    return page


# ---------------------------------------------------------------------------------------------
# News (R-NEWS-1)
# ---------------------------------------------------------------------------------------------

NEWS = [
    {
        "slug": "hoi-nghi-ban-chap-hanh-dang-bo-xa-lan-thu-8",
        "category": "chinh-tri",
        "days_ago": 1,
        "featured": True,
        "title": "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 8, nhiệm kỳ 2025–2030",
        "summary": (
            "Ban Chấp hành Đảng bộ xã Như Xuân họp đánh giá kết quả thực hiện nhiệm vụ chính trị"
            " 10 tháng năm 2026 và bàn giải pháp hoàn thành các chỉ tiêu cả năm."
        ),
        "image": ("Hội nghị Ban Chấp hành Đảng bộ xã (ảnh minh họa)", "hoi-nghi"),
        "alt": "Hình minh họa trụ sở xã với lá cờ đỏ sao vàng và hàng đại biểu phía trước",
        "caption": "Quang cảnh hội nghị tại hội trường Ủy ban nhân dân xã.",
        "credit": "Lê Văn Cường",
        "author": "Lê Văn Cường",
        "body": [
            (
                "paragraph",
                _p(
                    "Sáng nay, Ban Chấp hành Đảng bộ xã Như Xuân tổ chức Hội nghị lần thứ 8, nhiệm",
                    "kỳ 2025–2030. Đồng chí Đinh Văn Khánh, Bí thư Đảng ủy, Chủ tịch Hội đồng nhân",
                    "dân xã chủ trì hội nghị.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Trong 10 tháng, tổng giá trị sản xuất trên địa bàn ước đạt 92% kế hoạch năm;",
                    "thu ngân sách trên địa bàn đạt 87% dự toán; tỷ lệ hộ nghèo giảm 1,2 điểm",
                    "phần trăm so với cuối năm 2025. Công tác xây dựng Đảng, chính quyền được",
                    "chú trọng;",
                    "quốc phòng, an ninh được giữ vững.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Hội nghị thống nhất tập trung chỉ đạo thu hoạch mía, trồng rừng vụ thu, đẩy",
                    "nhanh tiến độ các công trình đầu tư công và chuẩn bị tốt các điều kiện tổ",
                    "chức Tết Nguyên đán.",
                ),
            ),
        ],
        "event_days_ago": 1,
        "event_time": dt.time(8, 0),
    },
    {
        "slug": "thu-hoach-mia-nguyen-lieu-vu-2026-2027",
        "category": "kinh-te",
        "days_ago": 3,
        "featured": True,
        "title": "Nông dân Như Xuân bước vào vụ thu hoạch mía nguyên liệu 2026–2027",
        "summary": (
            "Toàn xã có 420 ha mía nguyên liệu, năng suất bình quân ước đạt 68 tấn/ha; Ủy ban"
            " nhân dân xã phối hợp với nhà máy đường lập kế hoạch thu hoạch theo từng thôn."
        ),
        "image": ("Vùng mía nguyên liệu thôn Tân Sơn (ảnh minh họa)", "dong-ruong"),
        "alt": "Hình minh họa cánh đồng xanh dưới chân đồi, trời nắng",
        "caption": "Vùng mía nguyên liệu thôn Tân Sơn.",
        "credit": "Phạm Thị Dung",
        "author": "Phạm Thị Dung",
        "body": [
            (
                "paragraph",
                _p(
                    "Vụ mía 2026–2027, toàn xã có 420 ha mía nguyên liệu, tập trung ở các thôn",
                    "Tân Sơn, Đồng Lườn và Thanh Bình. Nhờ thời tiết thuận lợi và áp dụng giống",
                    "mới, năng suất bình quân ước đạt 68 tấn/ha, tăng 5 tấn/ha so với vụ trước.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Ủy ban nhân dân xã đã chỉ đạo các thôn rà soát diện tích, thống nhất lịch",
                    "thu hoạch với nhà máy; đề nghị người dân không đốt lá mía sau thu hoạch để",
                    "phòng cháy rừng và bảo vệ môi trường.",
                ),
            ),
        ],
        "event_days_ago": 3,
        "event_time": dt.time(7, 30),
    },
    {
        "slug": "ngay-hoi-dai-doan-ket-toan-dan-toc-ban-khe-rong",
        "category": "van-hoa-xa-hoi",
        "days_ago": 6,
        "featured": True,
        "title": "Ngày hội Đại đoàn kết toàn dân tộc tại Bản Khe Rồng",
        "summary": (
            "Nhân dân Bản Khe Rồng tổ chức Ngày hội Đại đoàn kết toàn dân tộc với các hoạt động"
            " văn nghệ, thể thao và trò chơi dân gian của đồng bào Thái."
        ),
        "image": ("Ngày hội Đại đoàn kết tại Bản Khe Rồng (ảnh minh họa)", "le-hoi"),
        "alt": "Hình minh họa nhà văn hóa bản có cờ Tổ quốc, đông người dự lễ phía trước",
        "caption": "Nhân dân Bản Khe Rồng dự Ngày hội.",
        "credit": "Phạm Thị Dung",
        "author": "Phạm Thị Dung",
        "gallery": [
            (
                "Múa xòe tại Ngày hội (ảnh minh họa)",
                "le-hoi",
                "Đội văn nghệ bản biểu diễn múa xòe.",
            ),
            (
                "Nhà văn hóa Bản Khe Rồng (ảnh minh họa)",
                "nha-van-hoa",
                "Nhà văn hóa bản, nơi tổ chức Ngày hội.",
            ),
        ],
        "body": [
            (
                "paragraph",
                _p(
                    "Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc (18/11), Ban công tác Mặt trận",
                    "Bản Khe Rồng tổ chức ngày hội với sự tham gia của đông đảo nhân dân. Phần lễ",
                    "ôn lại truyền thống 96 năm Ngày thành lập Mặt trận Dân tộc Thống nhất",
                    "Việt Nam;",
                    "biểu dương 12 hộ gia đình tiêu biểu trong phong trào xây dựng nông thôn mới.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Phần hội có các tiết mục múa xòe, hát khắp, thi ném còn, kéo co và ẩm thực",
                    "truyền thống của đồng bào Thái.",
                ),
            ),
        ],
        "event_days_ago": 6,
        "event_time": dt.time(8, 0),
    },
    {
        "slug": "dien-tap-phong-thu-dan-su-nam-2026",
        "category": "quoc-phong-an-ninh",
        "days_ago": 9,
        "title": "Diễn tập phòng thủ dân sự ứng phó thiên tai, tìm kiếm cứu nạn năm 2026",
        "summary": (
            "Ban Chỉ huy Quân sự xã chủ trì diễn tập ứng phó lũ quét, sạt lở đất tại thôn"
            " Đồng Lườn với sự tham gia của 150 cán bộ, chiến sĩ và nhân dân."
        ),
        "image": ("Diễn tập phòng thủ dân sự (ảnh minh họa)", "duong-giao-thong"),
        "alt": "Hình minh họa con đường dẫn vào vùng đồi núi",
        "caption": "Lực lượng tham gia diễn tập di chuyển đến khu vực giả định sạt lở.",
        "credit": "Ban Chỉ huy Quân sự xã",
        "author": "Vi Văn Hùng",
        "body": [
            (
                "paragraph",
                _p(
                    "Cuộc diễn tập giả định mưa lớn kéo dài gây lũ quét, sạt lở đất làm chia cắt",
                    "đường vào thôn Đồng Lườn. Các lực lượng dân quân, công an, y tế và đoàn thanh",
                    "niên đã tổ chức sơ tán 25 hộ dân, cứu hộ người bị nạn và bảo đảm hậu cần.",
                ),
            ),
        ],
        "event_days_ago": 10,
        "event_time": dt.time(7, 0),
    },
    {
        "slug": "ra-mat-mo-hinh-nha-sach-vuon-dep",
        "image": ("Mô hình “Nhà sạch, vườn đẹp” thôn Hợp Thành (ảnh minh họa)", "nha-van-hoa"),
        "alt": "Hình minh họa ngôi nhà mái đỏ giữa vườn cây",
        "caption": "Một gia đình hội viên tham gia mô hình.",
        "credit": "Hà Thị Lan",
        "category": "dang-doan-the",
        "days_ago": 12,
        "title": "Hội Liên hiệp Phụ nữ xã ra mắt mô hình “Nhà sạch, vườn đẹp”",
        "summary": (
            "Hội Liên hiệp Phụ nữ xã ra mắt mô hình “Nhà sạch, vườn đẹp” tại thôn Hợp Thành với"
            " 45 hội viên đăng ký tham gia."
        ),
        "author": "Hà Thị Lan",
        "body": [
            (
                "paragraph",
                _p(
                    "Mô hình hướng tới mỗi hộ gia đình giữ nhà ở sạch sẽ, vườn tược gọn gàng, phân",
                    "loại rác tại nguồn, góp phần xây dựng nông thôn mới nâng cao.",
                ),
            ),
        ],
        "event_days_ago": 12,
    },
    {
        "slug": "cuu-chien-binh-hien-dat-lam-duong",
        "category": "nguoi-tot-viec-tot",
        "days_ago": 15,
        "title": "Cựu chiến binh Lò Văn Pản hiến 600 m² đất làm đường liên thôn",
        "summary": (
            "Ông Lò Văn Pản, Bản Na Hiếu, tự nguyện hiến 600 m² đất vườn để mở rộng đường liên"
            " thôn, được nhân dân trong bản đồng tình, hưởng ứng."
        ),
        "image": ("Đường liên thôn Bản Na Hiếu (ảnh minh họa)", "duong-giao-thong"),
        "alt": "Hình minh họa con đường bê tông dẫn vào bản",
        "caption": "Đoạn đường liên thôn được mở rộng.",
        "credit": "Phạm Thị Dung",
        "author": "Phạm Thị Dung",
        "body": [
            (
                "paragraph",
                _p(
                    "Tiếp nối ông, 9 hộ gia đình khác trong bản đã hiến tổng cộng hơn 1.800 m² đất",
                    "và tháo dỡ tường rào, giúp tuyến đường được mở rộng lên 5 m.",
                ),
            ),
        ],
        "event_days_ago": 16,
    },
    {
        "slug": "tiem-chung-mo-rong-thang-11",
        "image": ("Trạm Y tế xã Như Xuân (ảnh minh họa)", "truong-hoc"),
        "alt": "Hình minh họa tòa nhà Trạm Y tế xã có cờ Tổ quốc",
        "caption": "Trạm Y tế xã, nơi tổ chức tiêm chủng.",
        "credit": "Lò Thị Hương",
        "category": "van-hoa-xa-hoi",
        "days_ago": 19,
        "title": "Trạm Y tế xã tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi",
        "summary": (
            "Trong hai ngày, Trạm Y tế xã đã tiêm chủng cho 236 trẻ em dưới 5 tuổi, đạt 97% số"
            " trẻ trong diện tiêm."
        ),
        "author": "Lò Thị Hương",
        "body": [
            (
                "paragraph",
                _p(
                    "Các thôn, bản đã thông báo lịch tiêm qua loa truyền thanh và nhóm Zalo của",
                    "thôn; trẻ chưa tiêm được hẹn lại vào đợt tiếp theo.",
                ),
            ),
        ],
        "event_days_ago": 20,
    },
    {
        "slug": "trong-rung-vu-thu-2026",
        "category": "kinh-te",
        "days_ago": 24,
        "title": "Hoàn thành trồng 85 ha rừng keo vụ thu năm 2026",
        "summary": (
            "Người dân các thôn Tân Sơn, Bản Bù Đồn trồng mới 85 ha rừng sản xuất bằng giống keo"
            " lai mô, vượt 6% kế hoạch."
        ),
        "image": ("Rừng keo trồng mới thôn Tân Sơn (ảnh minh họa)", "rung-keo"),
        "alt": "Hình minh họa đồi trồng keo non xếp hàng đều",
        "caption": "Diện tích keo mới trồng tại thôn Tân Sơn.",
        "credit": "Đỗ Văn Hải",
        "author": "Đỗ Văn Hải",
        "body": [
            (
                "paragraph",
                _p(
                    "Ủy ban nhân dân xã khuyến khích người dân chuyển sang trồng rừng gỗ lớn, kéo",
                    "dài chu kỳ khai thác để nâng cao giá trị và tham gia cấp chứng chỉ rừng.",
                ),
            ),
        ],
        "event_days_ago": 25,
    },
    {
        "slug": "khai-giang-lop-day-nghe-det-tho-cam",
        "image": ("Lớp dạy nghề dệt thổ cẩm Bản Na Hiếu (ảnh minh họa)", "nha-van-hoa"),
        "alt": "Hình minh họa nhà văn hóa bản, nơi mở lớp dạy nghề",
        "caption": "Nhà văn hóa Bản Na Hiếu, nơi mở lớp học.",
        "credit": "Cầm Văn Toàn",
        "category": "van-hoa-xa-hoi",
        "days_ago": 31,
        "title": "Khai giảng lớp dạy nghề dệt thổ cẩm cho phụ nữ Bản Na Hiếu",
        "summary": (
            "Lớp học kéo dài 3 tháng với 30 học viên, do nghệ nhân trong bản trực tiếp hướng dẫn."
        ),
        "author": "Cầm Văn Toàn",
        "body": [
            (
                "paragraph",
                _p(
                    "Lớp dạy nghề thuộc kế hoạch đào tạo nghề cho lao động nông thôn năm 2026,",
                    "giúp chị em có thêm việc làm và giữ gìn nghề truyền thống của đồng bào Thái.",
                ),
            ),
        ],
        "event_days_ago": 31,
    },
    {
        "slug": "cong-an-xa-ra-quan-bao-dam-trat-tu-an-toan-giao-thong",
        "image": ("Tuyến đường trung tâm xã (ảnh minh họa)", "duong-giao-thong"),
        "alt": "Hình minh họa con đường dẫn vào trung tâm xã",
        "caption": "Tuyến đường trung tâm xã.",
        "credit": "Công an xã",
        "category": "quoc-phong-an-ninh",
        "days_ago": 38,
        "title": "Công an xã ra quân bảo đảm trật tự an toàn giao thông cuối năm",
        "summary": (
            "Công an xã phối hợp các thôn tuyên truyền, kiểm tra, nhắc nhở người điều khiển xe"
            " mô tô không đội mũ bảo hiểm, chở hàng cồng kềnh."
        ),
        "author": "Phạm Minh Tiến",
        "body": [
            (
                "paragraph",
                _p(
                    "Đợt cao điểm kéo dài đến hết Tết Nguyên đán; Công an xã đề nghị phụ huynh",
                    "không giao xe cho học sinh chưa đủ tuổi điều khiển.",
                ),
            ),
        ],
        "event_days_ago": 38,
    },
]


def load_news(context, today: dt.date) -> None:
    from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage

    index = section(context, NewsIndexPage, "tin-tuc")
    categories = {category.slug: category for category in NewsCategory.objects.all()}
    created_pages = {}
    for data in NEWS:
        image = illustration(*data["image"]) if data.get("image") else None
        gallery = [
            (
                "image",
                {
                    "image": illustration(title, motif),
                    "alt_text": caption,
                    "caption": caption,
                    "credit": "Phạm Thị Dung",
                },
            )
            for title, motif, caption in data.get("gallery", [])
        ]
        page, created = ensure_child(
            index,
            NewsPage,
            data["slug"],
            title=data["title"],
            category=categories[data["category"]],
            summary=data["summary"],
            lead_image=image,
            lead_image_alt=data.get("alt", ""),
            lead_image_caption=data.get("caption", ""),
            lead_image_credit=data.get("credit", ""),
            body=body_stream(data["body"]),
            gallery=gallery,
            event_date=today - dt.timedelta(days=data["event_days_ago"]),
            event_time=data.get("event_time"),
            featured=data.get("featured", False),
            author_name=data["author"],
            author_address=EDITORS,
        )
        if created:
            _publish_dates(page, _local(today - dt.timedelta(days=data["days_ago"]), 15, 30))
        created_pages[data["slug"]] = (page, created)
    # Related items: the harvest news points to the afforestation news and back.
    harvest, harvest_new = created_pages["thu-hoach-mia-nguyen-lieu-vu-2026-2027"]
    forest, _ = created_pages["trong-rung-vu-thu-2026"]
    if harvest_new:
        harvest.related_pages = [("page", forest)]
        harvest.save_revision().publish()
        _publish_dates(harvest, _local(today - dt.timedelta(days=3), 15, 30))


# ---------------------------------------------------------------------------------------------
# Expert articles (R-NEWS-2)
# ---------------------------------------------------------------------------------------------

ARTICLES = [
    {
        "slug": "nang-cao-gia-tri-rung-trong-tai-nhu-xuan",
        "title": "Nâng cao giá trị rừng trồng: từ rừng keo gỗ nhỏ đến rừng gỗ lớn có chứng chỉ",
        "author": ("Lê Đình Tuấn", "Trưởng phòng Kinh tế", "Ủy ban nhân dân xã Như Xuân"),
        "field": "nong-nghiep-va-moi-truong",
        "days_ago": 5,
        "summary": (
            "Phân tích hiệu quả kinh tế của việc kéo dài chu kỳ khai thác rừng keo từ 5 lên"
            " 8–10 năm và đề xuất lộ trình cho các hộ trồng rừng trên địa bàn xã."
        ),
        "body": [
            ("heading", "Thực trạng"),
            (
                "paragraph",
                _p(
                    "Diện tích rừng trồng sản xuất của xã khoảng 3.200 ha, chủ yếu là keo khai",
                    "thác ở tuổi 5–6 để bán gỗ dăm. Giá trị bình quân đạt 70–80 triệu đồng/ha/chu",
                    "kỳ, thấp hơn nhiều so với gỗ xẻ.",
                ),
            ),
            ("heading", "Đề xuất"),
            (
                "paragraph",
                _p(
                    "Khuyến khích các hộ liền vùng liên kết thành tổ hợp tác, kéo dài chu kỳ lên",
                    "8–10 năm, tỉa thưa đúng kỹ thuật và tham gia cấp chứng chỉ quản lý rừng bền",
                    "vững để bán gỗ lớn với giá cao hơn 30–40%.",
                ),
            ),
        ],
    },
    {
        "slug": "cai-cach-hanh-chinh-cap-xa-sau-sap-nhap",
        "title": (
            "Cải cách thủ tục hành chính ở cấp xã sau khi tổ chức chính quyền địa phương hai cấp"
        ),
        "author": (
            "Bùi Thị Ngọc",
            "Phó Giám đốc Trung tâm Phục vụ hành chính công xã",
            "Ủy ban nhân dân xã Như Xuân",
        ),
        "field": "noi-vu",
        "days_ago": 17,
        "summary": (
            "Những kết quả bước đầu và khó khăn của Trung tâm Phục vụ hành chính công xã trong"
            " việc tiếp nhận, giải quyết thủ tục hành chính trực tuyến toàn trình."
        ),
        "body": [
            (
                "paragraph",
                _p(
                    "Từ ngày 01/7/2025, cấp xã tiếp nhận thêm nhiều thủ tục hành chính trước đây",
                    "thuộc thẩm quyền cấp huyện. Tỷ lệ hồ sơ nộp trực tuyến tại xã tăng từ 35% lên",
                    "62% sau một năm; tỷ lệ giải quyết đúng hạn đạt 98,6%.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Khó khăn lớn nhất là kỹ năng số của người dân vùng cao. Tổ công nghệ số cộng",
                    "đồng ở các thôn, bản cần được duy trì để hướng dẫn người dân tại chỗ.",
                ),
            ),
        ],
    },
    {
        "slug": "lam-nghiep-cong-dong-va-sinh-ke-vung-cao-ban-dich",
        "title": "Lâm nghiệp cộng đồng và sinh kế vùng cao Đông Nam Á (bản dịch trích)",
        "author": ("Hoàng Văn Em", "Công chức Tư pháp – Hộ tịch", "Ủy ban nhân dân xã Như Xuân"),
        "field": "nong-nghiep-va-moi-truong",
        "days_ago": 28,
        "translated": {
            "original_title": "Community Forestry and Upland Livelihoods in Southeast Asia",
            "original_author": "Maria Santos, Kenji Watanabe",
            "original_publisher": "Journal of Upland Development Studies, số 14(2)",
            "original_year": 2024,
            "original_url": "https://example.org/jids/2024/14-2/community-forestry",
            "original_language": "Tiếng Anh",
        },
        "summary": (
            "Trích dịch phần kết luận của một nghiên cứu so sánh các mô hình giao rừng cho cộng"
            " đồng ở vùng cao Đông Nam Á, tham khảo cho công tác giao rừng tại địa phương."
        ),
        "body": [
            (
                "paragraph",
                _p(
                    "Nghiên cứu cho thấy các cộng đồng được giao quyền quản lý rừng rõ ràng,",
                    "có quy ước bảo vệ rừng do chính cộng đồng xây dựng, đạt tỷ lệ che phủ ổn",
                    "định hơn và",
                    "thu nhập từ lâm sản ngoài gỗ cao hơn so với nơi chỉ nhận khoán bảo vệ.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Các tác giả khuyến nghị kết hợp giao rừng với hỗ trợ kỹ thuật, tiếp cận thị",
                    "trường và chi trả dịch vụ môi trường rừng minh bạch.",
                ),
            ),
        ],
    },
]


def load_articles(context) -> None:
    from congthongtin.news.models import ArticleIndexPage, ArticlePage

    index = section(context, ArticleIndexPage, "bai-viet")
    today = timezone.localdate()
    for data in ARTICLES:
        name, position, unit = data["author"]
        fields = {
            "title": data["title"],
            "author_name": name,
            "author_position": position,
            "author_unit": unit,
            "author_address": unit,
            "field": _field(data["field"]),
            "summary": data["summary"],
            "body": body_stream(data["body"]),
        }
        if data.get("translated"):
            fields.update(data["translated"], origin="translated")
        page, created = ensure_child(index, ArticlePage, data["slug"], **fields)
        if created:
            _publish_dates(page, _local(today - dt.timedelta(days=data["days_ago"]), 9, 0))


# ---------------------------------------------------------------------------------------------
# Notices and schedules (R-ANN-1)
# ---------------------------------------------------------------------------------------------


def load_notices(context, today: dt.date):
    from congthongtin.news.models import NoticeIndexPage, NoticePage

    index = section(context, NoticeIndexPage, "thong-bao")
    year = today.year
    notices = [
        {
            "slug": "dau-gia-quyen-su-dung-dat-thon-xuan-thinh",
            "kind": "dau-gia",
            "title": "Thông báo đấu giá quyền sử dụng đất 12 lô đất ở tại thôn Xuân Thịnh",
            "summary": (
                "Ủy ban nhân dân xã thông báo đấu giá quyền sử dụng đất 12 lô đất ở tại khu dân"
                " cư mới thôn Xuân Thịnh; diện tích từ 150 đến 200 m²/lô."
            ),
            "from": today - dt.timedelta(days=4),
            "until": today + dt.timedelta(days=20),
            "body": [
                ("heading", "Tài sản đấu giá"),
                (
                    "paragraph",
                    _p(
                        "12 lô đất ở tại khu dân cư mới thôn Xuân Thịnh; giá khởi điểm từ",
                        "1.250.000.000 đồng đến 1.680.000.000 đồng/lô; tiền đặt trước 20% giá",
                        "khởi điểm.",
                    ),
                ),
                ("heading", "Thời gian, địa điểm"),
                (
                    "paragraph",
                    _p(
                        "Bán hồ sơ và tiếp nhận hồ sơ tham gia đấu giá trong giờ hành chính tại",
                        "Trung tâm Phục vụ hành chính công xã; xem tài sản tại thực địa theo lịch",
                        "của tổ chức đấu giá.",
                    ),
                ),
            ],
        },
        {
            "slug": f"tuyen-dung-vien-chuc-tram-y-te-{year}",
            "kind": "tuyen-dung",
            "title": f"Thông báo tuyển dụng viên chức Trạm Y tế xã năm {year}",
            "summary": (
                "Tuyển 02 viên chức: 01 bác sĩ đa khoa, 01 điều dưỡng hạng IV làm việc tại Trạm"
                " Y tế xã Như Xuân."
            ),
            "from": today - dt.timedelta(days=10),
            "until": today + dt.timedelta(days=5),
            "body": [
                (
                    "paragraph",
                    _p(
                        "Người đăng ký dự tuyển nộp Phiếu đăng ký dự tuyển tại Văn phòng HĐND và",
                        "UBND xã hoặc gửi qua đường bưu chính trong thời hạn 30 ngày kể từ ngày",
                        "thông báo.",
                    ),
                ),
            ],
        },
        {
            "slug": f"tuyen-sinh-lop-1-nam-hoc-{year}-{year + 1}",
            "kind": "tuyen-sinh",
            "title": f"Kế hoạch tuyển sinh vào lớp 1 năm học {year}–{year + 1}",
            "summary": (
                "Trường Tiểu học Như Xuân thông báo kế hoạch tuyển sinh lớp 1 theo tuyến cư trú;"
                " hồ sơ nộp trực tuyến hoặc trực tiếp tại trường."
            ),
            "from": today - dt.timedelta(days=150),
            "until": today - dt.timedelta(days=100),
            "body": [
                (
                    "paragraph",
                    _p(
                        "Tuyển sinh trẻ sinh năm",
                        str(year - 6),
                        "cư trú trên địa bàn các thôn Xuân Thịnh, Đồng Tâm, Hợp Thành, Thanh Bình.",
                    ),
                ),
            ],
        },
        {
            "slug": "ky-hop-thu-11-hdnd-xa-khoa-i",
            "kind": "hop",
            "title": "Thông báo triệu tập Kỳ họp thứ 11, Hội đồng nhân dân xã khóa I",
            "summary": (
                "Kỳ họp thường lệ cuối năm xem xét báo cáo tình hình kinh tế – xã hội, dự toán"
                " ngân sách và kế hoạch đầu tư công năm sau."
            ),
            "from": today,
            "until": today + dt.timedelta(days=25),
            "body": [
                (
                    "paragraph",
                    _p(
                        "Kỳ họp dự kiến diễn ra trong 01 ngày tại hội trường Ủy ban nhân dân xã.",
                        "Cử tri theo dõi kỳ họp qua hệ thống truyền thanh của xã.",
                    ),
                ),
            ],
        },
    ]
    for data in notices:
        page, created = ensure_child(
            index,
            NoticePage,
            data["slug"],
            title=data["title"],
            kind=data["kind"],
            summary=data["summary"],
            body=body_stream(data["body"]),
            valid_from=data["from"],
            valid_until=data["until"],
            author_name="Nguyễn Thị Hoa",
            author_address="Văn phòng HĐND và UBND xã",
        )
        if created:
            _publish_dates(page, _local(data["from"], 10, 0))
    return index


#: The leaders' week: (weekday 0 = Monday, start, end, official key, content, place,
#: participants).
LEADERS_WEEK = [
    (
        0,
        dt.time(7, 30),
        dt.time(9, 0),
        "annv",
        "Giao ban lãnh đạo Ủy ban nhân dân xã đầu tuần",
        "Phòng họp tầng 2, trụ sở UBND xã",
        "Các Phó Chủ tịch UBND xã; Chánh Văn phòng HĐND và UBND xã; trưởng các phòng",
    ),
    (
        0,
        dt.time(14, 0),
        dt.time(17, 0),
        "binhtt",
        "Kiểm tra tiến độ thu hoạch mía tại thôn Tân Sơn",
        "Thôn Tân Sơn",
        "Phòng Kinh tế; Trưởng thôn Tân Sơn",
    ),
    (
        1,
        dt.time(8, 0),
        dt.time(11, 30),
        "khanhdv",
        "Dự hội nghị sơ kết công tác xây dựng Đảng của Đảng ủy xã",
        "Hội trường Ủy ban nhân dân xã",
        "Bí thư các chi bộ thôn, bản",
    ),
    (
        1,
        dt.time(14, 0),
        None,
        "thanglv",
        "Làm việc với Trung tâm Phục vụ hành chính công xã về kết quả giải quyết hồ sơ trực tuyến",
        "Trung tâm Phục vụ hành chính công xã",
        "Viên chức Trung tâm; công chức Văn phòng – Thống kê",
    ),
    (
        2,
        dt.time(7, 30),
        dt.time(11, 30),
        "annv",
        "Kiểm tra hiện trường công trình đường giao thông liên thôn Tân Sơn – Bản Bù Đồn",
        "Thôn Tân Sơn, Bản Bù Đồn",
        "Phòng Kinh tế; công chức Địa chính – Xây dựng; đơn vị tư vấn",
    ),
    (
        2,
        dt.time(14, 0),
        dt.time(16, 30),
        "lanht",
        "Giám sát việc giải quyết kiến nghị cử tri về nước sinh hoạt tại Bản Khe Rồng",
        "Bản Khe Rồng",
        "Ban Kinh tế – Xã hội HĐND xã",
    ),
    (
        3,
        dt.time(14, 0),
        dt.time(17, 0),
        "binhtt",
        "Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn xã",
        "Phòng họp tầng 2, trụ sở UBND xã",
        "Thành viên Ban Chỉ đạo; Ban Chỉ huy Quân sự xã; Công an xã",
    ),
    (
        4,
        dt.time(8, 0),
        dt.time(11, 0),
        "annv",
        "Họp Ủy ban nhân dân xã thường kỳ tháng",
        "Phòng họp tầng 2, trụ sở UBND xã",
        "Thành viên UBND xã; mời Thường trực HĐND xã, Ủy ban MTTQ Việt Nam xã",
    ),
    (
        4,
        dt.time(14, 0),
        None,
        "thanglv",
        "Làm việc tại cơ quan",
        "Trụ sở UBND xã",
        "",
    ),
]


def _ensure_entries(page, rows) -> int:
    """Add the missing entries (natural key: date, start time, content); returns how many."""
    from congthongtin.news.models import ScheduleEntry

    added = 0
    order = page.entries.count()
    for row in rows:
        exists = ScheduleEntry.objects.filter(
            page=page, date=row["date"], start_time=row["start_time"], content=row["content"]
        ).exists()
        if not exists:
            order += 1
            ScheduleEntry.objects.create(page=page, sort_order=order, **row)
            added += 1
    return added


def load_schedules(context, notices_index, today: dt.date) -> None:
    from congthongtin.news.models import WeeklySchedulePage

    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday + dt.timedelta(days=7 * shift) for shift in (-1, 0, 1)]
    officials = context.officials

    leaders, _ = ensure_child(
        notices_index,
        WeeklySchedulePage,
        "lich-cong-tac-tuan",
        title="Lịch công tác tuần của lãnh đạo",
        kind="lich-cong-tac",
        intro=(
            "Lịch công tác tuần của Thường trực Đảng ủy, Thường trực HĐND và lãnh đạo UBND xã"
            " Như Xuân. Lịch có thể thay đổi; thay đổi được cập nhật trên trang này."
        ),
        note="Đầu mối điều chỉnh lịch: Văn phòng HĐND và UBND xã, điện thoại 0237 3868 101.",
        author_name="Nguyễn Thị Hoa",
        author_address="Văn phòng HĐND và UBND xã",
        show_in_menus=False,
    )
    rows = []
    for week in weeks:
        for weekday, start, end, key, content, place, participants in LEADERS_WEEK:
            official = officials.get(key)
            rows.append(
                {
                    "date": week + dt.timedelta(days=weekday),
                    "start_time": start,
                    "end_time": end,
                    "official": official,
                    "leader": "" if official else "Lãnh đạo UBND xã",
                    "content": content,
                    "place": place,
                    "participants": participants,
                }
            )
    if _ensure_entries(leaders, rows):
        leaders.save_revision().publish()

    reception, _ = ensure_child(
        notices_index,
        WeeklySchedulePage,
        "lich-tiep-cong-dan",
        title="Lịch tiếp công dân",
        kind="tiep-cong-dan",
        intro=(
            "Chủ tịch Ủy ban nhân dân xã tiếp công dân định kỳ vào sáng thứ Năm hằng tuần tại"
            " Phòng Tiếp công dân, tầng 1, trụ sở UBND xã. Ngày nghỉ lễ chuyển sang ngày làm"
            " việc kế tiếp."
        ),
        note=(
            "Công dân mang theo giấy tờ tùy thân và tài liệu liên quan; trường hợp ủy quyền phải"
            " có giấy ủy quyền hợp pháp."
        ),
        author_name="Nguyễn Thị Hoa",
        author_address="Văn phòng HĐND và UBND xã",
        show_in_menus=False,
    )
    chair = officials.get("annv")
    rows = [
        {
            "date": week + dt.timedelta(days=3),
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 30),
            "official": chair,
            "leader": "" if chair else "Chủ tịch UBND xã",
            "content": "Tiếp công dân định kỳ",
            "place": "Phòng Tiếp công dân, tầng 1, trụ sở UBND xã",
            "participants": (
                "Chánh Văn phòng HĐND và UBND xã; công chức Tư pháp – Hộ tịch; công chức Địa"
                " chính – Xây dựng"
            ),
        }
        for week in weeks
    ]
    if _ensure_entries(reception, rows):
        reception.save_revision().publish()


# ---------------------------------------------------------------------------------------------
# Conferences (R-CONF-1)
# ---------------------------------------------------------------------------------------------


def load_conferences(context, today: dt.date) -> None:
    from congthongtin.news.models import ConferenceIndexPage, ConferencePage

    index = section(context, ConferenceIndexPage, "hoi-nghi")
    year = today.year
    report = ensure_document(
        f"Báo cáo sơ kết 5 năm xây dựng nông thôn mới xã Như Xuân (hội nghị {year})",
        "bao-cao-so-ket-nong-thon-moi.docx",
        [
            "Ủy ban nhân dân xã Như Xuân báo cáo kết quả 5 năm thực hiện Chương trình mục tiêu"
            " quốc gia xây dựng nông thôn mới.",
            "Đến nay, xã đạt 19/19 tiêu chí nông thôn mới; 6/10 thôn, bản đạt chuẩn nông thôn"
            " mới kiểu mẫu.",
            "Phương hướng: xây dựng xã đạt chuẩn nông thôn mới nâng cao giai đoạn tiếp theo.",
        ],
    )
    programme = ensure_document(
        f"Chương trình hội nghị sơ kết nông thôn mới ({year})",
        "chuong-trinh-hoi-nghi.docx",
        [
            "07:30 – 08:00: Đón tiếp đại biểu.",
            "08:00 – 09:30: Báo cáo sơ kết; tham luận của các thôn, bản.",
            "09:30 – 11:00: Thảo luận; khen thưởng tập thể, cá nhân tiêu biểu; bế mạc.",
        ],
    )
    guide = ensure_document(
        f"Tài liệu tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng ({year})",
        "tai-lieu-tap-huan-ky-nang-so.docx",
        [
            "Phần 1: Cài đặt và kích hoạt tài khoản định danh điện tử VNeID mức độ 2.",
            "Phần 2: Nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng Dịch vụ công quốc gia.",
            "Phần 3: Thanh toán trực tuyến phí, lệ phí; nhận kết quả điện tử.",
        ],
    )
    past_day = today - dt.timedelta(days=21)
    page, created = ensure_child(
        index,
        ConferencePage,
        f"hoi-nghi-so-ket-5-nam-xay-dung-nong-thon-moi-{year}",
        title="Hội nghị sơ kết 5 năm xây dựng nông thôn mới",
        kind="hoi-nghi",
        start_date=past_day,
        place="Hội trường Ủy ban nhân dân xã Như Xuân",
        organiser="Ủy ban nhân dân xã Như Xuân",
        summary=(
            "Hội nghị đánh giá kết quả 5 năm xây dựng nông thôn mới, khen thưởng 8 tập thể và"
            " 15 cá nhân có thành tích xuất sắc."
        ),
        body=body_stream(
            [
                (
                    "paragraph",
                    _p(
                        "Dự hội nghị có đại diện lãnh đạo các sở, ngành của tỉnh, Thường trực Đảng",
                        "ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam xã và đại diện 10 thôn, bản.",
                    ),
                )
            ]
        ),
        materials=[
            (
                "file",
                {"document": programme, "title": "Chương trình hội nghị", "kind": "Chương trình"},
            ),
            ("file", {"document": report, "title": "Báo cáo sơ kết", "kind": "Báo cáo"}),
            (
                "link",
                {
                    "url": "https://nongthonmoi.gov.vn",
                    "title": "Văn phòng Điều phối nông thôn mới Trung ương",
                    "kind": "Tài liệu tham khảo",
                },
            ),
        ],
        author_name="Lê Văn Cường",
        author_address="Văn phòng HĐND và UBND xã",
    )
    if created:
        _publish_dates(page, _local(past_day + dt.timedelta(days=1), 16, 0))
    upcoming_day = today + dt.timedelta(days=9)
    ensure_child(
        index,
        ConferencePage,
        f"tap-huan-ky-nang-so-to-cong-nghe-so-cong-dong-{year}",
        title="Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng các thôn, bản",
        kind="tap-huan",
        start_date=upcoming_day,
        end_date=upcoming_day + dt.timedelta(days=1),
        place="Trung tâm Phục vụ hành chính công xã Như Xuân",
        organiser="Ủy ban nhân dân xã Như Xuân; Viễn thông Thanh Hóa",
        summary=(
            "Tập huấn cho 50 thành viên Tổ công nghệ số cộng đồng về định danh điện tử, dịch vụ"
            " công trực tuyến và thanh toán không dùng tiền mặt."
        ),
        body=body_stream(
            [
                (
                    "paragraph",
                    _p(
                        "Mỗi thôn, bản cử 05 thành viên tham dự; học viên mang theo điện thoại",
                        "thông minh đã cài đặt ứng dụng VNeID.",
                    ),
                )
            ]
        ),
        materials=[
            ("file", {"document": guide, "title": "Tài liệu tập huấn", "kind": "Tài liệu"}),
            (
                "link",
                {
                    "url": "https://dichvucong.gov.vn",
                    "title": "Cổng Dịch vụ công quốc gia",
                    "kind": "Hướng dẫn trực tuyến",
                },
            ),
        ],
        author_name="Bùi Thị Ngọc",
        author_address="Trung tâm Phục vụ hành chính công xã",
    )


# ---------------------------------------------------------------------------------------------
# Socio-economic information (R-POL-1)
# ---------------------------------------------------------------------------------------------

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def load_socioeconomic(context, today: dt.date) -> None:
    from congthongtin.news.models import SocioEconomicIndexPage, SocioEconomicPage

    index = section(context, SocioEconomicIndexPage, "kinh-te-xa-hoi")
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    quarter = (today.month - 1) // 3  # the last completed quarter (0 → the previous year's IV)
    quarter_year = today.year if quarter else today.year - 1
    quarter = quarter or 4
    last_year = today.year - 1
    statistics = _field("tai-chinh")
    agriculture = _field("nong-nghiep-va-moi-truong")
    yearly_file = ensure_document(
        f"Báo cáo tình hình kinh tế – xã hội năm {last_year} xã Như Xuân",
        f"bao-cao-kt-xh-nam-{last_year}.docx",
        [
            f"Tổng giá trị sản xuất năm {last_year} ước đạt 1.245 tỷ đồng, tăng 8,2%.",
            "Thu nhập bình quân đầu người đạt 48,5 triệu đồng/năm.",
            "Tỷ lệ hộ nghèo còn 4,8%; tỷ lệ che phủ rừng đạt 72,5%.",
        ],
    )
    items = [
        {
            "slug": f"bao-cao-kt-xh-thang-{last_month.month}-{last_month.year}",
            "title": (
                f"Báo cáo tình hình kinh tế – xã hội tháng {last_month.month}/{last_month.year}"
            ),
            "kind": "bao-cao-thong-ke",
            "field": statistics,
            "period_type": "thang",
            "period_year": last_month.year,
            "period_number": last_month.month,
            "summary": (
                "Sản xuất nông nghiệp ổn định; thu ngân sách trong tháng đạt 1,85 tỷ đồng; không"
                " xảy ra cháy rừng, dịch bệnh trên gia súc, gia cầm."
            ),
            "published": last_month + dt.timedelta(days=2),
            "attachments": [],
        },
        {
            "slug": f"bao-cao-kt-xh-quy-{quarter}-{quarter_year}",
            "title": (f"Báo cáo tình hình kinh tế – xã hội quý {ROMAN[quarter]}/{quarter_year}"),
            "kind": "bao-cao-thong-ke",
            "field": statistics,
            "period_type": "quy",
            "period_year": quarter_year,
            "period_number": quarter,
            "summary": (
                "Tổng giá trị sản xuất quý ước đạt 318 tỷ đồng; giải ngân vốn đầu tư công đạt"
                " 64% kế hoạch; 420 lao động được giải quyết việc làm."
            ),
            # Published early in the month after the quarter ends.
            "published": dt.date(quarter_year, 3 * quarter, 28) + dt.timedelta(days=10),
            "attachments": [],
        },
        {
            "slug": f"bao-cao-kt-xh-nam-{last_year}",
            "title": f"Báo cáo tình hình kinh tế – xã hội năm {last_year}",
            "kind": "bao-cao-thong-ke",
            "field": agriculture,
            "period_type": "nam",
            "period_year": last_year,
            "period_number": None,
            "summary": (
                "Kinh tế tăng trưởng 8,2%; cơ cấu kinh tế chuyển dịch đúng hướng; an sinh xã hội"
                " được bảo đảm; quốc phòng, an ninh giữ vững."
            ),
            "published": dt.date(last_year, 12, 20),
            "attachments": [("document", {"document": yearly_file, "title": ""})],
        },
    ]
    for data in items:
        published = data.pop("published")
        slug = data.pop("slug")
        body = body_stream(
            [
                (
                    "paragraph",
                    _p(
                        "Số liệu trong báo cáo là số liệu minh họa phục vụ trình diễn hệ thống,",
                        "không phải số liệu thống kê chính thức.",
                    ),
                )
            ]
        )
        page, created = ensure_child(
            index,
            SocioEconomicPage,
            slug,
            body=body,
            author_name="Quách Thị Mai",
            author_address="Phòng Kinh tế",
            **data,
        )
        if created:
            _publish_dates(page, _local(min(published, today), 16, 0))


# ---------------------------------------------------------------------------------------------
# Useful links (R-SITE-3)
# ---------------------------------------------------------------------------------------------

LINK_GROUPS = [
    (
        "Cổng thông tin của Trung ương và tỉnh",
        [
            ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn", ""),
            ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn", "Nộp hồ sơ trực tuyến"),
            ("Cổng thông tin điện tử tỉnh Thanh Hóa", "https://thanhhoa.gov.vn", ""),
            (
                "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Thanh Hóa",
                "https://dichvucong.thanhhoa.gov.vn",
                "",
            ),
        ],
    ),
    (
        "Sở, ngành của tỉnh",
        [
            ("Sở Nông nghiệp và Môi trường", "https://snnmt.thanhhoa.gov.vn", ""),
            ("Sở Tài chính", "https://stc.thanhhoa.gov.vn", ""),
            ("Sở Nội vụ", "https://snv.thanhhoa.gov.vn", ""),
            ("Sở Văn hóa, Thể thao và Du lịch", "https://svhttdl.thanhhoa.gov.vn", ""),
        ],
    ),
    (
        "Các xã lân cận",
        [
            ("Xã Xuân Bình", f"http://xuanbinh.{DOMAIN}", ""),
            ("Xã Thượng Ninh", f"http://thuongninh.{DOMAIN}", ""),
            ("Xã Thanh Quân", f"http://thanhquan.{DOMAIN}", ""),
        ],
    ),
]


def load_links(context) -> None:
    from congthongtin.news.models import LinksPage

    groups = [
        (
            "group",
            {
                "title": title,
                "links": [
                    {"title": name, "url": url, "page": None, "description": description}
                    for name, url, description in links
                ],
            },
        )
        for title, links in LINK_GROUPS
    ]
    ensure_child(
        context.home,
        LinksPage,
        "lien-ket",
        title="Liên kết website",
        intro=(
            "Địa chỉ trang thông tin điện tử của cơ quan Trung ương, tỉnh Thanh Hóa, các sở,"
            " ngành và các xã lân cận."
        ),
        groups=groups,
        author_name=EDITORS,
        show_in_menus=False,
    )
