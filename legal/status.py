"""Effect status that follows the relations (R-LEGAL-1, R-SLA-2).

A document that another document replaces or repeals stops being in force on the newer
document's effective date; a document "not yet in force" becomes in force on its own
effective date. ``apply_relation_status`` finds every such change due by ``today`` and
applies it. A live page changes through a new revision that is published, so the public
page, the revision history and the audit log (action ``legal.status_change``) agree; an
editor's unpublished draft of that page is kept, with the new status, on top.

A scheduled task will call this daily once django-tasks is wired in; until then the
``update_legal_status`` command does (cron).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import (
    ENDING_RELATIONS,
    STATUS_RANK,
    EffectStatus,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)

logger = logging.getLogger(__name__)

STATUS_CHANGE_ACTION = "legal.status_change"


@dataclass
class StatusChange:
    page_id: int
    document: str  # "Nghị định 42/2022/NĐ-CP"
    old_status: str
    new_status: str
    date: datetime.date | None  # when the change took effect
    cause_id: int | None = None  # the newer document's page
    cause: str = ""
    relation_type: str = ""
    note: str = ""
    applied: bool = False
    error: str = ""

    def as_dict(self) -> dict:
        return {
            "page_id": self.page_id,
            "document": self.document,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "date": self.date.isoformat() if self.date else None,
            "cause_id": self.cause_id,
            "cause": self.cause,
            "relation_type": self.relation_type,
        }


def _note(relation: LegalDocumentRelation) -> str:
    newer = relation.page
    date = newer.effective_date.strftime("%d/%m/%Y") if newer.effective_date else ""
    if relation.relation_type == RelationType.REPLACES:
        text = (
            _("Replaced by %(document)s from %(date)s")
            if not relation.partial
            else _("Partly replaced by %(document)s from %(date)s")
        )
    else:
        text = (
            _("Repealed by %(document)s from %(date)s")
            if not relation.partial
            else _("Partly repealed by %(document)s from %(date)s")
        )
    return text % {"document": newer.display_name, "date": date}


def pending_changes(today: datetime.date) -> list[StatusChange]:
    """Every change due by ``today``, one per document (the strongest cause wins)."""
    changes: dict[int, StatusChange] = {}
    relations = (
        LegalDocumentRelation.objects.filter(
            relation_type__in=ENDING_RELATIONS,
            page__live=True,
            page__effective_date__lte=today,
        )
        .select_related("page__document_type", "target__document_type")
        .order_by("page__effective_date", "pk")
    )
    for relation in relations:
        target = relation.target
        wanted = EffectStatus.PARTLY_EXPIRED if relation.partial else EffectStatus.EXPIRED
        current = changes[target.pk].new_status if target.pk in changes else target.effect_status
        if STATUS_RANK.get(wanted, 0) <= STATUS_RANK.get(current, 0):
            continue
        changes[target.pk] = StatusChange(
            page_id=target.pk,
            document=target.display_name,
            old_status=target.effect_status,
            new_status=wanted,
            date=relation.page.effective_date,
            cause_id=relation.page_id,
            cause=relation.page.display_name,
            relation_type=relation.relation_type,
            note=_note(relation),
        )
    starting = LegalDocumentPage.objects.filter(
        effect_status=EffectStatus.NOT_YET, effective_date__lte=today
    ).select_related("document_type")
    for page in starting:
        if page.pk not in changes:
            changes[page.pk] = StatusChange(
                page_id=page.pk,
                document=page.display_name,
                old_status=page.effect_status,
                new_status=EffectStatus.IN_FORCE,
                date=page.effective_date,
                note="",
            )
    return sorted(changes.values(), key=lambda c: (c.date or datetime.date.min, c.page_id))


def _set(page: LegalDocumentPage, change: StatusChange) -> None:
    page.effect_status = change.new_status
    if change.new_status == EffectStatus.EXPIRED and not page.expiry_date and change.date:
        page.expiry_date = change.date
    if change.note:
        page.status_note = change.note


def apply_change(change: StatusChange, user=None) -> None:
    """Apply one change through Wagtail's revisions, and log it."""
    with transaction.atomic():
        page = LegalDocumentPage.objects.select_for_update().get(pk=change.page_id)
        draft = None
        if page.has_unpublished_changes and page.latest_revision_id:
            draft = page.get_latest_revision_as_object()
        if page.live:
            _set(page, change)
            revision = page.save_revision(user=user, clean=False, log_action=False)
            revision.publish(user=user, log_action=True, skip_permission_checks=True)
        else:
            target = draft or page
            _set(target, change)
            revision = target.save_revision(user=user, clean=False, log_action=False)
            draft = None
            # The row also holds the status, so listings of drafts in the admin agree.
            LegalDocumentPage.objects.filter(pk=page.pk).update(
                effect_status=target.effect_status,
                expiry_date=target.expiry_date,
                status_note=target.status_note,
            )
        log(
            instance=page,
            action=STATUS_CHANGE_ACTION,
            user=user,
            revision=revision,
            data=change.as_dict(),
            content_changed=True,
        )
        if draft is not None:
            # Keep the editor's unpublished work as the latest draft, with the new status.
            _set(draft, change)
            draft.save_revision(user=None, clean=False, log_action=False)
    change.applied = True


def apply_relation_status(
    today: datetime.date | None = None, *, dry_run: bool = False, user=None
) -> list[StatusChange]:
    """Find and (unless ``dry_run``) apply every status change due by ``today``."""
    today = today or timezone.localdate()
    changes = pending_changes(today)
    if dry_run:
        return changes
    for change in changes:
        try:
            apply_change(change, user=user)
        except Exception as error:  # one bad page must not stop the others
            logger.exception("Status change failed for page %s", change.page_id)
            change.error = str(error)
    return changes
