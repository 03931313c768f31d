from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.conf import settings

        from . import checks, signals  # noqa: F401  (deploy checks; cache invalidation)

        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            from .cache_headers import connect_purge_listings

            connect_purge_listings()
