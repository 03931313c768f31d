"""R-ACC-2: the one-time password is changed at first login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        update_session_auth_hash(request, user)
        log(instance=user, action="editorial.password_changed", user=user)
        messages.success(request, _("Your password has been changed."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "editorial/change_password.html",
        {"form": form, "forced": request.user.must_change_password},
    )
