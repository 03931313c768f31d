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
