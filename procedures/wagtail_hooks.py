"""The home page shows the latest online public services (R-PROC-2, R-ONLINE-1)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail import hooks

from congthongtin.core import sitecache
from congthongtin.core.highlights import HOOK_NAME, Highlight

from .choices import OnlineLevel
from .models import ProcedureIndexPage, ProcedurePage
from .stats import form_pages

HIGHLIGHT_SIZE = 5


@hooks.register(HOOK_NAME)
def online_services_highlight(home_page, request):
    index = sitecache.public(ProcedureIndexPage.objects.live().descendant_of(home_page)).first()
    if index is None:
        return None
    services = list(
        sitecache.public(ProcedurePage.objects.live().descendant_of(index))
        .filter(online_level=OnlineLevel.FULL)
        .only("id", "title", "url_path", "path", "depth", "first_published_at")
        .order_by("-first_published_at", "pk")[:HIGHLIGHT_SIZE]
    )
    return Highlight(
        title=_("Fully online public services"),
        items=services,
        more_url=index.online_services_url(request),
    )


# A form's download counts for its procedure (stats.targets.DOCUMENT_PAGES_HOOK, by name).
hooks.register("congthongtin_stats_document_pages", form_pages)
