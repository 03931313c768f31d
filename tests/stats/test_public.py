"""What citizens see of the statistics (issue 21): the visit counter in the footer, the
counted link to a procedure's online service (R-PROC-4) and the national monitoring (EMC)
script with the security policy opened for it on its body's pages only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from congthongtin.core.conf import DEFAULTS, problems
from congthongtin.core.csp import DEFAULT_POLICY, add_sources, build_policy, merged_policy
from congthongtin.core.templatetags.portal_tags import service_link
from congthongtin.core.visitors import local_date
from congthongtin.stats.models import SiteDay, StatsSettings
from tests.factories import make_portal
from tests.helpers import override_app_settings
from tests.procedures.helpers import make_index, make_procedure

OTHER = "anhaodong.example.vn"
SERVICE_URL = (
    "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193"
)
COUNTER_URL = "/thong-ke/luot-truy-cap/"
EMC_HOST = "https://f-emc.ngsp.gov.vn"


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def other(db):
    other_site, other_home = make_portal(OTHER, "Xã An Hảo Đông", "UBND xã An Hảo Đông")
    return other_site, other_home


@pytest.fixture
def procedure(site):
    index = make_index(site.root_page)
    return make_procedure(
        index, title="Đăng ký khai sinh", online_level="toan-trinh", online_url=SERVICE_URL
    )


def settings_of(site, **values) -> StatsSettings:
    """Change a body's statistics settings as the admin does (a save, which empties the
    per-site caches)."""
    settings = StatsSettings.for_site(site)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split("; ")}


# The visit counter ------------------------------------------------------------------------
def test_counter__hidden_placeholder_with_the_figures_address_and_a_deferred_script(client, site):
    html = client.get("/").content.decode()
    match = re.search(r"<section class=\"stats-counter\"[^>]*>", html)
    assert match, "no counter placeholder in the footer"
    tag = match.group(0)
    assert f'data-stats-counter="{COUNTER_URL}"' in tag
    assert " hidden" in tag  # nothing shown without JavaScript
    assert 'aria-labelledby="stats-counter-title"' in tag
    assert 'id="stats-counter-title"' in html
    assert re.search(r'<script src="[^"]*stats/counter\.js" defer></script>', html)
    assert html.index("stats-counter") > html.index('<footer class="site-footer">')
    assert "aria-live" not in tag


def test_counter__page_html_independent_of_the_figures(client, site):
    before = client.get("/").content
    SiteDay.objects.create(site=site, date=local_date(), page_views=40000, visits=12345)
    after = client.get("/").content
    assert after == before
    assert b"12345" not in after and b"12.345" not in after


def test_counter__off_in_the_settings__no_placeholder_on_that_body_only(client, site, other):
    settings_of(site, show_counter=False)
    assert b"data-stats-counter" not in client.get("/").content
    assert b"data-stats-counter" in client.get("/", HTTP_HOST=OTHER).content


def test_counter__not_shown_until_the_project_routes_the_statistics(client, site, settings):
    settings.ROOT_URLCONF = "tests.stats.urls_without_stats"
    html = client.get("/").content
    assert b"data-stats-counter" not in html
    assert b"counter.js" not in html


def test_counter_tag__no_query_once_the_sites_settings_are_cached(
    rf, site, django_assert_num_queries
):
    template = Template("{% load stats_tags %}{% visit_counter %}")

    def render():
        request = rf.get("/")
        request._wagtail_site = site  # as Wagtail's page serving leaves it
        return template.render(Context({"request": request}))

    render()  # the first reader of the day reads (and creates) the settings
    with django_assert_num_queries(0):
        html = render()
    assert f'data-stats-counter="{COUNTER_URL}"' in html


def test_counter__a_warm_page_reads_no_statistics_table(client, site):
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    assert b"data-stats-counter" in response.content
    assert [q["sql"] for q in ctx.captured_queries if "stats_" in q["sql"]] == []


def test_counter_figures__per_body_from_the_cache_no_query_on_the_second_call(
    client, site, other, django_assert_num_queries
):
    today = local_date()
    SiteDay.objects.create(site=site, date=today, page_views=20000, visits=12345)
    SiteDay.objects.create(site=site, date=today - dt.timedelta(days=400), visits=1000)
    SiteDay.objects.create(site=other[0], date=today, visits=7)
    first = client.get(COUNTER_URL)
    assert first.json() == {"today": 12345, "month": 12345, "total": 13345}
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first["X-Accel-Expires"] == "300"
    with django_assert_num_queries(0):
        second = client.get(COUNTER_URL)
    assert second.json() == first.json()
    assert client.get(COUNTER_URL, HTTP_HOST=OTHER).json()["today"] == 7
    assert client.post(COUNTER_URL).status_code == 405


# The counted link to the online service ---------------------------------------------------
def test_procedure_page__every_link_to_the_service_goes_through_the_counted_redirect(
    client, procedure
):
    html = client.get(procedure.url).content.decode()
    outbound = f"/thong-ke/chuyen-tiep/{procedure.pk}/"
    assert html.count(f'href="{outbound}"') == 2  # "Submit online" and the address
    assert f'href="{SERVICE_URL.replace("&", "&amp;")}"' not in html
    assert f'href="{SERVICE_URL}"' not in html
    assert SERVICE_URL in html  # the address is still shown


def test_procedure_page__without_the_statistics_routed__straight_to_the_service(
    client, procedure, settings
):
    settings.ROOT_URLCONF = "tests.stats.urls_without_stats"
    html = client.get(procedure.url).content.decode()
    assert f'href="{SERVICE_URL}"' in html
    assert "/thong-ke/chuyen-tiep/" not in html


def test_service_link__empty_for_a_page_without_online_service(procedure, site):
    offline = make_procedure(procedure.get_parent(), title="Chứng thực chữ ký")
    assert service_link(offline) == ""
    assert service_link(site.root_page.specific) == ""
    assert service_link(procedure) == f"/thong-ke/chuyen-tiep/{procedure.pk}/"


def test_outbound__302_to_the_exact_address_cacheable(client, procedure):
    response = client.get(f"/thong-ke/chuyen-tiep/{procedure.pk}/")
    assert response.status_code == 302
    assert response["Location"] == SERVICE_URL
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["X-Accel-Expires"] == "300"
    assert not response.cookies


def test_outbound__another_bodys_page__404_there_302_on_its_own_host(client, procedure, other):
    _site, other_home = other
    index = make_index(other_home, slug="thu-tuc")
    theirs = make_procedure(index, online_level="toan-trinh", online_url="https://dvc.example.vn/x")
    assert client.get(f"/thong-ke/chuyen-tiep/{theirs.pk}/").status_code == 404
    response = client.get(f"/thong-ke/chuyen-tiep/{theirs.pk}/", HTTP_HOST=OTHER)
    assert (response.status_code, response["Location"]) == (302, "https://dvc.example.vn/x")
    assert client.get(f"/thong-ke/chuyen-tiep/{procedure.pk}/", HTTP_HOST=OTHER).status_code == 404


def test_outbound__draft_offline_private_or_unknown__404(client, procedure):
    index = procedure.get_parent()
    draft = make_procedure(index, live=False, online_level="toan-trinh", online_url=SERVICE_URL)
    offline = make_procedure(index, title="Chứng thực chữ ký")
    private = make_procedure(index, online_level="toan-trinh", online_url=SERVICE_URL)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x1")
    for page_id in (draft.pk, offline.pk, private.pk, 999999):
        assert client.get(f"/thong-ke/chuyen-tiep/{page_id}/").status_code == 404, page_id
    home = Page.objects.get(depth=2)
    assert client.get(f"/thong-ke/chuyen-tiep/{home.pk}/").status_code == 404


# National monitoring (EMC) ----------------------------------------------------------------
def test_emc__unset__no_script_and_the_fixed_policy(client, site):
    response = client.get("/")
    assert b"f-emc" not in response.content and b"emc.js" not in response.content
    assert response["Content-Security-Policy"] == build_policy(DEFAULT_POLICY)


def test_emc__set__tracker_in_the_head_and_its_host_allowed_on_that_body_only(client, site, other):
    client.get("/")  # the settings are cached: saving them must show at once
    settings_of(site, emc_site_id="227")
    response = client.get("/")
    html = response.content.decode()
    head = html[: html.index("</head>")]
    assert re.search(
        r'<script src="[^"]*stats/emc\.js" data-emc-site-id="227" '
        r'data-emc-tracker="https://f-emc\.ngsp\.gov\.vn/tracking" defer></script>',
        head,
    )
    assert (
        '<script src="https://f-emc.ngsp.gov.vn/embed/gov-tracking.min.js" defer></script>' in head
    )
    assert head.index("emc.js") < head.index("gov-tracking.min.js")  # the queue first
    csp = policy(response)
    assert csp["script-src"] == ["'self'", EMC_HOST]
    assert csp["connect-src"] == ["'self'", EMC_HOST]
    assert csp["img-src"] == ["'self'", "data:", EMC_HOST]
    assert csp["default-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # The other body's pages, and JSON answers of this body, keep the fixed policy.
    theirs = client.get("/", HTTP_HOST=OTHER)
    assert b"f-emc" not in theirs.content
    assert theirs["Content-Security-Policy"] == build_policy(DEFAULT_POLICY)
    figures = client.get(COUNTER_URL)
    assert figures["Content-Security-Policy"] == build_policy(DEFAULT_POLICY)


@pytest.mark.parametrize(
    "value",
    [
        '227"><script>alert(1)</script>',
        "227 onload=alert(1)",
        "22'7",
        "227;script-src *",
        "mã-227",
        "2\n27",
    ],
)
def test_emc__an_id_outside_letters_digits_dash_underscore__nothing_rendered(client, site, value):
    StatsSettings.objects.update_or_create(site=site, defaults={"emc_site_id": value})
    response = client.get("/")
    assert b"f-emc" not in response.content
    assert b"alert(1)" not in response.content
    assert response["Content-Security-Policy"] == build_policy(DEFAULT_POLICY)


def test_emc__ids_with_letters_dash_underscore__rendered(client, site):
    StatsSettings.objects.update_or_create(site=site, defaults={"emc_site_id": " Nhu_Xuan-8981 "})
    assert b'data-emc-site-id="Nhu_Xuan-8981"' in client.get("/").content


def test_emc__script_address_from_the_settings_and_its_host_in_the_policy(client, site):
    StatsSettings.objects.update_or_create(site=site, defaults={"emc_site_id": "8981"})
    with override_app_settings(
        EMC_SCRIPT_URL="https://emc.example.gov.vn/embed/t.js",
        EMC_TRACKER_URL="https://thu.emc.example.gov.vn:8443/tracking",
    ):
        response = client.get("/")
    assert b'<script src="https://emc.example.gov.vn/embed/t.js" defer>' in response.content
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "https://emc.example.gov.vn"]
    assert csp["connect-src"] == [
        "'self'",
        "https://emc.example.gov.vn",
        "https://thu.emc.example.gov.vn:8443",
    ]


@pytest.mark.parametrize(
    "value",
    [
        "http://f-emc.ngsp.gov.vn/embed/gov-tracking.min.js",
        "https://f-emc.ngsp.gov.vn/x.js' 'unsafe-inline",
        "https://f-emc.ngsp.gov.vn/x.js;script-src *",
        "https://user@f-emc.ngsp.gov.vn/x.js",
        "https://localhost/x.js",
        "https://f-emc.ngsp.gov.vn:abc/x.js",
        "javascript:alert(1)",
        "//f-emc.ngsp.gov.vn/x.js",
        42,
    ],
)
def test_emc_addresses__only_plain_https_accepted(value):
    for key in ("EMC_SCRIPT_URL", "EMC_TRACKER_URL"):
        wrong, _unknown = problems({key: value})
        assert wrong, (key, value)
    assert problems({"EMC_SCRIPT_URL": DEFAULTS["EMC_SCRIPT_URL"]}) == ([], [])


# core.csp: one response's additions --------------------------------------------------------
def test_csp_additions__only_https_origins_merged_into_a_copy(rf):
    request = rf.get("/")
    add_sources(request, {"script-src": ["https://a.example.vn"], "font-src": []})
    add_sources(request, {"script-src": ["https://a.example.vn", "https://b.example.vn:8443"]})
    assert request.csp_extra_sources["script-src"] == [
        "https://a.example.vn",
        "https://b.example.vn:8443",
    ]
    for bad in ["'unsafe-inline'", "*", "https:", "https://*.example.vn", "data:", "a.vn; x"]:
        with pytest.raises(ValueError):
            add_sources(request, {"script-src": [bad]})
    with pytest.raises(ValueError):
        add_sources(request, {"script-src; x": ["https://a.example.vn"]})
    base = {"default-src": ["'self'"], "object-src": ["'none'"], "script-src": ["'self'"]}
    merged = merged_policy(
        base,
        {
            "script-src": ["https://a.example.vn", "'unsafe-eval'"],
            "worker-src": ["https://a.example.vn"],
            "object-src": ["https://a.example.vn"],
            "bad directive": ["https://a.example.vn"],
        },
    )
    assert merged["script-src"] == ["'self'", "https://a.example.vn"]
    assert merged["worker-src"] == ["'self'", "https://a.example.vn"]  # from default-src
    assert merged["object-src"] == ["https://a.example.vn"]
    assert "bad directive" not in merged
    assert base["script-src"] == ["'self'"]  # the fixed policy is never changed
