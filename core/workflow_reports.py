"""Wagtail's workflow reports, keeping to the rows each user may reach (issue 16, finding 4).

``/admin/reports/workflow/`` and ``/workflow_tasks/`` list every object in moderation of the
content types a user may edit: with ``change_answer`` a unit officer saw every other
officer's answers in moderation, titled with the citizen's question. Models whose rows are
private register a ``ScopedPermissionPolicy`` (core.viewsets); here the workflow states of
those models are narrowed to the rows the policy lets the user reach, as their listings
are. Pages and other snippets keep Wagtail's own rules. The portal routes these views at
Wagtail's addresses, ahead of Wagtail's own (nhuxuan_site/urls.py).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.snippets.models import get_snippet_models

from .viewsets import scoped_policy


def scoped_states(queryset, user, prefix: str = ""):
    """``queryset`` of workflow (or task) states without the states of scoped models' rows
    that ``user`` may not reach. ``prefix`` leads from a task state to its workflow state."""
    for model in get_snippet_models():
        policy = scoped_policy(model)
        if policy is None:
            continue
        reachable = (
            policy.reachable(user).order_by().annotate(_key=Cast("pk", CharField()))
        ).values("_key")
        content_type = ContentType.objects.get_for_model(model)
        queryset = queryset.exclude(
            Q(**{f"{prefix}content_type": content_type})
            & ~Q(**{f"{prefix}object_id__in": reachable})
        )
    return queryset


class ScopedWorkflowView(WorkflowView):
    def get_queryset(self):
        return scoped_states(super().get_queryset(), self.request.user)


class ScopedWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return scoped_states(super().get_queryset(), self.request.user, "workflow_state__")
