"""One administrative procedure (thủ tục hành chính) and its forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from congthongtin.core.models import BasePage

from ..blocks import DossierBlock, FeeBlock, LegalBasisBlock, StepBlock, SubmissionBlock
from ..choices import (
    PROCEDURE_CODE_RE,
    Audience,
    LegacyLevel,
    OnlineLevel,
    PartialReason,
    ProcedureLevel,
    SubmissionChannel,
)
from ..forms import ProcedureCopyForm, ProcedurePageForm
from .fields import MultipleChoiceField, MultipleChoicePanel

#: File types a form may be published in (R-PROC-1 "downloadable e-forms").
FORM_EXTENSIONS = ("doc", "docx", "odt", "pdf", "xls", "xlsx", "ods")

code_validator = RegexValidator(
    PROCEDURE_CODE_RE,
    _(
        "Enter the national procedure code, e.g. 1.001193 or 1.001193.000.00.00.H56 "
        "(Cơ sở dữ liệu quốc gia về thủ tục hành chính)."
    ),
)


def site_scope_path(page: Page | None) -> str:
    """Tree path under which procedure codes must be unique: the root of the site that
    holds ``page`` (the deepest one, for nested sites). A page outside every site (a tree
    being prepared) is scoped to its top-level ancestor."""
    if page is None or not page.path:
        return ""
    roots = Site.objects.values_list("root_page__path", flat=True)
    matches = [root for root in roots if root and page.path.startswith(root)]
    return max(matches, key=len) if matches else page.path[: Page.steplen * 2]


#: Characters of ``search_key`` in the listing index (a B-tree entry must stay small); the
#: rare ties after it, and ``pk``, are ordered by PostgreSQL's incremental sort.
LISTING_KEY_LENGTH = 200


def field_listing_copy(field) -> dict:
    """What each procedure keeps of its field (or of none) for ``listing_order``."""
    return {
        "field_order": field.sort_order if field else None,
        "field_name": field.name if field else "",
    }


def listing_order() -> tuple:
    """Fields in their display order (procedures without one last), then folded title."""
    return (
        models.F("field_order").asc(nulls_last=True),
        "field_name",
        Left("search_key", LISTING_KEY_LENGTH),
        "search_key",
        "pk",
    )


class ProcedurePage(BasePage):
    """An administrative procedure as the national procedure database publishes it.

    R-PROC-1 (S0 Đ8.4, S2 Đ7.3, S3 Đ5.2, S4 Đ8.3): name and implementing agency, steps,
    where to submit, the handling officer and how to reach them, time limit, fees, other
    rules and downloadable forms. NĐ 63/2010 Điều 8 k2 (as amended by NĐ 92/2017) lists
    the legal components: name, steps, method, dossier with number of copies, time limit,
    who may apply, handling agency, and where they exist forms, result, conditions, fees.
    R-PROC-2 (S0 Đ16, S4 Đ16): each online service states its summary, month/year in
    service, providing unit, forms (code, name, purpose, file), result, fee and level;
    Decree 224/2026/NĐ-CP Điều 14 classifies the level as fully or partly online, and a
    partly online service must publish its reason. R-SLA-2: changes go through the
    editorial workflow like any page.
    """

    code = models.CharField(
        _("procedure code"),
        max_length=40,
        db_index=True,
        validators=[code_validator],
        help_text=_(
            "The code in the national procedure database, e.g. 1.001193. Unique on a portal."
        ),
    )
    publication_decision = models.CharField(
        _("publication decision"),
        max_length=255,
        blank=True,
        help_text=_("Number of the decision that published the procedure (số quyết định)."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A short description for citizens (R-PROC-2)."),
    )
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=ProcedureLevel.choices,
        default=ProcedureLevel.COMMUNE,
        db_index=True,
        help_text=_("Cấp thực hiện. District procedures are kept only as an archive."),
    )
    field = models.ForeignKey(
        "core.Field",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("implementing agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        help_text=_("Cơ quan thực hiện (R-PROC-1)."),
    )
    audience = MultipleChoiceField(
        _("who may apply"),
        max_length=200,
        choices=Audience.choices,
        blank=True,
        help_text=_("Đối tượng thực hiện; tick every one that applies."),
    )
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("steps"),
        blank=True,
        help_text=_("Trình tự thực hiện, in order."),
    )
    submission = StreamField(
        [("channel", SubmissionBlock())],
        verbose_name=_("where and how to submit"),
        blank=True,
        help_text=_("Cách thức thực hiện: in person, by post, online."),
    )
    dossier = StreamField(
        DossierBlock(),
        verbose_name=_("dossier"),
        blank=True,
        help_text=_("Thành phần hồ sơ with the number of originals and copies."),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("Thời hạn giải quyết as a number of working days."),
    )
    processing_time_text = models.CharField(
        _("time limit as the law states it"),
        max_length=500,
        blank=True,
        help_text=_(
            "When the law does not give a number of working days (e.g. “Ngay trong ngày "
            "tiếp nhận hồ sơ”), or to add the details."
        ),
    )
    fees = StreamField(
        [("fee", FeeBlock())],
        verbose_name=_("fees and charges"),
        blank=True,
        help_text=_("Phí, lệ phí in đồng, with exemptions. Empty: no fee."),
    )
    result = models.TextField(_("result"), blank=True, help_text=_("Kết quả thực hiện."))
    conditions = models.TextField(
        _("requirements and conditions"), blank=True, help_text=_("Yêu cầu, điều kiện.")
    )
    legal_basis = StreamField(
        LegalBasisBlock(),
        verbose_name=_("legal basis"),
        blank=True,
        help_text=_(
            "Căn cứ pháp lý: choose the document on this portal, or name it in text when "
            "it is not published here."
        ),
    )
    handling_officer = models.ForeignKey(
        "core.Official",
        verbose_name=_("handling officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The official who handles the dossier; name, position, phone and e-mail are "
            "taken from the directory (R-PROC-1)."
        ),
    )
    online_level = models.CharField(
        _("online service level"),
        max_length=12,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
        db_index=True,
        help_text=_("Decree 224/2026/NĐ-CP Điều 14."),
    )
    online_url = models.URLField(
        _("address of the online service"),
        max_length=500,
        blank=True,
        help_text=_("Where a citizen submits online (Cổng Dịch vụ công)."),
    )
    online_since = models.DateField(
        _("in service since"),
        null=True,
        blank=True,
        help_text=_("Month and year the online service started; the day is not shown."),
    )
    online_partial_reason_kind = models.CharField(
        _("kind of reason"),
        max_length=12,
        choices=PartialReason.choices,
        blank=True,
    )
    online_partial_reason = models.TextField(
        _("why only partly online"),
        blank=True,
        help_text=_(
            "Required for a partly online service: the reason and its legal basis "
            "(Decree 224/2026/NĐ-CP Điều 14)."
        ),
    )
    online_provider = models.ForeignKey(
        "core.Agency",
        verbose_name=_("providing unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit that provides the online service. Empty: the implementing agency."),
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("former level (Decree 43/2011)"),
        choices=LegacyLevel.choices,
        null=True,
        blank=True,
        help_text=_("Kept as data from older catalogues only; never shown to the public."),
    )

    # core.BasePage's statistics protocol (issue 21): a procedure's use is reported and
    # rated; an online one leads to its service through the counted redirect.
    stats_service = True

    def online_service_url(self) -> str:
        if self.online_level == OnlineLevel.NONE:
            return ""
        return self.online_url or ""

    # Metadata (core.metadata): a procedure is a public service (DCMI Type "Service").
    dc_type = "Service"

    def dc_creator(self) -> str:
        return self.agency.name if self.agency_id else ""

    def json_ld(self, request) -> dict:
        from ..metadata import government_service

        return government_service(self, request)

    base_form_class = ProcedurePageForm
    copy_form_class = ProcedureCopyForm
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("publication_decision"),
                FieldPanel("summary"),
                FieldPanel("level"),
                FieldPanel("field"),
                FieldPanel("agency"),
                MultipleChoicePanel("audience"),
            ],
            heading=_("Identification"),
        ),
        FieldPanel("steps"),
        FieldPanel("submission"),
        FieldPanel("dossier"),
        InlinePanel("forms", label=_("forms to download")),
        MultiFieldPanel(
            [FieldPanel("processing_days"), FieldPanel("processing_time_text")],
            heading=_("Time limit"),
        ),
        FieldPanel("fees"),
        FieldPanel("result"),
        FieldPanel("conditions"),
        FieldPanel("legal_basis"),
        FieldPanel("handling_officer"),
        MultiFieldPanel(
            [
                FieldPanel("online_level"),
                FieldPanel("online_url"),
                FieldPanel("online_since"),
                FieldPanel("online_partial_reason_kind"),
                FieldPanel("online_partial_reason"),
                FieldPanel("online_provider"),
                FieldPanel("legacy_level"),
            ],
            heading=_("Online public service"),
        ),
        *BasePage.provenance_panels,
    ]

    #: Shown on the page: fetched with it when routed (core.routing).
    route_select_related = (
        "field",
        "agency",
        "online_provider",
        "responsible_unit",
        "handling_officer__unit",
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("code"),
        index.SearchField("summary"),
        index.FilterField("level"),
        index.FilterField("online_level"),
    ]

    #: The field's display order and name, copied from ``field`` (kept in step by ``save``
    #: and ``procedures.signals``), so that the listing's order — fields in their display
    #: order, then folded titles — is one walk of ``procedure_listing_order`` instead of a
    #: sort of every live procedure across a join (2.6–3.1× slower at 10× the documents).
    field_order = models.PositiveIntegerField(null=True, blank=True, editable=False)
    field_name = models.CharField(max_length=200, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        indexes = [
            models.Index(
                models.F("field_order"),
                models.F("field_name"),
                Left("search_key", LISTING_KEY_LENGTH),
                name="procedure_listing_order",
            )
        ]

    def __str__(self):
        return f"{self.code} – {self.title}" if self.code else self.title

    def update_listing_order(self) -> list[str]:
        """Copy the field's order and name onto the page; the names of the columns set."""
        copy = field_listing_copy(self.field if self.field_id else None)
        for name, value in copy.items():
            setattr(self, name, value)
        return list(copy)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "field" in update_fields:
            columns = self.update_listing_order()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *columns}
        return super().save(*args, **kwargs)

    # Validation ----------------------------------------------------------------------
    def _validation_position(self) -> Page | None:
        """The page (or, before it is created, its parent) that places it in a site."""
        if self.path:
            return self
        return getattr(self, "_validation_parent", None)

    def clean(self):
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.update_error_dict({}))

        def add(field, message):
            errors.setdefault(field, []).append(message)

        if self.code:
            self.code = self.code.strip()
            scope = site_scope_path(self._validation_position())
            if scope and PROCEDURE_CODE_RE.match(self.code):
                duplicates = ProcedurePage.objects.filter(
                    code=self.code, path__startswith=scope
                ).exclude(pk=self.pk)
                if duplicates.exists():
                    add(
                        "code",
                        _("Another procedure on this portal already has the code %(code)s.")
                        % {"code": self.code},
                    )
        if self.processing_days is None and not (self.processing_time_text or "").strip():
            add(
                "processing_days",
                _("Give the time limit in working days, or as the law states it."),
            )
        if self.online_level != OnlineLevel.NONE and not self.online_url:
            add("online_url", _("An online service needs its address."))
        if (
            self.online_level == OnlineLevel.PARTIAL
            and not (self.online_partial_reason or "").strip()
        ):
            add(
                "online_partial_reason",
                _(
                    "A partly online service must publish why it is not fully online "
                    "(Decree 224/2026/NĐ-CP Điều 14)."
                ),
            )
        if self.online_since is not None and self.online_since.day != 1:
            # Only month and year are published; store the first day so imports compare.
            self.online_since = self.online_since.replace(day=1)
        if errors:
            raise ValidationError(errors)

    def get_search_key_parts(self) -> list[str]:
        return [*super().get_search_key_parts(), self.code or "", self.summary or ""]

    # Search protocol (core.BasePage): /tim-kiem/?loai=thu-tuc, codes typed as numbers.
    search_category = "thu-tuc"
    subscription_item = True  # issue 23 §5: news to e-mail subscribers
    #: R-SLA-2: reviewed periodically (editorial.reviews).
    review_kind = "procedure"

    def get_search_facets(self) -> dict:
        facets = super().get_search_facets()
        facets["agency"] = self.agency.slug if self.agency_id else facets["agency"]
        return facets

    def get_search_numbers(self) -> list[str]:
        return [self.code] if self.code else []

    # Presentation --------------------------------------------------------------------
    @property
    def is_online(self) -> bool:
        return self.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)

    @property
    def is_archived_level(self) -> bool:
        return self.level == ProcedureLevel.FORMER_DISTRICT

    def submission_summary(self) -> dict:
        """For the summary box: the distinct in-person places, and whether the dossier may
        also go by post or online."""
        places: list[str] = []
        channels = set()
        for block in self.submission:
            channel = block.value.get("channel")
            channels.add(channel)
            place = (block.value.get("place") or "").strip()
            if channel == SubmissionChannel.IN_PERSON and place and place not in places:
                places.append(place)
        return {
            "places": places,
            "in_person": SubmissionChannel.IN_PERSON in channels,
            "post": SubmissionChannel.POST in channels,
            "online": SubmissionChannel.ONLINE in channels or self.is_online,
        }

    def dossier_groups(self, forms_by_code: dict) -> list[dict]:
        """The dossier as groups: [{case, items: [{…, form}]}]; papers before any case
        heading form a group without a case."""
        groups: list[dict] = []
        current = None
        for block in self.dossier:
            if block.block_type == "case":
                current = {"case": block.value, "items": []}
                groups.append(current)
                continue
            if current is None:
                current = {"case": "", "items": []}
                groups.append(current)
            value = block.value
            code = (value.get("form_code") or "").strip()
            current["items"].append(
                {
                    "name": value.get("name"),
                    "originals": value.get("originals"),
                    "copies": value.get("copies"),
                    "note": value.get("note"),
                    "form_code": code,
                    "form": forms_by_code.get(code) if code else None,
                }
            )
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        forms = list(self.forms.select_related("document").order_by("sort_order"))
        context["procedure_forms"] = forms
        context["dossier_groups"] = self.dossier_groups(
            {form.code.strip(): form for form in forms if form.code}
        )
        labels = dict(Audience.choices)
        context["audience_labels"] = [labels[value] for value in self.audience if value in labels]
        context["index_page"] = self.get_parent()
        return context


class ProcedureForm(Orderable):
    """A form of the procedure (mẫu đơn, tờ khai) as a file to download: code, name,
    purpose and file (R-PROC-1, R-PROC-2; NĐ 63/2010 Điều 25: a form downloaded from the
    national database is as valid as one handed out at the office)."""

    page = ParentalKey(ProcedurePage, related_name="forms", on_delete=models.CASCADE)
    code = models.CharField(
        _("form code"),
        max_length=100,
        blank=True,
        help_text=_("E.g. “Mẫu số 01”; papers of the dossier refer to the form by this code."),
    )
    name = models.CharField(_("name"), max_length=255)
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("What the form is for."))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Word, OpenDocument, PDF or spreadsheet file."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def clean(self):
        super().clean()
        document = self.document if self.document_id else None
        if document is not None and document.file_extension.lower() not in FORM_EXTENSIONS:
            raise ValidationError(
                {
                    "document": _("A form must be a file of type: %(types)s.")
                    % {"types": ", ".join(FORM_EXTENSIONS)}
                }
            )
