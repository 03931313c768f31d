"""Published questions in site search (core.search_items; the search app listens when
installed). The life cycle calls ``index_question`` after every change of what the public
may read: an answer published or withdrawn, a question published or kept private."""

from __future__ import annotations

from django.utils.html import strip_tags

from congthongtin.core.search_items import SearchItem, item_changed, item_removed

from .models import Question


def search_item(question) -> SearchItem:
    """A published question and its answer as site search shows them (/tim-kiem/?loai=hoi-dap):
    never the asker's personal data, only what the public Q&A page shows."""
    answer = getattr(question, "answer", None)
    answer_text = answer.body if answer else ""
    # A complaint's or a denunciation's published settlement is the decision only, never
    # the letter, which names and places its writer (Law on Denunciations Art. 9.1b).
    letter = "" if question.needs_acceptance else question.body
    return SearchItem(
        source=f"question:{question.pk}",
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
