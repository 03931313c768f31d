"""Published questions in site search (core.search_items; the search app listens when
installed). The life cycle calls ``index_question`` after every change of what the public
may read: an answer published or withdrawn, a question published or kept private."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from congthongtin.core.search_items import (
    QuickAnswer,
    SearchItem,
    item_changed,
    item_removed,
    shorten,
)
from congthongtin.core.templatetags.portal_tags import vn_date
from congthongtin.core.text import plain_text

from .models import Question

SOURCE_PREFIX = "question:"
#: Characters of the answer shown in the answer box at the top of site search.
EXCERPT_LENGTH = 300


def search_item(question) -> SearchItem:
    """A published question and its answer as site search shows them (/tim-kiem/?loai=hoi-dap):
    never the asker's personal data, only what the public Q&A page shows."""
    answer = getattr(question, "answer", None)
    answer_text = answer.body if answer else ""
    # A complaint's or a denunciation's published settlement is the decision only, never
    # the letter, which names and places its writer (Law on Denunciations Art. 9.1b).
    letter = "" if question.needs_acceptance else question.body
    return SearchItem(
        source=f"{SOURCE_PREFIX}{question.pk}",
        path=question.page.path,
        title=question.title,
        summary=letter or strip_tags(answer_text),
        body=f"{letter} {answer_text}".strip(),
        url=question.get_url(),
        category="hoi-dap",
        fields=(question.field.slug,) if question.field_id else (),
        date=question.answered_at.date() if question.answered_at else None,
    )


def index_question(question) -> bool:
    """Tell site search that the question is searchable, or no longer is. True when it is."""
    if not Question.objects.published().filter(pk=question.pk).exists() or not question.page_id:
        item_removed(f"question:{question.pk}")
        return False
    item_changed(search_item(question))
    return True


def published_search_items():
    """Every published question, for a full rebuild of site search (SEARCH_ITEMS_HOOK)."""
    questions = Question.objects.published().filter(page__isnull=False)
    for question in questions.select_related("page", "field", "answer"):
        yield search_item(question)


def question_answer(*, source: str, page_id: int | None, category: str) -> QuickAnswer | None:
    """A published question as the answer at the top of site search (issue 25 §4;
    ``SEARCH_ANSWERS_HOOK``): its subject, the beginning of the answer, who answered and
    when. One query; None for another app's row or a question no longer published."""
    if page_id or not source.startswith(SOURCE_PREFIX):
        return None
    pk = source.removeprefix(SOURCE_PREFIX)
    if not pk.isascii() or not pk.isdigit():
        return None
    published = Question.objects.published().filter(pk=int(pk), page__live=True)
    question = published.select_related("answer", "unit").first()
    if question is None:
        return None
    answer = question.answer
    who = ", ".join(part for part in (answer.author_name, answer.author_position) if part)
    facts = [
        (_("Unit"), question.unit.name if question.unit_id else ""),
        (_("Answered by"), who),
        (_("Answered"), vn_date(question.answered_at)),
    ]
    return QuickAnswer(
        title=question.title,
        facts=tuple((str(label), value) for label, value in facts if value),
        excerpt=shorten(plain_text(answer.body), EXCERPT_LENGTH),
        link_label=_("Read the answer"),
        kind="question",
    )
