"""Set-up data of a portal, made by ``manage.py setup_portal`` and never by migrations.

A plugin's migrations must not rewrite a host's data (groups, workflows, the default Site's
root). What the turnkey portal needs in its database besides the schema — the board's roles
and their permissions, the three-step workflow, the home page — is made by functions that
each installed app registers under the Wagtail hook :data:`SETUP_HOOK`::

    @hooks.register(SETUP_HOOK)
    def install_board(report, site=None):
        ...

They run in ``INSTALLED_APPS`` order (core before home before editorial before the domain
apps) inside one transaction, and each is idempotent: running ``setup_portal`` again changes
nothing that is already in place. ``report(message)`` tells the operator what was made.
``site`` is the body being set up (``setup_portal --site``, core.bodies.create_body); None
sets up every Site the database holds, and what the install as a whole needs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail import hooks

SETUP_HOOK = "register_portal_setup"


def run_setup(report: Callable[[str], None] | None = None, site=None) -> list[str]:
    """Run every registered set-up step (for ``site`` only, if given); return the names of
    the steps run, in order."""
    report = report or (lambda message: None)
    done = []
    with transaction.atomic():
        for step in hooks.get_hooks(SETUP_HOOK):
            step(report, site=site)
            done.append(f"{step.__module__}.{step.__name__}")
    return done


def permissions(labels) -> list[Permission]:
    """The permissions named ``app_label.codename``, in the order given, in one query. An
    unknown name raises LookupError: a typo in a role's list would otherwise leave the role
    without a right and nobody would notice."""
    wanted = [tuple(label.split(".", 1)) for label in labels]
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(
            codename__in={codename for _, codename in wanted}
        ).select_related("content_type")
    }
    missing = sorted(".".join(key) for key in wanted if key not in found)
    if missing:
        raise LookupError(f"Unknown permissions: {missing}")
    return [found[key] for key in wanted]


def install_bodies(report, site=None) -> None:
    """Every Site is a body (core.Body, active unless archived), and the install-wide roles
    (technical administrator, province-wide auditor) have their groups."""
    from wagtail.models import Site

    from .bodies import board_groups, body_of

    for each in [site] if site is not None else Site.objects.all():
        body_of(each)
    if site is None:
        board_groups(None, report)
