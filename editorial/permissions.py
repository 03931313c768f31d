"""No publishing outside the final step (docs/architecture.md §4, R-WF-1), and nothing
written on an archive.

Wagtail lets anyone with ``publish`` permission publish directly, which cancels the
workflow. Here only superusers publish, unpublish or schedule directly; everybody else's
content becomes public only when the last step approves it (``congthongtin.editorial.workflows``).
``core.BasePage.permissions_for_user`` returns this tester (setting
``PORTAL_PAGE_PERMISSION_TESTER``), so it covers every page type now and later.

The pages of an archived body (a dissolved unit, Law 72/2025/QH15; ``core.bodies``) are
read-only for everyone, superusers included: no new page, edit, deletion, move, publication,
lock, workflow or restriction, and nothing copied or moved into them. A page may still be
copied out of an archive into a live body (the successor taking its content over).
"""

from __future__ import annotations

from functools import cached_property

from wagtail.models import PagePermissionTester

from congthongtin.core.bodies import page_is_archived


class EditorialPagePermissionTester(PagePermissionTester):
    def _superuser(self) -> bool:
        return bool(self.user.is_active and self.user.is_superuser)

    @cached_property
    def archived(self) -> bool:
        """The page belongs to an archived body's site."""
        return (self.page.depth or 0) > 1 and page_is_archived(self.page)

    # An archive shows as locked to everyone, whatever lock the page has.
    def page_locked(self):
        return self.archived or super().page_locked()

    def can_add_subpage(self):
        return not self.archived and super().can_add_subpage()

    def can_edit(self):
        return not self.archived and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        if self.archived:
            return False
        leaf = self._leaf_can_delete()
        return super().can_delete(ignore_bulk=ignore_bulk) if leaf is None else leaf

    def _leaf_can_delete(self) -> bool | None:
        """Wagtail's ``can_delete`` for a page without children, without its queries.

        For someone without ``publish`` permission Wagtail asks the database whether the
        page or one of its descendants is live (or not his) — one query per call, and the
        explorer calls it twice per row (the Delete and Move buttons): 100 queries for a
        page of 50 documents. A leaf's descendants are the page itself, whose ``live`` and
        ``owner_id`` are already loaded: the same answer from the row. None: not a leaf
        (or a case Wagtail answers without a query), Wagtail decides."""
        page, user = self.page, self.user
        if not user.is_active or user.is_superuser or (page.depth or 0) <= 1:
            return None
        if page.numchild:
            return None
        if "change" in self.permissions:
            return "publish" in self.permissions or not page.live
        if "add" in self.permissions:
            if page.owner_id != user.pk:
                return False
            return "publish" in self.permissions or not page.live
        return False

    def can_publish(self):
        return not self.archived and self._superuser() and super().can_publish()

    def can_unpublish(self):
        return not self.archived and self._superuser() and super().can_unpublish()

    def can_publish_subpage(self):
        return not self.archived and self._superuser() and super().can_publish_subpage()

    def can_set_view_restrictions(self):
        return not self.archived and self._superuser() and super().can_set_view_restrictions()

    def can_unschedule(self):
        return not self.archived and super().can_unschedule()

    def can_submit_for_moderation(self):
        return not self.archived and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.archived and super().can_lock()

    def can_unlock(self):
        return not self.archived and super().can_unlock()

    def can_reorder_children(self):
        return not self.archived and super().can_reorder_children()

    def can_move(self):
        return not self.archived and super().can_move()

    def can_move_to(self, destination):
        if self.archived or _archived(destination):
            return False
        return super().can_move_to(destination)

    def can_copy(self):
        # Copying out of an archive writes nothing in it: whoever may edit the page in a
        # live body may copy it (into a live body only: can_copy_to).
        if self.archived:
            return PagePermissionTester.can_edit(self)
        return super().can_copy()

    def can_copy_to(self, destination, recursive=False):
        if _archived(destination):
            return False
        return super().can_copy_to(destination, recursive=recursive)


def _archived(page) -> bool:
    return (page.depth or 0) > 1 and page_is_archived(page)
