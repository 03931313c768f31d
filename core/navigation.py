"""Main menu of a site, cached per site and dropped whenever the page tree changes."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Page, Site

MENU_VERSION_KEY = "portal:menu-version"


def _version() -> int:
    return cache.get_or_set(MENU_VERSION_KEY, 1, None)


def invalidate_menus() -> None:
    try:
        cache.incr(MENU_VERSION_KEY)
    except ValueError:
        cache.set(MENU_VERSION_KEY, 2, None)


def main_menu(site: Site | None) -> list[dict]:
    """[{title, url, path}] of the home page's live children shown in menus."""
    if site is None:
        return []
    key = f"portal:menu:{site.pk}:{_version()}"
    items = cache.get(key)
    if items is None:
        root = site.root_page
        children = (Page.objects.child_of(root).live().public().in_menu().order_by("path")).only(
            "id", "title", "url_path", "path", "depth", "draft_title"
        )
        root_path = root.url_path
        items = [
            {
                "title": page.title,
                "url": "/" + page.url_path[len(root_path) :]
                if page.url_path.startswith(root_path)
                else page.url_path,
                "url_path": page.url_path,
            }
            for page in children
        ]
        cache.set(key, items, 60 * 60)
    return items


def page_url_of_type(site: Site | None, model_label: str) -> str:
    """URL of the site's first live page of a type ("home.DirectoryPage"), cached like menus."""
    if site is None:
        return ""
    key = f"portal:typed:{site.pk}:{model_label}:{_version()}"
    url = cache.get(key)
    if url is None:
        from django.apps import apps

        try:
            model = apps.get_model(model_label)
        except LookupError:
            model = None
        page = None
        if model is not None:
            page = (
                Page.objects.type(model)
                .live()
                .public()
                .descendant_of(site.root_page)
                .order_by("path")
                .first()
            )
        url = page.get_url() if page else ""
        cache.set(key, url, 60 * 60)
    return url
