"""Online exchanges (giao lưu trực tuyến; R-FORUM-1; S4 Đ13.2f).

A leader meets the public on a topic at a set time: the exchange is announced, people send
questions before and during it, the board moderates them, the leader's secretary types the
answers, which appear on the public page while the exchange is live (a small JSON list the
page polls, served by the front cache for a few seconds), and afterwards the transcript
(every answered question) is published on the page and found by site search.

Askers' e-mails are personal data: never on a public page, erased
``CONSULTATION_PERSONAL_DATA_RETENTION_DAYS`` after the exchange
(``consultation.exchanges.purge_exchange_personal_data``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from congthongtin.core import sitecache
from congthongtin.core.models import BasePage


class ExchangeStatus(models.TextChoices):
    UPCOMING = "sap-dien-ra", _("Upcoming")
    LIVE = "dang-dien-ra", _("Live now")
    ENDED = "da-ket-thuc", _("Ended")


def status_filter(status: str, now) -> models.Q:
    """The exchanges of ``status`` at ``now``, as a query (the list's tabs)."""
    if status == ExchangeStatus.UPCOMING:
        return models.Q(closed=False, starts_at__gt=now)
    if status == ExchangeStatus.LIVE:
        return models.Q(closed=False, starts_at__lte=now, ends_at__gt=now)
    return models.Q(closed=True) | models.Q(ends_at__lte=now)


class ExchangeIndexPage(BasePage):
    """The list of online exchanges: live now, upcoming, past (``/giao-luu-truc-tuyen/``)."""

    intro = models.TextField(_("summary"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), *BasePage.provenance_panels]
    subpage_types = ["consultation.ExchangePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("online exchanges index")
        verbose_name_plural = _("online exchanges indexes")

    def exchanges(self):
        return sitecache.public(ExchangePage.objects.child_of(self).live()).order_by("-starts_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        exchanges = self.exchanges()
        context["groups"] = [
            (status, label, list(exchanges.filter(status_filter(status, now))))
            for status, label in (
                (ExchangeStatus.LIVE, _("Live now")),
                (ExchangeStatus.UPCOMING, _("Upcoming")),
                (ExchangeStatus.ENDED, _("Past exchanges")),
            )
        ]
        return context

    def next_change(self, now):
        """The next start or end among its exchanges: the list changes by itself then."""
        moments = [
            moment
            for pair in self.exchanges()
            .filter(closed=False, ends_at__gt=now)
            .values_list("starts_at", "ends_at")
            for moment in pair
            if moment > now
        ]
        return min(moments) if moments else None

    def serve(self, request, *args, **kwargs):
        from ..views.exchanges import bounded_by

        response = super().serve(request, *args, **kwargs)
        return bounded_by(request, response, self.next_change(timezone.now()))


class ExchangePage(RoutablePageMixin, BasePage):
    """One exchange: a leader, a topic, a date; the questions and answers.

    The status is derived from the time (upcoming before ``starts_at``, live until
    ``ends_at``) and the ``closed`` flag the board sets to end it early. Questions are
    received until it ends. The transcript is on the page once the board publishes it."""

    leader_name = models.CharField(_("leader's name"), max_length=150)
    leader_position = models.CharField(_("leader's position"), max_length=255)
    topic = models.CharField(_("topic"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("The announcement shown above the questions.")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Ends the exchange now: no more questions.")
    )
    transcript_published = models.BooleanField(
        _("transcript published"),
        default=False,
        help_text=_("Shows every answered question on the page and in site search."),
    )
    field = models.ForeignKey(
        "core.Field",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The field of the topic; questions turned into Q&A items get it."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("leader_name"), FieldPanel("leader_position")], heading=_("Leader")
        ),
        FieldPanel("topic"),
        FieldPanel("field"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("closed"),
                FieldPanel("transcript_published"),
            ],
            heading=_("Time"),
        ),
        *BasePage.provenance_panels,
    ]
    parent_page_types = ["consultation.ExchangeIndexPage"]
    subpage_types: list[str] = []
    search_category = ""

    class Meta:
        verbose_name = _("online exchange")
        verbose_name_plural = _("online exchanges")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    # Status ------------------------------------------------------------------------------
    def status_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.closed or now >= self.ends_at:
            return ExchangeStatus.ENDED
        if now < self.starts_at:
            return ExchangeStatus.UPCOMING
        return ExchangeStatus.LIVE

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def is_live(self) -> bool:
        return self.status == ExchangeStatus.LIVE

    @property
    def accepts_questions(self) -> bool:
        """Before and during the exchange; never after (S4 Đ13.2f: collected before and
        during)."""
        return self.status != ExchangeStatus.ENDED

    def get_status_display(self) -> str:
        return str(ExchangeStatus(self.status).label)

    # Questions shown -----------------------------------------------------------------------
    def answered_questions(self):
        return self.questions.filter(state=ExchangeQuestionState.ANSWERED).order_by(
            "answered_at", "order", "pk"
        )

    def public_questions(self):
        """Approved and answered questions: what the public page lists (never e-mails)."""
        return (
            self.questions.filter(
                state__in=[ExchangeQuestionState.APPROVED, ExchangeQuestionState.ANSWERED]
            )
            .only(
                "pk",
                "page_id",
                "asker_name",
                "asker_place",
                "text",
                "state",
                "answer",
                "answered_at",
                "order",
            )
            .order_by("order", "pk")
        )

    # Search (core.BasePage protocol) ---------------------------------------------------------
    def get_search_key_parts(self) -> list[str]:
        return [*super().get_search_key_parts(), self.leader_name, self.topic, self.summary]

    def get_search_summary(self) -> str:
        return self.summary or self.topic

    def get_search_sections(self) -> list[tuple[str, str, str]]:
        """Once the transcript is published each answered question is found on its own and
        links to its place on the page (``#cau-hoi-<pk>``)."""
        if not self.pk or not self.transcript_published:
            return []
        return [
            (question.anchor, question.text[:200], f"{question.text}\n{question.answer}")
            for question in self.answered_questions()
        ]

    def get_search_facets(self) -> dict:
        facets = super().get_search_facets()
        if self.field_id:
            facets["fields"] = [self.field.slug]
        facets["date"] = timezone.localtime(self.starts_at).date() if self.starts_at else None
        return facets

    # Routes ------------------------------------------------------------------------------------
    @path("")
    def index_route(self, request):
        from ..views.exchanges import exchange_page

        return exchange_page(request, self)

    @path("gui-cau-hoi/", name="ask")
    def ask_route(self, request):
        from ..views.exchanges import ask

        return ask(request, self)

    @path("cau-hoi-json/", name="questions_json")
    def json_route(self, request):
        from ..views.exchanges import questions_json

        return questions_json(request, self)


class ExchangeQuestionState(models.TextChoices):
    PENDING = "cho-duyet", _("Pending")
    APPROVED = "da-duyet", _("Approved")
    REJECTED = "tu-choi", _("Rejected")
    ANSWERED = "da-tra-loi", _("Answered")


class ExchangeQuestion(models.Model):
    """A question sent to an exchange. The asker's name and place are shown with it once
    approved; the e-mail never is, and is erased after the retention period."""

    page = models.ForeignKey(
        ExchangePage,
        verbose_name=_("online exchange"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    asker_name = models.CharField(_("full name"), max_length=150)
    asker_place = models.CharField(_("commune, ward or organisation"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("question"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ExchangeQuestionState.choices,
        default=ExchangeQuestionState.PENDING,
        db_index=True,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    #: The Q&A item made from it ("turn into a Q&A item"), if any.
    qa_question = models.ForeignKey(
        "consultation.Question",
        verbose_name=_("Q&A item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_purged_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("exchange question")
        verbose_name_plural = _("exchange questions")
        indexes = [models.Index(fields=["page", "state"], name="consultation_xq_page_state")]

    def __str__(self):
        return self.text[:80]

    @property
    def anchor(self) -> str:
        return f"cau-hoi-{self.pk}"

    @property
    def public_asker(self) -> str:
        return ", ".join(part for part in (self.asker_name, self.asker_place) if part)

    def as_public_dict(self) -> dict:
        """What the JSON list gives of a question: never the e-mail."""
        return {
            "id": self.pk,
            "anchor": self.anchor,
            "asker": self.public_asker,
            "question": self.text,
            "answer": self.answer if self.state == ExchangeQuestionState.ANSWERED else "",
            "answered_at": (
                timezone.localtime(self.answered_at).strftime("%H:%M %d/%m/%Y")
                if self.answered_at
                else ""
            ),
        }
