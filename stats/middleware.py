"""Counting without a front cache (``CONGTHONGTIN["STATS_SOURCE"] == "app"``): ``make run``,
the tests, a small install where Django answers every request (issue 21).

Behind nginx's cache most page views never reach Django, so there the access log is read
instead (``STATS_SOURCE = "log"``, ``manage.py ingest_access_log``) and this middleware
does nothing. Both build the same hits and count them through the same classifier and
aggregation (stats.logs, stats.counting).

Not counted: editors (a session cookie, the rule nginx's log uses; the session itself is
not read, so an anonymous page stays free of ``Vary: Cookie``), robots, other methods
than GET/HEAD, other statuses than the counted ones, and every URL that is not a page, a
form or a click-through. Cost of a counted page view: the target's lookup (a query per
distinct path every five minutes, else a cache read) and three upserts.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from wagtail.models import Site

from congthongtin.core.clients import client_ip
from congthongtin.core.conf import app_settings

from . import counting, logs, targets

logger = logging.getLogger(__name__)


class StatsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.classifier = logs.Classifier(memo=targets.CacheMemo())

    def __call__(self, request):
        response = self.get_response(request)
        if app_settings.STATS_SOURCE == "app":
            try:
                self.count(request, response)
            except DatabaseError:
                # A lost count never costs the reader his page.
                logger.exception("stats: the request could not be counted")
        return response

    def count(self, request, response) -> None:
        if request.method not in targets.METHODS:
            return
        if response.status_code not in targets.COUNTED_STATUSES:
            return
        hit = logs.Hit(
            time=timezone.now(),
            host="",
            method=request.method,
            uri=request.path,
            status=response.status_code,
            addr=client_ip(request) or "",
            ua=request.META.get("HTTP_USER_AGENT", ""),
            editor=bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME)),
        )
        if hit.editor or targets.route(request.path) is None:
            return  # before the site's lookup: most requests end here
        site = Site.find_for_request(request)
        if site is None:
            return
        found = self.classifier.classify(hit, targets.site_root(site))
        if isinstance(found, str):
            return
        root, target = found
        counting.count([counting.Event(root.site_id, hit.time, target, hit.addr, hit.ua)])
