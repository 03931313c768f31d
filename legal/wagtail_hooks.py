"""Admin integration: document types, the import screen and its batches, audit-log actions,
home highlight."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from congthongtin.core import sitecache
from congthongtin.core.api import API_ENDPOINTS_HOOK
from congthongtin.core.highlights import Highlight
from congthongtin.core.opendata import OPEN_DATASETS_HOOK
from congthongtin.core.viewsets import PortalSnippetViewSet

from .batch_views import BatchCancelView, BatchDetailView, BatchListView, BatchProgressView
from .datasets import datasets as open_datasets
from .models import DocumentType, EffectStatus, LegalDocumentIndexPage, LegalDocumentPage
from .status import STATUS_CHANGE_ACTION
from .views import ImportView, libraries_for

HIGHLIGHT_COUNT = 5


class DocumentTypeViewSet(PortalSnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    menu_label = _("Document types")
    menu_order = 310
    add_to_admin_menu = False
    list_display = ["name", "abbreviation", "is_legal", "slug", "sort_order"]
    list_filter = ["is_legal"]
    ordering = ["sort_order", "name"]


register_snippet(DocumentTypeViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("van-ban/nhap/", ImportView.as_view(), name="legal_import"),
        path("van-ban/nhap/lo/", BatchListView.as_view(), name="legal_import_batches"),
        path("van-ban/nhap/lo/<int:pk>/", BatchDetailView.as_view(), name="legal_import_batch"),
        path(
            "van-ban/nhap/lo/<int:pk>/tien-do/",
            BatchProgressView.as_view(),
            name="legal_import_batch_progress",
        ),
        path(
            "van-ban/nhap/lo/<int:pk>/huy/",
            BatchCancelView.as_view(),
            name="legal_import_batch_cancel",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(libraries_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import legal documents"),
        reverse("legal_import"),
        icon_name="upload",
        order=250,
        name="legal-import",
    )


@hooks.register("register_log_actions")
def register_legal_log_actions(actions):
    @actions.register_action(STATUS_CHANGE_ACTION)
    class StatusChangeFormatter(LogFormatter):
        label = _("Change effect status")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            labels = dict(EffectStatus.choices)
            message = _("Effect status changed from “%(old)s” to “%(new)s”") % {
                "old": labels.get(data.get("old_status"), data.get("old_status", "")),
                "new": labels.get(data.get("new_status"), data.get("new_status", "")),
            }
            if data.get("cause"):
                message += " " + _("(because of %(document)s)") % {"document": data["cause"]}
            return message


@hooks.register("register_home_highlight")
def latest_documents(home_page, request):
    library = LegalDocumentIndexPage.objects.child_of(home_page).live().first()
    if library is None:
        return None
    items = list(
        sitecache.public(LegalDocumentPage.objects.child_of(library).live())
        .select_related("document_type")
        .defer("full_text", "search_key", "title_key")
        .order_by("-issue_date", "-pk")[:HIGHLIGHT_COUNT]
    )
    return Highlight(title=_("Latest documents"), items=items, more_url=library.url)


hooks.register(OPEN_DATASETS_HOOK, open_datasets)  # open data (legal.datasets)
# The read-only JSON API (core.api, docs/api.md).
hooks.register(API_ENDPOINTS_HOOK, "congthongtin.legal.api.endpoints")
