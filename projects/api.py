"""``/api/v2/du-an/``: the site's investment projects (R-PROJ-1), with the filters of the
public listing (``ProjectIndexPage.filter_items``: ``q``, ``trang_thai``, ``loai``,
``linh_vuc``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
from congthongtin.core.models import Field

from .models import ProjectIndexPage, ProjectPage, ProjectStatus, ProjectType

NULLABLE_INTEGER = {"type": "integer", "nullable": True}


class ProjectEndpoint(PageEndpoint):
    api_name = "du-an"
    model = ProjectPage
    summary = _("Investment projects")
    select_related = ("field",)
    fields = (
        TITLE,
        ApiField("objective", STRING),
        ApiField("summary", STRING),
        ApiField("field", TERM, lambda page, request: term(page.field)),
        ApiField("project_type", enum(ProjectType.values)),
        ApiField("status", enum(ProjectStatus.values)),
        ApiField("investor", STRING),
        ApiField("location", STRING),
        ApiField("total_investment", {**NULLABLE_INTEGER, "description": "In đồng."}),
        ApiField("start_year", NULLABLE_INTEGER),
        ApiField("start_month", NULLABLE_INTEGER),
        ApiField("end_year", NULLABLE_INTEGER),
        ApiField("end_month", NULLABLE_INTEGER),
    )
    filters = (
        ApiFilter("q", "Keywords, without accents if you like (folded search)."),
        ApiFilter("trang_thai", "Status.", enum(ProjectStatus.values)),
        ApiFilter("loai", "Type of project.", enum(ProjectType.values)),
        ApiFilter("linh_vuc", "Field (slug).", choices=slugs(Field)),
    )

    def filter_items(self, request, queryset):
        queryset, _filters = ProjectIndexPage().filter_items(request, queryset.defer_streamfields())
        return queryset, []


def endpoints():
    return [ProjectEndpoint]
