"""The citizens' voice in the board's report (``core.reports.REPORT_SECTIONS_HOOK``):
satisfaction with services and page ratings (30), questions (50), consultations on drafts
(60) and contact messages (70), each of one body only.

A row belongs to the body of its page (ratings, questions, comments) or to its site
(contact messages), as in the admin's scoping (``consultation.permissions``). Figures are
aggregate queries; nothing personal (names, addresses) enters the report.
"""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congthongtin.core.bodies import pages_in_sites
from congthongtin.core.query_params import local_midnight
from congthongtin.core.reports import Chart, Period, ReportSection, Table

from .models import (
    ConsultationComment,
    ConsultationPage,
    ContactMessage,
    PageFeedback,
    Question,
    QuestionState,
    SatisfactionLevel,
    ServiceRating,
)
from .permissions import ContactMessagePermissionPolicy

#: The latest comments given with a satisfaction rating, quoted in the report.
LATEST_COMMENTS = 10
#: Pages listed in the page-rating table (most rated first).
RATED_PAGES = 20


def sections(site, period: Period) -> list[ReportSection]:
    start, end = local_midnight(period.start), local_midnight(period.end)
    return [
        satisfaction_section(site, start, end),
        page_ratings_section(site, start, end),
        questions_section(site, start, end),
        consultations_section(site, start, end),
        contact_section(site, start, end),
    ]


def _average(value) -> float | None:
    return round(value, 1) if value is not None else None


# Satisfaction (Decree 224/2026 Điều 10.3b) ----------------------------------------------------
def satisfaction_section(site, start, end) -> ReportSection:
    ratings = ServiceRating.objects.filter(
        pages_in_sites([site.pk], "page__path"), created_at__gte=start, created_at__lt=end
    ).order_by()
    by_level = dict(ratings.values_list("level").annotate(n=Count("pk")))
    total = sum(by_level.values())
    average = _average(ratings.aggregate(avg=Avg("level"))["avg"]) if total else None
    comments = list(
        ratings.exclude(comment="")
        .order_by("-created_at")
        .values("page__title", "level", "comment", "created_at")[:LATEST_COMMENTS]
    )
    levels = list(SatisfactionLevel)
    return ReportSection(
        key="satisfaction",
        title=_("Satisfaction with procedures and online services"),
        order=30,
        figures=[(_("Ratings"), total), (_("Average satisfaction (1–5)"), average)],
        charts=[
            Chart(
                title=_("Ratings by level of satisfaction"),
                labels=[str(level.label) for level in levels],
                values=[by_level.get(level.value, 0) for level in levels],
                description=_("How many visitors chose each of the five levels."),
            )
        ]
        if total
        else [],
        tables=[
            Table(
                _("Ratings by level of satisfaction"),
                [_("Level"), _("Ratings")],
                [
                    [f"{level.value}. {level.label}", by_level.get(level.value, 0)]
                    for level in levels
                ],
                (1,),
            ),
            Table(
                _("Latest comments"),
                [_("Date"), _("Procedure or service"), _("Level"), _("Comment")],
                [
                    [
                        f"{timezone.localtime(row['created_at']):%d/%m/%Y}",
                        row["page__title"],
                        row["level"],
                        row["comment"],
                    ]
                    for row in comments
                ],
                (2,),
            ),
        ],
    )


# Page ratings (R-FEED-1) ---------------------------------------------------------------------
def page_ratings_section(site, start, end) -> ReportSection:
    feedback = PageFeedback.objects.filter(
        pages_in_sites([site.pk], "page__path"), created_at__gte=start, created_at__lt=end
    ).order_by()
    counts = feedback.aggregate(
        yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
    )
    total = counts["yes"] + counts["no"]
    pages = (
        feedback.values("page_id", "page__title")
        .annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
            n=Count("pk"),
        )
        .order_by("-n", "page__title")[:RATED_PAGES]
    )
    return ReportSection(
        key="page_ratings",
        title=_("Ratings of pages: useful or not"),
        order=30,
        figures=[
            (_("Ratings of pages"), total),
            (_("Useful"), counts["yes"]),
            (_("Not useful"), counts["no"]),
            (
                _("Useful (%)"),
                round(counts["yes"] * 100 / total, 1) if total else None,
            ),
        ],
        tables=[
            Table(
                _("Most rated pages"),
                [_("Page"), _("Useful"), _("Not useful")],
                [[row["page__title"], row["yes"], row["no"]] for row in pages],
                (1, 2),
            )
        ],
    )


# Questions (R-QA-1, S1 Đ12) ------------------------------------------------------------------
def question_figures(site, start, end) -> dict:
    """Received, answered (on time or late), not accepted in the period; open and overdue at
    its end — from the questions' own times, so a past period's figures stay what they were
    whatever happened since. One aggregate query."""
    questions = Question.objects.filter(pages_in_sites([site.pk], "page__path")).order_by()
    answered = Q(state=QuestionState.ANSWERED, answered_at__gte=start, answered_at__lt=end)
    late = Q(due_at__isnull=False, answered_at__gt=F("due_at"))
    open_at_end = (
        Q(received_at__lt=end)
        & (Q(answered_at__isnull=True) | Q(answered_at__gte=end))
        & (Q(refused_at__isnull=True) | Q(refused_at__gte=end))
    )
    return questions.aggregate(
        received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
        answered=Count("pk", filter=answered),
        answered_late=Count("pk", filter=answered & late),
        refused=Count("pk", filter=Q(refused_at__gte=start, refused_at__lt=end)),
        open=Count("pk", filter=open_at_end),
        overdue=Count("pk", filter=open_at_end & Q(due_at__lt=end)),
    )


def questions_section(site, start, end) -> ReportSection:
    found = question_figures(site, start, end)
    on_time = found["answered"] - found["answered_late"]
    by_field = (
        Question.objects.filter(
            pages_in_sites([site.pk], "page__path"), received_at__gte=start, received_at__lt=end
        )
        .values("field__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "field__name")
    )
    return ReportSection(
        key="questions",
        title=_("Questions from citizens and organisations"),
        order=50,
        figures=[
            (_("Questions received"), found["received"]),
            (_("Questions answered"), found["answered"]),
            (_("Answered on time"), on_time),
            (_("Answered late"), found["answered_late"]),
            (_("Not accepted"), found["refused"]),
            (_("Still open at the end of the period"), found["open"]),
            (_("Of which overdue"), found["overdue"]),
        ],
        tables=[
            Table(
                _("Questions received by field"),
                [pgettext("taxonomy", "Field"), _("Questions")],
                [[row["field__name"], row["n"]] for row in by_field],
                (1,),
            )
        ],
        notes=[
            _(
                "On time: answered by the deadline counted in working days (S1 Đ12.6). "
                "Open: received and neither answered nor refused at the end of the period."
            )
        ],
    )


# Consultations on drafts (R-CONS-1) ---------------------------------------------------------
def consultations_section(site, start, end) -> ReportSection:
    drafts = (
        ConsultationPage.objects.filter(
            pages_in_sites([site.pk]), opens_at__lt=end, closes_at__gte=start
        )
        .values("pk", "title", "opens_at", "closes_at")
        .annotate(
            comments=Count(
                "public_comments",
                filter=Q(
                    public_comments__submitted_at__gte=start,
                    public_comments__submitted_at__lt=end,
                ),
            )
        )
        .order_by("opens_at", "pk")
    )
    drafts = list(drafts)
    comments = ConsultationComment.objects.filter(
        pages_in_sites([site.pk], "page__path"), submitted_at__gte=start, submitted_at__lt=end
    ).count()
    return ReportSection(
        key="consultations",
        title=_("Consultations on drafts"),
        order=60,
        figures=[
            (_("Drafts open for comments in the period"), len(drafts)),
            (_("Comments received"), comments),
        ],
        tables=[
            Table(
                _("Drafts open for comments"),
                [
                    pgettext("consulted draft", "Draft"),
                    _("Opens"),
                    _("Closes"),
                    _("Comments in the period"),
                ],
                [
                    [
                        row["title"],
                        f"{timezone.localtime(row['opens_at']):%d/%m/%Y}",
                        f"{timezone.localtime(row['closes_at']):%d/%m/%Y}",
                        row["comments"],
                    ]
                    for row in drafts
                ],
                (3,),
            )
        ],
    )


# Contact messages (R-CONTACT-1) --------------------------------------------------------------
def contact_section(site, start, end) -> ReportSection:
    in_body = ContactMessagePermissionPolicy(ContactMessage).in_bodies([site.pk])
    found = (
        ContactMessage.objects.filter(in_body, received_at__gte=start, received_at__lt=end)
        .order_by()
        .aggregate(received=Count("pk"), handled=Count("pk", filter=Q(handled=True)))
    )
    return ReportSection(
        key="contact",
        title=_("Contact messages"),
        order=70,
        figures=[
            (_("Messages received"), found["received"]),
            (_("Of which handled"), found["handled"]),
        ],
    )
