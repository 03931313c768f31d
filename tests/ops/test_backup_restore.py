"""backup_portal → restore_portal round trip (R-SEC-1), on the engine the suite runs on.

The source is the test database itself; the target is a scratch database next to it
(SQLite: a file in a temporary folder; PostgreSQL: ``<test db>_restored``, created and
dropped here). The data must be committed for pg_dump to see it, hence a
TransactionTestCase (serialized_rollback puts the migrations' data back afterwards).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import TransactionTestCase, override_settings
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from congthongtin.consultation.models import ConsultationComment
from congthongtin.home.models import StandardPage
from tests.consultation.helpers import make_consultation, make_consultation_index

RESTORED = "restored"

needs_pg_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and not shutil.which("pg_dump"),
    reason="pg_dump/pg_restore not installed",
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def all_rows(alias: str) -> dict[str, list[str]]:
    """Every row of every table, as sorted reprs (order-independent comparison)."""
    conn = connections[alias]
    qn = conn.ops.quote_name
    result = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {qn(table)}")
            result[table] = sorted(repr(tuple(row)) for row in cursor.fetchall())
    return result


@needs_pg_tools
class BackupRestoreRoundTripTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-backup-test-"))
        self.media = self.tmp / "media"
        self.private = self.tmp / "private-media"
        self.media_override = override_settings(
            MEDIA_ROOT=str(self.media),
            CONGTHONGTIN={**settings.CONGTHONGTIN, "PRIVATE_MEDIA_ROOT": self.private},
        )
        self.media_override.enable()
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.addCleanup(self.media_override.disable)
        self._make_content()

    def _make_content(self):
        User = get_user_model()
        self.editor = User.objects.create_user(
            "nvan", "nvan@nhuxuan.gov.vn", "mat-khau-dai-12", first_name="An", last_name="Nguyễn"
        )
        home = Page.objects.get(depth=2)
        page = home.add_child(instance=StandardPage(title="Giới thiệu chung về xã Như Xuân"))
        page.title = "Giới thiệu chung về xã Như Xuân (sửa đổi)"
        page.save_revision(user=self.editor).publish()
        draft = home.add_child(
            instance=StandardPage(title="Bản nháp: lịch tiếp công dân", live=False)
        )
        draft.save_revision(user=self.editor)
        Document = get_document_model()
        Document.objects.create(
            title="Quyết định 541/QĐ-UBND",
            file=ContentFile(b"%PDF-1.4 quyet dinh 541\n%%EOF\n", name="quyet-dinh-541.pdf"),
            uploaded_by_user=self.editor,
        )
        Image = get_image_model()
        Image.objects.create(
            title="Trụ sở Ủy ban",
            file=ContentFile(png_bytes(), name="tru-so.png"),
            width=8,
            height=6,
        )
        # A citizen's attachment: in the private folder, backed up and restored with the rest.
        now = timezone.now()
        consultation = make_consultation(
            make_consultation_index(),
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=30),
        )
        ConsultationComment.objects.create(
            page=consultation,
            full_name="Trần Văn Nam",
            email="tvnam@example.vn",
            text="Góp ý kèm tệp",
            attachment=ContentFile(b"%PDF-1.4 gop y\n%%EOF\n", name="gop-y.pdf"),
        )

    # --- the scratch target database ---------------------------------------------------

    def _add_target_database(self) -> None:
        conf = dict(connections.settings[connection.alias])
        if connection.vendor == "postgresql":
            conf["NAME"] = f"{conf['NAME']}_{RESTORED}"
            qn = connection.ops.quote_name
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {qn(conf['NAME'])}")
                cursor.execute(f"CREATE DATABASE {qn(conf['NAME'])}")
        else:
            conf["NAME"] = str(self.tmp / "restored.sqlite3")
        connections.settings[RESTORED] = conf
        # Django's test case refuses connections to aliases it was not told about.
        cls = type(self)
        allowed = cls.databases
        cls.databases = frozenset({*allowed, RESTORED})
        self.addCleanup(setattr, cls, "databases", allowed)
        self.addCleanup(self._drop_target_database, conf["NAME"])

    def _drop_target_database(self, name: str) -> None:
        connections[RESTORED].close()
        del connections.settings[RESTORED]
        if hasattr(connections._connections, RESTORED):
            delattr(connections._connections, RESTORED)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")

    # --- tests --------------------------------------------------------------------------
    # One test method: each TransactionTestCase test costs a flush and a reload of the
    # migrations' data (seconds on PostgreSQL), so the refusals are checked on the way.

    def test_round_trip__every_row_and_file_identical(self):
        backup = self.tmp / "backup"
        call_command("backup_portal", str(backup), stdout=io.StringIO())
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["engine"] == connection.vendor
        paths = {entry["path"] for entry in manifest["files"]}
        assert any(p.startswith("media/documents/") for p in paths)
        assert any(p.startswith("media/original_images/") for p in paths)
        assert any(p.startswith("private-media/consultation/gop-y/") for p in paths)
        assert not any(p.startswith("media/consultation/") for p in paths)
        assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])

        # Refused: restoring over the suite's own (full) database.
        with pytest.raises(CommandError, match="not empty"):
            call_command("restore_portal", str(backup), stdout=io.StringIO())

        self._add_target_database()
        restored_media = self.tmp / "restored-media"
        restored_private = self.tmp / "restored-private-media"

        # Refused: a damaged copy of the backup, before anything is written.
        damaged = self.tmp / "damaged"
        shutil.copytree(backup, damaged)
        document = next((damaged / "media" / "documents").rglob("*.pdf"))
        document.write_bytes(document.read_bytes() + b"tampered")
        with pytest.raises(CommandError, match=r"checksum differs|size differs"):
            call_command(
                "restore_portal",
                str(damaged),
                database=RESTORED,
                media_root=str(restored_media),
                stdout=io.StringIO(),
            )
        with connections[RESTORED].cursor() as cursor:
            assert connections[RESTORED].introspection.table_names(cursor) == []
        assert not restored_media.exists()

        out = io.StringIO()
        call_command(
            "restore_portal",
            str(backup),
            database=RESTORED,
            media_root=str(restored_media),
            private_media_root=str(restored_private),
            stdout=out,
        )
        assert "every row count matches" in out.getvalue()

        # Every row of every table (pages, revisions, documents, users, search index…).
        source_rows, restored_rows = all_rows("default"), all_rows(RESTORED)
        assert source_rows.keys() == restored_rows.keys()
        for table in source_rows:
            assert source_rows[table] == restored_rows[table], table

        # And through the ORM, the objects the regulation cares about.
        Document = get_document_model()

        def snapshot(alias):
            return {
                "pages": list(Page.objects.using(alias).order_by("path").values()),
                "revisions": list(Revision.objects.using(alias).order_by("pk").values()),
                "documents": list(Document.objects.using(alias).order_by("pk").values()),
                "users": list(get_user_model().objects.using(alias).order_by("pk").values()),
            }

        before, after = snapshot("default"), snapshot(RESTORED)
        assert before == after
        assert len(before["pages"]) >= 4 and len(before["revisions"]) >= 2
        for document in before["documents"]:
            original = (self.media / document["file"]).read_bytes()
            assert (restored_media / document["file"]).read_bytes() == original
        (attachment,) = ConsultationComment.objects.exclude(attachment="").values_list(
            "attachment", flat=True
        )
        original = (self.private / attachment).read_bytes()
        assert (restored_private / attachment).read_bytes() == original
        assert not (restored_media / attachment).exists()

        # A second restore into the now-full target is refused.
        with pytest.raises(CommandError, match="not empty"):
            call_command("restore_portal", str(backup), database=RESTORED, stdout=io.StringIO())


def test_backup__directory_not_empty__refused(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_portal", str(tmp_path), stdout=io.StringIO())


def _hostile_backup(tmp_path: Path, member: str) -> Path:
    """A backup whose manifest lists ``member``: a file that exists inside the backup
    directory (so the source-side check passes) but that would be copied outside the media
    root if the destination were not checked."""
    from congthongtin.nhuxuan_site.management.commands.backup_portal import (
        FORMAT,
        MANIFEST,
        VERSION,
    )

    backup = tmp_path / "backup"
    source = backup / member
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(b"planted")
    import hashlib

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "engine": connection.vendor,
        "database_file": "db.dump",
        "table_counts": {},
        "media": True,
        "files": [
            {
                "path": member,
                "size": len(b"planted"),
                "sha256": hashlib.sha256(b"planted").hexdigest(),
            }
        ],
    }
    (backup / MANIFEST).write_text(json.dumps(manifest))
    return backup


@pytest.mark.parametrize(
    "member",
    [
        "media/../outside/evil.txt",  # inside the backup, outside media/ once restored
        "media/images/../../outside/evil.txt",
        "media/./../evil.txt",
        "private-media/../outside/evil.txt",  # citizens' attachments: same rule
    ],
)
def test_restore__manifest_path_leaving_the_media_root__refused_before_anything(tmp_path, member):
    # Security audit (issue 16, finding 14): the path was checked at the source only.
    backup = _hostile_backup(tmp_path, member)
    media = tmp_path / "site" / "media"
    with pytest.raises(CommandError, match="damaged"):
        call_command(
            "restore_portal",
            str(backup),
            media_root=str(media),
            verify_only=True,
            stdout=io.StringIO(),
        )
    assert not (tmp_path / "site" / "outside").exists()
    assert not (tmp_path / "site" / "evil.txt").exists()


def test_restore__absolute_manifest_path__refused(tmp_path):
    backup = _hostile_backup(tmp_path, "media/ok.txt")
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"][0]["path"] = str(backup / "media" / "ok.txt")  # absolute
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore_portal", str(backup), verify_only=True, stdout=io.StringIO())
