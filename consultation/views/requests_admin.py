"""The admin's actions on a request of any kind (Q&A, petition, complaint, denunciation)
and the dashboards of open, due-soon and overdue requests per kind, unit and handler.

Each action screen calls ONE function of ``consultation.lifecycle`` and asks first who
may act (``may_route``, ``may_handle``, ``may_refuse``): another body's request is
refused (403) like one the user may not touch. For a denunciation only the named handler
(``officer``) and the head of the body accept, ask, extend, decide or refuse it, because
only they may read it (``consultation.confidentiality``); the board routes it without
reading it.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from congthongtin.core import roles
from congthongtin.core.bodies import archive_site_ids, holds

from .. import lifecycle
from ..confidentiality import MASK, may_see_identity, shown
from ..deadlines import reminder_working_days, site_of, work_calendar
from ..models import Question, QuestionState, RefusalReason, RequestKind
from ..permissions import may_act_on_question, may_answer, visible_questions
from ..request_forms import AskForm, DecideForm, ExtendForm, RequestRefuseForm, reasons_for

logger = logging.getLogger(__name__)

State = QuestionState

#: The admin viewset (URL namespace) of each kind.
NAMESPACES = {
    RequestKind.QUESTION: "consultation_question",
    RequestKind.PETITION: "consultation_petition",
    RequestKind.COMPLAINT: "consultation_complaint",
    RequestKind.DENUNCIATION: "consultation_denunciation",
}


def edit_url(question) -> str:
    namespace = NAMESPACES.get(question.kind, "consultation_question")
    return reverse(f"{namespace}:edit", args=[question.pk])


def back_url(question) -> str:
    """Where an action screen returns: the Q&A's edit screen; for the other kinds the
    request's own screen (``request_detail``), which their handlers may open."""
    if question.kind == RequestKind.QUESTION:
        return edit_url(question)
    return reverse("consultation_admin:request", args=[question.pk])


# Who may act -------------------------------------------------------------------------------
def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _archived(question) -> bool:
    return site_of(question) in archive_site_ids()


def is_body_head(user, question) -> bool:
    site_id = site_of(question)
    return _active(user) and site_id is not None and holds(user, roles.BODY_HEAD, site_id)


def may_route(user, question) -> bool:
    """Assign or forward: the board of the request's body (any kind; for a denunciation
    it names the handler without reading the letter)."""
    return (
        _active(user)
        and user.has_perm("consultation.change_question")
        and may_act_on_question(user, question)
    )


def may_handle(user, question) -> bool:
    """Accept, ask for information, extend, decide: for a denunciation, its named handler
    and the head of the body only; for a complaint, also the board; for the Q&A and
    petitions, whoever may answer it (the board, the officer it is given to)."""
    if not _active(user) or _archived(question):
        return False
    if question.identity_confidential:
        return question.officer_id == user.pk or is_body_head(user, question)
    if question.needs_acceptance and (
        question.officer_id == user.pk or is_body_head(user, question)
    ):
        return True
    return may_answer(user, question) and (
        question.officer_id == user.pk or may_route(user, question)
    )


def may_refuse(user, question) -> bool:
    """Refuse: a denunciation by its handler or the head of the body (who read it); a
    complaint also by the board; a question or petition by the board."""
    if question.identity_confidential:
        return may_handle(user, question)
    if question.needs_acceptance:
        return may_route(user, question) or may_handle(user, question)
    return may_route(user, question)


# What is possible now ----------------------------------------------------------------------
def can_route(question) -> bool:
    return question.state in (State.RECEIVED, State.ASSIGNED)


def can_accept(question) -> bool:
    return (
        question.needs_acceptance
        and question.accepted_at is None
        and bool(question.officer_id)
        and question.state in (State.ASSIGNED, State.INFORMATION_REQUESTED)
    )


def can_ask(question) -> bool:
    return question.state == State.ASSIGNED


def extension_room(question) -> int:
    """The most days one extension may add now (0: none possible)."""
    if not (
        question.state == State.ASSIGNED
        or (question.state == State.INFORMATION_REQUESTED and question.paused_at is None)
    ):
        return 0
    policy = lifecycle.policy_for(question)
    if question.needs_acceptance and question.accepted_at is not None:
        # Complex cases only: whether one more is allowed depends on the complexity the
        # handler finds; the most any complexity allows.
        stage_allows = max(dict(policy.extensions).values() or [0])
    else:
        stage_allows = policy.extensions_allowed(question)
    if policy.extensions_done(question) >= stage_allows:
        return 0
    return max(policy.extension_days(question), 0)


def can_decide(question) -> bool:
    return (
        question.needs_acceptance
        and question.accepted_at is not None
        and question.state in (State.ASSIGNED, State.INFORMATION_REQUESTED)
    )


def can_refuse(question) -> bool:
    return question.state in lifecycle.OPEN and question.accepted_at is None


def available_actions(user, question) -> list[dict]:
    """The buttons of the request's status panel: the transitions possible now that the
    user may make."""
    if question is None or question.pk is None or not _active(user):
        return []
    actions = []

    def add(name, label, allowed, danger=False):
        if allowed:
            url = reverse(f"consultation_admin:{name}", args=[question.pk])
            actions.append({"name": name, "url": url, "label": label, "danger": danger})

    add(
        "assign",
        gettext("Forward to another unit") if question.unit_id else gettext("Assign to a unit"),
        can_route(question) and may_route(user, question),
    )
    handles = may_handle(user, question)
    add("accept", gettext("Accept for settlement"), handles and can_accept(question))
    add("ask", gettext("Ask the sender for information"), handles and can_ask(question))
    add("extend", gettext("Extend the time limit"), handles and extension_room(question) > 0)
    add("decide", gettext("Record the decision"), handles and can_decide(question))
    add(
        "refuse",
        gettext("Do not accept"),
        can_refuse(question) and may_refuse(user, question),
        danger=True,
    )
    return actions


# The screens -------------------------------------------------------------------------------
def _request_for(request, pk, allowed) -> Question:
    question = get_object_or_404(Question.objects.select_related("page", "unit", "officer"), pk=pk)
    if not allowed(request.user, question):
        raise PermissionDenied
    return question


NOT_NOW = _(
    "This cannot be done now: the request is “%(state)s”. Reload the request to see what "
    "is possible."
)


def _not_now(request, question):
    messages.error(request, gettext(NOT_NOW) % {"state": question.get_state_display()})
    return redirect(back_url(question))


def _render(request, question, form, title, **extra):
    """The action screen: the request as the user may read it (a denunciation's letter
    masked for whoever may not see it), and the form."""
    context = {
        "question": question,
        "form": form,
        "title": title,
        "letter": shown(request.user, question, "body"),
        "identity_visible": may_see_identity(request.user, question),
        "cancel_url": back_url(question),
        **extra,
    }
    return TemplateResponse(request, "consultation/admin/request_action.html", context)


def assign_request(request, question):
    """Assign or forward a petition, complaint or denunciation (called by the Q&A's
    ``assign_question`` once it has checked the board's right): the unit and the named
    handler, required; the kind's own clock."""
    from ..request_forms import RequestAssignForm

    if not can_route(question):
        return _not_now(request, question)
    form = RequestAssignForm(
        request.POST or None,
        question=question,
        initial={"unit": question.unit_id, "officer": question.officer_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        forwarded = question.unit_id is not None and question.unit_id != data["unit"].pk
        route = lifecycle.forward if forwarded else lifecycle.assign
        try:
            route(
                question,
                actor=request.user,
                unit=data["unit"],
                officer=data["officer"],
                deadline_class=data["deadline_class"],
                note=data.get("note", ""),
            )
        except lifecycle.TransitionNotAllowed:
            return _not_now(request, question)
        messages.success(
            request,
            gettext("Request %(code)s given to %(unit)s, due %(due)s.")
            % {"code": question.code, "unit": question.unit.name, "due": _when(question.due_at)},
        )
        return redirect(back_url(question))
    title = gettext("Forward to another unit") if question.unit_id else gettext("Assign to a unit")
    return _render(
        request,
        question,
        form,
        title,
        legal=_legal_limits(question, lifecycle.policy_for(question)),
    )


@require_GET
def request_detail(request, pk):
    """The request as the user may read it, its state, history and the actions they may
    take: the screen of a denunciation's handler and of the head of the body, who do not
    edit requests in the listing's screens; anyone who reaches the request reads it here
    (a denunciation's sender and letter masked but for those two)."""
    question = get_object_or_404(Question.objects.select_related("page", "unit", "officer"), pk=pk)
    reaches = visible_questions(request.user).filter(pk=question.pk).exists()
    if not (reaches or may_handle(request.user, question) or may_refuse(request.user, question)):
        raise PermissionDenied
    now = timezone.now()
    context = {
        "question": question,
        "title": question.code,
        "letter": shown(request.user, question, "body"),
        "identity_visible": may_see_identity(request.user, question),
        "mask": MASK,
        "now": now,
        "overdue_days": question.overdue_days(now),
        "is_overdue": question.is_overdue(now),
        "events": question.events.select_related("actor", "from_unit", "to_unit"),
        "answer": None,
        "actions": available_actions(request.user, question),
        "cancel_url": reverse("consultation_admin:my_requests"),
    }
    return TemplateResponse(request, "consultation/admin/request_detail.html", context)


def accept_request(request, pk):
    """Accept a complaint or denunciation for settlement (Law on Complaints Art. 27; Law
    on Denunciations Art. 29): a confirmation screen, then ``lifecycle.accept``."""
    question = _request_for(request, pk, may_handle)
    if not can_accept(question):
        return _not_now(request, question)
    if request.method == "POST":
        try:
            lifecycle.accept(question, actor=request.user)
        except lifecycle.TransitionNotAllowed:
            return _not_now(request, question)
        messages.success(
            request,
            gettext("Request %(code)s accepted for settlement; the settlement is due %(due)s.")
            % {"code": question.code, "due": _when(question.due_at)},
        )
        return redirect(back_url(question))
    policy = lifecycle.policy_for(question)
    return _render(
        request,
        question,
        None,
        gettext("Accept for settlement"),
        legal=_legal_limits(question, policy),
        confirm=gettext(
            "Accepting starts the settlement period; the sender is told in writing, with "
            "the due date."
        ),
    )


def ask_for_information(request, pk):
    question = _request_for(request, pk, may_handle)
    if not can_ask(question):
        return _not_now(request, question)
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.ask_for_information(
                question, actor=request.user, note=form.cleaned_data["note"]
            )
        except (lifecycle.TransitionNotAllowed, ValueError):
            return _not_now(request, question)
        messages.success(
            request,
            gettext("The sender of %(code)s has been asked for more information.")
            % {"code": question.code},
        )
        return redirect(back_url(question))
    pauses = lifecycle.policy_for(question).pauses_clock(question)
    return _render(
        request,
        question,
        form,
        gettext("Ask the sender for information"),
        confirm=gettext("The clock stops until the sender answers.")
        if pauses
        else gettext(
            "Once a request is accepted for settlement, the settlement period runs on "
            "while you wait for the answer."
        ),
    )


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "—"


def _legal_limits(question, policy) -> list[str]:
    """The statutory time limits of the request's kind, with their articles."""
    kind = question.kind
    if kind == RequestKind.COMPLAINT:
        return [
            gettext(
                "Acceptance or refusal with reasons: within 10 days of receipt (Law on "
                "Complaints No. 02/2011/QH13, Art. 27)."
            ),
            gettext(
                "Settlement: 30 days from acceptance, at most 45 for a complex case; in "
                "remote, hard-to-reach areas 45, at most 60 for a complex case (Art. 28)."
            ),
        ]
    if kind == RequestKind.DENUNCIATION:
        return [
            gettext(
                "Acceptance: within 7 working days of receipt, at most 10 when it must be "
                "checked in several places (Law on Denunciations No. 25/2018/QH14, Art. 24 "
                "and 29)."
            ),
            gettext(
                "Settlement: 30 days from acceptance; a complex case extended once by at "
                "most 30 days, an especially complex one twice by at most 30 days each "
                "(Art. 30)."
            ),
        ]
    if kind == RequestKind.PETITION:
        return [
            gettext(
                "Answered within the body's time limit, in working days; one extension of "
                "at most that time (Decree 20/2008/NĐ-CP, amended by Decree 92/2017/NĐ-CP)."
            )
        ]
    return [
        gettext(
            "Answered within the deadline class's working days; one extension of at most "
            "the own-competence answer time (the board's rule)."
        )
    ]


def extend_request(request, pk):
    question = _request_for(request, pk, may_handle)
    room = extension_room(question)
    if room <= 0:
        return _not_now(request, question)
    policy = lifecycle.policy_for(question)
    settling = question.needs_acceptance and question.accepted_at is not None
    form = ExtendForm(request.POST or None, max_days=room, with_complexity=settling)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lifecycle.extend(
                question,
                actor=request.user,
                reason=data["reason"],
                working_days=data["days"],
                complexity=data.get("complexity") or None,
            )
        except (lifecycle.TransitionNotAllowed, ValueError):
            question.refresh_from_db()
            form.add_error(
                None,
                gettext(
                    "This extension is not allowed: the law allows no more extensions of "
                    "this stage for this complexity, or the days exceed the limit."
                ),
            )
        else:
            messages.success(
                request,
                gettext("Request %(code)s extended; now due %(due)s.")
                % {"code": question.code, "due": _when(question.due_at)},
            )
            return redirect(back_url(question))
    in_working_days = policy.extension_in_working_days(question)
    unit = gettext("working days") if in_working_days else gettext("days")
    return _render(
        request,
        question,
        form,
        gettext("Extend the time limit"),
        legal=_legal_limits(question, policy),
        confirm=gettext("At most %(days)s %(unit)s in this extension; now due %(due)s.")
        % {"days": room, "unit": unit, "due": _when(question.due_at)},
    )


def decide_request(request, pk):
    question = _request_for(request, pk, may_handle)
    if not can_decide(question):
        return _not_now(request, question)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.decide(question, actor=request.user, note=form.cleaned_data["note"])
        except (lifecycle.TransitionNotAllowed, ValueError):
            return _not_now(request, question)
        messages.success(
            request, gettext("The decision on %(code)s is recorded.") % {"code": question.code}
        )
        return redirect(back_url(question))
    return _render(request, question, form, gettext("Record the decision"))


#: Guidance for a complaint or denunciation that cannot be accepted.
STATUTORY_GUIDANCE = {
    (RequestKind.COMPLAINT, RefusalReason.NOT_COMPETENT): _(
        "Your complaint is not within this body's competence to settle. Under the Law on "
        "Complaints No. 02/2011/QH13 (Art. 27), send it to the body or person who made the "
        "decision or did the act complained about, or to its superior."
    ),
    (RequestKind.COMPLAINT, RefusalReason.NOT_ADMISSIBLE): _(
        "Your complaint cannot be accepted for settlement: it falls in one of the cases of "
        "the Law on Complaints No. 02/2011/QH13, Art. 11 (for example, lodged after the "
        "90-day limit of Art. 9, about a decision not affecting you, or already settled)."
    ),
    (RequestKind.DENUNCIATION, RefusalReason.NOT_COMPETENT): _(
        "Your denunciation is not within this body's competence to settle. Under the Law on "
        "Denunciations No. 25/2018/QH14 (Art. 29), it is sent to the competent body."
    ),
    (RequestKind.DENUNCIATION, RefusalReason.NOT_ADMISSIBLE): _(
        "Your denunciation does not meet the conditions for acceptance of the Law on "
        "Denunciations No. 25/2018/QH14, Art. 29 (it must state the denouncer's name and "
        "address and the wrongdoing, with its basis)."
    ),
}


def guidance_for(kind, reason) -> str:
    from .admin import DEFAULT_GUIDANCE

    text = STATUTORY_GUIDANCE.get((kind, reason)) or DEFAULT_GUIDANCE.get(reason, "")
    return str(text)


def refuse_request(request, pk):
    """Not received (Q&A, petition) or not accepted for settlement (complaint,
    denunciation), with kind-aware reasons and the guidance sent to the sender."""
    question = _request_for(request, pk, may_refuse)
    if not can_refuse(question):
        return _not_now(request, question)
    reasons = reasons_for(question.kind)
    values = [value for value, _label in reasons]
    reason = request.GET.get("ly_do")
    if reason not in values:
        if question.kind == RequestKind.QUESTION and question.complaint_warning:
            reason = RefusalReason.COMPLAINT
        elif question.kind == RequestKind.QUESTION:
            reason = RefusalReason.OUT_OF_SCOPE
        else:
            reason = values[0]
    form = RequestRefuseForm(
        request.POST or None,
        kind=question.kind,
        initial={"reason": reason, "guidance": guidance_for(question.kind, reason)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.refuse(
                question,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                guidance=form.cleaned_data["guidance"],
            )
        except lifecycle.TransitionNotAllowed:
            return _not_now(request, question)
        messages.success(
            request, gettext("Request %(code)s not accepted.") % {"code": question.code}
        )
        return redirect(back_url(question))
    return _render(
        request,
        question,
        form,
        gettext("Do not accept"),
        reasons=reasons,
        danger=True,
        legal=_legal_limits(question, lifecycle.policy_for(question))
        if question.needs_acceptance
        else [],
    )


# Dashboards --------------------------------------------------------------------------------
def _open_requests(queryset):
    """The open requests, with only what the dashboards print (never the sender's data
    or the letter): one query."""
    return list(
        queryset.open()
        .select_related("unit", "officer", "page")
        .only(
            "pk",
            "code",
            "title",
            "kind",
            "state",
            "due_at",
            "received_at",
            "paused_at",
            "unit__name",
            "officer__username",
            "officer__first_name",
            "officer__last_name",
            "page__url_path",
            "page__path",
        )
        .order_by("due_at", "received_at")
    )


class Clock:
    """Per body (the bodies' calendars and reminder days differ), when "due soon" ends:
    one look-up per body, not per request."""

    def __init__(self, now):
        self.now = now
        self.limits: dict[int | None, object] = {}

    def soon_limit(self, site_id):
        if site_id not in self.limits:
            days = reminder_working_days(site_id)
            self.limits[site_id] = work_calendar(site_id).add_working_days(self.now, days)
        return self.limits[site_id]

    def status(self, question) -> str:
        """ "overdue", "soon" or "" (in time, or no due date yet)."""
        if question.due_at is None:
            return ""
        if question.due_at < self.now:
            return "overdue"
        if question.due_at <= self.soon_limit(site_of(question)):
            return "soon"
        return ""


def _blank():
    return {"open": 0, "soon": 0, "overdue": 0}


def tally(questions, now) -> dict:
    """Kind × (open, due soon, overdue), the same per unit and per handler."""
    clock = Clock(now)
    kinds = {value: {"label": label, **_blank()} for value, label in RequestKind.choices}
    units: dict = {}
    handlers: dict = {}
    for question in questions:
        status = clock.status(question)
        question.clock_status = status
        rows = [kinds.setdefault(question.kind, {"label": question.kind, **_blank()})]
        rows.append(units.setdefault(question.unit_id, {"unit": question.unit, **_blank()}))
        rows.append(
            handlers.setdefault(question.officer_id, {"officer": question.officer, **_blank()})
        )
        for row in rows:
            row["open"] += 1
            if status:
                row[status] += 1
    return {
        "kinds": list(kinds.values()),
        "units": sorted(
            units.values(), key=lambda r: (r["unit"] is None, r["unit"].name if r["unit"] else "")
        ),
        "handlers": sorted(
            handlers.values(),
            key=lambda r: (
                r["officer"] is None,
                r["officer"].get_username() if r["officer"] else "",
            ),
        ),
    }


class RequestDashboardView(TemplateView):
    """Every kind of request of the user's bodies: open, due soon (within the body's
    reminder working days), overdue; per unit and per handler."""

    template_name = "consultation/admin/requests_dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("consultation.view_question"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        questions = _open_requests(visible_questions(self.request.user))
        context.update(tally(questions, now))
        context["overdue"] = [q for q in questions if q.clock_status == "overdue"]
        context["soon"] = [q for q in questions if q.clock_status == "soon"]
        context["now"] = now
        context["namespaces"] = NAMESPACES
        return context


def handled_by(user):
    """The open requests given to ``user`` (as officer or named handler), on their bodies
    that are not archived."""
    return Question.objects.filter(officer=user)


class MyRequestsView(TemplateView):
    """A handler's open requests with their due dates: code, kind and title only."""

    template_name = "consultation/admin/my_requests.html"

    def dispatch(self, request, *args, **kwargs):
        if not _active(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        questions = _open_requests(handled_by(self.request.user))
        totals = tally(questions, now)
        for question in questions:
            question.admin_url = reverse("consultation_admin:request", args=[question.pk])
        context.update(
            {
                "requests": questions,
                "kinds": totals["kinds"],
                "now": now,
            }
        )
        return context


__all__ = [
    "MASK",
    "MyRequestsView",
    "RequestDashboardView",
    "accept_request",
    "ask_for_information",
    "available_actions",
    "decide_request",
    "extend_request",
    "refuse_request",
]
