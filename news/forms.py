"""Admin form of the pages with publishing rules (author, original reference …)."""

from __future__ import annotations

from congthongtin.core.forms import PortalPageForm


class PublishingRulesPageForm(PortalPageForm):
    """The page form of the types with publishing rules (author, original reference …).

    ``PortalPageForm`` judges the page as what the editor's action will make of it, so the
    model's rules for live pages land on the form fields on publish and submit only.
    """
