"""A strict Content-Security-Policy on the public site (issue 11 hardening, R-SEC-1).

Why our own 40 lines instead of django-csp: Django 5.2 has no CSP support (it arrives in
Django 6.0, which needs Python ≥ 3.12); django-csp 4.0 would work, but all we need is one
fixed header on public pages and none on the admin, with no nonces (public templates have
no inline script or style at all). A middleware this small is easier to audit than a
dependency, and it moves to Django 6's ``SECURE_CSP`` unchanged when the project does.

The policy forbids inline scripts, inline styles, ``eval``, plugins, framing by other
sites and form posts to other sites; everything loads from the portal's own origin.

**The Wagtail admin is excluded** (``ADMIN_PATH`` and everything under it,
including page previews): Wagtail 8's admin still uses inline ``<script>`` blocks
(JSON data for its widgets, Stimulus initial values) and ``style=""`` attributes, so a
strict policy breaks it and a policy allowing ``'unsafe-inline'`` protects nothing. The
admin is reached by a small number of authenticated editors behind its own URL, login
lockouts (django-axes) and HTTPS; that is its protection. Documents served by Wagtail's
``serve_view`` keep Wagtail's own restrictive CSP (``WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT``).

Settings (keys of ``CONGTHONGTIN``, core.conf, all optional):
``CSP`` — a dict of directive → list of sources replacing ``DEFAULT_POLICY``;
``CSP_REPORT_ONLY`` — send ``Content-Security-Policy-Report-Only`` instead
(to try a change in production without breaking anything);
``CSP_EXCLUDE_PREFIXES`` — extra path prefixes without the header.
"""

from __future__ import annotations

from .conf import DEFAULTS, app_settings

#: The policy when ``CONGTHONGTIN["CSP"]`` is not set: everything from the portal's origin.
DEFAULT_POLICY: dict[str, list[str]] = DEFAULTS["CSP"]


def build_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def excluded_prefixes() -> tuple[str, ...]:
    admin = "/" + app_settings.ADMIN_PATH.lstrip("/")
    return (admin, *app_settings.CSP_EXCLUDE_PREFIXES)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header_value = build_policy(app_settings.CSP)
        self.header_name = (
            "Content-Security-Policy-Report-Only"
            if app_settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(excluded_prefixes()):
            return response
        # A view that set its own policy (Wagtail's document serving) knows better.
        if not response.has_header("Content-Security-Policy"):
            response[self.header_name] = self.header_value
        return response
