"""The citizens' voice viewsets: questions, answers (a snippet with the editorial workflow),
comments on drafts, contact messages, page ratings and subscribers (the e-mail queue is
core's: core.outbox_viewsets).

Every viewset derives from ``core.viewsets``: the questions and answers a user may reach are
the ones ``consultation.permissions`` gives them, in every view, not in the listing only.
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views import generic
from wagtail.snippets.views import snippets as snippet_views

from congthongtin.core.users import full_name
from congthongtin.core.viewsets import NoCreateView, PortalModelViewSet, PortalSnippetViewSet

from . import lifecycle
from .confidentiality import MASK, may_see_identity
from .models import (
    Answer,
    ConsultationComment,
    ConsultationSubscriber,
    ContactMessage,
    PageFeedback,
    Question,
    QuestionState,
)
from .permissions import answerable, visible_questions


# Questions -------------------------------------------------------------------------------
class KindScopeMixin:
    """A viewset of one kind of request (``request_kind``): its listing shows that kind
    only, and every view that opens one request (edit, inspect, history, delete…) answers
    404 for a request of another kind (a denunciation never opens in the Q&A's screens)."""

    request_kind: str = ""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if getattr(queryset, "model", None) is not Question:  # the history's log entries
            return queryset
        return queryset.filter(kind=self.request_kind)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if getattr(obj, "kind", self.request_kind) != self.request_kind:
            raise Http404
        return obj


class KindViewSetMixin:
    """Every view of the viewset is limited to ``request_kind`` (``KindScopeMixin``)."""

    request_kind: str = "hoi-dap"

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, KindScopeMixin):
            view_class = type(
                view_class.__name__,
                (KindScopeMixin, view_class),
                {"__module__": view_class.__module__, "request_kind": self.request_kind},
            )
        return super().construct_view(view_class, **kwargs)


class QuestionStatusPanel(Panel):
    """State, deadline, unit, the board's actions, the asker's data and the event log."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultation/admin/question_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            now = timezone.now()
            user = getattr(self.request, "user", None)
            from .views.requests_admin import available_actions

            context.update(
                {
                    "question": question,
                    "now": now,
                    "overdue_days": question.overdue_days(now),
                    "is_overdue": question.is_overdue(now),
                    "events": question.events.select_related("actor", "from_unit", "to_unit"),
                    "answer": Answer.objects.filter(question=question).first(),
                    # A denunciation's sender and letter: the handler and the body head
                    # only (consultation.confidentiality).
                    "identity_visible": may_see_identity(user, question),
                    "mask": MASK,
                    "actions": available_actions(user, question),
                }
            )
            return context


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The scope (consultation.permissions) is applied by core.viewsets.
        return super().get_base_queryset().select_related("field", "unit")


class QuestionEditView(generic.EditView):
    """Publishing on the portal or keeping the answer private is a step of the life cycle
    (logged, and site search told): the form's choice goes through ``lifecycle``."""

    def save_instance(self):
        question = self.form.instance
        changed = "publish_on_portal" in self.form.changed_data
        shown = question.publish_on_portal
        if changed:
            question.publish_on_portal = not shown  # as stored; the life cycle changes it
        instance = super().save_instance()
        if changed:
            step = lifecycle.publish if shown else lifecycle.keep_private
            step(instance, actor=self.request.user)
        return instance


class QuestionViewSet(KindViewSetMixin, PortalModelViewSet):
    model = Question
    request_kind = "hoi-dap"
    name = "hoi-dap"
    url_namespace = "consultation_question"
    icon = "help"
    menu_label = _("Questions")
    add_to_admin_menu = False
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
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
class AnswerForm(WagtailAdminModelForm):
    """Only questions assigned to the officer (or, for a body's board, any assigned
    question of that body) without an answer yet can be chosen."""

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
        if user is not None:
            questions = answerable(user, questions)
        field.queryset = questions.order_by("due_at")


class AnswerCreateView(snippet_views.CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Answer()
        question_id = self.request.GET.get("question", "")
        if question_id.isdigit():
            question = visible_questions(self.request.user).filter(pk=int(question_id)).first()
            if question is not None:
                instance.question = question
        user = self.request.user
        instance.author_name = instance.author_name or full_name(user)
        return instance


class AnswerViewSet(PortalSnippetViewSet):
    model = Answer
    icon = "comment"
    menu_label = _("Answers")
    add_to_admin_menu = False
    url_prefix = "hoi-dap/tra-loi"
    add_view_class = AnswerCreateView
    list_display = ["question", "author_name", "updated_at"]
    list_filter = ["live"]
    copy_view_enabled = False
    #: The form that limits the questions one may answer, attached here (not on the model
    #: from wagtail_hooks): every view of the snippet, workflow actions too, uses it.
    edit_handler = ObjectList(Answer.panels, base_form_class=AnswerForm)

    # Auditors read answers without edit rights (R-ROLE-1).
    inspect_view_enabled = True
    inspect_view_fields = [
        "question",
        "body",
        "citations",
        "author_name",
        "author_position",
        "classification",
        "live",
        "updated_at",
    ]

    def get_queryset(self, request):
        # Which answers: AnswerPermissionPolicy, applied to every view by core.viewsets.
        return Answer.objects.select_related("question")


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


class CommentViewSet(PortalModelViewSet):
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
class ContactMessageViewSet(PortalModelViewSet):
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


class PageFeedbackViewSet(PortalModelViewSet):
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


class SubscriberViewSet(PortalModelViewSet):
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


question_viewset = QuestionViewSet()
answer_viewset = AnswerViewSet()
comment_viewset = CommentViewSet()
contact_viewset = ContactMessageViewSet()
pagefeedback_viewset = PageFeedbackViewSet()
subscriber_viewset = SubscriberViewSet()
