"""The signed feed of this install's proposals to a parent portal on another install
(``editorial.upward_feed``): public, read-only, never cached."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import upward_feed


@never_cache
@require_GET
def feed(request, key_id):
    """404 for a key without a secret here: the feed's existence is not told."""
    try:
        body, headers = upward_feed.signed_feed(key_id)
    except upward_feed.FeedError as error:
        raise Http404 from error
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    for name, value in headers.items():
        response[name] = value
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
