"""The editorial board of each body (``manage.py setup_portal``; congthongtin.core.setup).

Every Site is a body with its own board: each role of :mod:`congthongtin.core.roles` becomes
a group of that body (``core.BoardRole``) holding exactly the permissions below, its page
rights on that body's home page only, its uploads in that body's collection; the three
editorial steps become that body's own workflow, assigned to its home page, each step
naming that body's groups. The install-wide roles (technical administrator, province-wide
auditor) have one group each. Wagtail's stock workflow (one moderator publishes alone) is
deactivated and its stock groups, which hold publish rights, are removed while nobody
belongs to them. Idempotent: a second run finds everything in place.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from congthongtin.core import roles
from congthongtin.core.bodies import board_groups, body_collection, group_name
from congthongtin.core.models import OutgoingEmail
from congthongtin.core.setup import permissions
from congthongtin.core.users import user_permission

from .models import EditorialTask

#: Page rights of the board's members on their body's pages; never ``publish_page``: only the
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
#: Royalties (R-ROY-1): each body's kinds; the sheets themselves follow the rules of
#: editorial.royalties (roles on the body), not model permissions.
ROYALTY_KINDS_READ = ["editorial.view_royaltykind"]
ROYALTY_KINDS_EDIT = ["editorial.view_royaltykind", "editorial.change_royaltykind"]
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
    audit = [
        "editorial.view_audit",
        "editorial.view_delegation",
        "editorial.view_sectionassignment",
        "core.view_unit",
        "core.view_official",
        "core.view_field",
        "core.view_agency",
        f"{outbox}.view_outgoingemail",
        *ROYALTY_KINDS_READ,
    ]
    return {
        roles.HEAD: [
            *TAXONOMY,
            *DELEGATIONS_AND_SECTIONS,
            f"{outbox}.view_outgoingemail",
            *ROYALTY_KINDS_EDIT,
        ],
        roles.DEPUTY: [*TAXONOMY, *DELEGATIONS_AND_SECTIONS, f"{outbox}.view_outgoingemail"],
        roles.EDITOR: [*TAXONOMY, f"{outbox}.view_outgoingemail"],
        roles.SECRETARY: [*TAXONOMY, f"{outbox}.view_outgoingemail"],
        roles.STANDING_OFFICE: [*TAXONOMY, f"{outbox}.view_outgoingemail", *ROYALTY_KINDS_READ],
        # The body's head reads the board's reports and decides royalties; no page rights.
        roles.BODY_HEAD: [*ROYALTY_KINDS_READ],
        roles.COLLABORATOR: [],
        roles.UNIT_OFFICER: ["core.change_official"],
        # Accounts, not powers (security audit): no group editing, no section assignment.
        roles.TECH_ADMIN: [
            user_permission("add"),
            user_permission("change"),
            user_permission("view"),
            "auth.view_group",
            "core.change_portalsettings",
            "core.change_maintenancenotice",
            "core.add_body",
            "core.change_body",
            "core.view_body",
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
        # The province-wide auditor reads what a body's auditor reads, of every body, and
        # the list of bodies.
        roles.PROVINCE_AUDITOR: [*audit, "core.view_body"],
        roles.AUDITOR: audit,
    }


PAGE_ROLES = [roles.HEAD, roles.DEPUTY, roles.EDITOR, roles.SECRETARY, roles.STANDING_OFFICE]
#: Per-site setting permissions (Wagtail's GroupSitePermission): the head of each body's
#: board edits that body's back-office rules (time limits, reviews, quotas), no other's.
HEAD_SITE_PERMISSIONS = ["editorial.change_boardsettings"]
UPLOAD_ROLES = [*PAGE_ROLES, roles.COLLABORATOR, roles.UNIT_OFFICER]
#: Every body's people choose images and documents of the whole library (what is in a
#: collection is public once used on a page); they add and change only their body's.
CHOOSE_PERMISSIONS = ["wagtaildocs.choose_document", "wagtailimages.choose_image"]


def _sites(site) -> list[Site]:
    return [site] if site is not None else list(Site.objects.select_related("root_page"))


def install_roles(report, site=None) -> dict[Site, dict[str, Group]]:
    """Each body's groups with their rights (rights a superuser added stay); the
    install-wide groups with theirs."""
    access_admin = permissions(["wagtailadmin.access_admin"])
    tree_root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    labels = model_permissions()
    page_permissions = permissions(f"wagtailcore.{codename}" for codename in PAGE_PERMISSIONS)
    upload_permissions = permissions(COLLECTION_PERMISSIONS)
    choose_permissions = permissions(CHOOSE_PERMISSIONS)
    head_site_permissions = permissions(HEAD_SITE_PERMISSIONS)
    if site is None:
        for role, group in board_groups(None, report).items():
            group.permissions.add(*access_admin, *permissions(labels[role]))
    boards = {}
    for each in _sites(site):
        groups = board_groups(each, report)
        boards[each] = groups
        collection = body_collection(each, create=True)
        for role, group in groups.items():
            group.permissions.add(*access_admin, *permissions(labels[role]))
            # A board adopted from before boards were per body held its rights on the
            # whole tree: they move to its own home page.
            GroupPagePermission.objects.filter(group=group, page=tree_root).delete()
            if role in PAGE_ROLES:
                for perm in page_permissions:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page_id=each.root_page_id, permission=perm
                    )
            if role == roles.HEAD:
                for perm in head_site_permissions:
                    GroupSitePermission.objects.get_or_create(
                        group=group, site=each, permission=perm
                    )
            if role in UPLOAD_ROLES:
                GroupCollectionPermission.objects.filter(
                    group=group, collection=root_collection, permission__in=upload_permissions
                ).delete()
                for perm in upload_permissions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=perm
                    )
                for perm in choose_permissions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )
    return boards


def workflow_name(site: Site) -> str:
    return group_name(roles.WORKFLOW_NAME, site)


def install_workflow(site: Site, groups: dict[str, Group], report) -> Workflow:
    """The body's three-step workflow on its home page, each step naming its groups."""
    name = workflow_name(site)
    workflow = Workflow.objects.filter(workflow_pages__page_id=site.root_page_id).first()
    if workflow is None or not workflow.name.startswith(roles.WORKFLOW_NAME):
        workflow = None
        if site.is_default_site:
            # Adopted from before boards were per body: the one workflow, bare-named.
            workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME).first()
        workflow = workflow or Workflow.objects.filter(name=name).first()
    created = workflow is None
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
    if workflow.name != name or not workflow.active:
        workflow.name, workflow.active = name, True
        workflow.save(update_fields=["name", "active"])
    by_step = {
        task.step: task for task in EditorialTask.objects.filter(workflow_tasks__workflow=workflow)
    }
    for order, (step, task_name, group_names) in enumerate(roles.STEPS):
        task = by_step.get(step)
        label = group_name(task_name, site)
        if task is None:
            task = EditorialTask.objects.create(
                name=label,
                active=True,
                step=step,
                site=site,
                passes_for_board=step == 1,
                delegable=step in roles.DELEGABLE_STEPS,
            )
            WorkflowTask.objects.get_or_create(
                workflow=workflow, task=task, defaults={"sort_order": order}
            )
        elif task.site_id != site.pk or task.name != label:
            task.site, task.name = site, label
            task.save(update_fields=["site", "name"])
        task.groups.set([groups[g] for g in group_names])
    WorkflowPage.objects.update_or_create(
        page_id=site.root_page_id, defaults={"workflow": workflow}
    )
    if created:
        report(_("Workflow “%(name)s” created.") % {"name": name})
    return workflow


def retire_stock_workflow() -> None:
    """Wagtail's stock workflow lets one moderator publish alone: off, with its groups."""
    task_type = ContentType.objects.get_for_model(EditorialTask)
    ours = Workflow.objects.filter(name__startswith=roles.WORKFLOW_NAME)
    for workflow in Workflow.objects.exclude(pk__in=ours).filter(active=True):
        workflow.deactivate()
    WorkflowPage.objects.exclude(workflow__in=ours).delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    Task.objects.exclude(content_type=task_type).filter(active=True).update(active=False)


def install_board(report, site=None) -> None:
    if site is None:
        retire_stock_workflow()
    for each, groups in install_roles(report, site).items():
        install_workflow(each, groups, report)
