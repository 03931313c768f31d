"""Admin-wide rules of the editorial app."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from congthongtin.core.bodies import memberships
from congthongtin.core.roles import READ_ONLY_ROLES
from congthongtin.core.users import must_change_password

from .gate import GateRefused

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_auditor(user) -> bool:
    if user.is_superuser:
        return False
    if not hasattr(user, "_editorial_is_auditor"):
        # Only read-only roles (an auditor of one body who edits another writes there).
        held = {role for _site, role in memberships(user)}
        user._editorial_is_auditor = bool(held) and held <= set(READ_ONLY_ROLES)
    return user._editorial_is_auditor


class EditorialMiddleware:
    """- R-ACC-2: an account with a one-time password must change it before anything else.
    - Auditors never write.
    - A step refused by the publishing gate sends the editor to the list of problems."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(reverse("wagtailadmin_home"))
        ):
            allowed = (reverse("editorial:change_password"), reverse("wagtailadmin_logout"))
            if must_change_password(user) and request.path not in allowed:
                return redirect("editorial:change_password")
            # Auditors read everything and change nothing (R-ROLE-1): whatever permissions
            # they may be given by mistake, no write reaches a view.
            if (
                request.method not in SAFE_METHODS
                and request.path not in allowed
                and is_auditor(user)
            ):
                raise PermissionDenied
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, GateRefused):
            return None
        page_id = request.resolver_match.kwargs.get("page_id") if request.resolver_match else None
        target = (
            reverse("editorial:gate", args=[page_id]) if page_id else reverse("wagtailadmin_home")
        )
        messages.error(request, _("The publishing check found problems; nothing was approved."))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"step": "success", "redirect": target})
        return redirect(target)
