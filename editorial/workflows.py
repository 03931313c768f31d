"""What happens when the last step approves (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""

from __future__ import annotations


def publish_approved(workflow_state, user=None):
    """Publish the approved revision. The approval is the authority (R-WF-1 step 3), so
    Wagtail's publish permission is not asked of the approver; the gate is asked again."""
    # Imported here: Wagtail imports this module while wagtail.models is loading.
    from .gate import GateRefused, check_revision

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    problems = check_revision(revision)
    if problems:
        raise GateRefused(problems)
    revision.publish(user=user, skip_permission_checks=True)
