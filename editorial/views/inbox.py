"""The contributions inbox in the back office (S0 Đ5.4, S1 Đ14): a unit officer's form and
sent list, the standing office's list, an item's page with its files and the three
actions. Views stay thin: the rules are ``congthongtin.editorial.inbox``'s.

An item of a body the user does not read is a 404 (its existence is not told); an action
the user may not take is a 403; every change is a POST with its CSRF token.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from congthongtin.core.bodies import sites_where
from congthongtin.core.private_media import serve_private_file
from congthongtin.core.query_params import choice

from .. import inbox
from ..inbox_forms import AcceptForm, AssignForm, OfficerContributionForm, ReturnForm
from ..models.inbox import (
    Contribution,
    ContributionChannel,
    ContributionFile,
    ContributionKind,
    ContributionPage,
    ContributionStatus,
)

PER_PAGE = 30


def _sender_sites(user):
    ids = inbox.sender_site_ids(user)
    sites = Site.objects.order_by("site_name", "hostname")
    return sites if ids is None else sites.filter(pk__in=ids)


def _public_lookup_url(site) -> str:
    page = ContributionPage.objects.live().descendant_of(site.root_page).first()
    if page is None:
        return ""
    return (page.full_url or "") + page.reverse_subpage("lookup")


# The unit officer's form ---------------------------------------------------------------
def contribute(request):
    user = request.user
    if not inbox.may_send(user):
        raise PermissionDenied
    sites = _sender_sites(user)
    if request.method == "POST":
        form = OfficerContributionForm(request.POST, request.FILES, sites=sites)
        if form.is_valid():
            data = form.cleaned_data
            site = data["site"]
            agency = data["agency"]
            organisation = agency.name if agency else data["organisation"]
            contribution = Contribution(
                site=site,
                channel=ContributionChannel.ACCOUNT,
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                sender_name=user.get_full_name() or user.get_username(),
                sender_organisation=organisation,
                sender_address=data["address"] or organisation,
                sender_email=user.email,
                sender_phone=data["phone"],
                agency=agency,
                origin=data["origin"],
                source=data["source"],
                collector=data["collector"],
            )
            inbox.receive(
                contribution,
                form.checked_files,
                user=user,
                lookup_url=_public_lookup_url(site),
            )
            messages.success(
                request,
                gettext("“%(title)s” has been sent to the board. Receipt code: %(code)s.")
                % {"title": contribution.title, "code": contribution.code},
            )
            return redirect("editorial:contribute")
    else:
        form = OfficerContributionForm(sites=sites)
    sent = (
        Contribution.objects.filter(sender_user=user)
        .select_related("site")
        .only("pk", "code", "title", "kind", "status", "received_at", "reason", "site__site_name")
        .order_by("-received_at", "-pk")[:50]
    )
    return TemplateResponse(
        request,
        "editorial/inbox/contribute.html",
        {"form": form, "sent": sent, "page_title": gettext("Send an item to the board")},
    )


# The standing office's inbox -------------------------------------------------------------
@require_GET
def inbox_list(request):
    user = request.user
    if not inbox.may_read_inbox(user):
        raise PermissionDenied
    rows = inbox.readable(user).select_related("site", "assigned_to")
    sites = sites_where(user, inbox.READERS).order_by("site_name", "hostname")
    many_sites = sites.count() > 1
    status = choice(request.GET.get("trang_thai"), ContributionStatus.values)
    kind = choice(request.GET.get("loai"), ContributionKind.values)
    site_ids = [str(pk) for pk in sites.values_list("pk", flat=True)]
    site_id = choice(request.GET.get("co_quan"), site_ids)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    if site_id:
        rows = rows.filter(site_id=int(site_id))
    rows = rows.defer("text")
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "editorial/inbox/inbox.html",
        {
            "page_obj": page_obj,
            "statuses": ContributionStatus.choices,
            "kinds": ContributionKind.choices,
            "sites": sites if many_sites else [],
            "current": {"status": status or "", "kind": kind or "", "site": site_id or ""},
            "page_title": gettext("Contributions inbox"),
        },
    )


def _readable_or_404(user, pk) -> Contribution:
    contribution = (
        inbox.readable(user)
        .select_related("site", "assigned_to", "handled_by", "sender_user", "agency", "page")
        .filter(pk=pk)
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


@require_GET
def inbox_detail(request, pk):
    user = request.user
    if not inbox.may_read_inbox(user):
        raise PermissionDenied
    contribution = _readable_or_404(user, pk)
    return TemplateResponse(
        request, "editorial/inbox/detail.html", _detail_context(request, contribution)
    )


def _detail_context(request, contribution, **forms):
    user = request.user
    may_accept = inbox.may_accept(user, contribution)
    may_handle = inbox.may_handle(user, contribution)
    context = {
        "contribution": contribution,
        "files": list(contribution.files.all()),
        "may_accept": may_accept,
        "may_handle": may_handle,
        "page_title": contribution.title,
        "history": contribution.history.select_related("history_user").order_by("history_date")[
            :50
        ],
    }
    if may_accept:
        context["accept_form"] = forms.get("accept") or AcceptForm(
            targets=inbox.targets_for(user, contribution)
        )
    if may_handle:
        context["assign_form"] = forms.get("assign") or AssignForm(
            people=inbox.assignees(contribution.site)
        )
        context["return_form"] = forms.get("return") or ReturnForm()
    if contribution.channel == ContributionChannel.UPWARD:
        context.update(_upward_context(user, contribution, forms.get("upward_decline")))
    return context


def _upward_context(user, contribution, decline_form) -> dict:
    """A proposal from a lower portal (editorial.upward): its source, link and actions."""
    from .. import upward
    from ..upward_forms import DeclineForm

    proposal = getattr(contribution, "upward", None)
    if proposal is None:
        return {}
    may_decide = upward.may_decide(user, proposal)
    return {
        "upward": proposal,
        "upward_may_decide": may_decide,
        "upward_publishes": may_decide and upward.publishes_at_once(user, contribution.site_id),
        "upward_decline_form": (decline_form or DeclineForm()) if may_decide else None,
    }


def _invalid(request, contribution, status=200, **forms):
    response = TemplateResponse(
        request, "editorial/inbox/detail.html", _detail_context(request, contribution, **forms)
    )
    response.status_code = status
    return response


def _actionable(request, pk) -> Contribution:
    if not inbox.may_read_inbox(request.user):
        raise PermissionDenied
    return _readable_or_404(request.user, pk)


@require_POST
def inbox_accept(request, pk):
    contribution = _actionable(request, pk)
    if not inbox.may_accept(request.user, contribution):
        raise PermissionDenied
    targets = inbox.targets_for(request.user, contribution)
    form = AcceptForm(request.POST, targets=targets)
    if not form.is_valid():
        return _invalid(request, contribution, accept=form)
    target = form.targets[form.cleaned_data["target"]]
    try:
        page = inbox.accept(
            request.user, contribution, target.model._meta.label_lower, target.parent
        )
    except ValidationError as error:
        form.add_error("target", error.messages)
        return _invalid(request, contribution, accept=form)
    messages.success(
        request,
        gettext("Draft “%(title)s” created from item %(code)s. It is not published.")
        % {"title": page.title, "code": contribution.code},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def inbox_assign(request, pk):
    contribution = _actionable(request, pk)
    if not inbox.may_handle(request.user, contribution):
        raise PermissionDenied
    form = AssignForm(request.POST, people=inbox.assignees(contribution.site))
    if not form.is_valid():
        return _invalid(request, contribution, assign=form)
    editor = form.people[form.cleaned_data["assignee"]]
    try:
        inbox.assign(request.user, contribution, editor, form.cleaned_data["note"])
    except ValidationError as error:
        form.add_error("assignee", error.messages)
        return _invalid(request, contribution, assign=form)
    messages.success(
        request,
        gettext("Item %(code)s assigned to %(name)s.")
        % {"code": contribution.code, "name": editor.get_full_name() or editor.get_username()},
    )
    return redirect("editorial:inbox_detail", contribution.pk)


@require_POST
def inbox_return(request, pk):
    contribution = _actionable(request, pk)
    if not inbox.may_handle(request.user, contribution):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _invalid(request, contribution, **{"return": form})
    try:
        inbox.return_to_sender(request.user, contribution, form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error("reason", error.messages)
        return _invalid(request, contribution, **{"return": form})
    messages.success(
        request, gettext("Item %(code)s returned to its sender.") % {"code": contribution.code}
    )
    return redirect("editorial:inbox_detail", contribution.pk)


@require_GET
def inbox_file(request, pk):
    """A file of an item, to its body's board and auditors only (404 for anyone else)."""
    if not inbox.may_read_inbox(request.user):
        return HttpResponseForbidden(
            gettext("You are not allowed to read the files sent to the board."),
            content_type="text/plain; charset=utf-8",
        )
    stored = get_object_or_404(
        ContributionFile.objects.select_related("contribution"),
        pk=pk,
        contribution__in=inbox.readable(request.user),
    )
    return serve_private_file(stored.file)
