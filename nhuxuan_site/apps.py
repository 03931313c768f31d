from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSiteConfig(AppConfig):
    """The deployment package: templates, static files, the Vietnamese catalogue, load_demo."""

    name = "congthongtin.nhuxuan_site"
    label = "nhuxuan_site"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Portal")
