"""The contributions inbox (S0 Đ5.4, S1 Đ14; R-SUB-1): who reads and handles what, and one
function per transition.

    received ──accept──▶ accepted (a draft page of the right type, step 1 of the workflow)
       │  └──assign──▶ assigned ──accept──▶ accepted
       └──────return_to_sender (with a reason the sender sees)──▶ returned

Each transition checks the permission, changes the row, writes Wagtail's log and queues
the e-mails (``core.outbox``) in the caller's transaction.

Who:

- reads (personal data included): the body's board (standing office, head, deputies,
  editors, secretaries) and its auditors (``READERS``), nobody of another body;
- handles (accepts, assigns, returns): the standing office, the head and the deputies of
  the body (``HANDLERS``); the board member an item is assigned to accepts it too;
- sends from the back office: the body's unit officers and collaborators (``SENDERS``);
- an archived body's inbox is read-only (core.archives).

Page types: editorial imports no domain app. A domain app registers, under the Wagtail
hook ``CONTRIBUTION_TARGETS_HOOK``, a function returning dicts
``{"model": page class, "parents": (index page classes,), "kinds": (contribution kinds
it suits,), "build": build(parent, contribution, user) -> page}``; ``build`` adds the
draft (not live) under ``parent``, owned by ``user``, with its first revision, and raises
``ValueError`` with a message when it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page

from congthongtin.core import roles
from congthongtin.core.bodies import (
    archive_site_ids,
    as_site_id,
    holds,
    in_sites,
    site_ids_where,
)
from congthongtin.core.outbox import queue_email

from .models.inbox import Contribution, ContributionChannel, ContributionFile, ContributionStatus

CONTRIBUTION_TARGETS_HOOK = "congthongtin_contribution_targets"

READERS = [*roles.BOARD, *roles.READ_ONLY_ROLES]
HANDLERS = [roles.STANDING_OFFICE, roles.HEAD, roles.DEPUTY]
SENDERS = [roles.UNIT_OFFICER, roles.COLLABORATOR]

OPEN = (ContributionStatus.RECEIVED, ContributionStatus.ASSIGNED)


# Who -------------------------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def readable(user, queryset=None):
    """The contributions ``user`` may read: those of the bodies where they hold one of
    ``READERS`` (every body for a superuser or the province-wide auditor)."""
    queryset = Contribution.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    site_ids = site_ids_where(user, READERS)
    return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


def may_read_inbox(user) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or holds(user, READERS)


def _writable(site_id) -> bool:
    return site_id not in archive_site_ids()


def may_handle(user, contribution) -> bool:
    """Accept, assign, return: the body's standing office, head and deputies, while the
    item is open and the body active."""
    if not (_active(user) and contribution.is_open and _writable(contribution.site_id)):
        return False
    if contribution.channel == ContributionChannel.UPWARD:
        return False  # accepted or declined as a proposal (editorial.upward)
    return user.is_superuser or holds(user, HANDLERS, contribution.site_id)


def may_accept(user, contribution) -> bool:
    """Handlers, and the board member the item is assigned to."""
    if may_handle(user, contribution):
        return True
    return (
        _active(user)
        and contribution.channel != ContributionChannel.UPWARD
        and contribution.status == ContributionStatus.ASSIGNED
        and contribution.assigned_to_id == user.pk
        and _writable(contribution.site_id)
        and holds(user, roles.BOARD, contribution.site_id)
    )


def sender_site_ids(user) -> set[int] | None:
    """The bodies ``user`` may send to from the back office (None: every body)."""
    if not _active(user):
        return set()
    if user.is_superuser:
        return None
    found = site_ids_where(user, SENDERS)
    if found is None:
        return None
    return {site_id for site_id in found if _writable(site_id)}


def may_send(user) -> bool:
    ids = sender_site_ids(user)
    return ids is None or bool(ids)


def assignees(site) -> list:
    """The board members of ``site`` an item may be handed to, by name."""
    from django.contrib.auth import get_user_model

    from congthongtin.core.models import BoardRole

    groups = BoardRole.objects.filter(site_id=as_site_id(site), role__in=roles.BOARD).values(
        "group"
    )
    users = get_user_model().objects.filter(is_active=True, groups__in=groups).distinct()
    return sorted(users, key=lambda u: (u.get_full_name() or u.get_username()).lower())


# Page types ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A page type an item may become, under one parent section."""

    model: type
    parent: Page
    kinds: tuple[str, ...]
    build: object

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}:{self.parent.pk}"

    @property
    def label(self) -> str:
        return f"{self.model._meta.verbose_name}: {self.parent.title}"


def registered_targets() -> list[dict]:
    found = []
    for hook in hooks.get_hooks(CONTRIBUTION_TARGETS_HOOK):
        found.extend(hook() or [])
    return found


def targets_for(user, contribution) -> list[Target]:
    """Every (page type, parent section) of the item's body under which ``user`` may add
    that page type; those suiting the item's kind first."""
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").get(pk=contribution.site_id)
    result = []
    for entry in registered_targets():
        model = entry["model"]
        for parent_model in entry.get("parents", ()):
            parents = in_sites(
                parent_model.objects.descendant_of(site.root_page, inclusive=True).order_by("path"),
                [site.pk],
            )
            for parent in parents:
                if not model.can_create_at(parent):
                    continue
                if not parent.permissions_for_user(user).can_add_subpage():
                    continue
                result.append(Target(model, parent, tuple(entry.get("kinds", ())), entry["build"]))
    result.sort(key=lambda t: (contribution.kind not in t.kinds, t.parent.path))
    return result


# E-mails ---------------------------------------------------------------------------------
def _render(template: str, contribution, **context) -> str:
    from congthongtin.core.models import PortalSettings

    portal = PortalSettings.for_site(contribution.site)
    return render_to_string(
        template, {"contribution": contribution, "portal": portal, **context}
    ).strip()


def _mail_sender(contribution, subject: str, template: str, purpose: str, **context) -> None:
    if contribution.sender_email:
        queue_email(
            [contribution.sender_email],
            subject,
            _render(template, contribution, **context),
            purpose=purpose,
            reference=f"contribution:{contribution.pk}",
            site=contribution.site_id,
        )


def board_addresses(site) -> list[str]:
    """The board's address (PortalSettings) and the body's standing office members'."""
    from django.contrib.auth import get_user_model

    from congthongtin.core.models import BoardRole, PortalSettings

    portal = PortalSettings.for_site(site)
    groups = BoardRole.objects.filter(site_id=as_site_id(site), role=roles.STANDING_OFFICE).values(
        "group"
    )
    office = (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    found = [portal.editorial_email or portal.email, *office]
    return list(dict.fromkeys(address for address in found if address))


# Transitions -----------------------------------------------------------------------------
@transaction.atomic
def receive(contribution: Contribution, files=(), *, user=None, lookup_url: str = "") -> None:
    """Store a new item and its files (``(uploaded file, kind)``; already checked), send
    the sender a receipt and the board a notice. ``user``: the officer sending from the
    back office (None: the public form)."""
    if user is not None:
        if not may_send(user):
            raise PermissionDenied
        allowed = sender_site_ids(user)
        if allowed is not None and contribution.site_id not in allowed:
            raise PermissionDenied
    if not _writable(contribution.site_id):
        raise PermissionDenied
    contribution.status = ContributionStatus.RECEIVED
    contribution.received_at = timezone.now()
    contribution.sender_user = user if user is not None else contribution.sender_user
    contribution.save()
    for uploaded, kind in files:
        stored = ContributionFile(
            contribution=contribution,
            original_name=(getattr(uploaded, "name", "") or "tep")[:255],
            kind=kind,
            size=uploaded.size,
        )
        stored.file.save(uploaded.name or "tep", uploaded, save=False)
        stored.save()
    log(
        instance=contribution,
        action="editorial.contribution_received",
        user=user,
        data={"site_id": contribution.site_id, "files": len(files)},
    )
    _mail_sender(
        contribution,
        gettext("Your item %(code)s has been received") % {"code": contribution.code},
        "editorial/inbox/email/received.txt",
        "contribution.receipt",
        lookup_url=lookup_url,
    )
    queue_email(
        board_addresses(contribution.site),
        gettext("New item for the board %(code)s: %(title)s")
        % {"code": contribution.code, "title": contribution.title},
        _render("editorial/inbox/email/new_for_board.txt", contribution),
        purpose="contribution.new",
        reference=f"contribution:{contribution.pk}",
        site=contribution.site_id,
    )


def _locked(contribution) -> Contribution:
    """The row again, locked: two officers clicking at once do not both handle it."""
    return Contribution.objects.select_for_update().get(pk=contribution.pk)


@transaction.atomic
def accept(user, contribution: Contribution, page_type: str, parent) -> Page:
    """Make the item a draft page of ``page_type`` (a model label, "news.newspage") under
    ``parent``, owned by ``user``, not live, ready for step 1; mark the item accepted and
    tell the sender. Raises PermissionDenied, or ValidationError with the reason."""
    contribution = _locked(contribution)
    if not may_accept(user, contribution):
        raise PermissionDenied
    target = next(
        (
            t
            for t in targets_for(user, contribution)
            if t.model._meta.label_lower == page_type and t.parent.pk == parent.pk
        ),
        None,
    )
    if target is None:
        raise ValidationError(gettext("Choose a section of this body where you may add pages."))
    try:
        with transaction.atomic():
            page = target.build(target.parent.specific, contribution, user)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    contribution.status = ContributionStatus.ACCEPTED
    contribution.page = page
    contribution.handled_by = user
    contribution.handled_at = timezone.now()
    contribution.save()
    log(
        instance=contribution,
        action="editorial.contribution_accepted",
        user=user,
        data={"site_id": contribution.site_id, "page_id": page.pk, "page_type": page_type},
    )
    _mail_sender(
        contribution,
        gettext("Your item %(code)s has been accepted") % {"code": contribution.code},
        "editorial/inbox/email/accepted.txt",
        "contribution.accepted",
    )
    return page


@transaction.atomic
def assign(user, contribution: Contribution, editor, note: str = "") -> Contribution:
    """Hand the item to ``editor``, a member of the body's board, with a note; the editor
    gets an e-mail."""
    contribution = _locked(contribution)
    if not may_handle(user, contribution):
        raise PermissionDenied
    if editor is None or not (
        editor.is_active and holds(editor, roles.BOARD, contribution.site_id)
    ):
        raise ValidationError(gettext("Choose a member of this body's editorial board."))
    contribution.status = ContributionStatus.ASSIGNED
    contribution.assigned_to = editor
    contribution.assignment_note = note
    contribution.handled_by = user
    contribution.handled_at = timezone.now()
    contribution.save()
    log(
        instance=contribution,
        action="editorial.contribution_assigned",
        user=user,
        data={"site_id": contribution.site_id, "assignee": editor.pk, "note": note},
    )
    if editor.email:
        queue_email(
            [editor.email],
            gettext("An item for you to handle: %(code)s – %(title)s")
            % {"code": contribution.code, "title": contribution.title},
            _render(
                "editorial/inbox/email/assigned.txt",
                contribution,
                assignee=editor,
                assigner=user,
                note=note,
            ),
            purpose="contribution.assigned",
            reference=f"contribution:{contribution.pk}",
            site=contribution.site_id,
        )
    return contribution


@transaction.atomic
def return_to_sender(user, contribution: Contribution, reason: str) -> Contribution:
    """Return the item with a reason the sender reads (status look-up and e-mail)."""
    contribution = _locked(contribution)
    if not may_handle(user, contribution):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(gettext("Write the reason the sender will read."))
    contribution.status = ContributionStatus.RETURNED
    contribution.reason = reason
    contribution.handled_by = user
    contribution.handled_at = timezone.now()
    contribution.save()
    log(
        instance=contribution,
        action="editorial.contribution_returned",
        user=user,
        data={"site_id": contribution.site_id, "reason": reason},
    )
    _mail_sender(
        contribution,
        gettext("Your item %(code)s has been returned") % {"code": contribution.code},
        "editorial/inbox/email/returned.txt",
        "contribution.returned",
    )
    return contribution


def count_new(user) -> int:
    """Items waiting for the user's action: received ones of the bodies they handle."""
    if not _active(user):
        return 0
    site_ids = site_ids_where(user, HANDLERS)
    rows = Contribution.objects.filter(status=ContributionStatus.RECEIVED)
    if site_ids is not None:
        rows = rows.filter(site_id__in=site_ids)
    return rows.count()
