from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Citizens' voice")

    def ready(self):
        from . import signals  # noqa: F401  (answers published → question answered, e-mail)
