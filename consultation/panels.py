"""The dashboard's panel of requests given to me (docs/backoffice.md, "The dashboard"):
every kind (Q&A questions, petitions, complaints, denunciations) where I am the handler,
soonest due first, overdue and due soon flagged. Registered in ``wagtail_hooks.py``.

Only what "My requests" prints: code, kind, title, due time, never the sender or the
letter; the list holds only requests the user handles, whose identity the handler may
see anyway (``consultation.confidentiality``). A fixed number of queries: one for the
requests, one per body for its reminder days (``Clock``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .views.requests_admin import Clock, _open_requests, handled_by

#: Rows the panel shows; "My requests" has them all.
PANEL_ROWS = 10


def my_open_requests(user, now=None) -> list:
    """The open requests given to ``user``, each with ``clock_status`` ("overdue",
    "soon" or "") and ``admin_url``; overdue first, then by due time."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    now = now or timezone.now()
    clock = Clock(now)
    questions = _open_requests(handled_by(user))
    for question in questions:
        question.clock_status = clock.status(question)
        question.admin_url = reverse("consultation_admin:request", args=[question.pk])
    return questions


class MyRequestsPanel(Component):
    name = "consultation_my_requests"
    template_name = "consultation/dashboard/my_requests.html"
    order = 30

    class Media:
        css = {"all": ["core/dashboard.css"]}

    def __init__(self, questions):
        self.questions = questions

    def get_context_data(self, parent_context=None):
        questions = self.questions
        return {
            "rows": questions[:PANEL_ROWS],
            "total": len(questions),
            "more": len(questions) > PANEL_ROWS,
            "overdue": sum(1 for q in questions if q.clock_status == "overdue"),
            "soon": sum(1 for q in questions if q.clock_status == "soon"),
            "list_url": reverse("consultation_admin:my_requests"),
        }
