"""The citizens' voice in the admin: one menu with the Q&A dashboard, questions, answers
(a snippet with the editorial workflow), comments on drafts (moderation and CSV/XLSX export
for the drafting agency), contact messages, page ratings and the e-mail queue (core's:
core.outbox_viewsets)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from congthongtin.core import sitecache
from congthongtin.core.archives import ALLOWED_WRITES_HOOK
from congthongtin.core.highlights import HOOK_NAME as HIGHLIGHT_HOOK
from congthongtin.core.highlights import Highlight
from congthongtin.core.outbox import CONTENT_PERMISSIONS_HOOK
from congthongtin.core.outbox_viewsets import outgoing_viewset
from congthongtin.core.reports import REPORT_SECTIONS_HOOK
from congthongtin.core.search_items import SEARCH_ITEMS_HOOK
from congthongtin.core.setup import SETUP_HOOK

from . import admin_urls, exchange_admin_urls, exchanges, report_sections
from .archives import leaving_the_list
from .models import (
    Answer,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    ConsultationSubscriber,
    ContactMessage,
    PageFeedback,
    Question,
)
from .models.consultation import status_filter
from .permissions import (
    EMAIL_CONTENT_PERMISSIONS,
    AnswerPermissionPolicy,
    CommentPermissionPolicy,
    ContactMessagePermissionPolicy,
    PageFeedbackPermissionPolicy,
    QuestionPermissionPolicy,
    SubscriberPermissionPolicy,
)
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


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ExchangesMenuItem(MenuItem):
    """The board and the auditors of some body (consultation.exchange_views decides)."""

    def is_shown(self, request):
        from congthongtin.core.bodies import site_ids_where

        from .permissions import READERS

        return site_ids_where(request.user, READERS) != set()


class CitizensVoiceMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return any(item.is_shown(request) for item in self.menu.registered_menu_items)


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(
            _("Q&A dashboard"),
            reverse("consultation_admin:dashboard"),
            icon_name="calendar-alt",
            permission="consultation.view_question",
            order=1,
        ),
        question_viewset.get_menu_item(order=2),
        answer_viewset.get_menu_item(order=3),
        comment_viewset.get_menu_item(order=4),
        contact_viewset.get_menu_item(order=5),
        PermissionMenuItem(
            _("Page ratings by month"),
            reverse("consultation_admin:feedback_report"),
            icon_name="pick",
            permission="consultation.view_pagefeedback",
            order=6,
        ),
        pagefeedback_viewset.get_menu_item(order=7),
        subscriber_viewset.get_menu_item(order=8),
        outgoing_viewset.get_menu_item(order=9),  # core's queue, which our e-mails fill
        ExchangesMenuItem(
            _("Online exchanges"),
            reverse("consultation_exchanges:list"),
            icon_name="group",
            order=10,
        ),
    ]
    return CitizensVoiceMenu(_("Citizens' voice"), Menu(items=items), icon_name="group", order=260)


# Home page --------------------------------------------------------------------------------
@hooks.register(HIGHLIGHT_HOOK)
def open_consultations(home_page, request):
    """Drafts open for comments now, on the home page (R-CONS-1)."""
    index = ConsultationIndexPage.objects.child_of(home_page).live().first()
    if index is None:
        return None
    now = timezone.now()
    drafts = sitecache.public(ConsultationPage.objects.child_of(index).live())
    items = list(
        drafts.filter(status_filter(ConsultationStatus.OPEN, now))
        .defer_streamfields()
        .order_by("closes_at")[:5]
    )
    # The list changes by itself when a shown draft closes or a scheduled one opens: the
    # cached home page (core.highlights) must not outlive either moment.
    next_opening = (
        drafts.filter(status_filter(ConsultationStatus.UPCOMING, now))
        .order_by("opens_at")
        .values_list("opens_at", flat=True)
        .first()
    )
    moments = [item.closes_at for item in items if item.closes_at] + [next_opening]
    moments = [moment for moment in moments if moment is not None]
    return Highlight(
        title=str(_("Drafts open for comments")),
        items=items,
        more_url=index.url + "?trang_thai=" + ConsultationStatus.OPEN,
        expires_at=min(moments) if moments else None,
    )


@hooks.register(SEARCH_ITEMS_HOOK)
def published_questions():
    """Published Q&A in a full rebuild of site search (core.search_items)."""
    from .signals import published_search_items

    return published_search_items()


hooks.register(SETUP_HOOK, install_answer_workflow)
hooks.register("register_log_actions", exchanges.register_log_actions)
hooks.register(ALLOWED_WRITES_HOOK, leaving_the_list)
hooks.register(REPORT_SECTIONS_HOOK, report_sections.sections)  # the board's report


# The satisfaction figures of the statistics' report (stats.figures.SATISFACTION_HOOK).
hooks.register("congthongtin_satisfaction_summary", satisfaction_summary)
