"""The home app's hooks: its set-up step (the directory's admin is core's)."""

from wagtail import hooks

from congthongtin.core.bodies import BODY_HOME_PAGE_HOOK
from congthongtin.core.setup import SETUP_HOOK

from .setup import install_home_page, new_home_page

hooks.register(SETUP_HOOK, install_home_page)
hooks.register(BODY_HOME_PAGE_HOOK, new_home_page)
