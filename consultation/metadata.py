"""schema.org ``FAQPage`` of a Q&A page (issue 23; https://schema.org/FAQPage).

Only what the public list already shows: each published question's subject and its live,
published answer. Never the asker's personal data (``PERSONAL_FIELDS``) nor the letter
itself: a question's ``name`` is its subject; one query whatever the number of questions.
"""

from __future__ import annotations

from congthongtin.core import metadata

#: The newest answered questions listed in the document (a long archive stays in the list).
FAQ_LIMIT = 50


def faq_page(page, request) -> dict | None:
    questions = list(
        page.published_questions()
        .select_related("answer")
        .only("pk", "title", "answered_at", "answer__body", "answer__live")
        .order_by("-answered_at", "-pk")[:FAQ_LIMIT]
    )
    entities = []
    for question in questions:
        answer = metadata.plain_text(question.answer.body, length=5000)
        if not (question.title and answer):
            continue
        entities.append(
            {
                "@type": "Question",
                "name": question.title,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
        )
    if not entities:
        return None
    return {
        "@type": "FAQPage",
        "name": page.title,
        "url": page.get_full_url(request),
        "inLanguage": metadata.LANGUAGE,
        "mainEntity": entities,
    }
