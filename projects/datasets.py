"""Investment projects as open data (Decree 47/2020/NĐ-CP): the live, public projects of a
site with their type, status, investor, location, total investment and period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.opendata import Column, Dataset, full_urls


def project_rows(site):
    from .models import ProjectPage

    pages = (
        sitecache.public(ProjectPage.objects.live().in_site(site))
        .select_related("field")
        .defer_streamfields()
        .order_by("path")
    )
    url_of = full_urls()
    for page in pages:
        yield {
            "title": page.title,
            "project_type": page.project_type,
            "status": page.status,
            "field": page.field.name if page.field_id else "",
            "investor": page.investor,
            "location": page.location,
            "total_investment": page.total_investment,
            "start_year": page.start_year,
            "end_year": page.end_year,
            "objective": page.objective,
            "url": url_of(page),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="du-an",
            title=_("Investment projects"),
            description=_(
                "Projects published by the body: type, status, investor, location, total "
                "investment in đồng and period."
            ),
            columns=(
                Column("title", _("Project")),
                Column("project_type", _("Type")),
                Column("status", _("Status")),
                Column("field", _("Field")),
                Column("investor", _("Investor")),
                Column("location", _("Location")),
                Column("total_investment", _("Total investment (đồng)"), "integer"),
                Column("start_year", _("Start year"), "integer"),
                Column("end_year", _("End year"), "integer"),
                Column("objective", _("Main objective")),
                Column("url", _("Address"), "url"),
            ),
            rows=project_rows,
            stale_on=("projects.ProjectPage",),
        )
    ]
