"""Public views of the statistics: the counter's figures and the counted redirect.

Neither counts anything itself. Counting happens where every request passes: the front
cache's access log (``ingest_access_log``) or, without a front cache, ``stats.middleware``.
Both recognise these URLs by name (``stats:outbound`` is a click-through), so a redirect
answered from the cache is counted exactly like one answered here.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from congthongtin.core.bodies import site_id_for_request

from . import counter as visit_counter

#: How long the front cache and browsers keep the counter and the redirect.
SHARED_MAX_AGE = 300


@require_safe
def counter(request):
    """{"today", "month", "total"} for the request's site: the figures behind the footer's
    "Lượt truy cập" (read from the cache, rebuilt at most every five minutes). The site too
    comes from the cache (``core.bodies.site_id_for_request``): a warm call costs no query."""
    site_id = site_id_for_request(request)
    if site_id is None:
        raise Http404
    response = JsonResponse(visit_counter.figures(site_id))
    patch_cache_control(response, public=True, max_age=SHARED_MAX_AGE)
    response["X-Accel-Expires"] = str(SHARED_MAX_AGE)
    return response


@require_safe
def outbound(request, page_id: int):
    """302 to the online service of a live, public page of this site (R-PROC-4)."""
    site = Site.find_for_request(request)
    page = (
        Page.objects.live()
        .public()
        .filter(pk=page_id)
        .descendant_of(site.root_page, inclusive=True)
        .first()
        if site
        else None
    )
    # Not every page type is a core.BasePage (a home page, a plain Page): no service there.
    service_url = getattr(page.specific_deferred, "online_service_url", None) if page else None
    target = service_url() if callable(service_url) else ""
    if not target:
        raise Http404
    response = HttpResponseRedirect(target)
    patch_cache_control(response, public=True, max_age=SHARED_MAX_AGE)
    response["X-Accel-Expires"] = str(SHARED_MAX_AGE)
    return response
