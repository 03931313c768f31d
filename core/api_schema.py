"""The OpenAPI 3.0 description of the read-only API (``/api/v2/openapi.json``), written from
the registered endpoints' own declarations: their fields (:class:`core.api.ApiField`, each
with its JSON schema), their filters (:class:`core.api.ApiFilter`, closed sets as enums read
from the taxonomy when the description is asked for), the pagination bounds and the error
answers (400, 404, 429). No schema library is needed (drf-spectacular is not a dependency):
what the endpoints serialise and what they describe come from the same lists, and the API's
fuzzing test (tests/core/test_api_schemathesis.py) checks every answer against it.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .api import (
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_OFFSET,
    URL_NAMESPACE,
    ApiEndpoint,
    build_router,
)
from .conf import app_settings

ERROR = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}
THROTTLED = {
    "type": "object",
    "properties": {"message": {"type": "string"}, "retry_after": {"type": "integer"}},
    "required": ["message", "retry_after"],
}


def _json(schema_ref: str, description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": schema_ref}}},
    }
    if headers:
        response["headers"] = headers
    return response


def _error_responses(*codes: int) -> dict:
    texts = {
        400: ("#/components/schemas/Error", "An unknown parameter or a value out of bounds."),
        404: ("#/components/schemas/Error", "No such item on this site."),
        429: ("#/components/schemas/Throttled", "Too many requests from this address."),
    }
    responses = {}
    for code in codes:
        ref, description = texts[code]
        headers = None
        if code == 429:
            headers = {
                "Retry-After": {
                    "description": "Seconds to wait before the next request.",
                    "schema": {"type": "integer"},
                }
            }
        responses[str(code)] = _json(ref, description, headers)
    return responses


def item_schema(endpoint: type[ApiEndpoint], *, detail: bool) -> dict:
    fields = [f for f in endpoint.fields if detail or not f.detail_only]
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "properties": endpoint.meta_schema(),
                "required": list(endpoint.meta_schema()),
            },
            **{f.name: f.schema for f in fields},
        },
        "required": ["id", "meta", *(f.name for f in fields)],
    }


def listing_schema(item_ref: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {
                    "total_count": {"type": "integer", "minimum": 0},
                    "ignored_filters": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Filter values the listing ignored, and why.",
                    },
                },
                "required": ["total_count", "ignored_filters"],
            },
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
        "required": ["meta", "items"],
    }


def pagination_parameters() -> list[dict]:
    maximum = app_settings.API_MAX_LIMIT
    return [
        {
            "name": "limit",
            "in": "query",
            "description": "Items per answer.",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": maximum,
                "default": min(DEFAULT_LIMIT, maximum),
            },
        },
        {
            "name": "offset",
            "in": "query",
            "description": "Items to skip.",
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
        },
    ]


def build_schema(prefix: str) -> dict:
    """The description of every registered endpoint; ``prefix`` is the API's address
    (``/api/v2``), the server of every path."""
    paths: dict = {}
    schemas: dict = {"Error": ERROR, "Throttled": THROTTLED}
    for endpoint in build_router()._endpoints.values():
        key = "".join(part.capitalize() for part in endpoint.api_name.replace("_", "-").split("-"))
        schemas[f"{key}Item"] = item_schema(endpoint, detail=False)
        schemas[f"{key}Detail"] = item_schema(endpoint, detail=True)
        schemas[f"{key}Listing"] = listing_schema(f"#/components/schemas/{key}Item")
        filters = [
            {
                "name": f.name,
                "in": "query",
                "description": f.description,
                "schema": f.parameter_schema(),
            }
            for f in endpoint.filters
        ]
        paths[f"/{endpoint.api_name}/"] = {
            "get": {
                "operationId": f"{key[0].lower()}{key[1:]}List",
                "summary": endpoint.summary,
                "tags": [endpoint.api_name],
                "parameters": [*pagination_parameters(), *filters],
                "responses": {
                    "200": _json(f"#/components/schemas/{key}Listing", "A page of the listing."),
                    **_error_responses(400, 429),
                },
            }
        }
        paths[f"/{endpoint.api_name}/{{id}}/"] = {
            "get": {
                "operationId": f"{key[0].lower()}{key[1:]}Detail",
                "summary": endpoint.summary,
                "tags": [endpoint.api_name],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                    }
                ],
                "responses": {
                    "200": _json(f"#/components/schemas/{key}Detail", "One item."),
                    **_error_responses(404, 429),
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Cổng thông tin điện tử – API",
            "version": "2",
            "description": (
                "Read-only JSON API of the portal's public content, per site (the host "
                "name of the request). Filters are those of the public listings. "
                "Documentation: docs/api.md."
            ),
        },
        "servers": [{"url": prefix}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


@require_safe
def schema_view(request):
    prefix = reverse(f"{URL_NAMESPACE}:schema").rsplit("/", 1)[0]
    response = JsonResponse(build_schema(prefix), json_dumps_params={"ensure_ascii": False})
    shared = app_settings.CACHE_QUERY_SHARED_MAX_AGE
    patch_cache_control(
        response, public=True, max_age=min(app_settings.CACHE_BROWSER_MAX_AGE, shared)
    )
    patch_cache_control(response, s_maxage=shared)
    return response
