"""The demo's statistics: a generated log ingested through the real reader, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.db.models import Sum
from django.utils import timezone

from congthongtin.nhuxuan_site.demo import stats as stats_demo
from congthongtin.stats.models import LogCursor, PageDay, PageMonth, SiteDay

from .helpers import make_stats_portal

pytestmark = pytest.mark.django_db


def test_demo_statistics_last_month_and_this_month_once():
    portal = make_stats_portal()
    out = StringIO()
    stats_demo.load(stdout=out)
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    days = SiteDay.objects.filter(site=portal.site, date__gte=last_month)
    assert days.filter(date__lt=today.replace(day=1)).count() >= 28
    weekdays = [d.page_views for d in days if d.date.weekday() < 5 and d.date < today]
    weekends = [d.page_views for d in days if d.date.weekday() >= 5]
    assert sum(weekends) / len(weekends) < 0.7 * sum(weekdays) / len(weekdays)
    assert all(d.visitors <= d.visits <= d.page_views for d in days)
    pages = PageDay.objects.filter(page=portal.procedure).aggregate(
        d=Sum("downloads"), c=Sum("clicks")
    )
    assert pages["d"] > 0 and pages["c"] > 0
    assert SiteDay.objects.filter(site=portal.other).exists()
    assert not LogCursor.objects.exists()  # the temporary file's cursor went with it
    before = list(SiteDay.objects.order_by("pk").values_list("page_views", flat=True))
    months = PageMonth.objects.count()
    stats_demo.load()
    assert list(SiteDay.objects.order_by("pk").values_list("page_views", flat=True)) == before
    assert PageMonth.objects.count() == months
    assert "statistics:" in out.getvalue()
