"""No publishing outside the final step (docs/architecture.md §4, R-WF-1).

Wagtail lets anyone with ``publish`` permission publish directly, which cancels the
workflow. Here only superusers publish, unpublish or schedule directly; everybody else's
content becomes public only when the last step approves it (``congthongtin.editorial.workflows``).
``core.BasePage.permissions_for_user`` returns this tester (setting
``PORTAL_PAGE_PERMISSION_TESTER``), so it covers every page type now and later.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester


class EditorialPagePermissionTester(PagePermissionTester):
    def _superuser(self) -> bool:
        return bool(self.user.is_active and self.user.is_superuser)

    def can_publish(self):
        return self._superuser() and super().can_publish()

    def can_unpublish(self):
        return self._superuser() and super().can_unpublish()

    def can_publish_subpage(self):
        return self._superuser() and super().can_publish_subpage()

    def can_set_view_restrictions(self):
        return self._superuser() and super().can_set_view_restrictions()
