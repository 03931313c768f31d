"""The procedures section: a filtered listing and the list of online services."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from congthongtin.core import sitecache
from congthongtin.core.listing import keyword_filter, paginate
from congthongtin.core.models import Agency, BasePage, Field

from ..choices import OnlineLevel, ProcedureLevel
from ..forms import ProcedureCopyForm
from .procedure import ProcedurePage, listing_order

MAX_PARAM_LENGTH = 200
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
ONLINE_FILTERS = (OnlineLevel.FULL.value, OnlineLevel.PARTIAL.value)
LEVEL_ORDER = [level.value for level in ProcedureLevel]


def clean_param(request, name: str) -> str:
    """A query parameter as safe text: printable characters only (PostgreSQL refuses NUL
    in a string), bounded length, trimmed."""
    value = request.GET.get(name, "")
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value[: MAX_PARAM_LENGTH * 2] if ch.isprintable())[
        :MAX_PARAM_LENGTH
    ].strip()


def read_filters(request) -> dict[str, str]:
    """The listing's filters from the address; a value that cannot be right is ignored."""
    level = clean_param(request, "cap")
    online = clean_param(request, "truc_tuyen")
    field = clean_param(request, "linh_vuc")
    agency = clean_param(request, "co_quan")
    return {
        "cap": level if level in LEVEL_ORDER else "",
        "truc_tuyen": online if online in ONLINE_FILTERS else "",
        "linh_vuc": field if SLUG_RE.match(field) else "",
        "co_quan": agency if SLUG_RE.match(agency) else "",
        "q": clean_param(request, "q"),
    }


class ProcedureIndexPage(RoutablePageMixin, BasePage):
    """Thủ tục hành chính: every procedure of the portal, filtered by level, field, agency,
    online level and keyword, grouped by field (R-PROC-1); and at
    ``dich-vu-cong-truc-tuyen/`` the list of services the body provides online
    (R-ONLINE-1, S2 Đ7.7; R-PROC-2)."""

    intro = models.TextField(_("summary"), blank=True)
    online_intro = models.TextField(
        _("introduction of the online services list"),
        blank=True,
        help_text=_("Shown above the list of online public services (R-ONLINE-1)."),
    )

    #: Procedures per listing page.
    per_page = 50

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("online_intro"),
        *BasePage.provenance_panels,
    ]
    subpage_types = ["procedures.ProcedurePage", "procedures.DossierLookupPage"]
    copy_form_class = ProcedureCopyForm

    #: Metadata (core.metadata): a listing is a collection (DCMI Type).
    dc_type = "Collection"

    class Meta:
        verbose_name = _("procedures index")
        verbose_name_plural = _("procedures indexes")

    # Queries ---------------------------------------------------------------------------
    def procedures(self):
        """Live, public procedures of this section; no StreamField is loaded."""
        return (
            sitecache.public(ProcedurePage.objects.live().descendant_of(self))
            .select_related("field", "agency")
            .defer_streamfields()
        )

    def filtered_procedures(self, filters: dict[str, str], base=None):
        queryset = self.procedures() if base is None else base
        if filters["cap"]:
            queryset = queryset.filter(level=filters["cap"])
        if filters["truc_tuyen"]:
            queryset = queryset.filter(online_level=filters["truc_tuyen"])
        if filters["linh_vuc"]:
            queryset = queryset.filter(field__slug=filters["linh_vuc"])
        if filters["co_quan"]:
            queryset = queryset.filter(agency__slug=filters["co_quan"])
        queryset = keyword_filter(queryset, filters["q"])
        # Grouped by field in the fields' display order; inside a field by folded title
        # (search_key starts with it), so "Đăng ký" sorts with "Dang ky", not after "Z".
        return queryset.order_by(*listing_order())

    def listing_context(self, request) -> dict:
        """The filtered, paginated listing (only the listing route pays for it)."""
        filters = read_filters(request)
        procedures = self.procedures()
        options = self.filter_options(procedures)
        # A field or agency the form does not offer is dropped like any unknown choice (it
        # would only empty the list); the other filters stay.
        for name, key in (("linh_vuc", "field_options"), ("co_quan", "agency_options")):
            if filters[name] not in {option.slug for option in options[key]}:
                filters[name] = ""
        page_obj = paginate(request, self.filtered_procedures(filters, procedures), self.per_page)
        return {
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page_obj": page_obj,
            "procedures": page_obj.object_list,
            "level_options": ProcedureLevel.choices,
            "online_options": [
                (value, label) for value, label in OnlineLevel.choices if value in ONLINE_FILTERS
            ],
            **options,
            "online_services_url": self.online_services_url(request),
        }

    def filter_options(self, procedures) -> dict:
        """The fields and agencies that have procedures here: two queries on a cache miss,
        cached until the next publication (core.sitecache)."""

        def build():
            return {
                "field_options": list(
                    Field.objects.filter(pk__in=procedures.values("field_id")).only("name", "slug")
                ),
                "agency_options": list(
                    Agency.objects.filter(pk__in=procedures.values("agency_id")).only(
                        "name", "slug"
                    )
                ),
            }

        return sitecache.cached(sitecache.make_key("procedure-options", self.pk), build)

    # The list of online services (R-ONLINE-1) -------------------------------------------
    def online_services_url(self, request=None) -> str:
        url = self.get_url(request)
        return url + self.reverse_subpage("online_services") if url else ""

    def online_groups(self) -> list[dict]:
        """[{level, label, fields: [{field, procedures}]}] in level then field order."""
        services = list(
            self.procedures()
            .filter(online_level__in=ONLINE_FILTERS)
            .select_related("online_provider")
            .order_by(*listing_order())
        )
        labels = dict(ProcedureLevel.choices)
        groups: list[dict] = []
        for level in LEVEL_ORDER:
            in_level = [service for service in services if service.level == level]
            if not in_level:
                continue
            fields: list[dict] = []
            for service in in_level:
                if not fields or fields[-1]["field"] != service.field:
                    fields.append({"field": service.field, "procedures": []})
                fields[-1]["procedures"].append(service)
            groups.append({"level": level, "label": labels[level], "fields": fields})
        return groups

    @path("dich-vu-cong-truc-tuyen/", name="online_services")
    def online_services(self, request):
        groups = self.online_groups()
        return self.render(
            request,
            template="procedures/online_services.html",
            context_overrides={
                "groups": groups,
                "service_count": sum(
                    len(field["procedures"]) for group in groups for field in group["fields"]
                ),
                "full_count": sum(
                    1
                    for group in groups
                    for field in group["fields"]
                    for service in field["procedures"]
                    if service.online_level == OnlineLevel.FULL
                ),
            },
        )

    @path("")
    def listing(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        full_url = self.get_full_url(request)
        if full_url:
            urls.append(
                {
                    "location": full_url + self.reverse_subpage("online_services"),
                    "lastmod": urls[0]["lastmod"] if urls else None,
                }
            )
        return urls
