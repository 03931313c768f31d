"""Settings come from the environment only (issue 2, docs/architecture.md §5)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from congthongtin.nhuxuan_site.settings import environment as envcfg

REPO = Path(__file__).resolve().parents[2]


def test_database__unset__sqlite_file_under_var():
    config = envcfg.database_config({}, Path("/srv/portal/var/db.sqlite3"))
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/srv/portal/var/db.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database__postgres_url__parsed_with_persistent_connections():
    config = envcfg.database_config(
        {"DATABASE_URL": "postgres://portal:secret@db.example:5433/congtt", "CONN_MAX_AGE": "30"},
        Path("unused"),
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("congtt", "portal", "secret")
    assert (config["HOST"], config["PORT"]) == ("db.example", 5433)
    assert config["CONN_MAX_AGE"] == 30
    assert config["CONN_HEALTH_CHECKS"] is True


def test_search__default__database_backend():
    assert envcfg.search_config({})["default"]["BACKEND"] == "congthongtin.search.backends.database"


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("elasticsearch8", "congthongtin.search.backends.elasticsearch8"),
        ("opensearch2", "congthongtin.search.backends.opensearch2"),
        ("ElasticSearch8", "congthongtin.search.backends.elasticsearch8"),
    ],
)
def test_search__external_backend__url_list_and_index(name, module):
    config = envcfg.search_config(
        {"SEARCH_BACKEND": name, "SEARCH_URL": "http://es1:9200, http://es2:9200"}
    )["default"]
    assert config["BACKEND"] == module
    assert config["URLS"] == ["http://es1:9200", "http://es2:9200"]
    assert config["INDEX"] == "portal"


def test_search__external_backend_without_url__refused():
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL"):
        envcfg.search_config({"SEARCH_BACKEND": "elasticsearch8"})


def test_search__unknown_backend__refused_with_the_accepted_names():
    with pytest.raises(ImproperlyConfigured, match="database, elasticsearch8, opensearch2"):
        envcfg.search_config({"SEARCH_BACKEND": "solr"})


def test_cache__redis_url__redis_backend():
    config = envcfg.cache_config({"REDIS_URL": "redis://127.0.0.1:6379/1"})["default"]
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_cache__unset__local_memory():
    config = envcfg.cache_config({})["default"]
    assert config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_email__smtp_url__parsed():
    config = envcfg.email_config({"EMAIL_URL": "smtp+tls://user:pw@mail.example:587"})
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example", 587)
    assert config["EMAIL_USE_TLS"] is True


def test_email__unset__console():
    assert envcfg.email_config({})["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_secret_key__required_and_missing__refused():
    with pytest.raises(ImproperlyConfigured):
        envcfg.secret_key({}, required=True)
    assert envcfg.secret_key({"SECRET_KEY": "s3cret"}, required=True) == "s3cret"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_as_bool(raw, expected):
    assert envcfg.as_bool(raw) is expected


def _import_settings(module: str, extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(extra_env)
    code = (
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']={module!r}; "
        "from django.conf import settings; "
        "print(settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ, "
        "settings.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )


def test_production_settings__without_secret_key__refuse_to_load():
    result = _import_settings("congthongtin.nhuxuan_site.settings.production", {})
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_settings__from_environment__vietnamese_locale_and_postgres():
    result = _import_settings(
        "congthongtin.nhuxuan_site.settings.production",
        {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u@h:5432/d"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "vi",
        "Asia/Ho_Chi_Minh",
        "True",
        "django.db.backends.postgresql",
    ]


def test_database__not_persistent__each_request_closes_its_connection():
    config = envcfg.database_config(
        {"DATABASE_URL": "postgres://portal@db.example/congtt", "CONN_MAX_AGE": "60"},
        Path("unused"),
        persistent=False,
    )
    assert config["CONN_MAX_AGE"] == 0
    assert config["CONN_HEALTH_CHECKS"] is False


def test_dev_settings__postgres__connections_not_kept_per_thread():
    # Security audit (issue 16, finding 15): the development server on PostgreSQL kept a
    # connection per request thread for 60 s and exhausted the server's 100 connections.
    code = (
        "import django.conf as c; from django.conf import settings as s; "
        "print(s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['ENGINE'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congthongtin.nhuxuan_site.settings.dev",
        "DATABASE_URL": "postgres://portal@db.example:5432/congtt",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "django.db.backends.postgresql"]
