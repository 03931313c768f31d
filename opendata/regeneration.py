"""The two transitions of a stale dataset: ``schedule`` (a publication made it stale) and
``claim`` (the task takes it to regenerate).

A dataset of a site is pending at most once (``PendingRegeneration``, unique per site and
dataset). The first publication that makes it stale records it, due
``OPEN_DATA_REGENERATION_DELAY`` seconds later, and enqueues one task to run then; the
publications before that time find it pending and enqueue nothing. The task claims (deletes)
the pending rows before it reads any content, so a publication committed while it runs
schedules a new regeneration and is never lost. A task delivered twice finds nothing to claim.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from congthongtin.core.conf import app_settings

from .models import PendingRegeneration


def schedule(site_id: int, slugs) -> list[str]:
    """Record ``slugs`` of the site as stale and enqueue the regeneration of those not
    already pending; returns them (empty: every one was already due)."""
    from .tasks import regenerate_open_data

    task = regenerate_open_data
    delay = app_settings.OPEN_DATA_REGENERATION_DELAY
    deferred = delay > 0 and task.get_backend().supports_defer
    now = timezone.now()
    due = now + dt.timedelta(seconds=delay) if deferred else now
    new = []
    for slug in sorted(set(slugs)):
        # get_or_create writes in a savepoint and reads again when another process recorded
        # the row between its read and its write (the unique constraint): created is False.
        _row, created = PendingRegeneration.objects.get_or_create(
            site_id=site_id, dataset=slug, defaults={"requested_at": now, "due_at": due}
        )
        if created:
            new.append(slug)
    if new:
        if deferred:
            task = task.using(run_after=due)
        task.enqueue(site_id, new)
    return new


def claim(site_id: int, slugs) -> list[str]:
    """Take ``slugs`` of the site off the pending list for regeneration; returns those that
    were pending (the others were claimed already: nothing to do)."""
    with transaction.atomic():
        pending = list(
            PendingRegeneration.objects.select_for_update()
            .filter(site_id=site_id, dataset__in=list(slugs))
            .values_list("dataset", flat=True)
        )
        PendingRegeneration.objects.filter(site_id=site_id, dataset__in=pending).delete()
    return sorted(pending)
