"""The test settings with Django's own user model and integer keys, as a site started by
``wagtail start`` has (issue 17). tests/core/test_auth_user.py runs ``check``,
``makemigrations --check``, ``migrate``, ``setup_portal`` and the screens that show or change
accounts with it. The portal itself uses core.User (base.py)."""

from .test import *  # noqa: F403

AUTH_USER_MODEL = "auth.User"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
