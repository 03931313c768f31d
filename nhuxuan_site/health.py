"""``/healthz``: is this instance able to serve (R-OPS-1)?

Load balancers, compose/Kubernetes health checks and the technical administrator's
monitoring poll it. It checks the three services a page needs — the database, the
cache and the search backend — and answers JSON with 200 when all are reachable,
503 otherwise. It names the failed check and the exception *class* only: no host
names, URLs, user names or messages that could carry a DSN or a password, because the
endpoint is public (a health check that needs a login is a health check nobody runs).
"""

from __future__ import annotations

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache() -> None:
    # A unique key: two instances polled at once must not read each other's value.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("cache did not return the value just stored")
    finally:
        cache.delete(key)


def check_search() -> None:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    client = getattr(backend, "es", None)
    if client is not None:
        # Elasticsearch / OpenSearch: a cheap round trip to the cluster.
        if not client.ping():
            raise ConnectionError("search cluster did not answer")
        return
    # The database backend lives in the database checked above; make sure its index
    # table can be read (a missing migration would break every search).
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.only("pk").first()


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
}


def run_checks() -> tuple[bool, dict[str, dict]]:
    results: dict[str, dict] = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # any failure makes the instance unhealthy
            healthy = False
            # The class name only: messages of database/cache errors may carry host names.
            results[name] = {"ok": False, "error": type(exc).__name__}
            logger.warning("healthz: %s check failed", name, exc_info=True)
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return healthy, results


@never_cache
@require_safe
def healthz(request):
    healthy, results = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
