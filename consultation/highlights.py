"""The consultation's box on the home page (core.highlights)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congthongtin.core import sitecache
from congthongtin.core.highlights import Highlight

from .models import ConsultationIndexPage, ConsultationPage, ConsultationStatus
from .models.consultation import status_filter


def open_consultations(home_page, request):
    """Drafts open for comments now, on the home page (R-CONS-1)."""
    index = ConsultationIndexPage.objects.child_of(home_page).live().first()
    if index is None:
        return None
    now = timezone.now()
    drafts = sitecache.public(ConsultationPage.objects.child_of(index).live())
    items = list(
        drafts.filter(status_filter(ConsultationStatus.OPEN, now))
        .defer_streamfields()
        .order_by("closes_at")[:5]
    )
    # The list changes by itself when a shown draft closes or a scheduled one opens: the
    # cached home page (core.highlights) must not outlive either moment.
    next_opening = (
        drafts.filter(status_filter(ConsultationStatus.UPCOMING, now))
        .order_by("opens_at")
        .values_list("opens_at", flat=True)
        .first()
    )
    moments = [item.closes_at for item in items if item.closes_at] + [next_opening]
    moments = [moment for moment in moments if moment is not None]
    return Highlight(
        title=str(_("Drafts open for comments")),
        items=items,
        more_url=index.url + "?trang_thai=" + ConsultationStatus.OPEN,
        expires_at=min(moments) if moments else None,
    )
