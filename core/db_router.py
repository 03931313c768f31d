"""Read replicas: anonymous public reads from a streaming replica, the rest from the primary.

A province's portal is read by many and written by few (docs/deploy.md §3). When the
``replica`` database alias exists (``DATABASE_REPLICA_URL``, a PostgreSQL hot standby fed by
streaming replication), the reads of an anonymous ``GET``/``HEAD`` of a public page go to
it; everything an editor or a form does stays on the primary (``default``):

* ``ReplicaRoutingMiddleware`` marks a request *replica-eligible* in a context variable
  (Django's routers see no request): a safe method, no session cookie (nobody logged in,
  no password-protected page unlocked), no read-after-write cookie, and a path outside the
  admin, ``/django-admin/``, ``CACHE_EXCLUDE_PREFIXES`` and ``REPLICA_EXCLUDE_PREFIXES``.
  A request that is not eligible — the admin and its previews, a logged-in user, a
  ``POST`` of a form, a management command, a task, a migration — reads the primary.
* ``ReplicaRouter`` sends every write to the primary, and once a request has written
  (or is inside a transaction on the primary) its later reads go there too. Migrations run
  on the primary only (the replica replays them).
* Read-after-write: the response to an unsafe method (a citizen's question, a subscription,
  a comment) sets a short cookie (``REPLICA_STICKY_SECONDS``); while it lives that browser's
  requests read the primary, so the citizen sees what they just sent.
* Health: the first replica read of a request checks the replica's connection (Django's
  own ``CONN_HEALTH_CHECKS`` probe). A failure marks the replica down in this process for
  ``REPLICA_HEALTH_SECONDS``: reads fall back to the primary, and a dead replica costs at
  most one failed connect per process and interval. A replica that comes back is used again
  only once it has caught up (:func:`_caught_up`).
* Publishing: the front cache is purged only once the replica has replayed the publishing
  transaction (:func:`wait_for_replica`, called by ``core.cache_headers.send_purge``);
  otherwise the first reader after the purge could read the old version from a lagging
  replica and put it back in the cache for ``s-maxage``. If the replica does not catch up
  within ``REPLICA_PURGE_WAIT_MS``, every process reads the primary for
  ``REPLICA_BEHIND_SECONDS`` (a flag in the shared cache) and the purge is sent.

Without a ``replica`` alias the middleware and the router change nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

from .conf import app_settings

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
#: The read-after-write cookie: its browser reads the primary while it lives.
STICKY_COOKIE = "portal_primary"
#: Shared-cache key: until this time (epoch seconds) every process reads the primary.
BEHIND_KEY = "portal:replica-behind-until"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass
class RequestState:
    """What the router knows about the request being answered in this context."""

    eligible: bool
    #: Set by the router's first write: the rest of the request reads the primary.
    wrote: bool = False
    #: Whether the replica answered this request's first read (None: not asked yet).
    replica_ok: bool | None = None


_request: ContextVar[RequestState | None] = ContextVar("portal_replica_request", default=None)
#: Reads forced to the primary (``primary_reads``), whatever the request.
_forced_primary: ContextVar[bool] = ContextVar("portal_replica_forced", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


# Which requests may read the replica ----------------------------------------------------
def _excluded_prefixes() -> tuple[str, ...]:
    admin = "/" + app_settings.ADMIN_PATH.lstrip("/")
    return (
        admin,
        "/django-admin/",
        *app_settings.CACHE_EXCLUDE_PREFIXES,
        *app_settings.REPLICA_EXCLUDE_PREFIXES,
    )


def replica_eligible(request) -> bool:
    """An anonymous read of a public address: the replica may answer it."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and STICKY_COOKIE not in request.COOKIES
        and not request.path.startswith(_excluded_prefixes())
    )


@contextmanager
def request_routing(eligible: bool) -> Iterator[RequestState]:
    """The routing state of one request (or of a test), restored afterwards."""
    state = RequestState(eligible=eligible)
    token = _request.set(state)
    try:
        yield state
    finally:
        _request.reset(token)


@contextmanager
def primary_reads() -> Iterator[None]:
    """Every read in the block goes to the primary (a cache being filled for everyone)."""
    token = _forced_primary.set(True)
    try:
        yield
    finally:
        _forced_primary.reset(token)


def reads_may_use_replica() -> bool:
    """The request's reads may go to the replica, health aside."""
    state = _request.get()
    return (
        state is not None
        and state.eligible
        and not state.wrote
        and not _forced_primary.get()
        # A transaction on the primary reads what it wrote (and what it locked).
        and not connections[PRIMARY].in_atomic_block
    )


class ReplicaRoutingMiddleware:
    """Marks replica-eligible requests; sets the read-after-write cookie after a form.

    Place it before ``SessionMiddleware``, so that every read of the request (archives,
    redirects, the page) is routed by the same decision."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        with request_routing(replica_eligible(request)):
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            # An unsafe method is never cached (core.cache_headers): the cookie costs
            # no cacheable page.
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=app_settings.REPLICA_STICKY_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


# Health -----------------------------------------------------------------------------------
_health_lock = threading.Lock()
#: Per process: the replica is not used before this ``time.monotonic()``.
_down_until = 0.0
#: Per process: whether the replica was last seen healthy (a return must catch up first).
_was_up = False


def mark_down(reason: str) -> None:
    global _down_until, _was_up
    with _health_lock:
        _down_until = time.monotonic() + app_settings.REPLICA_HEALTH_SECONDS
        _was_up = False
    logger.warning("read replica not used for %ss: %s", app_settings.REPLICA_HEALTH_SECONDS, reason)
    with suppress(DatabaseError):
        connections[REPLICA].close()


def mark_behind() -> None:
    """Every process reads the primary for ``REPLICA_BEHIND_SECONDS``."""
    seconds = app_settings.REPLICA_BEHIND_SECONDS
    cache.set(BEHIND_KEY, time.time() + seconds, seconds + 1)
    mark_down("behind the primary after a publication")


def reset_health() -> None:
    """Forget this process's view of the replica (tests, a configuration change)."""
    global _down_until, _was_up
    with _health_lock:
        _down_until = 0.0
        _was_up = False
    cache.delete(BEHIND_KEY)


def _lsn(alias: str, sql: str) -> str | None:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _caught_up(timeout: float = 0.2) -> bool:
    """The replica replays, within ``timeout`` seconds, everything the primary had written
    when asked (a replica streaming normally does in milliseconds, even under writes)."""
    target = _lsn(PRIMARY, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout
    while not replayed(target):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)
    return True


def replayed(target: str | None) -> bool:
    """Whether the replica's replay position has reached ``target`` (an LSN)."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [target])
        return bool(cursor.fetchone()[0])


def replica_usable() -> bool:
    """The replica is configured, connected, caught up after a return, and nobody flagged it
    behind. Checked once per request (the first read that could go to it)."""
    global _was_up
    if not replica_configured() or time.monotonic() < _down_until:
        return False
    behind = cache.get(BEHIND_KEY)
    if behind is not None and behind > time.time():
        return False
    replica = connections[REPLICA]
    try:
        # Django's CONN_HEALTH_CHECKS probe (once per request), then a reconnect if needed.
        replica.close_if_health_check_failed()
        replica.ensure_connection()
        if not _was_up:
            if not _caught_up():
                mark_down("still replaying after a return")
                return False
            _was_up = True
    except DatabaseError as error:
        mark_down(str(error).strip() or error.__class__.__name__)
        return False
    return True


def wait_for_replica(timeout_ms: int | None = None) -> bool:
    """Wait (bounded) until the replica has replayed everything the primary has committed
    so far. True when it has (or when there is no replica); False — and every process
    reads the primary for ``REPLICA_BEHIND_SECONDS`` — when it has not in time."""
    if not replica_configured():
        return True
    if timeout_ms is None:
        timeout_ms = app_settings.REPLICA_PURGE_WAIT_MS
    if time.monotonic() < _down_until:
        # Known down here: no connect attempt. It is used again only once caught up.
        mark_behind()
        return False
    try:
        target = _lsn(PRIMARY, "SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + timeout_ms / 1000
        pause = 0.001
        while True:
            if replayed(target):
                return True
            if time.monotonic() >= deadline:
                break
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        reason = f"replica did not replay {target} within {timeout_ms} ms"
    except DatabaseError as error:
        reason = str(error).strip() or error.__class__.__name__
    logger.warning("publication: %s", reason)
    mark_behind()
    return False


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry (set by the settings when a replica is configured)."""

    def db_for_read(self, model, **hints):
        if not reads_may_use_replica():
            return PRIMARY
        state = _request.get()
        if state.replica_ok is None:
            state.replica_ok = replica_usable()
        return REPLICA if state.replica_ok else PRIMARY

    def db_for_write(self, model, **hints):
        state = _request.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows on both: an object read from the replica may point to one written
        # on the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == REPLICA:
            return False
        return None
