"""Questions and answers (R-QA-1; S1 Đ12, S3 Đ5.8, S4 Đ8.11, Đ11.3; Decree 43/2011 Điều 15).

A question is a plain model (django-simple-history keeps every change: who forwarded it
where, when the deadline moved) with a ``QuestionEvent`` log the public tracking page and
the board read; its answer is a snippet (``Answer``) that passes the editorial workflow.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from congthongtin.core.models import BasePage
from congthongtin.vietnam.fold import fold

from ..deadlines import DeadlineClass, site_of, working_days_overdue
from .consultation import initials


class QuestionIndexPage(RoutablePageMixin, BasePage):
    """The Q&A section (R-QA-1): the public list of answered questions, searchable by
    field and keyword; the form to ask (open 24/7); each answered question; the tracking
    page of each question. Askers' personal data never appears on any of them."""

    intro = models.TextField(_("summary"), blank=True)
    rules = models.TextField(
        _("rules for askers"),
        blank=True,
        help_text=_(
            "Shown above the form: what may be asked, what is not received (complaints and "
            "denunciations) and the answer times (S1 Đ12)."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("rules"),
        *BasePage.provenance_panels,
    ]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("questions and answers page")
        verbose_name_plural = _("questions and answers pages")

    def published_questions(self):
        return Question.objects.published().filter(page=self)

    @path("")
    def index_route(self, request):
        from ..views.public import question_list

        return question_list(request, self)

    @path("gui-cau-hoi/", name="ask")
    def ask_route(self, request):
        from ..views.public import ask_question

        return ask_question(request, self)

    @path("cau-hoi/<int:pk>/", name="question")
    def question_route(self, request, pk):
        from ..views.public import question_detail

        return question_detail(request, self, pk)

    @path("theo-doi/<str:token>/", name="track")
    def track_route(self, request, token):
        from ..views.public import track_question

        return track_question(request, self, token)


class QuestionState(models.TextChoices):
    RECEIVED = "moi", _("Received")
    ASSIGNED = "dang-tra-loi", _("Being answered")
    #: The unit asked the asker for more information: the answer clock is paused
    #: (consultation.lifecycle.ask_for_information / add_information).
    INFORMATION_REQUESTED = "cho-bo-sung", _("Waiting for more information")
    ANSWERED = "da-tra-loi", _("Answered")
    REFUSED = "khong-tiep-nhan", _("Not accepted")


class AskerType(models.TextChoices):
    PERSON = "person", _("A person")
    ORGANISATION = "organisation", _("An organisation")


class RefusalReason(models.TextChoices):
    COMPLAINT = "complaint", _("A complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("A denunciation (tố cáo)")
    OUT_OF_SCOPE = "out-of-scope", _("Not about policy, procedures, investment or information")
    DUPLICATE = "duplicate", _("A duplicate of an earlier question")
    ABUSE = "abuse", _("Offensive or meaningless")


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Answered questions the board publishes, whose answer is live."""
        return self.filter(state=QuestionState.ANSWERED, publish_on_portal=True, answer__live=True)

    def open(self):
        """Received or being answered: the clock runs."""
        return self.filter(state__in=[QuestionState.RECEIVED, QuestionState.ASSIGNED])


#: Fields of the asker: never shown publicly; erased after the retention period.
PERSONAL_FIELDS = (
    "full_name",
    "nationality",
    "occupation",
    "address",
    "representative_position",
    "licence_number",
    "email",
)


class Question(models.Model):
    """A question from a person or an organisation (R-QA-1).

    - Open 24/7; only questions on policy, procedures, investment and useful information,
      never complaints or denunciations (S1 Đ12.2): those are refused with guidance to
      the right channel, an editorial decision recorded here.
    - The asker gives exactly what S1 Đ12.3 lists: a person their full name, nationality,
      occupation and address; an organisation its representative's name and position,
      its founding decision or licence number and its head-office address; plus an
      e-mail for the reply.
    - The board assigns it to the competent unit and its information officer with the
      deadline class; the deadline is counted in working days from 08:00 (S1 Đ12.6).
    - Askers' personal data is never shown publicly (only the name's initials and a
      place the board writes) and is erased ``QA_PERSONAL_DATA_RETENTION_DAYS`` after the
      answer or refusal (Law 91/2025/QH15), in the history rows too.
    """

    page = models.ForeignKey(
        QuestionIndexPage,
        verbose_name=_("Q&A section"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    code = models.CharField(_("reference"), max_length=20, blank=True, editable=False)
    tracking_token = models.CharField(max_length=64, unique=True, editable=False)

    asker_type = models.CharField(
        _("asked by"), max_length=15, choices=AskerType.choices, default=AskerType.PERSON
    )
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        help_text=_("The person's, or the organisation's representative's."),
    )
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=150, blank=True)
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Where the person lives, studies or works; the organisation's head office."),
    )
    representative_position = models.CharField(
        _("representative's position"), max_length=150, blank=True
    )
    licence_number = models.CharField(
        _("founding decision or licence number"), max_length=100, blank=True
    )
    email = models.EmailField(_("e-mail for the reply"), blank=True)
    asker_initials = models.CharField(
        _("initials shown publicly"), max_length=20, blank=True, editable=False
    )
    public_place = models.CharField(
        _("place shown publicly"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “xã Như Xuân”. Never the address."),
    )

    field = models.ForeignKey(
        "core.Field", verbose_name=_("field"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("question"))
    received_at = models.DateTimeField(_("received at"), db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    complaint_warning = models.BooleanField(
        _("looks like a complaint or denunciation"),
        default=False,
        help_text=_(
            "Words of a complaint or denunciation were found when it was sent; the asker "
            "confirmed it is not one. The board decides."
        ),
    )

    state = models.CharField(
        _("state"),
        max_length=20,
        choices=QuestionState.choices,
        default=QuestionState.RECEIVED,
        db_index=True,
    )
    refusal_reason = models.CharField(
        _("reason for not accepting"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(
        _("guidance to the asker"),
        blank=True,
        help_text=_("Sent to the asker: where to take a complaint or denunciation instead."),
    )
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)

    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("answering unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("information officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline_class = models.CharField(
        _("deadline class"), max_length=10, choices=DeadlineClass.choices, blank=True
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due at"), null=True, blank=True, db_index=True)
    appointment_note = models.TextField(
        _("appointment"),
        blank=True,
        help_text=_("Special case: the appointment given to the asker (S1 Đ12.6c)."),
    )
    paused_at = models.DateTimeField(
        _("clock paused at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When more information was asked of the asker; empty when the clock runs."),
    )
    paused_time = models.DurationField(
        _("working time paused"),
        default=datetime.timedelta(0),
        editable=False,
        help_text=_("Working time the clock stood still, added to the due date."),
    )
    extended_days = models.PositiveSmallIntegerField(
        _("working days of extension"),
        default=0,
        editable=False,
        help_text=_("Added to the answer time by an extension, with its reason in the log."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    publish_on_portal = models.BooleanField(
        _("publish the answer on the portal"),
        default=True,
        help_text=_("Untick to send the answer only to the asker (S1 Đ12.4)."),
    )

    #: Folded subject, question, field and published answer for keyword search.
    search_key = models.TextField(editable=False, blank=True, default="")
    reminder_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_notice_sent_for = models.DateTimeField(null=True, blank=True, editable=False)
    personal_data_purged_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["state", "due_at"], name="consultation_q_state_due")]

    def __str__(self):
        return f"{self.code} – {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        if not self.tracking_token:
            self.tracking_token = secrets.token_urlsafe(24)
        if self.received_at is None:
            self.received_at = timezone.now()
        if self.full_name:
            self.asker_initials = initials(self.full_name)
        self.update_search_key()
        super().save(*args, **kwargs)
        if not self.code:
            self.code = f"{timezone.localtime(self.received_at):%Y}-{self.pk:05d}"
            type(self).objects.filter(pk=self.pk).update(code=self.code)

    def update_search_key(self) -> None:
        parts = [self.title, self.body, self.code]
        if self.field_id:
            parts.append(self.field.name)
        answer = getattr(self, "answer", None) if self.pk else None
        if answer is not None and answer.live:
            parts.append(strip_tags(answer.body))
            parts.extend(answer.citation_numbers())
        self.search_key = fold(" ".join(part for part in parts if part))

    # Public addresses -------------------------------------------------------------------
    def get_url(self, request=None) -> str:
        return self.page.url + self.page.reverse_subpage("question", args=[self.pk])

    def tracking_url(self) -> str:
        return self.page.url + self.page.reverse_subpage("track", args=[self.tracking_token])

    def tracking_full_url(self) -> str:
        return self.page.full_url + self.page.reverse_subpage("track", args=[self.tracking_token])

    # Clock -------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.state in (QuestionState.RECEIVED, QuestionState.ASSIGNED)

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.is_open and self.due_at and now > self.due_at)

    def overdue_days(self, now=None) -> int:
        if not self.is_overdue(now):
            return 0
        return working_days_overdue(self.due_at, now, site_of(self))

    @property
    def public_asker(self) -> str:
        """Initials and the place the board wrote; never the address."""
        return ", ".join(part for part in (self.asker_initials, self.public_place) if part)


class QuestionEvent(models.Model):
    """What happened to a question, in order: the history the board and the asker read
    (the tracking page shows the kinds, never the people or notes)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        REFUSED = "refused", _("Not accepted")
        ASSIGNED = "assigned", _("Assigned to a unit")
        FORWARDED = "forwarded", _("Forwarded to another unit")
        SUBMITTED = "submitted", _("Answer submitted to the editorial board")
        INFORMATION_REQUESTED = "info-requested", _("More information asked of the asker")
        INFORMATION_ADDED = "info-added", _("More information received")
        EXTENDED = "extended", _("Answer time extended")
        ANSWERED = "answered", _("Answer published")
        DECIDED = "decided", _("Decision given")
        WITHDRAWN = "withdrawn", _("Answer withdrawn")
        PUBLISHED = "published", _("Published on the portal")
        KEPT_PRIVATE = "kept-private", _("Kept private: sent to the asker only")
        REMINDED = "reminded", _("Reminder sent")
        OVERDUE = "overdue", _("Overdue notice sent")
        PURGED = "purged", _("Personal data erased")

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("from unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("to unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    #: Kinds the asker sees on the tracking page.
    PUBLIC_KINDS = (
        Kind.RECEIVED,
        Kind.REFUSED,
        Kind.ASSIGNED,
        Kind.FORWARDED,
        Kind.INFORMATION_REQUESTED,
        Kind.INFORMATION_ADDED,
        Kind.EXTENDED,
        Kind.ANSWERED,
        Kind.DECIDED,
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question event")
        verbose_name_plural = _("question events")

    def __str__(self):
        return f"{self.question_id}: {self.get_kind_display()}"
