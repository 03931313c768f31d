"""The technical administrator keeps accounts, not powers (security audit, issue 16).

Migration 0002 gave the role "Quản trị kỹ thuật" ``auth.add_group``/``auth.change_group``
(editing a group's permissions gives them to its members, himself included) and the right to
add, change and delete section assignments (each one becomes page permissions on a section:
he could assign himself and edit pages). Groups are now a superuser's (editorial.views.users)
and sections are assigned by the head and the deputies; the role keeps reading both.
"""

from django.db import migrations

TECH_ADMIN = "Quản trị kỹ thuật"
REVOKED = [
    ("auth", "add_group"),
    ("auth", "change_group"),
    ("editorial", "add_sectionassignment"),
    ("editorial", "change_sectionassignment"),
    ("editorial", "delete_sectionassignment"),
]


def permissions(apps):
    """The role's group and the permissions this migration moves, or (None, [])."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=TECH_ADMIN).first()
    if group is None:
        return None, []
    found = [
        permission
        for app_label, codename in REVOKED
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    return group, found


def revoke(apps, schema_editor):
    group, found = permissions(apps)
    if group is not None:
        group.permissions.remove(*found)


def restore(apps, schema_editor):
    group, found = permissions(apps)
    if group is not None:
        group.permissions.add(*found)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_roles_and_workflow")]

    operations = [migrations.RunPython(revoke, restore)]
