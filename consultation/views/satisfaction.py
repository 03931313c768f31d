"""Satisfaction with a service, posted from the form on every procedure page (Decree 224/2026
Điều 10.3b; the form: ``consultation/includes/satisfaction.html``).

The form sits on pages the front cache keeps for hours, so it carries no CSRF token (a
cookie would make every page uncacheable) and no check question. Instead, as for “Was this
page useful?” (``public.page_feedback``): the POST must come from a page of this host
(Origin, else Referer), a honeypot field must stay empty, each address has limits
(``PUBLIC_FORM_RATE_LIMITS["satisfaction"]``, else the defaults), and each visitor rates
each service once a day (``consultation.ratings``). Nothing about the visitor is stored.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from congthongtin.core import antispam

from ..archives import refused_on_archive
from ..forms import SatisfactionForm
from ..ratings import already_rated, claim_daily_rating, is_rated_service, record_satisfaction
from ..ratings import release as release_daily_rating
from .public import _private, same_origin

TEMPLATE = "consultation/satisfaction.html"
RATE_SCOPE = "satisfaction"


def rated_page(request):
    """The live, public service page the POST names, or None."""
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        return None
    page = Page.objects.live().public().filter(pk=page_id).first()
    return page if page is not None and is_rated_service(page) else None


def answer(request, target, status=200, **context):
    return _private(render(request, TEMPLATE, {"target": target, **context}, status=status))


@csrf_exempt
@require_POST
def satisfaction(request):
    if not same_origin(request):
        return HttpResponseForbidden(gettext("The rating must be sent from a page of this portal."))
    if (request.POST.get(antispam.HONEYPOT_FIELD) or "").strip():
        return HttpResponseBadRequest(gettext("The form could not be sent."))
    page = rated_page(request)
    if page is None:
        return HttpResponseBadRequest(gettext("The rating was not understood."))
    refusal = refused_on_archive(request, page)
    if refusal is not None:
        return _private(refusal)
    form = SatisfactionForm(request.POST)
    if antispam.check_rate_limit(request, RATE_SCOPE):
        form.is_valid()
        return answer(request, page, 429, form=form, rate_limited=antispam.RATE_LIMITED_MESSAGE)
    if already_rated(request, page.pk):
        return answer(request, page, already=True)
    if not form.is_valid():
        return answer(request, page, form=form)
    key = claim_daily_rating(request, page.pk)
    if key is None:
        return answer(request, page, already=True)
    try:
        record_satisfaction(page, form.cleaned_data["level"], form.cleaned_data["comment"])
    except BaseException:
        release_daily_rating(key)
        raise
    antispam.remember_submission(request, RATE_SCOPE)
    return answer(request, page, finished=True)
