"""The royalty sheets in the admin (R-ROY-1): the months of the user's bodies, one month's
sheet with what the user may do on it, and the downloads. Every change is a POST to one
function of ``editorial.royalties``; a sheet of a body the user does not read is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import ModelLogEntry, Site

from congthongtin.core import roles
from congthongtin.core.bodies import body_name, holds, sites_where
from congthongtin.vietnam.money import amount_in_words, format_dong

from .. import royalties
from ..models import BoardFee, RoyaltyKind, RoyaltyLine, RoyaltySheet
from ..royalty_exports import sheet_docx, sheet_xlsx

PER_PAGE = 50
FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet_xlsx),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        sheet_docx,
    ),
}


def _readable(request):
    ids = royalties.readable_site_ids(request.user)
    if ids == set():
        raise PermissionDenied
    sheets = RoyaltySheet.objects.select_related("site")
    return sheets if ids is None else sheets.filter(site_id__in=ids)


def _sheet(request, pk) -> RoyaltySheet:
    return get_object_or_404(_readable(request), pk=pk)


def _head_only(request, sheet) -> None:
    """The head of the board's writes: refused before the form is even read."""
    if not holds(request.user, roles.HEAD, sheet.site_id):
        raise PermissionDenied


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(sheet):
    return redirect("editorial:royalty_sheet", pk=sheet.pk)


@require_GET
def months(request):
    sheets = _readable(request).order_by("-month", "site__site_name", "-revision")
    page_obj = Paginator(sheets, PER_PAGE).get_page(request.GET.get("p"))
    for sheet in page_obj.object_list:
        sheet.body = body_name(sheet.site)
        sheet.total_text = format_dong(sheet.total)
    return TemplateResponse(
        request,
        "editorial/royalty_months.html",
        {
            "page_obj": page_obj,
            # Superusers hold no role: they read every body's sheets and prepare none.
            "prepare_sites": [
                site
                for site in sites_where(request.user, royalties.PREPARERS)
                if royalties.can_prepare(request.user, site)
            ],
        },
    )


@require_POST
def prepare(request):
    site = Site.objects.filter(pk=request.POST.get("site") or 0).first()
    if site is None or not royalties.can_read(request.user, site.pk):
        raise Http404
    if not royalties.can_prepare(request.user, site):
        raise PermissionDenied
    try:
        month = royalties.parse_month(request.POST.get("month", ""))
    except ValueError:
        messages.error(request, _("Choose a month, such as 2024-07."))
        return redirect("editorial:royalty_months")
    try:
        sheet = royalties.prepare_month(request.user, site, month)
    except ValidationError as error:
        _errors(request, error)
        return redirect("editorial:royalty_months")
    messages.success(request, _("The month's items are on the sheet."))
    return _back(sheet)


@require_GET
def sheet_view(request, pk):
    sheet = _sheet(request, pk)
    user = request.user
    lines = list(sheet.lines.select_related("kind").order_by("sort_order", "pk"))
    for line in lines:
        line.amount_text = format_dong(line.amount)
        # Vietnamese decimal comma, as on the XLSX/DOCX sheet ("2,5"; the form takes both).
        line.coefficient_text = (
            ""
            if line.coefficient is None
            else f"{line.coefficient.normalize():f}".replace(".", ",")
        )
    fees = list(sheet.board_fees.order_by("pk"))
    for fee in fees:
        fee.proposed_text = format_dong(fee.proposed_amount)
        fee.amount_text = format_dong(fee.amount)
    revisions = list(
        RoyaltySheet.objects.filter(site=sheet.site, month=sheet.month)
        .select_related("approved_by")
        .order_by("revision")
    )
    # What was done to every revision of the month, newest first (auditors read it here).
    log_entries = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(RoyaltySheet),
            object_id__in=[str(revision.pk) for revision in revisions],
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    editable = royalties.can_edit(user, sheet)
    members = []
    if editable:
        members = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__board_role__site=sheet.site,
                groups__board_role__role__in=roles.BOARD,
            )
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
    return TemplateResponse(
        request,
        "editorial/royalty_sheet.html",
        {
            "sheet": sheet,
            "body": body_name(sheet.site),
            "lines": lines,
            "fees": fees,
            "kinds": list(RoyaltyKind.objects.filter(site=sheet.site)),
            "members": members,
            "revisions": revisions,
            "log_entries": list(log_entries[:100]),
            "editable": editable,
            "may_propose": royalties.can_propose(user, sheet),
            "may_return": royalties.can_return(user, sheet),
            "may_approve": royalties.can_approve(user, sheet),
            "may_correct": royalties.can_correct(user, sheet),
            "may_prepare": sheet.status == "draft" and royalties.can_prepare(user, sheet.site),
            "totals": {
                "items": format_dong(sheet.items_total),
                "cap": format_dong(sheet.board_cap),
                "proposed": format_dong(sheet.board_proposed),
                "board": format_dong(sheet.board_total),
                "total": format_dong(sheet.total),
            },
            "total_in_words": amount_in_words(sheet.total),
        },
    )


@require_POST
def line_view(request, pk, line_id):
    sheet = _sheet(request, pk)
    _head_only(request, sheet)
    line = get_object_or_404(RoyaltyLine.objects.select_related("kind"), pk=line_id, sheet=sheet)
    try:
        if request.POST.get("remove"):
            royalties.remove_line(request.user, line)
        else:
            kind = RoyaltyKind.objects.filter(
                site=sheet.site, pk=request.POST.get("kind") or 0
            ).first()
            if kind is None:
                raise ValidationError(_("Choose a kind."))
            royalties.set_line(
                request.user,
                line,
                kind,
                coefficient=request.POST.get("coefficient", ""),
                fee=request.POST.get("fee", ""),
            )
    except ValidationError as error:
        _errors(request, error)
    return _back(sheet)


@require_POST
def fee_view(request, pk):
    sheet = _sheet(request, pk)
    _head_only(request, sheet)
    member = get_user_model().objects.filter(pk=request.POST.get("member") or 0).first()
    try:
        if member is None:
            raise ValidationError(_("Choose a board member."))
        royalties.set_board_fee(
            request.user,
            sheet,
            member,
            request.POST.get("amount", ""),
            request.POST.get("note", ""),
        )
    except ValidationError as error:
        _errors(request, error)
    return _back(sheet)


@require_POST
def fee_remove(request, pk, fee_id):
    sheet = _sheet(request, pk)
    _head_only(request, sheet)
    fee = get_object_or_404(BoardFee, pk=fee_id, sheet=sheet)
    try:
        royalties.remove_board_fee(request.user, fee)
    except ValidationError as error:
        _errors(request, error)
    return _back(sheet)


def _transition(function, done):
    @require_POST
    def view(request, pk):
        sheet = _sheet(request, pk)
        try:
            result = function(request.user, sheet)
        except ValidationError as error:
            _errors(request, error)
            return _back(sheet)
        messages.success(request, str(done))
        return _back(result)

    return view


def _return(user, sheet):
    return royalties.return_to_draft(user, sheet)


propose = _transition(royalties.propose, gettext_lazy("Sheet proposed to the head of the body."))
return_to_draft = _transition(_return, gettext_lazy("Sheet returned to draft."))
approve = _transition(royalties.approve, gettext_lazy("Sheet approved."))
correct = _transition(royalties.correct, gettext_lazy("A new revision is open for the correction."))


@require_GET
def download(request, pk, fmt):
    sheet = _sheet(request, pk)
    if fmt not in FORMATS:
        raise Http404
    content_type, writer = FORMATS[fmt]
    response = HttpResponse(writer(sheet), content_type=content_type)
    name = f"bang-ke-nhuan-but-{sheet.month:%Y-%m}-lan-{sheet.revision}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
