"""Content up to the parent portal (S0 Đ4.2d): who proposes, who decides, and one function
per transition — the only code that changes an ``UpwardProposal``'s state.

    proposed ──accept──▶ accepted (a copy live on the parent's portal, or in its workflow)
       ├─────decline (with a reason, e-mailed to the source's board)──▶ declined
       └─────withdraw (the source's board)──▶ withdrawn

- **propose**: a live page of a body whose ``core.Body`` names a parent (``parent``: a body
  of this install; ``parent_feed_key``: a portal on another install reading this one's
  signed feed, ``editorial.upward_feed``), by a member of that body's board
  (``roles.BOARD``) or a superuser. The same version of a page (its live revision) is
  proposed once to a parent. To a parent of this install, the proposal also becomes a
  ``Contribution`` of channel "upward" in the parent board's inbox, so that the standing
  office sees it with the other items (and the board gets the usual notice).
- **accept**: the parent board's handlers (``inbox.HANDLERS``: standing office, head,
  deputies) or a superuser. A copy is made under the parent's first news index (page
  types through the hook ``UPWARD_COPY_HOOK``; editorial imports no domain app), marked
  "collected", with the source body's name as ``source`` and the source page's address as
  ``source_url``. Accepted by the parent board's head (who approves publication at step 3,
  R-WF-1) or a superuser, the copy is published at once; accepted by the standing office
  or a deputy, it enters the parent's 3-step workflow and appears when the head approves
  it there. Either way nothing the parent's board has not approved is published.
- **decline**: the same people, with a reason; the source's board is e-mailed.
- **withdraw**: the source's board, while the parent has not decided.

Each transition checks the permission, writes Wagtail's log and queues the e-mails
(``core.outbox``) in the caller's transaction.

Page types: a domain app registers, under ``UPWARD_COPY_HOOK``, a function returning dicts
``{"sources": (page classes that may be proposed,), "model": the copy's class,
"parents": (index classes the copy goes under,), "export": export(page) -> dict,
"build": build(parent, proposal, user) -> page}``. ``export`` returns the proposal's
``summary``, ``body_html``, ``author_name`` and ``lead_image`` (an image or None) from a
live page; ``build`` adds the copy under ``parent``, not live, with its first revision,
from the proposal (``source_page`` when it is of this install, else ``body_html``), and
raises ``ValueError`` with a message when it cannot.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import Page, Site

from congthongtin.core import roles
from congthongtin.core.bodies import (
    archive_site_ids,
    body_name,
    body_of,
    holds,
    in_sites,
    site_ids_where,
    site_of_page,
)
from congthongtin.core.outbox import queue_email

from . import inbox
from .models.inbox import Contribution, ContributionChannel, ContributionKind, ContributionStatus
from .models.upward import UpwardProposal, UpwardState

UPWARD_COPY_HOOK = "congthongtin_upward_copy"

#: Who proposes on the source's body.
PROPOSERS = roles.BOARD
#: Who accepts or declines on the parent's body (the inbox's handlers).
DECIDERS = inbox.HANDLERS
#: Whose acceptance publishes the copy at once: the role that approves publication.
PUBLISHERS = [roles.HEAD]


# Page types ------------------------------------------------------------------------------
def copy_entries() -> list[dict]:
    found = []
    for hook in hooks.get_hooks(UPWARD_COPY_HOOK):
        found.extend(hook() or [])
    return found


def entry_for(page) -> dict | None:
    """The registered entry whose ``sources`` include ``page``'s type."""
    model = page.specific_class
    if model is None:
        return None
    return next(
        (e for e in copy_entries() if any(issubclass(model, s) for s in e.get("sources", ()))),
        None,
    )


# Who -------------------------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def parent_of(site):
    """(parent Site on this install or None, parent key on another install or "")."""
    body = body_of(site)
    parent_site = body.parent.site if body.parent_id and not body.parent.is_archive else None
    return parent_site, body.parent_feed_key


def may_propose(user, page) -> bool:
    """A live page of a proposable type, on an active body that has a parent, by that body's
    board (or a superuser)."""
    if not (_active(user) and page is not None and page.live):
        return False
    site = site_of_page(page)
    if site is None or site.pk in archive_site_ids():
        return False
    if not (user.is_superuser or holds(user, PROPOSERS, site)):
        return False
    parent_site, parent_key = parent_of(site)
    if parent_site is None and not parent_key:
        return False
    return entry_for(page) is not None


def may_decide(user, proposal) -> bool:
    """Accept or decline: the parent board's handlers, while the proposal is open."""
    if not (_active(user) and proposal.is_open and proposal.target_site_id):
        return False
    if proposal.target_site_id in archive_site_ids():
        return False
    return user.is_superuser or holds(user, DECIDERS, proposal.target_site_id)


def may_withdraw(user, proposal) -> bool:
    """The source's board, while the parent has not decided (proposals made here only)."""
    if not (_active(user) and proposal.is_open and proposal.source_site_id):
        return False
    return user.is_superuser or holds(user, PROPOSERS, proposal.source_site_id)


def publishes_at_once(user, site) -> bool:
    return user.is_superuser or holds(user, PUBLISHERS, site)


def proposals_of(user):
    """The proposals the bodies where ``user`` sits on the board have made."""
    rows = UpwardProposal.objects.filter(source_site__isnull=False)
    if not _active(user):
        return rows.none()
    site_ids = site_ids_where(user, [*PROPOSERS, *roles.READ_ONLY_ROLES])
    return rows if site_ids is None else rows.filter(source_site_id__in=site_ids)


# E-mails ---------------------------------------------------------------------------------
def _source_addresses(proposal) -> list[str]:
    found = []
    if proposal.source_site_id:
        found.extend(inbox.board_addresses(proposal.source_site))
    if proposal.proposed_by and proposal.proposed_by.email:
        found.append(proposal.proposed_by.email)
    if proposal.source_email:
        found.append(proposal.source_email)
    return list(dict.fromkeys(found))


def _mail_source(proposal, subject: str, template: str, purpose: str) -> None:
    queue_email(
        _source_addresses(proposal),
        subject,
        render_to_string(
            template,
            {"proposal": proposal, "parent": body_name(proposal.target_site)},
        ).strip(),
        purpose=purpose,
        reference=f"upward:{proposal.pk}",
        site=proposal.source_site_id or proposal.target_site_id,
    )


# Transitions -----------------------------------------------------------------------------
def _open_duplicate(source_url: str, version: str, target_site, target_key) -> bool:
    rows = UpwardProposal.objects.filter(
        source_url=source_url,
        source_version=version,
        state__in=[UpwardState.PROPOSED, UpwardState.ACCEPTED],
    )
    if target_site is not None:
        return rows.filter(target_site=target_site).exists()
    return rows.filter(target_key=target_key).exists()


def inbox_item(proposal, *, sender_name: str, address: str) -> Contribution:
    """The item of channel "upward" in the parent board's inbox (receipt notice included)."""
    contribution = Contribution(
        site=proposal.target_site,
        channel=ContributionChannel.UPWARD,
        kind=ContributionKind.NEWS,
        title=proposal.title[:255],
        text=proposal.summary,
        sender_name=(sender_name or proposal.source_name)[:150],
        sender_organisation=proposal.source_name[:255],
        sender_address=(address or proposal.source_name)[:255],
        origin="collected",
        source=proposal.source_name[:500],
    )
    inbox.receive(contribution)
    return contribution


@transaction.atomic
def propose(user, page, note: str = "") -> UpwardProposal:
    """Propose the live ``page`` to its body's parent portal. Raises PermissionDenied, or
    ValidationError when this version of the page is already proposed there."""
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    if not may_propose(user, page):
        raise PermissionDenied
    site = site_of_page(page)
    parent_site, parent_key = parent_of(site)
    version = str(page.live_revision_id or page.latest_revision_id or "")
    url = page.get_full_url() or ""
    target_key = "" if parent_site is not None else parent_key
    if _open_duplicate(url, version, parent_site, target_key):
        raise ValidationError(
            gettext("This version of the item has already been proposed to the parent portal.")
        )
    exported = entry_for(page)["export"](page)
    from congthongtin.core.models import PortalSettings

    portal = PortalSettings.for_site(site)
    proposal = UpwardProposal.objects.create(
        source_site=site,
        source_page=page,
        source_name=body_name(site)[:255],
        source_url=url[:500],
        source_version=version,
        source_email=(portal.editorial_email or portal.email or "")[:254],
        target_site=parent_site,
        target_key=target_key,
        title=page.title[:255],
        summary=exported.get("summary", ""),
        body_html=exported.get("body_html", ""),
        author_name=(exported.get("author_name") or "")[:255],
        lead_image=exported.get("lead_image"),
        lead_image_url=(exported.get("lead_image_url") or "")[:500],
        proposed_by=user,
        proposer_name=(user.get_full_name() or user.get_username())[:255],
        note=(note or "").strip(),
    )
    if parent_site is not None:
        proposal.contribution = inbox_item(
            proposal, sender_name=proposal.proposer_name, address=portal.address
        )
        proposal.save(update_fields=["contribution"])
    log(
        instance=proposal,
        action="editorial.upward_proposed",
        user=user,
        data={
            "site_id": site.pk,
            "page_id": page.pk,
            "target_site_id": parent_site.pk if parent_site else None,
            "target_key": target_key,
        },
    )
    return proposal


def _locked(proposal) -> UpwardProposal:
    return (
        UpwardProposal.objects.select_for_update(of=("self",))
        .select_related("target_site", "source_site", "proposed_by")
        .get(pk=proposal.pk)
    )


def _close_item(proposal, user, status, *, page=None, reason="") -> None:
    if proposal.contribution_id is None:
        return
    contribution = Contribution.objects.select_for_update().get(pk=proposal.contribution_id)
    contribution.status = status
    contribution.handled_by = user
    contribution.handled_at = timezone.now()
    if page is not None:
        contribution.page = page
    if reason:
        contribution.reason = reason
    contribution.save()


def copy_target(proposal):
    """(entry, parent index page) where the copy goes on the parent's portal, or
    (None, None)."""
    site = Site.objects.select_related("root_page").get(pk=proposal.target_site_id)
    for entry in copy_entries():
        for parent_model in entry.get("parents", ()):
            parent = (
                in_sites(
                    parent_model.objects.descendant_of(site.root_page, inclusive=True),
                    [site.pk],
                )
                .order_by("path")
                .first()
            )
            if parent is not None and entry["model"].can_create_at(parent):
                return entry, parent
    return None, None


@transaction.atomic
def accept(user, proposal: UpwardProposal) -> Page:
    """Make the copy on the parent's portal; publish it (the head) or start the parent's
    workflow on it (the standing office, a deputy). Raises PermissionDenied, or
    ValidationError with the reason."""
    proposal = _locked(proposal)
    if not may_decide(user, proposal):
        raise PermissionDenied
    entry, parent = copy_target(proposal)
    if entry is None:
        raise ValidationError(
            gettext("This portal has no news section to publish the item in: add one first.")
        )
    try:
        with transaction.atomic():
            page = entry["build"](parent.specific, proposal, user)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    published = publishes_at_once(user, proposal.target_site_id)
    if published:
        # The head approves publication (step 3, R-WF-1): this acceptance is that approval;
        # the permission tester lets only superusers publish outside the workflow.
        page.get_latest_revision().publish(user=user, skip_permission_checks=True)
    else:
        from congthongtin.core.bodies import body_workflow

        workflow = body_workflow(proposal.target_site_id)
        if workflow is not None:
            workflow.start(page, user)
    proposal.state = UpwardState.ACCEPTED
    proposal.page = page
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    _close_item(proposal, user, ContributionStatus.ACCEPTED, page=page)
    log(
        instance=proposal,
        action="editorial.upward_accepted",
        user=user,
        data={
            "site_id": proposal.target_site_id,
            "page_id": page.pk,
            "published": published,
        },
    )
    _mail_source(
        proposal,
        gettext("Your proposal “%(title)s” has been accepted by %(parent)s")
        % {"title": proposal.title, "parent": body_name(proposal.target_site)},
        "editorial/upward/email/accepted.txt",
        "upward.accepted",
    )
    return page


@transaction.atomic
def decline(user, proposal: UpwardProposal, reason: str) -> UpwardProposal:
    """Decline with a reason, e-mailed to the source's board; nothing is published."""
    proposal = _locked(proposal)
    if not may_decide(user, proposal):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(gettext("Write the reason the proposing board will read."))
    proposal.state = UpwardState.DECLINED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.note = reason
    proposal.save()
    _close_item(proposal, user, ContributionStatus.RETURNED, reason=reason)
    log(
        instance=proposal,
        action="editorial.upward_declined",
        user=user,
        data={"site_id": proposal.target_site_id, "reason": reason},
    )
    _mail_source(
        proposal,
        gettext("Your proposal “%(title)s” has been declined by %(parent)s")
        % {"title": proposal.title, "parent": body_name(proposal.target_site)},
        "editorial/upward/email/declined.txt",
        "upward.declined",
    )
    return proposal


@transaction.atomic
def withdraw(user, proposal: UpwardProposal, *, remote: bool = False) -> UpwardProposal:
    """The source's board takes its proposal back. ``remote``: the source's install said
    so in its signed feed (``user`` None; editorial.upward_feed)."""
    proposal = _locked(proposal)
    if remote:
        if not (proposal.is_open and proposal.remote_key):
            raise PermissionDenied
    elif not may_withdraw(user, proposal):
        raise PermissionDenied
    proposal.state = UpwardState.WITHDRAWN
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save()
    _close_item(
        proposal,
        user,
        ContributionStatus.RETURNED,
        reason=gettext("Withdrawn by the proposing portal."),
    )
    log(
        instance=proposal,
        action="editorial.upward_withdrawn",
        user=user,
        data={"site_id": proposal.source_site_id or proposal.target_site_id},
    )
    return proposal


@transaction.atomic
def receive_remote(target_site, key_id: str, item: dict) -> UpwardProposal | None:
    """A proposal read from another install's signed feed (already verified) into
    ``target_site``'s inbox; None when that version is already here. A withdrawn item
    withdraws the open proposal it names."""
    remote_id = str(item["id"])[:64]
    version = str(item.get("version", ""))[:64]
    found = UpwardProposal.objects.filter(
        remote_key=key_id, remote_id=remote_id, source_version=version
    ).first()
    if item.get("state") == UpwardState.WITHDRAWN:
        if found is not None and found.is_open:
            withdraw(None, found, remote=True)
        return None
    if found is not None:
        return None
    proposal = UpwardProposal.objects.create(
        source_name=str(item["source_name"])[:255],
        source_url=str(item["url"])[:500],
        source_version=version,
        source_email=str(item.get("source_email", ""))[:254],
        target_site=target_site,
        remote_key=key_id,
        remote_id=remote_id,
        title=str(item["title"])[:255],
        summary=str(item.get("summary", "")),
        body_html=str(item.get("body_html", "")),
        author_name=str(item.get("author_name", ""))[:255],
        lead_image_url=str(item.get("lead_image_url", ""))[:500],
        proposer_name=str(item.get("proposed_by", ""))[:255],
        note=str(item.get("note", "")),
    )
    proposal.contribution = inbox_item(
        proposal, sender_name=proposal.proposer_name, address=str(item.get("source_address", ""))
    )
    proposal.save(update_fields=["contribution"])
    log(
        instance=proposal,
        action="editorial.upward_proposed",
        user=None,
        data={"site_id": target_site.pk, "remote_key": key_id, "remote_id": remote_id},
    )
    return proposal
