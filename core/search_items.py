"""Site search of what is not a page (issue 17): the contract between an app that owns such
items (the citizens' voice and its published questions) and the search app, neither of which
imports the other.

- The owning app sends ``search_item_changed`` (``sender=SearchItem``, ``item=`` the item)
  when an item becomes or stays searchable, and ``search_item_removed``
  (``sender=SearchItem``, ``source=`` its name) when it stops being so. It sends them inside
  the transaction that changes the item: the search rows commit or roll back with it.
- For a full rebuild (``manage.py reindex_search``) it registers, under the Wagtail hook
  ``SEARCH_ITEMS_HOOK``, a function yielding every item it has that is searchable now.

The search app listens and indexes; without it installed nobody listens, nothing is indexed
and the owning app works the same.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.dispatch import Signal
from wagtail import hooks


@dataclass(frozen=True)
class SearchItem:
    """One searchable item that is not a page: what site search shows and finds of it."""

    #: Names the item among every app's: "question:12".
    source: str
    #: The tree path of the page it belongs to (restrictions and sections follow it).
    path: str
    title: str
    body: str
    url: str
    #: The search's category slug ("hoi-dap"), "" for none.
    category: str = ""
    #: Slugs of its fields (core.Field).
    fields: tuple[str, ...] = ()
    date: datetime.date | None = None
    summary: str = ""


#: ``sender=SearchItem, item=<SearchItem>``: index the item (again).
search_item_changed = Signal()
#: ``sender=SearchItem, source=<str>``: the item is no longer searchable.
search_item_removed = Signal()

#: Wagtail hook: ``fn() -> iterable of SearchItem``, every searchable item of an app.
SEARCH_ITEMS_HOOK = "register_search_items"


def item_changed(item: SearchItem) -> None:
    search_item_changed.send(sender=SearchItem, item=item)


def item_removed(source: str) -> None:
    search_item_removed.send(sender=SearchItem, source=source)


def all_search_items() -> Iterator[SearchItem]:
    """Every app's searchable items (``SEARCH_ITEMS_HOOK``), for a full rebuild."""
    for items in hooks.get_hooks(SEARCH_ITEMS_HOOK):
        yield from items()


# Answers first (issue 25 §4) ----------------------------------------------------------------
@dataclass(frozen=True)
class QuickAnswer:
    """What the owner of a search row says of it when the search shows it as the answer at
    the top of the results: the facts a citizen looks for, as plain text (escaped where
    shown). The search app adds the row's address and category."""

    title: str
    #: (label, value) pairs, shown in order: "Thời hạn giải quyết" → "5 ngày làm việc".
    facts: tuple[tuple[str, str], ...] = ()
    #: A few sentences of plain text (a Q&A answer's beginning), "" for none.
    excerpt: str = ""
    #: The link to the whole content: "Xem chi tiết thủ tục", "Xem câu trả lời".
    link_label: str = ""
    #: Names the kind of content for styling and tests: "procedure", "question".
    kind: str = ""


#: Wagtail hook: ``fn(*, source: str, page_id: int | None, category: str) -> QuickAnswer |
#: None``. Called for a search row that ranks first (or among the first) and matches the
#: query strongly; the owning app answers for its own rows only (its category or its
#: ``source`` prefix, checked without a query), in at most one query, and only for what the
#: public may read now (a live page, a published answer); every other app returns None.
SEARCH_ANSWERS_HOOK = "register_search_answer"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, "…" when cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def quick_answer(*, source: str, page_id: int | None, category: str) -> QuickAnswer | None:
    """The first answer an app gives for one search row (``SEARCH_ANSWERS_HOOK``)."""
    for answer in hooks.get_hooks(SEARCH_ANSWERS_HOOK):
        found = answer(source=source, page_id=page_id, category=category)
        if found is not None:
            return found
    return None
