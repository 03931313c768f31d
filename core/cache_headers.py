"""Anonymous pages are cacheable and never touch the session (docs/architecture.md §7, issue 11).

A portal is read by many and written by few: the front cache (nginx, a CDN) serves the
anonymous readers and Django serves misses, the admin and forms. For that to work an
anonymous response must (a) say it may be cached and (b) be the same for every
anonymous reader — no session, no cookie, no ``Vary: Cookie``.

``AnonymousCacheHeadersMiddleware`` does both, for requests that carry no session cookie
(without one nobody can be logged in, so the session need not be read):

* it sets ``request.user`` to ``AnonymousUser`` at once, so that nothing below (the
  editorial middleware, ``{% wagtailuserbar %}``) loads the session, which would make
  Django add ``Vary: Cookie`` and defeat every shared cache;
* on a GET/HEAD answered 200/301 without a ``Cache-Control`` of its own and without a
  cookie (a form's CSRF cookie, a message), it adds
  ``Cache-Control: public, max-age=<browser>, s-maxage=<shared>`` and
  ``X-Accel-Expires: <shared>`` (nginx reads it and never forwards it). Browsers keep a
  page briefly (they cannot be purged); shared caches keep it longer because publishing
  purges them (``wagtail.contrib.frontend_cache`` and ``purge_listings`` below).
  A URL with a query string (a listing's page 2, a filter, a search) cannot be purged: a
  PURGE names one cache key and nobody knows every query string that was read. Those
  responses are kept ``CONGTHONGTIN["CACHE_QUERY_SHARED_MAX_AGE"]`` seconds (default 60), which
  bounds how long they can lag behind a publication.

Everything else — logged-in users, the admin, POSTs, forms with a CSRF token, responses
that set their own ``Cache-Control`` (``never_cache`` views such as ``/healthz``,
Wagtail's private pages) — is marked ``private, no-cache`` or left alone.

Place it right after ``AuthenticationMiddleware`` (see docs/deploy.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.cache import patch_cache_control

from .conf import app_settings

CACHEABLE_STATUS = {200, 301}
SAFE_METHODS = {"GET", "HEAD"}


def _excluded_prefixes() -> tuple[str, ...]:
    admin = "/" + app_settings.ADMIN_PATH.lstrip("/")
    return (admin, "/django-admin/", *app_settings.CACHE_EXCLUDE_PREFIXES)


class AnonymousCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if anonymous:
            # No session cookie: nobody can be logged in. Skip the lazy session lookup.
            request.user = AnonymousUser()
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view decided (never_cache, private pages, documents…)
        if anonymous and self._cacheable(request, response):
            browser = app_settings.CACHE_BROWSER_MAX_AGE
            shared = app_settings.CACHE_SHARED_MAX_AGE
            if request.META.get("QUERY_STRING"):
                shared = min(shared, app_settings.CACHE_QUERY_SHARED_MAX_AGE)
                browser = min(browser, shared)
            patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)
            response["X-Accel-Expires"] = str(shared)
        elif (
            not anonymous
            or request.method not in SAFE_METHODS
            or self._sets_cookie(request, response)
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _cacheable(self, request, response) -> bool:
        return (
            request.method in SAFE_METHODS
            and response.status_code in CACHEABLE_STATUS
            and not request.path.startswith(_excluded_prefixes())
            and not self._sets_cookie(request, response)
        )

    @staticmethod
    def _sets_cookie(request, response) -> bool:
        session = getattr(request, "session", None)
        return bool(
            response.cookies
            # The CSRF and session middlewares sit above this one: their cookies are not
            # on the response yet, but their flags are.
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or (session is not None and (session.modified or session.accessed))
        )


def purge_listings(sender=None, instance=None, **kwargs):
    """``page_published``/``page_unpublished``: purge the page (its URL and routable
    sub-pages) and its live ancestors (the section listing, the home page's highlights)
    from the front cache once the transaction that published it has committed.

    This replaces Wagtail's own handler (``wagtail.contrib.frontend_cache`` is not in
    ``INSTALLED_APPS``, see production settings): that one purges at once, inside the
    publishing transaction (the editorial workflow, ``publish_scheduled``), and a reader's
    request arriving then is answered from the old data and cached again for
    ``s-maxage``. Purged after commit, the next miss reads the new version; outside a
    transaction ``on_commit`` runs at once. Sent at once after commit, not as a task: with
    the database task backend (docker/compose.yaml) a queued purge waits for the worker's
    next poll, and the 5-second target of issue 11 is about what readers see (a PURGE to
    nginx on the private network takes ~1 ms). Connected for every page model by
    ``CoreConfig.ready`` when ``WAGTAILFRONTENDCACHE`` is set (docs/deploy.md)."""
    if instance is None or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from django.db import transaction

    # The addresses are read now: a page being deleted (Wagtail unpublishes it first) is
    # gone by the time the transaction commits, and its cached copy must still go.
    urls = page_and_listing_urls(instance)
    if urls:
        transaction.on_commit(lambda: send_purge(urls))


def send_purge(urls: list[str]) -> None:
    """Purge ``urls`` from the front cache, once a read replica (core.db_router) has
    replayed what was just committed: purged earlier, the next miss could read the old
    version from the replica and cache it again for ``s-maxage``. Called after commit."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    from .db_router import wait_for_replica

    wait_for_replica()
    purge_urls_from_cache_task.call(urls)


def page_and_listing_urls(page) -> list[str]:
    """The page's URLs (it was cached while live: purged live or not), those of its live
    ancestors below the root, those of the live pages that show something of it
    (``get_dependent_pages``: a decree's page whose "replaced by" banner names it) and its
    JSON API addresses (``core.api.purge_urls``)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().filter(depth__gte=2).live().specific())
    dependent = getattr(page, "get_dependent_pages", None)
    if dependent is not None:
        batch.add_pages(dependent())
    # The JSON API's listing of the page's type and its detail (core.api); a filtered API
    # listing, like a filtered page, lives CACHE_QUERY_SHARED_MAX_AGE seconds.
    from .api import purge_urls

    batch.add_urls(purge_urls(page))
    return sorted(batch.urls)


def connect_purge_listings() -> None:
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished

    for model in get_page_models():
        page_published.connect(purge_listings, sender=model, dispatch_uid=f"purge-list-{model}")
        page_unpublished.connect(purge_listings, sender=model, dispatch_uid=f"unpurge-{model}")
