"""The auditors' read-only area (R-WF-3; docs/architecture.md §4): auditors read their
bodies' records (the province-wide auditor every body's), change nothing. Wagtail has no
read-only page permission and its history views need edit rights, so these views query the
records behind ``editorial.view_audit``, narrowed to the reader's bodies
(``editorial.audit.audit_site_ids``)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import ModelLogEntry, Page, PageLogEntry, TaskState, WorkflowState

from congthongtin.core.users import full_name

from ..accounts import ACCOUNT_ACTIONS
from ..audit import (
    audit_pages_of,
    audit_site_ids,
    check_audit_page,
    publish_entries,
    published_versions,
)
from ..forms import AuditFilterForm
from ..models import DelegatedAction

audit_required = permission_required("editorial.view_audit", raise_exception=True)


class AuditRow:
    """One published version, flattened for the table and the spreadsheet export."""

    def __init__(self, version):
        self.version = version
        self.title = version.title
        self.url = version.url
        self.published_at = version.published_at
        self.composed_by = _name(version.composed_by)
        self.edited_by = _name(version.user_at(1))
        self.verified_by = _name(version.verified_by)
        self.approved_by = _name(version.approved_by)
        self.on_behalf_of = _name(version.on_behalf_of)
        self.comments = " | ".join(
            f"{record.name}: {record.comment}"
            for record in sorted(version.steps.values(), key=lambda r: r.step)
            if record.comment
        )


def _name(user):
    if user is None:
        return ""
    full = full_name(user)
    return f"{full} ({user.get_username()})" if full else user.get_username()


@method_decorator(audit_required, name="dispatch")
class AuditReportView(SpreadsheetExportMixin, TemplateView):
    """Every published version with who composed, verified and approved it."""

    template_name = "editorial/audit_report.html"
    paginate_by = 50
    list_export = [
        "title",
        "url",
        "published_at",
        "composed_by",
        "edited_by",
        "verified_by",
        "approved_by",
        "on_behalf_of",
        "comments",
    ]
    export_headings = {
        "title": _("Title"),
        "url": _("Address"),
        "published_at": _("Published at"),
        "composed_by": _("Composed by"),
        "edited_by": _("Edited by"),
        "verified_by": _("Verified by"),
        "approved_by": _("Approved by"),
        "on_behalf_of": _("On behalf of"),
        "comments": _("Comments"),
    }

    def get_filename(self):
        return "bao-cao-kiem-tra-xuat-ban"

    def get(self, request, *args, **kwargs):
        site_ids = audit_site_ids(request.user)
        form = AuditFilterForm(request.GET or None, site_ids=site_ids)
        filters = {"site_ids": site_ids}
        if form.is_bound and form.is_valid():
            since, until = form.period()
            filters |= {
                "since": since,
                "until": until,
                "section": form.cleaned_data.get("section"),
                "user": form.cleaned_data.get("user"),
            }
        entries = publish_entries(**filters)
        if self.is_export:
            rows = [AuditRow(v) for v in published_versions(entries[:5000])]
            return self.as_spreadsheet(rows, request.GET.get("export"))
        page = Paginator(entries, self.paginate_by).get_page(request.GET.get("p"))
        rows = [AuditRow(v) for v in published_versions(page.object_list)]
        query = request.GET.copy()
        query.pop("p", None)
        query.pop("export", None)
        return self.render_to_response(
            {"form": form, "rows": rows, "page_obj": page, "query": query.urlencode()}
        )


@audit_required
def audit_pages(request):
    """Every page of the user's bodies (every portal's for the province-wide auditor), to
    open its history."""
    pages = audit_pages_of(request.user, Page.objects.filter(depth__gt=1)).order_by("path")
    query = (request.GET.get("q") or "").strip()[:200]
    if query:
        pages = pages.filter(title__icontains=query)
    page_obj = Paginator(pages.only("id", "title", "depth", "live", "path"), 50).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request, "editorial/audit_pages.html", {"page_obj": page_obj, "q": request.GET.get("q", "")}
    )


@audit_required
def audit_page_history(request, page_id):
    """One page's audit log, workflow runs and revisions, read-only."""
    page = get_object_or_404(Page, pk=page_id)
    check_audit_page(request.user, page)
    entries = (
        PageLogEntry.objects.filter(page=page)
        .select_related("user", "revision")
        .order_by("-timestamp")
    )
    revisions = list(page.revisions.select_related("user").order_by("-created_at", "-id"))
    states = (
        WorkflowState.objects.for_instance(page)
        .select_related("requested_by", "workflow")
        .prefetch_related("task_states__finished_by", "task_states__task")
        .order_by("-created_at")
    )
    delegated = {
        d.task_state_id: d
        for d in DelegatedAction.objects.filter(
            task_state__in=TaskState.objects.filter(workflow_state__in=states)
        ).select_related("on_behalf_of", "acted_by")
    }
    # Each revision with the one before it, for "compare with the previous version".
    pairs = list(zip(revisions, [*revisions[1:], None], strict=True))
    return TemplateResponse(
        request,
        "editorial/audit_page_history.html",
        {
            "page": page,
            "entries": entries,
            "revision_pairs": pairs,
            "states": states,
            "delegated": delegated,
        },
    )


class AuditRevisionsCompareView(RevisionsCompareView):
    """Wagtail's revision comparison, opened to auditors without edit rights."""

    history_url_name = "editorial:audit_page_history"
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("editorial.view_audit"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        # Skip the page-permission decorator of Wagtail's own view.
        return super(RevisionsCompareView, self).dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        page = get_object_or_404(Page, id=self.pk)
        check_audit_page(self.request.user, page)
        return page.specific

    def get_edit_url(self):
        return None

    @property
    def header_buttons(self):
        return []


@require_GET
@audit_required
def audit_accounts(request):
    """Who opened, (de)activated, unlocked an account, issued a one-time password, granted
    or removed a role or superuser status, and when (issue 16, finding 1), with Wagtail's
    own create/edit/delete entries of user accounts. Accounts are install-wide: a body's
    auditor reads only the grants and removals of his bodies' roles (the entries naming
    one of them); superusers and the province-wide auditor read everything."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            action__in=[*ACCOUNT_ACTIONS, "wagtail.create", "wagtail.edit", "wagtail.delete"],
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    site_ids = audit_site_ids(request.user)
    if site_ids is not None:
        # A body's auditor reads the grants and removals of his bodies' roles.
        entries = entries.filter(data__site_id__in=sorted(site_ids))
    page_obj = Paginator(entries, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "editorial/audit_accounts.html", {"page_obj": page_obj})
