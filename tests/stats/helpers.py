"""A small portal with sections, a procedure with a form and an online service, and the
lines nginx's statistics log (docker/nginx.conf portal_stats) would hold for it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from wagtail.models import Page, Site

from congthongtin.home.models import StandardPage
from congthongtin.procedures.choices import OnlineLevel
from tests.factories import make_portal
from tests.procedures.helpers import make_document, make_index, make_procedure

HOST = "nhuxuan.example.vn"
OTHER_HOST = "xab.example.vn"
DAY = "2026-07-01"

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
UPTIMEROBOT = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"
BLACKBOX = "Prometheus/blackbox_exporter/0.25.0"
V1 = "203.0.113.71"
V2 = "198.51.100.82"
V3 = "2001:db8::93"


@dataclass
class Portal:
    site: Site
    other: Site
    home: Page
    about: Page
    history: Page
    news: Page
    procedures: Page
    procedure: Page
    form: object  # the form's document
    other_document: object
    other_home: Page


def make_stats_portal() -> Portal:
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.save()
    home = site.root_page
    about = home.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu"))
    history = about.add_child(instance=StandardPage(title="Lịch sử", slug="lich-su"))
    news = home.add_child(instance=StandardPage(title="Tin tức", slug="tin-tuc"))
    index = make_index(home)
    form = make_document("Tờ khai khai sinh", "to-khai.docx")
    other_document = make_document("Báo cáo", "bao-cao.pdf", b"%PDF-1.4")
    procedure = make_procedure(
        index,
        slug="dang-ky-khai-sinh",
        forms=[{"name": "Tờ khai", "document": form}],
        online_level=OnlineLevel.FULL,
        online_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html",
    )
    other, other_home = make_portal(OTHER_HOST, "Xã B", "UBND xã B")
    return Portal(
        site,
        other,
        home,
        about,
        history,
        news,
        index,
        procedure,
        form,
        other_document,
        other_home,
    )


def line(
    time: str,
    uri: str,
    *,
    status: int = 200,
    method: str = "GET",
    addr: str = V1,
    ua: str = CHROME,
    host: str = HOST,
    cache: str = "MISS",
    editor: str = "0",
    day: str = DAY,
) -> str:
    """One line as nginx writes it (the field order of log_format portal_stats)."""
    return (
        json.dumps(
            {
                "time": f"{day}T{time}:00+07:00",
                "host": host,
                "method": method,
                "uri": uri,
                "status": status,
                "bytes": 18234,
                "request_time": 0.012,
                "cache": cache,
                "addr": addr,
                "ua": ua,
                "editor": editor,
            },
            ensure_ascii=False,
        )
        + "\n"
    )
