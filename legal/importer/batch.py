"""Batch import of a folder or a .zip of documents (issue 19): the state changes of an
``ImportBatch`` (one function each: ``create_batch``, ``queue_batch``, ``start``,
``record_item``, ``finish``, ``cancel``) and the run that reads the files one at a time.

A batch zip legitimately holds thousands of files and hundreds of MB, so it has its own
bounds (``IMPORT_BATCH_*``): the archive is measured first with
``core.limits.check_zip`` (members, total inflated size, compression ratio; a bomb refuses
the whole batch), then its members are inflated ONE AT A TIME, each at most 20 MB (the
readers' limit), and imported by ``import_document`` with the batch's parse limits
(``IMPORT_BATCH_PARSE_SECONDS``: OCR of a scan or a .doc conversion takes longer than an
interactive upload may). Nothing is extracted to disk, so a name like ``../../etc/x`` can
do no harm; it is refused all the same, as hostile. Folders are skipped; so are the
files that operating systems leave behind (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``,
Word's ``~$`` lock files, hidden files), which are not counted at all.

Idempotent and resumable: a file whose bytes are already in the body's libraries (the
SHA-256 of an earlier batch's file, or the SHA-1 Wagtail keeps of every stored document)
is reported as a duplicate of that page instead of being imported again, and a run of an
interrupted batch skips the files it has already recorded (their order in the archive).

Outcomes: *imported* (a draft with complete metadata), *review* (a draft, with what to
check: no signer, an issuer not in the list, text read by OCR…), *duplicate*, *refused*
(with why). The reasons are stored in the portal's language (Vietnamese).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congthongtin.core.bodies import pages_in_sites, site_of_page
from congthongtin.core.conf import app_settings
from congthongtin.core.limits import LimitExceeded, ParseLimits, ZipLimits, check_zip
from congthongtin.core.private_media import delete_private_file
from congthongtin.core.reading import MAX_BYTES

from ..models import ImportBatch, ImportBatchItem, LegalDocumentPage
from .service import ImportReport, import_document

logger = logging.getLogger(__name__)

Status = ImportBatch.Status
Outcome = ImportBatchItem.Outcome

#: Files that systems and editors leave in folders: skipped, never counted.
JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
JUNK_FOLDERS = frozenset({"__macosx", ".git", ".svn"})
#: Archives inside the archive are not opened (one level only: no bomb of bombs).
ARCHIVE_EXTENSIONS = frozenset({".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz"})
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class BatchRefused(Exception):
    """The whole batch cannot be read (a bomb, too many files, a broken archive);
    ``str(error)`` says why, in the active language."""


# Bounds -----------------------------------------------------------------------------------
def batch_zip_limits() -> ZipLimits:
    """What a batch archive may hold: ``IMPORT_BATCH_MAX_FILES`` files (plus room for its
    folders and junk), ``IMPORT_BATCH_MAX_BYTES`` inflated in all. One member may be as
    large as the total here: a file over 20 MB is refused on its own, not the batch."""
    total = app_settings.IMPORT_BATCH_MAX_BYTES
    return ZipLimits(
        max_members=app_settings.IMPORT_BATCH_MAX_FILES + 1000,
        max_member_bytes=total,
        max_total_bytes=total,
        max_ratio=app_settings.IMPORT_ZIP_MAX_RATIO,
    )


def batch_parse_limits(seconds: float | None = None) -> ParseLimits:
    """The interactive limits with ``IMPORT_BATCH_PARSE_SECONDS`` (or ``seconds``)."""
    return replace(
        ParseLimits.from_settings(),
        seconds=seconds or app_settings.IMPORT_BATCH_PARSE_SECONDS,
    )


# Members ----------------------------------------------------------------------------------
@dataclass
class Member:
    """A file of the batch, not yet read. ``refusal`` says why it will not be read."""

    order: int
    name: str
    size: int
    read: Callable[[], bytes]
    refusal: str | None = None


class TooLarge(Exception):
    pass


def is_junk(name: str) -> bool:
    """A file left by an operating system or an editor, not by the person who sent it."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    if not parts:
        return True
    if any(p.lower() in JUNK_FOLDERS for p in parts[:-1]):
        return True
    base = parts[-1]
    return base.lower() in JUNK_NAMES or base.startswith((".", "~$"))


def is_unsafe(name: str) -> bool:
    """A name that would lead outside the folder it were extracted to."""
    normal = name.replace("\\", "/")
    return (
        "\x00" in name
        or normal.startswith("/")
        or bool(_DRIVE.match(normal))
        or ".." in normal.split("/")
    )


def _refusal(name: str, size: int) -> str | None:
    if is_unsafe(name):
        return _(
            "The name leads outside the archive's folder (“..” or an absolute path): the file "
            "looks hostile and was not read."
        )
    if PurePosixPath(name.replace("\\", "/")).suffix.lower() in ARCHIVE_EXTENSIONS:
        return _(
            "An archive inside the archive is not opened: extract it and send its files in "
            "the batch."
        )
    if size > MAX_BYTES:
        return _("The file is larger than 20 MB.")
    return None


def _read_at_most(stream, limit: int) -> bytes:
    """The stream's bytes, refusing more than ``limit`` (a header may lie about the size)."""
    chunks, size = [], 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


class ZipSource:
    """The members of a .zip, read one at a time from ``fileobj`` (seekable)."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.archive: zipfile.ZipFile | None = None

    def measure(self) -> None:
        try:
            check_zip(self.fileobj, batch_zip_limits())
        except LimitExceeded as error:
            raise BatchRefused(error.message()) from error
        self.fileobj.seek(0)
        self.archive = zipfile.ZipFile(self.fileobj)

    def members(self) -> list[Member]:
        infos = [
            info
            for info in self.archive.infolist()
            if not info.is_dir() and not is_junk(info.filename)
        ]
        infos.sort(key=lambda info: info.filename)
        return [
            Member(
                order=order,
                name=info.filename,
                size=info.file_size,
                read=self._reader(info),
                refusal=_refusal(info.filename, info.file_size),
            )
            for order, info in enumerate(infos)
        ]

    def _reader(self, info: zipfile.ZipInfo):
        def read() -> bytes:
            with self.archive.open(info) as stream:
                return _read_at_most(stream, MAX_BYTES)

        return read

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
        self.fileobj.close()


class FolderSource:
    """The files under a folder, walked in sorted order; links are not followed."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def measure(self) -> None:
        if not self.root.is_dir():
            raise BatchRefused(_("“%(path)s” is not a folder.") % {"path": self.root})

    def members(self) -> list[Member]:
        paths = []
        for folder, folders, files in os.walk(self.root):
            folders[:] = sorted(f for f in folders if f.lower() not in JUNK_FOLDERS)
            for name in sorted(files):
                path = Path(folder) / name
                relative = path.relative_to(self.root).as_posix()
                if not is_junk(relative):
                    paths.append((relative, path))
        paths.sort(key=lambda row: row[0])
        members = []
        for order, (relative, path) in enumerate(paths):
            size = path.lstat().st_size
            refusal = _refusal(relative, size)
            if path.is_symlink():
                refusal = _("A symbolic link is not followed.")
            members.append(Member(order, relative, size, self._reader(path), refusal))
        return members

    @staticmethod
    def _reader(path: Path):
        def read() -> bytes:
            with path.open("rb") as stream:
                return _read_at_most(stream, MAX_BYTES)

        return read

    def close(self) -> None:
        pass


def source_for(path: Path):
    """The source of a command's PATH: a folder or a .zip."""
    path = Path(path)
    if path.is_dir():
        return FolderSource(path)
    try:
        return ZipSource(path.open("rb"))
    except OSError as error:
        raise BatchRefused(
            _("The file cannot be opened (%(error)s).") % {"error": error}
        ) from error


# State changes ---------------------------------------------------------------------------
def create_batch(
    *,
    library,
    user=None,
    name: str,
    origin: str = ImportBatch.Origin.ADMIN,
    archive=None,
) -> ImportBatch:
    """A queued batch of ``library``'s body; ``archive`` (a Django File) is stored privately
    until the batch ends. Raises ValueError when the library belongs to no body."""
    site = site_of_page(library)
    if site is None:
        raise ValueError(f"The library {library.pk} is under no site.")
    batch = ImportBatch(site=site, library=library, user=user, name=name[:255], origin=origin)
    if archive is not None:
        batch.archive.save(name, archive, save=False)
    try:
        batch.save()
    except Exception:
        if batch.archive:
            delete_private_file(batch.archive)
        raise
    return batch


def queue_batch(batch: ImportBatch) -> None:
    """Hand the batch to the task queue once the current transaction commits (with
    django-tasks' immediate backend, development and tests, it runs right then)."""
    from ..tasks import run_import_batch

    pk = batch.pk
    transaction.on_commit(lambda: run_import_batch.enqueue(pk))


def start(batch: ImportBatch, total: int) -> bool:
    """Queued (or interrupted while running) → running, with the number of files.
    False when the batch was cancelled or has ended meanwhile."""
    now = timezone.now()
    updated = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[Status.QUEUED, Status.RUNNING]
    ).update(status=Status.RUNNING, total=total)
    ImportBatch.objects.filter(pk=batch.pk, started_at__isnull=True).update(started_at=now)
    batch.refresh_from_db()
    return bool(updated)


def record_item(
    batch: ImportBatch,
    member: Member,
    outcome: str,
    reasons: list[str],
    *,
    page=None,
    sha256: str = "",
    number_symbol: str = "",
) -> ImportBatchItem | None:
    """What became of one file, and the batch's counts, in one transaction. None when
    the file had been recorded already (two runs of one batch at once)."""
    try:
        with transaction.atomic():
            item = ImportBatchItem.objects.create(
                batch=batch,
                order=member.order,
                name=member.name[:500],
                size=member.size,
                sha256=sha256,
                outcome=outcome,
                reasons=[str(r) for r in reasons],
                page=page,
                number_symbol=(number_symbol or "")[:255],
            )
            ImportBatch.objects.filter(pk=batch.pk).update(
                done=F("done") + 1, **{outcome: F(outcome) + 1}
            )
    except IntegrityError:
        return None
    batch.done += 1
    setattr(batch, outcome, getattr(batch, outcome) + 1)
    return item


def finish(batch: ImportBatch, status: str = Status.DONE, error: str = "") -> ImportBatch:
    """Running (or queued, for a refused archive) → done or failed; the stored archive is
    deleted. A batch cancelled meanwhile stays cancelled."""
    ImportBatch.objects.filter(pk=batch.pk, status__in=[Status.QUEUED, Status.RUNNING]).update(
        status=status, error=error, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    _drop_archive(batch)
    return batch


def cancel(batch: ImportBatch) -> bool:
    """Queued or running → cancelled: the run stops before its next file (the files
    already imported stay, as drafts). The archive is deleted now, also when the worker
    that ran the batch has died (a run that is going on keeps its open file to the end of
    the current file). False when the batch had ended."""
    updated = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[Status.QUEUED, Status.RUNNING]
    ).update(status=Status.CANCELLED, finished_at=timezone.now())
    batch.refresh_from_db()
    if updated:
        _drop_archive(batch)
    return bool(updated)


def _drop_archive(batch: ImportBatch) -> None:
    if not batch.archive:
        return
    try:
        delete_private_file(batch.archive)
    except Exception:
        logger.exception("Could not delete the archive of batch %s", batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(archive="")
    batch.archive = ""


# The run -----------------------------------------------------------------------------------
def run_batch(
    batch: ImportBatch,
    source=None,
    *,
    parse_limits: ParseLimits | None = None,
    progress: Callable[[ImportBatch, ImportBatchItem | None], None] | None = None,
) -> ImportBatch:
    """Import every file of ``batch`` not yet recorded; ``source`` is a ``ZipSource`` or
    ``FolderSource`` (the batch's stored archive when None). Never raises: a batch that
    cannot be read ends as failed, with why. ``progress(batch, item)`` is called after
    each file."""
    batch.refresh_from_db()
    if batch.finished:
        return batch
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if source is None:
                if not batch.archive:
                    raise BatchRefused(_("The batch's file is no longer stored."))
                source = ZipSource(batch.archive.storage.open(batch.archive.name, "rb"))
            try:
                _run(batch, source, parse_limits or batch_parse_limits(), progress)
            finally:
                source.close()
        except BatchRefused as error:
            return finish(batch, Status.FAILED, str(error))
        except Exception as error:
            logger.exception("Batch %s failed", batch.pk)
            return finish(batch, Status.FAILED, f"{type(error).__name__}: {str(error)[:300]}")
        if batch.status == Status.CANCELLED:
            _drop_archive(batch)
            return batch
        return finish(batch, Status.DONE)


def _run(batch, source, limits, progress) -> None:
    source.measure()
    members = source.members()
    limit = app_settings.IMPORT_BATCH_MAX_FILES
    if len(members) > limit:
        raise BatchRefused(
            _("The batch holds %(count)s files, more than the %(limit)s one batch may have.")
            % {"count": len(members), "limit": limit}
        )
    if not start(batch, len(members)):
        return
    recorded = set(batch.items.values_list("order", flat=True))
    library = batch.library.specific
    for member in members:
        if member.order in recorded:
            continue
        if ImportBatch.objects.filter(pk=batch.pk, status=Status.CANCELLED).exists():
            batch.status = Status.CANCELLED
            return
        item = import_member(batch, member, library, limits)
        if progress is not None:
            progress(batch, item)


def import_member(batch, member: Member, library, limits) -> ImportBatchItem | None:
    """Read, check for a duplicate and import one file; record what became of it."""
    if member.refusal:
        return record_item(batch, member, Outcome.REFUSED, [member.refusal])
    try:
        data = member.read()
    except TooLarge:
        return record_item(batch, member, Outcome.REFUSED, [_("The file is larger than 20 MB.")])
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
        return record_item(
            batch,
            member,
            Outcome.REFUSED,
            [_("The file could not be taken out of the archive (%(error)s).") % {"error": error}],
        )
    sha256 = hashlib.sha256(data).hexdigest()
    same = find_same_file(
        batch.site_id, sha256, hashlib.sha1(data, usedforsecurity=False).hexdigest()
    )
    if same is not None:
        return record_item(
            batch,
            member,
            Outcome.DUPLICATE,
            [_("The same file is already in the library: %(title)s.") % {"title": same.title}],
            page=same,
            sha256=sha256,
            number_symbol=same.number_symbol,
        )
    report = import_document(
        data, member.name, library=library, user=batch.user, parse_limits=limits
    )
    del data
    outcome, reasons, page = classify(report)
    return record_item(
        batch,
        member,
        outcome,
        reasons,
        page=page,
        sha256=sha256,
        number_symbol=report.extracted.number_symbol if report.extracted else "",
    )


def find_same_file(site_id: int, sha256: str, sha1: str) -> LegalDocumentPage | None:
    """A document of the body whose file has exactly these bytes: one an earlier batch
    imported, else one whose attached Wagtail document has this SHA-1."""
    item = (
        ImportBatchItem.objects.filter(
            batch__site_id=site_id,
            sha256=sha256,
            outcome__in=[Outcome.IMPORTED, Outcome.REVIEW],
            page__isnull=False,
        )
        .select_related("page")
        .first()
    )
    if item is not None:
        return item.page
    return (
        LegalDocumentPage.objects.filter(pages_in_sites([site_id]))
        .filter(attachments__document__file_hash=sha1)
        .first()
    )


def classify(report: ImportReport) -> tuple[str, list[str], LegalDocumentPage | None]:
    """(outcome, reasons, page) of ``import_document``'s report."""
    if report.page is not None:
        reasons = list(report.problems) + missing_metadata(report.page, report.extracted)
        return (Outcome.REVIEW if reasons else Outcome.IMPORTED), reasons, report.page
    if report.duplicate is not None:
        return Outcome.DUPLICATE, list(report.problems), report.duplicate
    return Outcome.REFUSED, list(report.problems) or [_("The file was not imported.")], None


def missing_metadata(page: LegalDocumentPage, extracted=None) -> list[str]:
    """What a draft lacks before it may be published (Decree 43/2011/NĐ-CP Điều 10e), and
    its signer (Decree 30/2020/NĐ-CP Điều 8: every document is signed). An issuer read but
    not in the list of agencies is already among the report's problems."""
    issuer_read = bool(extracted and extracted.issuing_body)
    checks = (
        (page.number_symbol, _("No number and symbol was found.")),
        (page.document_type_id, _("The document type was not recognised.")),
        (page.issuing_body_id or issuer_read, _("The issuing body was not found.")),
        (page.issue_date, _("No issue date was found.")),
        (page.summary, _("No summary was found.")),
        (page.signer, _("No signer was found.")),
    )
    return [message for value, message in checks if not value]
