"""Reading nginx's statistics log into the aggregates (``manage.py ingest_access_log``).

**Where a file was left.** A file is known by a fingerprint of its first complete line
(``LogCursor``), not by its name, and its cursor holds the bytes read (of the uncompressed
text). So, whatever the rotation:

* rename (``stats.log`` → ``stats.log.1``, a new ``stats.log``): the renamed file has the
  old fingerprint and continues where the live file stopped; the new file starts at 0;
* copytruncate (the live file copied, then emptied): the copy continues, the emptied file
  has a new first line, hence a new cursor; a file shorter than its cursor starts again;
* gzip of old files (``.gz``): read through gzip; a file whose cursor is at its end (the
  gzip trailer's size) is passed over without decompressing it;
* restarts and repeated runs: the cursor is in the database, written in the same
  transaction as the counts of the lines it covers, so no line is ever counted twice;
* a partial last line (nginx still writing it): not read until its newline is there.

Older files are read first (``stats.log.2.gz``, ``stats.log.1``, ``stats.log``), so visits
see the lines in time order.

**Chunks.** :data:`CHUNK_LINES` lines at a time: their counts and the cursor in one
transaction, then the visitors' last-seen times in the cache. Memory stays bounded by a
chunk, whatever the file's size.

**One at a time.** A lock in the shared cache (:func:`lock`): a second ingestion while one
runs stops at once with a message.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import secrets
import struct
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from . import counting, logs, targets
from .models import LogCursor

CHUNK_LINES = 20_000
READ_BYTES = 1 << 20
LOCK_KEY = "stats:ingest:lock"
#: The lock expires on its own if an ingestion dies; each chunk renews it.
LOCK_TIMEOUT = 15 * 60


class Busy(Exception):
    """Another ingestion holds the lock."""


@contextmanager
def lock():
    token = secrets.token_hex(8)
    if not cache.add(LOCK_KEY, token, LOCK_TIMEOUT):
        raise Busy
    try:
        yield lambda: cache.touch(LOCK_KEY, LOCK_TIMEOUT)
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


@dataclass
class Summary:
    files: int = 0
    lines: int = 0
    counted: int = 0
    skipped: Counter = field(default_factory=Counter)
    #: hostname → {"views", "downloads", "clicks"}
    sites: dict = field(default_factory=lambda: defaultdict(Counter))
    cache_hits: int = 0
    rows: int = 0
    folded: int = 0


_ROTATED = re.compile(r"\.(\d+)(\.gz)?$")


def reading_order(paths) -> list[Path]:
    """Oldest first: higher rotation numbers before lower, the live file last; files
    without a number (per-day names) by name."""

    def key(path: Path):
        found = _ROTATED.search(path.name)
        return (-int(found.group(1)) if found else 0, path.name)

    return sorted((Path(p) for p in paths), key=key)


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def fingerprint(path: Path) -> str | None:
    """sha256 of the first complete line, or None while the file has none."""
    with _open(path) as stream:
        first = stream.readline(64 * 1024)
    if not first.endswith(b"\n"):
        return None
    return hashlib.sha256(first).hexdigest()


def _gzip_size(path: Path) -> int:
    """The uncompressed size mod 2³² (gzip's trailer; exact below 4 GiB, one member)."""
    with open(path, "rb") as stream:
        stream.seek(-4, os.SEEK_END)
        return struct.unpack("<I", stream.read(4))[0]


def _finished(path: Path, offset: int) -> bool:
    if path.suffix == ".gz":
        return offset > 0 and _gzip_size(path) == offset % (1 << 32)
    return path.stat().st_size == offset


def chunks(stream, size: int = CHUNK_LINES):
    """(complete lines, bytes they take) from the stream's position, ``size`` lines at a
    time; what follows the last newline is left for the next run."""
    pending = b""
    lines: list[bytes] = []
    used = 0
    while True:
        block = stream.read(READ_BYTES)
        if not block:
            break
        parts = (pending + block).split(b"\n")
        pending = parts.pop()
        for line in parts:
            lines.append(line)
            used += len(line) + 1
            if len(lines) >= size:
                yield lines, used
                lines, used = [], 0
    if lines:
        yield lines, used


class Ingestion:
    def __init__(self, *, dry_run: bool = False, chunk_lines: int = CHUNK_LINES, stdout=None):
        self.dry_run = dry_run
        self.chunk_lines = chunk_lines
        self.summary = Summary()
        self.site_map = targets.SiteMap()
        self.classifier = logs.Classifier(self.site_map)
        self.seen: dict = {}  # dry run only: the last-seen state it would have written
        self.renew = lambda: None

    def run(self, paths) -> Summary:
        with lock() as renew:
            self.renew = renew
            for path in reading_order(paths):
                self.read_file(path)
            if not self.dry_run:
                self.summary.folded = counting.fold_months()
        return self.summary

    def read_file(self, path: Path) -> None:
        print_ = fingerprint(path)
        if print_ is None:
            return
        cursor = LogCursor.objects.filter(fingerprint=print_).first() or LogCursor(
            fingerprint=print_, offset=0, lines=0
        )
        cursor.path = str(path)[:500]
        if _finished(path, cursor.offset):
            return
        self.summary.files += 1
        with _open(path) as stream:
            if path.suffix != ".gz" and cursor.offset > path.stat().st_size:
                cursor.offset = cursor.lines = 0  # emptied and refilled: a new file
            stream.seek(cursor.offset)  # gzip: decompresses up to there
            for lines, used in chunks(stream, self.chunk_lines):
                self.read_chunk(lines, cursor, used)

    def read_chunk(self, lines: list[bytes], cursor: LogCursor, used: int) -> None:
        events = []
        summary = self.summary
        for line in lines:
            summary.lines += 1
            hit = logs.parse(line)
            if hit is None:
                summary.skipped[logs.MALFORMED] += 1
                continue
            found = self.classifier.classify(hit)
            if isinstance(found, str):
                summary.skipped[found] += 1
                continue
            root, target = found
            events.append(counting.Event(root.site_id, hit.time, target, hit.addr, hit.ua))
            summary.counted += 1
            summary.cache_hits += hit.cache == "HIT"
            summary.sites[self.site_map.hostnames.get(root.site_id, root.site_id)][target.kind] += 1
        events.sort(key=lambda e: e.time)
        result = counting.tally(events, self.seen if self.dry_run else None)
        cursor.offset += used
        cursor.lines += len(lines)
        if self.dry_run:
            self.seen.update(result.seen)
            return
        with transaction.atomic():
            summary.rows += counting.write(result)
            cursor.save()
        counting.remember(result)
        self.renew()


def ingest(paths, **options) -> Summary:
    """Read ``paths`` (see the module); raises :class:`Busy` if another run holds the lock."""
    return Ingestion(**options).run(paths)
