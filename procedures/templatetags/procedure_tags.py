"""Money and month/year as the portal shows them (docs/architecture.md §5)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def format_vnd(amount) -> str:
    """1500000 → "1.500.000 đ" (dots group thousands in Vietnamese)."""
    if amount is None or amount == "":
        return ""
    try:
        value = int(amount)
    except (TypeError, ValueError):
        return str(amount)
    return f"{value:,}".replace(",", ".") + " đ"


@register.filter
def vnd(amount):
    return format_vnd(amount)


@register.filter
def month_year(value):
    """A date as the month it stands for: "tháng 3/2024" (R-PROC-2: month/year in service)."""
    if not value:
        return ""
    return _("month %(month)s/%(year)s") % {"month": value.month, "year": value.year}
