"""``{% page_metadata %}``: the head's Open Graph, Twitter card, Dublin Core and JSON-LD
tags of the page being shown (core.metadata; issue 23)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from .. import metadata

register = template.Library()


@register.inclusion_tag("core/includes/page_metadata.html", takes_context=True)
def page_metadata(context):
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    if page is not None and not hasattr(page, "get_url"):
        page = None  # a view's own "page" (a paginator's page, a Django object)
    found = metadata.build(request, page)
    # Escaped by json_ld_script_text: "<", ">" and "&" never appear raw.
    found["json_ld"] = mark_safe(found["json_ld"])
    return found
