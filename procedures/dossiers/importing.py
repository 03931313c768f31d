"""One export of the one-stop desk → a body's dossier statuses (one transition: ``import_status``).

The export is a full snapshot: an accepted file *replaces* the body's rows in one
transaction, so a reader sees either the old set or the new one, and a dossier the desk
no longer exports disappears. A file with any bad line is refused as a whole (its lines
are reported, the rows stay as they were): half an export would show some dossiers with
today's status and hide the others.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..models import DossierImport, DossierStatus
from .adapters import ADAPTERS, DossierFileError, JsonAdapter, guess_format
from .categories import category_of

#: Largest status file read (a commune's export is a few hundred kB).
MAX_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 30


@dataclass
class Source:
    """A status file's bytes, its name and, when known, when the desk wrote it."""

    name: str
    data: bytes
    modified_at: dt.datetime | None = None


def read_source(location: str) -> Source:
    """A local path or an http(s) address. Raises DossierFileError when it cannot be read."""
    if location.startswith(("http://", "https://")):
        return _fetch(location)
    path = Path(location)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DossierFileError([(0, "the file is larger than 20 MB")])
        data = path.read_bytes()
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError as error:
        raise DossierFileError([(0, f"cannot read {location}: {error.strerror}")]) from error
    return Source(name=location, data=data, modified_at=modified)


def _fetch(url: str) -> Source:
    request = urllib.request.Request(url, headers={"User-Agent": "congthongtin-dossiers"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
            modified = response.headers.get("Last-Modified")
    except OSError as error:
        raise DossierFileError([(0, f"cannot fetch {url}: {error}")]) from error
    if len(data) > MAX_BYTES:
        raise DossierFileError([(0, "the file is larger than 20 MB")])
    when = None
    if modified:
        try:
            when = email.utils.parsedate_to_datetime(modified)
        except (TypeError, ValueError):
            when = None
    return Source(name=url, data=data, modified_at=when)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)


def import_status(site, source: Source, fmt: str | None = None, now=None) -> DossierImport:
    """Replace ``site``'s dossier statuses with those of ``source``; the import is recorded
    either way. Raises DossierFileError (after recording the refusal) when the file is bad."""
    now = now or timezone.now()
    fmt = fmt or guess_format(source.name, source.data)
    exported_at = source.modified_at
    try:
        adapter = ADAPTERS[fmt]()
        if isinstance(adapter, JsonAdapter):
            exported_at = _aware(adapter.parse(source.data)[1]) or exported_at
        records = list(adapter.read(source.data))
    except DossierFileError as error:
        DossierImport.objects.create(
            site=site, source=source.name[:500], imported_at=now, errors=str(error)
        )
        raise
    record = DossierImport(
        site=site,
        source=source.name[:500],
        imported_at=now,
        exported_at=exported_at,
        rows=len(records),
    )
    record.stale = record.is_stale(now)
    rows = [
        DossierStatus(
            site=site,
            code=item.code,
            procedure_name=item.procedure_name,
            status=item.status,
            category=category_of(item.status),
            received_on=item.received_on,
            expected_on=item.expected_on,
            finished_on=item.finished_on,
            unit=item.unit,
            imported_at=now,
        )
        for item in records
    ]
    with transaction.atomic():
        DossierStatus.objects.filter(site=site).delete()
        DossierStatus.objects.bulk_create(rows, batch_size=500)
        record.save()
    return record


def last_accepted(site) -> DossierImport | None:
    """The body's last accepted import (a Site or its id): what the page's data dates from."""
    site_id = getattr(site, "pk", site)
    return (
        DossierImport.objects.filter(site_id=site_id, errors="")
        .order_by("-imported_at", "-pk")
        .first()
    )
