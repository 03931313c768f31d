"""Site search's set-up step (``manage.py setup_portal``; congthongtin.core.setup): the head
of each body's board may change that body's search settings (``SearchSettings``), no other
body's. Runs after the editorial board's step (INSTALLED_APPS order), whose groups it uses."""

from __future__ import annotations

from wagtail.models import GroupSitePermission

from congthongtin.core import roles
from congthongtin.core.setup import permissions

#: Per-site setting permissions (Wagtail's GroupSitePermission) of the head of each board.
HEAD_SITE_PERMISSIONS = ["portal_search.change_searchsettings"]


def install_search_settings(report, site=None) -> None:
    from congthongtin.core.models import BoardRole

    heads = BoardRole.objects.filter(role=roles.HEAD, site__isnull=False).select_related("group")
    if site is not None:
        heads = heads.filter(site=site)
    granted = permissions(HEAD_SITE_PERMISSIONS)
    for board_role in heads:
        for permission in granted:
            GroupSitePermission.objects.get_or_create(
                group=board_role.group, site_id=board_role.site_id, permission=permission
            )
