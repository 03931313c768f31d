"""schema.org ``Legislation`` of a legal document (issue 23; https://schema.org/Legislation).

The effect status maps to ``legislationLegalForce`` (https://schema.org/LegalForceStatus);
the typed relations the document states map to schema.org's relation properties where one
exists (see ``RELATION_PROPERTIES``); relations without a schema.org term are left out.
"""

from __future__ import annotations

from congthongtin.core import metadata

from .models.taxonomy import EffectStatus, RelationType

#: Effect status → https://schema.org/LegalForceStatus member. "Not yet in force" has no
#: member: the property is left out (the legislationDate and the page say it).
LEGAL_FORCE = {
    EffectStatus.IN_FORCE: "https://schema.org/InForce",
    EffectStatus.PARTLY_EXPIRED: "https://schema.org/PartiallyInForce",
    EffectStatus.EXPIRED: "https://schema.org/NotInForce",
}

#: Relation type → schema.org property of the acting document (https://schema.org/Legislation:
#: legislationAmends, legislationRepeals and legislationCorrects are sub-properties of
#: legislationChanges, which covers replacement; isBasedOn is CreativeWork's). Guides and
#: "related" have no schema.org term.
RELATION_PROPERTIES = {
    RelationType.AMENDS: "legislationAmends",
    RelationType.REPLACES: "legislationChanges",
    RelationType.REPEALS: "legislationRepeals",
    RelationType.CORRECTS: "legislationCorrects",
    RelationType.BASED_ON: "isBasedOn",
}


def _reference(request, document) -> dict:
    return metadata.compact(
        {
            "@type": "Legislation",
            "name": document.display_name,
            "legislationIdentifier": document.number_symbol,
            "url": document.get_full_url(request),
        }
    )


def legislation(page, request) -> dict:
    portal = metadata.portal_settings(request)
    issuer = (
        metadata.compact(
            {
                "@type": "GovernmentOrganization",
                "name": page.issuing_body.name,
                "url": page.issuing_body.website,
            }
        )
        if page.issuing_body_id
        else None
    )
    relations: dict[str, list] = {}
    # The relations the page shows (cached on it, read by its context before the head is
    # drawn): no query of its own. Only the ones this document states (not inverse).
    for group in page.relation_groups:
        name = RELATION_PROPERTIES.get(group.relation_type)
        if name and not group.inverse:
            relations.setdefault(name, []).extend(
                _reference(request, row.target) for row in group.items
            )
    return metadata.compact(
        {
            "@type": "Legislation",
            "name": page.title,
            "url": page.get_full_url(request),
            "description": page.meta_description(),
            "legislationIdentifier": page.number_symbol,
            "legislationDate": metadata.iso(page.issue_date),
            "legislationType": page.document_type.name if page.document_type_id else "",
            "legislationPassedBy": issuer,
            "legislationResponsible": metadata.compact(
                {"@type": "Person", "name": page.signer, "jobTitle": page.signer_position}
            )
            if page.signer
            else None,
            "legislationLegalForce": LEGAL_FORCE.get(page.effect_status),
            "datePublished": metadata.iso(page.first_published_at),
            "dateModified": metadata.iso(page.last_published_at),
            "publisher": metadata.organization(request, portal),
            "inLanguage": metadata.LANGUAGE,
            "sameAs": page.official_url,
            **relations,
        }
    )
