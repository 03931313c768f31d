"""Real-browser tests (issue 10): Playwright driving Debian's Chromium against a live server.

Run them with ``make e2e`` or ``pytest -m e2e tests/e2e`` (the ``-m 'not e2e'`` of
pyproject's addopts leaves them out of ``make test``). Without Chromium at
``/usr/bin/chromium`` (``E2E_CHROMIUM`` overrides the path), or without the
``playwright`` / ``axe-playwright-python`` packages, every test here is skipped with the
reason.

Server and data: the tests use pytest-django's ``live_server`` (Django's threaded
``LiveServerThread``, static and media files served) through the session fixture
``live_site``, which loads the demo portal (``load_demo``, password ``PASSWORD``,
one-time passwords cleared) once into the test database. pytest-django's
``_live_server_helper`` is replaced here: the original makes every test that uses
``live_server`` a ``transactional_db`` test, whose teardown flushes every table, and the
demo (half a minute to load) would have to be loaded again for each test. So the data
stays for the session and database access stays open; tests that change data (the
editorial chain, the forms) create their own objects with unique titles, so their order
does not matter. The browser tests run after any other tests selected with them, so the
data they commit never reaches tests that expect an empty database.

The demo's sites are given the live server's port (``load_demo --port``): the live server
listens on ``localhost`` and a random port, the default site is ``localhost``.

Helpers: ``login(page, username)``, ``axe_check(page, allowed={rule: reason})``,
``no_horizontal_scroll(page)`` (320 px), ``focus_is_visible(page)``, ``tab_until``,
``save_screenshots`` (``make screenshots``). Fixtures: ``browser`` (one per session),
``page`` (a fresh context per test; JavaScript errors and CSP violations fail the test),
``open_page(username)`` (another person's signed-in page), ``viewport`` (desktop unless
parametrized with ``VIEWPORTS``: phone 360×740 and desktop 1280×800), ``demo`` (finds
pages in the demo data; fails, never skips, when an app or its demo content is missing).
A failed test leaves screenshots in ``var/e2e-failures/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "e2e-password-123"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: 320 CSS px, no 2-D scroll
VIEWPORTS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
#: axe-core rule tags: WCAG 2.0 and 2.1, levels A and AA (the Vietnamese tenders' WCAG 2.1 AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Playwright waits this long (ms) for an element or a navigation before it fails.
TIMEOUT_MS = 15_000

# Without the dev extras the modules here cannot even be imported; leave them out of the
# collection so that `make test` still runs (the browser tests need `pip install -e .[dev]`).
try:
    import playwright.sync_api  # noqa: F401
except ImportError:  # pragma: no cover - depends on the installation
    collect_ignore_glob = ["test_*.py"]


def _skip_reason() -> str | None:
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)):
        return (
            f"Chromium not found at {CHROMIUM}: the browser tests are skipped "
            "(`make e2e` installs it with apt-get; or set E2E_CHROMIUM)."
        )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[dev]'): browser tests skipped."
    return None


def pytest_collection_modifyitems(session, config, items):
    """Browser tests last; skipped as a whole when the browser cannot run."""
    here = Path(__file__).parent
    e2e = [item for item in items if here in Path(str(item.fspath)).parents]
    if not e2e:
        return
    others = [item for item in items if item not in e2e]
    items[:] = others + e2e
    reason = _skip_reason()
    if reason:
        for item in e2e:
            item.add_marker(pytest.mark.skip(reason=reason))


# Server and data -------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """Replaces pytest-django's helper of the same name for the browser tests.

    pytest-django's version turns every test that uses ``live_server`` into a
    ``transactional_db`` test, whose teardown flushes every table: the demo portal would be
    gone after the first test. Here the data loaded by ``live_site`` stays for the session;
    the host is still added to ALLOWED_HOSTS during each test, as the original does."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server")
    server._live_server_modified_settings.enable()
    yield
    server._live_server_modified_settings.disable()


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker, live_server):
    """The demo portal on pytest-django's live server, for the whole session.

    ``live_server`` among the fixtures makes pytest-django create the test database
    (``django_db_setup``: migrations on an in-memory SQLite database, or ``test_<name>`` on
    PostgreSQL); the demo is loaded into it once, and database access stays open for the
    session (the tests read and check what the browser did)."""
    from urllib.parse import urlsplit

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    django_db_blocker.unblock()  # restored at the end of the session, below
    try:
        name = str(connection.settings_dict["NAME"])
        assert "memory" in name or name.startswith("test_"), (
            f"Refusing to load the demo into {name}: not a test database."
        )
        # The demo's three bodies on the live server's port, as make run serves them on
        # its own: with several sites Wagtail writes the address of a page rendered
        # without a request with its site's host and port ("http://localhost:<port>/…").
        port = urlsplit(live_server.url).port
        call_command("load_demo", password=PASSWORD, port=port, stdout=StringIO())
        get_user_model().objects.update(must_change_password=False)
        yield live_server
    finally:
        django_db_blocker.restore()
        # The demo's images and documents went to this run's throw-away media folder
        # (settings.test: var/test-media/<pid>); ~10 MB a run, not worth keeping.
        from django.conf import settings

        media = Path(settings.MEDIA_ROOT)
        if media.name == str(os.getpid()) and media.parent.name == "test-media":
            shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _public_forms_without_minimum_time(settings):
    """The public forms refuse a submission sent less than 3 s after the page was served
    (a robot's speed); a test types faster than a person but must not sleep."""
    settings.CONGTHONGTIN = {**settings.CONGTHONGTIN, "PUBLIC_FORM_MIN_SECONDS": 0}


# Browser ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def playwright_instance():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop running in this thread, and Django's
    # ORM refuses to run where a loop runs unless told it is safe. It is: the tests' ORM
    # calls run between Playwright calls, never inside a coroutine. Set only while the
    # browser tests run, so other tests keep Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def viewport(request):
    """Desktop unless the test is parametrized with ``indirect=True``."""
    return getattr(request, "param", DESKTOP)


def _new_context(browser, live_site, viewport):
    context = browser.new_context(
        viewport=viewport,
        base_url=live_site.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _watch_errors(page, errors: list[str]) -> None:
    page.on("pageerror", lambda error: errors.append(f"JavaScript error on {page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"Console on {page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )


@pytest.fixture
def context(browser, live_site, viewport):
    context = _new_context(browser, live_site, viewport)
    yield context
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


FAILURES_DIR = Path(__file__).resolve().parents[2] / "var" / "e2e-failures"


def _screenshot_on_failure(request, pages) -> None:
    """A failed test leaves screenshots of its pages in var/e2e-failures/ (git-ignored)."""
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    FAILURES_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    for number, page in enumerate(pages):
        with contextlib.suppress(Exception):  # a closed page has nothing to show
            page.screenshot(path=FAILURES_DIR / f"{name}-{number}.png", full_page=True)


@pytest.fixture
def page(request, context):
    """A fresh page; JavaScript errors and CSP violations on it fail the test."""
    page = context.new_page()
    errors: list[str] = []
    _watch_errors(page, errors)
    yield page
    _screenshot_on_failure(request, [page])
    assert not errors, "\n".join(errors)


@pytest.fixture
def open_page(request, browser, live_site, viewport):
    """``open_page("lvcuong")``: a page in a browser context of its own (another person),
    signed in when a user name is given."""
    contexts = []
    errors: list[str] = []

    def make(username: str | None = None):
        context = _new_context(browser, live_site, viewport)
        contexts.append(context)
        page = context.new_page()
        _watch_errors(page, errors)
        if username:
            login(page, username)
        return page

    yield make
    _screenshot_on_failure(request, [c.pages[0] for c in contexts if c.pages])
    for context in contexts:
        context.close()
    assert not errors, "\n".join(errors)


# Demo data ------------------------------------------------------------------------------
def local(url: str) -> str:
    """The path of a page's address. The demo serves three bodies, so Wagtail writes a
    page's ``url`` with its site's host (``http://localhost/…``); the live server answers
    the default site's paths on its own host and port."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Demo:
    """Lookups into the loaded demo data, so tests do not hard-code page addresses."""

    @staticmethod
    def first_url(model, **filters) -> str:
        page = model.objects.live().filter(**filters).order_by("path").first()
        if page is None:
            pytest.fail(
                f"No live {model.__name__} in the demo portal: `load_demo` has not loaded "
                f"the demo content of the {model._meta.app_label} app.",
                pytrace=False,
            )
        return local(page.url)

    @staticmethod
    def model(label: str):
        """``model("legal.LegalDocumentPage")``, or a clear failure when the app is absent."""
        from django.apps import apps

        app_label, name = label.split(".")
        if app_label not in {config.label for config in apps.get_app_configs()}:
            pytest.fail(
                f"The {app_label} app is not installed (INSTALLED_APPS): this journey "
                f"needs {label}.",
                pytrace=False,
            )
        return apps.get_model(app_label, name)


@pytest.fixture
def demo(live_site):
    return Demo()


# Helpers --------------------------------------------------------------------------------
def login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin's login form; ends on the dashboard."""
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    expect(page.locator("#id_username")).to_have_count(0)


def axe_check(page, allowed: dict[str, str] | None = None, context=None) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; fail with a readable list.

    ``allowed``: rule id → the reason the exception is justified. Anything else fails.
    """
    # axe-core as bundled by axe-playwright-python (never fetched); injected once per
    # document, since evaluating its 500 kB costs as much as a run.
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}],
    )
    allowed = allowed or {}
    violations = [v for v in response["violations"] if v["id"] not in allowed]
    if violations:
        raise AssertionError(format_violations(page.url, violations))


def format_violations(address: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {address}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(json.dumps(t, ensure_ascii=False) for t in node["target"])
            summary = "; ".join(
                line.strip()
                for line in node.get("failureSummary", "").splitlines()[1:]  # after "Fix …:"
                if line.strip()
            )
            lines.append(f"    {target}  {node.get('html', '')[:150]}")
            lines.append(f"      {summary[:400]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def no_horizontal_scroll(page) -> None:
    """At 320 CSS px the page reflows without horizontal scrolling (WCAG 1.4.10)."""
    previous = page.viewport_size
    page.set_viewport_size(NARROWEST)
    try:
        widths = page.evaluate(
            """() => {
                const doc = document.scrollingElement;
                const wide = [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                        && !el.closest('.table-wrap, .visually-hidden, .skip-link, pre'))
                    .slice(0, 5)
                    .map(el => el.tagName.toLowerCase()
                        + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                        + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')');
                return {scroll: doc.scrollWidth, inner: window.innerWidth, wide};
            }"""
        )
    finally:
        page.set_viewport_size(previous)
    assert widths["scroll"] <= widths["inner"], (
        f"{page.url} scrolls sideways at 320 px: the page is {widths['scroll']} px wide; "
        f"elements past the right edge: {widths['wide']}"
    )


#: Set by scripts/screenshots.py (``make screenshots``): where the page-type tests save
#: a phone and a desktop screenshot of each page before checking it.
SCREENSHOTS_DIR = os.environ.get("E2E_SCREENSHOTS", "")
#: Long pages (a law's full text) are cut here: a reviewer looks at the layout, not at
#: page 40 of the text, and Chromium refuses very tall captures.
SCREENSHOT_MAX_HEIGHT = 6000


def save_screenshots(page, name: str) -> None:
    """``name--phone.png`` (360 px) and ``name--desktop.png`` (1280 px), full page."""
    if not SCREENSHOTS_DIR:
        return
    folder = Path(SCREENSHOTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    previous = page.viewport_size
    try:
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            height = page.evaluate("() => document.scrollingElement.scrollHeight")
            page.screenshot(
                path=folder / f"{slug}--{label}.png",
                full_page=True,
                clip={
                    "x": 0,
                    "y": 0,
                    "width": size["width"],
                    "height": min(height, SCREENSHOT_MAX_HEIGHT),
                },
            )
    finally:
        page.set_viewport_size(previous)


def focus_outline(page) -> dict:
    """The focus indicator of the focused element: outline style and width, box shadow."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), text: (el.innerText || '').trim().slice(0, 40),
                    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                    boxShadow: style.boxShadow};
        }"""
    )


def focus_is_visible(page) -> bool:
    focus = focus_outline(page)
    outlined = focus["outlineStyle"] not in ("none", "") and focus["outlineWidth"] >= 2
    return outlined or focus["boxShadow"] not in ("none", "")


def tab_until(page, predicate_js: str, limit: int = 60) -> dict:
    """Press Tab until ``predicate_js`` (a JS expression over ``el``) is true for the focused
    element; returns a short description of it. Fails after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            f"""() => {{ const el = document.activeElement;
                return ({predicate_js}) ? {{tag: el.tagName.toLowerCase(),
                    text: (el.innerText || el.value || '').trim().slice(0, 60),
                    href: el.getAttribute('href')}} : null; }}"""
        )
        if found:
            return found
    raise AssertionError(f"Tab never reached an element where {predicate_js} ({limit} presses)")
