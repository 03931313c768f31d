"""Field-level history of the plain models (django-simple-history) for auditors."""

from __future__ import annotations

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from congthongtin.core.bodies import pages_in_sites

from ..audit import audit_site_ids
from .audit import audit_required  # the same permission guards every audit view

CONFIDENTIAL = _("Confidential")

#: How the history rows of a model are narrowed to bodies: "app_label.model" → a function
#: (site ids → Q on the historical rows). A model not listed here has rows of no single
#: body: only those who read every body (superusers, the province-wide auditor) see them.
BODY_OF_RECORD = {
    "editorial.delegation": lambda ids: Q(task__site_id__in=ids),
    "editorial.sectionassignment": lambda ids: pages_in_sites(ids, "section__path"),
    "core.unit": lambda ids: Q(site_id__in=ids),
    "core.official": lambda ids: Q(unit__site_id__in=ids),
    "consultation.question": lambda ids: pages_in_sites(ids, "page__path"),
    "core.pagereview": lambda ids: Q(site_id__in=ids),
    # Royalties (R-ROY-1); the base salary is national law, the same for every body.
    "editorial.basesalary": lambda ids: Q(),
    "editorial.royaltykind": lambda ids: Q(site_id__in=ids),
    "editorial.royaltysheet": lambda ids: Q(site_id__in=ids),
    "editorial.royaltyline": lambda ids: Q(sheet__site_id__in=ids),
    "editorial.boardfee": lambda ids: Q(sheet__site_id__in=ids),
    "editorial.itemdeadline": lambda ids: Q(site_id__in=ids),
    "editorial.supplyingunit": lambda ids: Q(site_id__in=ids),
    "editorial.contribution": lambda ids: Q(site_id__in=ids),
    "editorial.contributionfile": lambda ids: Q(contribution__site_id__in=ids),
}


def tracked_models() -> dict[str, type]:
    """ "app_label.model" → model, for every model that keeps a simple-history table."""
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if hasattr(model, "history") and hasattr(model._meta, "simple_history_manager_attribute")
    }


@audit_required
def audit_records(request, label=None):
    models = tracked_models()
    site_ids = audit_site_ids(request.user)
    if site_ids is not None:
        models = {name: model for name, model in models.items() if name in BODY_OF_RECORD}
    if label is None:
        return TemplateResponse(
            request,
            "editorial/audit_records_index.html",
            {
                "models": sorted(
                    ((label, model._meta) for label, model in models.items()),
                    key=lambda item: str(item[1].verbose_name_plural),
                )
            },
        )
    model = models.get(label)
    if model is None:
        raise Http404
    records = model.history.select_related("history_user").order_by("-history_date", "-history_id")
    if site_ids is not None:
        records = records.filter(BODY_OF_RECORD[label](sorted(site_ids)))
    page_obj = Paginator(records, 50).get_page(request.GET.get("p"))
    # A model may keep some values of some rows from every reader of the audit: a
    # denunciation's sender and letter (consultation.Question.audit_masked_fields).
    masked_fields = getattr(model, "audit_masked_fields", None)
    rows = []
    for record in page_obj.object_list:
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            hidden = set(masked_fields(record)) if masked_fields else set()
            changes = [
                (c.field, CONFIDENTIAL, CONFIDENTIAL)
                if c.field in hidden
                else (c.field, c.old, c.new)
                for c in delta.changes
            ]
        rows.append({"record": record, "changes": changes})
    return TemplateResponse(
        request,
        "editorial/audit_records.html",
        {"model": model, "page_obj": page_obj, "rows": rows},
    )
