"""The statistics on public pages: the visit counter in the footer and the national
monitoring (EMC) script in the head (issue 21).

Both read the body's ``StatsSettings`` through ``core.models.settings.cached_site_setting``
(cached per site, dropped when a setting is saved): no query once the site's settings are
in the cache. Neither puts anything that changes by the minute into the page, which the front
cache keeps for hours: the counter's figures are fetched by ``stats/counter.js``.
"""

from __future__ import annotations

import re

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

from congthongtin.core.conf import app_settings, https_origin
from congthongtin.core.csp import add_sources
from congthongtin.core.models.settings import cached_site_setting

from ..models import StatsSettings

register = template.Library()

#: What an EMC site id may hold (the national system hands out numbers; letters, "_" and
#: "-" are tolerated). Anything else is not rendered at all: it goes into an attribute of a
#: script tag on every page.
EMC_SITE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")


def stats_settings(context) -> StatsSettings | None:
    """The settings of the request's body, or None outside a request to a known site."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return cached_site_setting(StatsSettings, request)


def counter_url() -> str:
    """The figures' address; "" until the project routes the statistics' URLs."""
    try:
        return reverse("stats:counter")
    except NoReverseMatch:
        return ""


@register.inclusion_tag("stats/includes/counter.html", takes_context=True)
def visit_counter(context):
    """“Lượt truy cập: hôm nay · tháng này · tổng”: an empty, hidden placeholder holding the
    figures' address; ``stats/counter.js`` fills it in and shows it."""
    url = counter_url()
    settings = stats_settings(context) if url else None
    return {"counter_url": url if settings is not None and settings.show_counter else ""}


def emc_site_id(settings: StatsSettings | None) -> str:
    value = (settings.emc_site_id or "").strip() if settings is not None else ""
    return value if EMC_SITE_ID.fullmatch(value) else ""


@register.inclusion_tag("stats/includes/emc.html", takes_context=True)
def emc_monitoring(context):
    """The national monitoring system's tracker when the body has an EMC site id, and the
    security policy of this response (only) opened to its host (``core.csp.add_sources``)."""
    site_id = emc_site_id(stats_settings(context))
    if not site_id:
        return {}
    script, tracker = app_settings.EMC_SCRIPT_URL, app_settings.EMC_TRACKER_URL
    origins = list(dict.fromkeys([https_origin(script), https_origin(tracker)]))
    add_sources(
        context["request"],
        {"script-src": [https_origin(script)], "connect-src": origins, "img-src": origins},
    )
    return {"emc_site_id": site_id, "emc_script_url": script, "emc_tracker_url": tracker}


@register.filter
def vn_number(value):
    """A number grouped the Vietnamese way (1.234.567; 4,5) for the report's figures and
    tables; anything else as it is."""
    from ..report import format_number

    return format_number(value)
