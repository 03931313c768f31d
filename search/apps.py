from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "congthongtin.search"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals  # noqa: F401  (the index follows publishing)
