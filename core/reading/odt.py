"""OpenDocument text (.odt): paragraphs and headings of ``content.xml``."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from congthongtin.vietnam.text import unicode_text

from .base import ReadError, ReadResult, text_to_html

_ODF_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


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
    return ReadResult("odt", text, text_to_html(text), legacy_runs=runs)
