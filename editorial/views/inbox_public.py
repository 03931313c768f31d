"""The public side of the contributions inbox (S1 Đ14): the form "Gửi tin, bài" of a body's
portal, the receipt and the status look-up.

The form has every protection of ``core.antispam`` (honeypot, the check question, consent
to the processing of personal data, per-address rate limits) and keeps what the sender
typed when something is wrong (files must be chosen again: a browser cannot refill a file
input). The receipt page is reached through a signed, expiring token; the look-up asks for
the receipt code and the e-mail or phone given, and answers the same "not found" to a
wrong code and a wrong contact. No page here is cached or indexed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from wagtail.models import Site

from congthongtin.core import antispam
from congthongtin.core.bodies import page_is_archived, site_id_of_page

from .. import inbox
from ..inbox_forms import LookupForm, PublicContributionForm
from ..models.inbox import Contribution, ContributionChannel

RECEIPT_SALT = "editorial.contribution.receipt"
#: The receipt page stays readable this long after sending (then: the look-up).
RECEIPT_MAX_AGE = 24 * 60 * 60
FORM_TEMPLATE = "editorial/inbox/contribution_page.html"
SCOPE = "contribution"
LOOKUP_SCOPE = "contribution-lookup"


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def lookup_url(page, *, full: bool = False) -> str:
    base = page.full_url if full else page.url
    return (base or "") + page.reverse_subpage("lookup")


def _render(request, page, template, status=200, **context):
    context.setdefault("lookup_url", lookup_url(page))
    context.setdefault("form_url", page.url)
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return _private(response)


def contribution_form(request, page):
    archived = page_is_archived(page)
    if request.method != "POST" or archived:
        # An archive takes nothing new (core.archives refuses its POSTs before this).
        form = None if archived else PublicContributionForm()
        return _render(request, page, FORM_TEMPLATE, form=form, archived=archived)
    form = PublicContributionForm(request.POST, request.FILES)
    if antispam.check_rate_limit(request, SCOPE):
        form.is_valid()
        form.prepare_retry()
        return _render(
            request,
            page,
            FORM_TEMPLATE,
            status=429,
            form=form,
            rate_limited=antispam.RATE_LIMITED_MESSAGE,
        )
    if not form.is_valid():
        form.prepare_retry()
        return _render(request, page, FORM_TEMPLATE, form=form)
    first, earlier = form.claim_challenge()
    if not first:
        return HttpResponseRedirect(earlier or page.url)
    data = form.cleaned_data
    site = Site.objects.get(pk=site_id_of_page(page))
    now = timezone.now()
    with form.storing():
        contribution = Contribution(
            site=site,
            channel=ContributionChannel.PUBLIC,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            sender_name=data["sender_name"],
            sender_organisation=data["sender_organisation"],
            sender_address=data["sender_address"],
            sender_email=data["sender_email"],
            sender_phone=data["sender_phone"],
            origin=data["origin"],
            source=data["source"],
            collector=data["collector"],
            consent_at=now,
        )
        inbox.receive(contribution, form.checked_files, lookup_url=lookup_url(page, full=True))
    antispam.remember_submission(request, SCOPE)
    token = signing.dumps(contribution.pk, salt=RECEIPT_SALT)
    url = page.url + page.reverse_subpage("receipt") + "?" + urlencode({"ma": token})
    form.record_result(url)
    return HttpResponseRedirect(url)


def contribution_receipt(request, page):
    # A query parameter: a signed value has ":", which Wagtail's page paths refuse.
    token = request.GET.get("ma", "")[:200]
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    contribution = (
        Contribution.objects.filter(pk=pk, site_id=site_id_of_page(page))
        .only("pk", "code", "title", "kind", "status", "received_at", "sender_email")
        .first()
    )
    if contribution is None:
        raise Http404
    return _render(
        request, page, "editorial/inbox/contribution_receipt.html", contribution=contribution
    )


def _digits(value: str) -> str:
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    # 0912… and +84 912… are the same number.
    return digits[2:] if digits.startswith("84") and len(digits) > 9 else digits.lstrip("0")


def matches(contribution, contact: str) -> bool:
    contact = (contact or "").strip()
    if not contact:
        return False
    if "@" in contact:
        return bool(contribution.sender_email) and (
            contribution.sender_email.strip().lower() == contact.lower()
        )
    wanted = _digits(contact)
    return len(wanted) >= 6 and wanted == _digits(contribution.sender_phone)


def contribution_lookup(request, page):
    template = "editorial/inbox/contribution_lookup.html"
    if request.method != "POST":
        return _render(request, page, template, form=LookupForm())
    form = LookupForm(request.POST)
    if antispam.check_rate_limit(request, LOOKUP_SCOPE):
        form.is_valid()
        limited = antispam.RATE_LIMITED_MESSAGE
        return _render(request, page, template, status=429, form=form, rate_limited=limited)
    if not form.is_valid():
        return _render(request, page, template, form=form)
    contribution = (
        Contribution.objects.filter(site_id=site_id_of_page(page), code=form.cleaned_data["code"])
        .select_related("page")
        .first()
    )
    if contribution is None or not matches(contribution, form.cleaned_data["contact"]):
        form.add_error(
            None,
            gettext(
                "No item was found with this receipt code and this e-mail or phone. Check "
                "them against the receipt."
            ),
        )
        form.describe_fields()
        return _render(request, page, template, form=form)
    return _render(request, page, template, form=LookupForm(), contribution=contribution)
