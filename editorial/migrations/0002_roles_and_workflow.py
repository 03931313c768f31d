"""Set-up data (docs/architecture.md §5): the board's roles as groups with their permissions, the three
editorial steps, the workflow on every portal; Wagtail's default workflow and groups removed.

Names come from ``editorial.roles`` so the migration, load_demo and the tests agree.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial import roles

PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]  # never publish_page
COLLECTION_PERMISSIONS = ["add_document", "change_document", "choose_document", "add_image", "change_image", "choose_image"]

MODEL_PERMISSIONS = {
    roles.HEAD: [
        "core.add_field", "core.change_field", "core.add_agency", "core.change_agency",
        "home.add_unit", "home.change_unit", "home.add_official", "home.change_official",
        "editorial.add_delegation", "editorial.change_delegation", "editorial.view_delegation",
        "editorial.add_sectionassignment", "editorial.change_sectionassignment",
        "editorial.delete_sectionassignment", "editorial.view_sectionassignment",
    ],
    roles.DEPUTY: [
        "core.add_field", "core.change_field", "core.add_agency", "core.change_agency",
        "home.add_unit", "home.change_unit", "home.add_official", "home.change_official",
        "editorial.add_delegation", "editorial.change_delegation", "editorial.view_delegation",
        "editorial.add_sectionassignment", "editorial.change_sectionassignment",
        "editorial.delete_sectionassignment", "editorial.view_sectionassignment",
    ],
    roles.EDITOR: [
        "core.add_field", "core.change_field", "core.add_agency", "core.change_agency",
        "home.add_unit", "home.change_unit", "home.add_official", "home.change_official",
    ],
    roles.SECRETARY: [
        "core.add_field", "core.change_field", "core.add_agency", "core.change_agency",
        "home.add_unit", "home.change_unit", "home.add_official", "home.change_official",
    ],
    roles.COLLABORATOR: [],
    roles.UNIT_OFFICER: ["home.change_official"],
    roles.TECH_ADMIN: [
        "core.add_user", "core.change_user", "core.view_user",
        "auth.add_group", "auth.change_group", "auth.view_group",
        "core.change_portalsettings", "wagtailcore.add_site", "wagtailcore.change_site",
        "wagtailredirects.add_redirect", "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "editorial.add_sectionassignment", "editorial.change_sectionassignment",
        "editorial.delete_sectionassignment", "editorial.view_sectionassignment",
        "editorial.view_delegation",
    ],
    roles.AUDITOR: [
        "editorial.view_audit", "editorial.view_delegation", "editorial.view_sectionassignment",
        "home.view_unit", "home.view_official", "core.view_field", "core.view_agency",
    ],
}

PAGE_ROLES = [roles.HEAD, roles.DEPUTY, roles.EDITOR, roles.SECRETARY]
UPLOAD_ROLES = [*PAGE_ROLES, roles.COLLABORATOR, roles.UNIT_OFFICER]


def setup(apps, schema_editor):
    # Permissions of models created by earlier migrations exist only after post_migrate;
    # make them now so the groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Site = apps.get_model("wagtailcore", "Site")
    EditorialTask = apps.get_model("editorial", "EditorialTask")

    def perm(label):
        app_label, codename = label.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    access_admin = perm("wagtailadmin.access_admin")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name in roles.ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin, *[perm(label) for label in MODEL_PERMISSIONS[name]])
        if name in PAGE_ROLES:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm(f"wagtailcore.{codename}")
                )
        if name in UPLOAD_ROLES:
            for codename in COLLECTION_PERMISSIONS:
                app = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm(f"{app}.{codename}")
                )

    # Wagtail's stock workflow would let one moderator publish alone; its stock groups
    # hold publish rights. Both go (the groups only while nobody belongs to them).
    for workflow in Workflow.objects.exclude(name=roles.WORKFLOW_NAME):
        workflow.active = False
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.exclude(workflow__name=roles.WORKFLOW_NAME).delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    task_ct = ContentType.objects.get_or_create(app_label="editorial", model="editorialtask")[0]
    Task = apps.get_model("wagtailcore", "Task")
    Task.objects.exclude(content_type=task_ct).update(active=False)
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    for order, (step, name, group_names) in enumerate(roles.STEPS):
        task = EditorialTask.objects.filter(name=name).first()
        if task is None:
            task = EditorialTask.objects.create(
                name=name,
                active=True,
                content_type=task_ct,
                step=step,
                passes_for_board=step == 1,
                delegable=step in roles.DELEGABLE_STEPS,
            )
        task.groups.set([groups[g] for g in group_names])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    for site in Site.objects.all():
        WorkflowPage.objects.get_or_create(page_id=site.root_page_id, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("core", "0003_default_fields"),
        ("home", "0003_search_key"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
