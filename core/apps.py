from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "congthongtin.core"
    label = "core"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Core")

    def ready(self):
        from django.conf import settings

        from . import checks, conf, signals  # noqa: F401  (checks; settings; cache invalidation)
        from .root_paths import install

        # A page's Sites found by its path's prefixes, not by a scan of every Site; the
        # Sites' root paths kept in the process per content version.
        install()

        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            from .cache_headers import connect_purge_listings

            connect_purge_listings()
