"""Directory admin: search, filters and CSV/XLSX export (R-DIR-1); registered by
``congthongtin.core.wagtail_hooks``."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .models import Official, Unit
from .viewsets import PortalSnippetViewSet


class UnitViewSet(PortalSnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "parent", "phone", "email", "site"]
    list_filter = ["site"]
    list_export = ["name", "parent", "address", "phone", "email", "website", "site"]
    export_filename = "don-vi"
    ordering = ["site", "sort_order", "name"]


class OfficialViewSet(PortalSnippetViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    list_display = ["full_name", "position", "unit", "phone", "email", "is_active"]
    list_filter = ["unit__site", "unit", "is_active"]
    list_export = ["full_name", "position", "unit", "phone", "email", "sort_order", "is_active"]
    export_filename = "can-bo"
    ordering = ["unit__sort_order", "sort_order", "full_name"]

    def get_queryset(self, request):
        return Official.objects.select_related("unit")


class DirectoryGroup(SnippetViewSetGroup):
    items = (UnitViewSet, OfficialViewSet)
    menu_icon = "list-ul"
    menu_label = _("Directory")
    menu_name = "directory"
