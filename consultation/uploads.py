"""Files citizens attach to a comment or question: type and size checked by content.

The extension alone proves nothing (an ``.pdf`` can be an HTML page or a program): each
allowed type is recognised by its signature, and the Office formats by what is inside
the archive. Allowed: PDF, DOC, DOCX, ODT, JPG, PNG (R-SUB-1 lists Word/ODT text and
images), at most ``CONGTHONGTIN["PUBLIC_FORM_MAX_UPLOAD_MB"]`` (10 MB by default).
"""

from __future__ import annotations

import os
import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congthongtin.core.conf import app_settings
from congthongtin.vietnam.fold import slugify

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "odt", "jpg", "jpeg", "png")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def max_upload_bytes() -> int:
    return app_settings.PUBLIC_FORM_MAX_UPLOAD_MB * 1024 * 1024


def _head(uploaded, size: int = 64) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head


def _zip_names(uploaded) -> tuple[set[str], bytes]:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return set(), b""
    finally:
        uploaded.seek(0)
    return names, mimetype


def detected_type(uploaded) -> str | None:
    """ "pdf", "doc", "docx", "odt", "jpg", "png" from the content, or None."""
    head = _head(uploaded)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(OLE_SIGNATURE):
        return "doc"
    if head.startswith(ZIP_SIGNATURE):
        names, mimetype = _zip_names(uploaded)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
        if mimetype.strip() == ODT_MIMETYPE and "content.xml" in names:
            return "odt"
    return None


def validate_attachment(uploaded) -> None:
    """Raise ValidationError unless ``uploaded`` is an allowed type within the size limit."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is larger than %(mb)s MB. Send a smaller file."),
            code="file_too_large",
            params={"mb": limit // (1024 * 1024)},
        )
    extension = os.path.splitext(uploaded.name or "")[1].lstrip(".").lower()
    allowed = ", ".join(ext.upper() for ext in ("pdf", "doc", "docx", "odt", "jpg", "png"))
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of this type are not accepted. Send one of: %(allowed)s."),
            code="file_type",
            params={"allowed": allowed},
        )
    found = detected_type(uploaded)
    expected = "jpg" if extension == "jpeg" else extension
    if found != expected:
        raise ValidationError(
            _(
                "The file's content is not a %(ext)s file. Send one of: %(allowed)s, saved "
                "in that format."
            ),
            code="file_content",
            params={"ext": extension.upper(), "allowed": allowed},
        )


def comment_upload_to(instance, filename):
    """``upload_to`` of comment files: a random folder per file and an ASCII name, so that
    nobody can guess another person's file and no name breaks a path."""
    stem, extension = os.path.splitext(filename)
    safe = slugify(stem, max_length=60) or "tep"
    return f"consultation/gop-y/{secrets.token_hex(12)}/{safe}{extension.lower()[:6]}"
