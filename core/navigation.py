"""Main menu of a site, cached per site and dropped whenever content changes (core.sitecache)."""

from __future__ import annotations

from wagtail.models import Page, Site

from . import sitecache

#: Kept for callers of the first version of this module.
invalidate_menus = sitecache.invalidate


def menu_of(root: Page) -> list[dict]:
    """[{title, url, url_path}] of ``root``'s live, public children shown in menus, with
    addresses relative to ``root`` (the root of the site being served)."""

    def build():
        children = sitecache.public(
            Page.objects.child_of(root).live().in_menu().order_by("path")
        ).only("id", "title", "url_path", "path", "depth", "draft_title")
        root_path = root.url_path
        return [
            {
                "title": page.title,
                "url": "/" + page.url_path[len(root_path) :]
                if page.url_path.startswith(root_path)
                else page.url_path,
                "url_path": page.url_path,
            }
            for page in children
        ]

    return sitecache.cached(sitecache.make_key("menu", root.pk), build)


def main_menu(site: Site | None) -> list[dict]:
    """The menu of the site's home page (see ``menu_of``)."""
    if site is None:
        return []
    return menu_of(site.root_page)


def page_url_of_type(site: Site | None, model_label: str) -> str:
    """URL of the site's first live page of a type ("portal_home.DirectoryPage"), cached."""
    if site is None:
        return ""

    def build():
        from django.apps import apps

        try:
            model = apps.get_model(model_label)
        except LookupError:
            return ""
        page = (
            Page.objects.type(model)
            .live()
            .public()
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
        return page.get_url() if page else ""

    return sitecache.cached(sitecache.make_key("typed", site.pk, model_label), build)
