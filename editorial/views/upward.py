"""Proposals up to the parent portal in the back office (S0 Đ4.2d): the source board's
"propose" screen and its list of proposals, the parent board's accept and decline (shown
on the inbox item of channel "upward"). Views stay thin: the rules are
``congthongtin.editorial.upward``'s. Every change is a POST with its CSRF token; an action
the user may not take is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from congthongtin.core.bodies import body_name, site_of_page

from .. import inbox, upward
from ..models.upward import UpwardProposal
from ..upward_forms import DeclineForm, ProposeForm
from .inbox import _invalid

PER_PAGE = 30


@require_http_methods(["GET", "POST"])
def propose(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not upward.may_propose(request.user, page):
        raise PermissionDenied
    site = site_of_page(page)
    parent_site, parent_key = upward.parent_of(site)
    parent_label = body_name(parent_site) if parent_site else parent_key
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            upward.propose(request.user, page, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                gettext("“%(title)s” has been proposed to %(parent)s.")
                % {"title": page.title, "parent": parent_label},
            )
            return redirect("editorial:upward_list")
    return TemplateResponse(
        request,
        "editorial/upward/propose.html",
        {
            "form": form,
            "page": page,
            "parent": parent_label,
            "page_title": gettext("Propose to the parent portal"),
        },
    )


@require_GET
def proposal_list(request):
    user = request.user
    if not (user.is_superuser or _on_a_board(user)):
        raise PermissionDenied
    rows = upward.proposals_of(user).select_related("source_site", "target_site", "page")
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "editorial/upward/list.html",
        {
            "page_obj": page_obj,
            "withdrawable": {p.pk for p in page_obj if upward.may_withdraw(user, p)},
            "page_title": gettext("Proposals to the parent portal"),
        },
    )


def _on_a_board(user) -> bool:
    from congthongtin.core import roles
    from congthongtin.core.bodies import holds

    return holds(user, [*upward.PROPOSERS, *roles.READ_ONLY_ROLES])


def _received(request, pk) -> UpwardProposal:
    """A proposal received by a body whose inbox the user reads (404 otherwise)."""
    if not inbox.may_read_inbox(request.user):
        raise PermissionDenied
    proposal = (
        UpwardProposal.objects.select_related("contribution", "target_site")
        .filter(pk=pk, contribution__in=inbox.readable(request.user))
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@require_POST
def accept(request, pk):
    proposal = _received(request, pk)
    if not upward.may_decide(request.user, proposal):
        raise PermissionDenied
    try:
        page = upward.accept(request.user, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("editorial:inbox_detail", proposal.contribution_id)
    if page.live:
        message = gettext("“%(title)s” is published on this portal with its source.")
    else:
        message = gettext(
            "“%(title)s” has been copied to this portal and submitted to the board's workflow."
        )
    messages.success(request, message % {"title": page.title})
    return redirect("editorial:inbox_detail", proposal.contribution_id)


@require_POST
def decline(request, pk):
    proposal = _received(request, pk)
    if not upward.may_decide(request.user, proposal):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    contribution = inbox.readable(request.user).get(pk=proposal.contribution_id)
    if not form.is_valid():
        return _invalid(request, contribution, upward_decline=form)
    try:
        upward.decline(request.user, proposal, form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error("reason", error.messages)
        return _invalid(request, contribution, upward_decline=form)
    messages.success(
        request,
        gettext("The proposal “%(title)s” has been declined; its board is told by e-mail.")
        % {"title": proposal.title},
    )
    return redirect("editorial:inbox_detail", proposal.contribution_id)


@require_POST
def withdraw(request, pk):
    if not (request.user.is_superuser or _on_a_board(request.user)):
        raise PermissionDenied
    proposal = get_object_or_404(upward.proposals_of(request.user), pk=pk)
    if not upward.may_withdraw(request.user, proposal):
        raise PermissionDenied
    upward.withdraw(request.user, proposal)
    messages.success(
        request,
        gettext("The proposal “%(title)s” has been withdrawn.") % {"title": proposal.title},
    )
    return redirect("editorial:upward_list")
