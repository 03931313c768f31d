"""Metadata of every public page (issue 23): Open Graph, the Twitter card, Dublin Core and
schema.org JSON-LD, built from one small protocol of the page types.

The protocol (:class:`PageMetadataMixin`, which ``core.models.pages.BasePage`` inherits):

- ``meta_description()``: one plain line of at most 200 characters (default: the search
  description, else the summary, intro or first text of the body);
- ``meta_image()``: a Wagtail image that stands for the page, or None (default None);
  ``meta_image_alt()`` its text alternative (default: the image's title);
- ``og_type``: Open Graph type, "website" (default) or "article";
- ``dc_type``: a DCMI Type vocabulary term (Text, Service, Event, Dataset,
  InteractiveResource, Collection…; default "Text");
- ``dc_creator()``: the author or issuing body; "" (default) means the body itself;
- ``meta_date()``: the resource's date, DC.date (default: first publication);
- ``meta_extra_tags()``: page-specific ``(name, content)`` <meta> pairs (default none);
- ``json_ld(request)``: a schema.org document (dict) or None (default None).

Page types that do not extend ``BasePage`` (the home page, the section indexes, a host
site's own pages) get the same defaults: :func:`protocol` reads the member from the page
when it has one and from the mixin otherwise, so a host's page type opts in by defining
any of these names, nothing else.

JSON-LD is only emitted on the page's own address without a query: not on the sub-pages a
routable page serves (a question, a form), nor on a filtered or paged listing (the Q&A
page's ``?linh_vuc=``): those would describe something else.
"""

from __future__ import annotations

import datetime
import html
import json
import re

from django.utils.html import strip_tags
from django.utils.text import Truncator

#: The rendition Open Graph and the Twitter card show (Facebook's recommended 1.91:1).
OG_IMAGE_FILTER = "fill-1200x630"
DESCRIPTION_LENGTH = 200
OG_LOCALE = "vi_VN"
LANGUAGE = "vi"
SCHEMA_CONTEXT = "https://schema.org"

#: Fields read, in order, for a page's default description.
DESCRIPTION_FIELDS = (
    "summary",
    "intro",
    "introduction",
    "map_description",
    "objective",
    "body",
)

_SPACES = re.compile(r"\s+")


def plain_text(value, length: int = DESCRIPTION_LENGTH) -> str:
    """``value`` (text, HTML, RichText, a StreamField's first text) as one plain line of
    at most ``length`` characters, cut at a word."""
    text = _first_text(value)
    text = _SPACES.sub(" ", html.unescape(strip_tags(text))).strip()
    if len(text) > length:
        text = Truncator(text).chars(length, truncate="…")
    return text


def _first_text(value) -> str:
    """The first text of a field's value: itself, a RichText's source, the first text
    block of a StreamField or a struct block."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    source = getattr(value, "source", None)  # wagtail.rich_text.RichText
    if isinstance(source, str):
        return source
    if isinstance(value, dict):  # StructValue
        for item in value.values():
            found = _first_text(item)
            if found.strip():
                return found
        return ""
    try:
        children = list(value)  # StreamValue, ListValue
    except TypeError:
        return ""
    for child in children:
        found = _first_text(getattr(child, "value", child))
        if found.strip():
            return found
    return ""


class PageMetadataMixin:
    """Defaults of the metadata protocol; page types override what they know better."""

    #: Open Graph's og:type ("article" adds article:published_time / modified_time).
    og_type: str = "website"
    #: DCMI Type vocabulary (https://www.dublincore.org/specifications/dublin-core/dcmi-type-vocabulary/).
    dc_type: str = "Text"

    def meta_description(self) -> str:
        described = plain_text(getattr(self, "search_description", "") or "")
        if described:
            return described
        for name in DESCRIPTION_FIELDS:
            text = plain_text(getattr(self, name, None))
            if text:
                return text
        return ""

    def meta_image(self):
        return None

    def meta_image_alt(self) -> str:
        image = protocol(self, "meta_image")()
        return getattr(image, "title", "") if image is not None else ""

    def dc_creator(self) -> str:
        """The author or issuing body; "" when it is the body that runs the portal."""
        return ""

    def meta_date(self):
        return getattr(self, "first_published_at", None) or getattr(self, "last_published_at", None)

    def meta_extra_tags(self) -> list[tuple[str, str]]:
        return []

    def json_ld(self, request) -> dict | None:
        return None


def protocol(page, name: str):
    """The page's own member ``name`` if it has one, else the mixin's default bound to it."""
    found = getattr(page, name, None)
    if found is not None:
        return found
    default = getattr(PageMetadataMixin, name)
    return default.__get__(page) if callable(default) else default


# Helpers the apps' JSON-LD builders share ---------------------------------------------------


def absolute(request, url: str) -> str:
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def portal_settings(request):
    from .models import PortalSettings

    return PortalSettings.for_request(request)


def body_name(portal) -> str:
    """The body that runs the portal (DC.publisher, schema.org publisher/provider)."""
    return (portal.managing_body or portal.name or "").strip() if portal else ""


def site_root_url(request) -> str:
    return request.build_absolute_uri("/")


def portal_name(request, portal) -> str:
    """The portal's name; a site without settings yet: its Wagtail name, else its host."""
    if portal is not None and portal.name:
        return portal.name
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return (site.site_name if site is not None else "") or request.get_host()


def publisher_name(request, portal) -> str:
    """The body (DC.publisher, schema.org publisher): the managing body, else the portal."""
    return body_name(portal) or portal_name(request, portal)


def organization(request, portal=None) -> dict:
    """The body as a schema.org GovernmentOrganization (publisher, provider, organiser)."""
    portal = portal or portal_settings(request)
    return {
        "@type": "GovernmentOrganization",
        "name": publisher_name(request, portal),
        "url": site_root_url(request),
    }


def image_rendition(image):
    """The ``fill-1200x630`` rendition of ``image``, or None when it cannot be made."""
    if image is None:
        return None
    try:
        return image.get_rendition(OG_IMAGE_FILTER)
    except Exception:  # a missing or unreadable source file must not break the page
        return None


def image_object(request, image) -> dict | None:
    rendition = image_rendition(image)
    if rendition is None:
        return None
    # schema.org's width/height expect a Distance or QuantitativeValue, not a number: left
    # to the og:image:width/height tags.
    url = absolute(request, rendition.url)
    return {"@type": "ImageObject", "url": url, "contentUrl": url}


def iso(value) -> str:
    """A date or datetime in ISO 8601 (datetimes in the current time zone)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def iso_date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.isoformat()


def compact(data: dict) -> dict:
    """``data`` without empty values (None, "", [], {}): JSON-LD never states nothing."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script_text(data: dict) -> str:
    """``data`` as JSON safe inside <script type="application/ld+json">: ``<``, ``>`` and
    ``&`` escaped as JSON unicode escapes, so no value can close the script element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(
        _JSON_SCRIPT_ESCAPES
    )


# The tags ----------------------------------------------------------------------------------


_ORIGIN = re.compile(r"^https?://[^/]+")


def _own_path(request, page) -> str:
    return _ORIGIN.sub("", page.get_url(request) or "")


def canonical_url(request, page) -> str:
    """The page's absolute address on its site's host; on a routable page's sub-page (a
    form, a question), that sub-page's address on the same host. Never the query."""
    if page is None:
        return request.build_absolute_uri(request.path)
    full = page.get_full_url(request) or ""
    if not full:
        return request.build_absolute_uri(request.path)
    own_path = _own_path(request, page)
    if own_path and own_path != request.path and full.endswith(own_path):
        return full[: len(full) - len(own_path)] + request.path
    return full


def is_own_address(request, page) -> bool:
    return _own_path(request, page) == request.path


def build(request, page) -> dict:
    """Everything the head's metadata include shows: ``description``, ``og`` and ``dc``
    (lists of ``(property or name, content)``), ``twitter`` and ``json_ld`` (text)."""
    portal = portal_settings(request)
    site_name = portal_name(request, portal)
    publisher = publisher_name(request, portal)
    url = canonical_url(request, page)

    if page is None:
        title = site_name
        description = ""
        og_type, dc_type, creator, date, image, image_alt, extra, ld = (
            "website",
            "InteractiveResource",
            "",
            None,
            None,
            "",
            [],
            None,
        )
    else:
        title = (getattr(page, "seo_title", "") or page.title or "").strip()
        description = protocol(page, "meta_description")()
        og_type = protocol(page, "og_type")
        dc_type = protocol(page, "dc_type")
        creator = protocol(page, "dc_creator")() or publisher
        date = protocol(page, "meta_date")()
        image = protocol(page, "meta_image")()
        image_alt = protocol(page, "meta_image_alt")() if image is not None else ""
        extra = list(protocol(page, "meta_extra_tags")())
        # Only on the page itself: not on its sub-pages, not on a filtered or paged listing.
        own = is_own_address(request, page) and not request.GET
        ld = protocol(page, "json_ld")(request) if own else None

    og = [
        ("og:title", title),
        ("og:type", og_type),
        ("og:url", url),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALE),
    ]
    if description:
        og.append(("og:description", description))
    rendition = image_rendition(image)
    if rendition is not None:
        og += [
            ("og:image", absolute(request, rendition.url)),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
            ("og:image:alt", image_alt or title),
        ]
    if og_type == "article" and page is not None:
        published = getattr(page, "first_published_at", None)
        modified = getattr(page, "last_published_at", None)
        if published:
            og.append(("article:published_time", iso(published)))
        if modified:
            og.append(("article:modified_time", iso(modified)))

    twitter = [
        ("twitter:card", "summary_large_image" if rendition is not None else "summary"),
        ("twitter:title", title),
    ]
    if description:
        twitter.append(("twitter:description", description))
    if rendition is not None:
        twitter += [
            ("twitter:image", absolute(request, rendition.url)),
            ("twitter:image:alt", image_alt or title),
        ]

    dc = [("DC.title", title)]
    if creator:
        dc.append(("DC.creator", creator))
    if date:
        dc.append(("DC.date", iso_date(date)))
    if publisher:
        dc.append(("DC.publisher", publisher))
    dc += [("DC.type", dc_type), ("DC.language", LANGUAGE)]
    dc += extra

    if ld:
        ld = {"@context": SCHEMA_CONTEXT, **ld}
    return {
        "description": description,
        "og": [(name, value) for name, value in og if value],
        "twitter": [(name, value) for name, value in twitter if value],
        "dc": [(name, value) for name, value in dc if value],
        "json_ld": json_ld_script_text(ld) if ld else "",
    }
