"""The royalty sheet's rules (R-ROY-1; S4 Đ7.2, S1 Đ7.4, Đ15.1): one function per change.

- ``prepare_month``: the standing office (or the head of the board) lists every item of the
  body first published in the month, with a kind guessed from the page's type and origin;
- ``set_line`` / ``remove_line`` / ``set_board_fee`` / ``remove_board_fee``: the head of
  the board sets each item's kind and coefficient (or fee) and the members' remuneration;
- ``propose``: the head of the board proposes the sheet; ``return_to_draft`` sends a
  proposed sheet back (the head, or the head of the body who will not approve it as is);
- ``approve``: the head of the body (``roles.BODY_HEAD`` of that body, never the proposer)
  decides; the sheet is then locked;
- ``correct``: an approved sheet changes only through a new revision, a draft copy that
  names the revision it supersedes.

Each writes a Wagtail log entry on the sheet (auditors read them) and refuses an approved
sheet. Amount of an item (S4 Đ7.2a) = coefficient × 10% × the base salary in force on the
item's publication date, rounded half up to the whole đồng; a fee item is its fee. The
board's remuneration (S4 Đ7.2c) is capped at 40% of the items' total: see ``cap_fees``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history
from wagtail.log_actions import log
from wagtail.models import Page, get_page_models

from congthongtin.core import roles
from congthongtin.core.bodies import body_name, holds, pages_in_sites, site_ids_where
from congthongtin.core.outbox import queue_email
from congthongtin.core.query_params import month_range, read_month

from .models import BaseSalary, BoardFee, RoyaltyKind, RoyaltyLine, RoyaltySheet, SheetStatus
from .models.royalties import BOARD_SHARE_PERCENT, MAX_COEFFICIENT, MIN_COEFFICIENT

#: Who reads a body's sheets: those who make and decide them, and the auditors.
READERS = [roles.HEAD, roles.STANDING_OFFICE, roles.BODY_HEAD, *roles.READ_ONLY_ROLES]
#: Who lists the month's items (S1 Đ7: the standing office prepares the list).
PREPARERS = [roles.STANDING_OFFICE, roles.HEAD]
#: Who may ask for a correction of an approved sheet.
CORRECTORS = [roles.HEAD, roles.BODY_HEAD]

#: The kinds every body starts with (its head may change them): code, name (data, in
#: Vietnamese like the roles' names), lowest and highest coefficient, or fee in đồng.
DEFAULT_KINDS = [
    ("news", "Tin", "0.5", "2", None),
    ("article", "Bài viết", "1", "5", None),
    ("photo", "Ảnh", "0.5", "2", None),
    ("translation", "Bài dịch", "0.5", "3", None),
    ("collected", "Tin, bài, ảnh sưu tầm", None, None, 50_000),
    ("report", "Báo cáo, thống kê, kế hoạch", None, None, 100_000),
]

#: Page types that earn royalties, by model label, and their kind when written by the
#: body. A page type may say so itself with a ``royalty_kind`` attribute (the small
#: protocol of ``core.BasePage``: editorial imports no other app). Collected items become
#: "collected", translated ones "translation" (``BasePage.origin``).
PAGE_KINDS = {
    "news.newspage": "news",
    "news.articlepage": "article",
    "news.conferencepage": "news",
    "news.socioeconomicpage": "report",
}


# Reading -----------------------------------------------------------------------------------
def readable_site_ids(user) -> set[int] | None:
    """The bodies whose sheets ``user`` reads (None: every body)."""
    if not (user.is_authenticated and user.is_active):
        return set()
    return site_ids_where(user, READERS)


def can_read(user, site_id: int) -> bool:
    ids = readable_site_ids(user)
    return ids is None or site_id in ids


def can_prepare(user, site) -> bool:
    return holds(user, PREPARERS, site)


def can_edit(user, sheet: RoyaltySheet) -> bool:
    """Set lines and fees, propose: the head of the body's board, on a draft."""
    return sheet.status == SheetStatus.DRAFT and holds(user, roles.HEAD, sheet.site_id)


def can_propose(user, sheet: RoyaltySheet) -> bool:
    return can_edit(user, sheet)


def can_return(user, sheet: RoyaltySheet) -> bool:
    return sheet.status == SheetStatus.PROPOSED and holds(
        user, [roles.HEAD, roles.BODY_HEAD], sheet.site_id
    )


def can_approve(user, sheet: RoyaltySheet) -> bool:
    return (
        sheet.status == SheetStatus.PROPOSED
        and holds(user, roles.BODY_HEAD, sheet.site_id)
        and sheet.proposed_by_id != user.pk
    )


def can_correct(user, sheet: RoyaltySheet) -> bool:
    return (
        sheet.status == SheetStatus.APPROVED
        and holds(user, CORRECTORS, sheet.site_id)
        and not RoyaltySheet.objects.filter(supersedes=sheet).exists()
    )


# Months and amounts -----------------------------------------------------------------------
def parse_month(value: str) -> dt.date:
    """ "2024-07" → 1 July 2024 (``core.query_params.read_month``). ValueError otherwise."""
    found = read_month(value)
    if found is None:
        raise ValueError(value)
    return dt.date(*found, 1)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month in the install's time zone (``core.query_params.month_range``)."""
    return month_range(month.year, month.month)


def royalty_amount(coefficient: Decimal, base_salary: int) -> int:
    """coefficient × 10% × base salary (S4 Đ7.2a), rounded half up to the whole đồng."""
    exact = Decimal(coefficient) * Decimal(base_salary) / Decimal(10)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def base_salary_on(day: dt.date) -> int:
    found = BaseSalary.in_force_on(day)
    if found is None:
        raise ValidationError(
            _("No base salary is in force on %(date)s: a superuser must enter it.")
            % {"date": day.strftime("%d/%m/%Y")}
        )
    return found.amount


def cap_fees(proposed: list[int], cap: int) -> list[int]:
    """The board members' fees paid (S4 Đ7.2c): as proposed when their sum is within the
    cap; otherwise each scaled by cap / sum and rounded down to the đồng, and the few đồng
    the rounding leaves (fewer than the number of members) go one each to the fees that
    lost most in rounding (the first one listed on a tie), so the fees add up to the cap
    exactly and none is above what was proposed."""
    total = sum(proposed)
    if total <= cap:
        return list(proposed)
    exact = [amount * cap for amount in proposed]
    paid = [value // total for value in exact]
    left = cap - sum(paid)
    for index in sorted(range(len(proposed)), key=lambda i: (-(exact[i] % total), i))[:left]:
        paid[index] += 1
    return paid


def refresh_totals(sheet: RoyaltySheet) -> None:
    """The sheet's totals and the members' paid fees, after any change of a draft."""
    items_total = sum(sheet.lines.values_list("amount", flat=True))
    fees = list(sheet.board_fees.all())
    cap = items_total * BOARD_SHARE_PERCENT // 100
    paid = cap_fees([fee.proposed_amount for fee in fees], cap)
    for fee, amount in zip(fees, paid, strict=True):
        if fee.amount != amount:
            fee.amount = amount
            fee.sheet = sheet
            fee.save(update_fields=["amount"])
    sheet.items_total = items_total
    sheet.board_proposed = sum(fee.proposed_amount for fee in fees)
    sheet.board_cap = cap
    sheet.board_total = sum(paid)
    sheet.total = items_total + sheet.board_total
    sheet.save(update_fields=["items_total", "board_proposed", "board_cap", "board_total", "total"])


# Kinds --------------------------------------------------------------------------------------
def install_kinds(site) -> list[RoyaltyKind]:
    """The body's kinds, the default ones made when missing (idempotent)."""
    existing = {kind.code: kind for kind in RoyaltyKind.objects.filter(site=site)}
    for order, (code, name, low, high, fee) in enumerate(DEFAULT_KINDS):
        if code not in existing:
            existing[code] = RoyaltyKind.objects.create(
                site=site,
                code=code,
                name=name,
                min_coefficient=Decimal(low) if low else None,
                max_coefficient=Decimal(high) if high else None,
                fixed_fee=fee,
                sort_order=order,
            )
    return sorted(existing.values(), key=lambda kind: (kind.sort_order, kind.pk))


def guess_kind_code(page) -> str | None:
    """The kind of a published page, or None when its type earns no royalty."""
    code = getattr(page, "royalty_kind", None) or PAGE_KINDS.get(page._meta.label_lower)
    if not code:
        return None
    origin = getattr(page, "origin", "original")
    if origin == "collected":
        return "collected"
    if origin == "translated" and code != "report":
        return "translation"
    return code


def royalty_page_models() -> list[type]:
    return [
        model
        for model in get_page_models()
        if getattr(model, "royalty_kind", None) or model._meta.label_lower in PAGE_KINDS
    ]


def items_of_month(site, month: dt.date) -> list:
    """The body's pages that earn royalties and were first published in ``month``."""
    start, end = month_bounds(month)
    models = royalty_page_models()
    if not models:
        return []
    types = ContentType.objects.get_for_models(*models).values()
    pages = (
        Page.objects.filter(
            pages_in_sites([site.pk]),
            content_type__in=types,
            first_published_at__gte=start,
            first_published_at__lt=end,
        )
        .order_by("first_published_at", "pk")
        .specific()
    )
    return list(pages)


def _unit_names(pages) -> dict[int, str]:
    from congthongtin.core.models import Agency

    ids = {getattr(page, "responsible_unit_id", None) for page in pages} - {None}
    return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _line_amount(line: RoyaltyLine) -> int:
    if line.kind.is_fee:
        return line.fee or 0
    return royalty_amount(line.coefficient, line.base_salary)


# Transitions --------------------------------------------------------------------------------
def _locked(sheet: RoyaltySheet) -> RoyaltySheet:
    """The sheet read again under a row lock (two people acting at once wait in turn)."""
    return RoyaltySheet.objects.select_for_update().select_related("site").get(pk=sheet.pk)


def _refuse_approved(sheet: RoyaltySheet) -> None:
    if sheet.is_locked:
        raise ValidationError(_("This sheet is approved: make a correction instead."))


def _require_draft(sheet: RoyaltySheet) -> None:
    _refuse_approved(sheet)
    if sheet.status != SheetStatus.DRAFT:
        raise ValidationError(_("This sheet is proposed: return it to draft to change it."))


def latest_sheet(site, month: dt.date) -> RoyaltySheet | None:
    return RoyaltySheet.objects.filter(site=site, month=month).order_by("-revision").first()


@transaction.atomic
def prepare_month(user, site, month: dt.date) -> RoyaltySheet:
    """The month's sheet with a line for every item of the body first published in it
    (revision 1 made when none; a draft gets the items it lacks, its lines are kept)."""
    if not can_prepare(user, site):
        raise PermissionDenied
    month = month.replace(day=1)
    sheet = latest_sheet(site, month)
    created = sheet is None
    if created:
        sheet = RoyaltySheet.objects.create(
            site=site, month=month, prepared_by=user, prepared_at=timezone.now()
        )
    sheet = _locked(sheet)
    _require_draft(sheet)
    kinds = {kind.code: kind for kind in install_kinds(site)}
    on_sheet = set(sheet.lines.exclude(page=None).values_list("page_id", flat=True))
    pages = [page for page in items_of_month(site, month) if page.pk not in on_sheet]
    units = _unit_names(pages)
    order = (sheet.lines.aggregate(top=Max("sort_order"))["top"] or 0) + 1
    added = []
    for page in pages:
        code = guess_kind_code(page)
        if code is None:
            continue
        kind = kinds[code]
        day = timezone.localdate(page.first_published_at)
        line = RoyaltyLine(
            sheet=sheet,
            page=page,
            title=page.title[:255],
            url=(page.get_url() or "")[:500],
            published_at=page.first_published_at,
            author=(getattr(page, "author_name", "") or "")[:255],
            unit=units.get(getattr(page, "responsible_unit_id", None), ""),
            kind=kind,
            coefficient=None if kind.is_fee else kind.min_coefficient,
            fee=kind.fixed_fee,
            base_salary=base_salary_on(day),
            sort_order=order,
        )
        line.amount = _line_amount(line)
        added.append(line)
        order += 1
    bulk_create_with_history(added, RoyaltyLine, default_user=user)
    sheet.prepared_by, sheet.prepared_at = user, timezone.now()
    sheet.save(update_fields=["prepared_by", "prepared_at"])
    refresh_totals(sheet)
    log(
        instance=sheet,
        action="editorial.royalty_prepared",
        user=user,
        data={"month": f"{month:%Y-%m}", "revision": sheet.revision, "added": len(added)},
    )
    return sheet


def _coefficient(value) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("The coefficient must be a number, such as 1.5.")) from None
    if not number.is_finite() or number != number.quantize(Decimal("0.01")):
        raise ValidationError(_("The coefficient has at most two decimals, such as 1.25."))
    return number


@transaction.atomic
def set_line(user, line: RoyaltyLine, kind: RoyaltyKind, coefficient=None, fee=None) -> RoyaltyLine:
    """The head of the board sets an item's kind and its coefficient (within the kind's
    range and 0.5–5, S4 Đ7.2a) or, for a fee kind, its fee in đồng (S4 Đ7.2b)."""
    if not holds(user, roles.HEAD, line.sheet.site_id):
        raise PermissionDenied
    sheet = _locked(line.sheet)
    _require_draft(sheet)
    if kind.site_id != sheet.site_id:
        raise ValidationError(_("This kind belongs to another body."))
    line = RoyaltyLine.objects.select_for_update().get(pk=line.pk, sheet=sheet)
    line.sheet = sheet
    before = {"kind": line.kind.code, "coefficient": str(line.coefficient), "fee": line.fee}
    if kind.is_fee:
        try:
            amount = kind.fixed_fee if fee in (None, "") else int(str(fee).replace(".", ""))
        except ValueError:
            raise ValidationError(_("The fee is a whole number of đồng.")) from None
        if amount <= 0 or amount > 1_000_000_000:
            raise ValidationError(_("The fee must be more than 0 đồng."))
        line.coefficient, line.fee = None, amount
    else:
        if coefficient in (None, ""):
            raise ValidationError(_("Enter the coefficient of this item (0.5 to 5)."))
        number = _coefficient(coefficient)
        if not (MIN_COEFFICIENT <= number <= MAX_COEFFICIENT):
            raise ValidationError(_("The coefficient must be between 0.5 and 5 (S4 Đ7.2a)."))
        low, high = kind.min_coefficient, kind.max_coefficient
        if not (low <= number <= high):
            raise ValidationError(
                _("The coefficient of “%(kind)s” must be between %(low)s and %(high)s.")
                % {"kind": kind.name, "low": _decimal(low), "high": _decimal(high)}
            )
        line.coefficient, line.fee = number, None
    line.kind = kind
    line.amount = _line_amount(line)
    line.save()
    refresh_totals(sheet)
    log(
        instance=sheet,
        action="editorial.royalty_line_changed",
        user=user,
        data={
            "line": line.pk,
            "title": line.title,
            "before": before,
            "after": {"kind": kind.code, "coefficient": str(line.coefficient), "fee": line.fee},
            "amount": line.amount,
        },
    )
    return line


def _decimal(value: Decimal) -> str:
    """1.50 → "1,5" (the Vietnamese decimal comma)."""
    return format(value.normalize(), "f").replace(".", ",")


@transaction.atomic
def remove_line(user, line: RoyaltyLine) -> None:
    """The head of the board takes an item off a draft (an item that earns nothing)."""
    if not holds(user, roles.HEAD, line.sheet.site_id):
        raise PermissionDenied
    sheet = _locked(line.sheet)
    _require_draft(sheet)
    title = line.title
    RoyaltyLine.objects.filter(pk=line.pk, sheet=sheet).delete()
    refresh_totals(sheet)
    log(
        instance=sheet,
        action="editorial.royalty_line_removed",
        user=user,
        data={"line": line.pk, "title": title},
    )


@transaction.atomic
def set_board_fee(user, sheet: RoyaltySheet, member, amount, note: str = "") -> BoardFee:
    """The head of the board proposes a member's remuneration for the month (S4 Đ7.2c);
    a second proposal for the same member replaces the first."""
    if not holds(user, roles.HEAD, sheet.site_id):
        raise PermissionDenied
    sheet = _locked(sheet)
    _require_draft(sheet)
    if not holds(member, roles.BOARD, sheet.site_id):
        raise ValidationError(_("Only members of this body's board receive this remuneration."))
    try:
        amount = int(str(amount).replace(".", "").strip())
    except ValueError:
        raise ValidationError(_("The fee is a whole number of đồng.")) from None
    if amount <= 0 or amount > 1_000_000_000:
        raise ValidationError(_("The fee must be more than 0 đồng."))
    name = member.get_full_name() or member.get_username()
    fee = BoardFee.objects.filter(sheet=sheet, member=member).first()
    if fee is None:
        fee = BoardFee(sheet=sheet, member=member)
    fee.sheet = sheet
    fee.member_name, fee.proposed_amount, fee.note = name[:255], amount, note[:255]
    fee.save()
    refresh_totals(sheet)
    log(
        instance=sheet,
        action="editorial.royalty_fee_set",
        user=user,
        data={"member": name, "proposed": amount, "note": fee.note},
    )
    return fee


@transaction.atomic
def remove_board_fee(user, fee: BoardFee) -> None:
    if not holds(user, roles.HEAD, fee.sheet.site_id):
        raise PermissionDenied
    sheet = _locked(fee.sheet)
    _require_draft(sheet)
    BoardFee.objects.filter(pk=fee.pk, sheet=sheet).delete()
    refresh_totals(sheet)
    log(
        instance=sheet,
        action="editorial.royalty_fee_removed",
        user=user,
        data={"member": fee.member_name},
    )


def _emails(site, role) -> list[str]:
    from congthongtin.core.bodies import board_of

    return [person.email for person in board_of(site).get(role, []) if person.email]


@transaction.atomic
def propose(user, sheet: RoyaltySheet) -> RoyaltySheet:
    """The head of the board proposes the sheet to the head of the body (S4 Đ7.2a)."""
    if not holds(user, roles.HEAD, sheet.site_id):
        raise PermissionDenied
    sheet = _locked(sheet)
    _require_draft(sheet)
    if not sheet.lines.exists():
        raise ValidationError(_("The sheet has no items: prepare the month first."))
    sheet.status, sheet.proposed_by, sheet.proposed_at = SheetStatus.PROPOSED, user, timezone.now()
    sheet.approved_by, sheet.approved_at = None, None
    sheet.save(update_fields=["status", "proposed_by", "proposed_at", "approved_by", "approved_at"])
    log(
        instance=sheet,
        action="editorial.royalty_proposed",
        user=user,
        data={"month": f"{sheet.month:%Y-%m}", "revision": sheet.revision, "total": sheet.total},
    )
    to = _emails(sheet.site, roles.BODY_HEAD)
    if to:
        queue_email(
            to,
            _("Royalty sheet of %(month)s to approve") % {"month": f"{sheet.month:%m/%Y}"},
            _(
                "The head of the editorial board of %(body)s proposes the royalty sheet of "
                "%(month)s (revision %(revision)s) for your decision."
            )
            % {
                "body": body_name(sheet.site),
                "month": f"{sheet.month:%m/%Y}",
                "revision": sheet.revision,
            },
            purpose="royalty_proposed",
            reference=f"royalty-sheet:{sheet.pk}",
            site=sheet.site,
        )
    return sheet


@transaction.atomic
def return_to_draft(user, sheet: RoyaltySheet, reason: str = "") -> RoyaltySheet:
    """A proposed sheet goes back to the head of the board (his own withdrawal, or the
    head of the body asking for changes)."""
    if not holds(user, [roles.HEAD, roles.BODY_HEAD], sheet.site_id):
        raise PermissionDenied
    sheet = _locked(sheet)
    _refuse_approved(sheet)
    if sheet.status != SheetStatus.PROPOSED:
        raise ValidationError(_("Only a proposed sheet can be returned to draft."))
    sheet.status, sheet.proposed_by, sheet.proposed_at = SheetStatus.DRAFT, None, None
    sheet.save(update_fields=["status", "proposed_by", "proposed_at"])
    log(
        instance=sheet,
        action="editorial.royalty_returned",
        user=user,
        data={"revision": sheet.revision, "reason": reason[:500]},
    )
    return sheet


@transaction.atomic
def approve(user, sheet: RoyaltySheet) -> RoyaltySheet:
    """The head of the body decides (S4 Đ7.2a): only the body's own ``BODY_HEAD``, never
    the person who proposed. The sheet is then locked."""
    if not holds(user, roles.BODY_HEAD, sheet.site_id):
        raise PermissionDenied
    sheet = _locked(sheet)
    if sheet.proposed_by_id == user.pk:
        raise PermissionDenied(_("The person who proposed the sheet cannot approve it."))
    _refuse_approved(sheet)
    if sheet.status != SheetStatus.PROPOSED:
        raise ValidationError(_("Only a proposed sheet can be approved."))
    refresh_totals(sheet)
    sheet.status, sheet.approved_by, sheet.approved_at = (
        SheetStatus.APPROVED,
        user,
        timezone.now(),
    )
    sheet.save(update_fields=["status", "approved_by", "approved_at"])
    log(
        instance=sheet,
        action="editorial.royalty_approved",
        user=user,
        data={"month": f"{sheet.month:%Y-%m}", "revision": sheet.revision, "total": sheet.total},
    )
    to = [
        person.email
        for person in (sheet.proposed_by, sheet.prepared_by)
        if person is not None and person.email
    ]
    if to:
        queue_email(
            sorted(set(to)),
            _("Royalty sheet of %(month)s approved") % {"month": f"{sheet.month:%m/%Y}"},
            _(
                "The head of %(body)s approved the royalty sheet of %(month)s "
                "(revision %(revision)s)."
            )
            % {
                "body": body_name(sheet.site),
                "month": f"{sheet.month:%m/%Y}",
                "revision": sheet.revision,
            },
            purpose="royalty_approved",
            reference=f"royalty-sheet:{sheet.pk}",
            site=sheet.site,
        )
    return sheet


@transaction.atomic
def correct(user, sheet: RoyaltySheet, reason: str = "") -> RoyaltySheet:
    """An approved sheet is corrected through a new revision: a draft copy of its lines and
    fees that supersedes it; the approved one stays as it was."""
    if not holds(user, CORRECTORS, sheet.site_id):
        raise PermissionDenied
    sheet = _locked(sheet)
    if sheet.status != SheetStatus.APPROVED:
        raise ValidationError(_("Only an approved sheet is corrected: change the draft instead."))
    if RoyaltySheet.objects.filter(supersedes=sheet).exists():
        raise ValidationError(_("This revision has already been corrected."))
    top = RoyaltySheet.objects.filter(site=sheet.site, month=sheet.month).aggregate(
        top=Max("revision")
    )["top"]
    new = RoyaltySheet.objects.create(
        site=sheet.site,
        month=sheet.month,
        revision=top + 1,
        prepared_by=user,
        prepared_at=timezone.now(),
        supersedes=sheet,
    )
    lines = list(sheet.lines.all())
    for line in lines:
        line.pk, line.id, line.sheet = None, None, new
    bulk_create_with_history(lines, RoyaltyLine, default_user=user)
    fees = list(sheet.board_fees.all())
    for fee in fees:
        fee.pk, fee.id, fee.sheet = None, None, new
    bulk_create_with_history(fees, BoardFee, default_user=user)
    refresh_totals(new)
    data = {"month": f"{sheet.month:%Y-%m}", "from": sheet.revision, "to": new.revision}
    data["reason"] = reason[:500]
    log(instance=sheet, action="editorial.royalty_corrected", user=user, data=data)
    log(instance=new, action="editorial.royalty_corrected", user=user, data=data)
    return new
