"""An archived body (core.bodies.is_archive) receives nothing from the public: no question,
no comment on a draft, no contact message, no page rating, no subscription. Its pages show
a short notice instead of the forms (``archived`` in their context, the ``archived``
template filter) and every POST to them is refused with a 403 page, before anything of the
request is read or stored.
"""

from __future__ import annotations

import re

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from congthongtin.core.bodies import page_is_archived, site_id_of_page

ARCHIVE_NOTICE = _(
    "This portal is kept as an archive: it no longer receives questions, comments on drafts, "
    "messages, ratings or subscriptions."
)


def successor_url(page) -> str:
    """The home page address of the body that took over the archived body, if any."""
    from congthongtin.core.models import Body

    site_id = site_id_of_page(page)
    body = Body.objects.filter(site_id=site_id).select_related("successor").first()
    return body.successor.root_url if body and body.successor_id else ""


def archive_context(page) -> dict:
    archived = page is not None and page_is_archived(page)
    return {
        "archived": archived,
        "archive_form_notice": ARCHIVE_NOTICE if archived else "",
        "successor_url": successor_url(page) if archived else "",
    }


def refused_on_archive(request, page):
    """The 403 page a POST to an archived body's page gets (None: not archived)."""
    if page is None or not page_is_archived(page):
        return None
    response = render(
        request, "consultation/archived.html", {"target": page, **archive_context(page)}, status=403
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


#: The "leave the list" address of a consultation index (its ``unsubscribe`` route).
LEAVING_THE_LIST = re.compile(r"/huy-dang-ky/[^/]+/$")


def leaving_the_list(request) -> bool:
    """Withdrawing consent stays possible on an archive (core.archives lets it through; the
    view checks the token): registered under core.archives.ALLOWED_WRITES_HOOK."""
    return bool(LEAVING_THE_LIST.search(request.path))
