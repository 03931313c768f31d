"""``/api/v2/thu-tuc/``: the site's administrative procedures (R-PROC-1), with the filters
of the public listing (``read_filters`` and ``ProcedureIndexPage.filtered_procedures``:
``cap``, ``truc_tuyen``, ``linh_vuc``, ``co_quan``, ``q``) and its order."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.api import (
    STRING,
    TERM,
    TITLE,
    ApiField,
    ApiFilter,
    PageEndpoint,
    enum,
    slugs,
    term,
)
from congthongtin.core.models import Agency, Field

from .choices import OnlineLevel, ProcedureLevel
from .models import ProcedureIndexPage, ProcedurePage
from .models.index import ONLINE_FILTERS, read_filters


class ProcedureEndpoint(PageEndpoint):
    api_name = "thu-tuc"
    model = ProcedurePage
    summary = _("Administrative procedures")
    select_related = ("field", "agency")
    fields = (
        TITLE,
        ApiField("code", STRING),
        ApiField("summary", STRING),
        ApiField("level", enum(ProcedureLevel.values)),
        ApiField("field", TERM, lambda page, request: term(page.field)),
        ApiField("agency", TERM, lambda page, request: term(page.agency)),
        ApiField("online_level", enum(OnlineLevel.values)),
        ApiField("processing_days", {"type": "integer", "nullable": True}),
        ApiField("processing_time_text", STRING),
        ApiField("publication_decision", STRING),
        ApiField("result", STRING, detail_only=True),
        ApiField("conditions", STRING, detail_only=True),
    )
    filters = (
        ApiFilter("q", "Keywords, without accents if you like (folded search)."),
        ApiFilter("cap", "Level.", enum(ProcedureLevel.values)),
        ApiFilter("truc_tuyen", "Online level.", enum(ONLINE_FILTERS)),
        ApiFilter("linh_vuc", "Field (slug).", choices=slugs(Field)),
        ApiFilter("co_quan", "Agency (slug).", choices=slugs(Agency)),
    )

    def filter_items(self, request, queryset):
        filters = read_filters(request)
        queryset = queryset.defer_streamfields()
        # As the listing does: a field or agency no procedure of the site has is dropped
        # (it would only empty the list); the other filters stay.
        site = self.site()

        def build():
            return {
                "linh_vuc": set(
                    Field.objects.filter(pk__in=queryset.values("field_id")).values_list(
                        "slug", flat=True
                    )
                ),
                "co_quan": set(
                    Agency.objects.filter(pk__in=queryset.values("agency_id")).values_list(
                        "slug", flat=True
                    )
                ),
            }

        options = sitecache.cached(
            sitecache.make_key("api-procedure-options", site and site.pk), build
        )
        for name in ("linh_vuc", "co_quan"):
            if filters[name] not in options[name]:
                filters[name] = ""
        return ProcedureIndexPage().filtered_procedures(filters, base=queryset), []


def endpoints():
    return [ProcedureEndpoint]
