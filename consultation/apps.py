from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "congthongtin.consultation"
    label = "consultation"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Citizens' voice")

    def ready(self):
        from . import signals  # noqa: F401  (answers published → question answered, e-mail)
