"""Admin screens for the shared taxonomies (Wagtail viewsets, not wagtail-modeladmin)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .directory_viewsets import DirectoryGroup
from .models import Agency, Field
from .viewsets import PortalSnippetViewSet


class FieldViewSet(PortalSnippetViewSet):
    model = Field
    icon = "tag"
    menu_label = pgettext_lazy("taxonomy", "Fields")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class AgencyViewSet(PortalSnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = ["name", "short_name", "level", "parent"]
    list_filter = ["level"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (FieldViewSet, AgencyViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"


register_snippet(TaxonomyGroup)
register_snippet(DirectoryGroup)
