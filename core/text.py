"""Every text of a content object: plain fields, rich text, StreamField and inline children.

Shared by the publishing gate (which checks each text) and the search index (which reads
them all), so both see exactly the same content.
"""

from __future__ import annotations

import html
import re

from django.db import models
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.fields import RichTextField, StreamField

#: Page fields that are Wagtail's bookkeeping, not content.
SKIPPED_FIELDS = {
    "slug",
    "url_path",
    "path",
    "draft_title",
    "search_key",
    "latest_revision_created_at",
    "classification",
    "origin",
}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def iter_strings(value, path=""):
    """Every string inside StreamField raw data (lists and dicts), with a dotted path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "type"):
                continue
            yield from iter_strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from iter_strings(item, f"{path}.{index}" if path else str(index))


def iter_texts(obj, prefix="", label_prefix=""):
    """(field path, label, text) for every text of ``obj`` and its inline children."""
    for model_field in obj._meta.concrete_fields:
        name = model_field.name
        if name in SKIPPED_FIELDS or model_field.is_relation or model_field.choices:
            continue  # choices: stored codes ("xa", "toan-trinh"), not text anyone wrote
        label = f"{label_prefix}{model_field.verbose_name}"
        value = model_field.value_from_object(obj)
        if isinstance(model_field, StreamField):
            raw = value.get_prep_value() if hasattr(value, "get_prep_value") else value
            for path, text in iter_strings(raw or []):
                yield f"{prefix}{name}.{path}", label, text
        elif (
            isinstance(model_field, (RichTextField, models.CharField, models.TextField))
            and isinstance(value, str)
            and value
        ):
            yield f"{prefix}{name}", label, value
    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            accessor = relation.get_accessor_name()
            for index, child in enumerate(getattr(obj, accessor).all()):
                child_label = f"{relation.related_model._meta.verbose_name} {index + 1} – "
                yield from iter_texts(child, f"{accessor}.{index}.", label_prefix + child_label)


def plain_text(value: str) -> str:
    """Rich text or StreamField HTML as readable text (tags dropped, entities decoded)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()


def object_text(obj) -> str:
    """All the readable text of ``obj`` in one string."""
    return " ".join(plain_text(text) for _path, _label, text in iter_texts(obj))
