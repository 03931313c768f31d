"""Check the digital signatures (ký số) of a legal document's PDF and store what was found
(legal.models.signatures), for the public page to show beside the file.

When: at import (legal.importer.service calls ``check_signatures`` once the file is
stored), when a file is attached to a document page and saved (a receiver on
``LegalDocumentAttachment``, legal.signals), when an attached file is replaced (a receiver
on the Document model), and by ``manage.py verify_signatures`` after the trust anchors
change. Never on a public request: the page reads what is stored.

How: the file is read by ``core.reading.signatures`` in the bounded worker
(``core.limits.run_bounded``: a time and memory limit, so a hostile file is refused instead
of hanging the server), against the active trust anchors of the install
(core.models.TrustAnchor). A check never raises: a file that cannot be checked gets a
``SignatureCheck`` saying why, and the import or the page save goes on.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from congthongtin.core.models import TrustAnchor

from .models import DocumentSignature, SignatureCheck

logger = logging.getLogger(__name__)

READER = "congthongtin.core.reading.signatures.read_packed"


def is_pdf(document) -> bool:
    return (document.file_extension or "").lower() == "pdf"


def _read_file(document) -> bytes:
    with document.open_file() as handle:
        return handle.read()


def read(data: bytes, roots: list[bytes], parse_limits=None) -> dict:
    """The reader's result for ``data`` (bounded); a bound reached or the "importers"
    extra missing is a refusal, like a broken file."""
    from congthongtin.core.extras import missing_modules
    from congthongtin.core.limits import LimitExceeded, ParseLimits, run_bounded
    from congthongtin.core.reading.signatures import pack, read_signatures

    if b"/ByteRange" not in data or not data.startswith(b"%PDF-"):
        return read_signatures(data)  # nothing signed: no worker needed
    missing = missing_modules("pyhanko")
    if missing:
        return {
            "signatures": [],
            "refused": _(
                "The server cannot check digital signatures: the “importers” extra (pyhanko) "
                "is not installed."
            ),
        }
    try:
        return run_bounded(
            READER, pack(data, roots), limits=parse_limits or ParseLimits.from_settings()
        )
    except LimitExceeded as error:
        return {"signatures": [], "refused": error.message()}


def _datetime(value):
    return parse_datetime(value) if value else None


@transaction.atomic
def store(document, result: dict, anchors: int) -> SignatureCheck:
    """Replace what is stored for ``document`` with ``result`` (the reader's)."""
    now = timezone.now()
    check, _created = SignatureCheck.objects.update_or_create(
        document=document,
        defaults={
            "file_hash": document.file_hash or "",
            "checked_at": now,
            "anchors": anchors,
            "refused": result.get("refused") or "",
        },
    )
    DocumentSignature.objects.filter(document=document).delete()
    rows = []
    for item in result.get("signatures", []):
        rows.append(
            DocumentSignature(
                document=document,
                index=item["index"],
                field_name=(item.get("field") or "")[:255],
                signer=(item.get("signer") or "")[:255],
                organisation=(item.get("organisation") or "")[:600],
                signed_at=_datetime(item.get("signed_at")),
                time_source=item.get("time_source") or "",
                issuer=(item.get("issuer") or "")[:255],
                serial=(item.get("serial") or "")[:130],
                valid_from=_datetime(item.get("valid_from")),
                valid_to=_datetime(item.get("valid_to")),
                intact=bool(item.get("intact")),
                valid=bool(item.get("valid")),
                coverage=item.get("coverage") or "",
                modification=item.get("modification") or "",
                trust=item.get("trust") or "not_checked",
                trusted_at_signing=bool(item.get("trusted_at_signing")),
                problem=item.get("problem") or "",
                checked_at=now,
            )
        )
    DocumentSignature.objects.bulk_create(rows)
    return check


def check_signatures(document, data: bytes | None = None, roots=None) -> SignatureCheck | None:
    """Check and store the signatures of ``document`` (a Wagtail document; ``data`` its
    bytes when the caller has them). Not a PDF: nothing is stored (and what was is
    removed). Never raises: a failure is logged and leaves the previous check, if any."""
    try:
        if not is_pdf(document):
            SignatureCheck.objects.filter(document=document).delete()
            DocumentSignature.objects.filter(document=document).delete()
            return None
        if data is None:
            data = _read_file(document)
        if roots is None:
            roots = TrustAnchor.objects.certificates()
        result = read(data, roots)
        return store(document, result, len(roots))
    except Exception:
        logger.exception("Checking the signatures of document %s failed", document.pk)
        return None


def ensure_checked(document) -> SignatureCheck | None:
    """``check_signatures`` unless the file was already checked as it is now."""
    if not is_pdf(document):
        return None
    check = SignatureCheck.objects.filter(document=document).first()
    if check is not None and check.file_hash == (document.file_hash or ""):
        return check
    return check_signatures(document)


def signatures_by_document(document_ids) -> dict[int, list[DocumentSignature]]:
    """document id → its signatures in signing order; one query."""
    found: dict[int, list[DocumentSignature]] = {}
    ids = [pk for pk in document_ids if pk]
    if not ids:
        return found
    for row in DocumentSignature.objects.filter(document_id__in=ids).order_by(
        "document_id", "index"
    ):
        found.setdefault(row.document_id, []).append(row)
    return found


def attached_documents(site=None):
    """The Wagtail documents attached to legal document pages (of ``site``'s body only
    when given), each once."""
    from wagtail.documents import get_document_model

    from .models import LegalDocumentAttachment

    attachments = LegalDocumentAttachment.objects.all()
    if site is not None:
        root = site.root_page
        attachments = attachments.filter(page__path__startswith=root.path)
    ids = attachments.values_list("document_id", flat=True).distinct()
    return get_document_model().objects.filter(pk__in=ids).order_by("pk")


def recheck(site=None):
    """Check again, against the current trust anchors, every PDF attached to a legal
    document (of ``site``'s body when given); yields (document, check or None)."""
    roots = TrustAnchor.objects.certificates()
    for document in attached_documents(site).iterator():
        if is_pdf(document):
            yield document, check_signatures(document, roots=roots)
