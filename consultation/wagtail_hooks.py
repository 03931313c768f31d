"""The citizens' voice in the admin: one menu with the Q&A dashboard, questions, answers
(a snippet with the editorial workflow), comments on drafts (moderation and CSV/XLSX export
for the drafting agency), contact messages, page ratings and the e-mail queue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core import sitecache
from core.highlights import HOOK_NAME as HIGHLIGHT_HOOK
from core.highlights import Highlight

from . import admin_urls
from .models import (
    Answer,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    ConsultationSubscriber,
    ContactMessage,
    OutgoingEmail,
    PageFeedback,
    Question,
    QuestionState,
)
from .models.consultation import status_filter
from .views.admin import is_board, visible_questions


@hooks.register("register_admin_urls")
def register_urls():
    return [path("y-kien-nhan-dan/", include(admin_urls, namespace="consultation_admin"))]


# Questions -------------------------------------------------------------------------------
class QuestionStatusPanel(Panel):
    """State, deadline, unit, the board's actions, the asker's data and the event log."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultation/admin/question_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            now = timezone.now()
            context.update(
                {
                    "question": question,
                    "now": now,
                    "overdue_days": question.overdue_days(now),
                    "is_overdue": question.is_overdue(now),
                    "events": question.events.select_related("actor", "from_unit", "to_unit"),
                    "answer": Answer.objects.filter(question=question).first(),
                }
            )
            return context


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_questions(self.request.user).select_related("field", "unit")


class QuestionInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not visible_questions(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class NoCreateView(generic.CreateView):
    """Questions and page ratings come from the public forms only."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "hoi-dap"
    url_namespace = "consultation_question"
    icon = "help"
    menu_label = _("Questions")
    add_to_admin_menu = False
    index_view_class = QuestionIndexView
    inspect_view_class = QuestionInspectView
    add_view_class = NoCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["code", "title", "state", "field", "unit", "due_at", "received_at"]
    list_filter = ["state", "unit", "field", "deadline_class", "complaint_warning"]
    search_fields = ["code", "title", "body"]
    ordering = ["-received_at"]
    inspect_view_fields = [
        "code",
        "title",
        "body",
        "field",
        "received_at",
        "state",
        "unit",
        "deadline_class",
        "due_at",
        "appointment_note",
    ]
    list_export = [
        "code",
        "received_at",
        "state",
        "field",
        "title",
        "body",
        "unit",
        "deadline_class",
        "due_at",
        "answered_at",
        "asker_type",
        "full_name",
        "nationality",
        "occupation",
        "address",
        "representative_position",
        "licence_number",
        "email",
    ]
    export_filename = "cau-hoi"
    panels = [
        QuestionStatusPanel(heading=_("State and asker")),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("body"),
                FieldPanel("field"),
            ],
            heading=_("Question (as published; remove personal details before publishing)"),
        ),
        MultiFieldPanel(
            [FieldPanel("publish_on_portal"), FieldPanel("public_place")],
            heading=_("Publishing"),
        ),
    ]


# Answers (snippet with the workflow) ----------------------------------------------------
def may_handle_answer(user, answer) -> bool:
    """The board handles every answer; a unit officer the answers of their questions."""
    return is_board(user) or answer.question.officer_id == user.pk


class AnswerForm(WagtailAdminModelForm):
    """Only questions assigned to the officer (or, for the board, any assigned question)
    without an answer yet can be chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("question")
        if field is None:
            return
        questions = Question.objects.filter(state=QuestionState.ASSIGNED)
        if self.instance.pk:
            questions = Question.objects.filter(pk=self.instance.question_id)
        else:
            questions = questions.filter(answer__isnull=True)
        user = self.for_user
        if user is not None and not is_board(user):
            questions = questions.filter(officer=user)
        field.queryset = questions.order_by("due_at")


class AnswerCreateView(snippet_views.CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Answer()
        question_id = self.request.GET.get("question", "")
        if question_id.isdigit():
            question = Question.objects.filter(pk=int(question_id)).first()
            if question is not None:
                instance.question = question
        user = self.request.user
        instance.author_name = instance.author_name or user.get_full_name()
        return instance


class AnswerEditView(snippet_views.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may_handle_answer(self.request.user, obj):
            raise PermissionDenied
        return obj


class AnswerViewSet(SnippetViewSet):
    model = Answer
    icon = "comment"
    menu_label = _("Answers")
    add_to_admin_menu = False
    url_prefix = "hoi-dap/tra-loi"
    add_view_class = AnswerCreateView
    edit_view_class = AnswerEditView
    list_display = ["question", "author_name", "updated_at"]
    list_filter = ["live"]
    copy_view_enabled = False

    def get_queryset(self, request):
        answers = Answer.objects.select_related("question")
        if is_board(request.user):
            return answers
        return answers.filter(question__officer=request.user)


Answer.base_form_class = AnswerForm


# Comments on drafts -----------------------------------------------------------------------
class CommentEditView(generic.EditView):
    def save_instance(self):
        instance = self.form.instance
        if "status" in self.form.changed_data:
            instance.moderated_by = self.request.user
            instance.moderated_at = timezone.now()
        return super().save_instance()


class AttachmentPanel(Panel):
    """A link to the commenter's file, served only through the admin."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultation/admin/attachment_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["comment"] = self.instance
            return context


class CommentViewSet(ModelViewSet):
    model = ConsultationComment
    name = "gop-y-du-thao"
    url_namespace = "consultation_comment"
    icon = "comment"
    menu_label = _("Comments on drafts")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    edit_view_class = CommentEditView
    copy_view_enabled = False
    list_display = ["submitted_at", "page", "full_name", "article", "status"]
    list_filter = ["status", "page"]
    search_fields = ["full_name", "organisation", "text"]
    ordering = ["-submitted_at"]
    list_export = [
        "page",
        "submitted_at",
        "full_name",
        "email",
        "phone",
        "organisation",
        "address",
        "article",
        "text",
        "status",
        "response",
    ]
    export_filename = "gop-y-du-thao"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("page", read_only=True),
                FieldPanel("article", read_only=True),
                FieldPanel("text", read_only=True),
                FieldPanel("full_name", read_only=True),
                FieldPanel("organisation", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("address", read_only=True),
            ],
            heading=_("The comment as received"),
        ),
        AttachmentPanel(heading=_("Attached file")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("moderation_note"), FieldPanel("response")],
            heading=_("Moderation and response"),
        ),
    ]


# Contact, ratings, subscribers, e-mails ---------------------------------------------------
class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    name = "thu-lien-he"
    url_namespace = "consultation_contact"
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    copy_view_enabled = False
    list_display = ["received_at", "subject", "full_name", "handled"]
    list_filter = ["handled", "site"]
    search_fields = ["subject", "full_name", "message"]
    ordering = ["-received_at"]
    list_export = ["received_at", "full_name", "email", "phone", "subject", "message", "handled"]
    export_filename = "thu-lien-he"
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("subject", read_only=True),
                FieldPanel("message", read_only=True),
                FieldPanel("full_name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("received_at", read_only=True),
            ],
            heading=_("The message as received"),
        ),
        FieldPanel("handled"),
        FieldPanel("handling_note"),
    ]


class PageFeedbackViewSet(ModelViewSet):
    model = PageFeedback
    name = "danh-gia-trang-chi-tiet"
    url_namespace = "consultation_pagefeedback"
    icon = "pick"
    menu_label = _("Page ratings (each)")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    copy_view_enabled = False
    list_display = ["created_at", "page", "useful", "comment"]
    list_filter = ["useful"]
    ordering = ["-created_at"]
    list_export = ["created_at", "page", "useful", "comment"]
    export_filename = "danh-gia-trang-chi-tiet"
    form_fields = ["comment"]


class SubscriberViewSet(ModelViewSet):
    model = ConsultationSubscriber
    name = "dang-ky-nhan-tin"
    url_namespace = "consultation_subscriber"
    icon = "mail"
    menu_label = _("Consultation subscribers")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    copy_view_enabled = False
    list_display = ["email", "site", "confirmed_at", "unsubscribed_at"]
    list_filter = ["site"]
    search_fields = ["email"]
    list_export = ["email", "site", "created_at", "confirmed_at", "unsubscribed_at"]
    form_fields = ["unsubscribed_at"]


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    name = "thu-gui-di"
    url_namespace = "consultation_outgoingemail"
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_admin_menu = False
    add_view_class = NoCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["created_at", "subject", "purpose", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject"]
    ordering = ["-created_at"]
    list_export = ["created_at", "subject", "purpose", "status", "attempts", "last_error"]
    panels = [
        FieldPanel("subject", read_only=True),
        FieldPanel("last_error", read_only=True),
        FieldPanel(
            "status",
            help_text=_("Set “Waiting to be sent” to try a failed e-mail again."),
        ),
    ]


question_viewset = QuestionViewSet()
answer_viewset = AnswerViewSet()
comment_viewset = CommentViewSet()
contact_viewset = ContactMessageViewSet()
pagefeedback_viewset = PageFeedbackViewSet()
subscriber_viewset = SubscriberViewSet()
outgoing_viewset = OutgoingEmailViewSet()

register_snippet(answer_viewset)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        question_viewset,
        comment_viewset,
        contact_viewset,
        pagefeedback_viewset,
        subscriber_viewset,
        outgoing_viewset,
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


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
        outgoing_viewset.get_menu_item(order=9),
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


@hooks.register("register_search_reindexer")
def reindex_published_questions():
    """Published Q&A in site search (search.indexing.REINDEX_HOOK)."""
    from .signals import reindex_questions

    return reindex_questions()
