"""The topics a body's subscribers choose from, built from the body's content: its sections
(the live, public parents of the page types subscribers hear of), the fields, and the
agencies and document types of what it has published since subscriptions began."""

from __future__ import annotations

from wagtail.models import Page

from congthongtin.core.models import Field

from .models import PublishedItemTopic, TopicKind
from .publishing import item_models


def section_models() -> list[type]:
    found = set()
    for model in item_models():
        found.update(model.allowed_parent_page_models())
    return sorted((m for m in found if m is not Page), key=lambda m: m._meta.label)


def topic_choices(site) -> dict[str, list[tuple[str, str]]]:
    """kind → [(value, label)] for ``site``."""
    choices: dict[str, list[tuple[str, str]]] = {}
    models = section_models()
    sections = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page)
        .type(*models)
        .order_by("path")
        .values_list("pk", "title")
        if models
        else []
    )
    choices[TopicKind.SECTION] = [(str(pk), title) for pk, title in sections]
    choices[TopicKind.FIELD] = [
        (str(pk), name) for pk, name in Field.objects.order_by("name").values_list("pk", "name")
    ]
    for kind in (TopicKind.AGENCY, TopicKind.DOCUMENT_TYPE):
        seen: dict[str, str] = {}
        rows = PublishedItemTopic.objects.filter(item__site=site, kind=kind).values_list(
            "value", "label"
        )
        for value, label in rows:
            seen.setdefault(value, label or value)
        choices[kind] = sorted(seen.items(), key=lambda pair: pair[1].lower())
    return choices
