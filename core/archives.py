"""Archives of dissolved units (Law 72/2025/QH15) on the public side and around the admin.

A body whose ``core.Body.status`` is *archive* (``core.bodies.is_archive``) keeps its pages at
their addresses, read-only:

- every public page shows a banner naming the successor body with a link to it
  (:func:`archive_notice`, given to templates by :func:`archive_context`);
- an old address listed in the site's redirect table (Wagtail's ``wagtail.contrib.redirects``,
  importable as CSV from its admin or with ``manage.py import_redirects``) goes to its new page
  (301) **before** the archive's own page there, which Wagtail's middleware (404s only) would
  serve (:class:`ArchiveMiddleware`);
- no request outside the admin may write on an archive's host (403, a Vietnamese page), and in
  the admin no form posts to an archived page (editing, workflow actions, locks, bulk
  actions…), whoever sends it: the page permission tester (``editorial.permissions``) hides
  these actions, this refuses them at the door too.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django import http
from django.contrib import messages
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .bodies import (
    archive_site_ids,
    archives,
    body_name,
    is_archive,
    page_is_archived,
    site_tree_paths,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

#: URL names that post without writing anything: a visitor's password for a restricted page.
HARMLESS_POSTS = frozenset({"wagtailcore_authenticate_with_password"})

#: ``hooks.register(ALLOWED_WRITES_HOOK, fn)``: ``fn(request)`` True lets one public write
#: through on an archive's host — a citizen withdrawing his consent (leaving a mailing
#: list) is not refused because the body was dissolved. The app's own view still checks it.
ALLOWED_WRITES_HOOK = "register_archive_allowed_write"


def allowed_write(request) -> bool:
    from wagtail import hooks

    return any(allows(request) for allows in hooks.get_hooks(ALLOWED_WRITES_HOOK))


#: Admin URL keyword arguments that name the page a form acts on.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")

#: The admin's page views whose forms write nothing in the page posted to (copying a page out
#: of an archive into a live body; the tester refuses a copy into an archive).
ADMIN_POSTS_ALLOWED = frozenset({"copy"})


def archive_notice(site: Site | None) -> dict | None:
    """What the banner of an archived site says (``core.bodies.archives``' row: ``name``,
    ``successor_name``, ``successor_url``…); None for a live body. No query when warm."""
    return archives().get(site.pk) if site is not None else None


def archive_context(request) -> dict:
    """Context processor: ``archive_notice`` (None on a live body's site)."""
    if request is None or _is_admin(request):
        return {"archive_notice": None}
    if not archive_site_ids():  # most installs: no archive, no site look-up
        return {"archive_notice": None}
    return {"archive_notice": archive_notice(Site.find_for_request(request))}


def _admin_prefix() -> str:
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # pragma: no cover - a project without Wagtail's admin
        return "/admin/"


def _is_admin(request) -> bool:
    return request.path.startswith(_admin_prefix())


def _is_archived_page_id(value) -> bool:
    try:
        page_id = int(value)
    except (TypeError, ValueError):
        return False
    page = Page.objects.filter(pk=page_id).only("id", "path", "depth", "url_path").first()
    return page is not None and page.depth > 1 and page_is_archived(page)


def admin_post_to_archive(request, match) -> bool:
    """Whether an admin POST acts on a page of an archive (or creates one in it)."""
    if match is None:
        return False
    if "wagtailadmin_pages" in match.namespaces:
        if match.url_name in ADMIN_POSTS_ALLOWED:
            return False
        return any(_is_archived_page_id(match.kwargs.get(name)) for name in PAGE_KWARGS)
    if match.url_name == "wagtail_bulk_action" and match.kwargs.get("model_name") == "page":
        return any(_is_archived_page_id(value) for value in request.GET.getlist("id"))
    return False


def read_only_response(request, status: int = 403):
    site = Site.find_for_request(request)
    return render(
        request,
        "core/archive_read_only.html",
        {
            "archive_notice": archive_notice(site),
            "archive_site_name": body_name(site) if site else "",
        },
        status=status,
    )


def permanent_redirect(request, site) -> http.HttpResponse | None:
    """The 301 of the site's redirect table for this address, if it lists one."""
    from wagtail.contrib.redirects.middleware import get_redirect
    from wagtail.contrib.redirects.models import Redirect

    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None:
        without_query = urlparse(path).path
        if without_query != path:
            redirect = get_redirect(request, without_query)
    if redirect is None or not redirect.is_permanent or redirect.link is None:
        return None
    return http.HttpResponsePermanentRedirect(redirect.link)


class ArchiveMiddleware:
    """Redirects first, then read-only, on the hosts of archived bodies; and no admin form
    posted to an archived page. Place it after CommonMiddleware and before CSRF (its refusal
    is the archive's page, not the CSRF failure)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if archive_site_ids() and not _is_admin(request):
            site = Site.find_for_request(request)
            if site is not None and is_archive(site):
                if request.method in ("GET", "HEAD"):
                    response = permanent_redirect(request, site)
                    if response is not None:
                        return response
                elif request.method not in SAFE_METHODS:
                    request._congthongtin_archive_write = True
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        match = getattr(request, "resolver_match", None)
        if getattr(request, "_congthongtin_archive_write", False):
            if match is not None and match.url_name in HARMLESS_POSTS:
                return None
            if allowed_write(request):
                return None
            return read_only_response(request)
        if archive_site_ids() and _is_admin(request) and admin_post_to_archive(request, match):
            return http.HttpResponseForbidden(
                _("This page belongs to an archive: it is read-only.")
            )
        return None


# Search and listings across bodies ------------------------------------------------------
def search_site_ids(site: Site) -> set[int]:
    """The sites a search on ``site`` looks in: its own, and those of the archives whose work
    it took over (an archive's own search: its pages only)."""
    ids = {site.pk}
    ids.update(pk for pk, row in archives().items() if row["successor_id"] == site.pk)
    return ids


def archive_of_path(path: str) -> dict | None:
    """The archive (``core.bodies.archives`` row, with its ``site_id``) a page's treebeard
    path lies in; None for a live body's page."""
    found = archives()
    if not found:
        return None
    for root_path, site_id in site_tree_paths():
        if path.startswith(root_path):
            row = found.get(site_id)
            return {**row, "site_id": site_id} if row else None
    return None


# Admin notice -----------------------------------------------------------------------------
def read_only_message(page) -> str:
    from .bodies import site_of_page

    site = site_of_page(page)
    notice = archive_notice(site) if site else None
    if notice and notice["successor_name"]:
        return _("Archive page: read only. The work of %(name)s has moved to %(successor)s.") % {
            "name": notice["name"],
            "successor": notice["successor_name"],
        }
    return _("Archive page: read only.")


def explorer_notice(parent_page, pages, request):
    """Wagtail hook ``construct_explorer_page_queryset``: the explorer of an archive's pages
    says they are read-only (each page's actions are already gone)."""
    if (
        request is not None
        and parent_page is not None
        and parent_page.depth > 1
        and archive_site_ids()
        and page_is_archived(parent_page)
        and not getattr(request, "_congthongtin_archive_noticed", False)
    ):
        request._congthongtin_archive_noticed = True
        messages.warning(request, read_only_message(parent_page))
    return pages
