"""Home, organisation and locality pages, and the directory (docs/architecture.md §2)."""

from .directory import Official, Unit
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
    "Official",
    "SitemapPage",
    "StandardPage",
    "Unit",
]
