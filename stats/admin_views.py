"""The board's periodic report in the admin (S1 Đ15.3; R-REP-1, R-PROC-4): the period
picker, the sections with their charts and tables, and the XLSX and DOCX downloads.

Readers: ``report.READERS`` of the body asked for (superusers: every body). Without any
body the view is refused (403); a body the user does not read is not found (404), as the
board's other back-office screens do.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from congthongtin.core.bodies import body_picker, chosen_body
from congthongtin.core.extras import install_hint, missing_modules

from . import report, report_exports
from .charts import chart_svg
from .forms import ReportPeriodForm, default_period, initial_for

BODY_PARAM = "co-quan"
FORMATS = {
    "xlsx": ("openpyxl", report_exports.XLSX_TYPE, report_exports.report_xlsx),
    "docx": ("docx", report_exports.DOCX_TYPE, report_exports.report_docx),
}


def _body(request) -> tuple[Site, list[Site]]:
    sites = list(report.readable_sites(request.user))
    return chosen_body(request, sites, BODY_PARAM), sites


def _period(request):
    """(form, period): the period asked for, the last month when none is, None when the
    picker holds mistakes (shown with the form, in Vietnamese)."""
    if "ky" not in request.GET:
        period = default_period()
        return ReportPeriodForm(initial=initial_for(period)), period
    form = ReportPeriodForm(request.GET)
    return form, (form.period() if form.is_valid() else None)


def _download(request, site, period, fmt: str):
    module, content_type, write = FORMATS[fmt]
    missing = missing_modules(module)
    if missing:
        messages.error(
            request,
            _("This file needs a library that is not installed (%(hint)s).")
            % {"hint": install_hint(missing)},
        )
        return redirect(reverse("stats_admin:report"))
    content = write(site, period, report.collect(site, period))
    response = HttpResponse(content, content_type=content_type)
    filename = f"bao-cao-cong-thong-tin-{site.pk}-{report.period_slug(period)}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _query(form, site, sites, **extra) -> str:
    params = {key: form.data.get(key) or form.initial.get(key) for key in ("ky", "nam")}
    params.update(thang=form.data.get("thang") or form.initial.get("thang"))
    params.update(quy=form.data.get("quy") or form.initial.get("quy"))
    if len(sites) > 1:
        params[BODY_PARAM] = site.pk
    params.update(extra)
    return "?" + urlencode({key: value for key, value in params.items() if value})


@require_GET
def report_view(request):
    site, sites = _body(request)
    form, period = _period(request)
    fmt = request.GET.get("format")
    if period is not None and fmt in FORMATS:
        return _download(request, site, period, fmt)
    sections = report.collect(site, period) if period is not None else []
    numbered = [
        {
            "number": report.ROMAN[index] if index < len(report.ROMAN) else index + 1,
            "section": section,
            "charts": [(chart, chart_svg(chart)) for chart in section.charts],
        }
        for index, section in enumerate(sections)
    ]
    return TemplateResponse(
        request,
        "stats/admin/report.html",
        {
            **body_picker(site, sites, BODY_PARAM),
            "form": form,
            "period": period,
            "period_label": report.period_label(period) if period else "",
            "sections": numbered,
            "xlsx_url": _query(form, site, sites, format="xlsx") if period else "",
            "docx_url": _query(form, site, sites, format="docx") if period else "",
        },
    )
