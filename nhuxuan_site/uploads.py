"""Uploaded documents are what their extension says (issue 11 hardening, ASVS 12.1/12.2).

Wagtail checks an image's real format (Willow) but a document only by its extension, so
``ban-an.pdf`` could be an HTML page or a macro-laden workbook. ``SniffedDocumentForm``
(``WAGTAILDOCS_DOCUMENT_FORM_BASE``) reads the first bytes and, for zip-based formats,
the archive's directory:

* the magic number must match the extension (PDF, OLE2 for .doc/.xls, zip for OOXML/ODF/
  .zip, JPEG, PNG);
* OOXML/ODF must contain their marker entry (``[Content_Types].xml`` / ``mimetype``);
* zip bombs are refused: at most ``MAX_ZIP_ENTRIES`` entries and ``MAX_ZIP_UNCOMPRESSED``
  bytes once expanded; Office macros (``vbaProject.bin``) are refused;
* a PDF declaring ``/JavaScript`` or ``/Launch`` actions in clear is refused.

Pure standard library. It does not replace an antivirus (ClamAV, docs/deploy.md).
"""

from __future__ import annotations

import zipfile

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED = 300 * 1024 * 1024
PDF_DANGEROUS = (b"/JavaScript", b"/Launch")

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
MAGIC = {
    "pdf": (b"%PDF-",),
    "doc": (OLE2,),
    "xls": (OLE2,),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "zip": ZIP,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
OOXML = {"docx", "xlsx", "pptx"}
ODF = {"odt", "ods"}


def sniff_problem(name: str, uploaded) -> str | None:
    """Why the file is refused, or None."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = MAGIC.get(extension)
    uploaded.seek(0)
    head = uploaded.read(8)
    if expected is not None and not head.startswith(expected):
        return _("The file content does not match its extension .%(ext)s.") % {"ext": extension}
    try:
        if head.startswith(ZIP):
            return _zip_problem(uploaded, extension)
        if extension == "pdf":
            uploaded.seek(0)
            content = uploaded.read()
            if any(marker in content for marker in PDF_DANGEROUS):
                return _("PDF files with scripts or launch actions are not accepted.")
    finally:
        uploaded.seek(0)
    return None


def _zip_problem(uploaded, extension: str) -> str | None:
    uploaded.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded)
    except zipfile.BadZipFile:
        return _("The file is a damaged archive.")
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES or (
            sum(entry.file_size for entry in entries) > MAX_ZIP_UNCOMPRESSED
        ):
            return _("The archive expands to too many files or bytes.")
        names = {entry.filename for entry in entries}
        if any(entry.lower().endswith("vbaproject.bin") for entry in names):
            return _("Documents with macros are not accepted.")
        if extension in OOXML and "[Content_Types].xml" not in names:
            return _("The file content does not match its extension .%(ext)s.") % {"ext": extension}
        if extension in ODF and "mimetype" not in names:
            return _("The file content does not match its extension .%(ext)s.") % {"ext": extension}
    return None


class SniffedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a new upload is sniffed; an edit without a new file keeps the stored one.
        if isinstance(uploaded, UploadedFile):
            problem = sniff_problem(uploaded.name, uploaded)
            if problem:
                raise forms.ValidationError(problem)
        return uploaded
