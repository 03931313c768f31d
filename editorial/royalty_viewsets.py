"""Admin screens of the royalties' reference data (R-ROY-1): the base salary (national law,
install-wide, superusers only) and each body's royalty kinds (its head of the board edits
the ranges and fees of his body's kinds; auditors read)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import roles
from congthongtin.core.bodies import site_ids_where
from congthongtin.core.viewsets import PortalModelViewSet, ScopedPermissionPolicy

from .models import BaseSalary, RoyaltyKind


class RoyaltyKindPermissionPolicy(ScopedPermissionPolicy):
    """The kinds of the bodies where the user reads royalties; changed only by the head of
    that body's board (superusers: every body)."""

    def scope(self, user, queryset):
        from .royalties import readable_site_ids

        ids = readable_site_ids(user)
        return queryset if ids is None else queryset.filter(site_id__in=ids)

    def action_scope(self, user, action, queryset):
        queryset = self.scope(user, queryset)
        if action in ("add", "change", "delete") and not user.is_superuser:
            ids = site_ids_where(user, roles.HEAD)
            return queryset if ids is None else queryset.filter(site_id__in=ids)
        return queryset


class BaseSalaryViewSet(PortalModelViewSet):
    model = BaseSalary
    name = "luong-co-so"
    url_namespace = "editorial_basesalary"
    icon = "tasks"
    menu_label = _("Base salary")
    add_to_admin_menu = False
    form_fields = ["amount", "valid_from", "legal_basis"]
    list_display = ["amount", "valid_from", "legal_basis"]
    copy_view_enabled = False
    inspect_view_enabled = False


class RoyaltyKindViewSet(PortalModelViewSet):
    model = RoyaltyKind
    name = "loai-nhuan-but"
    url_namespace = "editorial_royaltykind"
    icon = "tag"
    menu_label = _("Royalty kinds")
    add_to_admin_menu = False
    form_fields = ["name", "min_coefficient", "max_coefficient", "fixed_fee"]
    list_display = ["name", "site", "min_coefficient", "max_coefficient", "fixed_fee"]
    copy_view_enabled = False
    inspect_view_enabled = False
