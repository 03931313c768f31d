"""Read the text (and, where the format has it, the structure) of an uploaded document.

The kind of a file is decided by its content, not its name: a PDF starts with
``%PDF-``, a .docx or .odt is a ZIP holding ``word/document.xml`` or an OpenDocument
``mimetype``; plain text is UTF-8 without NUL bytes. A name whose extension disagrees
with the content is refused. Legacy 8-bit text (TCVN3, VNI) is decoded and converted to
Unicode (R-SITE-2). Every failure is a ``ReadError`` with a Vietnamese message; so is
every error a parser raises on a hostile or broken file (pypdf's ``LimitReachedError``
included): a refusal of that file, never a crash of the import. The body HTML keeps only
what the rich-text editor allows (``core.richtext``): a Word file's ``javascript:`` link
is not stored.

``read_document`` parses in the calling process and needs no Django; the importer calls
``read_document_bounded``, which measures a ZIP package first and parses in a worker
process with a time and memory limit (``congthongtin.core.limits``; issue 16: a 17 KB .docx took
40-70 s and 400 MB to parse, a 180 KB one over 3 GB).
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.etree import ElementTree

from congthongtin.core.extras import missing_modules
from congthongtin.core.richtext import clean_html
from congthongtin.vietnam.text import detect_legacy

from .extract import unicode_text

MAX_BYTES = 20 * 1024 * 1024
#: Extensions accepted, and the kind of content each must have.
EXTENSIONS = {"docx": "docx", "odt": "odt", "pdf": "pdf", "txt": "txt"}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Word 97–2003)
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_ODF_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class ReadError(Exception):
    """The file cannot be imported; ``str(error)`` is the Vietnamese reason."""


@dataclass
class ReadResult:
    kind: str  # "docx", "odt", "pdf", "txt"
    text: str  # plain text, one paragraph per line
    html: str  # body HTML for the rich-text field
    notes: list[str] = field(default_factory=list)
    legacy_runs: int = 0  # legacy-encoded runs converted in ``text``


def clean(text: str) -> str:
    return unicode_text(text)[0]


def sniff(data: bytes) -> str | None:
    """The kind of ``data`` from its first bytes and, for ZIPs, its members."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_OLE2):
        return "doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names:
                    # At most the length of the ODT type: the member could be a bomb.
                    with archive.open("mimetype") as member:
                        if member.read(len(_ODT_MIME) + 2).strip() == _ODT_MIME:
                            return "odt"
        except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError, RuntimeError):
            return "zip"
        return "zip"
    if data.startswith((b"{\\rtf",)):
        return "rtf"
    sample = data[:4096]
    if b"\x00" in sample:
        return None
    return "txt"


def _paragraphs_html(paragraphs) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())


def _text_to_html(text: str) -> str:
    return _paragraphs_html(" ".join(line.replace("**", "").split()) for line in text.splitlines())


def read_txt(data: bytes) -> ReadResult:
    notes = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # 8-bit legacy text: TCVN3 and VNI bytes read as Windows-1252 are what
        # vietnam.text recognises ("C¨n cø" → "Căn cứ").
        text = data.decode("cp1252", errors="replace")
        notes.append("Tệp không phải UTF-8: đã đọc theo bảng mã 8 bit cũ.")
        if not detect_legacy(text):
            raise ReadError(
                "Không đọc được tệp văn bản: tệp không ở dạng Unicode UTF-8 và không nhận ra "
                "bảng mã cũ (TCVN3, VNI). Hãy lưu lại tệp dưới dạng UTF-8."
            ) from None
    text, runs = unicode_text(text)
    return ReadResult("txt", text, _text_to_html(text), notes, runs)


#: Word's headings onto the editor's h2-h4 (the page title is the h1); anything else a
#: style map would make is left to the sanitiser.
_DOCX_STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
"""


def read_docx(data: bytes) -> ReadResult:
    import mammoth

    # Images are not part of the text (the editor's features have none): not inlined as
    # data: addresses, which would copy every picture of the file into the HTML.
    no_images = mammoth.images.img_element(lambda image: {})
    try:
        body = mammoth.convert_to_html(
            io.BytesIO(data), style_map=_DOCX_STYLE_MAP, convert_image=no_images
        ).value
        # Raw text keeps table cells (the header of a document is usually a table) in order.
        text = mammoth.extract_raw_text(io.BytesIO(data)).value
    except MemoryError:
        raise  # the worker's memory limit: reported as such, not as a broken file
    except Exception as error:  # mammoth raises many kinds on broken packages
        raise ReadError(f"Không đọc được tệp Word (.docx): tệp hỏng ({error}).") from error
    text = re.sub(r"\n{2,}", "\n", text)
    if not text.strip():
        # Some producers keep text only in text boxes; python-docx sees the paragraphs.
        try:
            import docx

            document = docx.Document(io.BytesIO(data))
            text = "\n".join(p.text for p in document.paragraphs)
        except MemoryError:
            raise
        except Exception:
            text = ""
    text, runs = unicode_text(text)
    return ReadResult("docx", text, clean(body), legacy_runs=runs)


def read_odt(data: bytes) -> ReadResult:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except MemoryError:
        raise
    except Exception as error:  # zipfile and expat raise many kinds on broken packages
        raise ReadError("Không đọc được tệp OpenDocument (.odt): tệp hỏng.") from error
    paragraphs = []
    for element in root.iter():
        if element.tag in (f"{{{_ODF_NS}}}p", f"{{{_ODF_NS}}}h"):
            paragraphs.append(" ".join("".join(element.itertext()).split()))
    text, runs = unicode_text("\n".join(paragraphs))
    return ReadResult("odt", text, _text_to_html(text), legacy_runs=runs)


def read_pdf(data: bytes) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner password only restricts printing; the text opens with "".
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise ReadError(
                    "Tệp PDF được mã hóa bằng mật khẩu: không đọc được nội dung. Hãy gửi bản "
                    "PDF không đặt mật khẩu."
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except (ReadError, MemoryError):
        raise
    except LimitReachedError as error:
        # pypdf's own bounds (a stream inflating past ZLIB_MAX_OUTPUT_LENGTH, too many
        # tokens in a content stream…): a hostile or abnormal file, refused as such.
        raise ReadError(
            "Tệp PDF có luồng dữ liệu vượt giới hạn cho phép khi giải nén (có thể là tệp "
            "độc hại): không đọc tệp này."
        ) from error
    except Exception as error:  # pypdf raises many kinds on broken files
        raise ReadError(f"Không đọc được tệp PDF: tệp hỏng ({str(error)[:200]}).") from error
    text, runs = unicode_text("\n".join(pages))
    if not text.strip():
        raise ReadError(
            "Tệp PDF không có lớp chữ (có thể là bản quét ảnh): hãy gửi kèm bản Word hoặc "
            "PDF có chữ."
        )
    return ReadResult("pdf", text, _text_to_html(text), legacy_runs=runs)


READERS = {"txt": read_txt, "docx": read_docx, "odt": read_odt, "pdf": read_pdf}
#: Libraries of the "importers" extra each reader imports (core.extras); without them the
#: server refuses such files, saying why, instead of failing on an ImportError.
READER_MODULES = {"docx": ("mammoth", "docx"), "pdf": ("pypdf",)}


def read_document(data: bytes, filename: str) -> ReadResult:
    """Text and HTML of ``data``; raises ReadError with a Vietnamese message."""
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    if not data:
        raise ReadError("Tệp rỗng.")
    kind = sniff(data)
    if extension not in EXTENSIONS:
        if extension == "doc" or kind == "doc":
            raise ReadError(
                "Tệp Word 97–2003 (.doc) chưa được hỗ trợ: hãy lưu lại dưới dạng .docx."
            )
        raise ReadError(
            f"Loại tệp “.{extension or '?'}” không được hỗ trợ: chỉ nhận .docx, .odt, .pdf, .txt."
        )
    if kind == "zip" and extension in ("docx", "odt"):
        raise ReadError(
            f"Không đọc được tệp “.{extension}”: tệp hỏng hoặc không phải tài liệu văn bản."
        )
    if kind != EXTENSIONS[extension]:
        shown = {"doc": "Word 97–2003", "zip": "ZIP", "rtf": "RTF", None: "nhị phân"}.get(
            kind, kind
        )
        raise ReadError(
            f"Nội dung tệp không khớp phần mở rộng “.{extension}” (nội dung là {shown})."
        )
    missing = missing_modules(*READER_MODULES.get(kind, ()))
    if missing:
        raise ReadError(
            f"Máy chủ chưa cài thư viện đọc tệp “.{extension}” ({', '.join(missing)}, gói bổ "
            "sung “importers”): hãy báo quản trị kỹ thuật, hoặc gửi tệp .odt hoặc .txt."
        )
    result = READERS[kind](data)
    if not result.text.strip():
        raise ReadError("Tệp không có nội dung chữ.")
    result.html = clean_html(result.html)
    return result


def read_in_worker(data: bytes, filename: str) -> dict:
    """Entry point of the worker process (``congthongtin.core.limits.run_bounded``): the result as
    data, a refusal as ``{"refused": reason}``."""
    try:
        return dataclasses.asdict(read_document(data, filename))
    except ReadError as error:
        return {"refused": str(error)}


def read_document_bounded(data: bytes, filename: str, *, zip_limits=None, parse_limits=None):
    """``read_document`` within bounds: a ZIP package (.docx, .odt) is measured before any
    parser opens it (members, inflated sizes, compression ratio), then the file is parsed
    in a worker process limited in time and memory. Every bound reached is a ``ReadError``
    saying which. Needs Django settings (the limits and the messages' language)."""
    from congthongtin.core.limits import (
        LimitExceeded,
        ParseLimits,
        ZipLimits,
        check_zip,
        run_bounded,
    )

    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    try:
        if data.startswith(b"PK\x03\x04"):
            check_zip(data, zip_limits or ZipLimits.from_settings())
        result = run_bounded(
            f"{__name__}.read_in_worker",
            data,
            filename or "",
            limits=parse_limits or ParseLimits.from_settings(),
        )
    except LimitExceeded as error:
        if error.code == "broken":
            suffix = PurePath(filename or "").suffix.lower() or "?"
            raise ReadError(
                f"Không đọc được tệp “{suffix}”: tệp hỏng hoặc không phải tài liệu văn bản."
            ) from error
        raise ReadError(error.message()) from error
    if "refused" in result:
        raise ReadError(result["refused"])
    return ReadResult(**result)
