"""Site search's admin hooks: its set-up step (the board head's right on the search
settings of its own body) and Settings → Citizens' words (search.viewsets)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from congthongtin.core.setup import SETUP_HOOK

from .models import LexiconEntry
from .setup import install_search_settings
from .viewsets import LexiconEntryPermissionPolicy, LexiconEntryViewSet

hooks.register(SETUP_HOOK, install_search_settings)

# Before the viewset is registered: every view of the entries is scoped per body by it
# (core.viewsets), not by Wagtail's plain model permissions.
register_permission_policy(LexiconEntry, LexiconEntryPermissionPolicy(LexiconEntry))


@hooks.register("register_admin_viewset")
def register_lexicon_viewset():
    return LexiconEntryViewSet()
