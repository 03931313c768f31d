"""The overdue-reviews list, the "reviewed, still correct" action and a page's own review
interval (R-SLA-2, editorial/reviews.py). Thin views: the rules are in editorial.reviews."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page, Site

from congthongtin.core.bodies import body_name, site_id_of_page, site_ids_where

from .. import reviews
from ..models import BoardSettings

PER_PAGE = 50


def list_site_ids(user) -> set[int] | None:
    """The bodies whose overdue list ``user`` reads (None: every body)."""
    return site_ids_where(user, reviews.LIST_ROLES)


@require_safe
def review_list(request):
    site_ids = list_site_ids(request.user)
    if site_ids is not None and not site_ids:
        raise PermissionDenied
    bodies = Site.objects.order_by("site_name", "hostname")
    if site_ids is not None:
        bodies = bodies.filter(pk__in=site_ids)
    bodies = list(bodies)
    chosen = request.GET.get("co_quan", "")
    shown = site_ids
    if chosen.isdigit() and any(site.pk == int(chosen) for site in bodies):
        shown = {int(chosen)}
    else:
        chosen = ""
    today = timezone.localdate()
    page_obj = Paginator(reviews.overdue(shown, today), PER_PAGE).get_page(request.GET.get("p"))
    rows = reviews.overdue_rows(page_obj.object_list, today)
    for row in rows:
        row["can_mark"] = reviews.can_mark(request.user, row["page"])
        row["can_set_interval"] = reviews.can_set_interval(request.user, row["page"])
    return TemplateResponse(
        request,
        "editorial/reviews/list.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "bodies": [(site.pk, body_name(site)) for site in bodies],
            "chosen": chosen,
            "many_bodies": len(bodies) > 1,
            "query": f"co_quan={chosen}" if chosen else "",
            "today": today,
        },
    )


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
def mark(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id)
    try:
        reviews.mark_reviewed(request.user, page)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s”: reviewed, still correct (%(date)s).")
            % {"title": page.title, "date": timezone.localdate().strftime("%d/%m/%Y")},
        )

    return redirect(_next_url(request, reverse("editorial:reviews")))


class IntervalForm(forms.Form):
    interval_days = forms.IntegerField(
        label=gettext_lazy("Review this page every (days)"),
        required=False,
        min_value=1,
        max_value=3660,
        help_text=gettext_lazy("Leave empty to use the body's interval for this kind of page."),
        error_messages={
            "invalid": gettext_lazy("Enter a whole number of days."),
            "min_value": gettext_lazy("The interval is between 1 and 3660 days."),
            "max_value": gettext_lazy("The interval is between 1 and 3660 days."),
        },
    )


def interval(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id)
    if not reviews.can_set_interval(request.user, page):
        raise PermissionDenied
    kind = reviews.kind_of_page(page)
    if kind is None:
        raise Http404
    state = reviews.review_state(page)
    default = BoardSettings.for_site_id(site_id_of_page(page)).review_days(kind)

    back = _next_url(request, reverse("editorial:reviews"))
    if request.method == "POST":
        form = IntervalForm(request.POST)
        if form.is_valid():
            try:
                reviews.set_interval(request.user, page, form.cleaned_data["interval_days"])
            except ValidationError as error:
                form.add_error("interval_days", error)
            else:
                messages.success(request, _("Review interval saved."))
                return redirect(back)
    else:
        form = IntervalForm(
            initial={"interval_days": state["interval_days"] if state["own_interval"] else None}
        )
    return TemplateResponse(
        request,
        "editorial/reviews/interval.html",
        {"page": page, "form": form, "state": state, "default_days": default, "next": back},
    )
