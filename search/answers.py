"""Answers first (issue 25 §4): when one of the first results is a procedure or a published
Q&A answer that matches the query strongly, the search page shows it at the top as an
answer box (name, time limit, fee, where to submit, link), as citizens expect of a search
engine.

The search app does not know procedures or questions: the app that owns a row says what
its answer is through core.search_items' ``SEARCH_ANSWERS_HOOK`` (one query at most, only
for what the public may read now). Without such an app nothing is answered.

The view passes the hits in rank order and says which are strong matches::

    answer = answer_for(outcome.hits, strong=lambda hit: ...)

and the template includes ``portal_search/_answer.html`` with ``answer``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from congthongtin.core.search_items import quick_answer
from congthongtin.vietnam.fold import search_words

from .categories import CATEGORIES
from .query import Hit

#: Only a row among the first ones may be the answer: further down, the search itself says
#: it is not what was asked.
ANSWER_POSITIONS = 3


@dataclass(frozen=True)
class Answer:
    """The answer box: plain strings (the template escapes them)."""

    #: "procedure", "question" (the owning app's word for it).
    kind: str
    title: str
    #: The row's address (another body's or an archive's host included).
    url: str
    #: (label, value) pairs, in order.
    facts: list[tuple[str, str]] = field(default_factory=list)
    excerpt: str = ""
    #: The category's name ("Thủ tục hành chính", "Hỏi đáp"), "" for none.
    category: str = ""
    #: The link's text ("Xem chi tiết thủ tục"); the template has a default.
    link_label: str = ""


def first_only(hits: Sequence[Hit]) -> Callable[[Hit], bool]:
    """The default strength: the first hit is strong, no other."""
    first = hits[0] if hits else None
    return lambda hit: hit is first


def title_holds(words: str | Sequence[str]) -> Callable[[Hit], bool]:
    """A strength: the hit's title holds every one of ``words`` (the query's content words,
    or the query as typed; compared as ``search_words``: accents, đ and i/y folded). No
    words: nothing is strong."""
    if isinstance(words, str):
        words = [words]
    wanted = {key for word in words for key in search_words(word)}

    def strong(hit: Hit) -> bool:
        return bool(wanted) and wanted <= set(search_words(hit.document.title))

    return strong


def answer_for(hits: Sequence[Hit], strong: Callable[[Hit], bool] | None = None) -> Answer | None:
    """The answer box for ranked ``hits``: the first of the first ``ANSWER_POSITIONS`` that
    ``strong`` accepts and whose owning app gives an answer; None when there is none.

    ``strong(hit)``: whether the hit matched the query strongly (e.g. its title holds every
    content word of the query); default: the first hit only. Rows of a part (an article of
    a document) are never answers. A query per candidate at most; the rows of a search are
    live and public already, the apps check it again (a question must still be published).
    """
    hits = list(hits[:ANSWER_POSITIONS])
    strong = strong or first_only(hits)
    for hit in hits:
        document = hit.document
        if document.anchor or not strong(hit):
            continue
        found = quick_answer(
            source=document.source, page_id=document.page_id, category=document.category
        )
        if found is None:
            continue
        return Answer(
            kind=found.kind,
            title=found.title or document.title,
            url=hit.url,
            facts=[(str(label), str(value)) for label, value in found.facts],
            excerpt=found.excerpt,
            category=str(CATEGORIES.get(document.category, "")),
            link_label=str(found.link_label),
        )
    return None
