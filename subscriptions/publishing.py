"""What was published: a ``PublishedItem`` for each page of a subscription item type the
first time it goes live (Wagtail's ``page_published``, connected per page model: only the
types whose ``subscription_item`` is set, core.BasePage's protocol), and the immediate
e-mails asked for after the commit (a django-tasks task: the worker in production).

Not recorded: a page republished (its item exists), a page whose first publication is
older than a day (an archive imported with its dates is not news), a page behind a view
restriction, a page of an archived body or of no site.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.models import get_page_models
from wagtail.signals import page_published

from congthongtin.core.bodies import is_archive, site_id_of_page

logger = logging.getLogger(__name__)

#: A page whose ``first_published_at`` is older than this when it is published is not new.
FIRST_PUBLICATION_WINDOW = datetime.timedelta(days=1)


def item_models() -> list[type]:
    """The page types subscribers hear of."""
    return [model for model in get_page_models() if getattr(model, "subscription_item", False)]


def connect() -> None:
    for model in item_models():
        page_published.connect(
            record_publication,
            sender=model,
            dispatch_uid=f"subscriptions-published-{model._meta.label_lower}",
        )


def is_public(page) -> bool:
    return not page.get_view_restrictions().exists()


def record_publication(sender, instance, **kwargs):
    page = instance
    now = timezone.now()
    first = page.first_published_at
    if first is not None and first < now - FIRST_PUBLICATION_WINDOW:
        return None
    site_id = site_id_of_page(page)
    if site_id is None or is_archive(site_id) or not is_public(page):
        return None
    return record(page, site_id, now)


def record(page, site_id: int, now=None):
    from .models import PublishedItem, PublishedItemTopic

    if PublishedItem.objects.filter(page_id=page.pk).exists():
        return None
    topics = {}
    for kind, value, label in page.subscription_topics():
        topics.setdefault((kind, str(value)), str(label)[:255])
    with transaction.atomic():
        item = PublishedItem.objects.create(
            site_id=site_id,
            page_id=page.pk,
            title=page.title[:255],
            url=(page.get_full_url() or "")[:500],
            published_at=now or timezone.now(),
        )
        PublishedItemTopic.objects.bulk_create(
            PublishedItemTopic(item=item, kind=kind, value=value[:50], label=label)
            for (kind, value), label in topics.items()
        )
    item_id = item.pk
    transaction.on_commit(lambda: enqueue_immediate(item_id))
    return item


def enqueue_immediate(item_id: int) -> None:
    """Ask the tasks worker for the immediate e-mails of one item; the task only queues
    e-mails in the outbox, which sends them (and retries while the mail server is down)."""
    from .tasks import send_immediate

    try:
        send_immediate.enqueue(item_id)
    except Exception:  # the publication is stored; send_digests --immediate catches up
        logger.exception("Immediate e-mails of published item %s not enqueued", item_id)
