"""The portal's home page (``manage.py setup_portal``; congthongtin.core.setup).

A fresh database holds Wagtail's stock "Welcome" page as the default Site's root. The portal
replaces it with its HomePage; a database that already has a HomePage is left as it is.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import HomePage

TITLE = "Trang chủ"
SLUG = "trang-chu"


def new_home_page(title: str) -> HomePage:
    """The home page of a new body (core.bodies.create_body)."""
    return HomePage(title=title, draft_title=title)


def install_home_page(report, site=None) -> HomePage | None:
    """The portal's home page, as the default Site's root; made once. A new body's home
    page is made with its Site (core.bodies.create_body)."""
    if site is not None:
        return None
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=TITLE, draft_title=TITLE, slug=SLUG))
    stock = ContentType.objects.get_for_model(Page)
    welcome = Page.objects.filter(depth=2, content_type=stock, numchild=0)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id in welcome.values_list("pk", flat=True):
        site.root_page = home
        site.save(update_fields=["root_page"])
    # Wagtail's welcome page, once no Site shows it (deleting a Site's root deletes the Site).
    welcome.exclude(sites_rooted_here__isnull=False).delete()
    report(_("Home page “%(title)s” created as the default site's root.") % {"title": TITLE})
    return home
