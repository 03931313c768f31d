"""Import a file as a DRAFT document page (R-SUB-1: Word files become page content without
retyping; R-LEGAL-1: links between related documents).

The file is read (``readers``), its metadata extracted (``extract``), matched against
the library (type, issuing body, cited documents by canonical number) and, unless it is a
dry run, saved in one transaction: a Wagtail document holding the original file, and a
page that is not live, attached to it, with a "căn cứ" relation for each citation found
in the library. A failure leaves nothing behind: no page, no document row, no stored
file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from congthongtin.core.bodies import body_collection, site_of_page
from congthongtin.core.models import Agency
from congthongtin.core.reading import ReadError, ReadResult, read_document_bounded
from congthongtin.core.slugs import free_child_slug
from congthongtin.vietnam.fold import fold, slugify

from ..models import (
    DocumentType,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from ..signatures import check_signatures
from .extract import CitationInfo, Extracted, agency_name, extract_metadata

logger = logging.getLogger(__name__)


class ImportFailed(Exception):
    """Nothing was created; ``str(error)`` says why (Vietnamese)."""


@dataclass
class ImportReport:
    file: str
    extracted: Extracted | None = None
    resolved: list[LegalDocumentPage] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    page: LegalDocumentPage | None = None
    problems: list[str] = field(default_factory=list)
    ok: bool = False
    read: ReadResult | None = None
    duplicate: LegalDocumentPage | None = None

    def as_json(self, request=None) -> dict:
        ex = self.extracted
        return {
            "file": self.file,
            "ok": self.ok,
            "number_symbol": ex.number_symbol if ex else "",
            "document_type": ex.document_type if ex else None,
            "issuing_body": ex.issuing_body if ex else None,
            "place": ex.place if ex else None,
            "issue_date": ex.issue_date.isoformat() if ex and ex.issue_date else None,
            "signer": ex.signer if ex else None,
            "signer_position": ex.signer_position if ex else None,
            "summary": ex.summary if ex else None,
            "citations": [c.label for c in ex.citations] if ex else [],
            "resolved": [_page_url(p, request) for p in self.resolved],
            "unresolved": self.unresolved,
            "page_url": _page_url(self.page, request) if self.page else None,
            "problems": self.problems,
            "text_from_ocr": bool(self.read and self.read.ocr),
        }


def _page_url(page, request=None) -> str:
    url = page.get_url(request=request)
    return url or page.url_path


def _agency_key(name: str) -> str:
    return fold(agency_name(name))


def find_agency(name: str | None) -> Agency | None:
    """The agency whose name matches, diacritics- and abbreviation-insensitive."""
    if not name:
        return None
    key = _agency_key(name)
    for agency in Agency.objects.all():
        if _agency_key(agency.name) == key:
            return agency
    return None


def resolve_citation(citation: CitationInfo, library: LegalDocumentIndexPage | None):
    """The cited document in the library, preferring this library's own copy.

    By canonical number first; a law cited without number ("Luật Công nghệ thông tin
    ngày 29/6/2006") matches by type, issue date and name when exactly one does.
    """
    documents = LegalDocumentPage.objects.all()
    if citation.number_key:
        candidates = list(documents.filter(number_key=citation.number_key))
        if citation.date:
            dated = [d for d in candidates if d.issue_date == citation.date]
            candidates = dated or candidates
    elif citation.kind and citation.date and citation.title:
        name = _expand_abbreviations(fold(citation.title))
        candidates = [
            d
            for d in documents.filter(document_type__name=citation.kind, issue_date=citation.date)
            if name in d.title_key
        ]
    else:
        return None
    if library is not None:
        own = [d for d in candidates if d.path.startswith(library.path)]
        candidates = own or candidates
    if len(candidates) > 1:
        live = [d for d in candidates if d.live]
        candidates = live or candidates
    return candidates[0] if len(candidates) == 1 else None


_ABBREVIATIONS = {"hdnd": "hoi dong nhan dan", "ubnd": "uy ban nhan dan"}


def _expand_abbreviations(folded: str) -> str:
    """ "to chuc hdnd va ubnd" → "to chuc hoi dong nhan dan va uy ban nhan dan"."""
    for short, full in _ABBREVIATIONS.items():
        folded = re.sub(rf"\b{short}\b", full, folded)
    return folded


def default_library() -> LegalDocumentIndexPage | None:
    libraries = list(LegalDocumentIndexPage.objects.all()[:2])
    return libraries[0] if len(libraries) == 1 else None


def find_library(slug: str | None) -> LegalDocumentIndexPage:
    if not slug:
        library = default_library()
        if library is None:
            raise ImportFailed(
                _("Say which library the documents go to (--parent SLUG): there are several.")
                if LegalDocumentIndexPage.objects.exists()
                else _("There is no legal document library page yet.")
            )
        return library
    library = LegalDocumentIndexPage.objects.filter(slug=slug).first()
    if library is None:
        raise ImportFailed(
            _("No legal document library with the slug “%(slug)s”.") % {"slug": slug}
        )
    return library


def analyse(
    data: bytes, filename: str, library: LegalDocumentIndexPage | None, parse_limits=None
) -> ImportReport:
    """Read and match a file without writing anything. ``parse_limits`` (a
    ``congthongtin.core.limits.ParseLimits``) bounds the parse; the settings' by default."""
    report = ImportReport(file=filename)
    try:
        read = read_document_bounded(data, filename, parse_limits=parse_limits)
    except ReadError as error:
        report.problems.append(str(error))
        return report
    extracted = extract_metadata(read.text, legacy_runs=read.legacy_runs)
    report.extracted = extracted
    report.problems.extend(read.notes)
    report.problems.extend(extracted.problems)
    if not extracted.is_legal_document:
        return report
    report.read = read  # kept for the page body
    for citation in extracted.citations:
        found = resolve_citation(citation, library)
        if found is None:
            report.unresolved.append(citation.label)
        elif found not in report.resolved:
            report.resolved.append(found)
    if extracted.issuing_body and find_agency(extracted.issuing_body) is None:
        report.problems.append(
            _(
                "The issuing body “%(name)s” is not in the list of agencies: choose it in the "
                "editor."
            )
            % {"name": extracted.issuing_body}
        )
    if extracted.number and library is not None:
        duplicate = (
            LegalDocumentPage.objects.child_of(library)
            .filter(number_key=extracted.number.search_key)
            .first()
        )
        if duplicate is not None and (
            not extracted.issue_date
            or not duplicate.issue_date
            or duplicate.issue_date.year == extracted.issue_date.year
        ):
            report.problems.append(
                _("The library already has %(number)s: %(url)s")
                % {"number": extracted.number_symbol, "url": _page_url(duplicate)}
            )
            report.duplicate = duplicate
    report.ok = True
    return report


def import_document(
    data: bytes,
    filename: str,
    *,
    library: LegalDocumentIndexPage,
    user=None,
    dry_run: bool = False,
    parse_limits=None,
) -> ImportReport:
    """Analyse ``data`` and, unless ``dry_run``, create the draft page with its file, in a
    transaction of its own. Never raises: a failure is in the report."""
    filename = PurePath(filename).name
    try:
        report = analyse(data, filename, library, parse_limits)
    except Exception as error:
        # Whatever a file makes a reader or the extraction raise is a refusal of that
        # file only: the other files of the upload are still imported, and the editor is
        # told which file failed and why (issue 16: a pypdf LimitReachedError answered
        # 500 after the previous file's draft had been created).
        logger.exception("Analysis of %s failed", filename)
        report = ImportReport(file=filename)
        report.problems.append(
            _("The file could not be read (%(error)s): it was not imported.")
            % {"error": f"{type(error).__name__}: {str(error)[:200]}"}
        )
        return report
    if report.duplicate is not None:
        report.ok = False
    if not report.ok or dry_run:
        return report
    stored: dict = {}
    try:
        with transaction.atomic():
            report.page = _create(report, data, filename, library, user, stored)
    except Exception as error:
        if stored.get("name"):
            _delete_file(stored["name"])
        logger.exception("Import of %s failed", filename)
        report.ok = False
        report.problems.append(_("The page could not be created: %(error)s") % {"error": error})
    return report


def _delete_file(name: str) -> None:
    Document = get_document_model()
    storage = Document._meta.get_field("file").storage
    try:
        storage.delete(name)
    except Exception:
        logger.exception("Could not delete the stored file %s", name)


def _create(report: ImportReport, data, filename, library, user, stored: dict):
    extracted = report.extracted
    Document = get_document_model()
    # The original file goes to the body's collection, where its board keeps its files.
    document = Document(
        title=extracted.title[:255],
        uploaded_by_user=user,
        collection=body_collection(site_of_page(library)),
    )
    document.file.save(filename, ContentFile(data), save=False)
    stored["name"] = document.file.name
    document._set_document_file_metadata()
    document.save()
    check_signatures(document, data)  # ký số: signer, integrity, trust (legal.signatures)
    document_type = DocumentType.lookup(
        name=extracted.document_type,
        abbreviation=extracted.number.type_code if extracted.number else None,
    )
    page = LegalDocumentPage(
        title=extracted.title[:255],
        slug=free_child_slug(
            library,
            (
                slugify(f"{extracted.document_type or ''} {extracted.number_symbol}")
                if extracted.number
                else slugify(extracted.title, max_length=80)
            )[:200],
            "van-ban",
        ),
        live=False,
        number_symbol=extracted.number_symbol,
        document_type=document_type,
        issuing_body=find_agency(extracted.issuing_body),
        signer=extracted.signer or "",
        signer_position=(extracted.signer_position or "")[:255],
        place_of_issue=extracted.place or "",
        issue_date=extracted.issue_date,
        summary=extracted.summary or "",
        full_text=report.read.html,
        text_from_ocr=report.read.ocr,
        owner=user,
    )
    page.attachments.add(LegalDocumentAttachment(document=document))
    for order, target in enumerate(report.resolved):
        page.relations.add(
            LegalDocumentRelation(
                target=target, relation_type=RelationType.BASED_ON, sort_order=order
            )
        )
    library.add_child(instance=page)
    page.save_revision(user=user, log_action="wagtail.create", clean=False)
    return page
