"""python manage.py import_legal_document FILE... [--dry-run] [--json] [--parent SLUG]"""

from __future__ import annotations

import json
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
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report; create nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per file (JSON Lines)."
        )
        parser.add_argument("--parent", metavar="SLUG", help="Slug of the library page.")
        parser.add_argument("--user", metavar="USERNAME", help="Owner of the created pages.")
        parser.add_argument(
            "--time-limit",
            type=float,
            metavar="SECONDS",
            help="Longest time to read one file (default: IMPORT_PARSE_SECONDS, 20; for a "
            "Word 97–2003 .doc, converted by LibreOffice first, IMPORT_PARSE_SECONDS + "
            "IMPORT_CONVERT_SECONDS). The command has no web timeout: a very long law may "
            "need more.",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(options)

    def _handle(self, options):
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
