"""The digital signatures stored for a document page's files (legal.signatures)."""

from django import template

from ..signatures import signatures_by_document

register = template.Library()


@register.simple_tag
def attach_signatures(attachments) -> str:
    """Sets ``item.signatures`` on every attachment (one query for all of them)."""
    items = list(attachments or [])
    found = signatures_by_document(item.document_id for item in items)
    for item in items:
        item.signatures = found.get(item.document_id, [])
    return ""
