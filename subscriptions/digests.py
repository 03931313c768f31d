"""Digests and immediate e-mails, queued in the stored outbox (core.outbox).

``send_digest(subscription, start, end)`` lists the items of the subscriber's body published
in ``[start, end)`` (and after the subscription was confirmed) that match any of its topics,
each once, and queues one e-mail; the ``DigestSent`` row is written in the same transaction,
and its unique constraint refuses a second one, so a digest goes once however often (and
however concurrently) ``send_digests`` runs. Immediate e-mails are one per item and
subscriber, to the same rule. Every e-mail carries the subscriber's one-click unsubscription
(the link in its text, ``List-Unsubscribe`` and ``List-Unsubscribe-Post``).

Periods are calendar days and weeks (Monday to Monday) of the portal's time zone.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from congthongtin.core import subscriptions as machinery
from congthongtin.core.models import PortalSettings
from congthongtin.core.outbox import queue_email

from .models import (
    DigestSent,
    Frequency,
    PublishedItem,
    Subscription,
    SubscriptionPage,
)

logger = logging.getLogger(__name__)

PURPOSE_CONFIRM = "subscription.confirm"
PURPOSE_DIGEST = "subscription.digest"
PURPOSE_IMMEDIATE = "subscription.immediate"


# Periods ---------------------------------------------------------------------------------
def day_period(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    return start, end


def week_period(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The week (Monday 00:00 to the next Monday) that holds ``day``."""
    monday = day - datetime.timedelta(days=day.weekday())
    start, _end = day_period(monday)
    end, _ = day_period(monday + datetime.timedelta(days=7))
    return start, end


def last_complete_period(frequency: str, now=None):
    """The last day (daily) or week (weekly) that has ended by ``now``."""
    today = timezone.localdate(now or timezone.now())
    if frequency == Frequency.WEEKLY:
        return week_period(today - datetime.timedelta(days=7))
    return day_period(today - datetime.timedelta(days=1))


# Matching --------------------------------------------------------------------------------
def matching_items(subscription, start, end):
    """Items of the subscriber's body published in ``[start, end)`` that match one of its
    topics, once each, oldest first."""
    keys = subscription.topic_keys()
    if not keys:
        return PublishedItem.objects.none()
    match = Q()
    for kind, value in keys:
        match |= Q(topics__kind=kind, topics__value=value)
    ids = (
        PublishedItem.objects.filter(site_id=subscription.site_id)
        .filter(published_at__gte=start, published_at__lt=end)
        .filter(match)
        .values("pk")
    )
    return PublishedItem.objects.filter(pk__in=ids).order_by("published_at", "pk")


def subscription_page(site_id: int):
    return (
        SubscriptionPage.objects.live()
        .filter(path__startswith=_root_path(site_id))
        .order_by("path")
        .first()
    )


def _root_path(site_id: int) -> str:
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").get(pk=site_id)
    return site.root_page.path


def unsubscribe_url(subscription) -> str:
    """The one-click address (``subscriptions:unsubscribe``: GET shows a button, POST
    unsubscribes, without CSRF, RFC 8058)."""
    try:
        path = reverse("subscriptions:unsubscribe", args=[subscription.token])
    except NoReverseMatch:  # a host without the app's URLs: the page's own route
        page = subscription_page(subscription.site_id)
        return page.link("unsubscribe", subscription.token) if page else ""
    return subscription.site.root_url + path


def links(subscription) -> dict:
    page = subscription_page(subscription.site_id)
    return {
        "unsubscribe_url": unsubscribe_url(subscription),
        "manage_url": page.link("manage", subscription.token) if page else "",
        "confirm_url": page.link("confirm", subscription.token) if page else "",
    }


def headers(subscription) -> dict[str, str]:
    portal = PortalSettings.for_site(subscription.site)
    mailto = portal.editorial_email or portal.email or ""
    return machinery.list_unsubscribe_headers(unsubscribe_url(subscription), mailto)


def _portal_name(site) -> str:
    return PortalSettings.for_site(site).name or site.site_name or site.hostname


# E-mails ---------------------------------------------------------------------------------
def queue_confirmation(subscription):
    """The double opt-in's e-mail: the confirmation link (nothing else is sent before)."""
    site = subscription.site
    with translation.override("vi"):
        context = {
            **links(subscription),
            "portal": _portal_name(site),
            "subscription": subscription,
            "topics": list(subscription.topics.all()),
        }
        subject = gettext("Confirm your subscription to the news of %(portal)s") % {
            "portal": context["portal"]
        }
        body = render_to_string("subscriptions/email/confirm.txt", context)
    return queue_email(
        [subscription.email],
        subject,
        body,
        purpose=PURPOSE_CONFIRM,
        reference=f"subscription:{subscription.pk}",
        site=site,
        headers=headers(subscription),
    )


def _queue_list(subscription, items, purpose, subject, start=None, end=None):
    site = subscription.site
    with translation.override("vi"):
        context = {
            **links(subscription),
            "portal": _portal_name(site),
            "items": items,
            "start": start,
            "end_day": timezone.localtime(end - datetime.timedelta(seconds=1)).date()
            if end
            else None,
            "frequency": subscription.frequency,
        }
        body = render_to_string("subscriptions/email/digest.txt", context)
    return queue_email(
        [subscription.email],
        subject,
        body,
        purpose=purpose,
        reference=f"subscription:{subscription.pk}",
        site=site,
        headers=headers(subscription),
    )


def send_digest(subscription, start, end) -> int:
    """Queue the subscriber's digest of ``[start, end)``: the number of items it lists (0:
    nothing new, no e-mail; -1: already sent, or not an active subscriber)."""
    if not subscription.is_active or subscription.confirmed_at >= end:
        return -1
    items = list(matching_items(subscription, max(start, subscription.confirmed_at), end))
    try:
        with transaction.atomic():
            sent = DigestSent.objects.create(
                subscription=subscription,
                period_start=start,
                period_end=end,
                items=len(items),
            )
            if items:
                with translation.override("vi"):
                    subject = ngettext(
                        "%(portal)s: %(count)s new item",
                        "%(portal)s: %(count)s new items",
                        len(items),
                    ) % {"portal": _portal_name(subscription.site), "count": len(items)}
                sent.email = _queue_list(
                    subscription, items, PURPOSE_DIGEST, subject, start=start, end=end
                )
                sent.save(update_fields=["email"])
    except IntegrityError:
        return -1
    return len(items)


def send_digests(frequency: str, now=None, period=None) -> dict:
    """Every active subscriber of ``frequency``'s digest of the last complete period (or
    ``period``): counts of e-mails queued, already sent and empty."""
    start, end = period or last_complete_period(frequency, now)
    subscriptions = Subscription.objects.filter(
        frequency=frequency, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).filter(confirmed_at__lt=end)
    done = Exists(
        DigestSent.objects.filter(
            subscription=OuterRef("pk"), period_start=start, period_end=end, item__isnull=True
        )
    )
    # Those already sent are counted, not tried again (the hourly run stays cheap); the
    # unique constraint still refuses a digest that a concurrent run has just queued.
    counts = {"sent": 0, "skipped": subscriptions.filter(done).count(), "empty": 0}
    pending = (
        subscriptions.filter(~done).select_related("site").prefetch_related("topics").order_by("pk")
    )
    for subscription in pending:
        listed = send_digest(subscription, start, end)
        counts["skipped" if listed < 0 else "sent" if listed else "empty"] += 1
    return counts


def send_immediate(item) -> int:
    """The e-mails of one item to the immediate subscribers of its body whose topics it
    matches, each once: the number queued."""
    keys = set(item.topics.values_list("kind", "value"))
    if not keys:
        return 0
    match = Q()
    for kind, value in keys:
        match |= Q(topics__kind=kind, topics__value=value)
    candidates = (
        Subscription.objects.filter(
            site_id=item.site_id,
            frequency=Frequency.IMMEDIATE,
            confirmed_at__isnull=False,
            confirmed_at__lte=item.published_at,
            unsubscribed_at__isnull=True,
        )
        .filter(match)
        .distinct()
        .select_related("site")
        .order_by("pk")
    )
    queued = 0
    for subscription in candidates:
        try:
            with transaction.atomic():
                sent = DigestSent.objects.create(
                    subscription=subscription,
                    period_start=item.published_at,
                    period_end=item.published_at,
                    item=item,
                    items=1,
                )
                with translation.override("vi"):
                    subject = gettext("%(portal)s: %(title)s") % {
                        "portal": _portal_name(subscription.site),
                        "title": item.title,
                    }
                sent.email = _queue_list(subscription, [item], PURPOSE_IMMEDIATE, subject)
                sent.save(update_fields=["email"])
        except IntegrityError:
            continue
        queued += 1
    return queued


def catch_up_immediate(now=None, within=datetime.timedelta(days=1)) -> int:
    """Immediate e-mails of the last day's items that no task queued (a task lost while
    the worker was down): the constraint keeps those already queued from going twice."""
    since = (now or timezone.now()) - within
    return sum(
        send_immediate(item) for item in PublishedItem.objects.filter(published_at__gte=since)
    )


def purge_unconfirmed(now=None) -> int:
    """Delete the subscriptions never confirmed within core.subscriptions.UNCONFIRMED_DAYS."""
    expired = machinery.unconfirmed_expired(Subscription.objects.all(), now)
    count = expired.count()
    expired.delete()
    return count
