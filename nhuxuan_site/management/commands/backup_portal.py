"""``manage.py backup_portal DIR``: database dump + media + a manifest with checksums (R-SEC-1).

A Wagtail portal is its database, its media folder (original images and documents;
renditions are included too so that a restored site serves its pages without
regenerating every thumbnail) and its private media folder (citizens' attachments,
``PRIVATE_MEDIA_ROOT``, core.private_media; copied to ``private-media/``). The database
is dumped first and the files copied afterwards, so an upload made in between becomes an
orphan file in the backup, never a row whose file is missing.

* PostgreSQL: ``pg_dump --format=custom`` from the machine (restore with ``pg_restore``).
  The row counts written to the manifest and the dump come from the same exported
  snapshot (``REPEATABLE READ`` + ``pg_export_snapshot()`` + ``pg_dump --snapshot``), so a
  restore can prove it restored exactly what was dumped, even while editors were writing.
* SQLite: Python's ``sqlite3`` online backup API (a consistent copy of a live database,
  WAL included); the counts are read from the copy.

``manifest.json`` lists every file with its size and SHA-256; ``restore_portal`` checks
them all before it touches anything. The backup holds personal data (accounts, citizens'
questions): keep it on encrypted storage with restricted access (docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from congthongtin.core.private_media import private_media_root

MANIFEST = "manifest.json"
FORMAT = "portal-backup"
VERSION = 1
DB_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA_DIR = "media"
PRIVATE_MEDIA_DIR = "private-media"
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine_of(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DB_FILES:
        raise CommandError(f"Database engine {vendor!r} is not supported (PostgreSQL or SQLite).")
    return vendor


def pg_env(alias: str) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore: the password never appears in ``ps``."""
    conf = connections[alias].settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if conf.get(key):
            env[var] = str(conf[key])
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    env["PGDATABASE"] = conf["NAME"]
    return env


def table_counts(alias: str) -> dict[str, int]:
    """Row count of every table of the database (models, M2M tables, search index…)."""
    connection = connections[alias]
    qn = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def sqlite_file_counts(path: Path) -> dict[str, int]:
    """Row counts of a SQLite file, with the same table list as Django's introspection."""
    db = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        db.close()


def applied_migrations(alias: str) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[alias])
    result: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        result.setdefault(app, []).append(name)
    return result


def media_root() -> Path | None:
    backend = settings.STORAGES.get("default", {}).get("BACKEND", "")
    if backend != "django.core.files.storage.FileSystemStorage":
        return None
    return Path(settings.MEDIA_ROOT)


@contextmanager
def pg_snapshot(alias: str):
    """A REPEATABLE READ transaction whose snapshot pg_dump can share (or None)."""
    connection = connections[alias]
    if connection.in_atomic_block:
        # Called inside a transaction (e.g. a test): no fresh snapshot to export.
        yield None
        return
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


class Command(BaseCommand):
    help = "Back up the portal: database dump, media files and a checksummed manifest (R-SEC-1)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="New or empty directory to write the backup to.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Database only (media and private media backed up elsewhere).",
        )

    def handle(self, directory, database, no_media=False, **options):
        target = Path(directory)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty: a backup never overwrites another one.")
        target.mkdir(parents=True, exist_ok=True)
        engine = engine_of(database)
        started = dt.datetime.now(dt.UTC)

        db_file = target / DB_FILES[engine]
        if engine == "postgresql":
            counts = self._dump_postgresql(database, db_file)
        else:
            counts = self._dump_sqlite(database, db_file)
        files = [db_file]

        media_files: list[Path] = []
        root = None if no_media else media_root()
        if not no_media and root is None:
            raise CommandError(
                "Media are not on the local file system (STORAGES['default']); back the "
                "bucket up with its own tools and run with --no-media."
            )
        if root is not None and root.is_dir():
            media_files = self._copy_media(root, target / MEDIA_DIR)
        files += media_files

        private_files: list[Path] = []
        private_root = None if no_media else private_media_root()
        if not no_media and private_root is None:
            raise CommandError(
                "Private media are not on the local file system (STORAGES['private']); back "
                "the private bucket up with its own tools and run with --no-media."
            )
        if private_root is not None and private_root.is_dir():
            private_files = self._copy_media(private_root, target / PRIVATE_MEDIA_DIR)
        files += private_files

        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": started.isoformat(),
            "engine": engine,
            "database_file": db_file.name,
            "media": not no_media,
            "private_media": not no_media,
            "migrations": applied_migrations(database),
            "table_counts": counts,
            "files": [
                {
                    "path": path.relative_to(target).as_posix(),
                    "size": path.stat().st_size,
                    "sha256": sha256_of(path),
                }
                for path in files
            ],
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        rows = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {target}: {engine} dump ({len(counts)} tables, {rows} rows), "
                f"{len(media_files)} media files, {len(private_files)} private files."
            )
        )

    def _dump_postgresql(self, alias: str, db_file: Path) -> dict[str, int]:
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).")
        with pg_snapshot(alias) as snapshot:
            counts = table_counts(alias)
            command = [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={db_file}",
            ]
            if snapshot:
                command.append(f"--snapshot={snapshot}")
            result = subprocess.run(
                command, env=pg_env(alias), capture_output=True, text=True, check=False
            )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        return counts

    def _dump_sqlite(self, alias: str, db_file: Path) -> dict[str, int]:
        connection = connections[alias]
        connection.ensure_connection()
        destination = sqlite3.connect(db_file)
        try:
            # The online backup API copies a consistent image even while others write.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return sqlite_file_counts(db_file)

    def _copy_media(self, root: Path, destination: Path) -> list[Path]:
        copied = []
        for source in sorted(root.rglob("*")):
            if not source.is_file() or source.is_symlink():
                continue
            relative = source.relative_to(root)
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied.append(target)
        return copied
