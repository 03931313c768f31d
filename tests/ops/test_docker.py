"""docker/: no Docker engine runs on these machines, so the files are checked statically
(YAML parses, the services the design names are there, the image runs as non-root)."""

from pathlib import Path

import pytest

DOCKER = Path(__file__).resolve().parents[2] / "docker"


@pytest.fixture(scope="module")
def compose():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def test_compose__services_of_the_design(compose):
    services = compose["services"]
    assert {"db", "redis", "search", "app", "worker", "scheduler", "nginx", "migrate"} <= set(
        services
    )
    assert services["db"]["image"].startswith("postgres:15")
    assert "elasticsearch:8" in services["search"]["image"]
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert "publish_scheduled" in " ".join(services["scheduler"]["command"])
    app_env = services["app"]["environment"]
    assert app_env["SEARCH_BACKEND"] == "elasticsearch8"
    assert app_env["FRONTEND_CACHE_URL"] == "http://nginx:8080"
    assert app_env["TASKS_BACKEND"] == "database"
    # Only nginx is reachable from outside; the purge port (8080) is not published.
    published = {name for name, svc in services.items() if svc.get("ports")}
    assert published == {"nginx"}
    assert services["nginx"]["ports"] == ["80:80"]


def test_dockerfile__non_root_gunicorn_healthcheck():
    text = (DOCKER / "Dockerfile").read_text()
    assert "\nUSER portal\n" in text
    assert '"gunicorn", "nhuxuan_site.wsgi:application"' in text
    assert "HEALTHCHECK" in text and "/healthz" in text


def test_nginx_conf__cache_and_purge_wired():
    text = (DOCKER / "nginx.conf").read_text()
    assert 'proxy_cache_key "$host$request_uri";' in text
    # The module's separate-location form; the same-location form
    # (`proxy_cache_purge PURGE from …`) crashes Debian's module 2.3 (bench/RESULTS.md).
    assert 'proxy_cache_purge portal "$host$request_uri";' in text
    active = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "proxy_cache_purge PURGE from" not in active
    assert "proxy_set_header X-Real-IP $remote_addr;" in text
    # nginx's own errors (app down, rate limit) are Vietnamese pages, not nginx's English.
    assert "error_page 502 503 504 = @unavailable;" in text
    assert "error_page 429 = @too_many;" in text
    assert "proxy_cache_bypass $portal_skip_cache;" in text
    assert "location /media/documents/ { return 404; }" in text
