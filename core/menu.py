"""Admin menu items the apps share: shown only to whoever may open the screen."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """Shown to holders of ``permission`` ("app_label.codename")."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class BodiesMenuItem(MenuItem):
    """Shown to whoever reads the screen on some body: ``site_ids(user)`` gives those bodies'
    ids (None: every body), as each back-office screen scopes its rows."""

    def __init__(self, *args, site_ids, **kwargs):
        self.site_ids = site_ids
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        ids = self.site_ids(request.user)
        return ids is None or bool(ids)
