"""Background tasks of the e-mail subscriptions (django-tasks: the database backend's worker
in production, docker/compose.yaml ``worker``; in development and tests the immediate backend
runs a task when it is enqueued)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_immediate(item_id: int) -> int:
    """Queue the immediate e-mails of one published item (subscriptions.digests); an item
    deleted since is left alone, and one delivered twice queues nothing twice."""
    from .digests import send_immediate as queue_for
    from .models import PublishedItem

    item = PublishedItem.objects.filter(pk=item_id).first()
    return queue_for(item) if item is not None else 0
