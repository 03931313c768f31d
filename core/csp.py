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

**One response may allow more** (``add_sources``): a template tag that renders a third
party's script (the national EMC monitoring, ``stats``) names that party's origin for the
directives it needs on ``request.csp_extra_sources``, and the middleware merges them into
the header of that response only. Every other page, and every other body's pages, keep the
fixed policy. Core knows nothing of who adds what; it only checks that each addition is a
plain ``https://`` origin (nothing that could widen the policy further or break the header).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .conf import DEFAULTS, app_settings

#: The policy when ``CONGTHONGTIN["CSP"]`` is not set: everything from the portal's origin.
DEFAULT_POLICY: dict[str, list[str]] = DEFAULTS["CSP"]


#: Where a request carries the additions for its own response: directive → sources.
REQUEST_ATTRIBUTE = "csp_extra_sources"

#: What may be added: an https origin (a host, an optional port), nothing else: no
#: wildcard, no keyword ('unsafe-inline'), no scheme alone, no path, no separator.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_ORIGIN = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})+(?::\d{{1,5}})?")
_DIRECTIVE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def is_addable_source(source: str) -> bool:
    return isinstance(source, str) and bool(_ORIGIN.fullmatch(source))


def add_sources(request, sources: dict[str, Iterable[str]]) -> None:
    """Allow ``sources`` (directive → https origins) on the response to ``request`` only.

    Raises ``ValueError`` for anything but a directive name and https origins, so that a
    mistake shows where it is made rather than as a broken header."""
    extra = getattr(request, REQUEST_ATTRIBUTE, None)
    if extra is None:
        extra = {}
        setattr(request, REQUEST_ATTRIBUTE, extra)
    for directive, values in sources.items():
        if not _DIRECTIVE.fullmatch(directive):
            raise ValueError(f"Not a CSP directive: {directive!r}")
        listed = extra.setdefault(directive, [])
        for value in values:
            if not is_addable_source(value):
                raise ValueError(f"Not an https origin: {value!r}")
            if value not in listed:
                listed.append(value)


def merged_policy(
    policy: dict[str, list[str]], extra: dict[str, Iterable[str]]
) -> dict[str, list[str]]:
    """``policy`` with the ``extra`` sources added (invalid ones dropped). A directive the
    policy does not name starts from ``default-src``, which it would have fallen back to;
    ``'none'`` gives way to the added sources."""
    merged = {name: list(sources) for name, sources in policy.items()}
    fallback = [s for s in policy.get("default-src", []) if s != "'none'"]
    for directive, values in (extra or {}).items():
        if not isinstance(directive, str) or not _DIRECTIVE.fullmatch(directive):
            continue
        added = [v for v in values if is_addable_source(v)]
        if not added:
            continue
        current = merged.setdefault(directive, list(fallback))
        if "'none'" in current:
            current.remove("'none'")
        current.extend(v for v in added if v not in current)
    return merged


def build_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def excluded_prefixes() -> tuple[str, ...]:
    admin = "/" + app_settings.ADMIN_PATH.lstrip("/")
    return (admin, *app_settings.CSP_EXCLUDE_PREFIXES)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = app_settings.CSP
        self.header_value = build_policy(self.policy)
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
            response[self.header_name] = self.header_for(request)
        return response

    def header_for(self, request) -> str:
        extra = getattr(request, REQUEST_ATTRIBUTE, None)
        if not extra or not isinstance(extra, dict):
            return self.header_value
        return build_policy(merged_policy(self.policy, extra))
