from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "congthongtin.budget"
    label = "budget"
    # Explicit, so that a host project whose DEFAULT_AUTO_FIELD is AutoField does not get
    # migrations written into this package.
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Budget disclosure")
