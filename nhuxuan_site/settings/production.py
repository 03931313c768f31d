"""Production: PostgreSQL, Redis, Elasticsearch/OpenSearch, behind nginx (docs/deploy.md)."""

from . import environment as envcfg
from .base import *  # noqa: F403
from .base import ENV

DEBUG = False
SECRET_KEY = envcfg.secret_key(ENV, required=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envcfg.as_bool(ENV.get("SECURE_SSL_REDIRECT"), True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(ENV.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envcfg.as_bool(ENV.get("SECURE_HSTS_PRELOAD"), False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "INFO")},
}
