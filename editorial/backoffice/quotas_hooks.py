"""The units' monthly supply in the admin (R-QUOTA-1): the supplying units' screens, the
"Định mức cung cấp tin" menu item, the quota-change log action, the reminders."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from congthongtin.core.menu import BodiesMenuItem
from congthongtin.core.reports import UNIT_LEADERS_HOOK

from .. import quotas
from ..models import SupplyingUnit
from ..quota_viewsets import SupplyingUnitPermissionPolicy, SupplyingUnitViewSet
from . import MENU_HOOK, REMINDERS_HOOK

# Before the viewset is registered (core.viewsets): rights come from the roles per body.
register_permission_policy(SupplyingUnit, SupplyingUnitPermissionPolicy(SupplyingUnit))


@hooks.register("register_admin_viewset")
def register_supplying_units():
    return SupplyingUnitViewSet()


@hooks.register(MENU_HOOK)
def quota_menu_item():
    return BodiesMenuItem(
        _("Units' supply quotas"),  # vi: "Định mức cung cấp tin"
        reverse("editorial:quotas"),
        icon_name="table",
        order=300,
        site_ids=quotas.readable_site_ids,
    )


class QuotaChangedFormatter(LogFormatter):
    label = _("Change a unit's quota")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        default = _("the body's quota")
        return _("Quota of %(unit)s changed from %(old)s to %(new)s") % {
            "unit": data.get("agency", ""),
            "old": default if data.get("old") is None else data.get("old"),
            "new": default if data.get("new") is None else data.get("new"),
        }


@hooks.register("register_log_actions")
def register_quota_log_actions(actions):
    actions.register_action("editorial.quota_changed")(QuotaChangedFormatter)


hooks.register(REMINDERS_HOOK, quotas.send_reminders)
hooks.register(UNIT_LEADERS_HOOK, quotas.unit_leaders)  # stats' weekly e-mail (R-PROC-4)
