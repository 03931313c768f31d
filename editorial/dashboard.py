"""What waits for each person on the admin's dashboard (docs/backoffice.md, "The
dashboard"): the items at the steps of the board's workflow they act on, their own items
sent back with the reviewer's comment, and their bodies' units' supply this month.

Every list is read in a fixed number of queries, whatever its length: the steps a person
acts on come from their groups and delegations (two queries), the task states with their
run, submitter and due time in one, the items themselves in one per content type. Only
the steps of the bodies where the person holds a role (or a valid delegation) count: a
superuser holding no role has nothing waiting here (Wagtail's own lists are not shown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TaskState, WorkflowState

from congthongtin.core import bodies

from . import quotas, timeliness
from .models import EditorialTask

#: Rows a panel shows; the rest is counted.
PANEL_ROWS = 10


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# The steps a person acts on ---------------------------------------------------------------
def my_task_ids(user, at=None) -> set[int]:
    """Active steps of the board's workflows where ``user`` is in the step's groups (the
    groups are per body), or holds a valid delegation (R-WF-2) while still on that body's
    board. Two queries."""
    if not _active(user):
        return set()
    from .models.delegation import Delegation, may_be_delegate

    ids = set(
        EditorialTask.objects.filter(active=True, groups__in=user.groups.all()).values_list(
            "pk", flat=True
        )
    )
    delegated = (
        Delegation.objects.valid(at)
        .filter(delegate=user, task__active=True, task__delegable=True)
        .select_related("task")
    )
    for delegation in delegated:
        if delegation.task_id not in ids and may_be_delegate(user, delegation.task):
            ids.add(delegation.task_id)
    return ids


@dataclass
class Row:
    """One item of a dashboard list."""

    obj: object
    title: str
    url: str
    body: str
    step: str
    since: dt.datetime | None
    by: object = None
    due_at: dt.datetime | None = None
    left: dt.timedelta | None = None
    comment: str = ""
    status: str = ""
    actions: list = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < dt.timedelta(0)

    @property
    def left_text(self) -> str:
        return timeliness.describe_left(self.left) if self.left is not None else ""


def _edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = getattr(obj, "snippet_viewset", None)
    if viewset is not None:
        return reverse(viewset.get_url_name("edit"), args=[quote(obj.pk)])
    return AdminURLFinder().get_edit_url(obj) or ""


def _action_urls(obj, task_state, actions) -> list[dict]:
    """The step's buttons as Wagtail's workflow action view takes them (the dashboard's
    ``workflow-action.js`` posts them, or opens the comment form for those with a modal)."""
    if isinstance(obj, Page):
        url_name = "wagtailadmin_pages:workflow_action"
    else:
        url_name = obj.snippet_viewset.get_url_name("workflow_action")
    return [
        {
            "url": reverse(url_name, args=[quote(obj.pk), name, task_state.pk]),
            "label": label,
            "modal": modal,
            "name": name,
        }
        for name, label, modal in actions
    ]


def _title(obj) -> str:
    if isinstance(obj, Page):
        return obj.get_admin_display_title()
    return str(obj)


def _site_names(site_ids) -> dict[int, str]:
    from wagtail.models import Site

    return {site.pk: bodies.body_name(site) for site in Site.objects.filter(pk__in=site_ids)}


def _left(deadlines, now) -> dict[int, dt.timedelta]:
    """Working time left per deadline id (the rules and calendars read once per body)."""
    return {deadline.pk: left for deadline, left in timeliness.by_urgency(deadlines, now)}


def _deadline_of(workflow_state):
    try:
        return workflow_state.timeliness_deadline
    except WorkflowState.timeliness_deadline.RelatedObjectDoesNotExist:
        return None


def waiting_for(user, now=None, task_ids=None) -> list[Row]:
    """Items at a step ``user`` acts on and may act on now: not their own submission, not
    a run where they approved another step (EditorialTask's four-eyes rules). Overdue and
    least working time left first, then the longest waiting."""
    now = now or timezone.now()
    if task_ids is None:
        task_ids = my_task_ids(user, now)
    if not task_ids:
        return []
    other_step = TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        finished_by=user,
        workflow_state=OuterRef("workflow_state"),
    ).exclude(task_id=OuterRef("task_id"))
    states = list(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task_id__in=task_ids)
        .exclude(workflow_state__requested_by=user)
        .exclude(Exists(other_step))
        .select_related(
            "task",
            "workflow_state",
            "workflow_state__requested_by",
            "workflow_state__timeliness_deadline",
        )
        .prefetch_related("workflow_state__content_object")
        .order_by("started_at", "pk")
    )
    steps = dict(
        EditorialTask.objects.filter(pk__in={s.task_id for s in states}).values_list(
            "pk", "site_id"
        )
    )
    names = _site_names({site_id for site_id in steps.values() if site_id})
    deadlines = [d for d in (_deadline_of(s.workflow_state) for s in states) if d is not None]
    left = _left(deadlines, now)
    rows = []
    for state in states:
        obj = state.workflow_state.content_object
        if obj is None:
            continue
        deadline = _deadline_of(state.workflow_state)
        rows.append(
            Row(
                obj=obj,
                title=_title(obj),
                url=_edit_url(obj),
                body=names.get(steps.get(state.task_id), ""),
                step=state.task.name,
                since=state.started_at,
                by=state.workflow_state.requested_by,
                due_at=deadline.due_at if deadline else None,
                left=left.get(deadline.pk) if deadline else None,
                # The query above left out what would withdraw them (own submission,
                # another step of the run): the step's actions, read without a query.
                actions=_action_urls(obj, state, EditorialTask.ACTIONS),
            )
        )
    rows.sort(
        key=lambda r: (
            r.left is None,
            r.left if r.left is not None else dt.timedelta(0),
            r.since or now,
        )
    )
    return rows


def my_items(user, now=None) -> list[Row]:
    """``user``'s own items in the board's workflow: sent back for changes first (with
    the reviewer's comment, who and when), then those waiting at a step."""
    now = now or timezone.now()
    if not _active(user):
        return []
    runs = list(
        WorkflowState.objects.filter(requested_by=user, status__in=timeliness.OPEN_RUN)
        .select_related(
            "current_task_state",
            "current_task_state__task",
            "current_task_state__finished_by",
            "timeliness_deadline",
        )
        .prefetch_related("content_object")
        .order_by("-current_task_state__started_at", "-pk")
    )
    task_sites = dict(
        EditorialTask.objects.filter(
            pk__in={r.current_task_state.task_id for r in runs if r.current_task_state}
        ).values_list("pk", "site_id")
    )
    names = _site_names({s for s in task_sites.values() if s})
    deadlines = [d for d in (_deadline_of(r) for r in runs) if d is not None]
    left = _left(deadlines, now)
    rows = []
    for run in runs:
        obj = run.content_object
        state = run.current_task_state
        if obj is None or state is None:
            continue
        sent_back = run.status == WorkflowState.STATUS_NEEDS_CHANGES
        deadline = _deadline_of(run)
        rows.append(
            Row(
                obj=obj,
                title=_title(obj),
                url=_edit_url(obj),
                body=names.get(task_sites.get(state.task_id), ""),
                step=state.task.name,
                since=state.finished_at if sent_back else state.started_at,
                by=state.finished_by if sent_back else None,
                comment=state.comment if sent_back else "",
                status="sent_back" if sent_back else "waiting",
                due_at=deadline.due_at if deadline else None,
                left=left.get(deadline.pk) if deadline else None,
            )
        )
    rows.sort(key=lambda r: r.status != "sent_back")
    return rows


# Supply ------------------------------------------------------------------------------------
@dataclass
class SupplyBody:
    name: str
    site_id: int
    rows: list

    @property
    def below(self) -> int:
        return sum(1 for row in self.rows if not row.met)


def supply_this_month(user, today=None) -> list[SupplyBody]:
    """The month so far of each body whose quota table ``user`` reads (quotas.READERS held
    on that body; install-wide readers have the full screen instead): units below their
    quota first. A few queries per body, none per unit."""
    site_ids = quotas.readable_site_ids(user)
    if not site_ids:  # None (every body) or empty
        return []
    today = today or timezone.localdate()
    names = _site_names(site_ids)
    result = []
    for site_id in sorted(site_ids, key=lambda pk: names.get(pk, "")):
        rows = quotas.month_table(site_id, today.year, today.month)
        if not rows:
            continue
        rows.sort(key=lambda row: (row.met, row.unit.agency.name))
        result.append(
            SupplyBody(
                name=names.get(site_id, ""),
                site_id=site_id,
                rows=rows,
            )
        )
    return result
