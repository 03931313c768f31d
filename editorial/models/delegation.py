"""Delegation of steps 2 and 3 to a named person for a period (R-WF-2)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congthongtin.core import roles
from congthongtin.core.bodies import holds

#: Never delegates, whatever else they hold on the body (R-WF-2): they do not sit on the
#: board (collaborators, unit officers), only read (auditors) or keep the install running
#: (the technical administrator; an install-wide role counts on every body).
NEVER_DELEGATES = [
    roles.COLLABORATOR,
    roles.UNIT_OFFICER,
    roles.AUDITOR,
    roles.PROVINCE_AUDITOR,
    roles.TECH_ADMIN,
]


def delegate_problem(user, task) -> str | None:
    """Why ``user`` may not hold ``task``'s step by delegation, or None: he must already
    sit on the board of the task's body in a role that may hold the step
    (``roles.DELEGATE_ROLES``) and hold none of ``NEVER_DELEGATES`` there."""
    if not (user.is_authenticated and user.is_active):
        return _("The delegate's account is not active.")
    if holds(user, NEVER_DELEGATES, task.site_id):
        return _(
            "Collaborators, unit officers, auditors and the technical administrator "
            "cannot be delegates."
        )
    allowed = roles.DELEGATE_ROLES.get(task.step, [])
    if not holds(user, allowed, task.site_id):
        return _(
            "The delegate must already sit on this body's board in a role that may hold "
            "this step (%(roles)s)."
        ) % {"roles": ", ".join(allowed)}
    return None


def may_be_delegate(user, task) -> bool:
    return delegate_problem(user, task) is None


def may_delegate(user, task) -> bool:
    """Whoever acts on the step of that body (a member of the task's groups), or a
    superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or task.groups.filter(pk__in=user.groups.all()).exists()


class DelegationQuerySet(models.QuerySet):
    def valid(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at, revoked_at__isnull=True)


class Delegation(models.Model):
    """ "Được ủy quyền": the head or a deputy lets a named person act on a step for a period."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegated by"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegated to"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    task = models.ForeignKey(
        "editorial.EditorialTask",
        verbose_name=_("step"),
        on_delete=models.PROTECT,
        related_name="delegations",
        limit_choices_to={"delegable": True},
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        permissions = [("view_audit", _("Can read the audit reports and every page's history"))]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self):
        return f"{self.delegator} → {self.delegate}: {self.task}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if self.delegator_id and self.delegate_id and self.delegator_id == self.delegate_id:
            errors["delegate"] = _("A person cannot delegate to themselves.")
        if self.task_id and not self.task.delegable:
            errors["task"] = _("This step cannot be delegated.")
        elif self.task_id and self.delegator_id and not may_delegate(self.delegator, self.task):
            errors["task"] = _("Only a person who acts on a step may delegate it.")
        if self.task_id and self.delegate_id and "delegate" not in errors:
            problem = delegate_problem(self.delegate, self.task)
            if problem:
                errors["delegate"] = problem
        if errors:
            raise ValidationError(errors)

    def is_valid(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.starts_at <= at < self.ends_at


class DelegatedAction(models.Model):
    """A workflow action taken under a delegation, and on whose behalf."""

    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="delegated_actions"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="actions")
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20)
    acted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("delegated action")
        verbose_name_plural = _("delegated actions")

    def __str__(self):
        return f"{self.acted_by} ({self.action}) ↦ {self.on_behalf_of}"
