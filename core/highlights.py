"""Home-page highlights contributed by the content apps.

An app registers a function ``(home_page, request) -> Highlight | None`` with the
``register_home_highlight`` Wagtail hook; the home page shows every non-empty one in
hook order. ``core`` and ``home`` never import the apps that contribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "register_home_highlight"


@dataclass
class Highlight:
    title: str
    items: list = field(default_factory=list)  # pages (or objects with .title and .url)
    more_url: str = ""
    template: str = "core/includes/highlight.html"


def collect_highlights(home_page, request) -> list[Highlight]:
    highlights = []
    for fn in hooks.get_hooks(HOOK_NAME):
        highlight = fn(home_page, request)
        if highlight and highlight.items:
            highlights.append(highlight)
    return highlights
