"""The publishing gate's report for one page and the one-click legacy-text conversion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Page

from ..gate import check_revision, fix_legacy_text


def _page_for_editor(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    task = page.current_workflow_task
    if not (
        perms.can_edit() or (task and task.specific.user_can_access_editor(page, request.user))
    ):
        raise PermissionDenied
    return page


def gate_report(request, page_id):
    page = _page_for_editor(request, page_id)
    revision = page.get_latest_revision()
    problems = check_revision(revision)
    return TemplateResponse(
        request,
        "editorial/gate_report.html",
        {
            "page": page,
            "problems": problems,
            "has_legacy": any(p.code.startswith("legacy_") for p in problems),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


@require_POST
def fix_legacy(request, page_id):
    """Convert every legacy-encoded text of the latest revision into a new draft revision."""
    page = _page_for_editor(request, page_id)
    latest = page.get_latest_revision()
    draft = latest.as_object() if latest else page
    changed = fix_legacy_text(draft)
    if changed:
        revision = draft.save_revision(user=request.user, log_action=True, clean=False)
        log(
            instance=page,
            action="editorial.fix_legacy",
            user=request.user,
            revision=revision,
            data={"fields": changed},
        )
        messages.success(
            request,
            _(
                "Legacy text converted to Unicode in %(count)s field(s). "
                "Check it, then submit again."
            )
            % {"count": changed},
        )
    else:
        messages.info(request, _("No legacy-encoded text was found."))
    return redirect("wagtailadmin_pages:edit", page.pk)
