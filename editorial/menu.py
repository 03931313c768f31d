"""Menu items of editorial's admin screens, shown only to whoever may open them."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem


class BodiesMenuItem(MenuItem):
    """Shown to whoever reads the screen on some body: ``site_ids(user)`` gives those bodies'
    ids (None: every body), as each back-office screen scopes its rows."""

    def __init__(self, *args, site_ids, **kwargs):
        self.site_ids = site_ids
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        ids = self.site_ids(request.user)
        return ids is None or bool(ids)
