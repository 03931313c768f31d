"""Anonymous pages are cacheable and never touch the session (DESIGN.md §7, issue 11).

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
  purges them (``wagtail.contrib.frontend_cache``).

Everything else — logged-in users, the admin, POSTs, forms with a CSRF token, responses
that set their own ``Cache-Control`` (``never_cache`` views such as ``/healthz``,
Wagtail's private pages) — is marked ``private, no-cache`` or left alone.

Place it right after ``AuthenticationMiddleware`` (see docs/deploy.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.cache import patch_cache_control

CACHEABLE_STATUS = {200, 301}
SAFE_METHODS = {"GET", "HEAD"}


def _excluded_prefixes() -> tuple[str, ...]:
    admin = "/" + getattr(settings, "PORTAL_ADMIN_PATH", "admin/").lstrip("/")
    return (admin, "/django-admin/", *getattr(settings, "PORTAL_CACHE_EXCLUDE_PREFIXES", ()))


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
            patch_cache_control(
                response,
                public=True,
                max_age=getattr(settings, "PORTAL_CACHE_BROWSER_MAX_AGE", 60),
                s_maxage=getattr(settings, "PORTAL_CACHE_SHARED_MAX_AGE", 3600),
            )
            response["X-Accel-Expires"] = str(
                getattr(settings, "PORTAL_CACHE_SHARED_MAX_AGE", 3600)
            )
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
    """``page_published``/``page_unpublished``: purge the live ancestors of the page (the
    home page's highlights, the section listing) from the front cache. Wagtail's own
    handler purges the page itself. Connect it for every page model in
    ``CoreConfig.ready`` when ``WAGTAILFRONTENDCACHE`` is set (docs/deploy.md)."""
    if instance is None or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().filter(depth__gte=2).live().specific())


def connect_purge_listings() -> None:
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished

    for model in get_page_models():
        page_published.connect(purge_listings, sender=model, dispatch_uid=f"purge-list-{model}")
        page_unpublished.connect(purge_listings, sender=model, dispatch_uid=f"unpurge-{model}")
