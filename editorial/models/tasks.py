"""One step of the three-step editorial workflow (R-WF-1, R-WF-2)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class EditorialTask(AbstractGroupApprovalTask):
    """A group approval step with the rules Wagtail lacks.

    - Nobody acts on a step of their own submission, superusers included (four eyes).
    - Nobody acts on two steps of the same item (one workflow run): whoever approved one
      step of it gets no action on another, delegated or not, superusers included.
    - A valid delegation (R-WF-2) lets a named person act on steps 2 and 3 for a period;
      the action records on whose behalf it was taken (``DelegatedAction``).
    - Step 1 passes by itself when the submitter is a member of the board.
    - The publishing gate runs again before the final approval (R-SITE-2, R-SECRET-1).
    """

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="editorial_tasks",
        help_text=_("The body whose board acts on this step (one workflow per body)."),
    )
    step = models.PositiveSmallIntegerField(
        _("step"), default=1, help_text=_("1 edit, 2 verify, 3 approve for publishing (R-WF-1).")
    )
    passes_for_board = models.BooleanField(
        _("passes for board members"),
        default=False,
        help_text=_("The step passes by itself when the submitter is a member of the board."),
    )
    delegable = models.BooleanField(
        _("may be delegated"),
        default=False,
        help_text=_("Delegations may give a named person this step for a period (R-WF-2)."),
    )

    #: What a person who may act on a step is offered (Wagtail's group approval actions).
    ACTIONS = (
        ("reject", _("Request changes"), True),
        ("approve", _("Approve"), False),
        ("approve", _("Approve with comment"), True),
    )

    admin_form_fields = [
        *AbstractGroupApprovalTask.admin_form_fields,
        "step",
        "passes_for_board",
        "delegable",
    ]

    class Meta:
        verbose_name = _("editorial step")
        verbose_name_plural = _("editorial steps")

    # Who may act -----------------------------------------------------------------------
    @staticmethod
    def submitter_of(obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by if state else None

    def valid_delegation(self, user, at=None):
        """The delegation that lets ``user`` act on this step now, or None: only while the
        delegate still sits on the body's board in a role that may hold the step."""
        if not self.delegable or not user.is_authenticated:
            return None
        from .delegation import Delegation, may_be_delegate

        if not may_be_delegate(user, self):
            return None
        return Delegation.objects.valid(at).filter(task=self, delegate=user).first()

    def _other_steps_approved_by(self, user):
        """The approved task states of other steps that ``user`` finished (per run)."""
        return TaskState.objects.filter(status=TaskState.STATUS_APPROVED, finished_by=user).exclude(
            task_id=self.pk
        )

    def acted_on_other_step(self, workflow_state, user) -> bool:
        """Did ``user`` approve another step of this run (``workflow_state``)?"""
        if workflow_state is None or not user.is_authenticated:
            return False
        return self._other_steps_approved_by(user).filter(workflow_state=workflow_state).exists()

    def _user_in_groups(self, user):
        """Wagtail's check, answered for every editorial step in one query.

        Wagtail caches "is the user in this task's groups" on the user object per task but
        asks the database once per task, and ``TaskState.objects.reviewable_by`` (the
        dashboard's "Awaiting your review", every request of a board member) asks it for
        every active task: three per body, 561 queries for 187 bodies. Here the first
        question fills Wagtail's cache (same attribute, same lifetime: the user object) for
        all editorial steps at once."""
        cache_attr = "_group_approval_task_checks"
        cache = getattr(user, cache_attr, None)
        if cache is None:
            cache = {}
            setattr(user, cache_attr, cache)
        if self.pk not in cache:
            if not user.is_authenticated:
                return False
            through = EditorialTask.groups.through
            mine = through.objects.filter(
                editorialtask_id=OuterRef("pk"), group_id__in=user.groups.values("pk")
            )
            for pk, member in EditorialTask.objects.annotate(member=Exists(mine)).values_list(
                "pk", "member"
            ):
                cache.setdefault(pk, member)
            cache.setdefault(self.pk, False)
        return cache[self.pk]

    def _may_act(self, user) -> bool:
        return user.is_superuser or self._user_in_groups(user) or bool(self.valid_delegation(user))

    def user_can_access_editor(self, obj, user):
        return self._may_act(user)

    def locked_for_user(self, obj, user):
        return not self._may_act(user)

    def get_actions(self, obj, user):
        submitter = self.submitter_of(obj)
        if submitter is not None and submitter.pk == user.pk:
            return []
        if not self._may_act(user):
            return []
        if self.acted_on_other_step(getattr(obj, "current_workflow_state", None), user):
            # One person never acts on two steps of the same item.
            return []
        return list(self.ACTIONS)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self._may_act(user):
            return TaskState.objects.none()
        other_step = self._other_steps_approved_by(user).filter(
            workflow_state=OuterRef("workflow_state")
        )
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .exclude(Exists(other_step))
        )

    # What happens --------------------------------------------------------------------
    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        requester = workflow_state.requested_by
        if self.passes_for_board and requester is not None and self.is_board_member(requester):
            task_state.approve(
                user=requester,
                update=False,
                comment=str(_("Passed by itself: the submitter is a member of the board.")),
            )
        return task_state

    def is_board_member(self, user) -> bool:
        """On the board of this step's body (any body's for a step of no body)."""
        from congthongtin.core.bodies import holds
        from congthongtin.core.roles import BOARD

        return holds(user, BOARD, self.site_id)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..gate import GateRefused, check_revision

        obj = task_state.workflow_state.content_object
        offered = {name for name, *_ in self.get_actions(obj, user)}
        if action_name in ("approve", "reject") and self.acted_on_other_step(
            task_state.workflow_state, user
        ):
            raise PermissionDenied
        if action_name in ("approve", "reject") and action_name not in offered:
            # Code paths other than Wagtail's views get the same four-eyes rule.
            raise PermissionDenied
        if action_name == "approve":
            problems = check_revision(obj.get_latest_revision())
            if problems:
                raise GateRefused(problems)
        delegation = None
        if not (user.is_superuser or self._user_in_groups(user)):
            delegation = self.valid_delegation(user)
        super().on_action(task_state, user, action_name, **kwargs)
        if delegation is not None:
            from .delegation import DelegatedAction

            DelegatedAction.objects.create(
                task_state=task_state,
                delegation=delegation,
                acted_by=user,
                on_behalf_of=delegation.delegator,
                action=action_name,
                acted_at=timezone.now(),
            )
