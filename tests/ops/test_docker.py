"""docker/: no Docker engine runs on these machines, so the files are checked statically
(YAML parses, the services the design names are there, the image runs as non-root)."""

from pathlib import Path

import pytest

from congthongtin.core.conf import app_settings

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
    assert '"gunicorn", "congthongtin.nhuxuan_site.wsgi:application"' in text
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


# Citizens' attachments (issue 16, finding 7) ----------------------------------------------
PRIVATE_ROOT = "/srv/portal/private-media"  # the Dockerfile's PRIVATE_MEDIA_ROOT


def nginx_tree(text: str) -> list[tuple[str, list[str], list | None]]:
    """An nginx configuration as (directive, arguments, block or None), comments dropped:
    enough of nginx's grammar (quotes, blocks, semicolons) to ask which location serves
    what, instead of looking for strings."""
    tokens: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "#":
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
        elif char in "{};":
            tokens.append(char)
            i += 1
        elif char in "'\"":
            end = text.index(char, i + 1)
            tokens.append(text[i + 1 : end])
            i = end + 1
        else:
            start = i
            while i < len(text) and not text[i].isspace() and text[i] not in "{};":
                i += 1
            tokens.append(text[start:i])

    def block(position: int) -> tuple[list, int]:
        items, words = [], []
        while position < len(tokens):
            token = tokens[position]
            position += 1
            if token == ";":
                items.append((words[0], words[1:], None))
                words = []
            elif token == "{":
                children, position = block(position)
                items.append((words[0], words[1:], children))
                words = []
            elif token == "}":
                return items, position
            else:
                words.append(token)
        assert not words, f"unterminated directive {words}"
        return items, position

    tree, _ = block(0)
    return tree


def walk(tree, ancestors=()):
    for name, args, children in tree:
        yield ancestors, name, args, children
        if children is not None:
            yield from walk(children, (*ancestors, (name, args)))


@pytest.fixture(scope="module")
def nginx():
    return nginx_tree((DOCKER / "nginx.conf").read_text())


def public_server(tree):
    (server,) = [
        children
        for _a, name, _args, children in walk(tree)
        if name == "server"
        and children is not None  # not upstream's `server app:8000;`
        and any(d == "listen" and "80" in a for d, a, _c in children)
    ]
    return server


def test_nginx_conf__private_files_only_through_the_internal_location(nginx):
    locations = {
        tuple(args): {name: a for name, a, _c in children}
        for name, args, children in public_server(nginx)
        if name == "location"
    }
    protected = locations[(app_settings.PRIVATE_MEDIA_ACCEL_PREFIX,)]
    assert "internal" in protected  # a reader's own request for /_protected/… is refused
    assert protected["alias"] == [f"{PRIVATE_ROOT}/"]
    assert protected["disable_symlinks"] == ["on"]
    # /media/ serves the public media volume, which does not contain the private folder.
    assert locations[("/media/",)]["alias"] == ["/srv/portal/media/"]
    # The folder where attachments were kept before is refused outright.
    assert locations[("/media/consultation/",)]["return"] == ["404"]
    # No other root or alias, anywhere in the file, reaches the private folder or a parent.
    for ancestors, name, args, _children in walk(nginx):
        if name not in ("root", "alias"):
            continue
        if ancestors and ancestors[-1] == ("location", [app_settings.PRIVATE_MEDIA_ACCEL_PREFIX]):
            continue
        path = args[0].rstrip("/") + "/"
        assert not (PRIVATE_ROOT + "/").startswith(path), (name, args, ancestors)
        assert not path.startswith(PRIVATE_ROOT + "/"), (name, args, ancestors)


def test_compose__private_media_volume_for_app_and_nginx_read_only(compose):
    app = compose["services"]["app"]
    assert f"private-media:{PRIVATE_ROOT}" in app["volumes"]
    assert app["environment"]["PRIVATE_MEDIA_ACCEL_REDIRECT"] == "1"
    assert f"private-media:{PRIVATE_ROOT}:ro" in compose["services"]["nginx"]["volumes"]
    assert "private-media" in compose["volumes"]
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert f"PRIVATE_MEDIA_ROOT={PRIVATE_ROOT}" in dockerfile
    assert "MEDIA_ROOT=/srv/portal/media" in dockerfile


def test_stack__renders_the_private_folder_into_its_nginx_conf():
    stack = (DOCKER.parent / "deploy" / "stack.sh").read_text()
    assert f'-e "s|{PRIVATE_ROOT}/|$STATE/private-media/|"' in stack
    (folders,) = [line for line in stack.splitlines() if 'mkdir -p "$STATE"/{' in line]
    assert ",private-media," in folders


def test_settings_and_wsgi__named_in_the_namespace():
    """Since the apps import as ``congthongtin.<app>``, a bare ``nhuxuan_site`` module loads
    the project twice (check portal.E020 stops ``manage.py``): the image and the loopback
    stack name the namespaced modules."""
    import re

    bare = re.compile(r"(?<![.\w])nhuxuan_site\.(settings|wsgi)")
    stack_path = DOCKER.parent / "deploy" / "stack.sh"
    for path in (DOCKER / "Dockerfile", DOCKER / "compose.yaml", stack_path):
        text = path.read_text()
        assert not bare.search(text), path.name
    stack = stack_path.read_text()
    assert "DJANGO_SETTINGS_MODULE=congthongtin.nhuxuan_site.settings.production" in stack
    assert "congthongtin.nhuxuan_site.wsgi:application" in stack
