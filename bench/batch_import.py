"""Throughput and memory of a batch import (issue 19): documents per minute and whether the
importing process's memory stays bounded as the batch grows.

    .venv/bin/python bench/batch_import.py [--files 1000] [--db sqlite|postgres] [--write]

A scratch database (SQLite in a temporary folder, or a PostgreSQL database created and
dropped by the script: ``--pg-url postgres://postgres@127.0.0.1:5432``) is migrated and set
up like a new portal (``setup_portal``), a library is added, and a .zip of ``--files``
mixed files is generated on disk, one member at a time:

* Word files (.docx, python-docx) in the layout of Decree 30/2020/NĐ-CP (the two-column
  header table, preamble, articles, signature), one in ten without a signer;
* text files in UTF-8, and in TCVN3 (the legacy 8-bit encoding, converted on reading);
* text PDFs (``congthongtin.legal.pdf.text_pdf``, an embedded font);
* about 2 % exact copies of earlier files and about 2 % broken files (a truncated .docx,
  a .pdf that is not one), plus ``__MACOSX/`` junk that must be skipped.

No .doc and no scanned PDF (their conversion and OCR are another bench's subject).

The batch then runs in this process, through ``legal.importer.batch.run_batch`` as the
command does (each file parsed in its bounded worker process). Measured: documents per
minute overall and per hundred files, the peak resident memory of this process
(``getrusage(RUSAGE_SELF).ru_maxrss``) after 100 files and at the end, and their ratio
(1.0: memory does not grow with the number of files). ``--write`` replaces the "Batch
import" section of bench/RESULTS.md with the figures.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Batch import"


def setup(kind: str, folder: Path, pg_url: str) -> str | None:
    os.environ["VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "congthongtin.nhuxuan_site.settings.dev"
    os.environ["SEARCH_BACKEND"] = "database"
    os.environ.pop("REDIS_URL", None)
    database = None
    if kind == "postgres":
        database = f"bench_batch_{os.getpid()}"
        host = pg_url.split("@")[-1]
        subprocess.run(
            [
                "createdb",
                "-h",
                host.split(":")[0],
                "-p",
                host.split(":")[-1],
                "-U",
                "postgres",
                database,
            ],
            check=True,
        )
        os.environ["DATABASE_URL"] = f"{pg_url}/{database}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # dev settings would keep every SQL statement in memory
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_portal", verbosity=0)
    return database


def drop(database: str | None, pg_url: str) -> None:
    if not database:
        return
    from django.db import connections

    connections.close_all()
    host = pg_url.split("@")[-1]
    subprocess.run(
        [
            "dropdb",
            "-h",
            host.split(":")[0],
            "-p",
            host.split(":")[-1],
            "-U",
            "postgres",
            "--if-exists",
            database,
        ],
        check=False,
    )


# The files -----------------------------------------------------------------------------
SUMMARIES = [
    "Về việc kiện toàn Ban biên tập Trang thông tin điện tử xã Như Xuân",
    "Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã",
    "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
    "Về việc thành lập Tổ công tác cải cách hành chính",
    "Về việc giao chỉ tiêu thu ngân sách nhà nước năm 2026",
]


def lines_of(number: int, signer: bool = True) -> tuple[list[tuple[str, str]], list[str]]:
    rng = random.Random(number)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    header = [
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("XÃ NHƯ XUÂN", "Độc lập - Tự do - Hạnh phúc"),
        (f"Số: {number}/QĐ-UBND", f"Như Xuân, ngày {day:02} tháng {month} năm 2026"),
    ]
    body = [
        "QUYẾT ĐỊNH",
        f"{SUMMARIES[number % len(SUMMARIES)]} (đợt {number})",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ;",
        "Theo đề nghị của Văn phòng HĐND và UBND xã.",
        "QUYẾT ĐỊNH:",
        *[f"Điều {n}. Nội dung thứ {n} của quyết định số {number}." for n in range(1, 6)],
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "CHỦ TỊCH",
    ]
    if signer:
        body.append(rng.choice(["Lê Văn Cường", "Nguyễn Thị Hoa", "Trần Minh Đức"]))
    return header, body


def docx_file(number: int, signer: bool) -> bytes:
    import io

    import docx

    header, body = lines_of(number, signer)
    document = docx.Document()
    table = document.add_table(rows=len(header), cols=2)
    for row, (left, right) in zip(table.rows, header, strict=True):
        row.cells[0].text = left
        row.cells[1].text = right
    for text in body:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_lines(number: int) -> list[str]:
    header, body = lines_of(number)
    return [line for row in header for line in row] + body


def generate(path: Path, count: int, seed: int = 19) -> dict:
    """The .zip of ``count`` files, written member by member; returns the mix."""
    from congthongtin.legal.pdf import text_pdf
    from congthongtin.vietnam.text import encode_tcvn3

    rng = random.Random(seed)
    mix: dict[str, int] = {}
    written: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            number = 1000 + n
            roll = rng.random()
            if written and roll < 0.02:
                kind, (name, data) = "duplicate", rng.choice(written)
                name = f"ban-sao/{n:05}-{Path(name).name}"
            elif roll < 0.04:
                kind = "broken"
                if n % 2:
                    name, data = f"hong/{n:05}.docx", docx_file(number, True)[:1500]
                else:
                    name, data = f"hong/{n:05}.pdf", b"%PDF-1.4\n" + rng.randbytes(2000)
            elif roll < 0.44:
                kind, name = "docx", f"word/{n:05}-qd-{number}.docx"
                data = docx_file(number, signer=n % 10 != 0)
            elif roll < 0.64:
                kind, name = "txt-utf8", f"text/{n:05}-qd-{number}.txt"
                data = "\n".join(text_lines(number)).encode()
            elif roll < 0.74:
                kind, name = "txt-tcvn3", f"text/{n:05}-qd-{number}-tcvn3.txt"
                data = encode_tcvn3("\n".join(text_lines(number))).encode("cp1252")
            else:
                kind, name = "pdf", f"pdf/{n:05}-qd-{number}.pdf"
                data = text_pdf(text_lines(number))
            archive.writestr(name, data)
            if kind not in ("duplicate", "broken") and len(written) < 50:
                written.append((name, data))
            mix[kind] = mix.get(kind, 0) + 1
            if n % 97 == 0:
                archive.writestr(f"__MACOSX/{n:05}/._x.docx", b"\x00\x05\x16\x07")
    return mix


def database_name(connection) -> str:
    if connection.vendor == "sqlite":
        return "SQLite " + connection.Database.sqlite_version
    return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def status_mb(key: str) -> float | None:
    """VmRSS (resident now) or VmHWM (peak since start or the last reset), Linux only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Reset the peak resident size (Linux ``clear_refs`` 5), so that ``ru_maxrss`` and
    VmHWM measure the batch, not the migration and set-up before it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# The run ------------------------------------------------------------------------------------
def run(args) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    database = None
    try:
        database = setup(args.db, folder, args.pg_url)
        from django.db import connection
        from wagtail.models import Page

        from congthongtin.core.models import Agency
        from congthongtin.legal.importer import batch as batches
        from congthongtin.legal.models import LegalDocumentIndexPage

        Agency.objects.get_or_create(name="Ủy ban nhân dân xã Như Xuân")
        library = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        Page.objects.get(depth=2).add_child(instance=library)

        archive = folder / "lo.zip"
        started = time.perf_counter()
        mix = generate(archive, args.files)
        generate_s = time.perf_counter() - started
        print(f"generated {args.files} files in {generate_s:.0f} s: {mix}", file=sys.stderr)

        marks: list[dict] = []
        t0 = time.perf_counter()

        def progress(batch, item):
            if batch.done % 100 == 0 or batch.done == batch.total:
                marks.append(
                    {
                        "files": batch.done,
                        "seconds": round(time.perf_counter() - t0, 1),
                        "rss_mb": round(rss_mb(), 1),
                        "rss_now_mb": status_mb("VmRSS"),
                    }
                )
                print(json.dumps(marks[-1]), file=sys.stderr)

        batch = batches.create_batch(library=library, name="lo.zip", origin="command")
        import gc

        gc.collect()
        rss_setup = rss_mb()
        peak_reset = reset_peak()
        rss_before = status_mb("VmRSS") or rss_mb()
        batch = batches.run_batch(batch, batches.ZipSource(archive.open("rb")), progress=progress)
        elapsed = time.perf_counter() - t0
        at_100 = next((m for m in marks if m["files"] >= 100), marks[0])
        result = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{os.cpu_count()} CPU, {platform.platform()}, Python "
            f"{platform.python_version()}",
            "load": os.getloadavg(),
            "database": database_name(connection),
            "files": args.files,
            "mix": mix,
            "status": batch.status,
            "error": batch.error,
            "outcomes": {
                "imported": batch.imported,
                "review": batch.review,
                "duplicate": batch.duplicate,
                "refused": batch.refused,
            },
            "seconds": round(elapsed, 1),
            "per_minute": round(batch.done / elapsed * 60, 1),
            "rss_setup_peak_mb": round(rss_setup, 1),
            "peak_reset": peak_reset,
            "rss_before_mb": round(rss_before, 1),
            "rss_now_at_100_mb": at_100["rss_now_mb"],
            "rss_now_end_mb": marks[-1]["rss_now_mb"],
            "rss_at_100_mb": at_100["rss_mb"],
            "rss_end_mb": marks[-1]["rss_mb"],
            "rss_ratio": round(marks[-1]["rss_mb"] / at_100["rss_mb"], 3),
            "marks": marks,
        }
        return result
    finally:
        if database:
            drop(database, args.pg_url)
        shutil.rmtree(folder, ignore_errors=True)


def markdown(results: list[dict]) -> str:
    first = results[0]
    lines = [
        SECTION,
        "",
        f"`bench/batch_import.py` — {first['date']}. Machine: {first['machine']}; load "
        f"average at the end {', '.join(f'{x:.1f}' for x in first['load'])} (shared with "
        "other sessions' test runs: absolute rates are low and noisy).",
        "",
        "One .zip of mixed files read in-process by `legal.importer.batch.run_batch`, each "
        "file parsed in its bounded worker process (no .doc, no scanned PDF).",
        "",
        "| Database | Files | Mix | Imported / review / duplicate / refused | Time | "
        "Documents per minute | RSS before | Peak RSS after 100 files | at the end | Ratio | "
        "RSS now after 100 files | at the end |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        mix = ", ".join(f"{k} {v}" for k, v in sorted(r["mix"].items()))
        o = r["outcomes"]
        lines.append(
            f"| {r['database']} | {r['files']} | {mix} | {o['imported']} / {o['review']} / "
            f"{o['duplicate']} / {o['refused']} | {r['seconds'] / 60:.1f} min | "
            f"{r['per_minute']} | {r['rss_before_mb']} MB | {r['rss_at_100_mb']} MB | "
            f"{r['rss_end_mb']} MB | {r['rss_ratio']} | {r['rss_now_at_100_mb']} MB | "
            f"{r['rss_now_end_mb']} MB |"
        )
    lines += [
        "",
        "Memory of the importing process (the parse workers are separate processes, bounded "
        "by `IMPORT_PARSE_MEMORY_BYTES`): *RSS before* is its resident size when the batch "
        "starts; the peak (`getrusage` `ru_maxrss`, reset before the batch with Linux's "
        "`clear_refs`; the set-up's own peak was "
        + ", ".join(f"{r['rss_setup_peak_mb']} MB" for r in results)
        + ") is the largest resident size so far, so a ratio of 1.0 between 100 files and "
        "the end means the later files did not raise it; *RSS now* is the resident size at "
        "that moment (`VmRSS`).",
        "",
    ]
    for r in results:
        marks = [{"files": 0, "seconds": 0}, *r["marks"]]
        lines += [
            f"Documents per minute by hundred files ({r['database']}, {r['files']} files): "
            + ", ".join(f"{b['files']}: {rate(a, b):.0f}" for a, b in itertools.pairwise(marks))
            + ".",
            "",
        ]
    return "\n".join(lines)


def rate(a: dict, b: dict) -> float:
    return (b["files"] - a["files"]) / max(b["seconds"] - a["seconds"], 0.1) * 60


def write_section(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8")
    if SECTION in current:
        before, _sep, after = current.partition(SECTION)
        rest = after.split("\n## ", 1)
        after = ("\n## " + rest[1]) if len(rest) > 1 else ""
        current = before.rstrip("\n") + "\n\n" + text + after
    else:
        current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--write", action="store_true", help="replace the section of bench/RESULTS.md"
    )
    parser.add_argument(
        "--from-json",
        nargs="+",
        metavar="FILE",
        help="no run: write the section from earlier --json files",
    )
    args = parser.parse_args()
    if args.from_json:
        results = [json.loads(Path(p).read_text()) for p in args.from_json]
    else:
        results = [run(args)]
        if args.json:
            Path(args.json).write_text(json.dumps(results[0], indent=1))
    text = markdown(results)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
