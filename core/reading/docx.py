"""Word 2007+ (.docx): the text in reading order from the document's XML, the body HTML
through mammoth (headings onto h2-h4).

The line contract (``ReadResult.text``), which the metadata extraction relies on:

* body paragraphs and tables in document order, one line per paragraph;
* a table cell's paragraphs are lines of their own: cells left to right, rows top to
  bottom, nested tables in place; a cell merged across columns (``gridSpan``) is read
  once, the continuation of a cell merged down the rows (``vMerge`` without ``restart``)
  is skipped. The two-column heading of Decree 30/2020/NĐ-CP (Phụ lục I) therefore reads
  "ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "Số: 245/KH-UBND", then the motto's lines;
* a text box (``w:txbxContent`` in a drawing, a VML shape or both copies of an
  ``mc:AlternateContent``) is read once, where it is anchored;
* the page headers the sections use come first, the footers not at all;
* ``w:tab`` is a space, ``w:br``/``w:cr`` a line break; field instructions, deleted
  text, soft hyphens and page-number fields are dropped (a soft hyphen in a TCVN3 run is
  the letter "ư", byte 0xAD); ``w:sym`` gives its character;
* runs in a TCVN3 font (``.VnTime``, ``.VnArial``…; ``…H`` fonts such as ``.VnTimeH`` show
  capitals only) or a VNI font (``VNI-Times``…) hold 8-bit legacy text: they are
  converted by their font, numbers and symbols included ("Sè: 15/Q§-UBND" → "Số:
  15/QĐ-UBND"); the whole text then goes through ``vietnam.text.unicode_text``.

Pure Python (ElementTree and zipfile); runs in the bounded worker (core.limits).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from congthongtin.vietnam.encodings import TCVN3_CHARS, VNI_CHARS
from congthongtin.vietnam.syllable import is_syllable
from congthongtin.vietnam.text import decode_tcvn3, decode_vni, unicode_text

from .base import ReadError, ReadResult, clean

#: Word's headings onto the editor's h2-h4 (the page title is the h1); anything else a
#: style map would make is left to the sanitiser.
_DOCX_STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
"""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: Elements whose children are read as if they stood in their place.
_TRANSPARENT = {
    _W + name
    for name in (
        "hyperlink",
        "smartTag",
        "customXml",
        "ins",
        "moveTo",
        "fldSimple",
        "sdtContent",
        "dir",
        "bdo",
    )
}
#: Elements never read: deleted and moved-away text, comments' marks, footnote marks'
#: properties, the run and paragraph properties themselves.
_SKIPPED = {
    _W + name
    for name in ("del", "moveFrom", "rPr", "pPr", "tblPr", "tcPr", "trPr", "sectPr", "sdtPr")
}
#: Fields whose result is the page's number: noise in the text of a page header.
_PAGE_FIELDS = re.compile(r"^\s*(PAGE|NUMPAGES|SECTIONPAGES)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_TCVN3_POSSIBLE = frozenset(TCVN3_CHARS) | frozenset(chr(c) for c in range(128))
_VNI_POSSIBLE = frozenset(VNI_CHARS) | frozenset(chr(c) for c in range(128))


def legacy_font(name: str | None) -> str | None:
    """The legacy encoding a font's name says its runs hold: ``"tcvn3"``, ``"tcvn3h"``
    (a capitals-only TCVN3 font: lowercase bytes show capitals), ``"vni"`` or None."""
    if not name:
        return None
    name = name.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3h" if name.endswith("H") else "tcvn3"
    if name.upper().startswith(("VNI-", "VNI ")):
        return "vni"
    return None


def decode_by_font(text: str, encoding: str | None) -> str | None:
    """``text`` of a run in a legacy font, converted; None when it is not legacy text
    (Unicode typed over an old font keeps its letters)."""
    if encoding in ("tcvn3", "tcvn3h"):
        if not set(text) <= _TCVN3_POSSIBLE:
            return None
        decoded = decode_tcvn3(text)
        decoded = decoded.upper() if encoding == "tcvn3h" else decoded
    elif encoding == "vni":
        if not set(text) <= _VNI_POSSIBLE:
            return None
        decoded = decode_vni(text)
    else:
        return None
    # Latin-1 letters are TCVN3 bytes too: "Thông báo" typed in Unicode over .VnTime reads
    # as Vietnamese already, its "decoding" ("Thụng bỏo") less so. A tie trusts the font.
    if _syllables(text) > _syllables(decoded):
        return None
    return decoded


def _syllables(text: str) -> int:
    return sum(is_syllable(word) for word in _WORD.findall(text) if not word.isascii())


class _Fonts:
    """The font of a run: its own, its character style's, its paragraph style's (with
    their ``basedOn`` chains), the document's default."""

    def __init__(self, styles: ElementTree.Element | None):
        self.styles: dict[str, ElementTree.Element] = {}
        self.default: str | None = None
        #: Whether any style or run names a legacy font (else mammoth needs no transform).
        self.legacy = False
        if styles is None:
            return
        for style in styles.iter(_W + "style"):
            self.styles[style.get(_W + "styleId", "")] = style
        fonts = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self.default = _font_of(fonts)

    def of_style(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            font = _font_of(style.find(f"{_W}rPr/{_W}rFonts"))
            if font is not None:
                return font
            based = style.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None
        return None

    def of_run(self, run: ElementTree.Element, paragraph_style: str | None) -> str | None:
        properties = run.find(_W + "rPr")
        if properties is not None:
            font = _font_of(properties.find(_W + "rFonts"))
            if font is not None:
                return font
            style = properties.find(_W + "rStyle")
            if style is not None:
                font = self.of_style(style.get(_W + "val"))
                if font is not None:
                    return font
        font = self.of_style(paragraph_style)
        return font if font is not None else self.default


def _font_of(fonts: ElementTree.Element | None) -> str | None:
    """The font of the characters Word draws with ``w:hAnsi`` (the 8-bit legacy letters)
    or ``w:ascii``; "" for a theme font; None when this level does not say."""
    if fonts is None:
        return None
    for name in ("hAnsi", "ascii"):
        if fonts.get(_W + name):
            return fonts.get(_W + name)
    if fonts.get(_W + "hAnsiTheme") or fonts.get(_W + "asciiTheme"):
        return ""
    return None


class _Walker:
    def __init__(self, fonts: _Fonts):
        self.fonts = fonts
        self.lines: list[str] = []
        self.legacy_lines = 0
        self.style: str | None = None
        self.current: list[str] = []
        self.legacy = False
        self.fields: list[list] = []  # per open field: [instruction, in its result]

    # Blocks ------------------------------------------------------------------------
    def blocks(self, parent: ElementTree.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag in _TRANSPARENT:
                self.blocks(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif tag == _MC + "AlternateContent":
                self.blocks(_one_choice(child))

    def table(self, table: ElementTree.Element) -> None:
        for row in _children(table, _W + "tr"):
            for cell in _children(row, _W + "tc"):
                merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                if merge is not None and merge.get(_W + "val", "continue") != "restart":
                    continue  # the rest of a cell merged down: read with its first row
                self.blocks(cell)

    # Paragraphs --------------------------------------------------------------------
    def paragraph(self, paragraph: ElementTree.Element) -> None:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        self.style = style.get(_W + "val") if style is not None else None
        self.current, self.legacy, self.fields = [], False, []
        self.inline(paragraph)
        self.end_line()

    def end_line(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
            self.legacy_lines += self.legacy
        self.current = []
        self.legacy = False

    def inline(self, parent: ElementTree.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _W + "r":
                self.run(child)
            elif tag in _TRANSPARENT:
                self.inline(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.inline(content)
            elif tag == _MC + "AlternateContent":
                self.inline(_one_choice(child))

    def run(self, run: ElementTree.Element) -> None:
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == _W + "instrText":
                if self.fields:
                    self.fields[-1][0] += child.text or ""
                continue
            if self._hidden_by_field():
                continue
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                pieces.append(" ")
            elif tag in (_W + "br", _W + "cr"):
                pieces.append("\n")
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag == _W + "softHyphen":
                # Dropped, except in a TCVN3 run (flush_run): there byte 0xAD is "ư", which
                # Word and LibreOffice take for an optional hyphen.
                pieces.append("\u00ad")
            elif tag == _W + "sym":
                pieces.append(_symbol(child))
            elif tag in (_W + "drawing", _W + "pict", _W + "object") or tag == (
                _MC + "AlternateContent"
            ):
                self.flush_run(run, pieces)
                pieces = []
                self.text_boxes(child if tag != _MC + "AlternateContent" else _one_choice(child))
        self.flush_run(run, pieces)

    def _hidden_by_field(self) -> bool:
        """Inside a field's instruction, or in the result of a page-number field."""
        for instruction, in_result in self.fields:
            if not in_result or _PAGE_FIELDS.match(instruction):
                return True
        return False

    def flush_run(self, run: ElementTree.Element, pieces: list[str]) -> None:
        text = "".join(pieces)
        if not text:
            return
        encoding = legacy_font(self.fonts.of_run(run, self.style))
        self.fonts.legacy = self.fonts.legacy or encoding is not None
        decoded = decode_by_font(text, encoding)
        if decoded is not None and decoded != text:
            text = decoded
            self.legacy = True
        else:
            # A soft hyphen is invisible, except in TCVN3, where byte 0xAD is "ư".
            text = text.replace("\u00ad", "")
        first, *rest = text.split("\n")
        self.current.append(first)
        for part in rest:
            self.end_line()
            self.current.append(part)

    def text_boxes(self, element: ElementTree.Element) -> None:
        """The text boxes of a drawing, at the place of their anchor: the line so far ends,
        the boxes' paragraphs follow, and the paragraph goes on on a new line."""
        boxes = [box for box in element.iter(_W + "txbxContent") if not _inside_box(box, element)]
        if not boxes:
            return
        saved = (self.current, self.legacy, self.fields, self.style)
        self.end_line()
        for box in boxes:
            self.blocks(box)
        self.current, self.legacy, self.fields, self.style = [], False, saved[2], saved[3]


def _inside_box(box: ElementTree.Element, root: ElementTree.Element) -> bool:
    """Whether ``box`` is nested in another text box under ``root`` (read with it)."""
    for outer in root.iter(_W + "txbxContent"):
        if outer is not box and any(inner is box for inner in outer.iter(_W + "txbxContent")):
            return True
    return False


def _one_choice(alternate: ElementTree.Element) -> ElementTree.Element:
    """One copy of an ``mc:AlternateContent``: the first ``mc:Choice`` (a DrawingML text
    box), else the ``mc:Fallback`` (its VML copy); never both."""
    for name in ("Choice", "Fallback"):
        found = alternate.find(_MC + name)
        if found is not None:
            return found
    return alternate


def _children(parent: ElementTree.Element, tag: str):
    """``parent``'s children of ``tag``, looking through content controls and custom XML
    (a table row can sit in a ``w:sdt``)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _W + "customXml":
            yield from _children(child, tag)


#: Characters of the Symbol font Vietnamese documents use (bullets, dashes, arrows).
_SYMBOL_FONT = {0xB7: "•", 0x2D: "-", 0xAE: "→", 0xDE: "⇒", 0xD7: "×", 0xB4: "×", 0xA7: "♣"}


def _symbol(element: ElementTree.Element) -> str:
    try:
        code = int(element.get(_W + "char", ""), 16)
    except ValueError:
        return ""
    if code >= 0xF000:  # the font's private-use alias of a byte
        code -= 0xF000
        font = (element.get(_W + "font") or "").lower()
        if font == "symbol":
            return _SYMBOL_FONT.get(code, "")
        if font.startswith(("wingdings", "webdings")):
            return "•" if code in (0x9F, 0xA7, 0x6C, 0x6E, 0xFC) else ""
    return chr(code) if 0x20 <= code < 0xF000 else ""


def _relationships(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = ElementTree.fromstring(archive.read("word/_rels/document.xml.rels"))
    except KeyError:
        return {}
    targets = {}
    for relation in root.iter(_REL + "Relationship"):
        target = relation.get("Target", "")
        targets[relation.get("Id", "")] = target if target.startswith("/") else "word/" + target
    return targets


def read_text(data: bytes) -> tuple[str, int, _Fonts]:
    """The text of a .docx in reading order (the module's line contract), the number of
    lines converted from a legacy font, and the fonts of its styles. Raises what zipfile
    and expat raise."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        styles = (
            ElementTree.fromstring(archive.read("word/styles.xml"))
            if "word/styles.xml" in names
            else None
        )
        fonts = _Fonts(styles)
        walker = _Walker(fonts)
        body = document.find(_W + "body")
        if body is None:
            return "", 0, fonts
        # The page headers the sections use, once each, before the body.
        targets = _relationships(archive)
        seen = set()
        for reference in body.iter(_W + "headerReference"):
            target = targets.get(reference.get(_R + "id", ""), "").lstrip("/")
            if target in names and target not in seen:
                seen.add(target)
                walker.blocks(ElementTree.fromstring(archive.read(target)))
        walker.blocks(body)
    return "\n".join(walker.lines), walker.legacy_lines, fonts


def _legacy_runs_converted(fonts: _Fonts):
    """A mammoth ``transform_document`` converting the runs in a legacy font, so that the
    body HTML reads like the text (mammoth knows a run's own font, the styles' are ours)."""
    from mammoth import documents, transforms

    def paragraph(element):
        def run(element):
            font = element.font
            for style in (element.style_id, paragraph_style):
                if font is None:
                    font = fonts.of_style(style)
            encoding = legacy_font(font if font is not None else fonts.default)
            if encoding is None:
                return element
            children = [
                documents.Text(decode_by_font(child.value, encoding) or child.value)
                if isinstance(child, documents.Text)
                else child
                for child in element.children
            ]
            return element.copy(children=children)

        paragraph_style = element.style_id
        return transforms.run(run)(element)

    return transforms.paragraph(paragraph)


def read_docx(data: bytes) -> ReadResult:
    import mammoth

    # Images are not part of the text (the editor's features have none): not inlined as
    # data: addresses, which would copy every picture of the file into the HTML.
    no_images = mammoth.images.img_element(lambda image: {})
    try:
        text, legacy_lines, fonts = read_text(data)
        options = {"transform_document": _legacy_runs_converted(fonts)} if fonts.legacy else {}
        body = mammoth.convert_to_html(
            io.BytesIO(data), style_map=_DOCX_STYLE_MAP, convert_image=no_images, **options
        ).value
    except MemoryError:
        raise  # the worker's memory limit: reported as such, not as a broken file
    except SystemError as error:
        # expat out of memory under the worker's limit: "error return without exception set"
        raise MemoryError from error
    except RecursionError:
        raise ReadError("Không đọc được tệp Word (.docx): cấu trúc lồng nhau quá sâu.") from None
    except Exception as error:  # zipfile, expat and mammoth raise many kinds
        raise ReadError(f"Không đọc được tệp Word (.docx): tệp hỏng ({error}).") from error
    text, runs = unicode_text(text)
    return ReadResult("docx", text, clean(body), legacy_runs=runs + legacy_lines)
