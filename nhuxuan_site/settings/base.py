"""Settings shared by every environment. Deployment values come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from congthongtin import PACKAGES
from congthongtin.core import query_params as day_first

from . import environment as envcfg

ENV = os.environ
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(ENV.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # git-ignored: SQLite file, media, static

SECRET_KEY = envcfg.secret_key(ENV, required=False, fallback="dev-only-insecure-key")
DEBUG = False
ALLOWED_HOSTS = envcfg.as_list(ENV.get("ALLOWED_HOSTS"), ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envcfg.as_list(ENV.get("CSRF_TRUSTED_ORIGINS"))

INSTALLED_APPS = [
    # Our apps first so that their templates and translations take precedence.
    "congthongtin.nhuxuan_site",
    "congthongtin.core",
    "congthongtin.home",
    "congthongtin.editorial",
    "congthongtin.news",
    "congthongtin.projects",
    "congthongtin.legal",
    "congthongtin.procedures",
    "congthongtin.consultation",
    "congthongtin.search",
    "congthongtin.stats",
    "congthongtin.budget",
    "congthongtin.opendata",
    "congthongtin.subscriptions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "congthongtin.editorial.users_app.PortalUsersAppConfig",  # wagtail.users with our viewsets
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "simple_history",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A strict Content-Security-Policy on public pages (core.csp; the admin is exempt).
    "congthongtin.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public reads from the read replica when one is configured (core.db_router;
    # before the session, so the whole request follows one decision).
    "congthongtin.core.db_router.ReplicaRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Site from a per-process host table: no query once warm (core.site_resolution).
    "congthongtin.core.site_resolution.SiteResolutionMiddleware",
    # Archived bodies (Law 72/2025): their redirect table first (301), no public write (403).
    "congthongtin.core.archives.ArchiveMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous pages are cacheable and never touch the session (core.cache_headers).
    "congthongtin.core.cache_headers.AnonymousCacheHeadersMiddleware",
    # Page views, downloads and click-throughs when no front cache logs them (stats;
    # after authentication, like the rule that editors are not counted).
    "congthongtin.stats.middleware.StatsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "congthongtin.editorial.middleware.EditorialMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # R-ACC-3: django-axes counts failed logins and locks the account out first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(ENV.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(ENV.get("AXES_COOLOFF_HOURS", "1"))  # hours
# Per account and address: guessing one account from one address is stopped, and an
# attacker cannot lock a whole office (one NAT address) out by naming its accounts.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address behind the proxy when PUBLIC_FORM_CLIENT_IP_HEADER names the header it sets;
# REMOTE_ADDR otherwise (core.clients). The password-reset limit uses the same address.
AXES_CLIENT_IP_CALLABLE = "congthongtin.core.clients.client_ip"
AXES_LOCKOUT_TEMPLATE = "editorial/locked_out.html"
AXES_VERBOSE = False

ROOT_URLCONF = "congthongtin.nhuxuan_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "congthongtin.core.archives.archive_context",
            ],
        },
    },
]

WSGI_APPLICATION = "congthongtin.nhuxuan_site.wsgi.application"

DATABASES = {"default": envcfg.database_config(ENV, VAR_DIR / "db.sqlite3")}
# DATABASE_REPLICA_URL: a streaming replica for anonymous public reads (core.db_router).
_replica = envcfg.replica_database_config(ENV, DATABASES["default"])
if _replica is not None:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["congthongtin.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
CACHES = envcfg.cache_config(ENV)
WAGTAILSEARCH_BACKENDS = envcfg.search_config(ENV)

_email = envcfg.email_config(ENV)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first (R-SITE-2); dates shown as 24/06/2022.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The public site is always Vietnamese (no LocaleMiddleware: a browser asking for English
# would otherwise get English labels around Vietnamese content); the admin follows each
# user's preference. locale_wagtail/ completes Wagtail's thin Vietnamese catalogue; as a
# LOCALE_PATHS entry it wins over every installed app's catalogue, Wagtail's included. Each
# app of the platform brings its own catalogue (<app>/locale, found through INSTALLED_APPS);
# they are listed before locale_wagtail/ so that where both translate a msgid ("Comments",
# "Tags", "Documents"…) the platform's wording still wins, as it did when the portal held
# one catalogue for all (tests/nhuxuan_site/test_translations.py checks it).
LOCALE_PATHS = [
    PROJECT_DIR / "locale",
    *(
        PROJECT_DIR.parent / name / "locale"
        for name in PACKAGES
        if name != PROJECT_DIR.name and (PROJECT_DIR.parent / name / "locale").is_dir()
    ),
    PROJECT_DIR / "locale_wagtail",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Day first, as Vietnamese write dates and as Wagtail's picker fills them in: Django's
# defaults read "10/12/2026 09:00" as 12 October. The same list as the apps' admin forms.
DATETIME_INPUT_FORMATS = list(day_first.DATETIME_INPUT_FORMATS)

STATIC_URL = "/static/"
STATIC_ROOT = Path(ENV.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", VAR_DIR / "media"))
# Citizens' attachments: CONGTHONGTIN["PRIVATE_MEDIA_*"] below.
PRIVATE_STORAGE = {"BACKEND": "congthongtin.core.private_media.PrivateMediaStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = ENV.get("WAGTAIL_SITE_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = ENV.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
# ASCII slugs from vietnam.fold on the server and in the admin (core.slugs); Wagtail's own
# non-Unicode slugify drops Đ/đ ("Đà Nẵng" → "a-nang").
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "jpg", "png", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "bmp"]
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds: no request leaves for another host
# Nothing leaves the server from the admin (core.checks, core.W004/W005): avatars are the
# initials or the uploaded picture, never Gravatar (every official's e-mail hash would go
# to a foreign service, and behind a government network the images break); the dashboard
# does not ask Wagtail's site for new releases (upgrades follow docs/deploy.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The "what's new in Wagtail" banner points editors to English pages abroad.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Immutable draft history for auditors (R-WF-3): autosave rewrites the latest revision.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILAPI_DOCS_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = True

# Editorial workflow (docs/architecture.md §4, R-WF-1…3)
WAGTAIL_WORKFLOW_ENABLED = True
# An edit after a step was approved sends the item through the steps again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "congthongtin.editorial.workflows.publish_approved"
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# The platform's own settings: one dict, read by congthongtin.core.conf; every key, its
# default and its meaning are in docs/settings.md. The environment variables keep their names.
CONGTHONGTIN = {
    # The admin's address can be moved away from the well-known /admin/ (issue 11 hardening).
    "ADMIN_PATH": ENV.get("ADMIN_PATH", "admin/").strip("/") + "/",
    # Publishing stays inside the workflow (editorial.permissions).
    "PAGE_PERMISSION_TESTER": ("congthongtin.editorial.permissions.EditorialPagePermissionTester"),
    # Citizens' attachments (core.private_media): outside MEDIA_ROOT, never published by the
    # web server; served by a view that checks the reader's permission. With nginx in front
    # (PRIVATE_MEDIA_ACCEL_REDIRECT) the view answers X-Accel-Redirect to nginx's internal
    # location PRIVATE_MEDIA_ACCEL_PREFIX instead of streaming the file itself.
    "PRIVATE_MEDIA_ROOT": Path(ENV.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media")),
    "PRIVATE_MEDIA_ACCEL_REDIRECT": envcfg.as_bool(ENV.get("PRIVATE_MEDIA_ACCEL_REDIRECT"), False),
    "PRIVATE_MEDIA_ACCEL_PREFIX": "/_protected/",
    # "Forgot password" e-mails: (requests, seconds) per address typed and per client (the
    # address django-axes uses); beyond either, no e-mail is sent (editorial.views.password).
    "PASSWORD_RESET_RATE_LIMITS": {"address": (3, 3600), "client": (10, 3600)},
    # Citizens' voice (consultation app; R-QA-1, R-CONS-1, R-CONTACT-1, R-FEED-1)
    "QA_DEADLINE_DAYS": {"own": 5, "several": 8, "special": 10},  # S1 Đ12.6; others differ
    "QA_REMINDER_WORKING_DAYS": 1,
    "QA_PERSONAL_DATA_RETENTION_DAYS": int(ENV.get("QA_PERSONAL_DATA_RETENTION_DAYS", "365")),
    "CONSULTATION_PERSONAL_DATA_RETENTION_DAYS": int(
        ENV.get("CONSULTATION_PERSONAL_DATA_RETENTION_DAYS", "365")
    ),
    "CONSULTATION_CLOSING_SOON_DAYS": 3,
    "CONSULTATION_RESULT_NOTICE_DAYS": 7,
    "QA_COMPLAINT_KEYWORDS": ("khiếu nại", "tố cáo", "khiếu kiện", "tố giác", "đơn thư"),
    # Per client address; needs a shared cache (REDIS_URL) when several app processes serve.
    "PUBLIC_FORM_RATE_LIMITS": {
        "default": {"accepted": (5, 600), "attempts": (30, 600)},
        "feedback": {"accepted": (30, 600), "attempts": (60, 600)},
    },
    "PUBLIC_FORM_CLIENT_IP_HEADER": ENV.get("PUBLIC_FORM_CLIENT_IP_HEADER", ""),  # HTTP_X_REAL_IP
    "PUBLIC_FORM_CHALLENGE_MAX_AGE": 7200,
    "PUBLIC_FORM_MIN_SECONDS": 3,
    "PUBLIC_FORM_MAX_UPLOAD_MB": 10,
    "PUBLIC_EMAIL_MAX_ATTEMPTS": 10,
    "WORK_CALENDAR_EXTRA_DAYS_OFF": envcfg.as_list(ENV.get("WORK_CALENDAR_EXTRA_DAYS_OFF")),
    "WORK_CALENDAR_EXTRA_WORKING_DAYS": envcfg.as_list(ENV.get("WORK_CALENDAR_EXTRA_WORKING_DAYS")),
    # Page views counted by the app (stats.middleware) or, behind nginx's page cache, read
    # from its statistics log (STATS_SOURCE=log, manage.py ingest_access_log).
    "STATS_SOURCE": ENV.get("STATS_SOURCE", "app"),
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# --- uploads: size, pixels, type (ASVS 12.1–12.2) ---------------------------------------
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# 40 megapixels (a 48 MP phone photo is refused, a scanned A3 page at 300 dpi is not);
# Wagtail counts animation frames, so a 50-frame GIF bomb is refused too.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Pillow itself refuses (DecompressionBombError) above 2 × this when any code opens an
# image (renditions, the import scripts), not only the upload form.
PILImage.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "congthongtin.nhuxuan_site.uploads.SniffedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # permission checks + Wagtail's restrictive CSP
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "WARNING")},
}
