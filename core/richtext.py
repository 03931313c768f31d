"""Sanitising HTML that did not come from the rich-text editor.

Draftail only ever saves the elements of the features a field enables, but text imported
from a Word file (mammoth) is stored as it was converted: a ``javascript:`` hyperlink in
the .docx became a ``javascript:`` link on the public page (only the CSP stopped it). This
keeps exactly what the editor can produce with ``core.blocks.RICH_TEXT_FEATURES`` (h2-h4,
bold, italic, lists, links, horizontal rule) plus the tables of imported documents (their
header is a two-column table; Decree 30/2020/NĐ-CP Phụ lục I), and nothing else: no
script, style, iframe, SVG, event handler, ``style`` or ``class`` attribute, and links only
to http(s), mailto and tel addresses or within the site. Entities are decoded before
the scheme is checked ("jav&#x61;script:" is ``javascript:``). nh3 (the Rust ``ammonia``
sanitiser) parses with an HTML5 parser, as browsers do, so what it lets through is what a
browser sees.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

#: Elements of the editor's features (RICH_TEXT_FEATURES) and of imported tables.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "b",
        "strong",
        "i",
        "em",
        "ol",
        "ul",
        "li",
        "a",
        "hr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "sub",
        "sup",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Their content goes too, not only the tags (a script's code is no text to show).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "svg", "math"})


def clean_html(markup: str) -> str:
    """``markup`` reduced to the allowed elements, attributes and link schemes."""
    if not markup:
        return ""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def safe_html(markup: str) -> SafeString:
    """``clean_html`` marked safe for templates: the only way imported HTML is shown."""
    return mark_safe(clean_html(markup))
