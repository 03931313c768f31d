"""schema.org ``GovernmentService`` of a procedure page (issue 23;
https://schema.org/GovernmentService)."""

from __future__ import annotations

from congthongtin.core import metadata


def _agency(agency) -> dict:
    return metadata.compact(
        {"@type": "GovernmentOrganization", "name": agency.name, "url": agency.website}
    )


def government_service(page, request) -> dict:
    """The procedure as a service: its field, the implementing agency (else the body), the
    area the portal serves and, when there is one, the online service's address."""
    portal = metadata.portal_settings(request)
    provider = _agency(page.agency) if page.agency_id else metadata.organization(request, portal)
    area = (portal.short_name or portal.name) if portal else ""
    online = page.online_service_url()
    channel = None
    if online:
        channel = metadata.compact(
            {
                "@type": "ServiceChannel",
                "name": str(page.get_online_level_display()),
                "serviceUrl": online,
            }
        )
    return metadata.compact(
        {
            "@type": "GovernmentService",
            "name": page.title,
            "url": page.get_full_url(request),
            "identifier": page.code,
            "description": page.meta_description(),
            "serviceType": page.field.name if page.field_id else "",
            "provider": provider,
            "serviceOperator": _agency(page.online_provider) if page.online_provider_id else None,
            "areaServed": {"@type": "AdministrativeArea", "name": area} if area else None,
            "availableChannel": channel,
        }
    )
