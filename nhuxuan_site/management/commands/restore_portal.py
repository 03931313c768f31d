"""``manage.py restore_portal DIR``: restore a ``backup_portal`` backup into an EMPTY database.

Order, so that a bad backup never damages anything:

1. read ``manifest.json`` and verify the size and SHA-256 of every file it lists (and that
   no listed file is missing); any mismatch stops the restore before it starts;
2. refuse a database that already has tables and a media folder that already has files
   (restoring over a live portal mixes two states; create an empty database first);
3. restore the database (``pg_restore --single-transaction --exit-on-error``: all or
   nothing; SQLite: the ``sqlite3`` backup API into the empty file);
4. copy the media files, and the private files (citizens' attachments) into
   ``PRIVATE_MEDIA_ROOT`` (or ``--private-media-root``), which must be empty too;
5. compare every table's row count with the counts recorded at backup time and check
   that every image, document and comment attachment row has its file; report the
   difference and exit non-zero when anything is off.

Afterwards: ``manage.py update_index`` when the search backend is Elasticsearch/OpenSearch
(the database backend's index is restored with the database), and clear Redis and the
front cache (docs/deploy.md, "Restore drill").
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from congthongtin.core.private_media import is_plain_relative
from congthongtin.core.private_media import private_media_root as private_root_of_settings

from .backup_portal import (
    FORMAT,
    MANIFEST,
    MEDIA_DIR,
    PRIVATE_MEDIA_DIR,
    VERSION,
    engine_of,
    media_root,
    pg_env,
    sha256_of,
    table_counts,
)


def load_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise CommandError(f"{path} not found: not a backup_portal backup.")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise CommandError(f"{path}: unknown backup format or version.")
    return manifest


def verify_files(directory: Path, manifest: dict) -> list[str]:
    """Problems found (empty when every listed file is present and intact)."""
    problems = []
    root = directory.resolve()
    for entry in manifest["files"]:
        path = (directory / entry["path"]).resolve()
        if not is_plain_relative(entry["path"]):
            # Checked on the name itself, not only where it resolves in the backup: the same
            # name is joined to the media root when restoring ("media/../x" is inside the
            # backup but outside the media root).
            problems.append(f"{entry['path']}: not a plain relative path")
        elif not path.is_relative_to(root):
            problems.append(f"{entry['path']}: outside the backup directory")
        elif not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif path.stat().st_size != entry["size"]:
            problems.append(f"{entry['path']}: size differs")
        elif sha256_of(path) != entry["sha256"]:
            problems.append(f"{entry['path']}: checksum differs")
    return problems


def destination_in(root: Path, relative: Path) -> Path:
    """``root / relative``, refused when it resolves outside ``root`` (symlinks included)."""
    destination = (root / relative).resolve()
    if not destination.is_relative_to(root.resolve()):
        raise CommandError(f"{relative}: would be written outside {root}; nothing more copied.")
    return destination


class Command(BaseCommand):
    help = "Restore a backup_portal backup into an empty database and media folder (R-SEC-1)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--media-root", help="Where to restore media (default: MEDIA_ROOT of the settings)."
        )
        parser.add_argument(
            "--private-media-root",
            help="Where to restore private media (default: PRIVATE_MEDIA_ROOT of the settings).",
        )
        parser.add_argument(
            "--verify-only", action="store_true", help="Check the checksums and stop."
        )

    def handle(
        self,
        directory,
        database,
        media_root=None,
        private_media_root=None,
        verify_only=False,
        **options,
    ):
        source = Path(directory)
        manifest = load_manifest(source)
        problems = verify_files(source, manifest)
        if problems:
            raise CommandError(
                "The backup is damaged, nothing restored:\n  " + "\n  ".join(problems)
            )
        self.stdout.write(f"{len(manifest['files'])} files verified (SHA-256).")
        if verify_only:
            return

        engine = engine_of(database)
        if engine != manifest["engine"]:
            raise CommandError(
                f"The backup is a {manifest['engine']} dump; the target database is {engine}."
            )
        connection = connections[database]
        with connection.cursor() as cursor:
            existing = connection.introspection.table_names(cursor)
        if existing:
            raise CommandError(
                f"The target database {connection.settings_dict['NAME']} is not empty "
                f"({len(existing)} tables). Restore only into a new, empty database."
            )
        media_files = [e for e in manifest["files"] if e["path"].startswith(f"{MEDIA_DIR}/")]
        target_media = Path(media_root) if media_root else self._default_media_root(manifest)
        if media_files and target_media.exists() and any(target_media.rglob("*")):
            raise CommandError(f"The media folder {target_media} is not empty.")
        private_files = [
            e for e in manifest["files"] if e["path"].startswith(f"{PRIVATE_MEDIA_DIR}/")
        ]
        target_private = None
        if private_files:
            target_private = (
                Path(private_media_root) if private_media_root else self._default_private_root()
            )
        if (
            target_private is not None
            and target_private.exists()
            and any(target_private.rglob("*"))
        ):
            raise CommandError(f"The private media folder {target_private} is not empty.")

        db_file = source / manifest["database_file"]
        if engine == "postgresql":
            self._restore_postgresql(database, db_file)
        else:
            self._restore_sqlite(database, db_file)
        for entry in media_files:
            destination = destination_in(target_media, Path(entry["path"]).relative_to(MEDIA_DIR))
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / entry["path"], destination)
        for entry in private_files:
            relative = Path(entry["path"]).relative_to(PRIVATE_MEDIA_DIR)
            destination = destination_in(target_private, relative)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / entry["path"], destination)

        errors = self._check(
            database,
            manifest,
            target_media if media_files else None,
            target_private,
        )
        if errors:
            raise CommandError(
                "Restored, but the result differs from the backup:\n  " + "\n  ".join(errors)
            )
        rows = sum(manifest["table_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['table_counts'])} tables ({rows} rows) and "
                f"{len(media_files)} media files and {len(private_files)} private files; "
                "every row count matches the backup."
            )
        )
        self.stdout.write(
            "Next: `manage.py update_index` if search runs on Elasticsearch/OpenSearch; "
            "clear Redis and purge the front cache."
        )

    def _default_media_root(self, manifest: dict) -> Path:
        root = media_root()
        if root is None and manifest.get("media"):
            raise CommandError("Media storage is not local: pass --media-root.")
        return root or Path(".")

    def _default_private_root(self) -> Path:
        root = private_root_of_settings()
        if root is None:
            raise CommandError("Private media storage is not local: pass --private-media-root.")
        return root

    def _restore_postgresql(self, alias: str, db_file: Path) -> None:
        if not shutil.which("pg_restore"):
            raise CommandError("pg_restore is not installed (Debian: postgresql-client).")
        connections[alias].close()  # pg_restore works in its own session
        result = subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",  # all or nothing
                "--exit-on-error",
                f"--dbname={connections[alias].settings_dict['NAME']}",
                str(db_file),
            ],
            env=pg_env(alias),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed, nothing restored: {result.stderr.strip()}")

    def _restore_sqlite(self, alias: str, db_file: Path) -> None:
        connection = connections[alias]
        connection.ensure_connection()
        source = sqlite3.connect(db_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()

    def _check(
        self, alias: str, manifest: dict, media: Path | None, private: Path | None = None
    ) -> list[str]:
        errors = []
        restored = table_counts(alias)
        for table, expected in sorted(manifest["table_counts"].items()):
            got = restored.get(table)
            if got != expected:
                errors.append(f"table {table}: {got} rows, backup had {expected}")
        if media is not None:
            from wagtail.documents import get_document_model
            from wagtail.images import get_image_model

            for model in (get_image_model(), get_document_model()):
                for name in model.objects.using(alias).values_list("file", flat=True):
                    if name and not (media / name).is_file():
                        errors.append(f"{model._meta.label}: file {name} missing")
        if private is not None:
            from congthongtin.consultation.models import ConsultationComment

            names = ConsultationComment.objects.using(alias).exclude(attachment="")
            for name in names.values_list("attachment", flat=True):
                if not (private / name).is_file():
                    errors.append(f"consultation.ConsultationComment: file {name} missing")
        return errors
