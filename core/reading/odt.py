"""OpenDocument text (.odt): ``content.xml`` in reading order, on the line contract of the
.docx reader: one line per paragraph or heading; a table cell's paragraphs are lines of
their own (cells left to right, rows top to bottom, nested tables in place; a covered
cell, the rest of a merged one, is skipped); frames and text boxes at their anchor;
``text:tab`` a space, ``text:line-break`` a line break, ``text:s`` its spaces; notes,
annotations and tracked deletions are not read. Text in a TCVN3 or VNI font (by its
style's font) is converted by that font, then everything by ``unicode_text``."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from congthongtin.vietnam.text import unicode_text

from .base import ReadError, ReadResult, text_to_html
from .docx import decode_by_font, legacy_font

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"

#: Not part of the text: notes (footnotes are printed apart), comments, tracked changes,
#: index marks, the sequence declarations.
_SKIPPED = {
    _TEXT + "note",
    _OFFICE + "annotation",
    _TEXT + "tracked-changes",
    _TEXT + "sequence-decls",
    _TEXT + "variable-decls",
    _TEXT + "user-field-decls",
    _TABLE + "covered-table-cell",
    _OFFICE + "forms",
}
_PARAGRAPHS = {_TEXT + "p", _TEXT + "h"}


class _Styles:
    """The font of a style, through its parents (``style:parent-style-name``)."""

    def __init__(self, *roots):
        self.faces: dict[str, str] = {}
        self.styles: dict[str, ElementTree.Element] = {}
        for root in roots:
            if root is None:
                continue
            for face in root.iter(_STYLE + "font-face"):
                family = face.get(_SVG + "font-family") or face.get(_STYLE + "name", "")
                self.faces[face.get(_STYLE + "name", "")] = family.strip("'\"")
            for style in root.iter(_STYLE + "style"):
                self.styles[style.get(_STYLE + "name", "")] = style

    def font(self, name: str | None) -> str | None:
        seen = set()
        while name and name not in seen and len(seen) < 20:
            seen.add(name)
            style = self.styles.get(name)
            if style is None:
                return None
            properties = style.find(_STYLE + "text-properties")
            if properties is not None and properties.get(_STYLE + "font-name"):
                face = properties.get(_STYLE + "font-name")
                return self.faces.get(face, face)
            name = style.get(_STYLE + "parent-style-name")
        return None


class _Walker:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.lines: list[str] = []
        self.current: list[str] = []
        self.legacy_lines = 0
        self.legacy = False

    def blocks(self, parent: ElementTree.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag in _PARAGRAPHS:
                self.paragraph(child)
            else:  # tables, rows, cells, lists, sections, frames: their content in order
                self.blocks(child)

    def paragraph(self, paragraph: ElementTree.Element) -> None:
        self.end_line()
        font = self.styles.font(paragraph.get(_TEXT + "style-name"))
        self.inline(paragraph, font)
        self.end_line()

    def end_line(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
            self.legacy_lines += self.legacy
        self.current, self.legacy = [], False

    def add(self, text: str | None, font: str | None) -> None:
        if not text:
            return
        decoded = decode_by_font(text, legacy_font(font))
        if decoded is not None and decoded != text:
            text, self.legacy = decoded, True
        self.current.append(text)

    def inline(self, element: ElementTree.Element, font: str | None) -> None:
        self.add(element.text, font)
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag == _TEXT + "s":
                try:
                    count = min(int(child.get(_TEXT + "c", "1")), 100)
                except ValueError:
                    count = 1
                self.current.append(" " * count)
            elif tag == _TEXT + "tab":
                self.current.append(" ")
            elif tag == _TEXT + "line-break":
                self.end_line()
            elif tag == _DRAW + "frame" or tag == _DRAW + "text-box":
                # A frame's text box: its paragraphs at the anchor, on lines of their own.
                self.end_line()
                self.blocks(child)
                self.end_line()
            elif tag in _PARAGRAPHS:  # a paragraph inside a span (never valid, seen)
                self.paragraph(child)
            else:  # spans, links, fields, ruby, metadata: their text
                inner = self.styles.font(child.get(_TEXT + "style-name"))
                self.inline(child, inner if inner is not None else font)
            self.add(child.tail, font)


def read_text(data: bytes) -> tuple[str, int]:
    """The text of an .odt on the line contract, and the lines converted by their font."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
        styles_root = None
        if "styles.xml" in archive.namelist():
            styles_root = ElementTree.fromstring(archive.read("styles.xml"))
    walker = _Walker(_Styles(styles_root, root))
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    walker.blocks(body if body is not None else root)
    walker.end_line()
    return "\n".join(walker.lines), walker.legacy_lines


def read_odt(data: bytes) -> ReadResult:
    try:
        text, legacy_lines = read_text(data)
    except MemoryError:
        raise
    except SystemError as error:
        # expat out of memory under the worker's limit: "error return without exception set"
        raise MemoryError from error
    except RecursionError:
        raise ReadError("Không đọc được tệp OpenDocument (.odt): cấu trúc lồng quá sâu.") from None
    except Exception as error:  # zipfile and expat raise many kinds on broken packages
        raise ReadError("Không đọc được tệp OpenDocument (.odt): tệp hỏng.") from error
    text, runs = unicode_text(text)
    return ReadResult("odt", text, text_to_html(text), legacy_runs=runs + legacy_lines)
