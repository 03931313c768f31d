"""The last imports of dossier statuses per body, read-only (/admin/tra-cuu-ho-so/).

Readers: the body's board, its head and the auditors (the same readers as the board's
report); superusers read every body. Without any body: 403; another body: 404
(``core.bodies.chosen_body``, like the board's other back-office screens)."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from congthongtin.core import roles
from congthongtin.core.bodies import bodies_where, body_picker, chosen_body

from ..models import DossierImport, DossierStatus
from .importing import last_accepted

READERS = [*roles.BOARD, roles.BODY_HEAD, *roles.READ_ONLY_ROLES]
BODY_PARAM = "co-quan"
SHOWN = 30


@require_GET
def imports_view(request):
    sites = list(bodies_where(request.user, READERS))
    site = chosen_body(request, sites, BODY_PARAM)
    last = last_accepted(site)
    return TemplateResponse(
        request,
        "procedures/admin/dossier_imports.html",
        {
            **body_picker(site, sites, BODY_PARAM),
            "imports": DossierImport.objects.filter(site=site)[:SHOWN],
            "dossier_count": DossierStatus.objects.filter(site=site).count(),
            "last": last,
            "stale": last is None or last.is_stale(),
        },
    )
