"""Admin view: upload Word, PDF or text files that become draft document pages (R-SUB-1)."""

from __future__ import annotations

import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from congthongtin.core.conf import app_settings
from congthongtin.core.import_views import ImportIntoParentView
from congthongtin.core.limits import ParseLimits

from .forms import MAX_UPLOAD_BYTES, ImportForm
from .importer.batch import create_batch, queue_batch
from .importer.service import ImportReport, import_document
from .models import LegalDocumentIndexPage, LegalDocumentPage


def libraries_for(user) -> list[LegalDocumentIndexPage]:
    """Libraries where ``user`` may add a document page."""
    if not user.is_authenticated:
        return []
    return [
        library
        for library in LegalDocumentIndexPage.objects.order_by("path")
        if LegalDocumentPage.can_create_at(library)
        and library.permissions_for_user(user).can_add_subpage()
    ]


class ImportView(ImportIntoParentView):
    form_class = ImportForm
    template_name = "legal/admin/import.html"
    page_title = _("Import legal documents")

    def parents_for(self, user) -> list:
        return libraries_for(user)

    def get_initial(self):
        return {"parent": self.parents[0].pk}

    def form_valid(self, form):
        library = form.cleaned_data["parent"].specific
        # The choice list holds only permitted libraries; checked again for a forged POST.
        if not library.permissions_for_user(self.request.user).can_add_subpage():
            raise PermissionDenied
        if form.cleaned_data["batch"]:
            return self.start_batch(library, form.cleaned_data["files"])
        dry_run = form.cleaned_data["dry_run"]
        reports = []
        # Every file is read within its own bounds, and the upload within one budget: the
        # answer must come before the web server's worker timeout (30 s), or the editor
        # sees an error page while some drafts exist (issue 16). Files left when the
        # budget is spent are reported, not read. OCR of a scan takes 1-4 s a page: a
        # longer scan is refused with a word to use the background import.
        limits = ParseLimits.from_settings()
        limits = replace(
            limits, ocr_pages=min(limits.ocr_pages, app_settings.IMPORT_OCR_REQUEST_MAX_PAGES)
        )
        deadline = time.monotonic() + app_settings.IMPORT_REQUEST_SECONDS
        for upload in form.cleaned_data["files"]:
            if upload.size > MAX_UPLOAD_BYTES:
                reports.append(ImportReport(file=upload.name, problems=["Tệp lớn hơn 20 MB."]))
                continue
            remaining = deadline - time.monotonic()
            if remaining < 2:
                reports.append(
                    ImportReport(
                        file=upload.name,
                        problems=[
                            gettext(
                                "Not read: the time for one upload is used up. Upload this "
                                "file again on its own."
                            )
                        ],
                    )
                )
                continue
            report = import_document(
                upload.read(),
                upload.name,
                library=library,
                user=self.request.user,
                dry_run=dry_run,
                parse_limits=replace(limits, seconds=min(limits.seconds, remaining)),
            )
            reports.append(report)
        rows = []
        for report in reports:
            data = report.as_json(self.request)
            data["edit_url"] = (
                reverse("wagtailadmin_pages:edit", args=[report.page.pk]) if report.page else ""
            )
            rows.append(data)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(parents=self.parents), results=rows, dry_run=dry_run
            )
        )

    def start_batch(self, library, uploads):
        """One .zip is stored as it is; several files are packed, uncompressed, into one
        (the batch reads one archive either way). The batch runs once the transaction
        commits: in the worker in production; at once, before the redirect, with the
        immediate backend of development."""
        if len(uploads) == 1 and uploads[0].name.lower().endswith(".zip"):
            archive, name = uploads[0], uploads[0].name
        else:
            archive = pack_uploads(uploads)
            name = gettext("%(count)s files") % {"count": len(uploads)}
            archive.name = "tep.zip"
        with transaction.atomic():
            batch = create_batch(
                library=library, user=self.request.user, name=name, archive=archive
            )
            queue_batch(batch)
        messages.success(
            self.request,
            gettext("The batch “%(name)s” was queued: its files are read one by one.")
            % {"name": batch.name},
        )
        return redirect("legal_import_batch", pk=batch.pk)


def pack_uploads(uploads) -> File:
    """The uploaded files in one ZIP (stored, not compressed), in a temporary file."""
    spool = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
        for upload in uploads:
            name = PurePath(upload.name).name or "tep"
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in upload.chunks():
                    member.write(chunk)
    spool.seek(0)
    return File(spool)
