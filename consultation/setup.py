"""Citizens' voice in the board's workflow (``manage.py setup_portal``; congthongtin.core.setup).

Answers go through the board's three-step workflow (R-WF-4), and the roles get the rights
they need on questions, comments and messages (the e-mail queue is core's; the editorial
board's step grants its rights). Nobody but a superuser holds
``publish_answer``: an answer becomes public only when the last step approves it
(``congthongtin.editorial.workflows.publish_approved``). Runs after the editorial board's
step (INSTALLED_APPS order), whose groups and workflow it completes.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupSitePermission, WorkflowContentType

from congthongtin.core import roles
from congthongtin.core.bodies import body_workflow
from congthongtin.core.setup import permissions

from .models import Answer

BOARD_PERMISSIONS = [
    "view_question",
    "change_question",
    "add_answer",
    "change_answer",
    "view_answer",
    "lock_answer",
    "unlock_answer",
    "view_consultationcomment",
    "change_consultationcomment",
    "view_contactmessage",
    "change_contactmessage",
    "view_pagefeedback",
    "view_consultationsubscriber",
]
#: Per-site setting permissions (Wagtail's GroupSitePermission) of the head of each body's
#: board: the body's own Q&A rules and working calendar, on that body only.
HEAD_SITE_PERMISSIONS = ["consultation.change_qasettings", "core.change_workcalendarsettings"]

#: What the auditors read (a body's, or every body's for the province-wide one).
READ_PERMISSIONS = [
    "view_question",
    "view_answer",
    "view_consultationcomment",
    "view_contactmessage",
    "view_pagefeedback",
    "view_consultationsubscriber",
]
PERMISSIONS = {
    roles.HEAD: BOARD_PERMISSIONS,
    roles.DEPUTY: BOARD_PERMISSIONS,
    roles.EDITOR: BOARD_PERMISSIONS,
    roles.SECRETARY: BOARD_PERMISSIONS,
    # The standing office receives the citizens' questions and routes them (S1 Đ7).
    roles.STANDING_OFFICE: BOARD_PERMISSIONS,
    roles.UNIT_OFFICER: ["view_question", "add_answer", "change_answer", "view_answer"],
    roles.AUDITOR: READ_PERMISSIONS,
    roles.PROVINCE_AUDITOR: READ_PERMISSIONS,
    roles.TECH_ADMIN: [
        "view_consultationsubscriber",
        "change_consultationsubscriber",
    ],
}


def install_answer_workflow(report, site=None) -> None:
    """Each body's groups (and the install-wide ones) get their rights on the citizens'
    voice, the head of each body the right to change its Q&A rules and working calendar
    (on that body only); answers follow the board workflow of their question's body
    (``Answer.get_workflow``), the default site's being the content type's fallback."""
    from wagtail.models import Site

    from congthongtin.core.models import BoardRole

    answer_type = ContentType.objects.get_for_model(Answer)
    default = Site.objects.filter(is_default_site=True).first()
    workflow = body_workflow(default)
    if workflow is not None:
        WorkflowContentType.objects.update_or_create(
            content_type=answer_type, defaults={"workflow": workflow}
        )
    board_roles = BoardRole.objects.select_related("group")
    board_roles = board_roles.filter(site=site) if site is not None else board_roles
    label = Answer._meta.app_label
    head_site_permissions = permissions(HEAD_SITE_PERMISSIONS)
    for board_role in board_roles:
        codenames = PERMISSIONS.get(board_role.role)
        if codenames:
            board_role.group.permissions.add(
                *permissions(f"{label}.{codename}" for codename in codenames)
            )
        if board_role.role == roles.HEAD and board_role.site_id is not None:
            for permission in head_site_permissions:
                GroupSitePermission.objects.get_or_create(
                    group=board_role.group, site_id=board_role.site_id, permission=permission
                )
