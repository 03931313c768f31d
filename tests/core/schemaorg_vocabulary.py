"""The part of the schema.org vocabulary the portal's JSON-LD uses, to validate it offline
(tests/core/test_json_ld.py; issue 23).

For each type: its parent (the chain ends at Thing) and the properties schema.org defines
on the type itself, each with its expected value types, as listed on the type's page
(https://schema.org/<Type>, "Properties from <Type>"). A property is valid on a type when
the type or one of its ancestors defines it. Only the properties of each type are copied,
not the whole vocabulary: a property the table lacks fails the test, which is the point
(add it here from the schema.org page, with its expected types, when a page starts to
emit it).

Value types: the data types Text, URL, Date, DateTime, Integer, Number, Boolean; a type
name (a nested object of that type or a subtype; a URL also stands for a thing); an
enumeration (its members' URLs, ``ENUMERATIONS``).
"""

from __future__ import annotations

import re

DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Integer", "Number", "Boolean"}

#: https://schema.org/LegalForceStatus, https://schema.org/EventStatusType,
#: https://schema.org/EventAttendanceModeEnumeration: their members.
ENUMERATIONS = {
    "LegalForceStatus": {
        "https://schema.org/InForce",
        "https://schema.org/NotInForce",
        "https://schema.org/PartiallyInForce",
    },
    "EventStatusType": {
        "https://schema.org/EventCancelled",
        "https://schema.org/EventMovedOnline",
        "https://schema.org/EventPostponed",
        "https://schema.org/EventRescheduled",
        "https://schema.org/EventScheduled",
    },
    "EventAttendanceModeEnumeration": {
        "https://schema.org/MixedEventAttendanceMode",
        "https://schema.org/OfflineEventAttendanceMode",
        "https://schema.org/OnlineEventAttendanceMode",
    },
}

AGENT = ("Organization", "Person")

#: Type → (parent, {property: expected types}).
TYPES: dict[str, tuple[str | None, dict[str, tuple[str, ...]]]] = {
    # https://schema.org/Thing
    "Thing": (
        None,
        {
            "additionalType": ("URL", "Text"),
            "alternateName": ("Text",),
            "description": ("Text", "TextObject"),
            "disambiguatingDescription": ("Text",),
            "identifier": ("PropertyValue", "Text", "URL"),
            "image": ("ImageObject", "URL"),
            "mainEntityOfPage": ("CreativeWork", "URL"),
            "name": ("Text",),
            "potentialAction": ("Action",),
            "sameAs": ("URL",),
            "subjectOf": ("CreativeWork", "Event"),
            "url": ("URL",),
        },
    ),
    # https://schema.org/Intangible (no properties of its own)
    "Intangible": ("Thing", {}),
    # https://schema.org/StructuredValue (no properties of its own)
    "StructuredValue": ("Intangible", {}),
    # https://schema.org/Organization
    "Organization": (
        "Thing",
        {
            "address": ("PostalAddress", "Text"),
            "areaServed": ("AdministrativeArea", "GeoShape", "Place", "Text"),
            "contactPoint": ("ContactPoint",),
            "department": ("Organization",),
            "email": ("Text",),
            "faxNumber": ("Text",),
            "foundingDate": ("Date",),
            "legalName": ("Text",),
            "location": ("Place", "PostalAddress", "Text", "VirtualLocation"),
            "logo": ("ImageObject", "URL"),
            "memberOf": ("Organization",),
            "parentOrganization": ("Organization",),
            "publishingPrinciples": ("CreativeWork", "URL"),
            "subOrganization": ("Organization",),
            "taxID": ("Text",),
            "telephone": ("Text",),
        },
    ),
    # https://schema.org/GovernmentOrganization (no properties of its own)
    "GovernmentOrganization": ("Organization", {}),
    # https://schema.org/Person
    "Person": (
        "Thing",
        {
            "address": ("PostalAddress", "Text"),
            "affiliation": ("Organization",),
            "email": ("Text",),
            "familyName": ("Text",),
            "givenName": ("Text",),
            "honorificPrefix": ("Text",),
            "jobTitle": ("DefinedTerm", "Text"),
            "telephone": ("Text",),
            "worksFor": ("Organization",),
        },
    ),
    # https://schema.org/ContactPoint
    "ContactPoint": (
        "StructuredValue",
        {
            "areaServed": ("AdministrativeArea", "GeoShape", "Place", "Text"),
            "availableLanguage": ("Language", "Text"),
            "contactType": ("Text",),
            "email": ("Text",),
            "faxNumber": ("Text",),
            "hoursAvailable": ("OpeningHoursSpecification",),
            "telephone": ("Text",),
        },
    ),
    # https://schema.org/PostalAddress
    "PostalAddress": (
        "ContactPoint",
        {
            "addressCountry": ("Country", "Text"),
            "addressLocality": ("Text",),
            "addressRegion": ("Text",),
            "postOfficeBoxNumber": ("Text",),
            "postalCode": ("Text",),
            "streetAddress": ("Text",),
        },
    ),
    # https://schema.org/CreativeWork
    "CreativeWork": (
        "Thing",
        {
            "about": ("Thing",),
            "abstract": ("Text",),
            "accountablePerson": ("Person",),
            "alternativeHeadline": ("Text",),
            "author": AGENT,
            "citation": ("CreativeWork", "Text"),
            "contentLocation": ("Place",),
            "contributor": AGENT,
            "copyrightHolder": AGENT,
            "copyrightNotice": ("Text",),
            "copyrightYear": ("Number",),
            "creator": AGENT,
            "dateCreated": ("Date", "DateTime"),
            "dateModified": ("Date", "DateTime"),
            "datePublished": ("Date", "DateTime"),
            "editor": ("Person",),
            "genre": ("Text", "URL"),
            "hasPart": ("CreativeWork",),
            "headline": ("Text",),
            "inLanguage": ("Language", "Text"),
            "isAccessibleForFree": ("Boolean",),
            "isBasedOn": ("CreativeWork", "Product", "URL"),
            "isPartOf": ("CreativeWork", "URL"),
            "keywords": ("DefinedTerm", "Text", "URL"),
            "license": ("CreativeWork", "URL"),
            "mainEntity": ("Thing",),
            "mentions": ("Thing",),
            "position": ("Integer", "Text"),
            "publisher": AGENT,
            "sourceOrganization": ("Organization",),
            "spatialCoverage": ("Place",),
            "text": ("Text",),
            "thumbnailUrl": ("URL",),
            "version": ("Number", "Text"),
        },
    ),
    # https://schema.org/MediaObject
    "MediaObject": (
        "CreativeWork",
        {
            "contentSize": ("Text",),
            "contentUrl": ("URL",),
            "embedUrl": ("URL",),
            "encodingFormat": ("Text", "URL"),
            "height": ("Distance", "QuantitativeValue"),
            "uploadDate": ("Date", "DateTime"),
            "width": ("Distance", "QuantitativeValue"),
        },
    ),
    # https://schema.org/ImageObject
    "ImageObject": (
        "MediaObject",
        {
            "caption": ("MediaObject", "Text"),
            "embeddedTextCaption": ("Text",),
            "representativeOfPage": ("Boolean",),
        },
    ),
    # https://schema.org/Article
    "Article": (
        "CreativeWork",
        {
            "articleBody": ("Text",),
            "articleSection": ("Text",),
            "pageEnd": ("Integer", "Text"),
            "pageStart": ("Integer", "Text"),
            "pagination": ("Text",),
            "speakable": ("SpeakableSpecification", "URL"),
            "wordCount": ("Integer",),
        },
    ),
    # https://schema.org/NewsArticle
    "NewsArticle": (
        "Article",
        {
            "dateline": ("Text",),
            "printColumn": ("Text",),
            "printEdition": ("Text",),
            "printPage": ("Text",),
            "printSection": ("Text",),
        },
    ),
    # https://schema.org/Legislation (the relation sub-properties of legislationChanges —
    # legislationAmends, legislationCorrects, legislationRepeals — are in schema.org's
    # "new" area, listed on the Legislation page).
    "Legislation": (
        "CreativeWork",
        {
            "jurisdiction": ("AdministrativeArea", "Text"),
            "legislationAmends": ("Legislation",),
            "legislationApplies": ("Legislation",),
            "legislationChanges": ("Legislation",),
            "legislationConsolidates": ("Legislation",),
            "legislationCorrects": ("Legislation",),
            "legislationDate": ("Date",),
            "legislationDateVersion": ("Date",),
            "legislationIdentifier": ("Text", "URL"),
            "legislationJurisdiction": ("AdministrativeArea", "Text"),
            "legislationLegalForce": ("LegalForceStatus",),
            "legislationPassedBy": AGENT,
            "legislationRepeals": ("Legislation",),
            "legislationResponsible": AGENT,
            "legislationTransposes": ("Legislation",),
            "legislationType": ("CategoryCode", "Text"),
        },
    ),
    # https://schema.org/WebPage
    "WebPage": (
        "CreativeWork",
        {
            "breadcrumb": ("BreadcrumbList", "Text"),
            "lastReviewed": ("Date",),
            "mainContentOfPage": ("WebPageElement",),
            "primaryImageOfPage": ("ImageObject",),
            "relatedLink": ("URL",),
            "reviewedBy": AGENT,
            "significantLink": ("URL",),
            "speakable": ("SpeakableSpecification", "URL"),
        },
    ),
    # https://schema.org/FAQPage (no properties of its own)
    "FAQPage": ("WebPage", {}),
    # https://schema.org/Comment
    "Comment": (
        "CreativeWork",
        {
            "downvoteCount": ("Integer",),
            "parentItem": ("Comment", "CreativeWork"),
            "sharedContent": ("CreativeWork",),
            "upvoteCount": ("Integer",),
        },
    ),
    # https://schema.org/Question
    "Question": (
        "Comment",
        {
            "acceptedAnswer": ("Answer", "ItemList"),
            "answerCount": ("Integer",),
            "eduQuestionType": ("Text",),
            "suggestedAnswer": ("Answer", "ItemList"),
        },
    ),
    # https://schema.org/Answer
    "Answer": (
        "Comment",
        {"answerExplanation": ("Comment", "WebContent"), "parentItem": ("Comment",)},
    ),
    # https://schema.org/Event
    "Event": (
        "Thing",
        {
            "about": ("Thing",),
            "attendee": AGENT,
            "audience": ("Audience",),
            "contributor": AGENT,
            "doorTime": ("DateTime", "Time"),
            "duration": ("Duration",),
            "endDate": ("Date", "DateTime"),
            "eventAttendanceMode": ("EventAttendanceModeEnumeration",),
            "eventSchedule": ("Schedule",),
            "eventStatus": ("EventStatusType",),
            "funder": AGENT,
            "inLanguage": ("Language", "Text"),
            "isAccessibleForFree": ("Boolean",),
            "keywords": ("DefinedTerm", "Text", "URL"),
            "location": ("Place", "PostalAddress", "Text", "VirtualLocation"),
            "organizer": AGENT,
            "performer": AGENT,
            "sponsor": AGENT,
            "startDate": ("Date", "DateTime"),
            "subEvent": ("Event",),
            "superEvent": ("Event",),
        },
    ),
    # https://schema.org/Place
    "Place": (
        "Thing",
        {
            "address": ("PostalAddress", "Text"),
            "containedInPlace": ("Place",),
            "containsPlace": ("Place",),
            "geo": ("GeoCoordinates", "GeoShape"),
            "hasMap": ("Map", "URL"),
            "latitude": ("Number", "Text"),
            "longitude": ("Number", "Text"),
            "telephone": ("Text",),
        },
    ),
    # https://schema.org/AdministrativeArea (no properties of its own)
    "AdministrativeArea": ("Place", {}),
    # https://schema.org/Service
    "Service": (
        "Intangible",
        {
            "areaServed": ("AdministrativeArea", "GeoShape", "Place", "Text"),
            "audience": ("Audience",),
            "availableChannel": ("ServiceChannel",),
            "broker": AGENT,
            "category": ("CategoryCode", "PhysicalActivityCategory", "Text", "Thing", "URL"),
            "hoursAvailable": ("OpeningHoursSpecification",),
            "logo": ("ImageObject", "URL"),
            "offers": ("Demand", "Offer"),
            "provider": AGENT,
            "serviceOutput": ("Thing",),
            "serviceType": ("GovernmentBenefitsType", "Text"),
            "termsOfService": ("Text", "URL"),
        },
    ),
    # https://schema.org/GovernmentService
    "GovernmentService": (
        "Service",
        {
            "jurisdiction": ("AdministrativeArea", "Text"),
            "serviceOperator": ("Organization",),
        },
    ),
    # https://schema.org/ServiceChannel
    "ServiceChannel": (
        "Intangible",
        {
            "availableLanguage": ("Language", "Text"),
            "processingTime": ("Duration",),
            "providesService": ("Service",),
            "serviceLocation": ("Place",),
            "servicePhone": ("ContactPoint",),
            "servicePostalAddress": ("PostalAddress",),
            "serviceSmsNumber": ("ContactPoint",),
            "serviceUrl": ("URL",),
        },
    ),
}

#: What the portal promises to state on each type it emits (beyond schema.org's rules).
REQUIRED = {
    "GovernmentOrganization": ("name",),
    "Organization": ("name",),
    "Person": ("name",),
    "NewsArticle": ("headline", "datePublished", "author", "publisher", "inLanguage"),
    "Legislation": ("name", "url", "legislationIdentifier"),
    "GovernmentService": ("name", "url", "provider"),
    "ServiceChannel": ("serviceUrl",),
    "Event": ("name", "startDate", "organizer", "eventStatus", "eventAttendanceMode"),
    "Place": ("name",),
    "AdministrativeArea": ("name",),
    "FAQPage": ("name", "mainEntity"),
    "Question": ("name", "acceptedAnswer"),
    "Answer": ("text",),
    "ImageObject": ("url",),
    "PostalAddress": ("streetAddress",),
}


def ancestors(type_name: str) -> list[str]:
    """``type_name`` and its parents up to Thing."""
    chain = []
    current: str | None = type_name
    while current is not None:
        chain.append(current)
        current = TYPES[current][0]
    return chain


def property_types(type_name: str, prop: str) -> tuple[str, ...] | None:
    for name in ancestors(type_name):
        found = TYPES[name][1].get(prop)
        if found is not None:
            return found
    return None


def is_a(type_name: str, expected: str) -> bool:
    return type_name in TYPES and expected in ancestors(type_name)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def _data_value_ok(value, data_type: str) -> bool:
    if data_type == "Text":
        return isinstance(value, str) and bool(value.strip())
    if data_type == "URL":
        return isinstance(value, str) and value.startswith(("http://", "https://"))
    if data_type == "Date":
        return isinstance(value, str) and bool(_DATE.match(value))
    if data_type == "DateTime":
        return isinstance(value, str) and bool(_DATETIME.match(value))
    if data_type == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if data_type == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if data_type == "Boolean":
        return isinstance(value, bool)
    raise AssertionError(data_type)


def validate(node, path: str = "$") -> list[str]:
    """Problems of one JSON-LD node (a dict with ``@type``), recursively."""
    problems: list[str] = []
    if not isinstance(node, dict):
        return [f"{path}: not an object"]
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{path}: @type {type_name!r} is not in the vocabulary table"]
    for prop in REQUIRED.get(type_name, ()):
        if prop not in node:
            problems.append(f"{path}: {type_name} lacks {prop}")
    for prop, value in node.items():
        if prop.startswith("@"):
            if prop not in ("@type", "@context", "@id"):
                problems.append(f"{path}: unexpected keyword {prop}")
            continue
        expected = property_types(type_name, prop)
        if expected is None:
            problems.append(f"{path}: {prop} is not a property of {type_name} or its ancestors")
            continue
        values = value if isinstance(value, list) else [value]
        if not values:
            problems.append(f"{path}.{prop}: empty list")
        for index, item in enumerate(values):
            where = f"{path}.{prop}" + (f"[{index}]" if isinstance(value, list) else "")
            problems += _validate_value(item, expected, where)
    return problems


def _validate_value(item, expected: tuple[str, ...], where: str) -> list[str]:
    if isinstance(item, dict):
        nested = item.get("@type")
        if not any(is_a(nested, wanted) for wanted in expected if wanted not in DATA_TYPES):
            return [f"{where}: a {nested!r} where {' or '.join(expected)} is expected"]
        return validate(item, where)
    for wanted in expected:
        if wanted in DATA_TYPES and _data_value_ok(item, wanted):
            return []
        if wanted in ENUMERATIONS and item in ENUMERATIONS[wanted]:
            return []
    # A URL may name any thing (schema.org: "a URL … may be used in place of a Thing").
    # An enumeration's value must be one of its members (checked above).
    names_a_thing = any(w not in DATA_TYPES for w in expected) and not any(
        w in ENUMERATIONS for w in expected
    )
    if isinstance(item, str) and item.startswith(("http://", "https://")) and names_a_thing:
        return []
    return [f"{where}: {item!r} is not a {' or '.join(expected)}"]
