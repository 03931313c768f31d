"""Admin pages of batch imports (issue 19): the list of batches, a batch's progress and
per-file report, its progress as JSON for the page's script, and cancelling.

Who sees a batch: whoever may add a document page to its library (``libraries_for``), as
for the import itself. Any other batch answers 404, not 403: staff of one body do not
learn that another body's batch exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importer import batch as batches
from .models import ImportBatch, ImportBatchItem
from .views import libraries_for

ITEMS_PER_PAGE = 200
BATCHES_PER_PAGE = 50


def visible_batches(user):
    """The batches of the libraries where ``user`` may add documents."""
    libraries = [library.pk for library in libraries_for(user)]
    return ImportBatch.objects.filter(library__in=libraries).select_related("library", "user")


def get_batch(user, pk) -> ImportBatch:
    batch = visible_batches(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def progress_text(batch: ImportBatch) -> str:
    """“412/1000 files read: 300 imported, 90 to review, 12 duplicates, 10 refused.”"""
    if batch.status == ImportBatch.Status.QUEUED:
        return gettext("Waiting for the background worker to start the batch.")
    text = gettext(
        "%(done)s/%(total)s files read: %(imported)s imported, %(review)s to review, "
        "%(duplicate)s duplicates, %(refused)s refused."
    ) % {
        key: getattr(batch, key)
        for key in ("done", "total", "imported", "review", "duplicate", "refused")
    }
    return text


def progress_data(batch: ImportBatch) -> dict:
    return {
        "id": batch.pk,
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "finished": batch.finished,
        "total": batch.total,
        "done": batch.done,
        "imported": batch.imported,
        "review": batch.review,
        "duplicate": batch.duplicate,
        "refused": batch.refused,
        "percent": batch.percent,
        "text": progress_text(batch),
        "error": batch.error,
    }


class BatchListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "legal/admin/batch_list.html"
    page_title = _("Import batches")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        # The list is the import screen's: refused as it is (403), to whoever may import
        # nowhere. One batch of another body answers 404 instead (BatchDetailView).
        if not libraries_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("legal_import"), "label": gettext("Import legal documents")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(visible_batches(self.request.user), BATCHES_PER_PAGE)
        context["page_obj"] = paginator.get_page(self.request.GET.get("p"))
        return context


class BatchDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "legal/admin/batch.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.batch = get_batch(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Batch “%(name)s”") % {"name": self.batch.name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("legal_import"), "label": gettext("Import legal documents")},
            {"url": reverse("legal_import_batches"), "label": gettext("Import batches")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.batch.items.select_related("page").order_by("order")
        outcome = self.request.GET.get("outcome")
        if outcome in ImportBatchItem.Outcome.values:
            items = items.filter(outcome=outcome)
        else:
            outcome = ""
        page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            batch=self.batch,
            progress=progress_data(self.batch),
            page_obj=page_obj,
            outcome=outcome,
            outcomes=ImportBatchItem.Outcome.choices,
            progress_url=reverse("legal_import_batch_progress", args=[self.batch.pk]),
            cancel_url=reverse("legal_import_batch_cancel", args=[self.batch.pk]),
        )
        return context


class BatchProgressView(View):
    """The batch's state as JSON, polled every 2 s by legal/js/import-batch.js."""

    def get(self, request, pk):
        response = JsonResponse(progress_data(get_batch(request.user, pk)))
        response["Cache-Control"] = "no-store"
        return response


class BatchCancelView(View):
    def post(self, request, pk):
        batch = get_batch(request.user, pk)
        if batches.cancel(batch):
            messages.success(
                request,
                gettext("The batch was cancelled: the files already imported stay as drafts."),
            )
        else:
            messages.warning(request, gettext("The batch had already ended."))
        return redirect("legal_import_batch", pk=batch.pk)
