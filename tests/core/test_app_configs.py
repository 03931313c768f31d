"""Every portal app states its primary-key type (issue 17): installed in a host project whose
DEFAULT_AUTO_FIELD is AutoField, an app that relied on the setting would get
`makemigrations` writing AlterField migrations into the installed package."""

from django.apps import apps

PORTAL_PACKAGES = {
    "congthongtin.consultation",
    "congthongtin.core",
    "congthongtin.editorial",
    "congthongtin.home",
    "congthongtin.legal",
    "congthongtin.news",
    "congthongtin.nhuxuan_site",
    "congthongtin.procedures",
    "congthongtin.projects",
    "congthongtin.search",
}


def portal_app_configs():
    return [c for c in apps.get_app_configs() if c.name in PORTAL_PACKAGES]


def test_every_portal_app_is_installed():
    assert {c.name for c in portal_app_configs()} == PORTAL_PACKAGES


def test_every_portal_app_config_sets_big_auto_field():
    missing = [
        c.name
        for c in portal_app_configs()
        # The class attribute, not the property that falls back on the setting.
        if type(c).__dict__.get("default_auto_field") != "django.db.models.BigAutoField"
    ]
    assert missing == []
