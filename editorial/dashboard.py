"""The dashboard's "Awaiting your review" at the scale of a busy board.

Wagtail's panel (``WorkflowObjectsToModeratePanel``) asks each item in moderation for the
actions the user may take (``EditorialTask.get_actions``). The editorial rules behind them
need three facts per item — who submitted it, which run it belongs to, whether the user
approved another step of that run (four eyes) — and asked the database for each: three
queries per item, 900 for a board member with 300 items waiting. Here the panel gathers
those facts for all the items the user may act on in two queries before Wagtail's own code
runs, and the editorial task reads them from there (``review_facts``); outside the panel
(the workflow action views, ``on_action``) nothing changes and every check asks the
database as before.
"""

from __future__ import annotations

import contextlib

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import TaskState, WorkflowState

#: Attribute of the user object holding the facts for the duration of the panel.
FACTS_ATTR = "_editorial_review_facts"

#: Items the panel shows, the most recent first; it says how many more there are. Wagtail's
#: panel shows every item in moderation, each costing its own queries.
PANEL_ROWS = 20


@contextlib.contextmanager
def gathered(user):
    """``{(base content type id, object id): (workflow state id, submitter id, acted)}``
    for the runs whose current step the user may act on, set on ``user`` while the block
    runs."""
    from .models import EditorialTask

    if not user.is_authenticated:
        yield
        return
    tasks = [
        task.pk
        for task in EditorialTask.objects.filter(active=True)
        if task._may_act(user)  # one query for all steps (EditorialTask._user_in_groups)
    ]
    runs = WorkflowState.objects.active().filter(
        current_task_state__task_id__in=tasks,
        current_task_state__status=TaskState.STATUS_IN_PROGRESS,
    )
    acted = set(
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            finished_by=user,
            workflow_state__in=runs,
        ).values_list("workflow_state_id", "task_id")
    )
    facts = {}
    waiting = 0
    for pk, base_type, object_id, submitter, current_task in runs.values_list(
        "pk", "base_content_type_id", "object_id", "requested_by_id", "current_task_state__task_id"
    ):
        others = any(run == pk and task != current_task for run, task in acted)
        facts[(base_type, str(object_id))] = (pk, submitter, others)
        waiting += submitter != user.pk and not others
    setattr(user, FACTS_ATTR, facts)
    user._editorial_review_waiting = waiting
    try:
        yield
    finally:
        for attr in (FACTS_ATTR, "_editorial_review_waiting"):
            with contextlib.suppress(AttributeError):
                delattr(user, attr)


def review_limit(user) -> int | None:
    """Inside the panel: how many items each step lists (``PANEL_ROWS``); else None."""
    return PANEL_ROWS if hasattr(user, FACTS_ATTR) else None


def review_facts(obj, user):
    """The gathered facts about ``obj`` (see ``gathered``), or None outside the panel."""
    facts = getattr(user, FACTS_ATTR, None)
    if facts is None or not hasattr(obj, "get_base_content_type"):
        return None
    return facts.get((obj.get_base_content_type().pk, str(obj.pk)))


class BoardReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's panel, its per-item questions answered from facts gathered up front, at
    most ``PANEL_ROWS`` items per step, and how many more are waiting."""

    template_name = "editorial/dashboard/review_panel.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        with gathered(user):
            context = super().get_context_data(parent_context)
            waiting = getattr(user, "_editorial_review_waiting", 0)
        context["more"] = max(0, waiting - len(context["states"]))
        return context


def replace_review_panel(request, panels):
    """``construct_homepage_panels``: Wagtail's "Awaiting your review" becomes ours."""
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = BoardReviewPanel()
