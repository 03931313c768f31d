"""What the statistics need to know about procedures (issue 21, R-PROC-4): which page a
downloaded form belongs to. Registered for stats' ``DOCUMENT_PAGES_HOOK`` in
procedures/wagtail_hooks.py (stats imports no domain app)."""

from __future__ import annotations

from wagtail.models import Site

from .models import ProcedureForm


def form_pages(site_id: int, document_ids) -> dict[int, int]:
    """{document_id: procedure page id} for the documents that are a form of a live
    procedure of that site. A document used by several procedures of the site counts for the
    first (lowest id): one download is one download."""
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:
        return {}
    rows = (
        ProcedureForm.objects.filter(
            document_id__in=list(document_ids),
            page__live=True,
            page__path__startswith=site.root_page.path,
        )
        .order_by("-page_id")
        .values_list("document_id", "page_id")
    )
    return dict(rows)
