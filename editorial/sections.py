"""Section assignments become Wagtail page permissions (R-SUB-2).

One group per assigned section, named after it, holds ``add`` and ``change`` on that
section; the assignees are its members. Wagtail's own permission checks — explorer, editor,
choosers, bulk actions — then allow collaborators and unit officers exactly their sections.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

GROUP_PREFIX = "Phụ trách chuyên mục: "
SECTION_PERMISSIONS = ("add_page", "change_page")


def section_group_name(section: Page) -> str:
    return f"{GROUP_PREFIX}{section.title} (#{section.pk})"[:150]


def section_group(section: Page) -> Group:
    group = Group.objects.filter(
        name__startswith=GROUP_PREFIX, name__endswith=f"(#{section.pk})"
    ).first()
    if group is None:
        group = Group.objects.create(name=section_group_name(section))
    for codename in SECTION_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=section,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def sync_user(user) -> None:
    """Make the user's section-group memberships match their assignments."""
    wanted = {
        section_group(a.section).pk for a in user.section_assignments.select_related("section")
    }
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("pk", flat=True))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
