"""The life of an online exchange's questions (R-FORUM-1): one function per transition, each
written to Wagtail's log (``wagtail.log_actions.log``). Views and the demo call these,
never set ``state`` themselves.

- pending → approved (``approve``) or rejected (``reject``);
- approved ⇄ rejected (``reject``, ``approve``: the board changed its mind);
- pending or approved → answered (``answer``: the secretary may answer a question the
  board has not approved yet; it is approved by being answered); answered → answered (a
  correction; the time of the first answer stays).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from congthongtin.core.conf import app_settings
from congthongtin.core.models import PortalSettings

from . import lifecycle
from .models import Question, QuestionIndexPage
from .models.exchanges import ExchangePage, ExchangeQuestion, ExchangeStatus
from .models.exchanges import ExchangeQuestionState as State

SUBMITTED = "consultation.exchange_question_submitted"
APPROVED = "consultation.exchange_question_approved"
REJECTED = "consultation.exchange_question_rejected"
ANSWERED = "consultation.exchange_question_answered"
CONVERTED = "consultation.exchange_question_converted"
TRANSCRIPT = "consultation.exchange_transcript_published"


class TransitionError(Exception):
    """The question (or exchange) is not in a state that allows this step."""


def register_log_actions(actions) -> None:
    """For the ``register_log_actions`` hook (consultation.wagtail_hooks)."""
    actions.register_action(
        SUBMITTED, gettext_lazy("Send exchange question"), gettext_lazy("Exchange question sent")
    )
    actions.register_action(
        APPROVED, gettext_lazy("Approve exchange question"), gettext_lazy("Question approved")
    )
    actions.register_action(
        REJECTED, gettext_lazy("Reject exchange question"), gettext_lazy("Question rejected")
    )
    actions.register_action(
        ANSWERED, gettext_lazy("Answer exchange question"), gettext_lazy("Question answered")
    )
    actions.register_action(
        CONVERTED,
        gettext_lazy("Turn into a Q&A item"),
        gettext_lazy("Question turned into a Q&A item"),
    )
    actions.register_action(
        TRANSCRIPT, gettext_lazy("Publish transcript"), gettext_lazy("Transcript published")
    )


def _require(question: ExchangeQuestion, *states: str) -> None:
    if question.state not in states:
        raise TransitionError(question.get_state_display())


@transaction.atomic
def submit(page: ExchangePage, *, asker_name, text, asker_place="", email="", now=None):
    """A question from the public form, pending moderation. Refused once the exchange has
    ended."""
    now = now or timezone.now()
    if page.status_at(now) == ExchangeStatus.ENDED:
        raise TransitionError("ended")
    question = ExchangeQuestion.objects.create(
        page=page,
        asker_name=asker_name,
        asker_place=asker_place,
        email=email,
        text=text,
        received_at=now,
    )
    log(instance=question, action=SUBMITTED, user=None, data={"page_id": page.pk})
    return question


def _next_order(page_id: int) -> int:
    top = ExchangeQuestion.objects.filter(page_id=page_id).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


@transaction.atomic
def approve(entry: ExchangeQuestion, user) -> ExchangeQuestion:
    """Shown on the public page (name, place and question), in the order approved."""
    _require(entry, State.PENDING, State.REJECTED)
    entry.state = State.APPROVED
    entry.order = _next_order(entry.page_id)
    entry.save(update_fields=["state", "order"])
    log(instance=entry, action=APPROVED, user=user, data={"page_id": entry.page_id})
    return entry


@transaction.atomic
def reject(entry: ExchangeQuestion, user) -> ExchangeQuestion:
    _require(entry, State.PENDING, State.APPROVED)
    entry.state = State.REJECTED
    entry.save(update_fields=["state"])
    log(instance=entry, action=REJECTED, user=user, data={"page_id": entry.page_id})
    return entry


@transaction.atomic
def answer(entry: ExchangeQuestion, text: str, user, now=None) -> ExchangeQuestion:
    """The leader's answer as his secretary types it. An answered entry may be answered
    again (a typo corrected): the time of the first answer stays, the list keeps its place."""
    _require(entry, State.PENDING, State.APPROVED, State.ANSWERED)
    text = (text or "").strip()
    if not text:
        raise TransitionError("empty")
    if entry.state == State.PENDING:
        entry.order = _next_order(entry.page_id)
    entry.answer = text
    entry.answered_by = user
    entry.answered_at = entry.answered_at or now or timezone.now()
    entry.state = State.ANSWERED
    entry.save(update_fields=["answer", "answered_by", "answered_at", "state", "order"])
    log(instance=entry, action=ANSWERED, user=user, data={"page_id": entry.page_id})
    return entry


@transaction.atomic
def publish_transcript(page: ExchangePage, user) -> ExchangePage:
    """After the exchange: every answered question on the page and in site search.

    Published as a new revision of the live page, so that Wagtail's ``page_published``
    does what it does for any publication: the search rows are rebuilt (the page's
    ``get_search_sections`` then lists the answered questions) and the front cache is
    purged. The revision is made from the live version: an editor's unpublished draft is
    not published with it (it stays in the page's history)."""
    live = ExchangePage.objects.get(pk=page.pk)
    if live.status != ExchangeStatus.ENDED:
        raise TransitionError("not ended")
    live.transcript_published = True
    # Published as the system (user None): Wagtail lets only whoever may publish the page
    # directly (a superuser here; everyone else passes the 3-step workflow) publish it. The
    # content was moderated by the board question by question and was public while live;
    # the revision changes nothing but the flag. The board member is in our log entry.
    live.save_revision(user=user, log_action=False).publish(user=None)
    log(instance=live, action=TRANSCRIPT, user=user, data={"answered": answered_count(live)})
    page.transcript_published = True
    return live


def answered_count(page: ExchangePage) -> int:
    return page.questions.filter(state=State.ANSWERED).count()


@transaction.atomic
def question_from_exchange(question: ExchangeQuestion, *, field, user) -> Question:
    """A Q&A item (``Question``) of the same body from an exchange question that needs a
    formal answer; it then follows the Q&A's own life (assigned, answered, published).

    The Q&A's life cycle receives it (``lifecycle.receive``: its event, and the receipt
    with the tracking link to the asker when an e-mail was given): the asker's name and
    e-mail are carried over (they gave them to this body for an answer), the place becomes
    the place shown publicly, the question's text both subject and body. Refused when the
    body has no live Q&A section."""
    if question.qa_question_id:
        raise TransitionError("already converted")
    site = question.page.get_site()
    index = QuestionIndexPage.of_site(site)
    if index is None:
        raise TransitionError("no Q&A section")
    text = question.text
    title = text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
    now = timezone.now()
    qa = Question(
        page=index,
        full_name=question.asker_name,
        email=question.email,
        public_place=question.asker_place[:100],
        field=field,
        title=title,
        body=text,
        received_at=now,
        consent_at=question.received_at,
    )
    portal = PortalSettings.for_site(site)
    lifecycle.receive(
        qa,
        actor=user,
        board_email=portal.editorial_email or portal.email,
        at=now,
        note=f"Giao lưu trực tuyến: {question.page.title}",
    )
    question.qa_question = qa
    question.save(update_fields=["qa_question"])
    log(
        instance=question,
        action=CONVERTED,
        user=user,
        data={"page_id": question.page_id, "question_id": qa.pk},
    )
    return qa


def expired_exchange_questions(now):
    """Questions whose exchange ended ``CONSULTATION_PERSONAL_DATA_RETENTION_DAYS`` ago and
    whose e-mail is not erased yet."""
    days = int(app_settings.CONSULTATION_PERSONAL_DATA_RETENTION_DAYS)
    cutoff = now - datetime.timedelta(days=days)
    return ExchangeQuestion.objects.filter(
        personal_data_purged_at__isnull=True, page__ends_at__lt=cutoff
    )


def purge_exchange_personal_data(now=None) -> int:
    """Erase the e-mails of askers ``CONSULTATION_PERSONAL_DATA_RETENTION_DAYS`` after their
    exchange ended (Law 91/2025/QH15); names and places were published with the questions
    and stay with the transcript. Run by ``manage.py purge_personal_data``."""
    now = now or timezone.now()
    return expired_exchange_questions(now).update(email="", personal_data_purged_at=now)
