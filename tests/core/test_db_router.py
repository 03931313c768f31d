"""Which requests may read the read replica (core.db_router), decided without a database.

The replica itself — replay, purge ordering, fallback — is exercised on a real streaming
replica in tests/ops/test_replica.py.
"""

from __future__ import annotations

import contextlib

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from congthongtin.core import sitecache
from congthongtin.core.db_router import (
    PRIMARY,
    REPLICA,
    STICKY_COOKIE,
    ReplicaRouter,
    ReplicaRoutingMiddleware,
    primary_reads,
    reads_may_use_replica,
    replica_eligible,
    request_routing,
)
from congthongtin.nhuxuan_site.settings import environment as envcfg
from tests.helpers import override_app_settings

rf = RequestFactory()
PG = {"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 60}


@pytest.fixture
def replica_alias():
    """A ``replica`` entry in DATABASES (never connected to by these tests)."""
    connections.settings[REPLICA] = {
        **connections[PRIMARY].settings_dict,
        "HOST": "127.0.0.1",
        "PORT": "1",
    }
    yield
    del connections.settings[REPLICA]
    with contextlib.suppress(AttributeError):  # never connected
        del connections[REPLICA]


@pytest.mark.parametrize(
    ("method", "path", "cookies", "eligible"),
    [
        ("get", "/tin-tuc/bai-moi/", {}, True),
        ("head", "/", {}, True),
        ("get", "/api/v2/pages/", {}, True),  # the public JSON API reads like a page
        ("get", "/tim-kiem/?q=thuế", {}, True),
        ("post", "/hoi-dap/gui/", {}, False),  # a citizen's form
        ("put", "/api/v2/pages/", {}, False),
        ("get", "/tin-tuc/", {settings.SESSION_COOKIE_NAME: "x"}, False),  # logged in
        ("get", "/tin-tuc/", {STICKY_COOKIE: "1"}, False),  # just sent a form
        ("get", "/admin/pages/3/", {}, False),
        ("get", "/admin/pages/3/edit/preview/", {}, False),
        ("get", "/django-admin/", {}, False),
    ],
)
def test_replica_eligible(method, path, cookies, eligible):
    request = getattr(rf, method)(path)
    request.COOKIES.update(cookies)
    assert replica_eligible(request) is eligible


@override_app_settings(REPLICA_EXCLUDE_PREFIXES=("/nhan-tin/",), CACHE_EXCLUDE_PREFIXES=("/x/",))
def test_excluded_prefixes__primary():
    assert not replica_eligible(rf.get("/nhan-tin/xac-nhan/abc/"))
    assert not replica_eligible(rf.get("/x/y/"))
    assert replica_eligible(rf.get("/tin-tuc/"))


@override_app_settings(ADMIN_PATH="quan-tri-7f3a/")
def test_moved_admin__primary():
    assert not replica_eligible(rf.get("/quan-tri-7f3a/pages/"))


def test_outside_a_request__primary():
    # Management commands, tasks, migrations and the shell have no request.
    assert not reads_may_use_replica()
    assert ReplicaRouter().db_for_read(None) == PRIMARY


def test_eligible_request__until_it_writes():
    router = ReplicaRouter()
    with request_routing(eligible=True) as state:
        assert reads_may_use_replica()
        with primary_reads():
            assert not reads_may_use_replica()
        assert reads_may_use_replica()
        assert router.db_for_write(None) == PRIMARY
        assert state.wrote
        assert not reads_may_use_replica()
    with request_routing(eligible=False):
        assert not reads_may_use_replica()


def test_no_replica_configured__primary_even_when_eligible():
    with request_routing(eligible=True):
        assert ReplicaRouter().db_for_read(None) == PRIMARY


def test_site_cache_is_filled_from_the_primary():
    seen = []
    with request_routing(eligible=True):
        sitecache.cached("portal:test-router", lambda: seen.append(reads_may_use_replica()))
    assert seen == [False]


def test_migrations_only_on_the_primary():
    router = ReplicaRouter()
    assert router.allow_migrate(REPLICA, "core") is False
    assert router.allow_migrate(PRIMARY, "core") is None


def test_middleware__form_response_sets_the_sticky_cookie(replica_alias):
    seen = []

    def view(request):
        seen.append(reads_may_use_replica())
        return HttpResponse("ok")

    middleware = ReplicaRoutingMiddleware(view)
    response = middleware(rf.get("/tin-tuc/"))
    assert STICKY_COOKIE not in response.cookies
    response = middleware(rf.post("/hoi-dap/gui/"))
    cookie = response.cookies[STICKY_COOKIE]
    assert cookie["max-age"] == 15 and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert seen == [True, False]
    assert not reads_may_use_replica()  # the state ends with the request


def test_middleware__without_replica__changes_nothing():
    response = ReplicaRoutingMiddleware(lambda request: HttpResponse("ok"))(rf.post("/x/"))
    assert STICKY_COOKIE not in response.cookies


def test_settings__replica_url():
    assert envcfg.replica_database_config({}, PG) is None
    config = envcfg.replica_database_config(
        {"DATABASE_REPLICA_URL": "postgres://portal@db-replica:5432/portal"}, PG
    )
    assert config["HOST"] == "db-replica"
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_MAX_AGE"] == 60 and config["CONN_HEALTH_CHECKS"]
    assert config["OPTIONS"]["connect_timeout"] == 2
    assert config["TEST"] == {"MIRROR": "default"}
    with pytest.raises(ImproperlyConfigured):
        envcfg.replica_database_config(
            {"DATABASE_REPLICA_URL": "postgres://portal@db-replica/portal"},
            {"ENGINE": "django.db.backends.sqlite3"},
        )


def test_settings__middleware_before_the_session():
    middleware = settings.MIDDLEWARE
    assert middleware.index("congthongtin.core.db_router.ReplicaRoutingMiddleware") < (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    )
