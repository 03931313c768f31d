"""Admin screen to open an official's account (R-ACC-1…4)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from ..accounts import create_official
from ..forms import OfficialAccountForm


@permission_required("core.add_user", raise_exception=True)
@require_http_methods(["GET", "POST"])
def create_account(request):
    form = OfficialAccountForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        user, password = create_official(
            form.cleaned_data["full_name"],
            form.cleaned_data["email"],
            list(form.cleaned_data["roles"]),
            created_by=request.user,
        )
        created = {"user": user, "password": password}
        form = OfficialAccountForm()
    response = TemplateResponse(
        request, "editorial/create_account.html", {"form": form, "created": created}
    )
    # The one-time password must not stay in any cache.
    response["Cache-Control"] = "no-store"
    return response
