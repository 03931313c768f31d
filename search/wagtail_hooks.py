"""Site search's admin hooks: its set-up step (the board head's right on the search
settings of its own body)."""

from wagtail import hooks

from congthongtin.core.setup import SETUP_HOOK

from .setup import install_search_settings

hooks.register(SETUP_HOOK, install_search_settings)
