"""Files sent with a contribution (R-SUB-1: Word or ODT text, JPG, GIF, BMP or PNG images),
recognised by their content, not by their name.

The extension alone proves nothing (a ``.docx`` can be a program, a ``.jpg`` an HTML
page): each type is recognised by its signature, the Office formats by what is inside the
package (``core.reading.sniff``: ``word/document.xml``, the ODT ``mimetype``), an OLE2
file must be a Word document (not a spreadsheet renamed), and an image must open in
Pillow within a pixel bound (no decompression bomb). The name must agree with the
content. Sizes: ``CONGTHONGTIN["PUBLIC_FORM_MAX_UPLOAD_MB"]`` a file, ``MAX_FILES`` files,
``MAX_TOTAL_MB`` together.
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congthongtin.core.conf import app_settings
from congthongtin.core.reading import sniff

MAX_FILES = 5
MAX_TOTAL_MB = 30
#: A large camera picture; beyond it Pillow's decompression-bomb guard is the reason.
MAX_IMAGE_PIXELS = 50_000_000

#: Extension → kind (by content) it must be.
EXTENSIONS = {
    "docx": "docx",
    "doc": "doc",
    "odt": "odt",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
    "gif": "gif",
    "bmp": "bmp",
}
ACCEPT = ",".join(f".{extension}" for extension in EXTENSIONS)
ALLOWED_TEXT = "DOCX, DOC, ODT, JPG, PNG, GIF, BMP"


def max_file_bytes() -> int:
    return int(app_settings.PUBLIC_FORM_MAX_UPLOAD_MB) * 1024 * 1024


def _read(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"BM") and len(data) > 26:
        return "bmp"
    return None


def _image_opens(data: bytes, kind: str) -> bool:
    import io

    from PIL import Image

    formats = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "bmp": "BMP"}
    try:
        with Image.open(io.BytesIO(data), formats=[formats[kind]]) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return False
            image.verify()
    except Exception:
        return False
    return True


def _is_word_ole(data: bytes) -> bool:
    from congthongtin.core.reading.doc import ole_kind

    try:
        return ole_kind(data) == "doc"
    except Exception:
        return False


def detected_kind(data: bytes) -> str | None:
    """ "docx", "doc", "odt", "jpg", "png", "gif", "bmp" from the content, or None."""
    image = _image_kind(data)
    if image is not None:
        return image if _image_opens(data, image) else None
    kind = sniff(data)
    if kind == "doc":
        return "doc" if _is_word_ole(data) else None
    if kind in ("docx", "odt"):
        return kind
    return None


def validate_file(uploaded) -> str:
    """The kind of ``uploaded``, or ValidationError (in the active language) saying why it
    is refused."""
    limit = max_file_bytes()
    name = os.path.basename(uploaded.name or "")
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)s MB. Send a smaller file."),
            code="file_too_large",
            params={"name": name, "mb": limit // (1024 * 1024)},
        )
    if not uploaded.size:
        raise ValidationError(_("“%(name)s” is empty."), code="file_empty", params={"name": name})
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("“%(name)s”: files of this type are not accepted. Send one of: %(allowed)s."),
            code="file_type",
            params={"name": name, "allowed": ALLOWED_TEXT},
        )
    found = detected_kind(_read(uploaded))
    if found != EXTENSIONS[extension]:
        raise ValidationError(
            _(
                "The content of “%(name)s” is not a %(ext)s file. Send one of: %(allowed)s, "
                "saved in that format."
            ),
            code="file_content",
            params={"name": name, "ext": extension.upper(), "allowed": ALLOWED_TEXT},
        )
    return found


def validate_files(files) -> list[tuple[object, str]]:
    """(file, kind) of every file, or ValidationError listing what is refused."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("Send at most %(count)d files."), code="too_many", params={"count": MAX_FILES}
        )
    total = sum(f.size for f in files)
    if total > MAX_TOTAL_MB * 1024 * 1024:
        raise ValidationError(
            _("The files together are larger than %(mb)d MB."),
            code="too_large",
            params={"mb": MAX_TOTAL_MB},
        )
    errors, result = [], []
    for uploaded in files:
        try:
            result.append((uploaded, validate_file(uploaded)))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return result
