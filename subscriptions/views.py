"""Public views of the e-mail subscriptions: the form (double opt-in), the confirmation, the
unsubscription (a button on GET; the RFC 8058 one-click POST at ``subscriptions:unsubscribe``,
without login or CSRF) and the subscriber's own page, reached by the token of their links.

Whatever the state of an address, the form gives the same answer: nobody learns who is
subscribed. Pages with a token are never cached nor indexed.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from congthongtin.core import antispam
from congthongtin.core import subscriptions as machinery
from congthongtin.core.bodies import page_is_archived, site_id_of_page

from . import digests
from .forms import TOPIC_FIELDS, ManageForm, SubscriptionForm
from .models import Subscription, SubscriptionTopic
from .topics import topic_choices

SCOPE = "subscription"
FORM_TEMPLATE = "subscriptions/subscription_page.html"
ACTION_TEMPLATE = "subscriptions/action.html"
MANAGE_TEMPLATE = "subscriptions/manage.html"


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render(request, page, template, status=200, **context):
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return _private(response)


def _site(page) -> Site:
    return Site.objects.get(pk=site_id_of_page(page))


def replace_topics(subscription, topics) -> None:
    subscription.topics.all().delete()
    SubscriptionTopic.objects.bulk_create(
        SubscriptionTopic(subscription=subscription, kind=kind, value=value, label=label[:255])
        for kind, value, label in dict.fromkeys(topics)
    )


# The form ----------------------------------------------------------------------------------
def subscribe(request, page):
    archived = page_is_archived(page)
    site = _site(page)
    choices = topic_choices(site)
    if request.method != "POST" or archived:
        form = None if archived else SubscriptionForm(choices=choices)
        sent = request.GET.get("da_gui") == "1"
        return _render(request, page, FORM_TEMPLATE, form=form, archived=archived, sent=sent)
    form = SubscriptionForm(request.POST, choices=choices)
    if antispam.check_rate_limit(request, SCOPE):
        form.is_valid()
        form.prepare_retry()
        limited = antispam.RATE_LIMITED_MESSAGE
        return _render(request, page, FORM_TEMPLATE, status=429, form=form, rate_limited=limited)
    if not form.is_valid():
        form.prepare_retry()
        return _render(request, page, FORM_TEMPLATE, form=form)
    done = page.url + "?da_gui=1"
    first, earlier = form.claim_challenge()
    if not first:
        return HttpResponseRedirect(earlier or done)
    email = form.cleaned_data["email"].strip().lower()
    with form.storing(), transaction.atomic():
        now = timezone.now()
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            site=site, email=email, defaults={"consent_at": now}
        )
        # An active subscriber's choices change only through their own links: whoever
        # types their address here changes nothing, and learns nothing.
        if machinery.renew_consent(subscription, now):
            subscription.frequency = form.cleaned_data["frequency"]
            subscription.save()
            replace_topics(subscription, form.chosen_topics())
            digests.queue_confirmation(subscription)
    antispam.remember_submission(request, SCOPE)
    form.record_result(done)
    return HttpResponseRedirect(done)


# The subscriber's links --------------------------------------------------------------------
def _subscription(page, token) -> Subscription:
    subscription = (
        Subscription.objects.filter(site_id=site_id_of_page(page), token=token)
        .prefetch_related("topics")
        .first()
    )
    if subscription is None:
        raise Http404
    return subscription


def confirm(request, page, token):
    """GET: the button (a mail scanner following the link confirms nothing); POST: done."""
    subscription = _subscription(page, token)
    archived = page_is_archived(page)
    done = False
    if request.method == "POST" and not archived:
        done = machinery.confirm(subscription) or subscription.is_active
    return _render(
        request,
        page,
        ACTION_TEMPLATE,
        action="confirm",
        done=done,
        archived=archived,
        subscription=subscription,
        topics=list(subscription.topics.all()),
        manage_url=page.url + page.reverse_subpage("manage", args=[token]),
    )


def unsubscribe(request, page, token):
    """GET: the button; POST (the button, with its CSRF token): unsubscribed."""
    subscription = _subscription(page, token)
    done = subscription.unsubscribed_at is not None and request.GET.get("da_huy") == "1"
    if request.method == "POST":
        machinery.unsubscribe(subscription)
        done = True
    return _render(
        request,
        page,
        ACTION_TEMPLATE,
        action="unsubscribe",
        done=done,
        subscription=subscription,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def one_click_unsubscribe(request, token):
    """The address of ``List-Unsubscribe`` and of the link in every e-mail. POST (a mail
    client's RFC 8058 one-click, or the button of the page): unsubscribed, no login, no
    CSRF token (the token in the address is the capability, and leaving is all it does).
    GET: to the subscription page's confirmation button."""
    subscription = (
        Subscription.objects.filter(token=token).select_related("site").first()
        if len(token) <= 64
        else None
    )
    if subscription is None:
        raise Http404
    page = digests.subscription_page(subscription.site_id)
    if request.method == "POST":
        machinery.unsubscribe(subscription)
        if page is not None and not machinery.is_one_click_post(request):
            url = page.url + page.reverse_subpage("unsubscribe", args=[token]) + "?da_huy=1"
            return HttpResponseRedirect(url)
        message = gettext("You are unsubscribed: no more e-mails will be sent.")
        return _private(HttpResponse(message, content_type="text/plain; charset=utf-8"))
    if page is not None:
        return HttpResponseRedirect(page.url + page.reverse_subpage("unsubscribe", args=[token]))
    return _private(
        render(
            request,
            "subscriptions/unsubscribe_plain.html",
            {"subscription": subscription, "done": False},
        )
    )


def manage(request, page, token):
    subscription = _subscription(page, token)
    site = _site(page)
    choices = topic_choices(site)
    # A topic the body no longer offers stays chosen until the subscriber unticks it.
    for topic in subscription.topics.all():
        options = choices.setdefault(topic.kind, [])
        if topic.value not in {value for value, _label in options}:
            options.append((topic.value, topic.label or topic.value))
    names = {kind: name for kind, (name, _label) in TOPIC_FIELDS.items()}
    initial = {"frequency": subscription.frequency}
    for topic in subscription.topics.all():
        initial.setdefault(names[topic.kind], []).append(topic.value)
    saved = False
    left = subscription.unsubscribed_at is not None
    if request.method == "POST" and not left:
        form = ManageForm(request.POST, choices=choices)
        if form.is_valid():
            with transaction.atomic():
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
                replace_topics(subscription, form.chosen_topics())
            saved = True
    else:
        form = ManageForm(initial=initial, choices=choices)
    return _render(
        request,
        page,
        MANAGE_TEMPLATE,
        form=None if left else form,
        saved=saved,
        left=left,
        subscription=subscription,
        unsubscribe_url=page.url + page.reverse_subpage("unsubscribe", args=[token]),
    )
