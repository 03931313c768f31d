"""The demo's other bodies (R-SITE-1): one install serves several bodies, each a Wagtail
Site with its own board.

- **Xã Xuân Bình**, a neighbouring commune, active, at ``xuanbinh.localhost`` (a name that
  resolves to this machine without any configuration), with its own board accounts and one
  person on both boards (Lê Văn Cường, editor of Như Xuân, deputy of Xuân Bình);
- **Huyện Như Xuân (cũ)**, the former district abolished on 01/07/2025 (Law 72/2025/QH15),
  kept as a read-only ARCHIVE at ``huyen-nhuxuan.localhost`` whose successor is the default
  site, with a few pages and a redirect table from its old addresses to the successor's
  pages.

Each body is made once by ``congthongtin.core.bodies.create_body`` (its home page, Site,
settings and board in one step) and found again by its host name; pages are found by slug
(builder.ensure_child), so running ``load_demo`` again changes nothing. Person names, phone
numbers and figures are invented for demonstration.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from congthongtin.core.bodies import body_of, create_body
from congthongtin.core.models import BodyStatus, PortalSettings

from .builder import body_stream, ensure_child

#: ``make run`` serves http://127.0.0.1:8000; ``*.localhost`` resolves to this machine.
DEMO_PORT = 8000
DOMAIN = "thanhhoa.gov.vn"


def _p(*parts: str) -> str:
    return "<p>" + " ".join(parts) + "</p>"


XUAN_BINH = {
    "key": "xuanbinh",
    "name": "Xã Xuân Bình",
    "hostname": "xuanbinh.localhost",
    "status": BodyStatus.ACTIVE,
    "portal": {
        "name": "Trang thông tin điện tử xã Xuân Bình",
        "short_name": "Xã Xuân Bình",
        "managing_body": "Ủy ban nhân dân xã Xuân Bình",
        "administrative_level": "commune",
        "web_address": "http://xuanbinh.thanhhoa.gov.vn",
        "address": "Trụ sở Ủy ban nhân dân xã, thôn Đồng Xuân, xã Xuân Bình, tỉnh Thanh Hóa",
        "phone": "0237 3868 202",
        "email": "xuanbinh@thanhhoa.gov.vn",
        "editorial_email": "xuanbinh@thanhhoa.gov.vn",
        "parent_portal_name": "Cổng thông tin điện tử tỉnh Thanh Hóa",
        "parent_portal_url": "https://thanhhoa.gov.vn",
        "responsible_person": "Trưởng Ban biên tập: Lương Văn Khánh",
    },
    "intro": _p(
        "Chào mừng bạn đến với <b>Trang thông tin điện tử xã Xuân Bình</b> – kênh thông tin",
        "chính thức của Ủy ban nhân dân xã Xuân Bình, tỉnh Thanh Hóa, xã láng giềng của xã",
        "Như Xuân.",
    ),
    #: (user name, full name, role key of load_demo.ROLE_GROUPS)
    "accounts": [
        ("lvkhanh", "Lương Văn Khánh", "head"),
        ("ctlan", "Cầm Thị Lan", "deputy"),
        ("qvminh", "Quách Văn Minh", "editor"),
        ("htnga", "Hà Thị Nga", "auditor"),
    ],
    #: People of another body's board who also sit on this one (one login, two boards).
    "also": [("lvcuong", "deputy")],
}

FORMER_DISTRICT = {
    "key": "huyen-nhuxuan",
    "name": "Huyện Như Xuân (cũ)",
    "hostname": "huyen-nhuxuan.localhost",
    "status": BodyStatus.ARCHIVE,
    "portal": {
        "name": "Trang thông tin điện tử huyện Như Xuân (lưu trữ)",
        "short_name": "Huyện Như Xuân (cũ)",
        "managing_body": "Ủy ban nhân dân huyện Như Xuân (đã giải thể)",
        "administrative_level": "former-district",
        "web_address": "http://nhuxuan.thanhhoa.gov.vn",
        "address": "Thị trấn Yên Cát (cũ), huyện Như Xuân, tỉnh Thanh Hóa",
        "parent_portal_name": "Cổng thông tin điện tử tỉnh Thanh Hóa",
        "parent_portal_url": "https://thanhhoa.gov.vn",
    },
    "intro": _p(
        "Đây là trang lưu trữ của Trang thông tin điện tử huyện Như Xuân. Từ ngày 01/7/2025,",
        "huyện Như Xuân kết thúc hoạt động theo Luật số 72/2025/QH15; thông tin mới được đăng",
        "trên Trang thông tin điện tử xã Như Xuân.",
    ),
    "accounts": [],
    "also": [],
}

BODIES = [XUAN_BINH, FORMER_DISTRICT]

XUAN_BINH_ABOUT = [
    ("heading", "Vị trí địa lý"),
    (
        "paragraph",
        _p(
            "Xã Xuân Bình nằm ở phía đông xã Như Xuân, giáp xã Như Xuân ở phía tây, có Quốc lộ",
            "45 chạy qua. Diện tích tự nhiên khoảng 98 km², dân số khoảng 9.800 người sống ở",
            "14 thôn (số liệu minh họa).",
        ),
    ),
    ("heading", "Kinh tế"),
    (
        "paragraph",
        _p(
            "Kinh tế của xã chủ yếu là trồng mía, sắn, keo và chăn nuôi đại gia súc; nhiều hộ",
            "đã chuyển sang trồng cây ăn quả theo hướng hàng hóa.",
        ),
    ),
]

XUAN_BINH_NEWS = [
    {
        "slug": "ra-quan-lam-duong-giao-thong-nong-thon-2026",
        "category": "kinh-te",
        "days_ago": 2,
        "title": "Xuân Bình ra quân làm đường giao thông nông thôn năm 2026",
        "summary": (
            "Nhân dân 14 thôn của xã Xuân Bình hiến đất, góp công làm mới 3,2 km đường bê tông"
            " liên thôn trong đợt ra quân đầu năm."
        ),
        "author": "Quách Văn Minh",
        "body": [
            (
                "paragraph",
                _p(
                    "Sáng nay, Ủy ban nhân dân xã Xuân Bình tổ chức lễ ra quân làm đường giao",
                    "thông nông thôn năm 2026. Các thôn Đồng Xuân, Bình Sơn và Xuân Lai đã vận",
                    "động nhân dân hiến gần 4.000 m² đất để mở rộng mặt đường.",
                ),
            ),
        ],
    },
    {
        "slug": "tap-huan-phong-chay-chua-chay-rung-mua-kho",
        "category": "quoc-phong-an-ninh",
        "days_ago": 6,
        "title": "Tập huấn phòng cháy, chữa cháy rừng trước mùa khô",
        "summary": (
            "Lực lượng bảo vệ rừng của các thôn được tập huấn kỹ năng phát hiện, khống chế"
            " đám cháy và sử dụng dụng cụ chữa cháy thủ công."
        ),
        "author": "Cầm Thị Lan",
        "body": [
            (
                "paragraph",
                _p(
                    "Hơn 80 thành viên tổ bảo vệ rừng thôn tham gia buổi tập huấn do Hạt Kiểm",
                    "lâm và Ban Chỉ huy quân sự xã phối hợp tổ chức.",
                ),
            ),
        ],
    },
]

FORMER_DISTRICT_PAGES = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu huyện Như Xuân (trước ngày 01/7/2025)",
        "body": [
            (
                "paragraph",
                _p(
                    "Huyện Như Xuân là huyện miền núi phía tây nam tỉnh Thanh Hóa, thành lập",
                    "năm 1996. Thực hiện Luật số 72/2025/QH15, từ ngày 01/7/2025 không tổ chức",
                    "cấp huyện; các xã của huyện được sắp xếp lại thành các xã mới.",
                ),
            ),
        ],
    },
    {
        "slug": "thong-bao-ket-thuc-hoat-dong",
        "title": "Thông báo kết thúc hoạt động của Trang thông tin điện tử huyện",
        "body": [
            (
                "paragraph",
                _p(
                    "Trang thông tin điện tử huyện Như Xuân ngừng cập nhật từ ngày 30/6/2025",
                    "và được giữ làm trang lưu trữ. Thủ tục hành chính, hỏi đáp và tin tức mới",
                    "xem tại Trang thông tin điện tử xã Như Xuân.",
                ),
            ),
        ],
    },
]

#: The archive's old addresses → the slug of the successor's section that replaces them
#: (the successor's home page when the demo was loaded without that section).
FORMER_DISTRICT_REDIRECTS = [
    ("/thu-tuc-hanh-chinh/", "thu-tuc-hanh-chinh"),
    ("/hoi-dap/", "hoi-dap"),
    ("/tin-tuc/", "tin-tuc"),
]


def ensure_body(data, port: int = DEMO_PORT, successor: Site | None = None) -> Site:
    """The body's Site, made once (create_body) and found again by its host name."""
    site = Site.objects.filter(hostname=data["hostname"]).first()
    if site is None:
        body = create_body(
            name=data["name"],
            hostname=data["hostname"],
            port=port,
            administrative_level=data["portal"]["administrative_level"],
            status=data["status"],
            successor=successor,
        )
        site = body.site
    elif site.port != port:
        site.port = port
        site.save()
    settings = PortalSettings.for_site(site)
    for field, value in data["portal"].items():
        setattr(settings, field, value)
    settings.save()
    home = site.root_page.specific
    if hasattr(home, "intro") and not home.intro:
        home.intro = data["intro"]
        home.save_revision().publish()
    body = body_of(site)
    if body.successor_id is None and successor is not None:
        body.successor = successor
        body.save(update_fields=["successor"])
    return site


def _back_date(page, when: dt.datetime) -> None:
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def load_xuan_binh(site: Site) -> None:
    from congthongtin.home.models import StandardPage

    home = site.root_page.specific
    ensure_child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        intro="Vị trí địa lý, dân số và kinh tế của xã Xuân Bình.",
        body=body_stream(XUAN_BINH_ABOUT),
        show_in_menus=True,
        author_name="Ban biên tập",
        author_address=XUAN_BINH["portal"]["managing_body"],
    )
    from congthongtin.consultation.models import QuestionIndexPage
    from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage

    from .consultation import RULES

    index, _ = ensure_child(
        home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức – Sự kiện",
        intro="Tin tức, sự kiện diễn ra trên địa bàn xã Xuân Bình.",
        show_in_menus=True,
    )
    categories = {category.slug: category for category in NewsCategory.objects.all()}
    today = timezone.localdate()
    for data in XUAN_BINH_NEWS:
        page, created = ensure_child(
            index,
            NewsPage,
            data["slug"],
            title=data["title"],
            category=categories.get(data["category"]) or next(iter(categories.values())),
            summary=data["summary"],
            body=body_stream(data["body"]),
            event_date=today - dt.timedelta(days=data["days_ago"]),
            author_name=data["author"],
            author_address="Ban biên tập Trang thông tin điện tử xã Xuân Bình",
        )
        if created:
            moment = dt.datetime.combine(today - dt.timedelta(days=data["days_ago"]), dt.time(15))
            _back_date(page, timezone.make_aware(moment))
    ensure_child(
        home,
        QuestionIndexPage,
        "hoi-dap",
        title="Hỏi đáp",
        intro="Người dân, doanh nghiệp gửi câu hỏi đến Ủy ban nhân dân xã Xuân Bình.",
        rules=RULES,
        show_in_menus=True,
    )


def load_former_district(site: Site, successor: Site) -> None:
    from congthongtin.home.models import StandardPage

    home = site.root_page.specific
    for data in FORMER_DISTRICT_PAGES:
        ensure_child(
            home,
            StandardPage,
            data["slug"],
            title=data["title"],
            body=body_stream(data["body"]),
            show_in_menus=True,
            author_name="Ban biên tập",
            author_address=FORMER_DISTRICT["portal"]["managing_body"],
        )
    successor_home = successor.root_page
    for old_path, slug in FORMER_DISTRICT_REDIRECTS:
        target = successor_home.get_children().filter(slug=slug).first() or successor_home
        path = Redirect.normalise_path(old_path)
        redirect = Redirect.objects.filter(site=site, old_path=path).first()
        if redirect is None:
            Redirect.objects.create(
                site=site, old_path=path, redirect_page=Page.objects.get(pk=target.pk)
            )
        elif redirect.redirect_page_id == successor_home.pk and target.pk != successor_home.pk:
            # Pointed to the home page while the section was missing: now it exists.
            redirect.redirect_page_id = target.pk
            redirect.save(update_fields=["redirect_page"])


def load(port: int = DEMO_PORT) -> dict[str, Site]:
    """Both bodies, served on ``port``; returns their Sites by key (``XUAN_BINH["key"]``…)."""
    default = Site.objects.get(is_default_site=True)
    xuan_binh = ensure_body(XUAN_BINH, port)
    load_xuan_binh(xuan_binh)
    archive = ensure_body(FORMER_DISTRICT, port, successor=default)
    load_former_district(archive, default)
    return {XUAN_BINH["key"]: xuan_binh, FORMER_DISTRICT["key"]: archive}


def load_upward(sites: dict[str, Site]) -> None:
    """Content up to the parent portal (S0 Đ4.2d; editorial.upward). The demo has no
    province portal, so Xã Như Xuân (the default site) stands in as Xã Xuân Bình's parent:
    Xuân Bình's head has proposed its newest news item, which waits in Như Xuân's
    contributions inbox ("Proposed by a lower portal"). Run after the boards' accounts."""
    from django.contrib.auth import get_user_model

    from congthongtin.core.models import Body
    from congthongtin.editorial import upward
    from congthongtin.editorial.models import UpwardProposal
    from congthongtin.news.models import NewsPage

    xuan_binh = sites.get(XUAN_BINH["key"])
    if xuan_binh is None:
        return
    body = body_of(xuan_binh)
    if body.parent_id is None and not body.parent_feed_key:
        # Demo data: what a superuser sets in Settings → Bodies (core.bodies_actions.set_parent).
        parent = body_of(Site.objects.get(is_default_site=True))
        Body.objects.filter(pk=body.pk).update(parent=parent)
    page = (
        NewsPage.objects.live()
        .descendant_of(xuan_binh.root_page)
        .filter(slug=XUAN_BINH_NEWS[0]["slug"])
        .first()
    )
    head = get_user_model().objects.filter(username=XUAN_BINH["accounts"][0][0]).first()
    if page is None or head is None or UpwardProposal.objects.filter(source_page=page).exists():
        return
    upward.propose(head, page, note="Phong trào làm đường của xã đáng được giới thiệu rộng rãi.")
