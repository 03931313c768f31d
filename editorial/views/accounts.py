"""Admin screens for officials' accounts (R-ACC-1…4; issue 16, finding 1): open an account,
and per account its roles (head of the board, superuser) and the account managers'
actions: one-time password, deactivate/reactivate, unlock. Every change goes through one
function of ``congthongtin.editorial.accounts``, which checks who may make it and logs it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from congthongtin.core.users import has_field, user_permission

from .. import accounts
from ..forms import AccountRolesForm, OfficialAccountForm


@require_http_methods(["GET", "POST"])
def create_account(request):
    if not request.user.has_perm(user_permission("add")):
        raise PermissionDenied
    form = OfficialAccountForm(request.POST or None, actor=request.user)
    created = None
    if request.method == "POST" and form.is_valid():
        user, password = accounts.create_official(
            form.cleaned_data["full_name"],
            form.cleaned_data["email"],
            list(form.cleaned_data.get("roles", [])),
            created_by=request.user,
        )
        created = {"user": user, "password": password}
        form = OfficialAccountForm(actor=request.user)
    response = TemplateResponse(
        request, "editorial/create_account.html", {"form": form, "created": created}
    )
    # The one-time password must not stay in any cache.
    response["Cache-Control"] = "no-store"
    return response


def _require_accounts_screen(request):
    if not accounts.can_open_accounts(request.user):
        raise PermissionDenied


@require_http_methods(["GET"])
def account_list(request):
    _require_accounts_screen(request)
    User = get_user_model()
    users = User.objects.prefetch_related("groups").order_by(User.USERNAME_FIELD)
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        searched = [User.USERNAME_FIELD, *(f for f in ("first_name", "last_name") if has_field(f))]
        condition = Q()
        for field in searched:
            condition |= Q(**{f"{field}__icontains": query})
        users = users.filter(condition)
    page_obj = Paginator(users, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "editorial/account_list.html", {"page_obj": page_obj, "q": query}
    )


#: The values of the POST field "action": one change of ``congthongtin.editorial.accounts`` each.
ACTIONS = ("roles", "one_time_password", "deactivate", "reactivate", "unlock")


@require_http_methods(["GET", "POST"])
def account_detail(request, pk):
    _require_accounts_screen(request)
    target = get_object_or_404(get_user_model(), pk=pk)
    actor = request.user
    roles_form = AccountRolesForm(actor=actor, target=target)
    password = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise PermissionDenied
        if action == "roles":
            roles_form = AccountRolesForm(request.POST, actor=actor, target=target)
            if not roles_form.fields["roles"].queryset.exists():
                raise PermissionDenied
            if roles_form.is_valid():
                granted, removed = accounts.set_roles(
                    actor, target, roles_form.cleaned_data["roles"]
                )
                messages.success(
                    request,
                    _("Roles saved: %(granted)d granted, %(removed)d removed.")
                    % {"granted": len(granted), "removed": len(removed)},
                )
                return redirect("editorial:account_detail", pk=target.pk)
        elif action == "one_time_password":
            password = accounts.issue_one_time_password(actor, target)
        elif action in ("deactivate", "reactivate"):
            accounts.set_active(actor, target, action == "reactivate")
            messages.success(
                request,
                _("Account reactivated.") if action == "reactivate" else _("Account deactivated."),
            )
            return redirect("editorial:account_detail", pk=target.pk)
        elif action == "unlock":
            accounts.unlock(actor, target)
            messages.success(request, _("Failed logins forgotten; the account can log in."))
            return redirect("editorial:account_detail", pk=target.pk)
    response = TemplateResponse(
        request,
        "editorial/account_detail.html",
        {
            "target": target,
            "roles": target.groups.order_by("name"),
            "roles_form": roles_form,
            "can_grant": roles_form.fields["roles"].queryset.exists(),
            "can_manage": accounts.can_manage_account(actor, target),
            "locked": _is_locked(target),
            "password": password,
        },
    )
    if password:
        response["Cache-Control"] = "no-store"
    return response


def _is_locked(user) -> bool:
    """Whether django-axes holds enough failed logins for the account to refuse it."""
    from axes.conf import settings as axes_settings
    from axes.models import AccessAttempt

    limit = axes_settings.AXES_FAILURE_LIMIT
    limit = limit if isinstance(limit, int) else 5
    return AccessAttempt.objects.filter(
        username=user.get_username(), failures_since_start__gte=limit
    ).exists()
