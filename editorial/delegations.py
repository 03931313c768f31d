"""Delegations of steps 2 and 3 by body (R-WF-2): who sees which, who may delegate which
step, who may be named, and one function per change (create, revoke).

The rules on the delegation itself (the delegate sits on the body's board in a role that
may hold the step; collaborators, unit officers, auditors and the technical administrator
never do; the delegator acts on the step) live in ``Delegation.clean`` so that the admin
form and these functions apply the same ones.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from congthongtin.core import roles
from congthongtin.core.bodies import site_ids_where

from .models import Delegation, EditorialTask
from .models.delegation import may_be_delegate

#: Who reads a body's delegations: its board and its auditors (the province-wide auditor
#: and superusers read every body's).
READERS = [*roles.BOARD, roles.AUDITOR, roles.PROVINCE_AUDITOR]


def readable_site_ids(user) -> set[int] | None:
    """The bodies whose delegations ``user`` reads (None: every body)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    return site_ids_where(user, READERS)


def visible_delegations(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Delegation.objects.all() if queryset is None else queryset
    site_ids = readable_site_ids(user)
    if site_ids is None:
        return queryset
    # A person also sees the delegations he gave or received.
    return queryset.filter(
        Q(task__site_id__in=site_ids) | Q(delegator=user) | Q(delegate=user)
    ).distinct()


def delegable_tasks(user) -> QuerySet:
    """The steps ``user`` may delegate: the delegable steps he acts on (in their groups:
    his bodies only), every one for a superuser."""
    tasks = EditorialTask.objects.filter(delegable=True, active=True)
    if not (user.is_authenticated and user.is_active):
        return tasks.none()
    if user.is_superuser:
        return tasks
    return tasks.filter(groups__in=user.groups.all()).distinct()


def eligible_delegates(tasks, exclude=None) -> QuerySet:
    """The people who may hold one of ``tasks`` by delegation (for the form's choices;
    ``Delegation.clean`` checks the one chosen against the step chosen)."""
    User = get_user_model()
    task_list = list(tasks)
    candidates = User.objects.filter(
        is_active=True,
        groups__board_role__site_id__in={t.site_id for t in task_list},
        groups__board_role__role__in=roles.BOARD,
    ).distinct()
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    ids = [user.pk for user in candidates if any(may_be_delegate(user, task) for task in task_list)]
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


@transaction.atomic
def create_delegation(actor, *, delegate, task, starts_at, ends_at, reason) -> Delegation:
    """``actor`` gives ``delegate`` the step ``task`` for [starts_at, ends_at). Raises
    PermissionDenied when ``actor`` may not delegate that step, ValidationError when the
    delegation breaks a rule (Delegation.clean)."""
    if not delegable_tasks(actor).filter(pk=task.pk).exists():
        raise PermissionDenied
    delegation = Delegation(
        delegator=actor,
        delegate=delegate,
        task=task,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def revoke_delegation(actor, delegation: Delegation, at=None) -> bool:
    """Ends ``delegation`` now (or ``at``); only the person who gave it, or a superuser.
    False when it was already revoked."""
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied
    if not (actor.is_superuser or delegation.delegator_id == actor.pk):
        raise PermissionDenied
    if delegation.revoked_at is not None:
        return False
    delegation.revoked_at = at or timezone.now()
    delegation.save(update_fields=["revoked_at"])
    return True
