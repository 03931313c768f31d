"""The units' monthly supply (R-QUOTA-1): the monthly table of a body and its yearly
emulation table (XLSX). Readers: ``editorial.quotas.READERS`` of that body only."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congthongtin.core.bodies import body_picker, chosen_body
from congthongtin.core.extras import install_hint, missing_modules
from congthongtin.core.query_params import MAX_YEAR, MIN_YEAR, parse_month, parse_year

from .. import quotas

BODY_PARAM = "co-quan"


def _body(request) -> tuple[Site, list[Site]]:
    sites = list(quotas.readable_sites(request.user))
    return chosen_body(request, sites, BODY_PARAM), sites


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


@require_GET
def quota_dashboard(request):
    site, sites = _body(request)
    today = timezone.localdate()
    year, month = parse_month(request.GET.get("thang")) or (today.year, today.month)
    rows = quotas.month_table(site.pk, year, month)

    def link(y, m):
        if not MIN_YEAR <= y <= MAX_YEAR:
            return ""
        params = {"thang": f"{y}-{m:02d}"}
        if len(sites) > 1:
            params[BODY_PARAM] = site.pk
        return "?" + urlencode(params)

    year_params = {"nam": year}
    if len(sites) > 1:
        year_params[BODY_PARAM] = site.pk
    return TemplateResponse(
        request,
        "editorial/quotas/dashboard.html",
        {
            **body_picker(site, sites, BODY_PARAM),
            "month_value": f"{year}-{month:02d}",
            "month_label": f"{month:02d}/{year}",
            "previous": link(*_shift(year, month, -1)),
            "next": link(*_shift(year, month, 1)),
            "rows": rows,
            "met": sum(row.met for row in rows),
            "total_supplied": sum(row.supplied for row in rows),
            "total_shortfall": sum(row.shortfall for row in rows),
            "rule": quotas.COUNTING_RULE,
            "year": year,
            "year_url": reverse("editorial:quotas_year_xlsx") + "?" + urlencode(year_params),
            "may_manage": quotas.may_manage(request.user, site.pk),
            "units_url": reverse("editorial_supplyingunit:index"),
        },
    )


@require_GET
def quota_year_xlsx(request):
    site, _sites = _body(request)
    year = parse_year(request.GET.get("nam")) or timezone.localdate().year
    missing = missing_modules("openpyxl")
    if missing:
        messages.error(
            request,
            _("The spreadsheet needs openpyxl, which is not installed (%(hint)s).")
            % {"hint": install_hint(missing)},
        )
        return redirect(reverse("editorial:quotas"))
    book = quotas.year_workbook(site, year, today=timezone.localdate())
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"dinh-muc-cung-cap-tin-{site.pk}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
