"""Officials' accounts (R-ACC-1…4): who may do what to an account, and one function per
change of an account's powers, each written to Wagtail's audit log (who, whom, what, when).

Who may do what (issue 16, finding 1):

- A superuser: everything, except changing his own groups through these functions
  (Wagtail's own form still lets a superuser edit himself).
- The technical administrator (``change_user`` of the user model: ``core.change_user`` in
  the portal, ``auth.change_user`` with Django's model): opens accounts, deactivates and
  reactivates them, lifts a lockout, issues a one-time password. Never on a superuser's
  account nor on his own; he never sets a password, grants superuser status or any group.
- The head of a body's board: grants and removes the editorial roles
  (``core.roles.EDITORIAL_ROLES``) of that body's board only (a head of A gets nothing on
  B), to other people. The technical administrator's role, the install-wide roles and any
  other group: a superuser only. Every grant's and removal's log entry names the group and
  its body (``group_data``).
- Nobody but a superuser changes his own groups.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from congthongtin.core.bodies import body_name, forget_memberships, holds, sites_where
from congthongtin.core.roles import EDITORIAL_ROLES, HEAD
from congthongtin.core.users import name_fields, set_must_change_password, user_permission
from congthongtin.vietnam.names import split_full_name, unique_username

#: Every action this module writes to the log; the auditors' account log lists them.
ACCOUNT_ACTIONS = (
    "editorial.account_created",
    "editorial.role_granted",
    "editorial.role_removed",
    "editorial.account_deactivated",
    "editorial.account_reactivated",
    "editorial.account_unlocked",
    "editorial.one_time_password_issued",
    "editorial.superuser_granted",
    "editorial.superuser_removed",
    "editorial.password_set",
    "editorial.account_locked",
    "editorial.password_changed",
)


def generate_password(length: int = 14) -> str:
    import secrets
    import string

    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        # Django's validators reject all-numeric and common passwords; mix classes.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


# Who may do what ---------------------------------------------------------------------------
def is_head(user) -> bool:
    return holds(user, HEAD)


def grantable_groups(actor, target=None):
    """The groups ``actor`` may grant to or remove from ``target`` (None: a new account)."""
    if not (actor.is_authenticated and actor.is_active):
        return Group.objects.none()
    if target is not None and target.pk == actor.pk:
        # Nobody but a superuser changes his own groups.
        return Group.objects.all() if actor.is_superuser else Group.objects.none()
    if actor.is_superuser:
        return Group.objects.all()
    if is_head(actor):
        return Group.objects.filter(
            board_role__role__in=EDITORIAL_ROLES,
            board_role__site__in=sites_where(actor, HEAD),
        )
    return Group.objects.none()


def can_manage_account(actor, target) -> bool:
    """Deactivate, reactivate, unlock, issue a one-time password: the account managers
    (``change_user`` of the user model) on anyone but themselves and superusers; superusers
    on anyone but themselves."""
    if not (actor.is_authenticated and actor.is_active) or actor.pk == target.pk:
        return False
    if actor.is_superuser:
        return True
    return not target.is_superuser and actor.has_perm(user_permission("change"))


def can_open_accounts(actor) -> bool:
    """Who reaches the accounts screen: account managers, and the head for the roles."""
    return bool(
        actor.is_authenticated
        and actor.is_active
        and (actor.is_superuser or actor.has_perm(user_permission("change")) or is_head(actor))
    )


def group_data(group) -> dict:
    """What a grant's or a removal's log entry says of the group: its name, and the body
    it belongs to (``site_id`` None and ``body`` "" for an install-wide or other group)."""
    from congthongtin.core.models import BoardRole

    board_role = BoardRole.objects.filter(group=group).select_related("site").first()
    site = board_role.site if board_role is not None else None
    return {
        "group": group.name,
        "site_id": site.pk if site is not None else None,
        "body": body_name(site) if site is not None else "",
    }


def _log(target, action, actor, **data):
    log(
        instance=target,
        action=action,
        user=actor,
        data={"username": target.get_username(), **data},
    )


# Changes, one function each --------------------------------------------------------------
@transaction.atomic
def create_official(full_name: str, email: str, groups=(), *, created_by=None):
    """A new account: R-ACC-1 user name, a random one-time password, change forced at
    first login (on a user model with ``must_change_password``, core.users). Returns (user,
    password); the password is shown once and never stored. ``created_by`` None is the
    command line (whoever runs it can run anything)."""
    groups = list(groups)
    if created_by is not None:
        if not (created_by.is_superuser or created_by.has_perm(user_permission("add"))):
            raise PermissionDenied
        allowed = set(grantable_groups(created_by))
        if any(group not in allowed for group in groups):
            raise PermissionDenied
    User = get_user_model()
    family, given = split_full_name(full_name)
    login = User.USERNAME_FIELD
    username = unique_username(
        full_name, lambda u: User._default_manager.filter(**{login: u}).exists()
    )
    password = generate_password()
    user = User(
        **{login: username, User.get_email_field_name(): email},
        **name_fields(family, given),
    )
    set_must_change_password(user, True)
    user.set_password(password)
    user.save()
    if groups:
        user.groups.set(groups)
        forget_memberships(user)
    _log(user, "editorial.account_created", created_by, groups=[g.name for g in groups])
    for group in groups:
        _log(user, "editorial.role_granted", created_by, **group_data(group))
    return user, password


@transaction.atomic
def grant_role(actor, target, group) -> bool:
    """Adds ``group`` to ``target``; False when he already had it (nothing logged)."""
    if not grantable_groups(actor, target).filter(pk=group.pk).exists():
        raise PermissionDenied
    if target.groups.filter(pk=group.pk).exists():
        return False
    target.groups.add(group)
    forget_memberships(target)
    _log(target, "editorial.role_granted", actor, **group_data(group))
    return True


@transaction.atomic
def remove_role(actor, target, group) -> bool:
    if not grantable_groups(actor, target).filter(pk=group.pk).exists():
        raise PermissionDenied
    if not target.groups.filter(pk=group.pk).exists():
        return False
    target.groups.remove(group)
    forget_memberships(target)
    _log(target, "editorial.role_removed", actor, **group_data(group))
    return True


@transaction.atomic
def set_roles(actor, target, groups) -> tuple[list, list]:
    """Makes ``groups`` the roles ``target`` holds among those ``actor`` may grant; his other
    groups stay as they are. Returns (granted, removed)."""
    allowed = set(grantable_groups(actor, target))
    wanted = set(groups)
    if wanted - allowed:
        raise PermissionDenied
    current = set(target.groups.all())
    granted = sorted(wanted - current, key=lambda g: g.name)
    removed = sorted((current & allowed) - wanted, key=lambda g: g.name)
    for group in granted:
        grant_role(actor, target, group)
    for group in removed:
        remove_role(actor, target, group)
    return granted, removed


@transaction.atomic
def set_active(actor, target, active: bool) -> bool:
    """Deactivates or reactivates ``target``; False when nothing changed."""
    if not can_manage_account(actor, target):
        raise PermissionDenied
    if target.is_active == active:
        return False
    target.is_active = active
    target.save(update_fields=["is_active"])
    action = "editorial.account_reactivated" if active else "editorial.account_deactivated"
    _log(target, action, actor)
    return True


@transaction.atomic
def unlock(actor, target) -> int:
    """Lifts a django-axes lockout (R-ACC-3): forgets the account's failed logins from every
    address. Returns how many lockout records went."""
    if not can_manage_account(actor, target):
        raise PermissionDenied
    from axes.utils import reset

    count = reset(username=target.get_username())
    _log(target, "editorial.account_unlocked", actor, attempts_cleared=count)
    return count


@transaction.atomic
def issue_one_time_password(actor, target) -> str:
    """A new random password shown once to ``actor``; ``target`` must change it at the next
    login (R-ACC-2; on a user model with ``must_change_password``, core.users). The only way
    an account manager touches another person's password."""
    if not can_manage_account(actor, target):
        raise PermissionDenied
    password = generate_password()
    target.set_password(password)
    target.save(update_fields=["password", *set_must_change_password(target, True)])
    _log(target, "editorial.one_time_password_issued", actor)
    return password


def snapshot(user) -> dict:
    """What ``record_changes`` compares: read from the database, not from a form's instance."""
    fresh = type(user)._default_manager.get(pk=user.pk)
    return {
        "is_active": fresh.is_active,
        "is_superuser": fresh.is_superuser,
        "password": fresh.password,
        "groups": set(fresh.groups.values_list("pk", flat=True)),
    }


def record_changes(actor, target, before: dict | None) -> None:
    """Logs what Wagtail's own user forms changed (a superuser's, or the account managers'
    restricted form): roles, activity, superuser status, password."""
    after = snapshot(target)
    before = before or {
        "is_active": True,
        "is_superuser": False,
        "password": None,
        "groups": set(),
    }
    changed = Group.objects.in_bulk(after["groups"] ^ before["groups"])
    for pk in sorted(after["groups"] - before["groups"], key=lambda pk: changed[pk].name):
        _log(target, "editorial.role_granted", actor, **group_data(changed[pk]))
    for pk in sorted(before["groups"] - after["groups"], key=lambda pk: changed[pk].name):
        _log(target, "editorial.role_removed", actor, **group_data(changed[pk]))
    if changed:
        forget_memberships(target)
    if before["is_active"] != after["is_active"]:
        action = "editorial.account_%s" % ("reactivated" if after["is_active"] else "deactivated")
        _log(target, action, actor)
    if before["is_superuser"] != after["is_superuser"]:
        action = "editorial.superuser_%s" % ("granted" if after["is_superuser"] else "removed")
        _log(target, action, actor)
    if before["password"] is not None and before["password"] != after["password"]:
        _log(target, "editorial.password_set", actor)
