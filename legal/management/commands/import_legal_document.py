"""python manage.py import_legal_document FILE... [--dry-run] [--json] [--parent SLUG]
python manage.py import_legal_document --batch FOLDER_OR_ZIP [--json] [--parent SLUG]"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from congthongtin.core.conf import app_settings
from congthongtin.core.limits import ParseLimits
from congthongtin.core.reading import MAX_BYTES, sniff
from congthongtin.legal.importer.service import (
    ImportFailed,
    ImportReport,
    find_library,
    import_document,
)


class Command(BaseCommand):
    help = (
        "Import Word (.docx, .doc), OpenDocument (.odt), PDF or text files as draft "
        "legal-document pages, with their metadata and the documents their preamble cites."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--batch",
            metavar="PATH",
            help="Import every file of a folder (walked recursively, in sorted order) or of a "
            ".zip as one batch, seen in the admin too; files already imported are reported "
            "as duplicates. Reads each file within IMPORT_BATCH_PARSE_SECONDS (120).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report; create nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per file (JSON Lines)."
        )
        parser.add_argument(
            "--resume",
            type=int,
            metavar="BATCH_ID",
            help="Go on with a batch that was interrupted (its worker stopped): the files "
            "already recorded are skipped. A batch started here needs its --batch PATH again.",
        )
        parser.add_argument("--parent", metavar="SLUG", help="Slug of the library page.")
        parser.add_argument("--user", metavar="USERNAME", help="Owner of the created pages.")
        parser.add_argument(
            "--time-limit",
            type=float,
            metavar="SECONDS",
            help="Longest time to read one file (default: IMPORT_PARSE_SECONDS, 20; for a "
            "Word 97–2003 .doc, converted by LibreOffice first, IMPORT_PARSE_SECONDS + "
            "IMPORT_CONVERT_SECONDS; with --batch IMPORT_BATCH_PARSE_SECONDS, 120). The "
            "command has no web timeout: a very long law may need more.",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(options)

    def _handle(self, options):
        if options["resume"]:
            return self._resume(options)
        try:
            library = find_library(options["parent"])
        except ImportFailed as error:
            raise CommandError(str(error)) from error
        user = None
        if options["user"]:
            User = get_user_model()
            user = User._default_manager.filter(**{User.USERNAME_FIELD: options["user"]}).first()
            if user is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
        if options["batch"]:
            if options["files"] or options["dry_run"]:
                raise CommandError("--batch không dùng cùng FILE hay --dry-run.")
            return self._batch(Path(options["batch"]), library, user, options)
        if not options["files"]:
            raise CommandError("Hãy nêu ít nhất một tệp, hoặc --batch THƯ_MỤC_HOẶC_ZIP.")
        limits = ParseLimits.from_settings()
        if options["time_limit"]:
            limits = replace(limits, seconds=options["time_limit"])
        self.doc_seconds = None if options["time_limit"] else app_settings.IMPORT_CONVERT_SECONDS
        failed = 0
        # One file's failure is that file's: each is imported in its own transaction and
        # reported, and the others go on (import_document never raises).
        for name in options["files"]:
            report = self._import(Path(name), library, user, options["dry_run"], limits)
            failed += not report.ok
            if options["json"]:
                self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
            else:
                self._print(report, options["dry_run"])
        if failed:
            raise CommandError(f"{failed}/{len(options['files'])} tệp không nhập được.")

    def _import(self, path: Path, library, user, dry_run: bool, limits) -> ImportReport:
        try:
            if path.stat().st_size > MAX_BYTES:
                return ImportReport(file=path.name, problems=["Tệp lớn hơn 20 MB."])
            data = path.read_bytes()
        except FileNotFoundError:
            return ImportReport(file=str(path), problems=["Không tìm thấy tệp."])
        except OSError as error:
            return ImportReport(file=str(path), problems=[f"Không đọc được tệp ({error})."])
        if self.doc_seconds and sniff(data) == "doc":
            # A .doc is converted by LibreOffice, then parsed: both within the file's time.
            limits = replace(limits, seconds=limits.seconds + self.doc_seconds)
        return import_document(
            data, path.name, library=library, user=user, dry_run=dry_run, parse_limits=limits
        )

    def _print(self, report: ImportReport, dry_run: bool) -> None:
        data = report.as_json()
        status = "OK" if report.ok else "LỖI"
        self.stdout.write(f"[{status}] {data['file']}")
        for label, key in (
            ("Số, ký hiệu", "number_symbol"),
            ("Loại", "document_type"),
            ("Cơ quan ban hành", "issuing_body"),
            ("Ngày ban hành", "issue_date"),
            ("Người ký", "signer"),
            ("Trích yếu", "summary"),
        ):
            if data.get(key):
                self.stdout.write(f"  {label}: {data[key]}")
        for url in data["resolved"]:
            self.stdout.write(f"  Căn cứ (đã liên kết): {url}")
        for label in data["unresolved"]:
            self.stdout.write(f"  Căn cứ (chưa có trong thư viện): {label}")
        for problem in data["problems"]:
            self.stdout.write(f"  ! {problem}")
        if data["page_url"]:
            self.stdout.write(f"  Trang nháp: {data['page_url']}")
        elif report.ok and dry_run:
            self.stdout.write("  (chạy thử: không tạo trang)")

    # Batches ---------------------------------------------------------------------------
    def _resume(self, options) -> None:
        from congthongtin.legal.importer import batch as batches

        batch = batches.ImportBatch.objects.filter(pk=options["resume"]).first()
        if batch is None:
            raise CommandError(f"Không có lô nhập số {options['resume']}.")
        if batch.finished:
            raise CommandError(f"Lô #{batch.pk} đã kết thúc ({batch.get_status_display()}).")
        source = None
        if not batch.archive:
            if not options["batch"]:
                raise CommandError("Lô này được chạy từ dòng lệnh: hãy nêu lại --batch PATH.")
            source = self._source(Path(options["batch"]))
        self._run(batch, source, options)

    @staticmethod
    def _source(path: Path):
        from congthongtin.legal.importer import batch as batches

        if not path.exists():
            raise CommandError(f"Không tìm thấy “{path}”.")
        try:
            return batches.source_for(path)
        except batches.BatchRefused as error:
            raise CommandError(str(error)) from error

    def _batch(self, path: Path, library, user, options) -> None:
        from congthongtin.legal.importer import batch as batches

        source = self._source(path)
        batch = batches.create_batch(
            library=library,
            user=user,
            name=path.name or str(path),
            origin=batches.ImportBatch.Origin.COMMAND,
        )
        self._run(batch, source, options)

    def _run(self, batch, source, options) -> None:
        from congthongtin.legal.importer import batch as batches

        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not options["json"] else None
        emit_json = options["json"]

        def progress(batch, item):
            if bar is not None:
                bar.update(batch.done, batch.total)
            if emit_json and item is not None:
                self.stdout.write(json.dumps(item_json(item), ensure_ascii=False))

        batch = batches.run_batch(
            batch,
            source,
            parse_limits=batches.batch_parse_limits(options["time_limit"]),
            progress=progress,
        )
        if bar is not None:
            bar.close()
        if emit_json:
            self.stdout.write(json.dumps(batch_json(batch), ensure_ascii=False))
        else:
            self._print_batch(batch)
        if batch.status == batches.ImportBatch.Status.FAILED:
            raise CommandError(batch.error or "Lô không nhập được.")

    def _print_batch(self, batch) -> None:
        marks = {"imported": "OK", "review": "XEM LẠI", "duplicate": "TRÙNG", "refused": "LỖI"}
        for item in batch.items.select_related("page").order_by("order"):
            self.stdout.write(f"[{marks[item.outcome]}] {item.name}")
            if item.number_symbol:
                self.stdout.write(f"  Số, ký hiệu: {item.number_symbol}")
            for reason in item.reasons:
                self.stdout.write(f"  ! {reason}")
            if item.page_id:
                self.stdout.write(f"  Trang: {item.page.url_path}")
        self.stdout.write(
            f"Lô #{batch.pk} ({batch.get_status_display()}): {batch.done}/{batch.total} tệp, "
            f"{batch.imported} nhập được, {batch.review} cần xem lại, {batch.duplicate} trùng, "
            f"{batch.refused} bị từ chối."
        )
        if batch.error:
            self.stdout.write(f"  ! {batch.error}")


def item_json(item) -> dict:
    return {
        "file": item.name,
        "order": item.order,
        "size": item.size,
        "sha256": item.sha256,
        "outcome": item.outcome,
        "reasons": item.reasons,
        "number_symbol": item.number_symbol,
        "page_id": item.page_id,
        "page_path": item.page.url_path if item.page_id else None,
    }


def batch_json(batch) -> dict:
    return {
        "batch": batch.pk,
        "status": batch.status,
        "error": batch.error,
        **{
            key: getattr(batch, key)
            for key in ("total", "done", "imported", "review", "duplicate", "refused")
        },
    }


class ProgressBar:
    """“[####    ] 412/1000 tệp · 35 tệp/phút” on one line of a terminal."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.first_done: int | None = None

    def update(self, done: int, total: int) -> None:
        if self.first_done is None:
            self.first_done = done - 1  # a resumed batch: count this run's files only
        filled = int(self.width * done / total) if total else self.width
        minutes = (time.monotonic() - self.started) / 60
        rate = (done - self.first_done) / minutes if minutes > 0 else 0
        self.stream.write(
            f"\r[{'#' * filled}{' ' * (self.width - filled)}] {done}/{total} tệp · "
            f"{rate:.0f} tệp/phút"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
