"""Who may see a sender's identity (issue 22; Law on Denunciations No. 25/2018/QH14).

A denouncer has the right to have their name, address, handwriting and other personal
information kept secret (Art. 9.1b), and the person settling the denunciation must keep
it so (Art. 47-48). The portal's rule: a denunciation's identity (``PERSONAL_FIELDS`` and
the letter itself, which often names its writer) is seen only by

* the handler the board named (the question's ``officer``), and
* the head of the body (``core.roles.BODY_HEAD`` on the request's body), who settles it;

nobody else — not the board that routes it, not the technical administrator, not an
auditor, not a superuser through the portal's screens. It never reaches e-mails to staff
(``consultation.emails``: ``confidential``), exports, site search, the audit report or
logs. Other kinds keep the Q&A's rule: whoever may read the request reads its sender.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from congthongtin.core import bodies, roles

from .deadlines import site_of
from .models import PERSONAL_FIELDS

#: What others see in place of each confidential field.
MASK = _("Confidential (Law on Denunciations, Art. 9 and 47-48)")

#: The letter's own text is confidential too: it often names and places its writer.
CONFIDENTIAL_FIELDS = (*PERSONAL_FIELDS, "body", "licence_number")


def may_see_identity(user, request) -> bool:
    """Whether ``user`` may see who sent ``request`` (and, for a denunciation, read the
    letter)."""
    if not request.identity_confidential:
        return True
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if request.officer_id is not None and request.officer_id == user.pk:
        return True
    site = site_of(request)
    return site is not None and bodies.holds(user, roles.BODY_HEAD, site)


def shown(user, request, field: str):
    """The value of ``field`` as ``user`` may see it: the value, or ``MASK``."""
    if field in CONFIDENTIAL_FIELDS and not may_see_identity(user, request):
        return MASK if getattr(request, field, "") else ""
    return getattr(request, field, "")
