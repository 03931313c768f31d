"""The dashboard's panels of the board (docs/backoffice.md, "The dashboard"): what waits
for me at my steps, my items in the workflow (sent back with the reviewer's comment), my
bodies' units' supply this month. Registered in ``wagtail_hooks.py``; the
lists come from ``editorial.dashboard``."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import dashboard


class _ListPanel(Component):
    class Media:
        css = {"all": ["core/dashboard.css"]}

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        rows = self.rows
        return {
            "rows": rows[: dashboard.PANEL_ROWS],
            "total": len(rows),
            "more": len(rows) > dashboard.PANEL_ROWS,
            "show_body": len({row.body for row in rows}) > 1,
        }


class WaitingForMePanel(_ListPanel):
    """Items at the steps I act on (replaces Wagtail's "Awaiting your review")."""

    name = "editorial_waiting"
    template_name = "editorial/dashboard/waiting.html"
    order = 10


class MyItemsPanel(_ListPanel):
    """My own items in the workflow, sent back first with the reviewer's comment
    (replaces Wagtail's "Your pages in a workflow")."""

    name = "editorial_my_items"
    template_name = "editorial/dashboard/my_items.html"
    order = 20

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["sent_back"] = sum(1 for row in self.rows if row.status == "sent_back")
        return context


class SupplyPanel(Component):
    """This month's supply of each tracked unit of my bodies (R-QUOTA-1)."""

    name = "editorial_supply"
    template_name = "editorial/dashboard/supply.html"
    order = 60

    class Media:
        css = {"all": ["core/dashboard.css"]}

    def __init__(self, supply):
        self.supply = supply

    def get_context_data(self, parent_context=None):
        return {
            "supply": self.supply,
            "month": timezone.localdate(),
            "show_body": len(self.supply) > 1,
            "table_url": reverse("editorial:quotas"),
        }
