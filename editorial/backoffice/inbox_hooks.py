"""The contributions inbox's registrations: its menu items, its log actions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from .. import inbox
from . import MENU_HOOK


class InboxMenuItem(MenuItem):
    """ "Hộp thư cộng tác", with the number of new items of the bodies the user handles."""

    def is_shown(self, request):
        return inbox.may_read_inbox(request.user)

    def render_component(self, request):
        count = inbox.count_new(request.user)
        label = self.label
        if count:
            label = gettext("%(label)s (%(count)d new)") % {"label": self.label, "count": count}
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


class ContributeMenuItem(MenuItem):
    def is_shown(self, request):
        return inbox.may_send(request.user) and not request.user.is_superuser


@hooks.register(MENU_HOOK)
def inbox_menu_item():
    return InboxMenuItem(
        _("Contributions inbox"), reverse("editorial:inbox"), icon_name="mail", order=500
    )


@hooks.register(MENU_HOOK)
def contribute_menu_item():
    return ContributeMenuItem(
        _("Send an item to the board"),
        reverse("editorial:contribute"),
        icon_name="upload",
        order=510,
    )


@hooks.register("register_log_actions")
def register_inbox_log_actions(actions):
    actions.register_action(
        "editorial.contribution_received", _("Receive an item"), _("Item received")
    )
    actions.register_action(
        "editorial.contribution_accepted", _("Accept an item"), _("Item accepted as a draft page")
    )
    actions.register_action(
        "editorial.contribution_assigned", _("Assign an item"), _("Item assigned to a member")
    )
    actions.register_action(
        "editorial.contribution_returned", _("Return an item"), _("Item returned to its sender")
    )
