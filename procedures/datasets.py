"""Administrative procedures as open data (Decree 47/2020/NĐ-CP): the live, public
procedures of a site with their code in the national database, level, field, agency, time
limit and online service level."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.opendata import Column, Dataset, full_urls


def procedure_rows(site):
    from .models import ProcedurePage

    pages = (
        sitecache.public(ProcedurePage.objects.live().in_site(site))
        .select_related("field", "agency")
        .defer_streamfields()
        .order_by("code", "pk")
    )
    url_of = full_urls()
    for page in pages:
        yield {
            "code": page.code,
            "title": page.title,
            "level": page.level,
            "field": page.field.name if page.field_id else "",
            "agency": page.agency.name if page.agency_id else "",
            "processing_days": page.processing_days,
            "processing_time": page.processing_time_text,
            "online_level": page.online_level,
            "online_url": page.online_url,
            "publication_decision": page.publication_decision,
            "url": url_of(page),
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="thu-tuc-hanh-chinh",
            title=_("Administrative procedures"),
            description=_(
                "The administrative procedures the body handles: code in the national "
                "database, level, field, implementing agency, time limit and online service."
            ),
            columns=(
                Column("code", _("Procedure code")),
                Column("title", _("Name")),
                Column("level", _("Level")),
                Column("field", _("Field")),
                Column("agency", _("Implementing agency")),
                Column("processing_days", _("Time limit (working days)"), "integer"),
                Column("processing_time", _("Time limit")),
                Column("online_level", _("Online service level")),
                Column("online_url", _("Address of the online service"), "url"),
                Column("publication_decision", _("Publication decision")),
                Column("url", _("Address"), "url"),
            ),
            rows=procedure_rows,
            stale_on=("procedures.ProcedurePage",),
        )
    ]
