"""The e-mail subscriptions in the admin, per body (issue 23 §5).

The board, the auditors and the technical administrator see how many subscribe, how often
and to what; only the technical administrator (core.subscriptions.reads_subscriber_addresses)
sees the addresses, and removes one when its owner asks (the right to erasure). A body the
user does not read is not found (404), as the other back-office screens do.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congthongtin.core import roles
from congthongtin.core.bodies import bodies_where, body_picker, chosen_body, site_ids_where
from congthongtin.core.listing import paginate
from congthongtin.core.subscriptions import reads_subscriber_addresses

from .models import Frequency, Subscription, SubscriptionTopic, TopicKind

BODY_PARAM = "co-quan"
#: Who reads a body's counts.
READERS = [*roles.BOARD, roles.AUDITOR, roles.TECH_ADMIN, roles.PROVINCE_AUDITOR]


def readable_site_ids(user) -> set[int] | None:
    if not (user.is_authenticated and user.is_active):
        return set()
    return site_ids_where(user, READERS)


def _active():
    return Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


@require_GET
def index(request):
    sites = list(bodies_where(request.user, READERS))
    site = chosen_body(request, sites, BODY_PARAM)
    subscriptions = Subscription.objects.filter(site=site)
    counts = subscriptions.aggregate(
        active=Count("pk", filter=_active()),
        waiting=Count("pk", filter=Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True)),
        left=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    by_frequency = [
        (label, subscriptions.filter(_active(), frequency=value).count())
        for value, label in Frequency.choices
    ]
    kinds = dict(TopicKind.choices)
    topics = [
        {"kind": kinds.get(row["kind"], row["kind"]), "label": row["label"], "count": row["n"]}
        for row in SubscriptionTopic.objects.filter(
            subscription__site=site,
            subscription__confirmed_at__isnull=False,
            subscription__unsubscribed_at__isnull=True,
        )
        .values("kind", "value", "label")
        .annotate(n=Count("subscription", distinct=True))
        .order_by("kind", "-n", "label")
    ]
    addresses = reads_subscriber_addresses(request.user)
    context = {
        **body_picker(site, sites, BODY_PARAM),
        "counts": counts,
        "by_frequency": by_frequency,
        "topics": topics,
        "reads_addresses": addresses,
    }
    if addresses:
        context["page_obj"] = paginate(
            request, subscriptions.order_by("email").prefetch_related("topics"), 50
        )
    return TemplateResponse(request, "subscriptions/admin/index.html", context)


@require_POST
def remove(request, pk):
    """Delete one subscription, with its topics and its digests' records (the owner asked
    for their data to be erased): the technical administrator's only."""
    if not reads_subscriber_addresses(request.user):
        raise PermissionDenied
    subscription = get_object_or_404(Subscription, pk=pk)
    ids = readable_site_ids(request.user)
    if ids is not None and subscription.site_id not in ids:
        raise Http404
    site_id = subscription.site_id
    subscription.delete()
    messages.success(request, _("The subscription and its topics were deleted."))
    return redirect(reverse("subscriptions_admin:index") + "?" + urlencode({BODY_PARAM: site_id}))
