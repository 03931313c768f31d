"""The board's views: the Q&A dashboard, assigning and refusing questions, the page-rating
report. Citizens' files: consultation.views.files."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import WorkflowState

from congthongtin.core.bodies import site_ids_where

from .. import lifecycle, permissions
from ..deadlines import DeadlineClass, deadline_table, site_of
from ..forms import AssignForm, FeedbackPeriodForm, RefuseForm
from ..models import (
    Answer,
    PageFeedback,
    Question,
    QuestionState,
    RefusalReason,
    RequestKind,
)
from ..permissions import READERS, may_act_on_question, may_answer, reachable

visible_questions = permissions.visible_questions


# Dashboard ---------------------------------------------------------------------------------
@method_decorator(
    permission_required("consultation.view_question", raise_exception=True), "dispatch"
)
class QuestionDashboardView(TemplateView):
    """Questions by state, due today, overdue (by how many working days), per unit."""

    template_name = "consultation/admin/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        today = timezone.localdate(now)
        # The Q&A's own questions; every kind: the requests dashboard (requests_admin).
        questions = visible_questions(self.request.user).filter(kind=RequestKind.QUESTION)
        counts = dict(questions.values_list("state").annotate(n=Count("pk")).order_by())
        open_questions = list(
            questions.open()
            .select_related("unit", "field", "officer", "page")
            .defer("body", "search_key")
            .order_by("due_at", "received_at")
        )
        overdue, due_today, unassigned = [], [], []
        per_unit: dict[int | None, dict] = {}
        for question in open_questions:
            row = per_unit.setdefault(
                question.unit_id,
                {"unit": question.unit, "open": 0, "due_today": 0, "overdue": 0},
            )
            row["open"] += 1
            if question.state == QuestionState.RECEIVED:
                unassigned.append(question)
            if question.due_at is None:
                continue
            if question.is_overdue(now):
                question.days_overdue = question.overdue_days(now)
                overdue.append(question)
                row["overdue"] += 1
            elif timezone.localdate(question.due_at) == today:
                due_today.append(question)
                row["due_today"] += 1
        in_review = WorkflowState.objects.filter(
            answer__question__in=questions.values("pk"),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).count()
        context.update(
            {
                "states": [
                    {"value": value, "label": label, "count": counts.get(value, 0)}
                    for value, label in QuestionState.choices
                ],
                "overdue": sorted(overdue, key=lambda q: -q.days_overdue),
                "due_today": due_today,
                "unassigned": unassigned,
                "per_unit": sorted(
                    per_unit.values(),
                    key=lambda r: (r["unit"] is None, r["unit"].name if r["unit"] else ""),
                ),
                "in_review": in_review,
                "now": now,
                "deadline_days": deadline_table(self.single_body()),
            }
        )
        return context

    def single_body(self):
        """The body whose answer times the dashboard shows: the user's, when they read
        one body's questions only; else the install's defaults."""
        site_ids = site_ids_where(self.request.user, READERS)
        return next(iter(site_ids)) if site_ids is not None and len(site_ids) == 1 else None


# Assigning, forwarding, refusing -----------------------------------------------------------
def _question_for_board(request, pk) -> Question:
    """The question, for a member of its body's board holding the right to change it;
    anyone else is refused (403), also for a question of another body."""
    if not request.user.has_perm("consultation.change_question"):
        raise PermissionDenied
    question = get_object_or_404(Question.objects.select_related("page", "unit"), pk=pk)
    if not may_act_on_question(request.user, question):
        raise PermissionDenied
    return question


def _edit_url(question) -> str:
    from .requests_admin import edit_url

    return edit_url(question)


def assign_question(request, pk):
    """Give the question to the competent unit, or forward it to another; the history
    (simple-history and the event log) keeps every step."""
    question = _question_for_board(request, pk)
    if not question.is_open:
        messages.error(request, gettext("This question is no longer open."))
        return redirect(_edit_url(question))
    if question.kind != RequestKind.QUESTION:
        from .requests_admin import assign_request

        return assign_request(request, question)
    initial = {
        "unit": question.unit_id,
        "officer": question.officer_id,
        "deadline_class": question.deadline_class or DeadlineClass.OWN,
    }
    form = AssignForm(request.POST or None, question=question, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        forwarded = question.unit_id is not None and question.unit_id != data["unit"].pk
        route = lifecycle.forward if forwarded else lifecycle.assign
        route(
            question,
            actor=request.user,
            unit=data["unit"],
            officer=data["officer"],
            deadline_class=data["deadline_class"],
            appointment_at=data.get("appointment_at"),
            note=data.get("note", ""),
        )
        messages.success(
            request,
            gettext("Question %(code)s given to %(unit)s, due %(due)s.")
            % {
                "code": question.code,
                "unit": question.unit.name,
                "due": timezone.localtime(question.due_at).strftime("%H:%M %d/%m/%Y"),
            },
        )
        return redirect(_edit_url(question))
    return TemplateResponse(
        request,
        "consultation/admin/question_action.html",
        {
            "question": question,
            "form": form,
            "title": gettext("Forward to another unit")
            if question.unit_id
            else gettext("Assign to a unit"),
            "deadline_days": deadline_table(site_of(question)),
        },
    )


DEFAULT_GUIDANCE = {
    RefusalReason.COMPLAINT: _(
        "The Q&A section receives questions on policy, procedures, investment and useful "
        "information; it does not handle complaints (S1 Đ12.2). Under the Law on Complaints "
        "No. 02/2011/QH13, send your complaint to the body or person competent to settle it, "
        "in writing or in person at the citizen-reception office."
    ),
    RefusalReason.DENUNCIATION: _(
        "The Q&A section does not handle denunciations (S1 Đ12.2). Under the Law on "
        "Denunciations No. 25/2018/QH14, send your denunciation to the competent body, in "
        "writing or in person at the citizen-reception office."
    ),
    RefusalReason.OUT_OF_SCOPE: _(
        "The Q&A section receives questions on policy, administrative procedures, investment "
        "and useful information only. Please contact the body through its contact page."
    ),
    RefusalReason.DUPLICATE: _(
        "Your question repeats an earlier one; the answer is given to the earlier question."
    ),
    RefusalReason.ABUSE: _("Your message does not contain a question that can be answered."),
}


def refuse_question(request, pk):
    """An editorial decision: not received (complaint, denunciation, out of scope…), with
    guidance to the asker on the right channel."""
    question = get_object_or_404(Question.objects.only("kind"), pk=pk)
    if question.kind != RequestKind.QUESTION:
        # Kind-aware reasons and who may refuse (a denunciation: its handler, the head).
        from .requests_admin import refuse_request

        return refuse_request(request, pk)
    question = _question_for_board(request, pk)
    if not question.is_open:
        messages.error(request, gettext("This question is no longer open."))
        return redirect(_edit_url(question))
    reason = request.GET.get("ly_do") or (
        RefusalReason.COMPLAINT if question.complaint_warning else RefusalReason.OUT_OF_SCOPE
    )
    if reason not in RefusalReason.values:
        reason = RefusalReason.OUT_OF_SCOPE
    form = RefuseForm(
        request.POST or None,
        initial={"reason": reason, "guidance": str(DEFAULT_GUIDANCE[reason])},
    )
    if request.method == "POST" and form.is_valid():
        lifecycle.refuse(
            question,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            guidance=form.cleaned_data["guidance"],
        )
        messages.success(
            request, gettext("Question %(code)s not accepted.") % {"code": question.code}
        )
        return redirect(_edit_url(question))
    return TemplateResponse(
        request,
        "consultation/admin/question_action.html",
        {
            "question": question,
            "form": form,
            "title": gettext("Do not accept the question"),
            "reasons": RefusalReason.choices,
            "danger": True,
        },
    )


# Page ratings ------------------------------------------------------------------------------
class FeedbackRow:
    def __init__(self, row: dict, pages: dict):
        page = pages.get(row["page"])
        self.month = row["month"]
        self.month_label = (
            timezone.localtime(row["month"]).strftime("%m/%Y") if row["month"] else ""
        )
        self.page_title = page.title if page else str(row["page"])
        self.page_path = page.url_path if page else ""
        self.page_id = row["page"]
        self.useful = row["useful_count"]
        self.not_useful = row["not_useful_count"]
        self.comments = row["comment_count"]
        total = self.useful + self.not_useful
        self.total = total
        self.useful_percent = round(100 * self.useful / total) if total else 0


@method_decorator(
    permission_required("consultation.view_pagefeedback", raise_exception=True), "dispatch"
)
class FeedbackReportView(SpreadsheetExportMixin, TemplateView):
    """Ratings per page and month for the board's monthly report (R-FEED-1, R-REP-1)."""

    template_name = "consultation/admin/feedback_report.html"
    list_export = [
        "month_label",
        "page_title",
        "page_path",
        "useful",
        "not_useful",
        "useful_percent",
        "comments",
    ]
    export_headings = {
        "month_label": _("Month"),
        "page_title": _("Page"),
        "page_path": _("Address"),
        "useful": _("Useful"),
        "not_useful": _("Not useful"),
        "useful_percent": _("Share found useful"),
        "comments": _("Comments"),
    }

    def get_filename(self):
        return "danh-gia-trang"

    def period(self):
        today = timezone.localdate()
        default_start = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)

        form = FeedbackPeriodForm(self.request.GET)
        form.is_valid()  # the fields that are valid are in cleaned_data, the others dropped
        start = form.cleaned_data.get("tu") or default_start
        end = form.cleaned_data.get("den") or today.replace(day=1)
        if end < start:
            start, end = end, start
        return start, end

    def rows(self, start, end):
        tz = timezone.get_current_timezone()
        since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
        next_month = (end.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        until = timezone.make_aware(datetime.datetime.combine(next_month, datetime.time.min), tz)
        data = list(
            self.ratings()
            .filter(created_at__gte=since, created_at__lt=until)
            .annotate(month=TruncMonth("created_at", tzinfo=tz))
            .values("page", "month")
            .annotate(
                useful_count=Count("pk", filter=Q(useful=True)),
                not_useful_count=Count("pk", filter=Q(useful=False)),
                comment_count=Count("pk", filter=~Q(comment="")),
            )
            .order_by("-month", "page")
        )
        from wagtail.models import Page

        pages = (
            Page.objects.filter(pk__in={row["page"] for row in data})
            .only("id", "title", "url_path")
            .in_bulk()
        )
        return [FeedbackRow(row, pages) for row in data]

    def ratings(self):
        """The ratings of the pages of the user's bodies (the page ratings' policy)."""
        return reachable(self.request.user, PageFeedback)

    def get(self, request, *args, **kwargs):
        start, end = self.period()
        rows = self.rows(start, end)
        if self.is_export:
            return self.as_spreadsheet(rows, request.GET.get("export"))
        comments = (
            self.ratings()
            .exclude(comment="")
            .select_related("page")
            .only("comment", "useful", "created_at", "page__title")
            .order_by("-created_at")[:50]
        )
        query = request.GET.copy()
        query.pop("export", None)
        return self.render_to_response(
            {
                "rows": rows,
                "start": start.strftime("%Y-%m"),
                "end": end.strftime("%Y-%m"),
                "comments": comments,
                "query": query.urlencode(),
            }
        )


def answer_for_question(request, pk):
    """The answer of a question: its editor if it exists, else a new one for it."""
    question = get_object_or_404(Question.objects.select_related("page"), pk=pk)
    # Refused like every other view of a question the user may not reach (finding 4), and
    # for a question of a body where the user may only read (an auditor there).
    if not (
        request.user.has_perm("consultation.change_answer")
        and visible_questions(request.user).filter(pk=question.pk).exists()
        and may_answer(request.user, question)
    ):
        raise PermissionDenied
    answer = Answer.objects.filter(question=question).first()
    if answer is not None:
        return redirect("wagtailsnippets_consultation_answer:edit", answer.pk)
    return redirect(reverse("wagtailsnippets_consultation_answer:add") + f"?question={question.pk}")
