"""R-ACC-2: the one-time password is changed at first login; the "forgot password" e-mail
is rate-limited (issue 16, finding 13)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView
from wagtail.log_actions import log

from congthongtin.core import ratelimit
from congthongtin.core.clients import client_ip
from congthongtin.core.conf import DEFAULTS, app_settings
from congthongtin.core.users import must_change_password, set_must_change_password


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        flag = set_must_change_password(user, False)
        if flag:
            user.save(update_fields=flag)
        update_session_auth_hash(request, user)
        log(instance=user, action="editorial.password_changed", user=user)
        messages.success(request, _("Your password has been changed."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "editorial/change_password.html",
        {"form": form, "forced": must_change_password(request.user)},
    )


# Password reset e-mails (issue 16, finding 13) ----------------------------------------------
#: Requests per window: per e-mail address typed, per client address
#: (``CONGTHONGTIN["PASSWORD_RESET_RATE_LIMITS"]`` overrides either).
DEFAULT_RESET_LIMITS = DEFAULTS["PASSWORD_RESET_RATE_LIMITS"]


def _reset_limits() -> dict:
    return app_settings.PASSWORD_RESET_RATE_LIMITS


def reset_rate_limited(request, email: str) -> bool:
    """Counts this request for the address typed and for the client; True when either has
    gone over its limit. Counted whether or not an account has the address, so that the
    answer never tells which addresses have one. The client is read as for the lockouts
    and the public forms (``core.clients``), so a forged X-Forwarded-For header does not
    make a new client."""
    limits = _reset_limits()
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    client = client_ip(request) or "unknown"
    over = False
    for kind, value in (("address", digest), ("client", client)):
        limit, window = limits[kind]
        if ratelimit.hit(f"editorial:password-reset:{kind}:{value}", window) > limit:
            over = True
    return over


LIMITED_MESSAGE = gettext_lazy(
    "Too many password reset requests from here or for this address. "
    "No e-mail was sent; please try again later."
)


class RateLimitedPasswordResetView(WagtailPasswordResetView):
    """Wagtail's "forgot password" page; beyond the limits it sends nothing and says so."""

    def form_valid(self, form):
        if reset_rate_limited(self.request, form.cleaned_data["email"]):
            form.add_error(None, LIMITED_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
