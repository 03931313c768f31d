"""The life cycle of a request to the body: today the Q&A's question (R-QA-1; S1 Đ12).

One function per transition, like ``wagtail.actions``: each checks that the request is in
a state the transition starts from (``TransitionNotAllowed`` otherwise), sets the new
state, writes the ``QuestionEvent`` (who, when, what, note) and queues the e-mail through
``core.outbox.queue_email`` inside the same transaction, so that nothing is announced that
was not committed. They are the only code that writes ``Question.state``
(tests/consultation/test_lifecycle_guard.py): the public views, the admin views, the
signal receivers, the demo loader and the commands call them.

::

    receive → assign ⇄ forward → ask_for_information ⇄ add_information (clock paused)
            ↘ refuse          → extend                  → answer | decide → withdraw
    publish / keep_private: whether an answer is shown on the portal or sent only to the asker

    complaints and denunciations: receive → assign (the named handler) → accept | refuse
            → (ask_for_information, extend) → decide → (answer: the published summary)

Every function takes the request and the actor (a user, or None for the citizen or the
system), and ``at`` (the moment; now by default: the demo loader writes a past) and
``notify`` (False: no e-mail, for the demo). What differs between kinds of request — the
answer time, the calendar, how far a deadline may be extended, whether asking for
information stops the clock — is the kind's ``Policy`` (``POLICIES``): the Q&A's, the
petitions' (Decree 20/2008/NĐ-CP) and the statutory clocks of complaints (Law on
Complaints No. 02/2011/QH13) and denunciations (Law on Denunciations No. 25/2018/QH14).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from . import deadlines, emails
from .deadlines import DeadlineClass
from .indexing import index_question
from .models import Complexity, QuestionEvent, QuestionState, RequestKind

State = QuestionState
Kind = QuestionEvent.Kind

#: The states in which the body still owes the asker something.
OPEN = (State.RECEIVED, State.ASSIGNED, State.INFORMATION_REQUESTED)


class TransitionNotAllowed(Exception):
    """The request is not in a state the transition starts from."""

    def __init__(self, request, action: str, allowed=()):
        self.request, self.action, self.allowed = request, action, tuple(allowed)
        super().__init__(
            gettext("“%(action)s” is not possible for %(code)s in the state “%(state)s”.")
            % {
                "action": action,
                "code": getattr(request, "code", "") or request.pk,
                "state": request.get_state_display() if request.state else "—",
            }
        )


@dataclass(frozen=True)
class Policy:
    """The clock and limits of one kind of request (the Q&A's by default).

    ``max_extensions``: how many times the answer time may be extended;
    ``extension_days``: the most one extension may add (a function of the request,
    because the bodies set their own answer times, consultation.QASettings).
    """

    name: str
    max_extensions: int = 1

    def site(self, request):
        return deadlines.site_of(request)

    def calendar(self, request):
        return deadlines.work_calendar(self.site(request))

    def answer_days(self, request) -> int:
        return deadlines.deadline_days(
            request.deadline_class or DeadlineClass.OWN, self.site(request)
        )

    def base_due_at(self, request) -> datetime.datetime:
        return self.calendar(request).add_working_days(
            request.received_at, self.answer_days(request)
        )

    def extension_days(self, request) -> int:
        """Q&A: one extension, at most the body's own-competence answer time, so that an
        answer never takes more than twice the ordinary time (S1 Đ12.6 sets no extension;
        the bound is the board's rule, written here once)."""
        return deadlines.deadline_days(DeadlineClass.OWN, self.site(request))

    def extensions_allowed(self, request) -> int:
        return self.max_extensions

    def extensions_done(self, request) -> int:
        """Extensions of the current stage (after acceptance, those of the settlement)."""
        events = request.events.filter(kind=Kind.EXTENDED)
        if request.accepted_at is not None:
            accepted = request.events.filter(kind=Kind.ACCEPTED).order_by("pk").last()
            if accepted is not None:
                events = events.filter(pk__gt=accepted.pk)
        return events.count()

    def pauses_clock(self, request) -> bool:
        """Whether asking the sender for more information stops the clock."""
        return True

    def extension_in_working_days(self, request) -> bool:
        """Whether an extension of the current stage is counted in working days."""
        return True

    def extended_due(self, request, days: int) -> datetime.datetime:
        """The due date once ``days`` more are granted (already in ``extended_days``):
        moved from the current one, which may be a special case's appointment."""
        return self.calendar(request).add_working_days(request.due_at, days)

    def due_at(self, request) -> datetime.datetime:
        """From receipt, whatever the routing inside the body (S1 Đ12.6), plus the
        extension and the working time the clock was paused."""
        calendar = self.calendar(request)
        due = self.base_due_at(request)
        if request.extended_days:
            due = calendar.add_working_days(due, request.extended_days)
        if request.paused_time:
            due = calendar.add_working_duration(due, request.paused_time)
        return due


@dataclass(frozen=True)
class PetitionPolicy(Policy):
    """Petitions on administrative regulations and services (Decree 20/2008/NĐ-CP as
    amended by Decree 92/2017/NĐ-CP): answered within the body's own limit
    (``QASettings.petition_days``, else the Q&A's own-competence time), in working days;
    one extension of at most that time, as for the Q&A."""

    def answer_days(self, request) -> int:
        return deadlines.petition_days(self.site(request))

    def extension_days(self, request) -> int:
        return deadlines.petition_days(self.site(request))


@dataclass(frozen=True)
class StatutoryPolicy(Policy):
    """A complaint or a denunciation: two statutory stages, each with its own clock.

    1. Acceptance (thụ lý) or refusal with reasons, counted from receipt:
       ``acceptance_days`` (in working days when ``acceptance_in_working_days``), with at
       most ``acceptance_extension_days`` more once.
    2. Settlement, counted from acceptance: ``settlement_days`` (``remote_settlement_days``
       for a body in a remote area), extended ``extensions[complexity]`` times by at most
       ``settlement_extension_days`` (``remote_…`` likewise) each: the laws allow it for
       complex cases only.

    The laws write these settlement periods in days (ngày): they run on calendar days and
    end at the end of the next working day when the last is a day off (Civil Code 2015
    Art. 147-148; ``WorkCalendar.add_calendar_days``). Asking for more information stops
    the acceptance clock only (the period runs from a letter with the content the law
    requires); once accepted, the settlement period runs on.
    """

    acceptance_days: int = 10
    acceptance_in_working_days: bool = False
    acceptance_extension_days: int = 0
    settlement_days: int = 30
    remote_settlement_days: int = 30
    settlement_extension_days: int = 15
    remote_settlement_extension_days: int = 15
    #: How many settlement extensions each complexity allows.
    extensions: tuple[tuple[str, int], ...] = ()

    def remote(self, request) -> bool:
        return deadlines.remote_area(self.site(request))

    def accepted(self, request) -> bool:
        return request.accepted_at is not None

    def _stage(self, request, extra_days: int) -> datetime.datetime:
        """The end of the current stage counted from its start, with ``extra_days``:
        a period and its extension are one period (“not more than 45 days from the
        acceptance”), so the extension is never added to a date already moved past a
        day off."""
        calendar = self.calendar(request)
        if not self.accepted(request):
            days = self.acceptance_days + extra_days
            if self.acceptance_in_working_days:
                return calendar.add_working_days(request.received_at, days)
            return calendar.add_calendar_days(request.received_at, days)
        days = self.remote_settlement_days if self.remote(request) else self.settlement_days
        return calendar.add_calendar_days(request.accepted_at, days + extra_days)

    def base_due_at(self, request) -> datetime.datetime:
        return self._stage(request, 0)

    def extensions_allowed(self, request) -> int:
        if not self.accepted(request):
            return 1 if self.acceptance_extension_days else 0
        return dict(self.extensions).get(request.complexity, 0)

    def extension_days(self, request) -> int:
        if not self.accepted(request):
            return self.acceptance_extension_days
        if self.remote(request):
            return self.remote_settlement_extension_days
        return self.settlement_extension_days

    def due_at(self, request) -> datetime.datetime:
        due = self._stage(request, request.extended_days)
        if request.paused_time:
            due = self.calendar(request).add_working_duration(due, request.paused_time)
        return due

    def pauses_clock(self, request) -> bool:
        return not self.accepted(request)

    def extension_in_working_days(self, request) -> bool:
        return not self.accepted(request) and self.acceptance_in_working_days

    def extended_due(self, request, days: int) -> datetime.datetime:
        """A statutory period and its extension are one period: recounted from the
        stage's start, never added to a date already moved past a day off."""
        return self.due_at(request)


QUESTION_POLICY = Policy("question")
PETITION_POLICY = PetitionPolicy("petition")
#: Law on Complaints No. 02/2011/QH13 (first settlement): accepted or refused with
#: reasons within 10 days of receipt (Art. 27); settled within 30 days of acceptance,
#: a complex case within 45; in remote, hard-to-reach areas 45, complex 60 (Art. 28).
COMPLAINT_POLICY = StatutoryPolicy(
    "complaint",
    acceptance_days=10,
    settlement_days=30,
    remote_settlement_days=45,
    settlement_extension_days=15,
    remote_settlement_extension_days=15,
    extensions=((Complexity.COMPLEX, 1), (Complexity.VERY_COMPLEX, 1)),
)
#: Law on Denunciations No. 25/2018/QH14: registered, examined and accepted or not within
#: 7 working days of receipt, up to 10 working days when it must be checked in several
#: places (Art. 24.1, acceptance Art. 29); settled within 30 days of acceptance, extended
#: once by at most 30 days for a complex case, twice by at most 30 days each for an
#: especially complex one (Art. 30.1).
DENUNCIATION_POLICY = StatutoryPolicy(
    "denunciation",
    acceptance_days=7,
    acceptance_in_working_days=True,
    acceptance_extension_days=3,
    settlement_days=30,
    remote_settlement_days=30,
    settlement_extension_days=30,
    remote_settlement_extension_days=30,
    extensions=((Complexity.COMPLEX, 1), (Complexity.VERY_COMPLEX, 2)),
)

POLICIES = {
    RequestKind.QUESTION: QUESTION_POLICY,
    RequestKind.PETITION: PETITION_POLICY,
    RequestKind.COMPLAINT: COMPLAINT_POLICY,
    RequestKind.DENUNCIATION: DENUNCIATION_POLICY,
}


def policy_for(request) -> Policy:
    return POLICIES.get(request.kind, QUESTION_POLICY)


# Helpers ---------------------------------------------------------------------------------
def _check(request, action: str, allowed) -> None:
    if request.state not in allowed:
        raise TransitionNotAllowed(request, action, allowed)


def _record(request, kind, *, actor=None, at=None, note="", from_unit=None, to_unit=None):
    """Save the request (simple-history notes the kind as the reason) and log the event."""
    request._change_reason = str(kind)
    request.save()
    return QuestionEvent.objects.create(
        question=request,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        created_at=at or timezone.now(),
        from_unit=from_unit,
        to_unit=to_unit,
        note=note or "",
    )


def _required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValueError(f"{what} is required")
    return text


# Transitions -----------------------------------------------------------------------------
def receive(request, *, actor=None, board_email="", at=None, notify=True, note=""):
    """A new request (not yet saved) is received: the receipt to the asker, the notice to
    the board. ``note`` says where it came from when not from the public form (an online
    exchange)."""
    if request.pk is not None:
        raise TransitionNotAllowed(request, "receive")
    with transaction.atomic():
        request.state = State.RECEIVED
        request.received_at = request.received_at or at or timezone.now()
        # The sender follows the request by code + secret (shown once, e-mailed).
        request.secret = request.set_secret()
        if request.kind != RequestKind.QUESTION:
            # The clock of the other kinds starts at receipt (the Q&A's at assignment,
            # when the deadline class is known); complaints and denunciations are never
            # published unless the handler decides to publish the settlement.
            request.due_at = policy_for(request).due_at(request)
            if request.needs_acceptance:
                request.publish_on_portal = False
        _record(request, Kind.RECEIVED, actor=actor, at=at or request.received_at, note=note)
        if notify:
            emails.received(request, board_email, secret=request.secret)
    return request


def assign(
    request,
    *,
    actor,
    unit,
    deadline_class,
    officer=None,
    appointment_at=None,
    note="",
    at=None,
    notify=True,
):
    """Give the request to the competent unit (again: another officer or deadline class in
    the same unit). To another unit: ``forward``."""
    _check(request, "assign", (State.RECEIVED, State.ASSIGNED))
    if request.unit_id and request.unit_id != unit.pk:
        raise TransitionNotAllowed(request, "assign", ())
    return _route(
        request,
        Kind.ASSIGNED,
        actor,
        unit,
        deadline_class,
        officer,
        appointment_at,
        note,
        at,
        notify,
    )


def forward(
    request,
    *,
    actor,
    unit,
    deadline_class,
    officer=None,
    appointment_at=None,
    note="",
    at=None,
    notify=True,
):
    """Send an assigned request on to another unit; the asker's clock keeps running from
    receipt (the due date is not restarted)."""
    _check(request, "forward", (State.ASSIGNED,))
    if not request.unit_id or request.unit_id == unit.pk:
        raise TransitionNotAllowed(request, "forward", ())
    return _route(
        request,
        Kind.FORWARDED,
        actor,
        unit,
        deadline_class,
        officer,
        appointment_at,
        note,
        at,
        notify,
    )


def _route(request, kind, actor, unit, deadline_class, officer, appointment_at, note, at, notify):
    at = at or timezone.now()
    previous = request.unit if kind == Kind.FORWARDED else None
    special = deadline_class == deadlines.DeadlineClass.SPECIAL
    with transaction.atomic():
        request.unit, request.officer, request.deadline_class = unit, officer, deadline_class
        request.due_at = appointment_at or policy_for(request).due_at(request)
        request.appointment_note = note if special else ""
        request.assigned_at = request.assigned_at or at
        request.state = State.ASSIGNED
        _record(request, kind, actor=actor, at=at, note=note, from_unit=previous, to_unit=unit)
        if notify:
            emails.assigned(request)
    return request


def ask_for_information(request, *, actor, note, at=None, notify=True):
    """The unit needs more from the asker: the clock stops (``paused_at``) until
    ``add_information``."""
    _check(request, "ask for information", (State.ASSIGNED,))
    note = _required(note, "what is asked")
    at = at or timezone.now()
    with transaction.atomic():
        request.state = State.INFORMATION_REQUESTED
        # A settled complaint's or denunciation's clock does not stop (StatutoryPolicy).
        request.paused_at = at if policy_for(request).pauses_clock(request) else None
        _record(request, Kind.INFORMATION_REQUESTED, actor=actor, at=at, note=note)
        if notify:
            emails.information_requested(request, note)
    return request


def _resume(request, at) -> datetime.timedelta:
    """End a pause: the working time it lasted is added to the request and its due date."""
    if request.paused_at is None:
        return datetime.timedelta(0)
    calendar = policy_for(request).calendar(request)
    paused = calendar.working_time_between(request.paused_at, at)
    request.paused_at = None
    if paused:
        request.paused_time += paused
        if request.due_at is not None:
            request.due_at = calendar.add_working_duration(request.due_at, paused)
    return paused


def add_information(request, *, text, actor=None, at=None, notify=True):
    """The asker's reply: the clock runs again, the due date moved by the paused working
    time (a weekend or a holiday in the pause moves nothing)."""
    _check(request, "add information", (State.INFORMATION_REQUESTED,))
    text = _required(text, "the information")
    at = at or timezone.now()
    with transaction.atomic():
        _resume(request, at)
        request.state = State.ASSIGNED
        _record(request, Kind.INFORMATION_ADDED, actor=actor, at=at, note=text)
        if notify:
            emails.information_added(request, text)
    return request


def extend(request, *, actor, reason, working_days, complexity=None, at=None, notify=True):
    """More time, with the reason the sender is told; at most
    ``Policy.extensions_allowed`` times in the stage, each at most
    ``Policy.extension_days`` (working days, or days for a complaint's or a
    denunciation's settlement). ``complexity``: a complaint or denunciation found complex
    (the laws allow an extension for complex cases only)."""
    _check(request, "extend", (State.ASSIGNED, State.INFORMATION_REQUESTED))
    if request.state == State.INFORMATION_REQUESTED and request.paused_at is not None:
        raise TransitionNotAllowed(request, "extend", (State.ASSIGNED,))
    reason = _required(reason, "the reason")
    policy = policy_for(request)
    if complexity and request.needs_acceptance and request.accepted_at is not None:
        request.complexity = complexity
    allowed = policy.extensions_allowed(request)
    if policy.extensions_done(request) >= allowed or not (
        1 <= working_days <= policy.extension_days(request)
    ):
        raise TransitionNotAllowed(request, "extend", ())
    with transaction.atomic():
        request.extended_days += working_days
        request.due_at = policy.extended_due(request, working_days)
        _record(request, Kind.EXTENDED, actor=actor, at=at, note=reason)
        if notify:
            emails.extended(request, reason)
    return request


def refuse(request, *, actor, reason, guidance, at=None, notify=True):
    """Not received (a complaint, a denunciation, out of scope… S1 Đ12.2), with guidance
    to the right channel; a complaint or denunciation not accepted for settlement, with
    the reasons (Law on Complaints Art. 27; Law on Denunciations Art. 29), before
    acceptance only."""
    _check(request, "refuse", OPEN)
    if request.accepted_at is not None:
        raise TransitionNotAllowed(request, "refuse", ())
    with transaction.atomic():
        request.state = State.REFUSED
        request.refusal_reason, request.refusal_note = reason, guidance
        request.refused_at = at or timezone.now()
        request.paused_at = None
        _record(
            request,
            Kind.REFUSED,
            actor=actor,
            at=request.refused_at,
            note=request.get_refusal_reason_display(),
        )
        if notify:
            emails.refused(request)
    return request


def accept(request, *, actor, at=None, notify=True):
    """A complaint or denunciation is accepted for settlement (thụ lý; Law on Complaints
    Art. 27, Law on Denunciations Art. 29) by the body's named handler: the settlement
    clock starts from now (``StatutoryPolicy``), the sender is told in writing."""
    _check(request, "accept", (State.ASSIGNED, State.INFORMATION_REQUESTED))
    if not request.needs_acceptance or request.accepted_at is not None or not request.officer_id:
        raise TransitionNotAllowed(request, "accept", ())
    at = at or timezone.now()
    with transaction.atomic():
        if request.paused_at is not None:
            _resume(request, at)
        request.state = State.ASSIGNED
        request.accepted_at = at
        # The acceptance stage's extension and pause end with it.
        request.extended_days = 0
        request.paused_time = datetime.timedelta(0)
        request.due_at = policy_for(request).due_at(request)
        _record(request, Kind.ACCEPTED, actor=actor, at=at)
        if notify:
            emails.accepted(request)
    return request


def _conclude(request, kind, *, actor, answer, note, at, notify):
    _check(request, str(kind), (State.ASSIGNED, State.INFORMATION_REQUESTED, State.ANSWERED))
    if request.needs_acceptance and request.accepted_at is None:
        # A complaint or denunciation is settled only once accepted for settlement.
        raise TransitionNotAllowed(request, str(kind), ())
    at = at or timezone.now()
    first_time = request.state != State.ANSWERED and request.answered_at is None
    with transaction.atomic():
        request.paused_at = None  # answered: the clock has stopped for good
        request.state = State.ANSWERED
        request.answered_at = request.answered_at or at
        _record(request, kind, actor=actor, at=at, note=note)
        index_question(request)
        if first_time and notify:
            answer = answer if answer is not None else getattr(request, "answer", None)
            emails.answered(request, answer, note)
    return request


def answer(request, *, actor=None, answer=None, at=None, notify=True):
    """The answer is published (the last step of the editorial workflow, R-WF-4): the
    asker receives it the first time only."""
    return _conclude(
        request, Kind.ANSWERED, actor=actor, answer=answer, note="", at=at, notify=notify
    )


def decide(request, *, actor, note="", answer=None, at=None, notify=True):
    """The same end for a kind whose outcome is a decision rather than an answer."""
    return _conclude(
        request, Kind.DECIDED, actor=actor, answer=answer, note=note, at=at, notify=notify
    )


def withdraw(request, *, actor=None, at=None):
    """The answer is unpublished: the request is being answered again."""
    with transaction.atomic():
        if request.state == State.ANSWERED:
            request.state = State.ASSIGNED
        _record(request, Kind.WITHDRAWN, actor=actor, at=at)
        index_question(request)
    return request


def _visibility(request, shown: bool, kind, actor, at):
    _check(
        request,
        str(kind),
        (State.RECEIVED, State.ASSIGNED, State.INFORMATION_REQUESTED, State.ANSWERED),
    )
    if request.publish_on_portal == shown:
        return request
    with transaction.atomic():
        request.publish_on_portal = shown
        _record(request, kind, actor=actor, at=at)
        index_question(request)
    return request


def publish(request, *, actor, at=None):
    """The answer is shown on the portal once published (the default)."""
    return _visibility(request, True, Kind.PUBLISHED, actor, at)


def keep_private(request, *, actor, at=None):
    """The answer goes to the asker only (S1 Đ12.4)."""
    return _visibility(request, False, Kind.KEPT_PRIVATE, actor, at)


def submitted(request, *, actor=None, at=None):
    """The answer was submitted to the board's workflow: logged, the state unchanged."""
    return QuestionEvent.objects.create(
        question=request,
        kind=Kind.SUBMITTED,
        actor=actor if getattr(actor, "pk", None) else None,
        created_at=at or timezone.now(),
    )
