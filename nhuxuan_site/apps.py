from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalSiteConfig(AppConfig):
    """The deployment package: templates, static files, the Vietnamese catalogue, load_demo."""

    name = "nhuxuan_site"
    verbose_name = _("Portal")
