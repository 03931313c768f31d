"""Keep ``SearchDocument`` rows in step with the live, public, unclassified pages."""

from __future__ import annotations

import re

from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from congthongtin.core.search_items import SearchItem
from congthongtin.core.text import iter_texts, plain_text
from congthongtin.vietnam.fold import fold, telex

from .models import SearchDocument

MAX_BODY = 500_000
_SEPARATORS = re.compile(r"[/\-–.]+")
#: Provenance shown under every page (R-PROV): not words a reader looks the content up by, and
#: in the body they would fill the result snippets ("Ban biên tập … https://…").
PROVENANCE_FIELDS = {"author_name", "author_address", "source", "source_url"}
_URL = re.compile(r"^\s*https?://\S*\s*$")


def body_text(page) -> str:
    """The readable text of ``page`` without its provenance fields and bare addresses."""
    return " ".join(
        plain_text(text)
        for path, _label, text in iter_texts(page)
        if path not in PROVENANCE_FIELDS and not _URL.match(text)
    )


def spaced(text: str) -> str:
    """Separators of document numbers as spaces, the same for every backend's tokenizer."""
    return _SEPARATORS.sub(" ", text)


def is_searchable(page) -> bool:
    """Only live, public, ``Thường`` pages are ever found (R-SECRET-1)."""
    if not page.live or page.depth <= 1:
        return False
    if getattr(page, "classification", "thuong") != "thuong":
        return False
    restricted = PageViewRestriction.objects.filter(
        page__path__in=[page.path[:i] for i in range(4, len(page.path) + 1, 4)]
    )
    return not restricted.exists()


def documents_for(page) -> list[SearchDocument]:
    """The search rows of one (specific) page."""
    facets = page.get_search_facets() if hasattr(page, "get_search_facets") else {}
    numbers = page.get_search_numbers() if hasattr(page, "get_search_numbers") else []
    date = facets.get("date")
    summary = plain_text(page.get_search_summary()) if hasattr(page, "get_search_summary") else ""
    url = page.get_url() or page.url_path
    common = {
        "page_id": page.pk,
        "path": page.path,
        "category": getattr(page, "search_category", "") or "",
        "title": page.title[:500],
        "summary": summary[:2000],
        "numbers": spaced(" ".join(fold(n) for n in numbers))[:500],
        "number_keys": f" {' '.join(fold(n) for n in numbers)} "[:500],
        "field_slugs": f" {' '.join(facets.get('fields') or [])} ",
        "agency": facets.get("agency") or "",
        "date": date,
        "year": date.year if date else None,
    }
    body = body_text(page)[:MAX_BODY]
    text = f"{page.title} {summary} {body}"
    whole = SearchDocument(
        **common,
        anchor="",
        # A whole page's "heading" is the label readers know it by ("Nghị định 42/2022/NĐ-CP").
        heading=str(getattr(page, "display_name", "") or "")[:500],
        body=body,
        folded=spaced(fold(f"{text} {' '.join(numbers)}")),
        telex=telex(text),
        folded_title=spaced(fold(f"{page.title} {' '.join(numbers)}"))[:1000],
        url=url,
    )
    rows = [whole]
    sections = page.get_search_sections() if hasattr(page, "get_search_sections") else []
    for anchor, heading, text in sections:
        text = plain_text(text)
        rows.append(
            SearchDocument(
                **common,
                anchor=anchor[:100],
                heading=heading[:500],
                body=text,
                folded=spaced(fold(f"{heading} {text}")),
                telex=telex(f"{heading} {text}"),
                folded_title=fold(f"{page.title} {heading}")[:1000],
                url=f"{url}#{anchor}",
            )
        )
    return rows


@transaction.atomic
def reindex_page(page) -> int:
    """Replace the rows of ``page`` (and remove them if it is no longer searchable)."""
    page = page.specific
    SearchDocument.objects.filter(page_id=page.pk).delete()
    if not is_searchable(page):
        return 0
    rows = documents_for(page)
    for row in rows:
        row.save()  # save(), not bulk_create: Wagtail's index follows post_save
    return len(rows)


def remove_page(page_id: int) -> None:
    SearchDocument.objects.filter(page_id=page_id).delete()


def reindex_subtree(page) -> int:
    """After a move or a restriction change every descendant's path or visibility changes."""
    total = 0
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        total += reindex_page(descendant)
    return total


def item_document(item: SearchItem) -> SearchDocument:
    """The search row (unsaved) of one item that is not a page (core.search_items)."""
    text = f"{item.title} {item.summary} {plain_text(item.body)}"
    return SearchDocument(
        page=None,
        source=item.source,
        path=item.path,
        anchor="",
        category=item.category,
        title=item.title[:500],
        summary=plain_text(item.summary)[:2000],
        body=plain_text(item.body)[:MAX_BODY],
        folded=spaced(fold(text)),
        telex=telex(text),
        folded_title=spaced(fold(item.title))[:1000],
        field_slugs=f" {' '.join(item.fields)} ",
        date=item.date,
        year=item.date.year if item.date else None,
        url=item.url,
    )


@transaction.atomic
def index_item(item: SearchItem) -> None:
    """Index one item that is not a page (core.search_items; ``item.source`` names it, e.g.
    "question:12"), in place of its previous rows."""
    SearchDocument.objects.filter(source=item.source).delete()
    item_document(item).save()


def remove_item(source: str) -> None:
    SearchDocument.objects.filter(source=source).delete()
