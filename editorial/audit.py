"""Who composed, verified and approved each published version (R-WF-3).

Everything comes from Wagtail's own records: the publish entries of the audit log
(``PageLogEntry``), the workflow run that approved the published revision
(``WorkflowState.requested_by``, ``TaskState.finished_by/finished_at/comment``) and our
``DelegatedAction`` rows for steps taken on someone's behalf. A bounded number of queries
whatever the number of versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.models import Page, PageLogEntry, TaskState

from congthongtin.core import roles
from congthongtin.core.bodies import pages_in_sites, site_id_of_page, site_ids_where

from .models import DelegatedAction, EditorialTask

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")

#: Whose reports a person reads: those of the bodies where he is auditor or on the board;
#: the province-wide auditor (install-wide) and superusers read every body's.
AUDIT_ROLES = [roles.AUDITOR, roles.PROVINCE_AUDITOR, *roles.BOARD]


def audit_site_ids(user) -> set[int] | None:
    """The bodies whose audit records ``user`` reads (None: every body)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    return site_ids_where(user, AUDIT_ROLES)


def audit_pages_of(user, pages=None):
    """The pages of ``user``'s bodies (``pages``: a queryset of Page to narrow)."""
    pages = Page.objects.all() if pages is None else pages
    return pages.filter(pages_in_sites(audit_site_ids(user)))


def check_audit_page(user, page) -> None:
    """Refuse (403) a page of a body whose records ``user`` does not read."""
    site_ids = audit_site_ids(user)
    if site_ids is not None and site_id_of_page(page) not in site_ids:
        raise PermissionDenied


@dataclass
class StepRecord:
    step: int
    name: str
    user: object  # User or None
    at: dt.datetime | None
    comment: str
    on_behalf_of: object = None  # User, when taken under a delegation


@dataclass
class PublishedVersion:
    page_id: int
    title: str
    url: str
    revision_id: int | None
    published_at: dt.datetime
    published_by: object
    composed_by: object
    steps: dict[int, StepRecord] = field(default_factory=dict)
    previous_revision_id: int | None = None

    def user_at(self, step: int):
        record = self.steps.get(step)
        return record.user if record else None

    @property
    def verified_by(self):
        return self.user_at(2)

    @property
    def approved_by(self):
        return self.user_at(3)

    @property
    def on_behalf_of(self):
        for step in (3, 2):
            record = self.steps.get(step)
            if record and record.on_behalf_of is not None:
                return record.on_behalf_of
        return None

    def as_json(self) -> dict:
        def name(user):
            return user.get_username() if user is not None else None

        return {
            "page_id": self.page_id,
            "title": self.title,
            "url": self.url,
            "revision_id": self.revision_id,
            "composed_by": name(self.composed_by),
            "edited_by": name(self.user_at(1)),
            "verified_by": name(self.verified_by),
            "approved_by": name(self.approved_by),
            "on_behalf_of": name(self.on_behalf_of),
            "published_by": name(self.published_by),
            "published_at": self.published_at.isoformat(),
            "steps": [
                {
                    "step": record.step,
                    "name": record.name,
                    "user": name(record.user),
                    "at": record.at.isoformat() if record.at else None,
                    "comment": record.comment,
                    "on_behalf_of": name(record.on_behalf_of),
                }
                for record in sorted(self.steps.values(), key=lambda r: r.step)
            ],
        }


def publish_entries(
    *, since=None, until=None, section: Page | None = None, user=None, site_ids=None
):
    """The publish entries, newest first; ``site_ids``: of those bodies' pages only (None:
    every body's)."""
    entries = PageLogEntry.objects.filter(action__in=PUBLISH_ACTIONS).select_related(
        "user", "revision", "revision__user"
    )
    if site_ids is not None:
        entries = entries.filter(pages_in_sites(site_ids, "page__path"))
    if since:
        entries = entries.filter(timestamp__gte=since)
    if until:
        entries = entries.filter(timestamp__lt=until)
    if section is not None:
        entries = entries.filter(page__path__startswith=section.path)
    if user is not None:
        involved = TaskState.objects.filter(finished_by=user).values("revision_id")
        entries = entries.filter(
            Q(user=user) | Q(revision__user=user) | Q(revision_id__in=involved)
        )
    return entries.order_by("-timestamp", "-pk")


def published_versions(entries) -> list[PublishedVersion]:
    """The approval chain of each publish log entry in ``entries`` (already sliced)."""
    entries = list(entries)
    revision_ids = [e.revision_id for e in entries if e.revision_id]
    pages = {
        p.pk: p
        for p in Page.objects.filter(pk__in={e.page_id for e in entries}).only(
            "id", "title", "url_path", "path", "depth"
        )
    }
    # The workflow runs that approved each published revision …
    approving = TaskState.objects.filter(
        revision_id__in=revision_ids, status=TaskState.STATUS_APPROVED
    ).values_list("revision_id", "workflow_state_id")
    state_of_revision: dict[int, int] = {}
    for revision_id, state_id in approving:
        state_of_revision[revision_id] = max(state_id, state_of_revision.get(revision_id, 0))
    # … and every approved step of those runs, with who asked for it.
    steps_by_state: dict[int, dict[int, StepRecord]] = {}
    requested_by: dict[int, object] = {}
    states = (
        TaskState.objects.filter(
            workflow_state_id__in=set(state_of_revision.values()),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by", "workflow_state__requested_by", "task")
        .order_by("finished_at", "pk")
    )
    tasks = {t.pk: t for t in EditorialTask.objects.all()}
    delegated = {
        d.task_state_id: d.on_behalf_of
        for d in DelegatedAction.objects.filter(
            task_state__workflow_state_id__in=set(state_of_revision.values()), action="approve"
        ).select_related("on_behalf_of")
    }
    for state in states:
        task = tasks.get(state.task_id)
        step = task.step if task else len(steps_by_state.get(state.workflow_state_id, {})) + 1
        steps_by_state.setdefault(state.workflow_state_id, {})[step] = StepRecord(
            step=step,
            name=state.task.name,
            user=state.finished_by,
            at=state.finished_at,
            comment=state.comment,
            on_behalf_of=delegated.get(state.pk),
        )
        requested_by[state.workflow_state_id] = state.workflow_state.requested_by

    versions = []
    for entry in entries:
        page = pages.get(entry.page_id)
        state_id = state_of_revision.get(entry.revision_id)
        revision = entry.revision
        versions.append(
            PublishedVersion(
                page_id=entry.page_id,
                title=page.title if page else entry.label,
                url=page.get_url() or "" if page else "",
                revision_id=entry.revision_id,
                published_at=entry.timestamp,
                published_by=entry.user,
                composed_by=requested_by.get(state_id) or (revision.user if revision else None),
                steps=steps_by_state.get(state_id, {}),
            )
        )
    return versions
