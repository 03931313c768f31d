"""Periodic reviews (R-SLA-2) in the admin: the back-office menu item, the log actions,
the "reviewed, still correct" item of the page editor's action menu and the reminders."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.log_actions import LogFormatter

from congthongtin.core.menu import BodiesMenuItem

from .. import reviews
from ..views.reviews import list_site_ids
from . import MENU_HOOK, REMINDERS_HOOK


@hooks.register(MENU_HOOK)
def reviews_menu_item():
    return BodiesMenuItem(
        _("Information reviews"),
        reverse("editorial:reviews"),
        icon_name="calendar-check",
        order=200,
        site_ids=list_site_ids,
    )


class ReviewedFormatter(LogFormatter):
    label = _("Review")

    def format_message(self, log_entry):
        return _("Reviewed, still correct")


class IntervalFormatter(LogFormatter):
    label = _("Set review interval")

    def format_message(self, log_entry):
        days = (log_entry.data or {}).get("interval_days")
        if days:
            return _("Review interval set to %(days)s days") % {"days": days}
        return _("Review interval: the body's interval")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(reviews.REVIEWED)(ReviewedFormatter)
    actions.register_action(reviews.INTERVAL_SET)(IntervalFormatter)


class MarkReviewedMenuItem(ActionMenuItem):
    """“Reviewed, still correct” from the page editor: the live page is checked and still
    right; recorded without a new revision (editorial.reviews.mark_reviewed)."""

    label = _("Reviewed, still correct")
    name = "action-mark-reviewed"
    icon_name = "calendar-check"
    template_name = "editorial/reviews/action_menu.html"
    order = 210

    def is_shown(self, context):
        if context.get("view") != "edit":
            return False
        page = context.get("page")
        if page is None or not page.live or reviews.kind_of_page(page) is None:
            return False
        return reviews.can_mark(context["request"].user, page)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = parent_context["page"]
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        context["formaction"] = reverse("editorial:review_mark", args=[page.pk]) + f"?next={edit}"
        return context


@hooks.register("register_page_action_menu_item")
def register_mark_reviewed_item():
    return MarkReviewedMenuItem()


hooks.register(REMINDERS_HOOK, reviews.send_reminders)
