"""The portal's read-only JSON API, ``/api/v2/`` (docs/api.md): the machinery every endpoint
shares. Each content app declares its endpoint in its own ``<app>/api.py`` and registers it
from its ``wagtail_hooks.py``::

    hooks.register(API_ENDPOINTS_HOOK, "congthongtin.legal.api.endpoints")

(a dotted path or a callable returning one endpoint class or a list of them; with a dotted
path the app's API module is imported only when the router is built).
:func:`build_router` collects them into one ``wagtail.api.v2`` router
(``core.api_urls``), so core never imports the apps that contribute.

The endpoints are Wagtail API v2 view sets (``BaseAPIViewSet``: Django REST framework, the
``{"meta": {"total_count": …}, "items": […]}`` shape, the ``{"message": …}`` errors) with
what a public portal needs on top:

* **read-only, anonymous, per site**: GET/HEAD only (anything else 405); no authentication
  and no session, so every reader gets the same answer; a page endpoint lists the live,
  public (no view restriction) pages of its one model below the root of the request's Site
  (``Site.find_for_request``): another portal's document is a 404.
* **explicit fields**: each endpoint lists its fields (:class:`ApiField`, with their JSON
  schema for the OpenAPI description); nothing else of the model is ever serialised, so no
  personal data can leak through a new column.
* **the public listings' filters**: each endpoint's ``filter_items`` calls the functions the
  public listing calls, with the same query parameters, so both list the same documents.
* **bounded pagination**: ``limit`` (1 … ``CONGTHONGTIN["API_MAX_LIMIT"]``) and ``offset``
  (0 … :data:`MAX_OFFSET`); anything else, and any unknown parameter, is a 400.
* **cacheable**: ``Cache-Control: public`` with the anonymous pages' lifetimes
  (core.cache_headers): an address without a query string of an endpoint whose pages are
  purged on publication (:func:`purge_urls`) is kept ``CACHE_SHARED_MAX_AGE``; a filtered
  listing, which no purge can name, ``CACHE_QUERY_SHARED_MAX_AGE``.
* **rate-limited per client address** (``core.clients.client_ip``, the proxy's header):
  ``CONGTHONGTIN["API_RATE_LIMIT"]`` requests per window, then 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.cache import cache
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed, Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page, Site

from . import ratelimit, sitecache
from .clients import client_ip
from .conf import app_settings

#: The Wagtail hook through which an app contributes endpoints (see the module's docstring).
API_ENDPOINTS_HOOK = "register_api_endpoints"
#: The URL namespace of the API (``api_v2:<endpoint>:listing``, ``…:detail``, ``api_v2:schema``).
URL_NAMESPACE = "api_v2"
#: Largest ``offset`` accepted: deeper pages cost the database a long scan for nothing a
#: reader needs; a harvester narrows the filters instead.
MAX_OFFSET = 10_000
#: Largest id in a detail address: beyond it no row exists (and SQLite would overflow).
MAX_ID = 2**31 - 1
DEFAULT_LIMIT = 20
PAGINATION_PARAMETERS = ("limit", "offset")

# JSON schemas of common values (OpenAPI 3.0) ---------------------------------------------
STRING = {"type": "string"}
TEXT_PARAMETER = {"type": "string", "maxLength": 200}
NULLABLE_STRING = {"type": "string", "nullable": True}
DATE = {"type": "string", "format": "date", "nullable": True}
DATETIME = {"type": "string", "format": "date-time", "nullable": True}
INTEGER = {"type": "integer"}
TERM = {
    "type": "object",
    "nullable": True,
    "properties": {"slug": STRING, "name": STRING},
    "required": ["slug", "name"],
}
TERMS = {"type": "array", "items": {**TERM, "nullable": False}}


def enum(values: Iterable[str], *, nullable: bool = False) -> dict:
    schema = {"type": "string", "enum": list(values)}
    if nullable:
        schema["nullable"] = True
        schema["enum"].append(None)
    return schema


@dataclass(frozen=True)
class ApiField:
    """One field of an endpoint's items: its name, its JSON schema and how to read it."""

    name: str
    schema: dict
    value: Callable[[Any, Any], Any] | None = None  # (obj, request) → JSON value
    detail_only: bool = False

    def read(self, obj, request):
        if self.value is not None:
            return self.value(obj, request)
        return getattr(obj, self.name)


@dataclass(frozen=True)
class ApiFilter:
    """A query parameter of an endpoint's listing, as the public listing reads it."""

    name: str
    description: str
    schema: dict = field(default_factory=lambda: dict(TEXT_PARAMETER))
    #: A closed set read when the description is built (slugs of the taxonomy).
    choices: Callable[[], Iterable[str]] | None = None

    def parameter_schema(self) -> dict:
        if self.choices is None:
            return dict(self.schema)
        return {"type": "string", "enum": sorted(set(self.choices()))}


def term(obj) -> dict | None:
    """A taxonomy row (field, agency, type, category) as ``{"slug", "name"}``."""
    if obj is None:
        return None
    return {"slug": obj.slug, "name": obj.name}


def slugs(model) -> Callable[[], list[str]]:
    def read() -> list[str]:
        return sitecache.cached(
            sitecache.make_key("api-slugs", model._meta.label),
            lambda: list(model.objects.values_list("slug", flat=True)),
        )

    return read


# Rate limit ---------------------------------------------------------------------------
class ClientAddressThrottle(BaseThrottle):
    """``CONGTHONGTIN["API_RATE_LIMIT"]`` = (requests, seconds) per client address, counted
    in the shared cache (core.ratelimit); (0, …) turns it off."""

    def allow_request(self, request, view) -> bool:
        requests, window = app_settings.API_RATE_LIMIT
        if not requests or not window:
            return True
        key = f"api-rate:{client_ip(request) or 'unknown'}"
        now = time.time()
        cache.add(f"{key}:start", now, timeout=window)
        if ratelimit.hit(key, window) <= requests:
            return True
        start = cache.get(f"{key}:start", now)
        self._wait = max(1, math.ceil(start + window - now))
        return False

    def wait(self):
        return getattr(self, "_wait", None)


# Endpoints ------------------------------------------------------------------------------
class ApiEndpoint(BaseAPIViewSet):
    """A read-only endpoint: listing (``<name>/``) and detail (``<name>/<id>/``).

    Subclasses set ``api_name`` (the address segment), ``model``, ``fields``, ``filters``,
    ``summary`` and refine ``get_queryset`` and ``filter_items``. (Not ``name`` and
    ``description``: DRF's ``as_view`` resets those on the class.)"""

    renderer_classes = [JSONRenderer]
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [ClientAddressThrottle]
    metadata_class = None  # OPTIONS → 405 like every other method but GET and HEAD
    pagination_class = None

    api_name: str = ""
    model = None
    summary: str = ""
    fields: tuple[ApiField, ...] = ()
    filters: tuple[ApiFilter, ...] = ()
    #: Whether publishing purges this endpoint's addresses from the front cache
    #: (``purge_urls``): only page endpoints are, through core.cache_headers.
    purged: bool = False
    #: The default order of the listing (a filter may change it, as the public one does).
    ordering: tuple[str, ...] = ("-pk",)

    # Data -------------------------------------------------------------------------------
    def get_queryset(self):
        return self.model._default_manager.none()

    def filter_items(self, request, queryset) -> tuple[Any, list[str]]:
        """(queryset, messages about ignored values) for ``request.GET``."""
        return queryset, []

    def prepare(self, items: list, *, detail: bool) -> list:
        """Load what the fields of ``items`` need (prefetching) before serialisation."""
        return items

    def item_meta(self, obj) -> dict:
        return {
            "type": self.model._meta.label,
            "detail_url": self.request.build_absolute_uri(
                reverse(f"{URL_NAMESPACE}:{self.api_name}:detail", args=[obj.pk])
            ),
        }

    @classmethod
    def meta_schema(cls) -> dict:
        return {
            "type": {"type": "string"},
            "detail_url": {"type": "string", "format": "uri"},
        }

    def serialize(self, obj, *, detail: bool) -> dict:
        data = {"id": obj.pk, "meta": self.item_meta(obj)}
        for api_field in self.fields:
            if detail or not api_field.detail_only:
                data[api_field.name] = api_field.read(obj, self.request)
        return data

    # Views ------------------------------------------------------------------------------
    @classmethod
    def parameter_names(cls) -> set[str]:
        return {*PAGINATION_PARAMETERS, *(f.name for f in cls.filters)}

    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET.keys()) - self.parameter_names()
        if unknown:
            raise BadRequestError(
                _("Unknown query parameter: %(names)s.") % {"names": ", ".join(sorted(unknown))}
            )

    def bounds(self, request) -> tuple[int, int]:
        def read(name, default, low, high):
            value = request.GET.get(name)
            if value is None:
                return default
            text = value.strip()
            if not text.isascii() or not text.isdigit() or not low <= int(text[:12]) <= high:
                raise BadRequestError(
                    _("%(name)s must be a whole number from %(low)d to %(high)d.")
                    % {"name": name, "low": low, "high": high}
                )
            return int(text)

        maximum = app_settings.API_MAX_LIMIT
        limit = read("limit", min(DEFAULT_LIMIT, maximum), 1, maximum)
        return limit, read("offset", 0, 0, MAX_OFFSET)

    def listing_view(self, request):
        self.check_query_parameters()
        limit, offset = self.bounds(request)
        queryset, messages = self.filter_items(request, self.get_queryset())
        total = queryset.count()
        items = self.prepare(list(queryset[offset : offset + limit]), detail=False)
        return Response(
            {
                "meta": {"total_count": total, "ignored_filters": [str(m) for m in messages]},
                "items": [self.serialize(obj, detail=False) for obj in items],
            }
        )

    def detail_view(self, request, pk):
        obj = None
        if 0 < pk <= MAX_ID:
            obj = self.get_queryset().filter(pk=pk).first()
        if obj is None:
            raise Http404(_("No such item here."))
        return Response(self.serialize(self.prepare([obj], detail=True)[0], detail=True))

    @classmethod
    def get_urlpatterns(cls):
        from django.urls import path

        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def get_renderer_context(self):
        # Compact JSON (Wagtail's view set indents it by 4 for reading in a browser).
        return super(BaseAPIViewSet, self).get_renderer_context()

    # Errors and headers -----------------------------------------------------------------
    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            wait = int(exc.wait or 1)
            response = Response(
                {
                    "message": _(
                        "Too many requests from your address: please try again in "
                        "%(seconds)d seconds."
                    )
                    % {"seconds": wait},
                    "retry_after": wait,
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
            response["Retry-After"] = str(wait)
            response["Cache-Control"] = "no-store"
            return response
        if isinstance(exc, MethodNotAllowed):
            response = Response(
                {"message": _("This API is read-only: only GET and HEAD are allowed.")},
                status=status.HTTP_405_METHOD_NOT_ALLOWED,
            )
            response["Allow"] = "GET, HEAD"
            return response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Allow"] = "GET, HEAD"  # DRF lists OPTIONS, which answers 405 here
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            browser = app_settings.CACHE_BROWSER_MAX_AGE
            shared = app_settings.CACHE_SHARED_MAX_AGE
            if request.META.get("QUERY_STRING") or not self.purged:
                shared = min(shared, app_settings.CACHE_QUERY_SHARED_MAX_AGE)
            browser = min(browser, shared)
            patch_cache_control(response, public=True, max_age=browser, s_maxage=shared)
            response["X-Accel-Expires"] = str(shared)
        return response


class PageEndpoint(ApiEndpoint):
    """The live, public pages of one model below the request's site root."""

    purged = True
    ordering = ("-first_published_at", "-pk")
    #: Related rows of the listing, fetched in the same query.
    select_related: tuple[str, ...] = ()

    def site(self):
        return Site.find_for_request(self.request)

    def get_queryset(self):
        site = self.site()
        if site is None:
            return self.model.objects.none()
        pages = self.model.objects.live().descendant_of(site.root_page, inclusive=True)
        pages = sitecache.public(pages).order_by(*self.ordering)
        return pages.select_related(*self.select_related) if self.select_related else pages

    def item_meta(self, obj) -> dict:
        return {
            **super().item_meta(obj),
            "html_url": obj.get_full_url(self.request),
            "first_published_at": obj.first_published_at,
            "last_published_at": obj.last_published_at,
        }

    @classmethod
    def meta_schema(cls) -> dict:
        return {
            **super().meta_schema(),
            "html_url": {"type": "string", "nullable": True},
            "first_published_at": DATETIME,
            "last_published_at": DATETIME,
        }


TITLE = ApiField("title", STRING)


# Router and purge ---------------------------------------------------------------------
def _resolve(entry) -> list[type[ApiEndpoint]]:
    if isinstance(entry, str):
        entry = import_string(entry)
    result = entry() if callable(entry) and not isinstance(entry, type) else entry
    if isinstance(result, type):
        return [result]
    return list(result or ())


def endpoints() -> list[type[ApiEndpoint]]:
    """The registered endpoint classes, in hook order; a name registered twice is an error."""
    found: dict[str, type[ApiEndpoint]] = {}
    for entry in hooks.get_hooks(API_ENDPOINTS_HOOK):
        for endpoint in _resolve(entry):
            if endpoint.api_name in found and found[endpoint.api_name] is not endpoint:
                raise ValueError(f"Two API endpoints are named {endpoint.api_name!r}.")
            found[endpoint.api_name] = endpoint
    return list(found.values())


@lru_cache(maxsize=1)
def build_router() -> WagtailAPIRouter:
    router = WagtailAPIRouter(URL_NAMESPACE)
    for endpoint in endpoints():
        router.register_endpoint(endpoint.api_name, endpoint)
    return router


def purge_urls(page: Page) -> list[str]:
    """The API addresses of ``page`` a front cache may hold: its endpoint's listing (without
    a query string) and its detail, on the page's site; [] when the API is not installed or
    no endpoint serves the page's model. core.cache_headers purges them with the page."""
    site = page.get_site()
    if site is None:
        return []
    urls = []
    for endpoint in build_router()._endpoints.values():
        if endpoint.purged and isinstance(page, endpoint.model):
            try:
                urls.append(site.root_url + reverse(f"{URL_NAMESPACE}:{endpoint.api_name}:listing"))
                urls.append(
                    site.root_url
                    + reverse(f"{URL_NAMESPACE}:{endpoint.api_name}:detail", args=[page.pk])
                )
            except NoReverseMatch:  # the host site does not serve the API
                return []
    return urls
