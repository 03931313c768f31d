"""The editorial board of a portal (``manage.py setup_portal``; congthongtin.core.setup).

Each role of :mod:`congthongtin.core.roles` becomes a group holding exactly the
permissions below; the three editorial steps become the workflow of every Site's root page.
Wagtail's stock workflow (one moderator publishes alone) is deactivated and its stock groups,
which hold publish rights, are removed while nobody belongs to them. Idempotent: a second
run finds everything in place.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from congthongtin.core import roles
from congthongtin.core.models import OutgoingEmail
from congthongtin.core.setup import permissions
from congthongtin.core.users import user_permission

from .models import EditorialTask

#: Page rights of the board's members on the whole tree; never ``publish_page``: only the
#: workflow's last step publishes (R-WF-1).
PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
TAXONOMY = [
    "core.add_field",
    "core.change_field",
    "core.add_agency",
    "core.change_agency",
    "core.add_unit",
    "core.change_unit",
    "core.add_official",
    "core.change_official",
]
DELEGATIONS_AND_SECTIONS = [
    "editorial.add_delegation",
    "editorial.change_delegation",
    "editorial.view_delegation",
    "editorial.add_sectionassignment",
    "editorial.change_sectionassignment",
    "editorial.delete_sectionassignment",
    "editorial.view_sectionassignment",
]


def model_permissions() -> dict[str, list[str]]:
    """Each role's model permissions, as ``app_label.codename``."""
    # The e-mail queue (core.outbox): the board and the auditors look at it (its text only
    # if they read every kind of data it repeats: core.outbox.reads_email_content), the
    # technical administrator keeps it running (sends a failed e-mail again).
    outbox = OutgoingEmail._meta.app_label
    return {
        roles.HEAD: [*TAXONOMY, *DELEGATIONS_AND_SECTIONS, f"{outbox}.view_outgoingemail"],
        roles.DEPUTY: [*TAXONOMY, *DELEGATIONS_AND_SECTIONS, f"{outbox}.view_outgoingemail"],
        roles.EDITOR: [*TAXONOMY, f"{outbox}.view_outgoingemail"],
        roles.SECRETARY: [*TAXONOMY, f"{outbox}.view_outgoingemail"],
        roles.COLLABORATOR: [],
        roles.UNIT_OFFICER: ["core.change_official"],
        # Accounts, not powers (security audit): no group editing, no section assignment.
        roles.TECH_ADMIN: [
            user_permission("add"),
            user_permission("change"),
            user_permission("view"),
            "auth.view_group",
            "core.change_portalsettings",
            "wagtailcore.add_site",
            "wagtailcore.change_site",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "editorial.view_sectionassignment",
            "editorial.view_delegation",
            f"{outbox}.view_outgoingemail",
            f"{outbox}.change_outgoingemail",
        ],
        roles.AUDITOR: [
            "editorial.view_audit",
            "editorial.view_delegation",
            "editorial.view_sectionassignment",
            "core.view_unit",
            "core.view_official",
            "core.view_field",
            "core.view_agency",
            f"{outbox}.view_outgoingemail",
        ],
    }


PAGE_ROLES = [roles.HEAD, roles.DEPUTY, roles.EDITOR, roles.SECRETARY]
UPLOAD_ROLES = [*PAGE_ROLES, roles.COLLABORATOR, roles.UNIT_OFFICER]


def install_roles(report) -> dict[str, Group]:
    """One group per role holding its permissions (rights a superuser added stay)."""
    access_admin = permissions(["wagtailadmin.access_admin"])
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name, labels in model_permissions().items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*access_admin, *permissions(labels))
        if name in PAGE_ROLES:
            for perm in permissions(f"wagtailcore.{codename}" for codename in PAGE_PERMISSIONS):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm
                )
        if name in UPLOAD_ROLES:
            for perm in permissions(COLLECTION_PERMISSIONS):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
        if created:
            report(_("Role “%(name)s” created.") % {"name": name})
    return groups


def install_workflow(groups: dict[str, Group], report) -> Workflow:
    """The three-step workflow on every Site's root page; Wagtail's stock one off."""
    for workflow in Workflow.objects.exclude(name=roles.WORKFLOW_NAME).filter(active=True):
        workflow.deactivate()
    WorkflowPage.objects.exclude(workflow__name=roles.WORKFLOW_NAME).delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    task_type = ContentType.objects.get_for_model(EditorialTask)
    Task.objects.exclude(content_type=task_type).filter(active=True).update(active=False)

    workflow, created = Workflow.objects.get_or_create(
        name=roles.WORKFLOW_NAME, defaults={"active": True}
    )
    for order, (step, name, group_names) in enumerate(roles.STEPS):
        task = EditorialTask.objects.filter(name=name).first()
        if task is None:
            task = EditorialTask.objects.create(
                name=name,
                active=True,
                step=step,
                passes_for_board=step == 1,
                delegable=step in roles.DELEGABLE_STEPS,
            )
        task.groups.set([groups[g] for g in group_names])
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    for site in Site.objects.all():
        WorkflowPage.objects.get_or_create(
            page_id=site.root_page_id, defaults={"workflow": workflow}
        )
    if created:
        report(_("Workflow “%(name)s” created.") % {"name": roles.WORKFLOW_NAME})
    return workflow


def install_board(report) -> None:
    install_workflow(install_roles(report), report)
