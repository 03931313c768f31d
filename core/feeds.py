"""RSS 2.0 feeds of the section listings (``/<section>/rss/``, docs/architecture.md §3)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags

from .models.settings import PortalSettings

FEED_SIZE = 20
FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


def absolute_url(request, page) -> str:
    """The page's address on the site the reader asked (the feed's own host)."""
    return request.build_absolute_uri(page.get_url(request=request))


def rss_response(request, index_page, items, describe=None) -> HttpResponse:
    """An RSS 2.0 document of ``items`` (pages, newest first) below ``index_page``.

    ``describe(item)`` gives each item's plain-text description (its summary).
    """
    portal = PortalSettings.for_request(request)
    site_name = portal.name or ""
    feed = Rss201rev2Feed(
        title=f"{index_page.title} – {site_name}" if site_name else index_page.title,
        link=absolute_url(request, index_page),
        description=strip_tags(getattr(index_page, "intro", "") or index_page.title),
        language="vi",
        feed_url=request.build_absolute_uri(request.path),
    )
    for item in items:
        url = absolute_url(request, item)
        feed.add_item(
            title=item.title,
            link=url,
            description=strip_tags(describe(item) if describe else "") or item.title,
            pubdate=item.first_published_at,
            updateddate=item.last_published_at,
            unique_id=url,
            unique_id_is_permalink=True,
            author_name=getattr(item, "author_name", "") or None,
        )
    response = HttpResponse(content_type=FEED_CONTENT_TYPE)
    feed.write(response, "utf-8")
    return response
