"""/healthz: JSON, 200 when database, cache and search answer, 503 otherwise (R-OPS-1)."""

from django.test import TestCase, override_settings

DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"  # forgets every value
UNREACHABLE_ES = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        # Port 9 (discard) is closed on loopback: connection refused at once.
        "URLS": ["http://elastic:s3cret-password@127.0.0.1:9"],
        "INDEX": "portal",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    }
}


@override_settings(ROOT_URLCONF="tests.ops.urls")
class HealthzTests(TestCase):
    def test_healthz__all_services_up__200_json(self):
        response = self.client.get("/healthz")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        body = response.json()
        assert body["status"] == "ok"
        assert set(body["checks"]) == {"database", "cache", "search"}
        assert all(check["ok"] for check in body["checks"].values())
        # Never cached by a proxy: a stale "ok" would hide an outage.
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_healthz__head__allowed_for_load_balancers(self):
        assert self.client.head("/healthz").status_code == 200

    def test_healthz__post__refused(self):
        assert self.client.post("/healthz").status_code == 405

    @override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    )
    def test_healthz__cache_loses_values__503_names_the_check(self):
        response = self.client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "error"
        assert body["checks"]["cache"]["ok"] is False
        assert body["checks"]["database"]["ok"] is True

    @override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE_ES)
    def test_healthz__search_cluster_down__503_without_secrets(self):
        response = self.client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["checks"]["search"] == {
            "ok": False,
            "error": body["checks"]["search"]["error"],
            "ms": body["checks"]["search"]["ms"],
        }
        text = response.content.decode()
        for secret in ("s3cret", "elastic:", "127.0.0.1", "SECRET_KEY", "Traceback"):
            assert secret not in text
