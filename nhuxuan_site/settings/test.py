"""Settings for the test suite. Each override says why."""

import os

from . import environment as envcfg
from .base import *  # noqa: F403
from .base import CONGTHONGTIN, ENV, PRIVATE_STORAGE, VAR_DIR

# Tests must not depend on a secret from the environment.
SECRET_KEY = "test-only-insecure-key"
# Fast hashing: the suite creates many users; strength is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No mail leaves the machine; tests read django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded files of a test run go to a throw-away folder, never into var/media.
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
CONGTHONGTIN = {
    **CONGTHONGTIN,
    "PRIVATE_MEDIA_ROOT": VAR_DIR / "test-private-media" / str(os.getpid()),
    # No nginx in the tests: the private-file view streams unless a test turns this on.
    "PRIVATE_MEDIA_ACCEL_REDIRECT": False,
    # The other apps' query counts measure their pages, not the statistics: the counting
    # middleware (stats.middleware) is on only in the tests that turn it on.
    "STATS_SOURCE": "log",
}
# The tests use "testserver" and the hostnames of the multi-site tests.
ALLOWED_HOSTS = ["*"]
# Caches are per test process so cached menus never leak between test databases' pages.
CACHES = envcfg.cache_config({})
# Whitenoise's manifest is not built for tests; serve files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# The search backend follows SEARCH_BACKEND like production, but defaults to the database.
WAGTAILSEARCH_BACKENDS = envcfg.search_config(ENV)
