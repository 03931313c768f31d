from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "congthongtin.legal"
    label = "legal"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Legal documents")

    def ready(self):
        from . import signals  # noqa: F401  (digital signatures of attached files)
