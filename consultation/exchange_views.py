"""The board's screens of online exchanges (R-FORUM-1): the list of its bodies' exchanges and,
per exchange, the moderation screen where the board approves or rejects questions and the
leader's secretary types the answers; turning a question into a Q&A item; publishing the
transcript.

Who: the board of the exchange's body (core.roles.BOARD; a superuser everywhere) acts; its
auditors read. Another body's exchange is refused (403); an
archived body's exchanges are read-only. Every action goes through a transition of
``consultation.exchanges``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe

from congthongtin.core.bodies import archive_site_ids, in_sites, site_id_of_page, site_ids_where

from . import exchanges
from .exchange_forms import ConvertForm, ExchangeAnswerForm
from .models.exchanges import ExchangePage, ExchangeQuestion, ExchangeQuestionState
from .permissions import READERS, is_board, reads_every_question


def _readable_page(request, pk) -> ExchangePage:
    page = get_object_or_404(ExchangePage, pk=pk)
    if not reads_every_question(request.user, site_id_of_page(page)):
        raise PermissionDenied
    return page


def _may_act(user, page) -> bool:
    site_id = site_id_of_page(page)
    return site_id not in archive_site_ids() and is_board(user, site_id)


def _actionable_question(request, pk) -> ExchangeQuestion:
    """The question, for the board of its exchange's body; 403 for anyone else (another
    body's board, an auditor, an archived body)."""
    question = get_object_or_404(ExchangeQuestion.objects.select_related("page"), pk=pk)
    _readable_page(request, question.page_id)
    if not _may_act(request.user, question.page):
        raise PermissionDenied
    return question


def moderate_url(page) -> str:
    return reverse("consultation_exchanges:moderate", args=[page.pk])


@require_safe
def exchange_list(request):
    site_ids = site_ids_where(request.user, READERS)
    if site_ids is not None and not site_ids:
        raise PermissionDenied
    pages = in_sites(ExchangePage.objects.all(), site_ids).order_by("-starts_at")
    return TemplateResponse(
        request,
        "consultation/admin/exchange_list.html",
        {"title": gettext("Online exchanges"), "exchanges": pages},
    )


@require_safe
def moderate(request, pk):
    page = _readable_page(request, pk)
    questions = list(page.questions.select_related("answered_by", "qa_question"))
    groups = [
        (state, label, [q for q in questions if q.state == state])
        for state, label in ExchangeQuestionState.choices
    ]
    return TemplateResponse(
        request,
        "consultation/admin/exchange_moderate.html",
        {
            "title": gettext("Moderate: %(title)s") % {"title": page.title},
            "page": page,
            "groups": groups,
            "may_act": _may_act(request.user, page),
            "answer_form": ExchangeAnswerForm(),
        },
    )


def _done(request, question, message):
    messages.success(request, message)
    return redirect(moderate_url(question.page) + f"#q-{question.pk}")


@require_POST
def approve(request, pk):
    question = _actionable_question(request, pk)
    try:
        exchanges.approve(question, request.user)
    except exchanges.TransitionError:
        messages.error(request, gettext("This question cannot be approved now."))
        return redirect(moderate_url(question.page))
    return _done(request, question, gettext("Question approved: it is shown on the page."))


@require_POST
def reject(request, pk):
    question = _actionable_question(request, pk)
    try:
        exchanges.reject(question, request.user)
    except exchanges.TransitionError:
        messages.error(request, gettext("This question cannot be rejected now."))
        return redirect(moderate_url(question.page))
    return _done(request, question, gettext("Question rejected."))


def answer(request, pk):
    question = _actionable_question(request, pk)
    form = ExchangeAnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        try:
            exchanges.answer(question, form.cleaned_data["answer"], request.user)
        except exchanges.TransitionError:
            messages.error(request, gettext("A rejected question cannot be answered."))
            return redirect(moderate_url(question.page))
        return _done(request, question, gettext("Answer saved: it is shown on the page."))
    return TemplateResponse(
        request,
        "consultation/admin/exchange_action.html",
        {"title": gettext("Answer"), "question": question, "form": form},
    )


def convert(request, pk):
    """Turn into a Q&A item: for a question that needs a formal answer."""
    question = _actionable_question(request, pk)
    form = ConvertForm(request.POST or None, initial={"field": question.page.field_id})
    if request.method == "POST" and form.is_valid():
        try:
            qa = exchanges.question_from_exchange(
                question, field=form.cleaned_data["field"], user=request.user
            )
        except exchanges.TransitionError:
            messages.error(
                request,
                gettext(
                    "The question could not be turned into a Q&A item: it already is one, "
                    "or the body has no live Q&A section."
                ),
            )
            return redirect(moderate_url(question.page))
        return _done(
            request,
            question,
            gettext("Q&A item %(code)s created from the question.") % {"code": qa.code},
        )
    return TemplateResponse(
        request,
        "consultation/admin/exchange_action.html",
        {"title": gettext("Turn into a Q&A item"), "question": question, "form": form},
    )


@require_POST
def publish_transcript(request, pk):
    page = _readable_page(request, pk)
    if not _may_act(request.user, page):
        raise PermissionDenied
    try:
        exchanges.publish_transcript(page, request.user)
    except exchanges.TransitionError:
        messages.error(request, gettext("The transcript is published once the exchange ends."))
    else:
        messages.success(request, gettext("Transcript published."))
    return redirect(moderate_url(page))
