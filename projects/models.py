"""Investment projects, bidding and public procurement (R-PROJ-1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from congthongtin.core import sitecache
from congthongtin.core.blocks import ATTACHMENT_BLOCKS, BodyBlock
from congthongtin.core.forms import PortalPageForm, day_first_datetimes
from congthongtin.core.models import BasePage, Field, SectionIndexPage
from congthongtin.core.query_params import choice

from . import money

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class ProjectStatus(models.TextChoices):
    """The three lists R-PROJ-1 asks for; values are the ``?trang_thai=`` slugs."""

    PREPARING = "chuan-bi", _("Being prepared")
    UNDER_WAY = "dang-thuc-hien", _("Under way")
    COMPLETED = "hoan-thanh", _("Completed")


class ProjectType(models.TextChoices):
    PUBLIC = "dau-tu-cong", _("Public investment")
    PPP = "ppp", _("Public–private partnership (PPP)")
    PRIVATE = "tu-nhan", _("Private investment")
    ODA = "oda", _("ODA and concessional loans")
    OTHER = "khac", _("Other")


class ProcurementKind(models.TextChoices):
    INVITATION = "moi-thau", _("Invitation to bid")
    RESULT = "ket-qua", _("Contractor selection result")
    PLAN = "ke-hoach", _("Contractor selection plan")


class ProjectIndexPage(SectionIndexPage):
    """``/du-an/``: projects by status (``?trang_thai=chuan-bi|dang-thuc-hien|hoan-thanh``),
    type (``?loai=``), field (``?linh_vuc=``) and keyword, with the invitations to bid that
    are still open."""

    item_select_related = ("field",)
    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index")

    def get_items(self):
        return (
            super()
            .get_items()
            .prefetch_related(
                models.Prefetch(
                    "procurement_notices",
                    queryset=ProcurementNotice.objects.filter(deadline__gt=timezone.now()),
                    to_attr="open_notices",
                )
            )
            .order_by("-first_published_at", "-pk")
        )

    def filter_items(self, request, queryset):
        queryset, filters = super().filter_items(request, queryset)
        status = choice(request.GET.get("trang_thai"), ProjectStatus.values)
        if status:
            queryset = queryset.filter(status=status)
        kind = choice(request.GET.get("loai"), ProjectType.values)
        if kind:
            queryset = queryset.filter(project_type=kind)
        fields = sitecache.cached(sitecache.make_key("fields"), lambda: list(Field.objects.all()))
        field = choice(request.GET.get("linh_vuc"), {f.slug for f in fields})
        if field:
            queryset = queryset.filter(field__slug=field)
        filters.update({"trang_thai": status or "", "loai": kind or "", "linh_vuc": field or ""})
        self._fields = fields
        return queryset, filters

    def open_invitations(self):
        """Invitations to bid of this section's public projects whose deadline is ahead."""
        projects = sitecache.public(ProjectPage.objects.live().descendant_of(self))
        return (
            ProcurementNotice.objects.filter(project__in=projects, deadline__gt=timezone.now())
            .select_related("project")
            .order_by("deadline")[:20]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fields"] = self._fields
        context["statuses"] = ProjectStatus.choices
        context["types"] = ProjectType.choices
        context["open_invitations"] = list(self.open_invitations())
        return context


class ProjectPageForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        day_first_datetimes(self)


class ProjectPage(BasePage):
    """An investment project (R-PROJ-1; S0 Đ8.7, S2 Đ7.6): name, main objective, field,
    type, investor, location, total investment in đồng, implementation period and status
    (being prepared, under way, completed), with its bidding and procurement notices."""

    objective = models.TextField(_("main objective"))
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    project_type = models.CharField(_("type"), max_length=20, choices=ProjectType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING
    )
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    total_investment = models.BigIntegerField(
        _("total investment (đồng)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In đồng, without dots: 12500000000 for 12.5 billion."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    start_month = models.PositiveSmallIntegerField(
        _("start month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)
    attachments = StreamField(ATTACHMENT_BLOCKS, verbose_name=_("attached files"), blank=True)

    base_form_class = ProjectPageForm
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("objective"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("project_type")]),
        FieldPanel("field"),
        FieldRowPanel([FieldPanel("investor"), FieldPanel("location")]),
        FieldPanel("total_investment"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_month"), FieldPanel("start_year")]),
                FieldRowPanel([FieldPanel("end_month"), FieldPanel("end_year")]),
            ],
            heading=_("Implementation period"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        InlinePanel(
            "procurement_notices",
            label=_("bidding and procurement notice"),
            heading=_("Bidding and procurement"),
        ),
        *BasePage.provenance_panels,
    ]
    #: /tim-kiem/?loai=du-an (the search protocol of core.BasePage)
    search_category = "du-an"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers
    #: R-SLA-2: a project's information is reviewed periodically until it is completed
    #: (editorial.reviews; the interval is the body's, editorial.BoardSettings).
    review_kind = "project"

    def get_review_kind(self):
        return None if self.status == ProjectStatus.COMPLETED else self.review_kind

    @classmethod
    def review_filter(cls):
        return ~models.Q(status=ProjectStatus.COMPLETED)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("objective"),
        index.SearchField("investor"),
        index.SearchField("summary"),
        index.FilterField("status"),
        index.FilterField("project_type"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_month and not self.start_year:
            errors["start_year"] = _("Give the year of the start month.")
        if self.end_month and not self.end_year:
            errors["end_year"] = _("Give the year of the end month.")
        if self.start_year and self.end_year and not errors:
            start = (self.start_year, self.start_month or 1)
            end = (self.end_year, self.end_month or 12)
            if end < start:
                errors["end_year"] = _("The end of the project cannot be before its start.")
        if errors:
            raise ValidationError(errors)

    def get_search_key_parts(self) -> list[str]:
        return [
            *super().get_search_key_parts(),
            self.objective or "",
            self.investor or "",
            self.location or "",
            self.summary or "",
        ]

    @property
    def total_investment_short(self) -> str:
        return money.short(self.total_investment)

    @property
    def total_investment_exact(self) -> str:
        return money.exact(self.total_investment)

    @property
    def period_label(self) -> str:
        """“03/2026 – 12/2027”, “2026 – 2027”, or one end when the other is unknown."""

        def month_year(year, month):
            if not year:
                return ""
            return f"{month:02d}/{year}" if month else str(year)

        start = month_year(self.start_year, self.start_month)
        end = month_year(self.end_year, self.end_month)
        if start and end:
            return f"{start} – {end}"
        return start or end

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = self.procurement_notices.select_related("document").order_by(
            "-published_date", "sort_order"
        )
        context["now"] = timezone.now()
        return context


class ProcurementNotice(Orderable):
    """A bidding or procurement notice of a project: the invitation to bid with its
    submission deadline, the contractor selection plan or result (R-PROJ-1)."""

    project = ParentalKey(ProjectPage, related_name="procurement_notices", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=ProcurementKind.choices)
    notice_number = models.CharField(
        _("notice number"),
        max_length=60,
        blank=True,
        help_text=_("Number on the national e-procurement system, e.g. IB2600012345."),
    )
    published_date = models.DateField(_("published on"))
    deadline = models.DateTimeField(
        _("bid submission deadline"),
        null=True,
        blank=True,
        help_text=_("For an invitation to bid: bids close at this date and time."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(
        _("address on the e-procurement system"),
        blank=True,
        help_text=_("Link to the notice on muasamcong.mpi.gov.vn, if published there."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("notice_number")]),
        FieldRowPanel([FieldPanel("published_date"), FieldPanel("deadline")]),
        FieldPanel("document"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bidding and procurement notice")
        verbose_name_plural = _("bidding and procurement notices")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == ProcurementKind.INVITATION and not self.deadline:
            raise ValidationError({"deadline": _("An invitation to bid states its deadline.")})
        deadline_day = timezone.localtime(self.deadline).date() if self.deadline else None
        if deadline_day and self.published_date and deadline_day < self.published_date:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the publication date.")}
            )

    def is_open(self, now=None) -> bool | None:
        """True while bids are accepted, False after the deadline, None without one."""
        if not self.deadline:
            return None
        return self.deadline > (now or timezone.now())

    @property
    def is_open_now(self) -> bool | None:
        return self.is_open()


ProjectIndexPage.item_model = ProjectPage
