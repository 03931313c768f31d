"""The listing of the library: /van-ban/ with filters, keyword search and CSV export."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from congthongtin.core import sitecache
from congthongtin.core.listing import paginate
from congthongtin.core.models import Agency, BasePage, Field

from ..export import documents_csv
from ..listing import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, filter_documents, parse_query
from .document import LegalDocumentAttachment, LegalDocumentPage
from .taxonomy import DocumentType, EffectStatus

PER_PAGE = 20


class LegalDocumentIndexPage(RoutablePageMixin, BasePage):
    """The document library of a portal (R-LEGAL-1): list, classify by type, field, issuer,
    year, dates and effect status; search by keyword and number; share a result list by
    its address; export it to CSV."""

    intro = models.TextField(_("summary"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), *BasePage.provenance_panels]
    subpage_types = ["legal.LegalDocumentPage"]

    #: Metadata (core.metadata): a listing is a collection (DCMI Type).
    dc_type = "Collection"

    class Meta:
        verbose_name = _("legal document library")
        verbose_name_plural = _("legal document libraries")

    # Data ------------------------------------------------------------------------------
    def documents(self):
        """The live, public documents of this library; related rows in the same query."""
        return (
            sitecache.public(LegalDocumentPage.objects.child_of(self).live())
            .select_related("document_type", "issuing_body")
            .defer("full_text", "search_key", "title_key")
        )

    def filter_choices(self) -> dict:
        """The form's choices: one query each on a cache miss, whatever the number of
        documents; cached until the next publication or taxonomy change (core.sitecache)."""

        def build():
            children = LegalDocumentPage.objects.child_of(self).live()
            return {
                "types": list(DocumentType.objects.all()),
                "fields": list(Field.objects.all()),
                "agencies": list(
                    Agency.objects.filter(legal_documents__in=children.values("pk"))
                    .distinct()
                    .order_by("name")
                ),
                "years": [d.year for d in children.dates("issue_date", "year", order="DESC")],
            }

        return sitecache.cached(sitecache.make_key("legal-choices", self.pk), build)

    def listing(self, request) -> dict:
        choices = self.filter_choices()
        query = parse_query(
            request.GET,
            types=choices["types"],
            fields=choices["fields"],
            agencies=choices["agencies"],
        )
        documents = filter_documents(self.documents(), query)
        return {"query": query, "choices": choices, "documents": documents}

    # Views -----------------------------------------------------------------------------
    @path("")
    def index_route(self, request):
        if request.GET.get("dinh_dang") == "csv":
            return self.export_route(request)
        return self.render(request)

    @path("xuat-csv/", name="export")
    def export_route(self, request):
        data = self.listing(request)
        documents = data["documents"].prefetch_related("fields")
        return documents_csv(documents, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = self.listing(request)
        page_obj = paginate(
            request,
            data["documents"].prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=LegalDocumentAttachment.objects.select_related("document"),
                )
            ),
            PER_PAGE,
        )
        params = {k: v for k, v in data["query"].values.items() if v}
        context.update(
            data,
            page_obj=page_obj,
            statuses=EffectStatus.choices,
            sorts=[
                (SORT_NEWEST, _("Newest first")),
                (SORT_OLDEST, _("Oldest first")),
                (SORT_RELEVANCE, _("Relevance")),
            ],
            export_query=urlencode(params),
        )
        return context
