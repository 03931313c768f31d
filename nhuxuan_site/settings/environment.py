"""Turn environment variables into Django settings.

Every deployment-specific value comes from the environment (docs/architecture.md §5); these helpers
are pure functions of a mapping so that tests can exercise them without touching
``os.environ``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

#: Wagtail/modelsearch backend module for each accepted ``SEARCH_BACKEND`` value.
SEARCH_BACKENDS = {
    # Wagtail's database backend; on SQLite with ranking in one pass (search.backends.sqlite).
    "database": "congthongtin.search.backends.database",
    # Wagtail's own backends with Vietnamese-aware mappings (search.backends).
    "elasticsearch8": "congthongtin.search.backends.elasticsearch8",
    "opensearch2": "congthongtin.search.backends.opensearch2",
}

TRUE_VALUES = {"1", "true", "yes", "on"}


def as_bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def as_list(value: str | None, default: list[str] | None = None) -> list[str]:
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(
    env: Mapping[str, str], default_sqlite: Path, *, persistent: bool = True
) -> dict:
    """``DATABASE_URL`` (``sqlite:///…``, ``postgres://…``), SQLite file by default.

    ``persistent=False`` (the development server): every request closes its connection.
    ``runserver`` answers each request in a new thread, and a persistent connection lives
    with its thread for ``CONN_MAX_AGE`` seconds, so a burst of requests held one server
    connection each and exhausted PostgreSQL's 100 (security audit, issue 16)."""
    url = env.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers and the single writer work at the same time (the dev server,
        # the test server of the browser tests and a management command together).
        config.setdefault("OPTIONS", {})["init_command"] = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        )
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    else:
        config["CONN_MAX_AGE"] = int(env.get("CONN_MAX_AGE", "60")) if persistent else 0
        config["CONN_HEALTH_CHECKS"] = persistent
    return config


def replica_database_config(env: Mapping[str, str], primary: dict) -> dict | None:
    """``DATABASE_REPLICA_URL``: a PostgreSQL hot standby of the primary, for the anonymous
    public reads (core.db_router, docs/deploy.md §3). None when unset.

    ``DATABASE_REPLICA_CONNECT_TIMEOUT`` (seconds, default 2) bounds what a replica that
    stopped answering costs: one failed connect per process and ``REPLICA_HEALTH_SECONDS``."""
    url = env.get("DATABASE_REPLICA_URL")
    if not url:
        return None
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] != "django.db.backends.postgresql" or config["ENGINE"] != primary["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL needs a PostgreSQL primary and a PostgreSQL replica"
        )
    config["CONN_MAX_AGE"] = primary.get("CONN_MAX_AGE", 0)
    # A replica restarted or failed over: the next request notices and reconnects.
    config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("OPTIONS", {})["connect_timeout"] = int(
        env.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2")
    )
    # The test runner makes no database for it: in tests it is the primary's.
    config["TEST"] = {"MIRROR": "default"}
    return config


def vietnamese_index_settings() -> dict:
    # Imported lazily: settings load before apps; the module is plain data.
    from congthongtin.search.elasticsearch import vietnamese_index_settings as settings_

    return settings_()


def search_config(env: Mapping[str, str]) -> dict:
    """``SEARCH_BACKEND`` (database | elasticsearch8 | opensearch2) and ``SEARCH_URL``."""
    name = (env.get("SEARCH_BACKEND") or "database").strip().lower()
    if name not in SEARCH_BACKENDS:
        accepted = ", ".join(sorted(SEARCH_BACKENDS))
        raise ImproperlyConfigured(f"SEARCH_BACKEND={name!r} is not one of: {accepted}")
    backend: dict = {"BACKEND": SEARCH_BACKENDS[name]}
    if name == "database":
        backend["AUTO_UPDATE"] = True
        # PostgreSQL: no English stemming or stop words ("an", "do" are Vietnamese
        # syllables); the search app folds accents itself. SQLite ignores it.
        backend["SEARCH_CONFIG"] = "simple"
    else:
        url = env.get("SEARCH_URL")
        if not url:
            raise ImproperlyConfigured(f"SEARCH_BACKEND={name} needs SEARCH_URL")
        backend.update(
            {
                "URLS": as_list(url),
                "INDEX": env.get("SEARCH_INDEX", "portal"),
                "TIMEOUT": int(env.get("SEARCH_TIMEOUT", "5")),
                "AUTO_UPDATE": True,
                "INDEX_SETTINGS": vietnamese_index_settings(),
            }
        )
    return {"default": backend}


def cache_config(env: Mapping[str, str]) -> dict:
    """Redis when ``REDIS_URL`` is set, else per-process local memory."""
    url = env.get("REDIS_URL")
    if url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "portal"),
                "TIMEOUT": 300,
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            # Django's default (300 entries, then a third dropped) would forget the visitors
            # that stats.counting follows through a day (one entry each) within minutes.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }


def email_config(env: Mapping[str, str], default: str = "consolemail://") -> dict:
    """``EMAIL_URL`` (``smtp://user:pass@host:587``, ``smtp+tls://…``, ``consolemail://``)."""
    return environ.Env.email_url_config(env.get("EMAIL_URL") or default)


def secret_key(env: Mapping[str, str], *, required: bool, fallback: str = "") -> str:
    """``SECRET_KEY``; production refuses to start without one."""
    key = env.get("SECRET_KEY", "")
    if key:
        return key
    if required:
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    return fallback
