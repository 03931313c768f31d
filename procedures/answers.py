"""A procedure as the answer at the top of site search (issue 25 §4; core.search_items'
``SEARCH_ANSWERS_HOOK``): its time limit, fees, where to submit, level and code, as the
procedure page's "At a glance" box gives them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congthongtin.core.search_items import QuickAnswer, shorten

from .models import ProcedurePage
from .templatetags.procedure_tags import format_vnd

#: Fee lines named in the answer; the page lists them all.
FEE_LINES = 2
#: Longest fact value (a time limit as the law words it, an office's address).
FACT_LENGTH = 200


def procedure_answer(*, source: str, page_id: int | None, category: str) -> QuickAnswer | None:
    """The facts of a live procedure page for the search row of ``page_id``; one query."""
    if category != ProcedurePage.search_category or not page_id:
        return None
    page = ProcedurePage.objects.live().select_related("agency").filter(pk=page_id).first()
    if page is None:
        return None
    facts = [
        (_("Time limit"), time_limit(page)),
        (_("Fees and charges"), fees(page)),
        (_("Where to submit"), where_to_submit(page)),
        (_("Level of implementation"), level(page)),
        (_("Procedure code"), page.code),
    ]
    return QuickAnswer(
        title=page.title,
        facts=tuple((str(label), value) for label, value in facts if value),
        excerpt=shorten(page.summary, 300),
        link_label=_("See the whole procedure"),
        kind="procedure",
    )


def time_limit(page: ProcedurePage) -> str:
    parts = []
    if page.processing_days is not None:
        days = page.processing_days
        parts.append(ngettext("%(n)s working day", "%(n)s working days", days) % {"n": days})
    if (page.processing_time_text or "").strip():
        parts.append(page.processing_time_text.strip())
    return shorten(" – ".join(parts), FACT_LENGTH)


def fees(page: ProcedurePage) -> str:
    """ "No fee" when there is none or every amount is 0, else the first lines."""
    lines = [block.value for block in page.fees]
    if all(line.get("amount") == 0 for line in lines):
        return _("No fee")
    shown = []
    for line in lines[:FEE_LINES]:
        amount = line.get("amount")
        if amount == 0:
            value = _("free")
        elif amount is not None:
            value = format_vnd(amount)
        else:  # no single amount in law: its note says how much
            value = shorten(line.get("note") or "", 80) or _("see the details")
        shown.append(f"{line.get('name') or ''}: {value}".strip(": "))
    text = "; ".join(shown)
    return text + ("; …" if len(lines) > FEE_LINES else "")


def where_to_submit(page: ProcedurePage) -> str:
    """The first office where the dossier goes in person (the agency when none is named),
    and whether it may also go by post or online."""
    where = page.submission_summary()
    place = where["places"][0] if where["places"] else ""
    if not place and where["in_person"] and page.agency_id:
        place = page.agency.name
    ways = []
    if where["post"]:
        ways.append(_("by post"))
    if where["online"]:
        ways.append(_("online"))
    also = ", ".join(ways)
    if place and also:
        return f"{shorten(place, FACT_LENGTH)}. {_('Also possible')}: {also}."
    if also:
        return also[0].upper() + also[1:] + "."
    return shorten(place, FACT_LENGTH)


def level(page: ProcedurePage) -> str:
    text = page.get_level_display()
    return f"{text} – {page.agency.name}" if page.agency_id else text
