"""The citizens' voice in the admin: one menu with the Q&A dashboard, questions, answers
(a snippet with the editorial workflow), comments on drafts (moderation and CSV/XLSX export
for the drafting agency), contact messages, page ratings and the e-mail queue (core's:
core.outbox_viewsets)."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from congthongtin.core.archives import ALLOWED_WRITES_HOOK
from congthongtin.core.highlights import HOOK_NAME as HIGHLIGHT_HOOK
from congthongtin.core.outbox import CONTENT_PERMISSIONS_HOOK
from congthongtin.core.reports import REPORT_SECTIONS_HOOK
from congthongtin.core.search_items import SEARCH_ANSWERS_HOOK, SEARCH_ITEMS_HOOK
from congthongtin.core.setup import SETUP_HOOK

from . import admin_urls, exchange_admin_urls, exchanges, report_sections
from .archives import leaving_the_list
from .highlights import open_consultations
from .indexing import published_search_items, question_answer
from .menu import citizens_voice_menu
from .models import (
    Answer,
    ConsultationComment,
    ConsultationSubscriber,
    ContactMessage,
    PageFeedback,
    Question,
)
from .permissions import (
    EMAIL_CONTENT_PERMISSIONS,
    AnswerPermissionPolicy,
    CommentPermissionPolicy,
    ContactMessagePermissionPolicy,
    PageFeedbackPermissionPolicy,
    QuestionPermissionPolicy,
    SubscriberPermissionPolicy,
)
from .request_viewsets import complaint_viewset, denunciation_viewset, petition_viewset
from .satisfaction import summary as satisfaction_summary
from .setup import install_answer_workflow
from .viewsets import (
    answer_viewset,
    comment_viewset,
    contact_viewset,
    pagefeedback_viewset,
    question_viewset,
    subscriber_viewset,
)

# Before the viewsets are registered: Wagtail would otherwise make plain model policies,
# and every view of these models is scoped by these, per body (core.viewsets, finding 4).
register_permission_policy(Question, QuestionPermissionPolicy(Question))
register_permission_policy(Answer, AnswerPermissionPolicy(Answer))
register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))
register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))
register_permission_policy(PageFeedback, PageFeedbackPermissionPolicy(PageFeedback))
register_permission_policy(
    ConsultationSubscriber, SubscriberPermissionPolicy(ConsultationSubscriber)
)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("y-kien-nhan-dan/", include(admin_urls, namespace="consultation_admin")),
        path(
            "giao-luu-truc-tuyen/",
            include(exchange_admin_urls, namespace="consultation_exchanges"),
        ),
    ]


register_snippet(answer_viewset)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        question_viewset,
        petition_viewset,
        complaint_viewset,
        denunciation_viewset,
        comment_viewset,
        contact_viewset,
        pagefeedback_viewset,
        subscriber_viewset,
    ]


@hooks.register(CONTENT_PERMISSIONS_HOOK)
def email_content_permissions():
    """The e-mails of the citizens' voice repeat askers', writers' and subscribers' data:
    only whoever reads all of it reads them in the queue (core.outbox)."""
    return EMAIL_CONTENT_PERMISSIONS


hooks.register("register_admin_menu_item", citizens_voice_menu)

hooks.register(HIGHLIGHT_HOOK, open_consultations)  # the home page (R-CONS-1)
hooks.register(SEARCH_ITEMS_HOOK, published_search_items)  # site search's full rebuild
hooks.register(SEARCH_ANSWERS_HOOK, question_answer)  # the answer box of site search
hooks.register(SETUP_HOOK, install_answer_workflow)
hooks.register("register_log_actions", exchanges.register_log_actions)
hooks.register(ALLOWED_WRITES_HOOK, leaving_the_list)
hooks.register(REPORT_SECTIONS_HOOK, report_sections.sections)  # the board's report


# The satisfaction figures of the statistics' report (stats.figures.SATISFACTION_HOOK).
hooks.register("congthongtin_satisfaction_summary", satisfaction_summary)


@hooks.register("register_open_datasets")  # open data: the published Q&A (core.opendata)
def open_datasets():
    from .datasets import datasets

    return datasets()


# The read-only JSON API (core.api, docs/api.md): published answers, never personal data.
hooks.register("register_api_endpoints", "congthongtin.consultation.api.endpoints")


@hooks.register("construct_homepage_panels")
def add_my_requests_panel(request, panels):
    """Requests given to me (consultation.panels), when there are any."""
    from .panels import MyRequestsPanel, my_open_requests

    questions = my_open_requests(request.user)
    if questions:
        panels.append(MyRequestsPanel(questions))
