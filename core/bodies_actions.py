"""What the province's IT team does to a body (R-SITE-1), one function per change: create
it, archive it (a dissolved unit: read-only, with the body that took over its work), make
it active again. Each checks who may make the change and what it leaves behind, and writes
one entry in Wagtail's log naming the body; the admin screens (core.bodies_viewsets) and
anything else call these, never ``Body.save`` themselves.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Site

from .bodies import body_name, create_body, validate_successor
from .models import Body, BodyStatus

CREATED = "core.body_created"
ARCHIVED = "core.body_archived"
REACTIVATED = "core.body_reactivated"
PARENT_SET = "core.body_parent_set"


def register_log_actions(actions) -> None:
    """For the ``register_log_actions`` hook (core.wagtail_hooks)."""
    actions.register_action(CREATED, gettext_lazy("Create body"), gettext_lazy("Body created"))
    actions.register_action(ARCHIVED, gettext_lazy("Archive body"), gettext_lazy("Body archived"))
    actions.register_action(
        REACTIVATED, gettext_lazy("Reactivate body"), gettext_lazy("Body made active again")
    )
    actions.register_action(
        PARENT_SET, gettext_lazy("Set parent portal"), gettext_lazy("Parent portal set")
    )


def _require(actor, codename: str) -> None:
    if not actor.has_perm(f"core.{codename}"):
        raise PermissionDenied


def _log_data(body: Body) -> dict:
    site = body.site
    successor = body.successor
    return {
        "body": str(body),
        "site_id": site.pk,
        "hostname": site.hostname,
        "port": site.port,
        "status": body.status,
        "successor_id": successor.pk if successor else None,
        "successor": body_name(successor) if successor else "",
    }


@transaction.atomic
def create_body_by(
    actor,
    *,
    name: str,
    hostname: str,
    port: int = 80,
    administrative_level: str | None = None,
    status: str = BodyStatus.ACTIVE,
    successor: Site | None = None,
) -> Body:
    """A new body with its home page, site, settings and board (core.bodies.create_body)."""
    _require(actor, "add_body")
    body = create_body(
        name=name,
        hostname=hostname,
        port=port,
        administrative_level=administrative_level,
        status=status,
        successor=successor,
    )
    log(instance=body, action=CREATED, user=actor, data=_log_data(body))
    return body


def cancel_moderation(actor, site: Site) -> int:
    """Cancel what is in moderation in the body's workflow (its pages, its answers): an
    archive takes no workflow action, so nothing may be left waiting. Returns how many."""
    from wagtail.models import WorkflowState

    states = WorkflowState.objects.active().filter(
        workflow__workflow_pages__page_id=site.root_page_id
    )
    count = 0
    for state in states:
        state.cancel(user=actor)
        count += 1
    return count


@transaction.atomic
def archive_body(actor, body: Body, successor: Site) -> Body:
    """``body`` becomes the read-only archive of a dissolved unit, ``successor`` the body
    that took over its work; what was in moderation there is cancelled. An archive
    already: only its successor changes (its archiving date stays)."""
    _require(actor, "change_body")
    body = Body.objects.select_for_update().select_related("site").get(pk=body.pk)
    validate_successor(body.site, successor)
    predecessors = Body.objects.filter(successor=body.site, status=BodyStatus.ARCHIVE)
    if body.status != BodyStatus.ARCHIVE and predecessors.exists():
        names = ", ".join(str(each) for each in predecessors.select_related("site"))
        raise ValidationError(
            {
                "status": _(
                    "This body is the successor of the archives %(names)s: give them another "
                    "successor first."
                )
                % {"names": names}
            }
        )
    if body.status == BodyStatus.ARCHIVE and body.successor_id == successor.pk:
        return body  # nothing changes
    if body.status != BodyStatus.ARCHIVE:
        body.archived_at = timezone.now()
        cancel_moderation(actor, body.site)
    body.status = BodyStatus.ARCHIVE
    body.successor = successor
    body.save(update_fields=["status", "successor", "archived_at"])
    log(instance=body, action=ARCHIVED, user=actor, data=_log_data(body))
    return body


@transaction.atomic
def reactivate_body(actor, body: Body) -> Body:
    """An archive becomes an active body again (archived by mistake): no successor, no
    archiving date."""
    _require(actor, "change_body")
    body = Body.objects.select_for_update().select_related("site").get(pk=body.pk)
    if body.status == BodyStatus.ACTIVE:
        return body
    body.status = BodyStatus.ACTIVE
    body.successor = None
    body.archived_at = None
    body.save(update_fields=["status", "successor", "archived_at"])
    log(instance=body, action=REACTIVATED, user=actor, data=_log_data(body))
    return body


@transaction.atomic
def set_parent(actor, body: Body, parent: Body | None, feed_key: str = "") -> Body:
    """The portal ``body``'s board proposes its items to (S0 Đ4.2d; editorial.upward): a
    body of this install (``parent``) or, on another install, the key id that install reads
    this one's signed feed with (``feed_key``). A superuser's decision only: it says which
    board may publish in whose name."""
    if not (actor.is_active and actor.is_superuser):
        raise PermissionDenied
    body = Body.objects.select_for_update().select_related("site").get(pk=body.pk)
    feed_key = (feed_key or "").strip().lower()
    if parent is not None:
        if parent.pk == body.pk:
            raise ValidationError({"parent": _("A body cannot be its own parent portal.")})
        if parent.is_archive:
            raise ValidationError({"parent": _("The parent portal must be an active body.")})
        above = parent
        for _step in range(50):
            above = above.parent
            if above is None:
                break
            if above.pk == body.pk:
                raise ValidationError(
                    {"parent": _("This body is above the chosen parent: no loop is allowed.")}
                )
    if parent is not None and feed_key:
        raise ValidationError(
            {"parent_feed_key": _("Choose a parent of this install or a key, not both.")}
        )
    if feed_key and not re.match(r"^[a-z0-9][a-z0-9-]{0,39}$", feed_key):
        raise ValidationError(
            {"parent_feed_key": _("A key id has letters a-z, digits and hyphens only.")}
        )
    if body.parent_id == (parent.pk if parent else None) and body.parent_feed_key == feed_key:
        return body
    body.parent = parent
    body.parent_feed_key = feed_key
    body.save(update_fields=["parent", "parent_feed_key"])
    data = _log_data(body)
    data.update({"parent": str(parent) if parent else "", "parent_feed_key": feed_key})
    log(instance=body, action=PARENT_SET, user=actor, data=data)
    return body
