"""Home-page highlights contributed by the content apps.

An app registers a function ``(home_page, request) -> Highlight | None`` with the
``register_home_highlight`` Wagtail hook; the home page shows every non-empty one in
hook order. ``core`` and ``home`` never import the apps that contribute.

The collected highlights are cached per home page and language (``congthongtin.core.sitecache``):
publishing anything rebuilds them on the next request. A highlight whose content changes
with the clock (a consultation that closes, a notice that expires) says until when it
holds with ``expires_at``; the cached list lives no longer than its earliest one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail import hooks

from . import sitecache

HOOK_NAME = "register_home_highlight"


@dataclass
class Highlight:
    title: str
    items: list = field(default_factory=list)  # pages (or objects with .title and .url)
    more_url: str = ""
    template: str = "core/includes/highlight.html"
    #: When the items may stop being right without anything being published.
    expires_at: dt.datetime | None = None


def next_local_midnight(now: dt.datetime | None = None) -> dt.datetime:
    """The start of tomorrow in the portal's time zone (for "valid today" lists)."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _collect(home_page, request) -> tuple[list[Highlight], list[dt.datetime]]:
    highlights, expiries = [], []
    for fn in hooks.get_hooks(HOOK_NAME):
        highlight = fn(home_page, request)
        if highlight and highlight.expires_at is not None:
            # An empty highlight may fill at a known time (a consultation opening).
            expiries.append(highlight.expires_at)
        if highlight and highlight.items:
            highlights.append(highlight)
    return highlights, expiries


def collect_highlights(home_page, request) -> list[Highlight]:
    def build():
        highlights, expiries = _collect(home_page, request)
        if expiries:
            seconds = (min(expiries) - timezone.now()).total_seconds()
            return sitecache.Expiring(highlights, int(seconds))
        return highlights

    host = request.get_host() if request is not None else ""
    return sitecache.cached(
        sitecache.make_key("highlights", home_page.pk, host, language=True), build
    )
