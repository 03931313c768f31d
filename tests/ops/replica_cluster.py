"""A PostgreSQL streaming replica of the primary on loopback, in a temporary folder.

Used by tests/ops/test_replica.py and bench/replica.py. ``pg_basebackup -R`` copies the
primary's cluster and writes its ``primary_conninfo``; the copy gets its own
``postgresql.conf`` and ``pg_hba.conf`` (Debian keeps the primary's in /etc, outside the
data folder), a free port and a socket folder of its own, and starts as a hot standby.
Run as root, the PostgreSQL programs run as the ``postgres`` user (``pg_ctl`` refuses
root). Nothing of the primary's configuration is changed: when it refuses replication
connections, :func:`unavailable_reason` says what is missing.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

#: The primary's settings a hot standby must match or exceed (PostgreSQL refuses to start).
MATCHED_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def _conninfo(host: str, port: int | str, user: str, dbname: str = "postgres", **extra) -> str:
    parts = {"host": host, "port": port, "user": user, "dbname": dbname, **extra}
    return " ".join(f"{key}={value}" for key, value in parts.items())


def server_major(host: str, port: int | str, user: str) -> int:
    with psycopg.connect(_conninfo(host, port, user), connect_timeout=3) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def bin_dir(major: int) -> Path | None:
    """The folder of the server's programs of that major version (Debian's layout, or the
    ``PATH``'s ``pg_ctl`` when it is that version)."""
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    if (debian / "pg_ctl").exists() and (debian / "pg_basebackup").exists():
        return debian
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl and shutil.which("pg_basebackup"):
        version = subprocess.run([pg_ctl, "--version"], capture_output=True, text=True).stdout
        if f" {major}." in version:
            return Path(pg_ctl).resolve().parent
    return None


def unavailable_reason(host: str, port: int | str, user: str) -> str | None:
    """Why no replica of this primary can be made here, or None."""
    try:
        major = server_major(host, port, user)
    except psycopg.Error as error:
        return f"PostgreSQL at {host}:{port} unreachable: {error}"
    if bin_dir(major) is None:
        return f"pg_basebackup/pg_ctl of PostgreSQL {major} not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run pg_ctl as"
    with psycopg.connect(_conninfo(host, port, user), connect_timeout=3) as conn:
        wal_level = conn.execute("SHOW wal_level").fetchone()[0]
        senders = int(conn.execute("SHOW max_wal_senders").fetchone()[0])
    if wal_level not in ("replica", "logical"):
        return f"the primary has wal_level={wal_level}; streaming replication needs replica"
    if senders < 1:
        return "the primary has max_wal_senders=0; streaming replication needs at least 1"
    try:
        # A physical replication connection: what pg_basebackup and the standby open.
        psycopg.connect(_conninfo(host, port, user, replication="true"), connect_timeout=3).close()
    except psycopg.Error as error:
        message = str(error).strip().split("FATAL:")[-1].strip()
        return (
            f"the primary refuses replication connections ({message}); its pg_hba.conf needs "
            f"a line such as `host replication {user} {host}/32 trust` (.ci/run adds it)"
        )
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Replica:
    """One standby: ``create()``, ``stop()``/``start()`` for fault tests, ``remove()``."""

    def __init__(self, host: str, port: int | str, user: str):
        self.primary = (host, int(port), user)
        self.major = server_major(host, port, user)
        self.bin = bin_dir(self.major)
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix=f"portal-replica-{self.port}-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self.root.chmod(0o700)

    # Commands ---------------------------------------------------------------------------
    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=True
        )

    def _primary_settings(self) -> dict[str, str]:
        host, port, user = self.primary
        with psycopg.connect(_conninfo(host, port, user)) as conn:
            return {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in MATCHED_SETTINGS}

    def create(self) -> None:
        host, port, user = self.primary
        self._run(
            "pg_basebackup",
            f"--dbname={_conninfo(host, port, user, dbname='replication')}",
            "--pgdata",
            str(self.data),
            "--wal-method=stream",
            "--write-recovery-conf",
            "--checkpoint=fast",
            "--no-sync",
        )
        settings = "\n".join(
            f"{name} = {value}" for name, value in self._primary_settings().items()
        )
        (self.data / "postgresql.conf").write_text(
            f"port = {self.port}\n"
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.root}'\n"
            "hot_standby = on\n"
            # The primary keeps the rows a long read on the replica still needs.
            "hot_standby_feedback = on\n"
            "shared_buffers = 32MB\n"
            "fsync = off\n"
            f"{settings}\n"
        )
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            for name in ("postgresql.conf", "pg_hba.conf"):
                os.chown(self.data / name, account.pw_uid, account.pw_gid)
        self.start()

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")
        self.wait_ready()

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # State ------------------------------------------------------------------------------
    def conninfo(self, dbname: str = "postgres") -> str:
        return _conninfo("127.0.0.1", self.port, self.primary[2], dbname)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.conninfo(), connect_timeout=2) as conn:
                    if conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                        return
            except psycopg.Error:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.1)

    def execute(self, sql: str) -> object:
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            row = conn.execute(sql).fetchone()
            return row[0] if row else None

    def pause_replay(self) -> None:
        self.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        self.execute("SELECT pg_wal_replay_resume()")

    def django_settings(self, primary: dict) -> dict:
        """A copy of the primary's complete ``DATABASES`` entry pointing at this replica
        (a test mirror of the primary: test cases flush and reload the primary only)."""
        return {
            **primary,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "TEST": {**primary.get("TEST", {}), "MIRROR": "default"},
        }
