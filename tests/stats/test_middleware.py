"""Direct mode (``STATS_SOURCE = "app"``, no front cache): stats.middleware counts what
reaches Django through the same classifier and aggregation as the log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congthongtin.stats import figures
from congthongtin.stats.models import PageDay, SiteDay
from tests.helpers import override_app_settings

from .helpers import CHROME, GOOGLEBOT, HOST, make_stats_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    with override_app_settings(STATS_SOURCE="app"):
        yield make_stats_portal()


def get(client, url, ua=CHROME, **extra):
    return client.get(url, HTTP_HOST=HOST, HTTP_USER_AGENT=ua, REMOTE_ADDR="203.0.113.5", **extra)


def today_totals(site):
    today = timezone.localdate()
    return figures.totals(site, today, today + dt.timedelta(days=1))


def test_page_views_counted_once_each_in_one_visit(client, portal):
    assert get(client, "/gioi-thieu/").status_code == 200
    assert get(client, "/gioi-thieu/lich-su/").status_code == 200
    assert today_totals(portal.site) == {"page_views": 2, "visits": 1, "visitors": 1}
    rows = dict(PageDay.objects.values_list("page_id", "views"))
    assert rows == {portal.about.pk: 1, portal.history.pk: 1}


def test_form_download_and_click_through(client, portal):
    response = get(client, portal.form.url)
    assert response.status_code == 200
    response = get(client, f"/thong-ke/chuyen-tiep/{portal.procedure.pk}/")
    assert response.status_code == 302
    row = PageDay.objects.get(page=portal.procedure)
    assert (row.views, row.downloads, row.clicks) == (0, 1, 1)
    assert not SiteDay.objects.filter(page_views__gt=0).exists()


def test_not_counted_editors_robots_admin_errors_posts_counter(client, portal, admin_user):
    get(client, "/gioi-thieu/", ua=GOOGLEBOT)
    get(client, "/gioi-thieu/", ua="")
    get(client, "/khong-co/")
    get(client, "/thong-ke/luot-truy-cap/")
    client.post("/gioi-thieu/", HTTP_HOST=HOST, HTTP_USER_AGENT=CHROME)
    client.force_login(admin_user)
    get(client, "/gioi-thieu/")
    get(client, "/admin/")
    assert not PageDay.objects.exists() and not SiteDay.objects.exists()


def test_nothing_counted_when_the_log_is_the_source(client, portal):
    with override_app_settings(STATS_SOURCE="log"):
        get(client, "/gioi-thieu/")
    assert not SiteDay.objects.exists()


def test_cost_of_counting_a_page_view(client, portal):
    """Once the page's target is known (cached five minutes): three upserts, nothing else."""
    get(client, "/gioi-thieu/")  # warms the page's caches and the target
    with override_app_settings(STATS_SOURCE="log"), CaptureQueriesContext(connection) as off:
        get(client, "/gioi-thieu/")
    with CaptureQueriesContext(connection) as on:
        get(client, "/gioi-thieu/")
    added = [q["sql"] for q in on.captured_queries[len(off.captured_queries) :]]
    assert len(on) - len(off) == 3, added
    upserts = [q["sql"] for q in on.captured_queries if "ON CONFLICT" in q["sql"]]
    assert len(upserts) == 3, upserts
