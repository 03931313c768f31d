"""A small world for the report tests: two bodies, a month of figures in each.

Body A (the default site) in November 2026: 3 days of visits (1000 page views), October
500 (so +100 %); two procedures (unit X: 40 views, 7 downloads, 3 clicks; unit Y: 10 views)
and items published: 2 by unit X (one unpublished since), 1 with no unit, 1 in October.
Body B: one procedure of unit X, 999 page views, 1 item — never in A's figures.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site

from congthongtin.core.bodies import role_group
from congthongtin.core.models import Agency, PortalSettings
from congthongtin.home.models import StandardPage
from congthongtin.procedures.models import ProcedurePage
from congthongtin.stats.models import PageDay, SiteDay, StatsSettings, TrafficDay
from congthongtin.vietnam.workdays import VN_TZ
from tests.factories import make_portal
from tests.procedures.helpers import make_index, make_procedure

User = get_user_model()


def vn(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN_TZ)


def item(parent, unit, when, *, live=True, slug):
    page = StandardPage(
        title=f"Tin {slug}",
        slug=slug,
        responsible_unit=unit,
        live=live,
        first_published_at=when,
        last_published_at=when,
    )
    parent.add_child(instance=page)
    return page


def person(username, *held, superuser=False):
    if superuser:
        return User.objects.create_superuser(username, f"{username}@thanhhoa.gov.vn", "x" * 12)
    user = User.objects.create_user(username, f"{username}@thanhhoa.gov.vn", "x" * 12)
    user.groups.add(*(role_group(role, site) for role, site in held))
    return user


def build_world(cls):
    cls.site_a = Site.objects.get(is_default_site=True)
    cls.home_a = cls.site_a.root_page.specific
    cls.site_b, cls.home_b = make_portal("xbs.example.vn", "Xã Bình Sơn", "UBND xã Bình Sơn")
    cls.unit_x = Agency.objects.create(name="Phòng Tư pháp")
    cls.unit_y = Agency.objects.create(name="Văn phòng UBND")
    index_a = make_index(cls.home_a, slug="thu-tuc-a")
    index_b = make_index(cls.home_b, slug="thu-tuc-b")
    cls.proc_x = make_procedure(index_a, title="Đăng ký khai sinh", responsible_unit=cls.unit_x)
    cls.proc_y = make_procedure(index_a, title="Chứng thực bản sao", responsible_unit=cls.unit_y)
    cls.proc_b = make_procedure(index_b, title="Đăng ký kết hôn", responsible_unit=cls.unit_x)
    for day, views in ((3, 300), (10, 500), (30, 200)):
        SiteDay.objects.create(
            site=cls.site_a,
            date=dt.date(2026, 11, day),
            page_views=views,
            visits=views // 2,
            visitors=views // 4,
        )
    SiteDay.objects.create(
        site=cls.site_a, date=dt.date(2026, 10, 5), page_views=500, visits=250, visitors=125
    )
    SiteDay.objects.create(
        site=cls.site_b, date=dt.date(2026, 11, 3), page_views=999, visits=999, visitors=999
    )
    procedure_type = ContentType.objects.get_for_model(ProcedurePage)
    TrafficDay.objects.create(
        site=cls.site_a,
        date=dt.date(2026, 11, 3),
        section=index_a,
        content_type=procedure_type,
        page_views=300,
    )
    PageDay.objects.create(
        site=cls.site_a,
        date=dt.date(2026, 11, 3),
        page=cls.proc_x,
        views=40,
        downloads=7,
        clicks=3,
    )
    PageDay.objects.create(site=cls.site_a, date=dt.date(2026, 11, 4), page=cls.proc_y, views=10)
    PageDay.objects.create(site=cls.site_b, date=dt.date(2026, 11, 3), page=cls.proc_b, views=77)
    # Items: the procedures above were published "now" (outside November 2026).
    item(cls.home_a, cls.unit_x, vn(2026, 11, 1, 0, 30), slug="tin-1")  # 17:30 UTC 31/10
    item(cls.home_a, cls.unit_x, vn(2026, 11, 20, 9), live=False, slug="tin-2")
    item(cls.home_a, None, vn(2026, 11, 30, 23, 59), slug="tin-3")
    item(cls.home_a, cls.unit_x, vn(2026, 10, 31, 23, 30), slug="tin-4")
    item(cls.home_b, cls.unit_x, vn(2026, 11, 5, 9), slug="tin-5")
    PortalSettings.objects.update_or_create(
        site=cls.site_a,
        defaults={
            "name": "Trang thông tin điện tử xã Như Xuân",
            "managing_body": "Ủy ban nhân dân xã Như Xuân",
        },
    )
    StatsSettings.objects.update_or_create(
        site=cls.site_a,
        defaults={
            "report_place": "Như Xuân",
            "report_recipients": "UBND huyện (để báo cáo);\nThường trực Đảng ủy xã;",
            "report_signer_title": "Trưởng ban",
            "report_signer_name": "Lê Văn Bình",
            "committee_emails": "ubnd@nhuxuan.gov.vn\nchutich@nhuxuan.gov.vn",
        },
    )
