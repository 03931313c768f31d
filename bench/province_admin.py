"""The admin at scale (a province on one install): p50/p95 and query counts of the views the
editors live in, ours beside stock Wagtail on the same database, in one run.

Views (each GET through Django's test client, in process, against the configured database):

- ``explorer``: the page explorer of the library (the legal index page with ~100,000
  children), first page, and ``explorer-deep``, page 1,000 of it;
- ``chooser``: the page chooser's search (``/admin/choose-page/search/?q=…``);
- ``legal-list``: the legal documents' admin listing with filters: the project has no legal
  viewset, editors list documents in the library's explorer filtered by page type and
  searched by keyword (``?content_type=…&q=…``);
- ``dashboard``: ``/admin/`` for a board member with many items in moderation (Wagtail's
  workflow panels plus the project's panels);
- ``publish``: one page published through Wagtail's API (revision, tree row, search rows,
  front-cache purge after commit against a local HTTP server that answers every PURGE).

"Ours" is the portal as configured: every hook, receiver, middleware, the editorial page
permission tester and the editorial workflow task's rules. "Stock" is the same URL and the
same user in the same process with the project's customisations taken out for the
duration: every hook registered from a ``congthongtin.*`` module unregistered, Wagtail's
own ``PagePermissionTester``, the editorial task's ``get_actions`` & co. replaced by
Wagtail's ``GroupApprovalTask`` ones, the project's middleware removed, the project's
signal receivers disconnected (publishing: Wagtail's own front-cache handler, which purges
at once, instead of ours). A stock run as a superuser is printed too: that is what an
administrator sees and is the cheapest permission path.

Usage (PostgreSQL database built as described in bench/PROVINCE.md §4)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_admin_bench \\
        nice -n 10 .venv/bin/python bench/province_admin.py --runs 20

``--setup-moderation N`` first puts N library pages in the workflow (Wagtail's API:
``save_revision`` then ``Workflow.start``) submitted by ``--submitter`` so that they wait
for ``--user`` (a deputy: step 2).
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import statistics
import sys
import threading
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congthongtin.nhuxuan_site.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# Stock mode ---------------------------------------------------------------------------------
OURS = "congthongtin."


def _ours(fn) -> bool:
    module = getattr(fn, "__module__", "") or ""
    if not module and hasattr(fn, "func"):  # functools.partial
        module = getattr(fn.func, "__module__", "") or ""
    return module.startswith(OURS)


@contextlib.contextmanager
def stock():
    """The project's admin customisations out, for the duration (see the module docstring)."""
    from django.conf import settings
    from django.db.models import signals as model_signals
    from django.test.utils import override_settings
    from wagtail import hooks
    from wagtail import signals as wagtail_signals
    from wagtail.models import AbstractGroupApprovalTask, Page

    from congthongtin.core.models import BasePage
    from congthongtin.editorial.models import EditorialTask

    saved_hooks = {name: list(entries) for name, entries in hooks._hooks.items()}
    for entries in hooks._hooks.values():
        entries[:] = [(fn, order) for fn, order in entries if not _ours(fn)]

    patched = []

    def patch(owner, name, value):
        patched.append((owner, name, owner.__dict__.get(name, _MISSING)))
        setattr(owner, name, value)

    patch(BasePage, "permissions_for_user", Page.permissions_for_user)
    for name in (
        "get_actions",
        "user_can_access_editor",
        "locked_for_user",
        "get_task_states_user_can_moderate",
        "start",
        "on_action",
        "_user_in_groups",
    ):
        patch(EditorialTask, name, getattr(AbstractGroupApprovalTask, name))

    signals = [
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.published,
        model_signals.pre_save,
        model_signals.post_save,
        model_signals.post_delete,
    ]
    saved_receivers = {}
    for signal in signals:
        saved_receivers[signal] = list(signal.receivers)
        kept = []
        for entry in signal.receivers:
            ref = entry[1]
            target = ref() if isinstance(ref, weakref.ReferenceType) else ref
            if target is not None and _ours(target):
                continue
            kept.append(entry)
        signal.receivers = kept
        signal.sender_receivers_cache.clear()
    from wagtail.contrib.frontend_cache.signal_handlers import (
        page_published_signal_handler,
    )

    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        wagtail_signals.page_published.connect(
            page_published_signal_handler, dispatch_uid="bench-stock-purge"
        )
    middleware = [m for m in settings.MIDDLEWARE if not m.startswith(OURS)]
    try:
        with override_settings(MIDDLEWARE=middleware):
            yield
    finally:
        wagtail_signals.page_published.disconnect(dispatch_uid="bench-stock-purge")
        for signal, receivers in saved_receivers.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()
        for owner, name, value in reversed(patched):
            if value is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, value)
        hooks._hooks.clear()
        hooks._hooks.update(saved_hooks)


_MISSING = object()


# Purge server -------------------------------------------------------------------------------
class _Purge(http.server.BaseHTTPRequestHandler):
    count = 0

    def do_PURGE(self):
        _Purge.count += 1
        self.send_response(200)
        self.end_headers()

    do_GET = do_PURGE

    def log_message(self, *args):
        pass


def purge_server() -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Purge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


# Data -------------------------------------------------------------------------------------
def library():
    from django.db.models import Count  # noqa: F401
    from wagtail.models import Page

    from congthongtin.legal.models import LegalDocumentIndexPage

    best = max(LegalDocumentIndexPage.objects.all(), key=lambda page: page.numchild)
    return Page.objects.get(pk=best.pk)


def setup_moderation(count: int, submitter_name: str) -> int:
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, WorkflowState

    from congthongtin.core.bodies import body_workflow, site_of_page
    from congthongtin.legal.models import LegalDocumentPage

    submitter = get_user_model().objects.get(username=submitter_name)
    parent = library()
    workflow = body_workflow(site_of_page(parent))
    busy = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).values_list(
        "object_id", flat=True
    )
    have = len(busy)
    candidates = (
        LegalDocumentPage.objects.child_of(parent)
        .exclude(pk__in=[int(pk) for pk in busy])
        .order_by("-pk")[: max(0, count - have)]
    )
    started = time.monotonic()
    from django.test.utils import override_settings

    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    quiet.enable()  # the notifications of each submission: not what is measured
    for page in candidates:
        page = Page.objects.get(pk=page.pk).specific
        page.save_revision(user=submitter)
        workflow.start(page, submitter)
    quiet.disable()
    print(
        f"moderation: {count - have if count > have else 0} started "
        f"in {time.monotonic() - started:.1f} s; {max(count, have)} in progress"
    )
    return count


# Measuring ----------------------------------------------------------------------------------
def measure(fn, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm
    times, queries, db = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        queries.append(len(captured.captured_queries))
        db.append(sum(float(q["time"]) for q in captured.captured_queries))
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return {
        "p50": statistics.median(times),
        "p95": p95,
        "queries": max(queries),
        "db_p50": statistics.median(db),  # seconds in the database (DEBUG query log)
    }


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def get(client, url):
    def run():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response

    return run


def publisher(page_ids):
    from django.db import transaction
    from wagtail.models import Page

    from congthongtin.core.models import User  # noqa: F401

    state = {"i": 0}

    def run():
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(is_superuser=True).first()
        pk = page_ids[state["i"] % len(page_ids)]
        state["i"] += 1
        with transaction.atomic():
            page = Page.objects.get(pk=pk).specific
            page.title = page.title.rstrip(" .") + " ."  # a change the search row sees
            revision = page.save_revision(user=user)
            revision.publish(user=user)

    return run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--user", default="ttbinh", help="A board member (deputy: step 2).")
    parser.add_argument("--submitter", default="lvcuong", help="Submits the moderation items.")
    parser.add_argument("--setup-moderation", type=int, default=0)
    parser.add_argument("--query", default="quyết định")
    parser.add_argument(
        "--views", default="explorer,explorer-deep,chooser,legal-list,dashboard,publish"
    )
    parser.add_argument("--modes", default="ours,stock,stock-superuser")
    args = parser.parse_args(argv)
    _setup_django()

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    from congthongtin.legal.models import LegalDocumentPage

    setup_test_environment()  # the test client's response.context; ALLOWED_HOSTS testserver
    if args.setup_moderation:
        setup_moderation(args.setup_moderation, args.submitter)

    User = get_user_model()
    member = User.objects.get(username=args.user)
    from congthongtin.core.users import set_must_change_password

    fields = set_must_change_password(member, False)  # the demo's one-time password
    if fields:
        member.save(update_fields=fields)
    admin = User.objects.filter(is_superuser=True).first()
    if admin is None:
        admin = User.objects.create_superuser("bench-admin", "bench@example.invalid", "x" * 20)
    parent = library()
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    from urllib.parse import quote

    q = quote(args.query)
    urls = {
        "explorer": f"/admin/pages/{parent.pk}/",
        "explorer-deep": f"/admin/pages/{parent.pk}/?p=1000",
        "chooser": f"/admin/choose-page/search/?q={q}",
        "legal-list": f"/admin/pages/{parent.pk}/?content_type={content_type.pk}&q={q}",
        "dashboard": "/admin/",
    }
    publish_ids = list(
        LegalDocumentPage.objects.child_of(parent).order_by("pk").values_list("pk", flat=True)[:200]
    )
    purge_url = purge_server()
    frontend = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_url,
        }
    }
    views = args.views.split(",")
    modes = args.modes.split(",")
    print(
        f"{connection.vendor} {connection.settings_dict['NAME']}: library {parent.pk} "
        f"({parent.numchild} children); member {member.username}; {args.runs} runs each"
    )
    results = {}
    with override_settings(WAGTAILFRONTENDCACHE=frontend, ALLOWED_HOSTS=["*"]):
        from congthongtin.core.cache_headers import connect_purge_listings

        connect_purge_listings()
        for mode in modes:
            user = admin if mode == "stock-superuser" else member
            context = stock() if mode.startswith("stock") else contextlib.nullcontext()
            with context:
                client = client_for(user)
                for view in views:
                    if view == "publish":
                        if mode == "stock-superuser":
                            continue
                        fn = publisher(publish_ids)
                    else:
                        fn = get(client, urls[view])
                    _Purge.count = 0
                    results[(view, mode)] = measure(fn, args.runs)
                    results[(view, mode)]["purges"] = _Purge.count
                    print(f"  {view:14} {mode:16} {results[(view, mode)]}", flush=True)
    del settings
    print()
    header = f"{'view':14}" + "".join(f" | {m:>34}" for m in modes)
    print(header)
    print("-" * len(header))
    for view in views:
        row = f"{view:14}"
        for mode in modes:
            r = results.get((view, mode))
            cell = (
                f"{r['p50'] * 1000:6.0f}/{r['p95'] * 1000:6.0f} ms {r['queries']:5d} q"
                if r
                else "–"
            )
            row += f" | {cell:>34}"
        print(row)
    print(
        "(p50/p95 ms of the whole request; db: p50 ms spent in SQL; max queries per request; "
        "publish: as a superuser in both modes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
