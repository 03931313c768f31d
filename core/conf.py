"""The platform's own settings: one dict, ``CONGTHONGTIN``, read through ``app_settings``.

A host project sets only what it wants to change::

    CONGTHONGTIN = {"QA_DEADLINE_DAYS": {"own": 7}, "ADMIN_PATH": "quan-tri/"}

and the apps read ``app_settings.QA_DEADLINE_DAYS`` (``from congthongtin.core.conf import
app_settings``). Every key, its default and its meaning are in :data:`DEFAULTS` below and in
docs/settings.md. A dict default is *merged* with the project's value (the project's keys
win), so ``{"QA_DEADLINE_DAYS": {"own": 7}}`` keeps the other two classes; every other value
replaces the default.

Values are checked when first read (a wrong type raises ``ImproperlyConfigured`` naming the
key) and at start-up (system check ``core.E030``; an unknown key, usually a typo, is
``core.W031``). The merged values are kept until ``CONGTHONGTIN`` changes
(``override_settings(CONGTHONGTIN=...)`` in tests empties the cache through
``setting_changed``). Django's and other packages' settings (``MEDIA_ROOT``, ``STORAGES``,
``AXES_*``, ``WAGTAIL*``, ``DEFAULT_FROM_EMAIL``) stay where those packages read them.

The bounds of the import worker keep their numbers on core.limits' classes (the worker
runs without Django); :data:`DEFAULTS` refers to them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from .limits import ParseLimits, ZipLimits

SETTING_NAME = "CONGTHONGTIN"

#: Every key of ``CONGTHONGTIN`` with its default (docs/settings.md says what each means).
DEFAULTS: dict[str, Any] = {
    # --- portal-wide: admin address, permissions, HTTP headers (core) --------------------
    "ADMIN_PATH": "admin/",
    "PAGE_PERMISSION_TESTER": None,
    "CSP": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
    "CSP_REPORT_ONLY": False,
    "CSP_EXCLUDE_PREFIXES": (),
    "CACHE_BROWSER_MAX_AGE": 60,
    "CACHE_SHARED_MAX_AGE": 3600,
    "CACHE_QUERY_SHARED_MAX_AGE": 60,
    "CACHE_EXCLUDE_PREFIXES": (),
    # --- read replica (core.db_router; only when DATABASES has a "replica") ----------------
    "REPLICA_EXCLUDE_PREFIXES": (),
    "REPLICA_STICKY_SECONDS": 15,
    "REPLICA_HEALTH_SECONDS": 5,
    "REPLICA_PURGE_WAIT_MS": 2000,
    "REPLICA_BEHIND_SECONDS": 30,
    # --- the read-only JSON API (core.api) -----------------------------------------------
    "API_RATE_LIMIT": (120, 60),
    "API_MAX_LIMIT": 50,
    # --- citizens' private files (core.private_media) ------------------------------------
    "PRIVATE_MEDIA_ROOT": None,
    "PRIVATE_MEDIA_ACCEL_REDIRECT": False,
    "PRIVATE_MEDIA_ACCEL_PREFIX": "/_protected/",
    # --- imports of documents and spreadsheets (core.limits, legal, procedures) ----------
    # (The bounds' numbers live on core.limits' classes, which the parse worker reads
    # without Django: 1000 members, 30 MB a member, 100 MB in all, ratio 100, 20 s, 768 MB.)
    "IMPORT_ZIP_MAX_MEMBERS": ZipLimits.max_members,
    "IMPORT_ZIP_MAX_MEMBER_BYTES": ZipLimits.max_member_bytes,
    "IMPORT_ZIP_MAX_TOTAL_BYTES": ZipLimits.max_total_bytes,
    "IMPORT_ZIP_MAX_RATIO": ZipLimits.max_ratio,
    "IMPORT_PARSE_SECONDS": ParseLimits.seconds,
    "IMPORT_PARSE_MEMORY_BYTES": ParseLimits.memory_bytes,
    "IMPORT_REQUEST_SECONDS": 25,
    # Batch imports of a folder or a .zip of documents (legal.importer.batch).
    "IMPORT_BATCH_MAX_FILES": 5000,
    "IMPORT_BATCH_MAX_BYTES": 2048 * 1024 * 1024,
    "IMPORT_BATCH_MAX_UPLOAD_BYTES": 200 * 1024 * 1024,
    "IMPORT_BATCH_PARSE_SECONDS": 120,
    # Word 97–2003 (.doc) is converted by LibreOffice (core.reading.doc) before it is read;
    # the time that conversion may take, within the time to read the file (the admin's
    # remaining budget, the command's --time-limit).
    "IMPORT_CONVERT_SECONDS": 60,
    # Scanned PDFs (core.reading.ocr): pages recognised per file by a background import or
    # the command, by the admin's single upload (which must answer within the request's
    # time), and seconds of one page's Tesseract run.
    "IMPORT_OCR_MAX_PAGES": ParseLimits.ocr_pages,
    "IMPORT_OCR_REQUEST_MAX_PAGES": 3,
    "IMPORT_OCR_PAGE_SECONDS": ParseLimits.ocr_page_seconds,
    # --- accounts (editorial) ------------------------------------------------------------
    "PASSWORD_RESET_RATE_LIMITS": {"address": (3, 3600), "client": (10, 3600)},
    # --- public forms and their e-mails (consultation, core.clients) --------------------
    "PUBLIC_FORM_CLIENT_IP_HEADER": "",
    "PUBLIC_FORM_RATE_LIMITS": {
        "default": {"accepted": (5, 600), "attempts": (30, 600)},
        "feedback": {"accepted": (30, 600), "attempts": (60, 600)},
        "satisfaction": {"accepted": (30, 600), "attempts": (60, 600)},
        # Dossier look-up (procedures): every ?ma= request is an attempt; nothing is accepted.
        "dossier_lookup": {"accepted": (1, 600), "attempts": (60, 600)},
        # Following a request by reference + secret (consultation): every POST is an
        # attempt, a wrong secret included; nothing is "accepted".
        "request_lookup": {"accepted": (1, 600), "attempts": (10, 600)},
    },
    "PUBLIC_FORM_CHALLENGE_MAX_AGE": 2 * 60 * 60,
    "PUBLIC_FORM_MIN_SECONDS": 3,
    "PUBLIC_FORM_MAX_UPLOAD_MB": 10,
    "PUBLIC_EMAIL_MAX_ATTEMPTS": 10,
    # --- questions and answers (consultation) --------------------------------------------
    "QA_DEADLINE_DAYS": {"own": 5, "several": 8, "special": 10},
    "QA_REMINDER_WORKING_DAYS": 1,
    "QA_COMPLAINT_KEYWORDS": ("khiếu nại", "tố cáo", "khiếu kiện", "tố giác", "đơn thư"),
    "QA_PERSONAL_DATA_RETENTION_DAYS": 365,
    "WORK_CALENDAR_EXTRA_DAYS_OFF": (),
    "WORK_CALENDAR_EXTRA_WORKING_DAYS": (),
    # --- consultations on drafts (consultation) ------------------------------------------
    "CONSULTATION_CLOSING_SOON_DAYS": 3,
    "CONSULTATION_RESULT_NOTICE_DAYS": 7,
    "CONSULTATION_PERSONAL_DATA_RETENTION_DAYS": 365,
    # --- dossier look-up (procedures.dossiers; S3 Đ5.2) ------------------------------------
    # Host name of a body → the path or http(s) address of the status file its one-stop desk
    # exports; ``import_dossier_status --all`` (hourly, the scheduler) reads each.
    "DOSSIER_STATUS_SOURCES": {},
    # Data older than this (the export's time, else the import's) is shown with a warning.
    "DOSSIER_STATUS_STALE_HOURS": 48,
    # --- national monitoring, EMC (stats; Circular 22/2023/TT-BTTTT Appendix III) ---------
    # The tracker the national system (EMC) gives portals to embed: its script and where it
    # reports. An install corrects them here if the national system moves.
    "EMC_SCRIPT_URL": "https://f-emc.ngsp.gov.vn/embed/gov-tracking.min.js",
    "EMC_TRACKER_URL": "https://f-emc.ngsp.gov.vn/tracking",
    # --- statistics (stats) ---------------------------------------------------------------
    # Where page views are counted: "app" (stats.middleware, every request reaches Django)
    # or "log" (nginx's statistics log, manage.py ingest_access_log; behind a page cache).
    "STATS_SOURCE": "app",
    # --- open data (opendata) -------------------------------------------------------------
    # Publications within this many seconds of the first one after a regeneration share one
    # regeneration of the site's stale datasets (on a worker that can run a task later; the
    # immediate backend of development and tests regenerates at once). 0: one per commit.
    "OPEN_DATA_REGENERATION_DELAY": 300,
}


# Cheap type checks ----------------------------------------------------------------------
def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _is_strings(value) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _is_limit(value) -> bool:
    """(requests, seconds)."""
    return isinstance(value, list | tuple) and len(value) == 2 and all(map(_is_count, value))


def _is_limits(value) -> bool:
    return isinstance(value, dict) and all(_is_limit(v) for v in value.values())


def _is_form_limits(value) -> bool:
    return isinstance(value, dict) and all(_is_limits(v) for v in value.values())


def _is_policy(value) -> bool:
    return isinstance(value, dict) and all(_is_strings(v) for v in value.values())


def _is_day_counts(value) -> bool:
    return isinstance(value, dict) and all(_is_count(v) for v in value.values())


def _is_optional_path(value) -> bool:
    return value is None or isinstance(value, str | PurePath)


def _is_https_url(value) -> bool:
    """An https address with a plain host name (no user, no quote, no space): what may be
    put in a script tag and whose origin may be added to the security policy."""
    if not isinstance(value, str) or any(ch.isspace() or ch in "'\"<>;,\\" for ch in value):
        return False
    parts = urlsplit(value)
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and "@" not in parts.netloc
        and "." in host
        and all(label.isascii() and label.replace("-", "").isalnum() for label in host.split("."))
    )


def https_origin(url: str) -> str:
    """``https://host[:port]`` of an address that passed ``_is_https_url``."""
    parts = urlsplit(url)
    return f"https://{parts.netloc.lower()}"


def _is_sources(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str | PurePath) for k, v in value.items()
    )


def _is_optional_dotted(value) -> bool:
    return value is None or (isinstance(value, str) and "." in value)


_EXPECTED: dict[str, tuple[Callable[[Any], bool], str]] = {
    "ADMIN_PATH": (lambda v: isinstance(v, str) and v.strip("/") != "", "a non-empty path"),
    "PAGE_PERMISSION_TESTER": (_is_optional_dotted, "a dotted path or None"),
    "CSP": (_is_policy, "a dict of directive → list of sources"),
    "CSP_REPORT_ONLY": (lambda v: isinstance(v, bool), "True or False"),
    "CSP_EXCLUDE_PREFIXES": (_is_strings, "a list of path prefixes"),
    "CACHE_EXCLUDE_PREFIXES": (_is_strings, "a list of path prefixes"),
    "REPLICA_EXCLUDE_PREFIXES": (_is_strings, "a list of path prefixes"),
    "API_RATE_LIMIT": (_is_limit, "(requests, seconds)"),
    "API_MAX_LIMIT": (lambda v: _is_count(v) and v >= 1, "a whole number ≥ 1"),
    "PRIVATE_MEDIA_ROOT": (_is_optional_path, "a folder (str or Path) or None"),
    "PRIVATE_MEDIA_ACCEL_REDIRECT": (lambda v: isinstance(v, bool), "True or False"),
    "PRIVATE_MEDIA_ACCEL_PREFIX": (lambda v: isinstance(v, str) and v.startswith("/"), "a path"),
    "IMPORT_ZIP_MAX_RATIO": (_is_number, "a number ≥ 0"),
    "IMPORT_PARSE_SECONDS": (_is_number, "a number of seconds ≥ 0"),
    "IMPORT_REQUEST_SECONDS": (_is_number, "a number of seconds ≥ 0"),
    "IMPORT_BATCH_PARSE_SECONDS": (_is_number, "a number of seconds ≥ 0"),
    "IMPORT_CONVERT_SECONDS": (_is_number, "a number of seconds ≥ 0"),
    "IMPORT_OCR_PAGE_SECONDS": (_is_number, "a number of seconds ≥ 0"),
    "PASSWORD_RESET_RATE_LIMITS": (_is_limits, "a dict of name → (requests, seconds)"),
    "PUBLIC_FORM_CLIENT_IP_HEADER": (lambda v: isinstance(v, str), "a META key or ''"),
    "PUBLIC_FORM_RATE_LIMITS": (
        _is_form_limits,
        "a dict of form → {'accepted'|'attempts': (requests, seconds)}",
    ),
    "QA_DEADLINE_DAYS": (_is_day_counts, "a dict of deadline class → working days"),
    "QA_COMPLAINT_KEYWORDS": (_is_strings, "a list of words"),
    "WORK_CALENDAR_EXTRA_DAYS_OFF": (_is_strings, "a list of ISO dates"),
    "WORK_CALENDAR_EXTRA_WORKING_DAYS": (_is_strings, "a list of ISO dates"),
    "EMC_SCRIPT_URL": (_is_https_url, "an https:// address"),
    "EMC_TRACKER_URL": (_is_https_url, "an https:// address"),
    "STATS_SOURCE": (lambda v: v in ("app", "log"), '"app" or "log"'),
    "DOSSIER_STATUS_SOURCES": (_is_sources, "a dict of host name → file path or http(s) address"),
}
# Every other key is a whole number ≥ 0 (days, seconds, bytes, counts).
for _key, _default in DEFAULTS.items():
    if _key not in _EXPECTED:
        assert _is_count(_default), _key
        _EXPECTED[_key] = (_is_count, "a whole number ≥ 0")


def configured() -> dict:
    """The project's ``CONGTHONGTIN`` as written (empty when it has none)."""
    value = getattr(settings, SETTING_NAME, None)
    return {} if value is None else value


def wrong_value(key: str, value) -> str | None:
    """Why ``value`` does not fit ``key`` (a message), or None when it does."""
    test, expected = _EXPECTED[key]
    return None if test(value) else f"{SETTING_NAME}[{key!r}] must be {expected}, not {value!r}."


def problems(values: dict | None = None) -> tuple[list[str], list[str]]:
    """(wrong values, unknown keys) of ``values`` (the project's dict by default)."""
    values = configured() if values is None else values
    if not isinstance(values, dict):
        return [f"{SETTING_NAME} must be a dict, not {type(values).__name__}."], []
    wrong, unknown = [], []
    for key, value in values.items():
        if key not in DEFAULTS:
            unknown.append(key)
            continue
        message = wrong_value(key, value)
        if message:
            wrong.append(message)
    return wrong, unknown


def _merged(key: str, value):
    default = DEFAULTS[key]
    if isinstance(default, dict) and isinstance(value, dict):
        return {**default, **value}
    return value


class AppSettings:
    """``app_settings.KEY``: the project's value of ``CONGTHONGTIN[KEY]``, else the default."""

    def __init__(self):
        self._cache: dict[str, Any] = {}

    def __getattr__(self, key: str):
        if key not in DEFAULTS:
            raise AttributeError(f"{SETTING_NAME} has no key {key!r} (core.conf.DEFAULTS)")
        try:
            return self._cache[key]
        except KeyError:
            pass
        values = configured()
        if not isinstance(values, dict):
            raise ImproperlyConfigured(f"{SETTING_NAME} must be a dict.")
        if key in values:
            message = wrong_value(key, values[key])
            if message:
                raise ImproperlyConfigured(message)
            value = _merged(key, values[key])
        else:
            value = DEFAULTS[key]
        self._cache[key] = value
        return value

    def reload(self) -> None:
        self._cache.clear()


app_settings = AppSettings()


def _reload(*, setting, **kwargs):
    if setting == SETTING_NAME:
        app_settings.reload()


setting_changed.connect(_reload, dispatch_uid="congthongtin.core.conf.reload")


@register(Tags.compatibility)
def check_app_settings(app_configs, **kwargs):
    """A wrong value stops the start (it would fail later, at the first request that reads
    it); an unknown key is most often a misspelt one, whose default silently applies."""
    wrong, unknown = problems()
    messages = [Error(text, id="core.E030") for text in wrong]
    messages += [
        Warning(
            f"{SETTING_NAME} has an unknown key {key!r}; it is ignored.",
            hint="The keys are listed in docs/settings.md.",
            id="core.W031",
        )
        for key in unknown
    ]
    return messages
