"""The published questions and answers as open data (R-QA-1; Decree 47/2020/NĐ-CP).

Only what the public Q&A page shows of a question the board published with a live answer
(``Question.objects.published()``, kind "hỏi đáp"): its code, subject, question, field, the
dates it was received and answered, and the answer's text. Never the asker's personal data
(``PERSONAL_FIELDS``), initials or place; never petitions, complaints or denunciations."""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from congthongtin.core.opendata import Column, Dataset


def question_rows(site):
    from .models import Question, RequestKind

    questions = (
        Question.objects.published()
        .of_kind(RequestKind.QUESTION)
        .filter(page__path__startswith=site.root_page.path, page__live=True)
        .select_related("field", "answer")
        .only(
            "code",
            "title",
            "body",
            "received_at",
            "answered_at",
            "field__name",
            "answer__body",
        )
        .order_by("-answered_at", "-pk")
    )
    for question in questions:
        yield {
            "code": question.code,
            "title": question.title,
            "question": question.body,
            "field": question.field.name,
            "received_at": question.received_at,
            "answered_at": question.answered_at,
            "answer": html.unescape(strip_tags(question.answer.body)).strip(),
        }


def answer_site(answer):
    return answer.question.page.get_site()


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="hoi-dap",
            title=_("Published questions and answers"),
            description=_(
                "Questions answered by the body and published on the portal, with the "
                "answer. No personal data of the askers is included."
            ),
            columns=(
                Column("code", _("Reference")),
                Column("title", _("Subject")),
                Column("question", _("Question")),
                Column("field", _("Field")),
                Column("received_at", _("Received at"), "datetime"),
                Column("answered_at", _("Answered at"), "datetime"),
                Column("answer", _("Answer")),
            ),
            rows=question_rows,
            stale_on=("consultation.Answer",),
            site_of=answer_site,
        )
    ]
