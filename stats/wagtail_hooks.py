"""The statistics in the admin: the board's report (its URL, its menu items) and this
app's sections of it. Registration only: the sections are in ``report_sections``, the
view in ``admin_views``."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from congthongtin.core.menu import BodiesMenuItem
from congthongtin.core.reports import REPORT_SECTIONS_HOOK

from . import admin_urls, report, report_sections

#: editorial's "Back office" submenu (editorial.backoffice.MENU_HOOK), by its name: this
#: app imports no other domain app. Without editorial nothing asks this hook.
BACKOFFICE_MENU_HOOK = "congthongtin_backoffice_menu_item"


def _menu_item(order: int) -> BodiesMenuItem:
    """Shown to whoever reads the report of some body."""
    return BodiesMenuItem(
        _("Portal report"),  # vi: "Báo cáo hoạt động cổng"
        reverse("stats_admin:report"),
        icon_name="doc-full",
        order=order,
        name="portal-report",
        site_ids=report.readable_site_ids,
    )


@hooks.register("register_admin_urls")
def register_urls():
    return [path("bao-cao/", include(admin_urls, namespace="stats_admin"))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return _menu_item(50)


@hooks.register(BACKOFFICE_MENU_HOOK)
def register_backoffice_menu_item():
    return _menu_item(600)


hooks.register(REPORT_SECTIONS_HOOK, report_sections.sections)
