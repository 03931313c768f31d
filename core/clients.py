"""The client's address, as every per-address rule of the portal should read it.

django-axes (``AXES_CLIENT_IP_CALLABLE``, R-ACC-3 lockouts) and the password-reset limit
(``editorial.views.password``) use it. Behind a reverse proxy
``CONGTHONGTIN["PUBLIC_FORM_CLIENT_IP_HEADER"]`` names the header the proxy sets
(``HTTP_X_REAL_IP`` with docker/nginx.conf, which overwrites whatever the client sent);
without that setting no header is trusted, so a forged X-Forwarded-For changes nothing.
Without it behind a proxy every client would share the proxy's address: one lockout or one
limit for everybody.
"""

from __future__ import annotations

import ipaddress

from .conf import app_settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    header = app_settings.PUBLIC_FORM_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    if value:
        # A list (X-Forwarded-For): the last entry is the one our proxy appended.
        address = _valid(value.split(",")[-1])
        if address:
            return address
    # Stored by django-axes in an IP address column: never anything but an address.
    return _valid(request.META.get("REMOTE_ADDR", ""))
