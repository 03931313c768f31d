"""A real PostgreSQL streaming replica of the test database's primary (core.db_router).

``pg_basebackup`` copies the primary the suite runs on into a temporary folder and starts
it as a hot standby on a free port (tests/ops/replica_cluster.py; one per xdist worker).
The tests write on the primary and read on the replica after replay, send anonymous page
reads to it and the rest to the primary, purge the front cache only once the replica has
replayed a publication (replay paused and resumed on the replica to make the lag certain),
and fall back to the primary while the replica is stopped. Skipped on SQLite, and with the
reason when the primary refuses replication connections (its pg_hba.conf; .ci/run adds
the line).
"""

from __future__ import annotations

import threading
import time
import unittest

from django.contrib.auth.models import Group
from django.db import DatabaseError, close_old_connections, connection, connections, transaction
from django.test import TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

from congthongtin.core import db_router
from congthongtin.core.cache_headers import purge_listings
from congthongtin.core.db_router import REPLICA, STICKY_COOKIE, request_routing, wait_for_replica
from tests.factories import StandardPageFactory, make_portal
from tests.helpers import override_app_settings

HOST = "www.replica.example.vn"
#: What the replica showed of the purged page when each purge was sent.
SEEN_AT_PURGE: list[str] = []
PAGE_ID: list[int] = []


class ReplicaReadingBackend(BaseBackend):
    """A front cache whose purge notes the page's title on the replica at that moment."""

    def purge(self, url):
        SEEN_AT_PURGE.append(Page.objects.using(REPLICA).get(pk=PAGE_ID[0]).title)


FRONTEND = {"replica": {"BACKEND": "tests.ops.test_replica.ReplicaReadingBackend"}}


@override_settings(DATABASE_ROUTERS=["congthongtin.core.db_router.ReplicaRouter"])
@override_app_settings(REPLICA_HEALTH_SECONDS=60, REPLICA_PURGE_WAIT_MS=5000)
class StreamingReplicaTests(TransactionTestCase):
    # The replica's alias is a test mirror of the primary: the flush after each test and
    # the reload of the migrations' rows happen on the primary only, and it replays them.
    databases = {"default", REPLICA}
    serialized_rollback = True
    replica = None

    @classmethod
    def setUpClass(cls):
        if connection.vendor != "postgresql":
            raise unittest.SkipTest("a read replica needs PostgreSQL (the suite's PostgreSQL pass)")
        from tests.ops.replica_cluster import Replica, unavailable_reason

        primary = connection.settings_dict
        host, port, user = primary["HOST"] or "127.0.0.1", primary["PORT"] or 5432, primary["USER"]
        reason = unavailable_reason(host, port, user)
        if reason:
            raise unittest.SkipTest(reason)
        cls.replica = Replica(host, port, user)
        try:
            cls.replica.create()
            connections.settings[REPLICA] = cls.replica.django_settings(primary)
            super().setUpClass()
        except Exception:
            cls._drop_replica()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls._drop_replica()

    @classmethod
    def _drop_replica(cls):
        if REPLICA in connections.settings:
            connections[REPLICA].close()
            del connections[REPLICA]
            del connections.settings[REPLICA]
        cls.replica.remove()

    def setUp(self):
        assert self.replica.execute("SELECT pg_is_in_recovery()"), "the copy is not a standby"
        db_router.reset_health()
        self.addCleanup(db_router.reset_health)
        self.site, self.home = make_portal(HOST, "Xã Bản Sao", "UBND xã Bản Sao", default=True)
        self.page = StandardPageFactory(parent=self.home, title="Bản cũ", slug="thong-bao")
        PAGE_ID[:] = [self.page.pk]
        SEEN_AT_PURGE.clear()
        assert wait_for_replica()

    def get(self, path="/thong-bao/", **extra):
        """(response, queries on the primary, queries on the replica)."""
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[REPLICA]) as replica,
        ):
            response = self.client.get(path, HTTP_HOST=HOST, **extra)
        return response, len(primary), len(replica)

    # Replication --------------------------------------------------------------------------
    def test_write_on_primary__read_on_replica_after_replay(self):
        self.replica.pause_replay()
        try:
            Group.objects.create(name="Biên tập viên bản sao")
            assert not Group.objects.using(REPLICA).filter(name="Biên tập viên bản sao").exists()
            assert not wait_for_replica(timeout_ms=100)  # replay paused: not reached
        finally:
            self.replica.resume_replay()
        db_router.reset_health()
        assert wait_for_replica()
        assert Group.objects.using(REPLICA).filter(name="Biên tập viên bản sao").exists()
        with self.assertRaises(DatabaseError):  # a standby is read-only
            Group.objects.using(REPLICA).create(name="không được")

        # Within one replica-eligible request, a write sends the later reads to the primary.
        with request_routing(eligible=True) as state:
            assert Page.objects.all().db == REPLICA
            Group.objects.create(name="ghi trong yêu cầu")
            assert state.wrote
            assert Group.objects.all().db == "default"
            assert Group.objects.filter(name="ghi trong yêu cầu").exists()

    # Routing ------------------------------------------------------------------------------
    def test_anonymous_read_from_replica__editor_and_form_from_primary(self):
        response, _, on_replica = self.get()
        assert response.status_code == 200
        assert "Bản cũ" in response.text
        assert on_replica > 0

        editor = self._editor()
        self.client.force_login(editor)
        response, on_primary, on_replica = self.get()
        assert response.status_code == 200
        assert on_replica == 0 and on_primary > 0
        response, _, on_replica = self.get(f"/{self._admin()}")
        assert on_replica == 0
        self.client.logout()

        # A citizen's form: the POST reads and writes the primary, and its browser keeps
        # reading the primary for REPLICA_STICKY_SECONDS (its own question, subscription…).
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            response = self.client.post("/thong-bao/", {"x": "1"}, HTTP_HOST=HOST)
        assert len(replica) == 0
        assert response.cookies[STICKY_COOKIE]["max-age"] == 15
        assert response.cookies[STICKY_COOKIE]["httponly"]
        response, _, on_replica = self.get()
        assert response.status_code == 200 and on_replica == 0
        self.client.cookies.pop(STICKY_COOKIE)
        response, _, on_replica = self.get()
        assert on_replica > 0

    # Publication and purge ----------------------------------------------------------------
    @override_settings(WAGTAILFRONTENDCACHE=FRONTEND)
    def test_purge_after_replay__or_primary_reads_while_the_replica_is_stuck(self):
        self.replica.pause_replay()
        # The replica lags 0.3 s behind this publication (replay paused, then resumed).
        timer = threading.Timer(0.3, self.replica.resume_replay)
        timer.start()
        self.addCleanup(timer.join)
        with transaction.atomic():
            self.page.title = "Bản mới"
            self.page.save_revision().publish()
            purge_listings(instance=self.page)
        assert SEEN_AT_PURGE, "nothing purged"
        # Every purge went out once the replica showed the new version: the next reader's
        # miss, answered from the replica, caches the new version.
        assert set(SEEN_AT_PURGE) == {"Bản mới"}
        response, _, on_replica = self.get()
        assert on_replica > 0 and "Bản mới" in response.text

        # A replica that does not catch up in REPLICA_PURGE_WAIT_MS: the purge is sent
        # anyway, and every process reads the primary for REPLICA_BEHIND_SECONDS.
        SEEN_AT_PURGE.clear()
        self.replica.pause_replay()
        try:
            with override_app_settings(REPLICA_PURGE_WAIT_MS=200), transaction.atomic():
                self.page.title = "Bản mới hơn"
                self.page.save_revision().publish()
                purge_listings(instance=self.page)
            assert SEEN_AT_PURGE and set(SEEN_AT_PURGE) == {"Bản mới"}  # the replica lags
            response, on_primary, on_replica = self.get()
            assert response.status_code == 200
            assert on_replica == 0 and on_primary > 0
            assert "Bản mới hơn" in response.text
        finally:
            self.replica.resume_replay()

    # Fault: the replica stops -------------------------------------------------------------
    def test_replica_down__reads_fall_back__one_connect_per_interval__then_back(self):
        response, _, on_replica = self.get()
        assert on_replica > 0
        self.replica.stop("immediate")
        self.addCleanup(self._restart_if_stopped)
        replica_connection = connections[REPLICA]
        attempts = []
        connect = replica_connection.get_new_connection

        def counting_connect(params):
            attempts.append(params)
            return connect(params)

        replica_connection.get_new_connection = counting_connect
        self.addCleanup(vars(replica_connection).pop, "get_new_connection", None)
        for _ in range(3):
            # What Django does when a request starts (the test client leaves it out): check
            # the persistent connections, which finds the replica's dead.
            close_old_connections()
            response = self.client.get("/thong-bao/", HTTP_HOST=HOST)
            assert response.status_code == 200
            assert "Bản cũ" in response.text
        # The first request found the connection dead and tried once to reconnect; the
        # next ones read the primary without trying (REPLICA_HEALTH_SECONDS=60).
        assert len(attempts) == 1
        self.replica.start()
        db_router._down_until = time.monotonic()  # the interval has passed
        response, _, on_replica = self.get()
        assert response.status_code == 200 and on_replica > 0

    # Helpers ------------------------------------------------------------------------------
    def _restart_if_stopped(self):
        try:
            self.replica.execute("SELECT 1")
        except Exception:
            self.replica.start()

    def _editor(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("bien-tap-ban-sao", "b@example.vn", "x")

    @staticmethod
    def _admin():
        from congthongtin.core.conf import app_settings

        return app_settings.ADMIN_PATH
