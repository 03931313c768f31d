"""Section assignments by body (R-SUB-2): who reads them, who makes them, who may be named.

Only the head or a deputy of a body's board (or a superuser) assigns a section of that
body, and only to a person who writes for that body: a collaborator, a unit officer or a
member of its board. The board and the auditors of a body read its assignments; the
province-wide auditor and superusers read every body's.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page

from congthongtin.core import roles
from congthongtin.core.bodies import holds, in_sites, site_id_of_page, site_ids_where

#: Who assigns a body's sections.
MANAGERS = [roles.HEAD, roles.DEPUTY]
#: Who may be given a section of a body.
ASSIGNEES = [roles.COLLABORATOR, roles.UNIT_OFFICER, *roles.BOARD]
#: Who reads a body's assignments.
READERS = [*roles.BOARD, roles.AUDITOR, roles.PROVINCE_AUDITOR]

PATH = "section__path"


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_assignments(user, queryset: QuerySet) -> QuerySet:
    if not _active(user):
        return queryset.none()
    return in_sites(queryset, site_ids_where(user, READERS), PATH)


def manageable_assignments(user, queryset: QuerySet) -> QuerySet:
    if not _active(user):
        return queryset.none()
    return in_sites(queryset, site_ids_where(user, MANAGERS), PATH)


def assignable_sections(user) -> QuerySet:
    """The pages of the bodies where ``user`` assigns sections (every page: superuser)."""
    pages = Page.objects.filter(depth__gt=1)
    if not _active(user):
        return pages.none()
    return in_sites(pages, site_ids_where(user, MANAGERS))


def may_assign(user, section) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or holds(user, MANAGERS, site_id_of_page(section))


def assignee_problem(person, section) -> str | None:
    """Why ``person`` may not be given ``section``, or None."""
    if not person.is_active:
        return _("This account is not active.")
    if not holds(person, ASSIGNEES, site_id_of_page(section)):
        return _(
            "Only a collaborator, a unit officer or a member of the board of the body this "
            "section belongs to may be assigned to it."
        )
    return None


def possible_assignees(user) -> QuerySet:
    """The people who write for one of the bodies where ``user`` assigns sections."""
    User = get_user_model()
    people = User.objects.filter(is_active=True)
    site_ids = site_ids_where(user, MANAGERS) if _active(user) else set()
    if site_ids is None:
        return people.order_by(User.USERNAME_FIELD)
    return (
        people.filter(
            groups__board_role__role__in=ASSIGNEES, groups__board_role__site_id__in=site_ids
        )
        .distinct()
        .order_by(User.USERNAME_FIELD)
    )
