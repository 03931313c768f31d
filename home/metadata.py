"""schema.org ``GovernmentOrganization`` of a portal's home page (issue 23;
https://schema.org/GovernmentOrganization): the body, from the portal's settings."""

from __future__ import annotations

from congthongtin.core import metadata


def government_organization(page, request) -> dict:
    portal = metadata.portal_settings(request)
    logo = None
    if portal is not None and portal.logo is not None:
        # The header's rendition: cached with the settings (PortalSettings.prepare_for_cache).
        try:
            rendition = portal.logo.get_rendition(portal.LOGO_FILTER)
        except Exception:  # a missing source file must not break the home page
            rendition = None
        if rendition is not None:
            logo = metadata.absolute(request, rendition.url)
    name = metadata.body_name(portal) or page.title
    return metadata.compact(
        {
            "@type": "GovernmentOrganization",
            "name": name,
            "alternateName": portal.name if portal and portal.name != name else "",
            "url": metadata.site_root_url(request),
            "logo": logo,
            "address": metadata.compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": portal.address,
                    "addressCountry": "VN",
                }
            )
            if portal and portal.address
            else None,
            "telephone": portal.phone if portal else "",
            "email": portal.email if portal else "",
            "parentOrganization": {
                "@type": "GovernmentOrganization",
                "name": portal.parent_portal_name,
                "url": portal.parent_portal_url,
            }
            if portal and portal.parent_portal_name and portal.parent_portal_url
            else None,
        }
    )
