from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "congthongtin.editorial"
    label = "editorial"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Editorial board")

    def ready(self):
        from . import signals  # noqa: F401  (workflow on new portals, lockout audit)
        from .timeliness import connect as connect_timeliness

        connect_timeliness()
