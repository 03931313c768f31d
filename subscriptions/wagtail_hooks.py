"""The e-mail subscriptions in the admin (their URLs and menu item) and the one write an
archived body's portal still takes: leaving the list. Registration only: the views are in
``admin_views`` and ``views``."""

from __future__ import annotations

import re

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from congthongtin.core.archives import ALLOWED_WRITES_HOOK
from congthongtin.core.menu import BodiesMenuItem

from . import admin_urls, admin_views

#: The unsubscription's addresses: the page's route and the one-click URL (subscriptions.urls).
LEAVING = re.compile(r"/huy/[A-Za-z0-9_-]{20,64}/$")


@hooks.register("register_admin_urls")
def register_urls():
    return [path("nhan-tin-qua-thu/", include(admin_urls, namespace="subscriptions_admin"))]


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return BodiesMenuItem(
        _("E-mail subscriptions"),
        reverse("subscriptions_admin:index"),
        icon_name="mail",
        order=60,
        name="email-subscriptions",
        site_ids=admin_views.readable_site_ids,
    )


@hooks.register(ALLOWED_WRITES_HOOK)
def leaving_is_allowed(request) -> bool:
    """A subscriber of a dissolved body still leaves its list."""
    return bool(LEAVING.search(request.path))
