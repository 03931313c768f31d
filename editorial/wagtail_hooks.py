"""The editorial board in the admin: menus, log actions, the gate, delegations, sections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from congthongtin.core.forms import PUBLISH_CHECK_HOOK
from congthongtin.core.menu import PermissionMenuItem
from congthongtin.core.setup import SETUP_HOOK
from congthongtin.core.users import user_permission

from . import accounts, dashboard, urls
from .backoffice import MENU_HOOK
from .gate import check_page
from .models import Delegation, SectionAssignment
from .panels import MyItemsPanel, SupplyPanel, WaitingForMePanel
from .setup import install_board
from .viewsets import (
    DelegationPermissionPolicy,
    EditorialViewSetGroup,
    SectionAssignmentPermissionPolicy,
)


@hooks.register("register_admin_urls")
def register_urls():
    return [path("ban-bien-tap/", include(urls, namespace="editorial"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "editorial.fix_legacy", _("Convert legacy text"), _("Legacy text converted to Unicode")
    )
    actions.register_action("editorial.account_created", _("Create account"), _("Account created"))
    actions.register_action(
        "editorial.account_locked", _("Lock out"), _("Account locked after failed logins")
    )
    actions.register_action(
        "editorial.password_changed", _("Change password"), _("Password changed")
    )
    # Account powers (issue 16, finding 1): editorial.accounts writes these.
    actions.register_action("editorial.role_granted")(RoleGrantedFormatter)
    actions.register_action("editorial.role_removed")(RoleRemovedFormatter)
    actions.register_action(
        "editorial.account_deactivated", _("Deactivate account"), _("Account deactivated")
    )
    actions.register_action(
        "editorial.account_reactivated", _("Reactivate account"), _("Account reactivated")
    )
    actions.register_action("editorial.account_unlocked", _("Unlock account"), _("Lockout lifted"))
    actions.register_action(
        "editorial.one_time_password_issued",
        _("Issue one-time password"),
        _("One-time password issued"),
    )
    actions.register_action(
        "editorial.superuser_granted", _("Grant superuser status"), _("Superuser status granted")
    )
    actions.register_action(
        "editorial.superuser_removed", _("Remove superuser status"), _("Superuser status removed")
    )
    actions.register_action(
        "editorial.password_set", _("Set password"), _("Password set by a superuser")
    )


class RoleGrantedFormatter(LogFormatter):
    label = _("Grant role")

    def format_message(self, log_entry):
        return _("Role granted: %(role)s") % {"role": log_entry.data.get("group", "")}


class RoleRemovedFormatter(LogFormatter):
    label = _("Remove role")

    def format_message(self, log_entry):
        return _("Role removed: %(role)s") % {"role": log_entry.data.get("group", "")}


@hooks.register(PUBLISH_CHECK_HOOK)
def publishing_gate(page):
    return [
        (problem.field.split(".")[0], f"{problem.label}: {problem.message}")
        for problem in check_page(page)
    ]


class ConvertLegacyTextMenuItem(ActionMenuItem):
    """“Convert legacy text”: one click turns TCVN3/VNI/VIQR runs into Unicode (R-SITE-2)."""

    label = _("Convert legacy text to Unicode")
    name = "action-convert-legacy"
    icon_name = "cogs"
    template_name = "editorial/action_menu/convert_legacy.html"
    order = 200

    def is_shown(self, context):
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        revision = context["page"].get_latest_revision()
        if revision is None:
            return False
        from congthongtin.vietnam.text import detect_legacy

        from .gate import iter_texts

        return any(detect_legacy(text) for _, _, text in iter_texts(revision.as_object()))

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["formaction"] = reverse("editorial:fix_legacy", args=[parent_context["page"].pk])
        return context


@hooks.register("register_page_action_menu_item")
def register_convert_legacy_item():
    return ConvertLegacyTextMenuItem()


# Before the viewsets are registered (core.viewsets): a delegation is changed only by the
# person who gave it.
register_permission_policy(Delegation, DelegationPermissionPolicy(Delegation))
register_permission_policy(SectionAssignment, SectionAssignmentPermissionPolicy(SectionAssignment))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return EditorialViewSetGroup()


@hooks.register("register_admin_menu_item")
def register_audit_menu():
    audit = "editorial.view_audit"
    submenu = Menu(
        items=[
            PermissionMenuItem(
                _("Published items"),
                reverse("editorial:audit_report"),
                icon_name="list-ul",
                permission=audit,
                order=1,
            ),
            PermissionMenuItem(
                _("Pages and their history"),
                reverse("editorial:audit_pages"),
                icon_name="history",
                permission=audit,
                order=2,
            ),
            PermissionMenuItem(
                _("Data history"),
                reverse("editorial:audit_records_index"),
                icon_name="table",
                permission=audit,
                order=3,
            ),
            PermissionMenuItem(
                _("Accounts and roles log"),
                reverse("editorial:audit_accounts"),
                icon_name="user",
                permission=audit,
                order=4,
            ),
        ]
    )
    return AuditSubmenu(_("Audit"), submenu, icon_name="view", order=900)


#: Wagtail's Help menu items that open its English pages on the internet: its editor guide
#: and "What's new in Wagtail" (named after the version).
WAGTAIL_GUIDE_ITEM = "editor-guide"
WAGTAIL_WHATS_NEW_PREFIX = "whats-new-in-wagtail-"


@hooks.register("construct_help_menu")
def editor_guide_in_help_menu(request, menu_items):
    """The Help menu opens the portal's own guide in Vietnamese (editorial.views.guide), in
    place of Wagtail's English pages on guide.wagtail.org, which a government network
    without internet cannot reach and an editor may not read."""
    ours = MenuItem(
        _("Editor's guide"),
        reverse("editorial:guide"),
        name="huong-dan-bien-tap",
        icon_name="help",
        order=1100,
    )
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != WAGTAIL_GUIDE_ITEM and not item.name.startswith(WAGTAIL_WHATS_NEW_PREFIX)
    ]
    menu_items.append(ours)
    menu_items.sort(key=lambda item: item.order)


@hooks.register("register_admin_menu_item")
def register_backoffice_menu():
    """The board's back office (issue 20): each part adds its items through ``MENU_HOOK``;
    the submenu shows when one of them does."""
    return BackOfficeSubmenu(
        _("Back office"), Menu(register_hook_name=MENU_HOOK), icon_name="clipboard-list", order=850
    )


class BackOfficeSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return bool(self.menu.menu_items_for_request(request))


class AuditSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_audit")


@hooks.register("register_settings_menu_item")
def register_account_menu():
    return PermissionMenuItem(
        _("Open an official's account"),
        reverse("editorial:create_account"),
        icon_name="user",
        permission=user_permission("add"),
        order=600,
    )


class AccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return accounts.can_open_accounts(request.user)


@hooks.register("register_settings_menu_item")
def register_accounts_menu():
    return AccountsMenuItem(
        _("Accounts and roles"),
        reverse("editorial:account_list"),
        icon_name="group",
        order=601,
    )


@hooks.register("before_bulk_action")
def account_bulk_actions(request, action_type, objects, action):
    """Wagtail's bulk "assign role" and "set active state" on users go through the same
    functions as one account at a time: same rules (a role only by whoever may grant it,
    never a superuser's account for a non-superuser), one log entry per account. Raising
    PermissionDenied here rolls back the whole batch."""
    if action.model is not get_user_model() or action_type not in (
        "assign_role",
        "set_active_state",
    ):
        return None
    data = action.cleaned_form.cleaned_data
    if action_type == "assign_role":
        for target in objects:
            accounts.grant_role(request.user, target, data["role"])
    else:
        for target in objects:
            accounts.set_active(request.user, target, data["mark_as_active"])
    messages.success(request, gettext("%(count)d accounts updated.") % {"count": len(objects)})
    return redirect(action.next_url)


hooks.register(SETUP_HOOK, install_board)

# The dashboard (editorial.panels): what waits for each person --------------------------------
#: Wagtail's own workflow panels, replaced by ours (the same items, without the body, the
#: step's due time or the reviewer's comment, and read with queries per item).
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


@hooks.register("construct_homepage_panels")
def add_board_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    user = request.user
    task_ids = dashboard.my_task_ids(user)
    if task_ids:
        panels.append(WaitingForMePanel(dashboard.waiting_for(user, task_ids=task_ids)))
    mine = dashboard.my_items(user)
    if mine:
        panels.append(MyItemsPanel(mine))
    supply = dashboard.supply_this_month(user)
    if supply:
        panels.append(SupplyPanel(supply))


# The back office's parts (editorial.backoffice): each registers its own hooks.
from .backoffice import hooks as backoffice_hooks  # noqa: E402,F401
