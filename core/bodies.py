"""Many bodies on one install (R-SITE-1): who sits on which body's board, which body a page
or a row belongs to, and how a body is made.

Every rule "X may do Y on body B" in the apps asks :func:`holds` or filters with
:func:`sites_where` / :func:`in_sites`; nothing compares group names. A person's board
roles are read once per user object (``memberships``) — a request's user, a test's user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, Site

from . import roles, sitecache

#: ``hooks.register(BODY_HOME_PAGE_HOOK, factory)``: ``factory(title)`` returns an unsaved page, the
#: home page of a new body (the portal's HomePage; a plain Page when nobody registers one).
BODY_HOME_PAGE_HOOK = "register_body_home_page"

_CACHE_ATTR = "_congthongtin_board_roles"


# Roles ---------------------------------------------------------------------------------
def _as_list(role_or_roles) -> list[str]:
    return [role_or_roles] if isinstance(role_or_roles, str) else list(role_or_roles)


def memberships(user) -> frozenset[tuple[int | None, str]]:
    """(site id or None, role) of every board role ``user`` holds; read once per object."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import BoardRole

        cached = frozenset(
            BoardRole.objects.filter(group__in=user.groups.all()).values_list("site_id", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """After a grant or a removal: the next check reads the database again."""
    for attr in (_CACHE_ATTR, "_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def as_site_id(site) -> int | None:
    """A Site, a Site's id or None, as an id or None."""
    return site if isinstance(site, int) or site is None else site.pk


def holds(user, role_or_roles, site=None) -> bool:
    """Does ``user`` hold one of the roles on ``site`` (a Site or its id)? ``site`` None:
    on any body. Install-wide roles (``roles.INSTALL_ROLES``) count on every body.
    Superusers hold no role by this test: callers say what a superuser may do."""
    wanted = set(_as_list(role_or_roles))
    site_id = as_site_id(site)
    for held_site, role in memberships(user):
        if role in wanted and (site is None or held_site is None or held_site == site_id):
            return True
    return False


def site_ids_where(user, role_or_roles) -> set[int] | None:
    """Ids of the sites where ``user`` holds one of the roles; None means every site (a
    superuser, or an install-wide role among those asked for)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    wanted = set(_as_list(role_or_roles))
    ids = set()
    for held_site, role in memberships(user):
        if role in wanted:
            if held_site is None:
                return None
            ids.add(held_site)
    return ids


def sites_where(user, role_or_roles) -> QuerySet:
    ids = site_ids_where(user, role_or_roles)
    sites = Site.objects.all()
    return sites if ids is None else sites.filter(pk__in=ids)


def bodies_where(user, role_or_roles) -> QuerySet:
    """The bodies (Sites, by name) where an active user holds one of the roles; every body
    for a superuser; none for an anonymous or inactive user. What a back-office screen
    lists in its body picker."""
    if not (user and user.is_authenticated and user.is_active):
        return Site.objects.none()
    return sites_where(user, role_or_roles).order_by("site_name", "hostname")


def body_name(site: Site) -> str:
    """How a body is named to people: its site's name, else its host name."""
    return site.site_name or site.hostname


def body_collection(site: Site | None, *, create: bool = False):
    """The collection of a body's images and documents: a child of the root collection
    named after the body (``body_name``), which the body's set-up makes (``create``) and
    its board may add to. Without a site, or before the set-up, the root collection."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if site is None:
        return root
    name = body_name(site)
    found = root.get_children().filter(name=name).first()
    if found is None and create:
        found = root.add_child(instance=Collection(name=name))
    return found or root


def group_name(role: str, site: Site | None) -> str:
    if site is None:
        return role
    return f"{role} · {body_name(site)}"[:150]


def role_group(role: str, site: Site | None = None) -> Group:
    """The group of ``role`` on ``site``'s board (install-wide roles: ``site`` None; a body
    role with ``site`` None: the default site's). Raises Group.DoesNotExist before
    ``setup_portal``."""
    from .models import BoardRole

    if site is None and role not in roles.INSTALL_ROLES:
        site = Site.objects.get(is_default_site=True)
    found = BoardRole.objects.filter(role=role, site=site).select_related("group").first()
    if found is None:
        raise Group.DoesNotExist(f"No group for {role!r} on {site}")
    return found.group


def board_groups(site: Site | None, report=None) -> dict[str, Group]:
    """The groups of the roles of ``site``'s board (None: the install-wide roles), made
    when missing. A database set up before boards were per body has its roles as groups
    named exactly after them, holding rights on the whole tree: the default site's board
    adopts them (renamed), so the people in them keep their roles on that site only."""
    from .models import BoardRole

    report = report or (lambda message: None)
    wanted = roles.INSTALL_ROLES if site is None else roles.BODY_ROLES
    groups = {}
    for role in wanted:
        found = BoardRole.objects.filter(role=role, site=site).select_related("group").first()
        name = group_name(role, site)
        if found is not None:
            # The body was renamed: its groups follow, unless a person renamed them.
            group = found.group
            renamed = site is not None and group.name != name
            if (
                renamed
                and group.name.startswith(f"{role} · ")
                and not Group.objects.filter(name=name).exists()
            ):
                group.name = name
                group.save(update_fields=["name"])
            groups[role] = group
            continue
        group = None
        if site is None or site.is_default_site:
            group = Group.objects.filter(name=role, board_role__isnull=True).first()
        if group is not None and group.name != name:
            group.name = name
            group.save(update_fields=["name"])
        if group is None:
            if Group.objects.filter(name=name).exists():
                name = f"{name} (#{site.pk})"[:150] if site else name
            group, created = Group.objects.get_or_create(name=name)
            if created:
                report(_("Role “%(name)s” created.") % {"name": name})
        BoardRole.objects.create(group=group, site=site, role=role)
        groups[role] = group
    return groups


def board_of(site: Site) -> dict[str, list]:
    """Role → the active people holding it on ``site`` (for the bodies' list)."""
    from .models import BoardRole

    result: dict[str, list] = {}
    for board_role in BoardRole.objects.filter(site=site).prefetch_related("group__user_set"):
        people = [u for u in board_role.group.user_set.all() if u.is_active]
        result[board_role.role] = sorted(people, key=lambda u: u.get_username())
    return result


# Where things belong --------------------------------------------------------------------
def site_id_of_page(page) -> int | None:
    """The Site a page belongs to: the most specific site root above it (Wagtail's cached
    root paths, no query when warm)."""
    url_path = getattr(page, "url_path", None) or ""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return root.site_id
    return None


def site_id_for_request(request) -> int | None:
    """The id of the Site that answers ``request`` (Wagtail's own choice of site), from the
    process's host table (``core.site_resolution``): no query once warm, no Site object
    built, for an endpoint meant to be answered from the cache alone (the visit counter's
    figures)."""
    from .site_resolution import site_id_for_request as resolve

    return resolve(request)


def chosen_body(request, sites, param: str = "co-quan") -> Site:
    """The body a back-office screen shows, among ``sites`` (the user's readable bodies):
    the one asked for (``?co-quan=<id>``), else the request's own site when the user reads
    it, else the first. 403 without any body; 404 for a body the user does not read."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from .query_params import parse_int

    if not sites:
        raise PermissionDenied
    raw = request.GET.get(param)
    if raw not in (None, ""):
        wanted = parse_int(raw, 1, 2**31 - 1)
        for site in sites:
            if site.pk == wanted:
                return site
        raise Http404
    current = Site.find_for_request(request)
    for site in sites:
        if current is not None and site.pk == current.pk:
            return site
    return sites[0]


def body_picker(site: Site, sites, param: str = "co-quan") -> dict:
    """The context of a back-office screen's body picker (core/admin/body_select.html) and
    header: the chosen body, its name, and the bodies to choose from (none when only one)."""
    return {
        "site": site,
        "body": body_name(site),
        "sites": sites if len(sites) > 1 else [],
        "body_param": param,
    }


def site_of_page(page) -> Site | None:
    site_id = site_id_of_page(page)
    return Site.objects.filter(pk=site_id).first() if site_id else None


def site_tree_paths() -> list[tuple[str, int]]:
    """(treebeard path of the home page, site id) of every site, most specific first; cached
    per content version (saving a Site or moving a page bumps it, core.signals)."""

    def build():
        rows = Site.objects.values_list("root_page__path", "pk")
        return sorted(rows, key=lambda row: len(row[0]), reverse=True)

    return sitecache.cached(sitecache.make_key("site-tree-paths"), build)


def pages_in_sites(site_ids: Iterable[int] | None, path_field: str = "path") -> Q:
    """A filter on rows whose page (``path_field``: the treebeard path, e.g.
    ``page__path``) lies under one of the sites' home pages; None: no restriction.

    A page under a site nested inside another belongs to the more specific one only."""
    if site_ids is None:
        return Q()
    site_ids = set(site_ids)
    if not site_ids:
        return Q(pk__in=[])
    sites = site_tree_paths()
    mine = [path for path, pk in sites if pk in site_ids]
    others = [path for path, pk in sites if pk not in site_ids]
    condition = Q()
    for path in mine:
        condition |= Q(**{f"{path_field}__startswith": path})
    # A site whose home page is inside one of mine is another body's.
    for path in others:
        if any(path.startswith(own) and path != own for own in mine):
            condition &= ~Q(**{f"{path_field}__startswith": path})
    return condition


def in_sites(queryset: QuerySet, site_ids, path_field: str = "path") -> QuerySet:
    return queryset.filter(pages_in_sites(site_ids, path_field))


# Bodies ----------------------------------------------------------------------------------
def body_of(site: Site):
    """The Body of ``site`` (made active on first use: every Site is a body)."""
    from .models import Body

    body, _created = Body.objects.get_or_create(site=site)
    return body


def archives() -> dict[int, dict]:
    """Every archived body, by site id: ``{"name", "root_path", "root_url", "successor_id",
    "successor_name", "successor_url"}`` (the successor's keys empty when none is named).
    One query per content version (core.sitecache): what every page of an install asks
    (is this an archive? its banner, its search label) costs no query when warm."""
    from .models import Body, BodyStatus

    def build():
        rows = Body.objects.filter(status=BodyStatus.ARCHIVE).select_related(
            "site__root_page", "successor"
        )
        return {
            body.site_id: {
                "name": body_name(body.site),
                "root_path": body.site.root_page.path,
                "root_url": body.site.root_url,
                "successor_id": body.successor_id,
                "successor_name": body_name(body.successor) if body.successor else "",
                "successor_url": (body.successor.root_url + "/") if body.successor else "",
            }
            for body in rows
        }

    return sitecache.cached(sitecache.make_key("archives"), build)


def is_archive(site) -> bool:
    site_id = as_site_id(site)
    return site_id is not None and site_id in archives()


def archive_site_ids() -> set[int]:
    return set(archives())


def page_is_archived(page) -> bool:
    found = archives()
    return bool(found) and site_id_of_page(page) in found


def body_workflow(site):
    """The body's board workflow (a Site or its id): the active one on its home page."""
    from wagtail.models import Workflow

    site_id = as_site_id(site)
    if site_id is None:
        return None
    return Workflow.objects.filter(
        workflow_pages__page__sites_rooted_here__id=site_id, active=True
    ).first()


def work_calendar(site=None):
    """The working calendar of ``site``: public holidays, the install's announced swaps
    (``CONGTHONGTIN["WORK_CALENDAR_EXTRA_*"]``) and the body's own (WorkCalendarSettings)."""
    from .calendar import calendar_for

    return calendar_for(as_site_id(site))


#: A host name: dot-separated labels of letters, digits and inner hyphens (RFC 1123),
#: at most 253 characters; no scheme, port, path or space.
HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def _validate_hostname(hostname: str, port: int) -> None:
    if not HOSTNAME.match(hostname):
        raise ValidationError(
            {"hostname": _("Write the host name only, e.g. xuanbinh.thanhhoa.gov.vn.")}
        )
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValidationError({"hostname": _("Another body already uses this address and port.")})


def validate_successor(site: Site | None, successor: Site | None) -> None:
    """An archive's successor: another body, an active one."""
    from .models import Body, BodyStatus

    if successor is None:
        raise ValidationError(
            {"successor": _("An archive needs the body that took over its work.")}
        )
    if site is not None and successor.pk == site.pk:
        raise ValidationError({"successor": _("A body cannot be its own successor.")})
    if Body.objects.filter(site=successor, status=BodyStatus.ARCHIVE).exists():
        raise ValidationError({"successor": _("The successor must be an active body.")})


@transaction.atomic
def create_body(
    *,
    name: str,
    hostname: str,
    port: int = 80,
    administrative_level: str | None = None,
    status: str | None = None,
    successor: Site | None = None,
    report=None,
):
    """A new body in one step: its home page, its Site, its identity settings and its board
    (every app's set-up step for that site: roles, workflow…). Returns the Body."""
    from congthongtin.vietnam.fold import slugify

    from .models import Body, BodyStatus, PortalSettings

    name = name.strip()
    hostname = hostname.strip().lower()
    _validate_hostname(hostname, port)
    status = status or BodyStatus.ACTIVE
    if status == BodyStatus.ARCHIVE:
        validate_successor(None, successor)
    elif successor is not None:
        raise ValidationError({"successor": _("Only an archive has a successor.")})
    factories = hooks.get_hooks(BODY_HOME_PAGE_HOOK)
    page = factories[-1](name) if factories else Page(title=name)
    page.title = page.draft_title = name
    root = Page.get_first_root_node()
    base = slugify(name) or "co-quan"
    slug, number = base, 1
    while root.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    page.slug = slug
    root.add_child(instance=page)
    # Saving a Site runs every app's set-up step for it (core.signals): its board.
    site = Site(hostname=hostname, port=port, site_name=name, root_page=page)
    site._setup_report = report
    site.save()
    body, _created = Body.objects.update_or_create(
        site=site,
        defaults={
            "status": status,
            "successor": successor,
            "archived_at": timezone.now() if status == BodyStatus.ARCHIVE else None,
        },
    )
    settings, _created = PortalSettings.objects.get_or_create(
        site=site, defaults={"name": name, "managing_body": name}
    )
    if administrative_level:
        settings.administrative_level = administrative_level
        settings.save(update_fields=["administrative_level"])
    return body
