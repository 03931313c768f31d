"""``/api/v2/``: the OpenAPI description and every registered endpoint (core.api).

A portal includes it once, at the address of its choice (nhuxuan_site/urls.py)::

    path("api/v2/", include("congthongtin.core.api_urls")),
"""

from django.urls import path

from .api import URL_NAMESPACE, build_router
from .api_schema import schema_view

app_name = URL_NAMESPACE

urlpatterns = [
    path("openapi.json", schema_view, name="schema"),
    *build_router().get_urlpatterns(),
]
