"""Page routing with one query per level of the URL instead of two.

Wagtail's ``Page.route`` fetches the child by slug as a generic ``Page`` and then its
``.specific`` object: two queries per level, so ``/van-ban/<document>/`` costs five page
queries before the view starts. Here the child's concrete model is known before the
query, so the child comes in one query with the related rows its template needs
(``route_select_related`` on the model):

- a parent that accepts one page type (``subpage_types``: a library of documents, a
  news section) is asked directly for a child of that type;
- otherwise (the home page's mixed sections) the child's id and type are remembered in
  the cache under (parent, slug). Nothing there can go stale: the query still checks the
  parent, the slug and ``live``-independent identity, and a miss falls back to
  Wagtail's two queries (which refresh the entry).
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

ROUTE_TIMEOUT = 24 * 60 * 60


def _route_key(parent, slug: str) -> str:
    digest = hashlib.sha256(slug.encode()).hexdigest()[:32]
    return f"portal:route:{parent.pk}:{digest}"


def _single_child_model(parent):
    models = parent.specific_class.allowed_subpage_models() if parent.specific_class else []
    return models[0] if len(models) == 1 else None


def _fetch(model, parent, slug: str, pk=None):
    queryset = model.objects.child_of(parent).filter(slug=slug)
    if pk is not None:
        queryset = queryset.filter(pk=pk)
    related = getattr(model, "route_select_related", ())
    if related:
        queryset = queryset.select_related(*related)
    child = queryset.first()
    if child is not None and child.content_type_id != ContentType.objects.get_for_model(model).pk:
        child = child.specific  # a subclass of ``model``: one more query, still right
    if child is not None:
        # Breadcrumbs and get_parent() walk up without a query (treebeard honours it).
        child._cached_parent_obj = parent
    return child


def find_child(parent, slug: str):
    """The live-or-not specific child of ``parent`` with ``slug``, or None."""
    from wagtail.models import Page

    model = _single_child_model(parent)
    if model is not None and model is not Page:
        child = _fetch(model, parent, slug)
        if child is not None:
            return child
    else:
        hit = cache.get(_route_key(parent, slug))
        if hit:
            pk, content_type_id = hit
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                child = _fetch(model, parent, slug, pk)
                if child is not None:
                    return child
    row = Page.objects.child_of(parent).filter(slug=slug).values_list("pk", "content_type_id")
    row = row.first()
    if row is None:
        return None
    cache.set(_route_key(parent, slug), row, ROUTE_TIMEOUT)
    model = ContentType.objects.get_for_id(row[1]).model_class()
    if model is None:
        child = Page.objects.get(pk=row[0])
        child._cached_parent_obj = parent
        return child
    return _fetch(model, parent, slug, row[0])


def ancestors_from_route(page, top_depth: int) -> list | None:
    """``page``'s ancestors from ``top_depth`` down, from the parents routing attached to
    it (no query); None when the chain is incomplete (a page fetched otherwise)."""
    chain = []
    current = page
    while current.depth > top_depth:
        parent = getattr(current, "_cached_parent_obj", None)
        if parent is None or parent.depth != current.depth - 1:
            return None
        chain.append(parent)
        current = parent
    if current.depth != top_depth:
        return None
    chain.reverse()
    return chain
