"""Consultation on drafts (R-CONS-1; S4 Đ8.7, Đ11.6; S2 Đ7.8; Decree 43/2011 Điều 10i).

Each draft has its full text and files to read and download, the drafting agency, when
comments open and close, the questions the agency asks; people send comments until the
deadline and no later (enforced on the server for every way of writing); comments are
moderated before any is shown; after closing the agency publishes its summary of the
comments and its responses (bản tổng hợp, tiếp thu, giải trình), which passes the
editorial board like any page (R-WF-4); subscribers hear when a consultation opens,
nears its close and has its result.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from congthongtin.core import bodies, sitecache
from congthongtin.core.blocks import RICH_TEXT_FEATURES, BodyBlock, DocumentBlock
from congthongtin.core.listing import keyword_filter, paginate
from congthongtin.core.models import BasePage
from congthongtin.core.private_media import private_storage

from ..archives import archive_context, refused_on_archive
from ..uploads import comment_upload_to

PER_PAGE = 20


def render_page(page, request, status: int, overrides: dict) -> TemplateResponse:
    """The page's own template with extra context (a bound form, a refusal) and a status:
    what a page with a form answers to a POST that does not redirect."""
    context = page.get_context(request)
    context.update(overrides)
    return TemplateResponse(request, page.get_template(request), context, status=status)


class ConsultationStatus(models.TextChoices):
    """Computed from the clock and the published result, never stored."""

    UPCOMING = "sap-mo", _("Opening soon")
    OPEN = "dang-lay-y-kien", _("Open for comments")
    CLOSED = "da-het-han", _("Comments closed")
    RESULT = "da-co-ket-qua", _("Result published")


def status_filter(status: str, now) -> Q:
    """The ``Q`` of ConsultationPages in ``status`` at ``now`` (same rule as ``status_at``)."""
    no_result = Q(result_summary="")
    return {
        ConsultationStatus.UPCOMING: Q(opens_at__gt=now),
        ConsultationStatus.OPEN: Q(opens_at__lte=now, closes_at__gt=now),
        ConsultationStatus.CLOSED: Q(closes_at__lte=now) & no_result,
        ConsultationStatus.RESULT: Q(closes_at__lte=now) & ~no_result,
    }[status]


class ConsultationIndexPage(RoutablePageMixin, BasePage):
    """The list of drafts under consultation (R-CONS-1), by status, with keyword search,
    and the e-mail subscription to their news (opening, closing soon, result)."""

    intro = models.TextField(_("summary"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), *BasePage.provenance_panels]
    subpage_types = ["consultation.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation index")
        verbose_name_plural = _("consultation indexes")

    def consultations(self):
        return (
            sitecache.public(ConsultationPage.objects.child_of(self).live())
            .select_related("drafting_agency")
            .defer_streamfields()
            .order_by("-opens_at")
        )

    @path("")
    def index_route(self, request):
        now = timezone.now()
        items = self.consultations()
        status = request.GET.get("trang_thai", "")
        if status in ConsultationStatus.values:
            items = items.filter(status_filter(status, now))
        else:
            status = ""
        query = (request.GET.get("q") or "")[:200]
        items = keyword_filter(items, query)
        page_obj = paginate(request, items, PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "statuses": ConsultationStatus.choices,
                "current_status": status,
                "query": query,
                "now": now,
            },
        )

    @path("dang-ky/", name="subscribe")
    def subscribe_route(self, request):
        from ..views.public import subscribe

        return subscribe(request, self)

    @path("xac-nhan/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from ..views.public import confirm_subscription

        return confirm_subscription(request, self, token)

    @path("huy-dang-ky/<str:token>/", name="unsubscribe")
    def unsubscribe_route(self, request, token):
        from ..views.public import unsubscribe

        return unsubscribe(request, self, token)


class AgencyQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("question"))
    article = blocks.CharBlock(
        label=_("article concerned"), required=False, help_text=_("E.g. “Điều 5”.")
    )

    class Meta:
        icon = "help"
        label = _("Question to the public")


class ConsultationPage(BasePage):
    """One draft under consultation (R-CONS-1).

    - Full text and files to read and download; the drafting agency; the questions the
      agency asks; where comments are received (Decree 43/2011 Điều 10i).
    - Comments are accepted from ``opens_at`` until ``closes_at`` and never after: the
      check is on the server, at the moment the POST arrives, and again when a comment is
      saved by any other code path (``ConsultationComment.save``).
    - The status comes from the clock and the result: opening soon, open, closed, result
      published. The result (summary of comments and responses) can only be recorded
      after closing, and shows once the page with it is published through the board.
    """

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the draft is about, in two or three sentences.")
    )
    drafting_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("drafting agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("comments open at"))
    closes_at = models.DateTimeField(
        _("comments close at"),
        help_text=_(
            "Comments sent after this moment are refused, even from a form opened before it."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("full text of the draft"), blank=True)
    files = StreamField(
        [("file", DocumentBlock())],
        verbose_name=_("files of the draft"),
        blank=True,
        help_text=_("The draft and its accompanying papers, to download (PDF, DOC, DOCX, ODT)."),
    )
    agency_questions = StreamField(
        [("question", AgencyQuestionBlock())],
        verbose_name=_("questions the agency asks"),
        blank=True,
    )
    articles = models.TextField(
        _("articles open to comment"),
        blank=True,
        help_text=_(
            "One per line, e.g. “Điều 1. Phạm vi điều chỉnh”. Commenters choose the article "
            "their comment is on; empty: they type it."
        ),
    )
    receiving_address = models.CharField(
        _("postal address for comments"), max_length=255, blank=True
    )
    receiving_email = models.EmailField(
        _("e-mail of the drafting agency"),
        blank=True,
        help_text=_("Told of every new comment; shown to the public as the receiving address."),
    )
    result_summary = RichTextField(
        _("summary of comments and responses"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "After closing: the agency's summary of the comments received and its responses "
            "(tổng hợp, tiếp thu, giải trình). Once published, the status becomes “Result "
            "published”."
        ),
    )
    result_files = StreamField(
        [("file", DocumentBlock())], verbose_name=_("result files"), blank=True
    )
    result_published_at = models.DateTimeField(
        _("result published at"), null=True, blank=True, editable=False
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("drafting_agency"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("receiving_address"),
                FieldPanel("receiving_email"),
            ],
            heading=_("Consultation"),
        ),
        FieldPanel("body"),
        FieldPanel("files"),
        FieldPanel("agency_questions"),
        FieldPanel("articles"),
        MultiFieldPanel(
            [FieldPanel("result_summary"), FieldPanel("result_files")],
            heading=_("Result (after closing)"),
        ),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=du-thao (the search protocol of core.BasePage)
    search_category = "du-thao"

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("draft under consultation")
        verbose_name_plural = _("drafts under consultation")

    # Status ------------------------------------------------------------------------------
    def status_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if self.closes_at and now < self.closes_at:
            return ConsultationStatus.OPEN
        if self.has_result:
            return ConsultationStatus.RESULT
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return ConsultationStatus(self.status).label

    def is_open(self, now=None) -> bool:
        return self.status_at(now) == ConsultationStatus.OPEN

    @property
    def has_result(self) -> bool:
        return bool((self.result_summary or "").strip())

    @property
    def article_choices(self) -> list[str]:
        return [line.strip() for line in (self.articles or "").splitlines() if line.strip()]

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("Comments must close after they open.")
        if self.has_result and self.closes_at and timezone.now() < self.closes_at:
            errors["result_summary"] = _(
                "The result can be recorded only after the consultation has closed."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # A full save is a publish or a creation; save_revision's bookkeeping saves name
        # their fields and must not stamp a draft's result as published.
        if kwargs.get("update_fields") is None and self.live and self.has_result:
            self.result_published_at = self.result_published_at or timezone.now()
        return super().save(*args, **kwargs)

    def get_search_key_parts(self) -> list[str]:
        agency = self.drafting_agency.name if self.drafting_agency_id else ""
        return [*super().get_search_key_parts(), self.summary or "", agency]

    # Public views ------------------------------------------------------------------------
    def approved_comments(self):
        return self.public_comments.filter(status=ConsultationComment.Status.APPROVED).order_by(
            "submitted_at", "pk"
        )

    def get_context(self, request, *args, **kwargs):
        from ..forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["now"] = now
        context["status"] = self.status_at(now)
        context["status_label"] = ConsultationStatus(context["status"]).label
        context["is_open"] = context["status"] == ConsultationStatus.OPEN
        if context["is_open"] and "form" not in context:
            context["form"] = CommentForm(page=self)
        context["sent"] = request.GET.get("gop_y") == "da-gui"
        context["comments"] = list(self.approved_comments())
        context.update(archive_context(self))
        if context["archived"]:
            context.pop("form", None)
        return context

    def render_page(self, request, status=200, **overrides):
        return render_page(self, request, status, overrides)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return refused_on_archive(request, self) or self.serve_comment(request)
        return super().serve(request, *args, **kwargs)

    def serve_comment(self, request):
        from congthongtin.core import antispam
        from congthongtin.core.outbox import queue_email

        from ..forms import CommentForm

        now = timezone.now()
        if not self.is_open(now):
            # The deadline wins over everything else: nothing of this POST is read.
            return self.render_page(request, status=403, refused=True)
        if antispam.check_rate_limit(request, "comment"):
            form = CommentForm(request.POST, page=self)
            form.is_valid()
            form.prepare_retry()
            return self.render_page(
                request, status=429, form=form, rate_limited=antispam.RATE_LIMITED_MESSAGE
            )
        form = CommentForm(request.POST, request.FILES, page=self)
        if not form.is_valid():
            form.prepare_retry()
            return self.render_page(request, form=form)
        first, earlier = form.claim_challenge()
        done_url = self.url + "?gop_y=da-gui#ket-qua-gui"
        if not first:
            return HttpResponseRedirect(earlier or done_url)
        data = form.cleaned_data
        with form.storing(), transaction.atomic():
            comment = ConsultationComment(
                page=self,
                full_name=data["full_name"],
                email=data["email"],
                phone=data.get("phone", ""),
                organisation=data.get("organisation", ""),
                address=data.get("address", ""),
                article=data.get("article", ""),
                text=data["text"],
                consent_at=now,
            )
            if data.get("attachment"):
                comment.attachment = data["attachment"]
            comment.save()
            if self.receiving_email:
                queue_email(
                    [self.receiving_email],
                    gettext("New comment on the draft “%(title)s”") % {"title": self.title},
                    gettext(
                        "A comment on the draft “%(title)s” is waiting for moderation in the "
                        "portal's administration (comment no. %(number)s)."
                    )
                    % {"title": self.title, "number": comment.pk},
                    purpose="comment.received",
                    reference=f"comment:{comment.pk}",
                    site=bodies.site_id_of_page(self),
                )
        antispam.remember_submission(request, "comment")
        form.record_result(done_url)
        return HttpResponseRedirect(done_url)


class ConsultationComment(models.Model):
    """A comment on a draft: who sends it (name, e-mail; phone, organisation and address if
    they wish), which article it is on, the text and an optional file (R-CONS-1).

    Moderated before it is shown; the public sees the organisation or the name's initials,
    never the e-mail, phone or address.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Shown on the portal")
        REJECTED = "rejected", _("Not shown")

    page = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("draft"),
        on_delete=models.CASCADE,
        related_name="public_comments",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    article = models.CharField(_("article concerned"), max_length=255, blank=True)
    text = models.TextField(_("comment"))
    # Outside MEDIA_ROOT, read only through the permission-checked admin view
    # (core.private_media, consultation.views.files).
    attachment = models.FileField(
        _("attached file"),
        upload_to=comment_upload_to,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    submitted_at = models.DateTimeField(_("sent at"), editable=False, db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    moderation_note = models.CharField(
        _("moderation note"),
        max_length=255,
        blank=True,
        help_text=_("Why it is not shown, for the record; not public."),
    )
    response = models.TextField(
        _("agency's response"),
        blank=True,
        help_text=_("Accepted, explained or not accepted, and why; shown with the comment."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    personal_data_purged_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self):
        return f"{self.page.title} – {self.public_author}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            # Every way of writing goes through here (the public form, the admin, a script):
            # the comment exists only if the consultation is open now.
            self.submitted_at = timezone.now()
            page = ConsultationPage.objects.get(pk=self.page_id)
            if not page.is_open(self.submitted_at):
                raise ValidationError(CLOSED_MESSAGE, code="consultation_closed")
        return super().save(*args, **kwargs)

    @property
    def public_author(self) -> str:
        """What the public sees of the sender: the organisation, or the name's initials."""
        if self.organisation:
            return self.organisation
        return initials(self.full_name)


CLOSED_MESSAGE = _(
    "The consultation is not open: comments are accepted only between its opening and "
    "closing times."
)


def initials(full_name: str) -> str:
    """ "Nguyễn Văn An" → "N. V. A." (what the public sees of a person's name)."""
    parts = [part for part in (full_name or "").split() if part]
    return " ".join(f"{part[0].upper()}." for part in parts[:4])


class ConsultationSubscriber(models.Model):
    """An e-mail address that asked to hear of the site's consultations: confirmed by a
    link sent to it (nobody subscribes somebody else), removed by a link in every e-mail."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portal"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation subscriber")
        verbose_name_plural = _("consultation subscribers")
        constraints = [
            models.UniqueConstraint(fields=["site", "email"], name="consultation_unique_subscriber")
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ConsultationNotice(models.Model):
    """One announcement of one consultation to its subscribers, sent once: the row is
    written with the e-mails in one transaction, so ``consultation_notifications`` can run
    as often as cron likes."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Open for comments")
        CLOSING = "closing", _("Closing soon")
        RESULT = "result", _("Result published")

    page = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="notices", verbose_name=_("draft")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("consultation notice")
        verbose_name_plural = _("consultation notices")
        constraints = [
            models.UniqueConstraint(fields=["page", "kind"], name="consultation_notice_once")
        ]

    def __str__(self):
        return f"{self.page} – {self.get_kind_display()}"
