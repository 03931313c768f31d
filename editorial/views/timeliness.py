"""The board's time limits (R-SLA-1): the list of items in the workflow by urgency and the
timeliness report, each showing only the bodies where the user sits on the board or
audits."""

from __future__ import annotations

import csv
import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congthongtin.core.bodies import body_name
from congthongtin.core.filters import BoundedDateField

from .. import timeliness
from ..models import DeadlineKind

PER_PAGE = 50


def _site_ids_or_refuse(user):
    site_ids = timeliness.viewer_site_ids(user) if user.is_authenticated else set()
    if site_ids is not None and not site_ids:
        raise PermissionDenied
    return site_ids


def _bodies(site_ids):
    sites = Site.objects.order_by("site_name", "hostname")
    return sites if site_ids is None else sites.filter(pk__in=site_ids)


class DeadlineFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Site.objects.none(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(
        label=_("Kind of limit"), required=False, choices=[("", _("All")), *DeadlineKind.choices]
    )

    def __init__(self, *args, site_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(site_ids)
        self.fields["body"].label_from_instance = body_name


class ReportForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Site.objects.none(), required=False, empty_label=_("All")
    )
    since = BoundedDateField(label=_("From (dd/mm/yyyy)"), required=False)
    until = BoundedDateField(label=_("To (dd/mm/yyyy)"), required=False)
    grouping = forms.ChoiceField(
        label=_("Group by"), required=False, choices=list(timeliness.GROUPINGS.items())
    )

    def __init__(self, *args, site_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = _bodies(site_ids)
        self.fields["body"].label_from_instance = body_name

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError(_("The end of the period cannot be before its start."))
        return data


def _narrowed(site_ids, body):
    return site_ids if body is None else {body.pk}


def deadline_rows(site_ids, kind="", now=None):
    """(row, working time left, its description), most urgent first."""
    return [
        {
            "deadline": deadline,
            "left": left,
            "overdue": left < dt.timedelta(0),
            "left_text": timeliness.describe_left(left),
            "due_text": timeliness.format_moment(deadline.due_at),
        }
        for deadline, left in timeliness.by_urgency(timeliness.open_deadlines(site_ids, kind), now)
    ]


@require_GET
def deadline_list(request):
    site_ids = _site_ids_or_refuse(request.user)
    form = DeadlineFilterForm(request.GET or None, site_ids=site_ids)
    body, kind = None, ""
    if form.is_valid():
        body, kind = form.cleaned_data["body"], form.cleaned_data["kind"]
    rows = deadline_rows(_narrowed(site_ids, body), kind)
    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "editorial/timeliness/deadline_list.html",
        {
            "form": form,
            "rows": page_obj.object_list,
            "page_obj": page_obj,
            "query": query.urlencode(),
        },
    )


@require_GET
def timeliness_report(request):
    site_ids = _site_ids_or_refuse(request.user)
    today = timezone.localdate()
    form = ReportForm(request.GET or None, site_ids=site_ids)
    since, until, grouping, body = today.replace(day=1), today, "section", None
    if form.is_valid():
        data = form.cleaned_data
        since = data["since"] or since
        until = data["until"] or until
        grouping = data["grouping"] or grouping
        body = data["body"]
    rows = timeliness.report_rows(_narrowed(site_ids, body), since, until, grouping)
    if request.GET.get("export") == "csv" and (form.is_bound is False or form.is_valid()):
        return _csv(rows, since, until, grouping)
    query = request.GET.copy()
    query.pop("export", None)
    return TemplateResponse(
        request,
        "editorial/timeliness/report.html",
        {
            "form": form,
            "rows": rows,
            "since": since,
            "until": until,
            "grouping_label": timeliness.GROUPINGS[grouping],
            "query": query.urlencode(),
        },
    )


def _csv(rows, since, until, grouping) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"bao-cao-dung-han-{since:%Y%m%d}-{until:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # Excel reads UTF-8 with the mark
    writer = csv.writer(response)
    writer.writerow(
        [
            str(timeliness.GROUPINGS[grouping]),
            str(_("Items")),
            str(_("On time")),
            str(_("On time (%)")),
            str(_("Median delay (working hours)")),
            str(_("Worst delay (working hours)")),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row["label"],
                row["items"],
                row["on_time"],
                row["on_time_percent"],
                row["median_delay"],
                row["worst_delay"],
            ]
        )
    return response
