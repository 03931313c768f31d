"""Nothing leaves the server: a browser that opens every admin screen and every public page
type asks no other host for anything (no avatar from Gravatar, no web font, script, map
tile or embed; issue "nothing sent abroad", docs/deploy.md §5).

One browser context records every request it makes (pages, styles, scripts, images, fonts,
XHR/fetch, websockets) and the test fails on each one to a host other than the live
server's, naming the screen that made it. The screens: the portal admin URLs the security
matrix enumerates (tests/security: ``portal_admin_urls``, those a superuser may GET whose
arguments the demo data fills: none, or the ``pk`` of a model the demo holds), Wagtail's
own screens of an editor's day (``WAGTAIL_SCREENS`` of the language test) and every public
page type (``PAGE_TYPES`` of the accessibility test).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.nhuxuan_site.test_admin_vietnamese import WAGTAIL_SCREENS
from tests.security.matrix import SUPERUSER, portal_admin_urls, url_kwargs
from tests.security.test_admin_matrix import POLICY

from .conftest import PASSWORD, login
from .test_accessibility import PAGE_TYPES

pytestmark = pytest.mark.e2e

#: Schemes that are not requests to any host.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}


class DemoObjects(dict):
    """The objects the matrix's ``url_kwargs`` asks for, found in the demo's data: the first
    of each model, and the named ones (a page with revisions, a question, a contribution…).
    A missing one raises ``KeyError``, and its URLs are left out."""

    NAMED = {
        "page": ("portal_home.StandardPage", {}),
        "question": ("consultation.Question", {}),
        "comment": ("consultation.ConsultationComment", {}),
        "contribution": ("editorial.Contribution", {}),
        "contribution_file": ("editorial.ContributionFile", {}),
        "royalty_line": ("editorial.RoyaltyLine", {}),
        "royalty_fee": ("editorial.BoardFee", {}),
        "upward": ("editorial.UpwardProposal", {}),
        "exchange": ("consultation.ExchangePage", {}),
        "exchange_question": ("consultation.ExchangeQuestion", {}),
    }

    def __missing__(self, key):
        from django.apps import apps

        if isinstance(key, str):
            if key == "upward_page":
                return self["upward"].page
            if key not in self.NAMED:
                raise KeyError(key)
            label, filters = self.NAMED[key]
            model = apps.get_model(label)
        else:
            model, filters = key, {}
        manager = getattr(model, "objects", model._default_manager)
        obj = manager.filter(**filters).order_by("pk").first()
        if obj is None:
            raise KeyError(key)
        self[key] = obj
        return obj


def admin_paths() -> tuple[dict[str, str], list[str]]:
    """url name → path for the matrix's URLs a superuser may GET, their arguments filled
    from the demo data as the matrix fills them from its fixtures (``url_kwargs``); and the
    names left out (an object the demo does not hold)."""
    objects = DemoObjects()
    paths, left_out = {}, []
    for name, url in sorted(portal_admin_urls().items()):
        if SUPERUSER not in POLICY.get(name, (set(), set()))[0]:
            continue
        try:
            kwargs = url_kwargs(url, objects)
        except (KeyError, AttributeError, IndexError):
            left_out.append(name)
            continue
        paths[name] = reverse(name, kwargs=kwargs)
    return paths, left_out


def wagtail_paths(demo) -> dict[str, str]:
    page = demo.model("portal_home.StandardPage").objects.live().order_by("path").first()
    paths = {}
    for name, kwargs in WAGTAIL_SCREENS:
        values = {
            key: (page.get_parent().pk if value == "page.parent" else page.pk)
            for key, value in kwargs.items()
        }
        try:
            paths[name] = reverse(name, kwargs=values)
        except NoReverseMatch:
            pytest.fail(f"{name}: no such admin URL")
    return paths


def test_no_request_leaves_the_server(browser, live_site, demo):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not User.objects.filter(username="e2e-ngoai").exists():
        User.objects.create_superuser("e2e-ngoai", "quan-tri@example.gov.vn", PASSWORD)
    User.objects.filter(username="e2e-ngoai").update(must_change_password=False)

    home = urlsplit(live_site.url).netloc
    context = browser.new_context(base_url=live_site.url, locale="vi-VN")
    context.set_default_timeout(15_000)
    current = {"screen": "login"}
    abroad: list[str] = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and parts.netloc != home:
            abroad.append(f"{current['screen']}: {request.resource_type} {request.url}")

    context.on("request", record)
    page = context.new_page()
    try:
        # Public pages first, signed out, as a citizen sees them.
        for kind, resolve in PAGE_TYPES.items():
            current["screen"] = f"public {kind}"
            page.goto(resolve(demo), wait_until="load")
        login(page, "e2e-ngoai")
        admin, left_out = admin_paths()
        screens = {**wagtail_paths(demo), **admin}
        for name, path in screens.items():
            current["screen"] = name
            try:
                page.goto(path, wait_until="load")
            except PlaywrightError as error:  # a spreadsheet or a file: nothing to render
                if "Download is starting" not in str(error):
                    raise
        # The control: the recorder does see a request to another host (an image a page
        # would load from Gravatar); the host does not resolve, the request is still made.
        found_before = list(abroad)
        current["screen"] = "control"
        page.goto("/", wait_until="load")
        page.evaluate(
            "() => new Promise(done => { const img = new Image(); img.onload = img.onerror ="
            " () => done(); img.src = 'https://www.gravatar.com.invalid/avatar/0'; })"
        )
        control = [entry for entry in abroad if entry.startswith("control:")]
        assert control and "gravatar.com.invalid" in control[0], abroad
        abroad[:] = found_before
    finally:
        context.close()
    assert abroad == [], f"{len(abroad)} requests to another host:\n" + "\n".join(abroad)
    # The enumeration reaches the admin: every screen but those whose object the demo does
    # not hold (a contact message, a trust anchor, a delegation…; a guard against a silent
    # shrink).
    assert len(admin) > 5 * len(left_out), (len(admin), left_out)
