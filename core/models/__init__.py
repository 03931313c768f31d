"""Models shared by every content app (docs/architecture.md §2: ``vietnam`` ← ``core`` ← apps)."""

from .bodies import BoardRole, Body, BodyStatus
from .calendar import WorkCalendarSettings
from .directory import Official, Unit
from .listing import SectionIndexPage
from .maintenance import MaintenanceNotice
from .outbox import OutgoingEmail
from .pages import (
    BasePage,
    Classification,
    ContentOrigin,
    ReviewableMixin,
    VietnameseSlugMixin,
)
from .reviews import PageReview
from .settings import AdministrativeLevel, PortalSettings
from .taxonomy import Agency, AgencyLevel, Field
from .trust import TrustAnchor
from .users import User

__all__ = [
    "AdministrativeLevel",
    "Agency",
    "AgencyLevel",
    "BasePage",
    "BoardRole",
    "Body",
    "BodyStatus",
    "Classification",
    "ContentOrigin",
    "Field",
    "MaintenanceNotice",
    "Official",
    "OutgoingEmail",
    "PageReview",
    "PortalSettings",
    "ReviewableMixin",
    "SectionIndexPage",
    "TrustAnchor",
    "Unit",
    "User",
    "VietnameseSlugMixin",
    "WorkCalendarSettings",
]
