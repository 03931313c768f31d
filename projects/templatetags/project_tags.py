"""Money in đồng on the public pages: ``{{ amount|vnd_short }}`` / ``{{ amount|vnd }}``."""

from django import template

from .. import money

register = template.Library()


@register.filter
def vnd(amount):
    """12.500.000.000 đồng."""
    try:
        return money.exact(int(amount)) if amount not in (None, "") else ""
    except (TypeError, ValueError):
        return ""


@register.filter
def vnd_short(amount):
    """12,5 tỷ đồng · 850 triệu đồng."""
    try:
        return money.short(int(amount)) if amount not in (None, "") else ""
    except (TypeError, ValueError):
        return ""
