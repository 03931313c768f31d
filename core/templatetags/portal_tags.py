"""Template tags for the public site: menu, breadcrumbs, Vietnamese dates."""

from __future__ import annotations

from django import template
from django.utils import timezone
from wagtail.models import Page, Site

from ..navigation import main_menu as _main_menu
from ..navigation import page_url_of_type
from ..routing import ancestors_from_route

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = request.path if request else ""
    items = []
    for item in _main_menu(site):
        items.append({**item, "is_current": item["url"] != "/" and current.startswith(item["url"])})
    return items


@register.simple_tag(takes_context=True)
def typed_page_url(context, model_label):
    """URL of this site's page of a given type, e.g. the directory; "" when there is none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return page_url_of_type(site, model_label)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors of ``page`` below the site root (the home page is always first)."""
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    site = Site.find_for_request(request) if request else page.get_site()
    if site is None:
        return []
    # The parents routing attached to the page on the way down: no query.
    chain = ancestors_from_route(page, site.root_page.depth)
    if chain is not None:
        return chain
    return list(
        page.get_ancestors()
        .filter(depth__gte=site.root_page.depth)
        .only("id", "title", "url_path", "path", "depth")
    )


@register.filter
def vn_date(value):
    """24/06/2022 (docs/architecture.md §5)."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


@register.filter
def vn_datetime(value):
    if not value:
        return ""
    if getattr(value, "tzinfo", None) is not None:
        value = timezone.localtime(value)
    return value.strftime("%H:%M %d/%m/%Y")
