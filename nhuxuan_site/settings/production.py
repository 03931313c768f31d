"""Production: PostgreSQL, Redis, Elasticsearch/OpenSearch, behind nginx (docs/deploy.md).

Everything deployment-specific comes from the environment. Required: ``SECRET_KEY``,
``ALLOWED_HOSTS``, ``DATABASE_URL``; usual: ``REDIS_URL``, ``SEARCH_BACKEND`` +
``SEARCH_URL``, ``CSRF_TRUSTED_ORIGINS``, ``WAGTAILADMIN_BASE_URL``, ``ADMIN_PATH``,
``FRONTEND_CACHE_URL``. ``manage.py check --deploy`` must report nothing
(tests/ops/test_hardening.py runs it).
"""

from . import environment as envcfg
from .base import *  # noqa: F403
from .base import CONGTHONGTIN, ENV, INSTALLED_APPS, PRIVATE_STORAGE

DEBUG = False
SECRET_KEY = envcfg.secret_key(ENV, required=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Citizens' attachments, outside MEDIA_ROOT (core.private_media).
    "private": PRIVATE_STORAGE,
    # Fingerprinted (cache-busting names) and pre-compressed (gzip + brotli when
    # installed) static files; nginx serves STATIC_ROOT with `expires max`.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if ENV.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media (MinIO, Viettel/FPT/CMC object storage, AWS) via django-storages;
    # its AWS_* settings are read from the environment by the package itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # private bucket; Wagtail serves documents through serve_view
if ENV.get("AWS_PRIVATE_STORAGE_BUCKET_NAME"):
    # Citizens' attachments in a bucket of their own that nothing publishes: no public ACL,
    # no signed URLs handed out; the permission-checked view streams them (nginx's
    # X-Accel-Redirect reaches local files only).
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV["AWS_PRIVATE_STORAGE_BUCKET_NAME"],
            "default_acl": "private",
            "file_overwrite": False,
            "custom_domain": None,
        },
    }

# Behind nginx (docker/nginx.conf, deploy/stack.sh) the view that checks who may read a
# citizen's attachment lets nginx send it (X-Accel-Redirect to the internal location
# /_protected/); PRIVATE_MEDIA_ACCEL_REDIRECT=0 when no nginx with that location fronts
# the app (Django then streams the file).
CONGTHONGTIN = {
    **CONGTHONGTIN,
    "PRIVATE_MEDIA_ACCEL_REDIRECT": envcfg.as_bool(ENV.get("PRIVATE_MEDIA_ACCEL_REDIRECT"), True),
}

# --- transport security ------------------------------------------------------------------
# nginx terminates TLS and sets X-Forwarded-Proto; gunicorn listens on the private network.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envcfg.as_bool(ENV.get("SECURE_SSL_REDIRECT"), True)
# /healthz is polled over plain HTTP by the load balancer / compose health check.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Only editors have sessions (anonymous readers get none, core.cache_headers): 8 hours,
# a working day, then a new login (ASVS 3.3).
SESSION_COOKIE_AGE = int(ENV.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SECURE_HSTS_SECONDS = int(ENV.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envcfg.as_bool(ENV.get("SECURE_HSTS_INCLUDE_SUBDOMAINS"), True)
# The directive alone changes nothing: preloading takes a submission of the registrable
# domain (for *.gov.vn, by its registry), so sending it costs nothing and keeps the option.
SECURE_HSTS_PRELOAD = envcfg.as_bool(ENV.get("SECURE_HSTS_PRELOAD"), True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# W019 asks for DENY; Wagtail's preview panel shows the page in a same-origin iframe and
# CSP frame-ancestors 'self' already refuses every other site.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# --- Content-Security-Policy (core.csp; the admin is excluded, see its docstring) -------
CONGTHONGTIN["CSP_REPORT_ONLY"] = envcfg.as_bool(ENV.get("CSP_REPORT_ONLY"), False)
if ENV.get("CSP_MEDIA_HOSTS"):
    # Media on S3 or a CDN host: images and documents load from there.
    from congthongtin.core.csp import DEFAULT_POLICY as _CSP

    _hosts = envcfg.as_list(ENV.get("CSP_MEDIA_HOSTS"))
    CONGTHONGTIN["CSP"] = {
        **_CSP,
        "img-src": [*_CSP["img-src"], *_hosts],
        "media-src": ["'self'", *_hosts],
    }

# --- anonymous page caching (core.cache_headers) -----------------------------------------
CONGTHONGTIN["CACHE_BROWSER_MAX_AGE"] = int(ENV.get("CACHE_BROWSER_MAX_AGE", "60"))
CONGTHONGTIN["CACHE_SHARED_MAX_AGE"] = int(ENV.get("CACHE_SHARED_MAX_AGE", "3600"))
# URLs with a query string (page 2, filters, searches) cannot be purged by URL: kept briefly.
CONGTHONGTIN["CACHE_QUERY_SHARED_MAX_AGE"] = int(ENV.get("CACHE_QUERY_SHARED_MAX_AGE", "60"))

# --- front cache purge on publish (wagtail.contrib.frontend_cache) ----------------------
# FRONTEND_CACHE_URL: where nginx accepts PURGE (docker/nginx.conf: http://nginx:8080);
# FRONTEND_CACHE_HOSTNAMES: the public host names it caches (comma-separated).
# wagtail.contrib.frontend_cache is deliberately NOT in INSTALLED_APPS: its app only
# connects a publish handler that purges at once, inside the publishing transaction, and a
# reader's request in that window re-caches the old page for s-maxage (measured: 77 stale
# pages in 100 publishes under 8 readers, bench/RESULTS.md). core.cache_headers.
# purge_listings (connected by CoreConfig.ready when WAGTAILFRONTENDCACHE is set) purges the
# page and its listings after commit instead, with the same backends.
if ENV.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": ENV["FRONTEND_CACHE_URL"],
            **(
                {"HOSTNAMES": envcfg.as_list(ENV.get("FRONTEND_CACHE_HOSTNAMES"))}
                if ENV.get("FRONTEND_CACHE_HOSTNAMES")
                else {}
            ),
        }
    }
    # nginx side: docker/nginx.conf, the server on port 8080.

# --- background tasks: the worker runs publish_scheduled etc. (docker/compose.yaml) -----
if ENV.get("TASKS_BACKEND", "").lower() == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- logs: one JSON object per line on stderr (nhuxuan_site.logging) -------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "congthongtin.nhuxuan_site.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # 4xx/5xx with the path (never the query string) and the traceback for 500s.
        "django.request": {"level": "WARNING", "propagate": True},
        # A forged Host header is noise, not an incident.
        "django.security.DisallowedHost": {"level": "ERROR", "propagate": True},
    },
}
