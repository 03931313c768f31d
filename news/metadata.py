"""schema.org documents of the news pages (issue 23; core.metadata builds the tags).

- a news item and an article: ``NewsArticle`` (https://schema.org/NewsArticle);
- a conference: ``Event`` (https://schema.org/Event), held in person.
"""

from __future__ import annotations

from congthongtin.core import metadata


def _person_or_body(request, name: str, portal) -> dict:
    if name:
        return {"@type": "Person", "name": name}
    return metadata.organization(request, portal)


def news_article(page, request) -> dict:
    """A news item or an article as a ``NewsArticle``: its author when named, else the body."""
    portal = metadata.portal_settings(request)
    image = metadata.image_object(request, page.meta_image())
    return metadata.compact(
        {
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "name": page.title,
            "url": page.get_full_url(request),
            "description": page.meta_description(),
            "datePublished": metadata.iso(page.first_published_at),
            "dateModified": metadata.iso(page.last_published_at or page.first_published_at),
            "author": _person_or_body(request, (page.author_name or "").strip(), portal),
            "publisher": metadata.organization(request, portal),
            "image": image,
            "inLanguage": metadata.LANGUAGE,
        }
    )


def event(page, request) -> dict:
    """A conference as a ``Event``: dates, place, organiser (the body when not named)."""
    portal = metadata.portal_settings(request)
    place = page.place or (portal.address if portal else "")
    organiser = (
        {"@type": "Organization", "name": page.organiser}
        if page.organiser
        else metadata.organization(request, portal)
    )
    return metadata.compact(
        {
            "@type": "Event",
            "name": page.title,
            "url": page.get_full_url(request),
            "description": page.meta_description(),
            "startDate": metadata.iso(page.start_date),
            "endDate": metadata.iso(page.end_date or page.start_date),
            "location": {"@type": "Place", "name": place, "address": place} if place else None,
            "organizer": organiser,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "inLanguage": metadata.LANGUAGE,
        }
    )
