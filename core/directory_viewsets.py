"""Directory admin: search, filters and CSV/XLSX export (R-DIR-1); registered by
``congthongtin.core.wagtail_hooks``.

Each unit belongs to one body (its Site), each official to a unit. A body's people reach its
directory only: they list and choose its units and officials, change them while the body is
active, and create them only in their own bodies (an archive's directory is read-only, as its
pages are). The directory is public data, so the unit and official choosers stay open to
whoever edits a page of the body (collaborators included) without the right to list the
directory itself.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import Site
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import roles
from .bodies import archive_site_ids, site_ids_where
from .models import Official, Unit
from .viewsets import PortalSnippetViewSet, ScopedPermissionPolicy

#: Whoever holds any role on a body reaches its directory (to the model permissions).
DIRECTORY_ROLES = [*roles.BODY_ROLES, *roles.INSTALL_ROLES]


def writable_site_ids(user) -> set[int]:
    """The active bodies whose directory ``user`` may write in (to his model permissions)."""
    ids = site_ids_where(user, DIRECTORY_ROLES)
    if ids is None:
        ids = set(Site.objects.values_list("pk", flat=True))
    return ids - archive_site_ids()


class DirectoryPermissionPolicy(ScopedPermissionPolicy):
    site_field = "site"
    #: Public data: the chooser in a page's editor needs no right to list the directory.
    chooser_needs_listing = False

    def scope(self, user, queryset):
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        ids = site_ids_where(user, DIRECTORY_ROLES)
        return queryset if ids is None else queryset.filter(**{f"{self.site_field}__in": ids})

    def action_scope(self, user, action, queryset):
        queryset = self.scope(user, queryset)
        if action == "view":
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": writable_site_ids(user)})


class OfficialPermissionPolicy(DirectoryPermissionPolicy):
    site_field = "unit__site"


class UnitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = writable_site_ids(self.for_user)
        if "site" in self.fields:
            self.fields["site"].queryset = Site.objects.filter(pk__in=ids)
        if "parent" in self.fields:
            self.fields["parent"].queryset = Unit.objects.filter(site_id__in=ids)

    def clean(self):
        cleaned = super().clean()
        site, parent = cleaned.get("site"), cleaned.get("parent")
        if site and parent and parent.site_id != site.pk:
            self.add_error("parent", ValidationError(_("The parent unit belongs to another body.")))
        return cleaned


class OfficialForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(
                site_id__in=writable_site_ids(self.for_user)
            )


class UnitViewSet(PortalSnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "parent", "phone", "email", "site"]
    list_filter = ["site"]
    list_export = ["name", "parent", "address", "phone", "email", "website", "site"]
    export_filename = "don-vi"
    ordering = ["site", "sort_order", "name"]
    edit_handler = ObjectList(Unit.panels, base_form_class=UnitForm)


class OfficialViewSet(PortalSnippetViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    list_display = ["full_name", "position", "unit", "phone", "email", "is_active"]
    list_filter = ["unit__site", "unit", "is_active"]
    list_export = ["full_name", "position", "unit", "phone", "email", "sort_order", "is_active"]
    export_filename = "can-bo"
    ordering = ["unit__sort_order", "sort_order", "full_name"]
    edit_handler = ObjectList(Official.panels, base_form_class=OfficialForm)

    def get_queryset(self, request):
        return Official.objects.select_related("unit")


class DirectoryGroup(SnippetViewSetGroup):
    items = (UnitViewSet, OfficialViewSet)
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"
