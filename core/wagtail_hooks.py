"""Admin screens for the shared taxonomies and the e-mail queue (Wagtail viewsets)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import archives
from .directory_viewsets import DirectoryGroup
from .models import Agency, Field
from .outbox_viewsets import outgoing_viewset
from .setup import SETUP_HOOK, install_bodies
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


@hooks.register("register_admin_viewset")
def register_outbox():
    """The e-mail queue (core.outbox). Not in the menu by itself: an app whose e-mails fill
    it shows it in its own menu (the citizens' voice does)."""
    return outgoing_viewset


hooks.register(SETUP_HOOK, install_bodies)
# An archive's pages are read-only (core.archives): its explorer says so.
hooks.register("construct_explorer_page_queryset", archives.explorer_notice)
