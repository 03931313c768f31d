"""Admin form of a procedure page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm

from congthongtin.core.forms import PortalPageForm


class ProcedurePageForm(PortalPageForm):
    """Tells the page where it will be created, so that ``ProcedurePage.clean`` can check
    the code's uniqueness on the right portal before the page has a place in the tree."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is not None and not self.instance.path:
            self.instance._validation_parent = parent_page


class ProcedureCopyForm(CopyForm):
    """Copying a procedure (or a procedures index with its children) into a portal that
    already has the same code is refused in the form, instead of failing when the copy
    is saved."""

    def clean(self):
        cleaned = super().clean()
        from .models import ProcedurePage, site_scope_path

        parent = cleaned.get("new_parent_page") or self.page.get_parent()
        page = self.page.specific
        codes = {page.code} if isinstance(page, ProcedurePage) else set()
        if cleaned.get("copy_subpages"):
            codes |= set(
                ProcedurePage.objects.descendant_of(self.page).values_list("code", flat=True)
            )
        scope = site_scope_path(parent)
        if codes and scope:
            clash = (
                ProcedurePage.objects.filter(code__in=codes, path__startswith=scope)
                .order_by("code")
                .values_list("code", flat=True)
                .first()
            )
            if clash:
                self.add_error(
                    "new_parent_page",
                    _(
                        "The portal you copy to already has a procedure with the code "
                        "%(code)s; procedure codes are unique on a portal."
                    )
                    % {"code": clash},
                )
        return cleaned
