"""Publication time limits (R-SLA-1): dashboard panel, back-office menu items, reminders,
log actions and the due time in the page editor."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from congthongtin.core.menu import BodiesMenuItem

from .. import timeliness
from . import MENU_HOOK, REMINDERS_HOOK

#: Rows the dashboard shows; the list has them all.
PANEL_ROWS = 10


class TimelinessPanel(Component):
    name = "timeliness"
    template_name = "editorial/timeliness/panel.html"
    order = 95

    def __init__(self, site_ids):
        self.site_ids = site_ids

    def get_context_data(self, parent_context):
        from ..views.timeliness import deadline_rows

        rows = deadline_rows(self.site_ids)
        return {"rows": rows[:PANEL_ROWS], "more": len(rows) > PANEL_ROWS, "total": len(rows)}


@hooks.register("construct_homepage_panels")
def add_timeliness_panel(request, panels):
    site_ids = timeliness.viewer_site_ids(request.user)
    if site_ids is None or site_ids:
        panels.append(TimelinessPanel(site_ids))


@hooks.register(MENU_HOOK)
def deadlines_menu_item():
    return BodiesMenuItem(
        _("Publication time limits"),
        reverse("editorial:deadlines"),
        icon_name="time",
        order=100,
        site_ids=timeliness.viewer_site_ids,
    )


@hooks.register(MENU_HOOK)
def report_menu_item():
    return BodiesMenuItem(
        _("Timeliness report"),
        reverse("editorial:timeliness_report"),
        icon_name="time",
        order=110,
        site_ids=timeliness.viewer_site_ids,
    )


hooks.register(REMINDERS_HOOK, timeliness.send_reminders)


@hooks.register("register_log_actions")
def register_timeliness_log_actions(actions):
    for action, label in timeliness.LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("after_edit_page")
def refresh_after_edit(request, page):
    """The clock fields may have changed during the run: the due time follows."""
    if hasattr(page.specific_class, "timeliness_clock"):
        timeliness.refresh_deadline(page)


@hooks.register("register_page_header_buttons")
def due_time_button(page, user, view_name, next_url=None):
    """In the page editor's header menu: the due time of a page in the workflow and the
    working time left, linking to the list of the body's limits."""
    if view_name != "edit" or not hasattr(page.specific_class or object, "timeliness_clock"):
        return
    site_ids = timeliness.viewer_site_ids(user)
    if site_ids is not None and not site_ids:
        return
    found = timeliness.open_deadlines(site_ids).filter(page_id=page.pk).order_by("-pk")[:1]
    for deadline, left in timeliness.by_urgency(found):
        label = _("Due %(due)s · %(left)s") % {
            "due": timeliness.format_moment(deadline.due_at),
            "left": timeliness.describe_left(left),
        }
        yield Button(
            label,
            f"{reverse('editorial:deadlines')}?body={deadline.site_id}",
            icon_name="time",
            priority=5,
        )
