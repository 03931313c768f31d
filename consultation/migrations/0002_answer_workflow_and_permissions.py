"""Set-up data (docs/architecture.md §5): answers go through the board's three-step workflow
(R-WF-4), and the roles get the rights they need on the citizens' voice.

Nobody but a superuser holds ``publish_answer``: an answer becomes public only when the
last step approves it (``editorial.workflows.publish_approved``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial import roles

BOARD_PERMISSIONS = [
    "view_question", "change_question",
    "add_answer", "change_answer", "view_answer", "lock_answer", "unlock_answer",
    "view_consultationcomment", "change_consultationcomment",
    "view_contactmessage", "change_contactmessage",
    "view_pagefeedback", "view_consultationsubscriber", "view_outgoingemail",
]
PERMISSIONS = {
    roles.HEAD: BOARD_PERMISSIONS,
    roles.DEPUTY: BOARD_PERMISSIONS,
    roles.EDITOR: BOARD_PERMISSIONS,
    roles.SECRETARY: BOARD_PERMISSIONS,
    roles.UNIT_OFFICER: ["view_question", "add_answer", "change_answer", "view_answer"],
    roles.AUDITOR: [
        "view_question", "view_answer", "view_consultationcomment", "view_contactmessage",
        "view_pagefeedback", "view_consultationsubscriber", "view_outgoingemail",
    ],
    roles.TECH_ADMIN: [
        "view_outgoingemail", "change_outgoingemail", "view_consultationsubscriber",
        "change_consultationsubscriber",
    ],
}
#: Made by Wagtail after migrations; the groups need them now.
EXTRA = {"lock_answer": "Can lock answer", "unlock_answer": "Can unlock answer",
         "publish_answer": "Can publish answer"}


def setup(apps, schema_editor):
    app_config = apps.get_app_config("consultation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    answer_ct, _ = ContentType.objects.get_or_create(app_label="consultation", model="answer")
    for codename, name in EXTRA.items():
        Permission.objects.get_or_create(
            content_type=answer_ct, codename=codename, defaults={"name": name}
        )
    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=answer_ct, defaults={"workflow": workflow}
        )
    for group_name, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="consultation", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0001_initial"),
        ("editorial", "0002_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
