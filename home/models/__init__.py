"""Home, organisation and locality pages (docs/architecture.md §2); the directory they show
is core's (``congthongtin.core.models.directory``), shared with news, procedures and Q&A."""

from .pages import (
    BoundaryMapPage,
    DirectoryPage,
    HomePage,
    LeaderProfile,
    LeadersPage,
    SitemapPage,
    StandardPage,
)

__all__ = [
    "BoundaryMapPage",
    "DirectoryPage",
    "HomePage",
    "LeaderProfile",
    "LeadersPage",
    "SitemapPage",
    "StandardPage",
]
