"""The Q&A's e-mails: rendered from ``consultation/email/*.txt`` and queued through
``core.outbox.queue_email`` (inside the caller's transaction: an e-mail leaves only when
the change it reports is committed).

The life cycle (``consultation.lifecycle``) and the reminder command call these; no view
renders an e-mail any more, so a signal receiver or a command never imports a view.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from congthongtin.core.outbox import queue_email

from .deadlines import site_of
from .models import DISCLAIMER


def render_email(template: str, question=None, **context) -> str:
    """The plain-text body of an e-mail; every e-mail about a question repeats S1 Đ12.8's
    disclaimer (``disclaimer`` in the context)."""
    return render_to_string(
        template, {"question": question, "disclaimer": DISCLAIMER, **context}
    ).strip()


def absolute_admin_url(path: str) -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def question_admin_url(question) -> str:
    """The request's screen in the administration: the Q&A's edit screen, or for the
    other kinds the request's own screen (its handler may open it; the Q&A screens 404)."""
    if question.kind == "hoi-dap":
        return absolute_admin_url(reverse("consultation_question:edit", args=[question.pk]))
    return absolute_admin_url(reverse("consultation_admin:request", args=[question.pk]))


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else ""


def _queue(question, to, subject, template, purpose, **context):
    # A denunciation's letter and the denouncer's words stay out of e-mails to staff
    # (Law on Denunciations Art. 9.1b, 47-48): the templates print them only when this
    # is False, and the handler reads them in the administration.
    context.setdefault("confidential", question.identity_confidential)
    return queue_email(
        to,
        subject,
        render_email(template, question, **context),
        purpose=purpose,
        reference=f"question:{question.pk}",
        site=site_of(question),
    )


def _subject(text: str, question) -> str:
    return text % {"code": question.code, "title": question.title}


def _to_sender(question, for_question: str, for_request: str) -> str:
    """The subject of an e-mail to the sender: a question's words for the Q&A, a request's
    for a petition, a complaint or a denunciation (its kind written in the subject)."""
    if question.kind == "hoi-dap":
        return _subject(for_question, question)
    return for_request % {
        "code": question.code,
        "title": question.title,
        "kind": question.get_kind_display().lower(),
    }


def received(question, board_email: str = "", secret: str = "") -> None:
    """The receipt to the asker (with the secret that, with the code, opens the tracking
    page) and the notice to the body's board."""
    _queue(
        question,
        [question.email],
        _to_sender(
            question,
            gettext("Your question %(code)s has been received"),
            gettext("Your request %(code)s has been received"),
        ),
        "consultation/email/question_received.txt",
        "question.receipt",
        tracking=question.tracking_full_url(),
        secret=secret,
        confidential=False,
    )
    _queue(
        question,
        [board_email],
        gettext("New question %(code)s: %(title)s")
        % {"code": question.code, "title": question.title}
        if question.kind == "hoi-dap"
        else gettext("New request %(code)s (%(kind)s): %(title)s")
        % {"code": question.code, "kind": question.get_kind_display(), "title": question.title},
        "consultation/email/question_new_board.txt",
        "question.new",
    )


def assigned(question) -> None:
    """The unit and its officer learn what to answer by when; for a special case the asker
    also receives the appointment (S1 Đ12.6c)."""
    officer = question.officer.email if question.officer_id else ""
    unit = question.unit.email if question.unit_id else ""
    _queue(
        question,
        [officer, unit],
        gettext("Question %(code)s to answer by %(due)s")
        % {"code": question.code, "due": local_time(question.due_at)},
        "consultation/email/question_assigned.txt",
        "question.assigned",
        admin_url=question_admin_url(question),
    )
    from .deadlines import DeadlineClass

    if question.deadline_class == DeadlineClass.SPECIAL:
        _queue(
            question,
            [question.email],
            _subject(gettext("Appointment for the answer to your question %(code)s"), question),
            "consultation/email/question_appointment.txt",
            "question.appointment",
            tracking=question.tracking_full_url(),
        )


def refused(question) -> None:
    _queue(
        question,
        [question.email],
        _to_sender(
            question,
            gettext("Your question %(code)s was not accepted"),
            gettext("Your %(kind)s %(code)s was not accepted"),
        ),
        "consultation/email/question_refused.txt",
        "question.refused",
        tracking=question.tracking_full_url(),
    )


def information_requested(question, note: str) -> None:
    _queue(
        question,
        [question.email],
        _to_sender(
            question,
            gettext("More information needed for your question %(code)s"),
            gettext("More information needed for your %(kind)s %(code)s"),
        ),
        "consultation/email/question_information_requested.txt",
        "question.information_requested",
        note=note,
        tracking=question.tracking_full_url(),
    )


def information_added(question, text: str) -> None:
    officer = question.officer.email if question.officer_id else ""
    unit = question.unit.email if question.unit_id else ""
    _queue(
        question,
        [officer, unit],
        gettext("Question %(code)s: the asker added information; due %(due)s")
        % {"code": question.code, "due": local_time(question.due_at)},
        "consultation/email/question_information_added.txt",
        "question.information_added",
        text=text,
        admin_url=question_admin_url(question),
    )


def extended(question, reason: str) -> None:
    _queue(
        question,
        [question.email],
        _to_sender(
            question,
            gettext("The answer to your question %(code)s will take longer"),
            gettext("Your %(kind)s %(code)s: the time for handling it is extended"),
        ),
        "consultation/email/question_extended.txt",
        "question.extended",
        reason=reason,
        due=local_time(question.due_at),
        tracking=question.tracking_full_url(),
    )


def answered(question, answer, note: str = "") -> None:
    """The answer (or, for a decision without an answer snippet, its note) to the asker."""
    _queue(
        question,
        [question.email],
        _to_sender(
            question,
            gettext("Answer to your question %(code)s"),
            gettext("The result of your %(kind)s %(code)s"),
        ),
        "consultation/email/question_answered.txt",
        "question.answered",
        answer=answer,
        note=note,
        citations=answer.get_citations() if answer is not None else [],
        tracking=question.tracking_full_url(),
    )


def accepted(question) -> None:
    """The written notice of acceptance for settlement (Law on Complaints Art. 27; Law on
    Denunciations Art. 29), with the settlement's due date."""
    _queue(
        question,
        [question.email],
        _subject(gettext("Your request %(code)s has been accepted for settlement"), question),
        "consultation/email/question_accepted.txt",
        "question.accepted",
        due=local_time(question.due_at),
        tracking=question.tracking_full_url(),
        confidential=False,
    )
