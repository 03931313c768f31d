"""Royalties (R-ROY-1) in the admin: log actions, the body's kinds at set-up, the menu item,
the reference data's viewsets."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Site
from wagtail.permissions import register_permission_policy

from congthongtin.core.menu import BodiesMenuItem, PermissionMenuItem
from congthongtin.core.setup import SETUP_HOOK

from ..models import RoyaltyKind
from ..royalties import readable_site_ids
from ..royalty_viewsets import BaseSalaryViewSet, RoyaltyKindPermissionPolicy, RoyaltyKindViewSet
from . import MENU_HOOK

ACTIONS = [
    ("editorial.royalty_prepared", _("Prepare royalty sheet"), _("Royalty sheet prepared")),
    ("editorial.royalty_line_changed", _("Set royalty"), _("Royalty of an item set")),
    ("editorial.royalty_line_removed", _("Remove royalty item"), _("Item taken off the sheet")),
    ("editorial.royalty_fee_set", _("Set board fee"), _("Board member's fee proposed")),
    ("editorial.royalty_fee_removed", _("Remove board fee"), _("Board member's fee removed")),
    ("editorial.royalty_proposed", _("Propose royalty sheet"), _("Royalty sheet proposed")),
    ("editorial.royalty_returned", _("Return royalty sheet"), _("Royalty sheet returned to draft")),
    ("editorial.royalty_approved", _("Approve royalty sheet"), _("Royalty sheet approved")),
    (
        "editorial.royalty_corrected",
        _("Correct royalty sheet"),
        _("Correction made as a new revision"),
    ),
]


@hooks.register("register_log_actions")
def register_royalty_log_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def install_royalty_kinds(report, site=None) -> None:
    """Each body's royalty kinds (editorial.royalties.DEFAULT_KINDS), made when missing."""
    from ..royalties import install_kinds

    for each in [site] if site is not None else Site.objects.all():
        install_kinds(each)


hooks.register(SETUP_HOOK, install_royalty_kinds)


@hooks.register(MENU_HOOK)
def register_royalties_menu_item():
    return BodiesMenuItem(
        _("Royalties"),
        reverse("editorial:royalty_months"),
        icon_name="tasks",
        order=400,
        site_ids=readable_site_ids,
    )


@hooks.register(MENU_HOOK)
def register_royalty_kinds_menu_item():
    return PermissionMenuItem(
        _("Royalty kinds"),
        reverse("editorial_royaltykind:index"),
        icon_name="tag",
        order=401,
        permission="editorial.view_royaltykind",
    )


@hooks.register(MENU_HOOK)
def register_base_salary_menu_item():
    # National law: superusers only (nobody else holds a base salary permission).
    return PermissionMenuItem(
        _("Base salary"),
        reverse("editorial_basesalary:index"),
        icon_name="tasks",
        order=402,
        permission="editorial.change_basesalary",
    )


# Before the viewsets are registered (core.viewsets): each body's kinds to its own board.
register_permission_policy(RoyaltyKind, RoyaltyKindPermissionPolicy(RoyaltyKind))


@hooks.register("register_admin_viewset")
def register_royalty_viewsets():
    return [BaseSalaryViewSet(), RoyaltyKindViewSet()]
