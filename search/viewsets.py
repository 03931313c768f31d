"""Settings → Citizens' words: a body's own entries in the search lexicon (``LexiconEntry``,
read by ``search.lexicon.lexicon_for``).

Who: the members of the body's editorial board (``core.roles.BOARD``: head, deputies,
editors, secretary, standing office) add, change and delete their own body's entries; they
write the body's pages, so they know the words its citizens use and the names its pages use.
Collaborators and unit officers contribute content without editing it, and the technical
administrator keeps the install running: none of them. The body's auditors read the list
(and the province-wide auditor every body's, as for every other data); superusers every
body's. Nobody reaches another body's entries: every view is scoped by the policy below
(``core.viewsets``). Rights come from the roles held on each body, not from group
permissions, so no set-up step has to grant anything.

The body of an entry is never typed: a person on one board gets that body; on several, a
choice among them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from congthongtin.core import roles
from congthongtin.core.bodies import site_ids_where
from congthongtin.core.viewsets import BodyRowsPermissionPolicy, PortalModelViewSet

from .models import LexiconEntry

#: Who changes a body's entries, and who reads them.
WRITERS = list(roles.BOARD)
READERS = [*roles.BOARD, *roles.READ_ONLY_ROLES]
WRITE_ACTIONS = ("add", "change", "delete")
READ_ACTIONS = ("view",)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def writable_site_ids(user) -> set[int] | None:
    """The bodies whose entries ``user`` may change (None: every body)."""
    return site_ids_where(user, WRITERS) if _active(user) else set()


def readable_site_ids(user) -> set[int] | None:
    return site_ids_where(user, READERS) if _active(user) else set()


class LexiconEntryPermissionPolicy(BodyRowsPermissionPolicy):
    """A body's readers list its entries; its board adds, changes and deletes them."""

    def site_ids(self, user, action):
        return writable_site_ids(user) if action in WRITE_ACTIONS else readable_site_ids(user)

    def user_has_permission(self, user, action):
        if action not in (*WRITE_ACTIONS, *READ_ACTIONS) or not _active(user):
            return False
        if user.is_superuser:
            return True
        ids = self.site_ids(user, action)
        return ids is None or bool(ids)

    def users_with_any_permission(self, actions):
        wanted = READERS if set(actions) & set(READ_ACTIONS) else WRITERS
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__board_role__role__in=wanted))
            .distinct()
        )


class LexiconEntryForm(WagtailAdminModelForm):
    """The body is the user's: set when there is one, chosen among his bodies otherwise."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = writable_site_ids(self.for_user)
        sites = Site.objects.order_by("site_name", "hostname")
        sites = sites if ids is None else sites.filter(pk__in=ids)
        if "site" not in self.fields:
            return
        self.fields["site"].queryset = sites
        choices = list(sites[:2])
        if len(choices) == 1:
            # One body: no choice to make. An entry being edited keeps its body (the policy
            # already refused one outside the user's bodies).
            del self.fields["site"]
            if self.instance.site_id is None:
                self.instance.site = choices[0]


class LexiconEntryViewSet(PortalModelViewSet):
    model = LexiconEntry
    name = "tu-ngu-nguoi-dan"
    url_namespace = "portal_search_lexiconentry"
    icon = "openquote"
    menu_label = _("Citizens' words")
    add_to_settings_menu = True
    menu_order = 610
    form_fields = ["site", "phrase", "terms", "kind", "reason"]
    list_display = ["phrase", "terms", "kind", "reason", "site"]
    list_filter = ["kind"]
    search_fields = ["phrase", "phrase_key", "terms", "reason"]
    ordering = ["site", "phrase_key"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return LexiconEntry.objects.select_related("site")

    def get_form_class(self, for_update=False):
        return modelform_factory(LexiconEntry, form=LexiconEntryForm, fields=self.form_fields)
