"""Admin screens for the shared taxonomies and the e-mail queue (Wagtail viewsets)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import archives, bodies_actions, bodies_viewsets
from .datasets import datasets as open_datasets
from .directory_viewsets import DirectoryGroup, DirectoryPermissionPolicy, OfficialPermissionPolicy
from .models import Agency, Field, Official, OutgoingEmail, TrustAnchor, Unit
from .opendata import OPEN_DATASETS_HOOK
from .outbox_viewsets import OutgoingEmailPermissionPolicy, outgoing_viewset
from .setup import SETUP_HOOK, install_bodies
from .trust_viewsets import TrustAnchorPermissionPolicy, trust_anchor_viewset
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


# Before the viewset is registered (core.viewsets): a body's e-mails to its people only.
register_permission_policy(OutgoingEmail, OutgoingEmailPermissionPolicy(OutgoingEmail))
# A body's directory to its own people; an archive's read-only (core.directory_viewsets).
register_permission_policy(Unit, DirectoryPermissionPolicy(Unit))
register_permission_policy(Official, OfficialPermissionPolicy(Official))
# The trusted root certificates: the technical administrator's (core.trust_viewsets).
register_permission_policy(TrustAnchor, TrustAnchorPermissionPolicy(TrustAnchor))
register_snippet(TaxonomyGroup)
register_snippet(DirectoryGroup)


@hooks.register("register_admin_viewset")
def register_outbox():
    """The e-mail queue (core.outbox). Not in the menu by itself: an app whose e-mails fill
    it shows it in its own menu (the citizens' voice does)."""
    return outgoing_viewset


@hooks.register("register_admin_viewset")
def register_trust_anchors():
    """Settings → Trusted root certificates (digital signatures, core.trust_viewsets)."""
    return trust_anchor_viewset


hooks.register(SETUP_HOOK, install_bodies)


# The bodies of the install (R-SITE-1): Settings → Bodies, and the log of their changes.
@hooks.register("register_admin_urls")
def register_bodies_urls():
    return [path("co-quan/", include(bodies_viewsets, namespace="core_bodies"))]


hooks.register("register_settings_menu_item", bodies_viewsets.menu_item)
hooks.register("register_log_actions", bodies_actions.register_log_actions)

# An archive's pages are read-only (core.archives): its explorer says so.
hooks.register("construct_explorer_page_queryset", archives.explorer_notice)

hooks.register(OPEN_DATASETS_HOOK, open_datasets)  # the directory of units (core.datasets)
