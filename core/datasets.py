"""The directory of units as open data (R-DIR-1; Decree 47/2020/NĐ-CP).

Only what the body publishes for a unit on its directory page: its name, parent unit,
address, the unit's own official telephone, official e-mail and website. The officials and
their phone numbers are left out: ``Unit`` has no "published" flag per official number, and
an official's direct line is personal data unless the body chooses to publish it
(docs/opendata.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .opendata import Column, Dataset


def unit_rows(site):
    from .models import Unit

    for unit in (
        Unit.objects.filter(site=site).select_related("parent").order_by("sort_order", "name")
    ):
        yield {
            "name": unit.name,
            "parent": unit.parent.name if unit.parent_id else "",
            "address": unit.address,
            "phone": unit.phone,
            "email": unit.email,
            "website": unit.website,
        }


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="don-vi",
            title=_("Directory of units"),
            description=_(
                "The body's units with their address and the unit's official telephone, "
                "e-mail and website. Officials' personal numbers are not included."
            ),
            columns=(
                Column("name", _("Unit")),
                Column("parent", _("Parent unit")),
                Column("address", _("Address")),
                Column("phone", _("Official telephone")),
                Column("email", _("Official e-mail")),
                Column("website", _("Website"), "url"),
            ),
            rows=unit_rows,
            stale_on=("core.Unit",),
        )
    ]
