"""Template tags for the public site: menu, breadcrumbs, Vietnamese dates, service links."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
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


#: The counted redirect to a service's online portal (the statistics app's, when the project
#: routes it; core names it only as a URL name, never imports it).
OUTBOUND_URL_NAME = "stats:outbound"


@register.simple_tag
def service_link(page) -> str:
    """Where a link to ``page``'s online service should point (R-PROC-4): through the
    counted redirect when the project routes it, so the click is reported as the service's
    use; else straight to the service. "" when the page has no online service.

    ``{% service_link page as href %}{% if href %}<a href="{{ href }}">…{% endif %}``"""
    target = getattr(page, "online_service_url", None)
    url = target() if callable(target) else ""
    if not url or not getattr(page, "pk", None):
        return ""
    try:
        return reverse(OUTBOUND_URL_NAME, args=[page.pk])
    except NoReverseMatch:
        return url


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
