"""portal_stats (the figures as JSON), folding old page days into months, and the
satisfaction summary that consultation answers through stats' hook."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from congthongtin.consultation.models import ServiceRating
from congthongtin.stats import counting
from congthongtin.stats.models import PageDay, PageMonth, SiteDay

from .helpers import HOST, OTHER_HOST, make_stats_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return make_stats_portal()


def rate(page, level, when, comment=""):
    rating = ServiceRating.objects.create(page=page, level=level, comment=comment)
    ServiceRating.objects.filter(pk=rating.pk).update(created_at=when)


def test_portal_stats_json(portal):
    site = portal.site
    day = dt.date(2026, 7, 1)
    SiteDay.objects.create(site=site, date=day, page_views=9, visits=5, visitors=3)
    SiteDay.objects.create(site=site, date=day + dt.timedelta(days=1), page_views=1, visits=1)
    SiteDay.objects.create(site=portal.other, date=day, page_views=100, visits=50, visitors=40)
    PageDay.objects.create(site=site, date=day, page=portal.procedure, views=4, clicks=2)
    noon = timezone.make_aware(dt.datetime(2026, 7, 1, 12))
    rate(portal.procedure, 5, noon, "Nhanh gọn")
    rate(portal.procedure, 2, noon)
    rate(portal.other_home, 1, noon)  # the other body's page: not in this summary
    rate(portal.procedure, 1, noon + dt.timedelta(days=3))  # after the range
    out = StringIO()
    call_command(
        "portal_stats", "--site", HOST, "--from", "2026-07-01", "--to", "2026-07-02", stdout=out
    )
    data = json.loads(out.getvalue())
    assert (data["site"], data["from"], data["to"]) == (HOST, "2026-07-01", "2026-07-02")
    assert (data["page_views"], data["visits"], data["visitors"]) == (10, 6, 3)
    assert [d["page_views"] for d in data["by_day"]] == [9, 1]
    (service,) = data["service_use"]
    assert (service["views"], service["clicks"], service["ratings"]) == (4, 2, 2)
    assert service["average"] == 3.5 and service["online"] is True
    assert data["top_pages"][0]["url"] == "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/"
    satisfaction = data["satisfaction"]
    assert satisfaction["ratings"] == 2 and satisfaction["average"] == 3.5
    assert satisfaction["by_level"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert satisfaction["comments"] == [
        {"page_id": portal.procedure.pk, "level": 5, "comment": "Nhanh gọn", "date": "2026-07-01"}
    ]
    text = StringIO()
    call_command(
        "portal_stats",
        "--site",
        HOST,
        "--from",
        "2026-07-01",
        "--to",
        "2026-07-01",
        "--format",
        "text",
        stdout=text,
    )
    assert "9" in text.getvalue()


def test_portal_stats_unknown_host_names_the_known_ones(portal):
    with pytest.raises(CommandError) as error:
        call_command(
            "portal_stats",
            "--site",
            "sai.example",
            "--from",
            "2026-07-01",
            "--to",
            "2026-07-01",
            stdout=StringIO(),
        )
    assert HOST in str(error.value) and OTHER_HOST in str(error.value)


def test_folding_whole_old_months_once(portal):
    site, page = portal.site, portal.history
    today = dt.date(2026, 9, 15)  # 62 days before: 2026-07-15, so June and before fold
    for day, views in (
        (dt.date(2026, 6, 1), 2),
        (dt.date(2026, 6, 30), 3),
        (dt.date(2026, 7, 1), 7),
    ):
        PageDay.objects.create(site=site, date=day, page=page, views=views, downloads=1)
    PageMonth.objects.create(site=site, month=dt.date(2026, 6, 1), page=page, views=10)
    assert counting.fold_months(today) == 2
    assert counting.fold_months(today) == 0  # idempotent
    month = PageMonth.objects.get(site=site, month=dt.date(2026, 6, 1), page=page)
    assert (month.views, month.downloads) == (15, 2)
    assert list(PageDay.objects.values_list("date", flat=True)) == [dt.date(2026, 7, 1)]
    from congthongtin.stats.figures import page_counts

    counts = page_counts(site, dt.date(2026, 6, 1), dt.date(2026, 8, 1))
    assert counts[page.pk]["views"] == 22
