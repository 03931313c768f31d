"""Bounds for reading untrusted files: ZIP packages are measured before any parser opens
them, and parsers run in a worker process with a time and a memory limit.

Why both. A 17 KB .docx whose ``word/document.xml`` inflates to 5 MB kept mammoth busy
for 40-70 s and 400 MB; 50 MB inflated went past 3 GB (bench/hostile_files.py). The
upload limit (20 MB) applies to the compressed file only. Checking the archive first
refuses every bomb in well under a second with a precise reason; but a file within the
archive limits can still be slow or large to parse (mammoth builds a Python object per
run of text, pypdf decodes content streams), and no parser takes a deadline. So the
parse runs in a separate process, limited by ``RLIMIT_AS`` (memory) and ``RLIMIT_CPU``
plus a wall-clock timeout: the web process keeps its memory and its worker thread comes
back with a refusal instead of being killed by the OOM killer or the proxy's timeout.
A fresh ``python -m congthongtin.core.limits`` (not ``fork``) is used: forking a threaded
web process with open database connections is unsafe, and the worker imports only pure
modules (no Django), about 0.3 s.

Everything here is pure Python; the Vietnamese messages are produced by ``message()``,
called in the Django process (the worker has no settings to translate with).
"""

from __future__ import annotations

import importlib
import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
_CHUNK = 64 * 1024
_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ZipLimits:
    """What a ZIP package (.docx, .odt, .xlsx) may inflate to.

    Real documents: a 300-page law's ``word/document.xml`` is a few MB and XML deflates
    5-20 to 1; images are stored nearly as they are. A member inflating more than
    ``max_ratio`` times its compressed size (checked on members over ``ratio_floor``,
    small ones vary too much) is a bomb, not a document.
    """

    max_members: int = 1000
    max_member_bytes: int = 30 * MB
    max_total_bytes: int = 100 * MB
    max_ratio: int = 100
    ratio_floor: int = 1 * MB

    @classmethod
    def from_settings(cls) -> ZipLimits:
        """The limits as configured (``CONGTHONGTIN``'s IMPORT_ZIP_MAX_MEMBERS,
        IMPORT_ZIP_MAX_MEMBER_BYTES, IMPORT_ZIP_MAX_TOTAL_BYTES, IMPORT_ZIP_MAX_RATIO), else
        the defaults above."""
        from .conf import app_settings

        return cls(
            max_members=app_settings.IMPORT_ZIP_MAX_MEMBERS,
            max_member_bytes=app_settings.IMPORT_ZIP_MAX_MEMBER_BYTES,
            max_total_bytes=app_settings.IMPORT_ZIP_MAX_TOTAL_BYTES,
            max_ratio=app_settings.IMPORT_ZIP_MAX_RATIO,
        )


@dataclass(frozen=True)
class ParseLimits:
    """Time (seconds, wall clock and CPU) and address space (bytes) of a parse."""

    #: Below gunicorn's 30 s worker timeout (docker/Dockerfile, deploy/stack.sh): an
    #: admin upload must answer before its worker is killed. The command line may allow
    #: more (import_legal_document --time-limit).
    seconds: float = 20
    #: Address space, not resident memory: the interpreter and its libraries take about
    #: 100 MB of it. Mammoth needed about 400 MB for a 5 MB document.xml.
    memory_bytes: int = 768 * MB
    #: Pages of a scanned PDF recognised by OCR (core.reading.ocr), at most, and the time
    #: of one page. About 2-5 s a page: the admin's single upload allows fewer
    #: (IMPORT_OCR_REQUEST_MAX_PAGES), a background import or the command this many.
    ocr_pages: int = 50
    ocr_page_seconds: float = 30

    @classmethod
    def from_settings(cls) -> ParseLimits:
        """``CONGTHONGTIN``'s IMPORT_PARSE_SECONDS, IMPORT_PARSE_MEMORY_BYTES,
        IMPORT_OCR_MAX_PAGES and IMPORT_OCR_PAGE_SECONDS, else the defaults above."""
        from .conf import app_settings

        return cls(
            seconds=app_settings.IMPORT_PARSE_SECONDS,
            memory_bytes=app_settings.IMPORT_PARSE_MEMORY_BYTES,
            ocr_pages=app_settings.IMPORT_OCR_MAX_PAGES,
            ocr_page_seconds=app_settings.IMPORT_OCR_PAGE_SECONDS,
        )


class LimitExceeded(Exception):
    """A bound was reached; ``code`` says which, ``params`` the numbers."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self) -> str:
        """The reason in the active language (call it in the Django process)."""
        from django.utils.translation import gettext as _

        params = dict(self.params)
        for key in ("limit", "size", "total"):
            if key in params:
                params[key] = f"{params[key] / MB:.0f}"
        messages = {
            "broken": _("The file is damaged: its ZIP package cannot be read (%(error)s)."),
            "members": _(
                "The file holds %(count)s parts, more than the %(limit_count)s a document "
                "may have: it looks like a hostile file and was not opened."
            ),
            "member_size": _(
                "The part “%(name)s” inflates to more than %(limit)s MB: the file looks like "
                "a compression bomb and was not read."
            ),
            "total_size": _(
                "The file inflates to more than %(limit)s MB in all: it looks like a "
                "compression bomb and was not read."
            ),
            "ratio": _(
                "The part “%(name)s” inflates more than %(ratio)s times its compressed size: "
                "the file looks like a compression bomb and was not read."
            ),
            "time": _(
                "Reading the file took longer than %(seconds)s seconds and was stopped: the "
                "file is too large or too complex. Split it, or save it again from Word and "
                "retry."
            ),
            "memory": _(
                "Reading the file needed more than %(limit)s MB of memory and was stopped: "
                "the file is too large or too complex. Split it, or save it again from Word "
                "and retry."
            ),
            "crashed": _("The file could not be read: the reader stopped (%(error)s)."),
        }
        template = messages.get(self.code, messages["crashed"])
        try:
            return template % params
        except (KeyError, TypeError, ValueError):
            return template


def check_zip(data, limits: ZipLimits | None = None) -> None:
    """Refuse a ZIP that is broken or inflates beyond ``limits``; read nothing else.
    ``data`` is the bytes or a seekable binary file (a batch's archive, read from disk).

    The declared sizes are checked first (free); then every member is inflated in chunks
    and counted, because a header can lie: the counting stops at the first bound, so a
    bomb costs at most ``max_total_bytes`` of inflation and ``_CHUNK`` of memory. Members
    that are themselves archives (an embedded spreadsheet is a ZIP) are counted as bytes
    and never opened.
    """
    limits = limits or ZipLimits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise LimitExceeded("broken", error=str(error)[:200]) from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise LimitExceeded("members", count=len(members), limit_count=limits.max_members)
        declared = 0
        for info in members:
            _check_member(info.filename, info.file_size, info.compress_size, limits)
            declared += info.file_size
            if declared > limits.max_total_bytes:
                raise LimitExceeded("total_size", limit=limits.max_total_bytes)
        total = 0
        for info in members:
            if info.is_dir():
                continue
            size = 0
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        _check_member(info.filename, size, info.compress_size, limits)
                        if total > limits.max_total_bytes:
                            raise LimitExceeded("total_size", limit=limits.max_total_bytes)
            except LimitExceeded:
                raise
            except (
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                NotImplementedError,
                RuntimeError,  # encrypted member
                ValueError,
            ) as error:
                raise LimitExceeded("broken", error=str(error)[:200]) from error


def _check_member(name: str, size: int, compressed: int, limits: ZipLimits) -> None:
    if size > limits.max_member_bytes:
        raise LimitExceeded("member_size", name=name[:80], limit=limits.max_member_bytes)
    if size > limits.ratio_floor and size > limits.max_ratio * max(compressed, 1):
        raise LimitExceeded("ratio", name=name[:80], ratio=limits.max_ratio)


# The worker ---------------------------------------------------------------------------
#: Exit codes of the worker.
_EXIT_MEMORY = 3
_EXIT_CRASH = 4


def run_bounded(target: str, data: bytes, *args: str, limits: ParseLimits | None = None):
    """``module.function(data, *args)`` run in a worker process within ``limits``;
    returns what the function returned (JSON-serialisable). Raises ``LimitExceeded``
    ("time", "memory" or "crashed"). ``target`` must name a function of a module that
    imports without Django; its own refusals are for it to return as data."""
    limits = limits or ParseLimits()
    command = [
        sys.executable,
        "-m",
        "congthongtin.core.limits",
        target,
        str(limits.seconds),
        str(limits.memory_bytes),
        *args,
    ]
    path = [str(_ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    try:
        done = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            cwd=_ROOT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise LimitExceeded("time", seconds=f"{limits.seconds:g}") from error
    if done.returncode == 0:
        return json.loads(done.stdout)
    if done.returncode == _EXIT_MEMORY:
        raise LimitExceeded("memory", limit=limits.memory_bytes)
    if done.returncode in (-9, -24, 128 + 9, 128 + 24):  # SIGKILL, SIGXCPU: CPU limit
        raise LimitExceeded("time", seconds=f"{limits.seconds:g}")
    error = done.stderr.decode(errors="replace").strip().splitlines()
    raise LimitExceeded("crashed", error=(error[-1] if error else str(done.returncode))[:200])


def _worker(argv: list[str]) -> int:
    import resource

    target, seconds, memory, *args = argv
    memory_bytes = int(memory)
    cpu = max(1, int(float(seconds)) + 1)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    data = sys.stdin.buffer.read()
    module, _dot, function = target.rpartition(".")
    try:
        result = getattr(importlib.import_module(module), function)(data, *args)
        output = json.dumps(result, ensure_ascii=False)
    except MemoryError:
        return _EXIT_MEMORY
    except RecursionError:
        sys.stderr.write("RecursionError: nesting too deep\n")
        return _EXIT_CRASH
    except Exception as error:
        sys.stderr.write(f"{type(error).__name__}: {error}"[:500] + "\n")
        return _EXIT_CRASH
    sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
