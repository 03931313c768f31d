from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "congthongtin.opendata"
    label = "opendata"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Open data")

    def ready(self):
        from . import signals

        # Every registered dataset's ``stale_on`` models: their publication regenerates it.
        signals.connect_receivers()
