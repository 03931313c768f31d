"""The province IT team's screens of the bodies one install serves (R-SITE-1), under
Settings → Bodies: the list (each body's address, status and successor, board, live pages
and last publication), a form creating a body with its board in one step, and a form
archiving or reactivating one. Every change goes through core.bodies_actions; registered
by core.wagtail_hooks.

Who: ``core.view_body`` reads the list, ``core.add_body`` creates, ``core.change_body``
archives and reactivates (the technical administrator and superusers; the province-wide
auditor reads). Anyone else gets 403, a body's head of the board included.

The list costs the same number of queries whatever the number of bodies on its page: the
sites, the people of every board, and one aggregate of the pages.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, Site

from . import bodies_actions, roles
from .bodies_forms import BodyCreateForm, BodyStatusForm
from .models import Body, BodyStatus

app_name = "core_bodies"
PER_PAGE = 50
PERMISSIONS = ("core.view_body", "core.add_body", "core.change_body")


def may_see_bodies(user) -> bool:
    return any(user.has_perm(permission) for permission in PERMISSIONS)


def _require(request, permission: str | None = None) -> None:
    allowed = request.user.has_perm(permission) if permission else may_see_bodies(request.user)
    if not allowed:
        raise PermissionDenied


# Listing ---------------------------------------------------------------------------------
def _boards(site_ids) -> dict[int, list[tuple[str, list]]]:
    """site id → [(role, [active people])] in the order of core.roles, one query."""
    Membership = get_user_model().groups.through
    rows = (
        Membership.objects.filter(group__board_role__site_id__in=site_ids, user__is_active=True)
        .select_related("user", "group__board_role")
        .order_by("user__username")
    )
    people = defaultdict(lambda: defaultdict(list))
    for row in rows:
        board_role = row.group.board_role
        people[board_role.site_id][board_role.role].append(row.user)
    order = {role: index for index, role in enumerate(roles.ALL_ROLES)}
    return {
        site_id: sorted(by_role.items(), key=lambda item: order.get(item[0], len(order)))
        for site_id, by_role in people.items()
    }


def _page_figures(sites) -> dict[int, dict]:
    """site id → {"live_pages": live pages under its home page, "last_published": the
    latest publication there (its home page included)}, in one query. A page under a
    site nested inside another counts for the more specific one only."""
    if not sites:
        return {}
    all_roots = list(Site.objects.values_list("pk", "root_page__path"))
    aggregates = {}
    for site in sites:
        own = site.root_page.path
        inside = Q(path__startswith=own)
        for other_pk, other_path in all_roots:
            if other_pk != site.pk and other_path != own and other_path.startswith(own):
                inside &= ~Q(path__startswith=other_path)
        below = inside & ~Q(path=own)
        aggregates[f"n_{site.pk}"] = Count("pk", filter=below)
        aggregates[f"last_{site.pk}"] = Max("last_published_at", filter=inside)
    figures = Page.objects.live().aggregate(**aggregates)
    return {
        site.pk: {
            "live_pages": figures[f"n_{site.pk}"],
            "last_published": figures[f"last_{site.pk}"],
        }
        for site in sites
    }


@require_http_methods(["GET"])
def index(request):
    _require(request)
    status = request.GET.get("status") or ""
    bodies = Body.objects.select_related("site__root_page", "successor").order_by(
        "site__site_name", "site__hostname"
    )
    if status in BodyStatus.values:
        bodies = bodies.filter(status=status)
    else:
        status = ""
    page_obj = Paginator(bodies, PER_PAGE).get_page(request.GET.get("p"))
    shown = list(page_obj)
    site_ids = [body.site_id for body in shown]
    boards = _boards(site_ids)
    figures = _page_figures([body.site for body in shown])
    rows = [
        {
            "body": body,
            "site": body.site,
            "board": boards.get(body.site_id, []),
            **figures.get(body.site_id, {}),
        }
        for body in shown
    ]
    context = {
        "rows": rows,
        "page_obj": page_obj,
        "status": status,
        "statuses": BodyStatus.choices,
        "may_add": request.user.has_perm("core.add_body"),
        "may_change": request.user.has_perm("core.change_body"),
    }
    return TemplateResponse(request, "core/bodies/index.html", context)


# Changes ---------------------------------------------------------------------------------
def _form_errors(form, error: ValidationError) -> None:
    """A refusal of core.bodies_actions shown on the form, next to its field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def create(request):
    _require(request, "core.add_body")
    form = BodyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = bodies_actions.create_body_by(
                request.user,
                name=data["name"],
                hostname=data["hostname"],
                port=data["port"],
                administrative_level=data["administrative_level"],
                status=data["status"],
                successor=data["successor"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Body “%(name)s” created at %(address)s with its board.")
                % {"name": body, "address": body.site.root_url},
            )
            return redirect("core_bodies:index")
    return TemplateResponse(request, "core/bodies/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    _require(request, "core.change_body")
    body = get_object_or_404(Body.objects.select_related("site", "successor"), pk=pk)
    superuser = request.user.is_superuser
    form = BodyStatusForm(request.POST or None, body=body, superuser=superuser)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data["status"] == BodyStatus.ARCHIVE:
                    bodies_actions.archive_body(request.user, body, data["successor"])
                else:
                    bodies_actions.reactivate_body(request.user, body)
                if superuser:
                    bodies_actions.set_parent(
                        request.user, body, data.get("parent"), data.get("parent_feed_key", "")
                    )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Body “%(name)s” saved.") % {"name": body})
            return redirect("core_bodies:index")
    return TemplateResponse(request, "core/bodies/edit.html", {"form": form, "body": body})


urlpatterns = [
    path("", index, name="index"),
    path("them/", create, name="add"),
    path("<int:pk>/", edit, name="edit"),
]


class BodiesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_bodies(request.user)


def menu_item():
    """For the ``register_settings_menu_item`` hook."""
    return BodiesMenuItem(
        gettext_lazy("Bodies"), reverse("core_bodies:index"), icon_name="site", order=450
    )
