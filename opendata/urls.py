"""Public addresses of the open data (mounted at the root by the portal, before Wagtail's
pages): ``<open data page>/catalog.json`` and ``<open data page>/<dataset>.<csv|json|xlsx>``.
Wagtail's own page addresses never contain a dot, so these never hide a page."""

from django.urls import re_path

from . import views

app_name = "opendata"

PAGE = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(rf"^{PAGE}catalog\.json$", views.catalog, name="catalog"),
    re_path(
        rf"^{PAGE}(?P<slug>[a-z0-9\-]+)\.(?P<fmt>csv|json|xlsx)$", views.download, name="download"
    ),
]
