"""The home page shows the latest online public services (R-PROC-2, R-ONLINE-1); the
admin lists the dossier status imports (S3 Đ5.2). Registration only."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from congthongtin.core import sitecache
from congthongtin.core.api import API_ENDPOINTS_HOOK
from congthongtin.core.bodies import bodies_where
from congthongtin.core.highlights import HOOK_NAME, Highlight
from congthongtin.core.menu import BodiesMenuItem
from congthongtin.core.opendata import OPEN_DATASETS_HOOK
from congthongtin.core.search_items import SEARCH_ANSWERS_HOOK

from .answers import procedure_answer
from .choices import OnlineLevel
from .datasets import datasets as open_datasets
from .dossiers import admin_urls as dossier_admin_urls
from .dossiers.admin_views import READERS as DOSSIER_READERS
from .models import ProcedureIndexPage, ProcedurePage
from .stats import form_pages

HIGHLIGHT_SIZE = 5


@hooks.register(HOOK_NAME)
def online_services_highlight(home_page, request):
    index = sitecache.public(ProcedureIndexPage.objects.live().descendant_of(home_page)).first()
    if index is None:
        return None
    services = list(
        sitecache.public(ProcedurePage.objects.live().descendant_of(index))
        .filter(online_level=OnlineLevel.FULL)
        .only("id", "title", "url_path", "path", "depth", "first_published_at")
        .order_by("-first_published_at", "pk")[:HIGHLIGHT_SIZE]
    )
    return Highlight(
        title=_("Fully online public services"),
        items=services,
        more_url=index.online_services_url(request),
    )


# A form's download counts for its procedure (stats.targets.DOCUMENT_PAGES_HOOK, by name).
hooks.register("congthongtin_stats_document_pages", form_pages)


# Dossier look-up: the last imports per body, read-only (procedures.dossiers.admin_views).
def dossier_reader_site_ids(user) -> set[int]:
    return set(bodies_where(user, DOSSIER_READERS).values_list("pk", flat=True))


@hooks.register("register_admin_urls")
def register_dossier_urls():
    return [path("tra-cuu-ho-so/", include(dossier_admin_urls, namespace="procedures_dossiers"))]


@hooks.register("register_reports_menu_item")
def register_dossier_imports_menu_item():
    return BodiesMenuItem(
        gettext_lazy("Dossier status imports"),
        reverse("procedures_dossiers:imports"),
        icon_name="list-ul",
        order=60,
        name="dossier-imports",
        site_ids=dossier_reader_site_ids,
    )


hooks.register(OPEN_DATASETS_HOOK, open_datasets)  # open data (procedures.datasets)
# The read-only JSON API (core.api, docs/api.md).
hooks.register(API_ENDPOINTS_HOOK, "congthongtin.procedures.api.endpoints")


hooks.register(SEARCH_ANSWERS_HOOK, procedure_answer)  # the answer box of site search
