"""Questions and answers (R-QA-1; S1 Đ12, S3 Đ5.8, S4 Đ8.11, Đ11.3; Decree 43/2011 Điều 15).

A question is a plain model (django-simple-history keeps every change: who forwarded it
where, when the deadline moved) with a ``QuestionEvent`` log the public tracking page and
the board read; its answer is a snippet (``Answer``) that passes the editorial workflow.
"""

from __future__ import annotations

import datetime
import hashlib
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


def _secret_hash(secret: str) -> str:
    return hashlib.sha256(f"congthongtin-request:{secret}".encode()).hexdigest()


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
    #: One page of each of these types per parent. Wagtail's ``max_count_per_parent``
    #: counts subclasses too (``type(cls)``), so a petitions page would forbid the Q&A
    #: page beside it: the count is of the exact type (``can_create_at``, ``can_move_to``).
    max_count_per_parent_of_exact_type = 1

    class Meta:
        verbose_name = _("questions and answers page")
        verbose_name_plural = _("questions and answers pages")

    def published_questions(self):
        return Question.objects.published().filter(page=self)

    # Metadata (core.metadata): a form and its answers; schema.org FAQPage.
    dc_type = "InteractiveResource"

    def json_ld(self, request) -> dict | None:
        from ..metadata import faq_page

        return faq_page(self, request)

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

    @path("theo-doi/", name="lookup")
    def lookup_route(self, request):
        from ..views.public import lookup

        return lookup(request, self)

    @path("theo-doi/<str:token>/", name="track")
    def track_route(self, request, token):
        from ..views.public import track_question

        return track_question(request, self, token)

    #: The kinds of request this page receives (``RequestKind``); the first is the default.
    request_kinds: tuple[str, ...] = ("hoi-dap",)

    @classmethod
    def _room_under(cls, parent, page=None) -> bool:
        siblings = parent.get_children().exact_type(cls)
        if page is not None:
            siblings = siblings.not_page(page)
        return siblings.count() < cls.max_count_per_parent_of_exact_type

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and cls._room_under(parent)

    def can_move_to(self, parent):
        return super().can_move_to(parent) and self.specific_class._room_under(parent, self)

    @classmethod
    def get_subpage_urls(cls):
        """A subclass's route replaces the route of the same name here: the petitions
        page's "ask" is ``gui-phan-anh/`` only (Wagtail keeps every class's routes, and
        ``reverse_subpage`` would give the Q&A's ``gui-cau-hoi/``)."""
        seen, routes = set(), []
        for route in super().get_subpage_urls():
            if route.name in seen:
                continue
            seen.add(route.name)
            routes.append(route)
        return routes

    @classmethod
    def of_site(cls, site):
        """This exact page type's live page on ``site`` (not a subclass's), or None."""
        if site is None:
            return None
        return cls.objects.live().exact_type(cls).in_site(site).specific().first()


class PetitionIndexPage(QuestionIndexPage):
    """Petitions about administrative regulations and services (phản ánh, kiến nghị;
    Decree 20/2008/NĐ-CP as amended by Decree 92/2017/NĐ-CP): received, routed, answered
    within the body's limit (``QASettings.petition_days``); answers published without the
    sender's personal data. The Q&A page's routes, with its own addresses."""

    request_kinds = ("phan-anh-kien-nghi",)
    template = "consultation/question_index_page.html"

    class Meta:
        verbose_name = _("petitions page")
        verbose_name_plural = _("petitions pages")

    @path("gui-phan-anh/", name="ask")
    def ask_route(self, request):
        from ..views.public import ask_question

        return ask_question(request, self)

    @path("phan-anh/<int:pk>/", name="question")
    def question_route(self, request, pk):
        from ..views.public import question_detail

        return question_detail(request, self, pk)


class ComplaintIndexPage(QuestionIndexPage):
    """Complaints (khiếu nại; Law on Complaints No. 02/2011/QH13) and denunciations (tố cáo;
    Law on Denunciations No. 25/2018/QH14) received online: the portal receives the letter
    and tracks the statutory stages (``consultation.lifecycle``: acceptance, settlement,
    extensions). A denouncer's identity is confidential (Law on Denunciations Art. 9.1b,
    Art. 47-48; ``consultation.confidentiality``). Published settlements show the decision
    only, never the letter or its sender."""

    request_kinds = ("khieu-nai", "to-cao")
    template = "consultation/question_index_page.html"

    class Meta:
        verbose_name = _("complaints and denunciations page")
        verbose_name_plural = _("complaints and denunciations pages")

    @path("gui-don/", name="ask")
    def ask_route(self, request):
        from ..views.public import ask_question

        return ask_question(request, self)

    @path("ket-qua/<int:pk>/", name="question")
    def question_route(self, request, pk):
        from ..views.public import question_detail

        return question_detail(request, self, pk)


class RequestKind(models.TextChoices):
    """What a citizen sends (issue 22): each kind has its form fields, its legal clock
    (``consultation.lifecycle.POLICIES``) and its visibility."""

    QUESTION = "hoi-dap", _("Question (Q&A)")
    PETITION = "phan-anh-kien-nghi", _("Petition on administrative regulations")
    COMPLAINT = "khieu-nai", _("Complaint")
    DENUNCIATION = "to-cao", _("Denunciation")


#: Kinds whose settlement is a decision after a formal acceptance (thụ lý).
ACCEPTANCE_KINDS = (RequestKind.COMPLAINT, RequestKind.DENUNCIATION)


class Complexity(models.TextChoices):
    """How complex a complaint or denunciation is: the laws allow longer settlement for
    complex cases (Law on Complaints Art. 28; Law on Denunciations Art. 30)."""

    NORMAL = "normal", _("Ordinary")
    COMPLEX = "complex", _("Complex")
    VERY_COMPLEX = "very-complex", _("Especially complex")


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
    #: Complaints (Law on Complaints Art. 11) and denunciations (Law on Denunciations
    #: Art. 29: the conditions of acceptance) that cannot be accepted for settlement.
    NOT_COMPETENT = "not-competent", _("Not within the body's competence")
    NOT_ADMISSIBLE = "not-admissible", _("Does not meet the conditions for acceptance")


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Answered questions the board publishes, whose answer is live."""
        return self.filter(state=QuestionState.ANSWERED, publish_on_portal=True, answer__live=True)

    def open(self):
        """Received or being answered: the clock runs (also while more information is
        awaited from the sender of a kind whose clock the law does not pause)."""
        return self.filter(
            models.Q(state__in=[QuestionState.RECEIVED, QuestionState.ASSIGNED])
            | models.Q(state=QuestionState.INFORMATION_REQUESTED, paused_at__isnull=True)
        )

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)


#: Fields of the asker: never shown publicly; erased after the retention period.
PERSONAL_FIELDS = (
    "full_name",
    "nationality",
    "occupation",
    "address",
    "representative_position",
    "licence_number",
    "email",
    "phone",
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
    kind = models.CharField(
        _("kind of request"),
        max_length=20,
        choices=RequestKind.choices,
        default=RequestKind.QUESTION,
        db_index=True,
    )
    #: sha256 of the short secret the sender keeps with the code (``check_secret``): the
    #: sender follows the request by code + secret, without an account.
    secret_hash = models.CharField(max_length=64, blank=True, editable=False)

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
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
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

    respondent = models.CharField(
        _("body or person concerned"),
        max_length=255,
        blank=True,
        help_text=_(
            "Complaint: the body or person whose decision or act is complained about; "
            "denunciation: the person denounced."
        ),
    )
    decision_reference = models.CharField(
        _("decision or act complained about"),
        max_length=255,
        blank=True,
        help_text=_("Its number and date, or what was done and when."),
    )
    known_on = models.DateField(
        _("date the decision was received or the act known"),
        null=True,
        blank=True,
        help_text=_("A complaint is lodged within 90 days of it (Law on Complaints Art. 9)."),
    )
    complexity = models.CharField(
        _("complexity"),
        max_length=15,
        choices=Complexity.choices,
        default=Complexity.NORMAL,
    )
    accepted_at = models.DateTimeField(
        _("accepted for settlement at"), null=True, blank=True, editable=False
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

    @staticmethod
    def audit_masked_fields(record) -> tuple[str, ...]:
        """Fields whose values the audit's data history never shows for this history row
        (editorial's audit_records): a denunciation's sender and letter, which no auditor
        may read (consultation.confidentiality)."""
        if getattr(record, "kind", None) != RequestKind.DENUNCIATION:
            return ()
        from ..confidentiality import CONFIDENTIAL_FIELDS

        return CONFIDENTIAL_FIELDS

    @property
    def identity_confidential(self) -> bool:
        """A denouncer's identity is confidential by law (Law on Denunciations Art. 9.1b,
        Art. 47-48): ``consultation.confidentiality`` says who may see it."""
        return self.kind == RequestKind.DENUNCIATION

    @property
    def needs_acceptance(self) -> bool:
        return self.kind in ACCEPTANCE_KINDS

    def set_secret(self) -> str:
        """A new secret for following the request (shown once, e-mailed to the sender):
        10 characters without look-alikes (about 50 bits); only its hash is kept."""
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        secret = "".join(secrets.choice(alphabet) for _ in range(10))
        self.secret_hash = _secret_hash(secret)
        return secret

    def check_secret(self, secret: str) -> bool:
        given = (secret or "").strip().upper().replace("-", "").replace(" ", "")
        return bool(self.secret_hash) and secrets.compare_digest(
            self.secret_hash, _secret_hash(given)
        )

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
    def _subpage(self, name: str, *args) -> str:
        """A route of the request's page as its own type (a petitions page answers at
        ``phan-anh/<pk>/``, not the Q&A's ``cau-hoi/<pk>/``), without loading it."""
        page_class = self.page.specific_class or type(self.page)
        return page_class.get_resolver().reverse(name, *args)

    def get_url(self, request=None) -> str:
        return self.page.url + self._subpage("question", self.pk)

    def tracking_url(self) -> str:
        return self.page.url + self._subpage("track", self.tracking_token)

    def tracking_full_url(self) -> str:
        return self.page.full_url + self._subpage("track", self.tracking_token)

    # Clock -------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.state in (QuestionState.RECEIVED, QuestionState.ASSIGNED) or (
            self.state == QuestionState.INFORMATION_REQUESTED and self.paused_at is None
        )

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
        ACCEPTED = "accepted", _("Accepted for settlement")
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
        Kind.ACCEPTED,
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
