"""Proposals up to the parent portal (S0 Đ4.2d): the page header's button, the menu item
of the sent proposals, the log actions."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from congthongtin.core import roles
from congthongtin.core.bodies import holds

from .. import upward
from . import MENU_HOOK


@hooks.register("register_page_header_buttons")
def propose_button(page, user, view_name, next_url=None):
    """ "Đề xuất đưa lên cổng tỉnh" on a live page of a body with a parent portal, for that
    body's board (editorial.upward.may_propose)."""
    if not getattr(page, "live", False) or upward.entry_for(page) is None:
        return
    if not (user.is_superuser or holds(user, upward.PROPOSERS)):
        return
    if upward.may_propose(user, page):
        yield Button(
            _("Propose to the parent portal"),
            reverse("editorial:upward_propose", args=[page.pk]),
            icon_name="upload",
            priority=40,
        )


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or holds(user, [*upward.PROPOSERS, *roles.READ_ONLY_ROLES])


@hooks.register(MENU_HOOK)
def proposals_menu_item():
    return ProposalsMenuItem(
        _("Proposals to the parent portal"),
        reverse("editorial:upward_list"),
        icon_name="upload",
        order=520,
    )


@hooks.register("register_log_actions")
def register_upward_log_actions(actions):
    actions.register_action(
        "editorial.upward_proposed", _("Propose to the parent portal"), _("Proposed upward")
    )
    actions.register_action(
        "editorial.upward_accepted", _("Accept a proposal"), _("Upward proposal accepted")
    )
    actions.register_action(
        "editorial.upward_declined", _("Decline a proposal"), _("Upward proposal declined")
    )
    actions.register_action(
        "editorial.upward_withdrawn", _("Withdraw a proposal"), _("Upward proposal withdrawn")
    )
