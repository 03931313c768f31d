"""The content of a Word 2007+ file (.docx) as blocks: paragraphs with their formatting,
headings, tables and images, for importers that rebuild a page from it (a unit's news
item or article, R-SUB-1). ``congthongtin.core.reading.docx`` gives the text of a file;
this gives what a page needs besides: where the images stand, their bytes and
descriptions, and what a reader sees of each paragraph (bold, italic, right-aligned,
font size), which is how units mark a title, a lead or an author line.

Why python-docx's XML and not mammoth: mammoth's HTML keeps bold and italic but drops
the alignment, the font size and the run's font, and the extraction rules need them (an
author line is the last right-aligned paragraph; a title the large bold line; a run in
``.VnTime`` is TCVN3 whatever the detector would guess of a short word). ``html()``
still gives the body as HTML with each image as ``<img src="image:N">``.

Legacy text: a run in a TCVN3 font (``.VnTime``, ``.VnArial`` …; ``…H`` fonts show
capitals) or a VNI font (``VNI-Times`` …) is decoded as such, since that is what the
author saw on screen; every other piece of text goes through ``unicode_text`` (the
detector), as the text readers do.

Images are kept within bounds (``MAX_IMAGES``, ``MAX_IMAGE_BYTES``,
``MAX_IMAGE_PIXELS``, ``MAX_TOTAL_IMAGE_BYTES``): each one's header is read with Pillow
before it is kept, its format comes from its content (not from the name or the type the
package declares), and only what a browser shows (JPEG, PNG, GIF, WebP) is kept. Those
left out are counted in ``notes``; a file with 200 pictures gives its first
``MAX_IMAGES`` and a note, not a refusal.

Pure Python (no Django), messages in Vietnamese, like the other readers: it runs in the
bounded worker (``word_content_in_worker``, through ``congthongtin.core.limits``).
``read_word_content_bounded`` is the entry point of the Django side.
"""

from __future__ import annotations

import dataclasses
import html
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from congthongtin.vietnam.text import decode_tcvn3, decode_vni, unicode_text

from .base import MAX_BYTES, ReadError

#: More pictures than a news item or an article has; the rest are left out with a note.
MAX_IMAGES = 30
#: A camera's full-size JPEG is 5-15 MB; a picture for the web far less.
MAX_IMAGE_BYTES = 15 * 1024 * 1024
#: 36 megapixels: a full-frame camera's largest picture (7360 × 4912). Decoding one takes
#: about 144 MB; a "decompression bomb" PNG of a few KB can declare far more.
MAX_IMAGE_PIXELS = 36_000_000
MAX_TOTAL_IMAGE_BYTES = 60 * 1024 * 1024
#: Paragraphs (and table rows) read; a news item has tens, a 300-page law a few thousand.
MAX_BLOCKS = 5000
MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 20

#: Pillow's format → (content type, extension) of what browsers show.
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}
EXTENSIONS = {extension for _type, extension in IMAGE_FORMATS.values()}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MC_ALTERNATE = f"{{{_MC}}}AlternateContent"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_FALSE = {"0", "false", "off", "none"}
#: Word's alternative text when the author wrote none: "Picture 3", "image1.png" …
_DEFAULT_ALT = re.compile(
    r"^(?:picture|image|hình|hình ảnh|ảnh|graphic|chart|object|shape)\s*\d*$"
    r"|^a picture containing\b|description automatically generated"
    r"|\.(?:png|jpe?g|gif|emf|wmf|bmp|tiff?)$",
    re.IGNORECASE,
)


@dataclass
class WordImage:
    index: int
    content_type: str
    extension: str
    width: int
    height: int
    #: The author's description (Word's "alt text"), or "" when Word made it up.
    alt: str = ""
    #: The name inside the package ("image3.jpeg"), for the image's file name.
    filename: str = ""
    data: bytes = b""
    #: Set instead of ``data`` by the worker: the file it wrote, in the caller's folder.
    path: str = ""


@dataclass
class WordContent:
    """Blocks in reading order. Each block is a dict with ``kind``:

    - ``paragraph``/``heading``: ``text`` (Unicode, one line), ``html`` (inline: b, i,
      a, br), ``bold``/``italic`` (the whole text is), ``align`` (Word's ``jc``: "left",
      "center", "right", "both" or ""), ``size`` (largest font size in points, 0 when
      unknown), ``level`` (heading level 1-6; 0 for a paragraph);
    - ``image``: ``image`` (index into ``images``);
    - ``table``: ``rows`` (lists of cell texts).
    """

    blocks: list[dict] = field(default_factory=list)
    images: list[WordImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    legacy_runs: int = 0

    def html(self) -> str:
        """The body as HTML, each image as ``<img src="image:N" alt="…">``."""
        parts = []
        for block in self.blocks:
            if block["kind"] == "image":
                image = self.images[block["image"]]
                parts.append(f'<img src="image:{image.index}" alt="{html.escape(image.alt)}">')
            elif block["kind"] == "heading":
                level = min(max(block["level"] + 1, 2), 4)
                parts.append(f"<h{level}>{block['html']}</h{level}>")
            elif block["kind"] == "table":
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                    for row in block["rows"]
                )
                parts.append(f"<table><tbody>{rows}</tbody></table>")
            else:
                parts.append(f"<p>{block['html']}</p>")
        return "".join(parts)

    def as_data(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> WordContent:
        return cls(
            blocks=data["blocks"],
            images=[WordImage(**image) for image in data["images"]],
            notes=data["notes"],
            legacy_runs=data["legacy_runs"],
        )


# Styles ---------------------------------------------------------------------------------
class _Styles:
    """Effective formatting: the run's own properties, its character style, the
    paragraph's style and the styles it is based on, then the document defaults."""

    def __init__(self, document):
        self.by_id: dict[str, object] = {}
        self.default_paragraph = None
        self.defaults_rpr = None
        try:
            root = document.styles.element
        except Exception:
            return
        for style in root.findall(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id:
                self.by_id[style_id] = style
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph = style_id
        defaults = root.find(_w("docDefaults"))
        if defaults is not None:
            self.defaults_rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")

    def chain(self, style_id):
        seen = set()
        while style_id and style_id not in seen and len(seen) < 12:
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                return
            yield style
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None

    def name(self, style_id) -> str:
        style = self.by_id.get(style_id)
        if style is None:
            return ""
        name = style.find(_w("name"))
        return (name.get(_w("val")) or "") if name is not None else ""

    def run_property(self, rpr, run_style, paragraph_style, tag):
        """The element ``tag`` of the first properties that set it, or None."""
        if rpr is not None:
            found = rpr.find(_w(tag))
            if found is not None:
                return found
        for style_id in (run_style, paragraph_style):
            for style in self.chain(style_id):
                style_rpr = style.find(_w("rPr"))
                if style_rpr is not None:
                    found = style_rpr.find(_w(tag))
                    if found is not None:
                        return found
        if self.defaults_rpr is not None:
            return self.defaults_rpr.find(_w(tag))
        return None

    def paragraph_property(self, ppr, paragraph_style, tag):
        if ppr is not None:
            found = ppr.find(_w(tag))
            if found is not None:
                return found
        for style in self.chain(paragraph_style):
            style_ppr = style.find(_w("pPr"))
            if style_ppr is not None:
                found = style_ppr.find(_w(tag))
                if found is not None:
                    return found
        return None


def _on(element) -> bool:
    if element is None:
        return False
    return (element.get(_w("val")) or "true").lower() not in _FALSE


def _legacy_font(name: str) -> str | None:
    """ "tcvn3", "tcvn3-caps" or "vni" for a font of those encodings."""
    lowered = name.strip().lower()
    if lowered.startswith(".vn"):
        # .VnTimeH, .VnArialH … show every letter as a capital.
        return "tcvn3-caps" if lowered.endswith("h") else "tcvn3"
    if lowered.startswith("vni-") or lowered.startswith("vni "):
        return "vni"
    return None


def _decode_legacy(text: str, encoding: str) -> str:
    if encoding == "vni":
        return decode_vni(text)
    decoded = decode_tcvn3(text)
    return decoded.upper() if encoding == "tcvn3-caps" else decoded


# The walk -------------------------------------------------------------------------------
class _Reader:
    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.styles = _Styles(document)
        self.content = WordContent()
        self.image_of_part: dict[str, int | None] = {}
        self.image_bytes = 0
        self.left_out = {"count": 0, "format": 0, "size": 0, "pixels": 0, "broken": 0}
        self.truncated = False

    # blocks
    def add(self, block: dict) -> None:
        if len(self.content.blocks) >= MAX_BLOCKS:
            self.truncated = True
            return
        self.content.blocks.append(block)

    def body(self, container) -> None:
        for child in container:
            if self.truncated:
                return
            if child.tag == _w("p"):
                self.paragraph(child)
            elif child.tag == _w("tbl"):
                self.table(child)
            elif child.tag == _w("sdt"):
                inner = child.find(_w("sdtContent"))
                if inner is not None:
                    self.body(inner)

    def table(self, table) -> None:
        grid = table.findall(_w("tr"))
        layout = len(grid) <= 1 or all(len(row.findall(_w("tc"))) <= 1 for row in grid)
        if layout or any(True for _ in table.iter(_w("drawing"), _w("pict"))):
            # A table for the layout (one row, or one column: a whole item typed in a
            # frame), or a photo laid out with its caption in the next cell: the
            # paragraphs and pictures in reading order serve the page better than a grid.
            for row in table.iter(_w("tr")):
                for cell in row.findall(_w("tc")):
                    self.body(cell)
            return
        rows = []
        for row in table.iter(_w("tr")):
            if len(rows) >= MAX_TABLE_ROWS:
                break
            cells = []
            for cell in row.findall(_w("tc"))[:MAX_TABLE_COLUMNS]:
                texts = []
                for paragraph in cell.iter(_w("p")):
                    pieces, _images = self.runs(paragraph, paragraph_style=None, images=False)
                    text = " ".join("".join(p["text"] for p in pieces).split())
                    if text:
                        texts.append(text)
                cells.append("\n".join(texts))
            if any(cells):
                rows.append(cells)
        if rows:
            self.add({"kind": "table", "rows": rows})

    def paragraph(self, paragraph) -> None:
        ppr = paragraph.find(_w("pPr"))
        style_id = None
        if ppr is not None:
            pstyle = ppr.find(_w("pStyle"))
            style_id = pstyle.get(_w("val")) if pstyle is not None else None
        style_id = style_id or self.styles.default_paragraph
        jc = self.styles.paragraph_property(ppr, style_id, "jc")
        align = (jc.get(_w("val")) or "") if jc is not None else ""
        align = {"start": "left", "end": "right", "distribute": "both"}.get(align, align)
        level = self.heading_level(ppr, style_id)
        pieces, _images = self.runs(paragraph, style_id, images=True)
        # Split at the images: text before, the image, text after.
        chunk: list[dict] = []
        for piece in pieces:
            if "image" in piece:
                self.text_block(chunk, align, level)
                chunk = []
                if piece["image"] is not None:
                    self.add({"kind": "image", "image": piece["image"]})
            else:
                chunk.append(piece)
        self.text_block(chunk, align, level)

    def heading_level(self, ppr, style_id) -> int:
        name = self.styles.name(style_id).strip().lower()
        if name == "title":
            return 1
        match = re.fullmatch(r"heading\s*(\d)", name)
        if match:
            return min(int(match.group(1)), 6)
        outline = self.styles.paragraph_property(ppr, style_id, "outlineLvl")
        if outline is not None:
            try:
                value = int(outline.get(_w("val")) or 9)
            except ValueError:
                return 0
            return value + 1 if value < 6 else 0
        return 0

    def text_block(self, pieces: list[dict], align: str, level: int) -> None:
        groups = self.groups(pieces)
        text = " ".join("".join(g["text"] for g in groups).split())
        if not text:
            return
        visible = [g for g in groups if g["text"].strip()]
        parts = []
        for group in groups:
            markup = html.escape(group["text"]).replace("\n", "<br>")
            if group["bold"] and group["text"].strip():
                markup = f"<b>{markup}</b>"
            if group["italic"] and group["text"].strip():
                markup = f"<i>{markup}</i>"
            if group["href"]:
                markup = f'<a href="{html.escape(group["href"])}">{markup}</a>'
            parts.append(markup)
        sizes = [g["size"] for g in visible if g["size"]]
        self.add(
            {
                "kind": "heading" if level else "paragraph",
                "text": text,
                "html": re.sub(r"^(<br>|\s)+|(<br>|\s)+$", "", "".join(parts)),
                "bold": all(g["bold"] for g in visible),
                "italic": all(g["italic"] for g in visible),
                "align": align,
                "size": max(sizes) if sizes else 0,
                "level": level,
            }
        )

    def groups(self, pieces: list[dict]) -> list[dict]:
        """Consecutive runs of the same look merged, their legacy text converted."""
        groups: list[dict] = []
        for piece in pieces:
            key = (piece["bold"], piece["italic"], piece["href"])
            if groups and (groups[-1]["bold"], groups[-1]["italic"], groups[-1]["href"]) == key:
                groups[-1]["text"] += piece["text"]
                groups[-1]["size"] = max(groups[-1]["size"], piece["size"])
            else:
                groups.append(dict(piece))
        for group in groups:
            fixed, runs = unicode_text(group["text"].replace("\n", "\u2028"))
            group["text"] = fixed.replace("\u2028", "\n")
            self.content.legacy_runs += runs
        return groups

    def runs(self, paragraph, paragraph_style, images: bool):
        """The paragraph's pieces of text (with their look) and images, in order."""
        pieces: list[dict] = []
        found_images = []
        for run in paragraph.iter(_w("r")):
            if self.nested(run, paragraph):
                continue
            rpr = run.find(_w("rPr"))
            run_style = None
            if rpr is not None:
                rstyle = rpr.find(_w("rStyle"))
                run_style = rstyle.get(_w("val")) if rstyle is not None else None
            prop = self.styles.run_property
            bold = _on(prop(rpr, run_style, paragraph_style, "b"))
            italic = _on(prop(rpr, run_style, paragraph_style, "i"))
            size_element = prop(rpr, run_style, paragraph_style, "sz")
            try:
                size = int(size_element.get(_w("val"))) / 2 if size_element is not None else 0
            except (TypeError, ValueError):
                size = 0
            fonts = prop(rpr, run_style, paragraph_style, "rFonts")
            font = ""
            if fonts is not None:
                font = fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or ""
            caps = _on(prop(rpr, run_style, paragraph_style, "caps"))
            legacy = _legacy_font(font)
            href = self.link_of(run, paragraph)
            text = []
            for child in run:
                tag = child.tag
                if tag == _w("t"):
                    text.append(child.text or "")
                elif tag in (_w("tab"), _w("ptab")):
                    text.append(" ")
                elif tag in (_w("br"), _w("cr")):
                    text.append("\n")
                elif tag in (_w("noBreakHyphen"),):
                    text.append("-")
                elif images and tag in (_w("drawing"), _w("pict"), _w("object"), _MC_ALTERNATE):
                    if tag == _MC_ALTERNATE:
                        # A drawing and its older (VML) copy: the first choice only.
                        child = child.find(f"{{{_MC}}}Choice")
                        if child is None:
                            continue
                    if text:
                        pieces.append(
                            self.piece("".join(text), legacy, caps, bold, italic, size, href)
                        )
                        text = []
                    for index in self.images_in(child):
                        found_images.append(index)
                        pieces.append({"image": index})
            if text:
                pieces.append(self.piece("".join(text), legacy, caps, bold, italic, size, href))
        return pieces, found_images

    def piece(self, text, legacy, caps, bold, italic, size, href) -> dict:
        if legacy and text.strip():
            converted = _decode_legacy(text, legacy)
            if converted != text:
                self.content.legacy_runs += 1
            text = converted
        if caps:
            text = text.upper()
        return {"text": text, "bold": bold, "italic": italic, "size": size, "href": href}

    @staticmethod
    def nested(run, paragraph) -> bool:
        """A run of a text box or a deleted revision, not of the paragraph itself."""
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag in (_w("txbxContent"), _w("del"), _w("moveFrom")):
                return True
            parent = parent.getparent()
        return False

    def link_of(self, run, paragraph) -> str:
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag == _w("hyperlink"):
                rid = parent.get(f"{{{_R}}}id")
                if not rid:
                    return ""
                rel = self.part.rels.get(rid)
                if rel is None or not rel.is_external:
                    return ""
                target = (rel.target_ref or "").strip()
                return target if re.match(r"(?i)^(https?:|mailto:)", target) else ""
            parent = parent.getparent()
        return ""

    # images
    def images_in(self, element) -> list[int | None]:
        found = []
        for blip in element.iter(f"{{{_A}}}blip"):
            rid = blip.get(f"{{{_R}}}embed")
            if rid:
                found.append(self.image(rid, self.description(element)))
        for data in element.iter(f"{{{_V}}}imagedata"):
            rid = data.get(f"{{{_R}}}id")
            if rid:
                found.append(self.image(rid, data.get(f"{{{_O}}}title") or ""))
        return found

    @staticmethod
    def description(element) -> str:
        for properties in element.iter(f"{{{_WP}}}docPr"):
            for attribute in ("descr", "title"):
                value = " ".join((properties.get(attribute) or "").split())
                if value and not _DEFAULT_ALT.search(value):
                    return unicode_text(value)[0][:500]
        return ""

    def image(self, rid: str, alt: str) -> int | None:
        """The index of the image ``rid`` names, kept if it passes the bounds (None: left
        out, counted in ``left_out``)."""
        part = self.part.related_parts.get(rid)
        if part is None:
            return None
        name = str(getattr(part, "partname", rid))
        if name in self.image_of_part:
            index = self.image_of_part[name]
            if index is not None and alt and not self.content.images[index].alt:
                self.content.images[index].alt = alt
            return index
        index = self.check(part, alt)
        self.image_of_part[name] = index
        return index

    def check(self, part, alt: str) -> int | None:
        if len(self.content.images) >= MAX_IMAGES:
            self.left_out["count"] += 1
            return None
        blob = part.blob
        if len(blob) > MAX_IMAGE_BYTES or self.image_bytes + len(blob) > MAX_TOTAL_IMAGE_BYTES:
            self.left_out["size"] += 1
            return None
        measured = measure_image(blob)
        if isinstance(measured, str):
            self.left_out[measured] += 1
            return None
        image_format, width, height = measured
        content_type, extension = IMAGE_FORMATS[image_format]
        self.image_bytes += len(blob)
        stem = PurePath(str(getattr(part, "partname", "") or "")).stem or "anh"
        image = WordImage(
            index=len(self.content.images),
            content_type=content_type,
            extension=extension,
            width=width,
            height=height,
            alt=alt,
            filename=f"{re.sub(r'[^A-Za-z0-9_-]', '', stem)[:40] or 'anh'}.{extension}",
            data=blob,
        )
        self.content.images.append(image)
        return image.index

    def finish(self) -> WordContent:
        notes = self.content.notes
        left = self.left_out
        if left["count"]:
            notes.append(
                f"Tệp có hơn {MAX_IMAGES} ảnh: chỉ lấy {MAX_IMAGES} ảnh đầu, "
                f"bỏ {left['count']} ảnh sau."
            )
        if left["format"]:
            notes.append(
                f"Bỏ {left['format']} ảnh không đăng được trên web (định dạng không phải JPEG, "
                "PNG, GIF hay WebP, ví dụ hình vẽ EMF/WMF): hãy chèn lại ảnh dạng JPEG hoặc PNG."
            )
        if left["size"]:
            notes.append(
                f"Bỏ {left['size']} ảnh quá lớn (trên {MAX_IMAGE_BYTES // (1024 * 1024)} MB "
                f"một ảnh hoặc {MAX_TOTAL_IMAGE_BYTES // (1024 * 1024)} MB cả tệp)."
            )
        if left["pixels"]:
            notes.append(
                f"Bỏ {left['pixels']} ảnh có kích thước điểm ảnh quá lớn (trên "
                f"{MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh) hoặc là “bom giải nén”."
            )
        if left["broken"]:
            notes.append(f"Bỏ {left['broken']} ảnh hỏng, không đọc được.")
        if self.truncated:
            notes.append(f"Tệp quá dài: chỉ lấy {MAX_BLOCKS} đoạn đầu.")
        return self.content


def measure_image(blob: bytes):
    """(Pillow format, width, height) of an image kept, or why it is not: "format",
    "pixels" or "broken". Only the header is decoded (``verify`` checks the rest of a
    PNG's structure without decoding pixels); a declared size beyond
    ``MAX_IMAGE_PIXELS`` is refused before anything is decoded."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(blob)) as image:
                width, height = image.size
                image_format = image.format
                if image_format not in IMAGE_FORMATS:
                    return "format"
                if width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS:
                    return "pixels"
                image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return "pixels"
        except UnidentifiedImageError:
            return "format"
        except MemoryError:
            raise
        except Exception:
            return "broken"
    return image_format, width, height


def read_word_content(data: bytes) -> WordContent:
    """The blocks and images of the .docx ``data``; raises ReadError (Vietnamese)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise ReadError("Tệp rỗng.")
    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    if not data.startswith(b"PK\x03\x04"):
        raise ReadError("Không phải tệp Word (.docx): nội dung không phải gói tài liệu Word.")
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ReadError(
            "Không đọc được tệp Word (.docx): tệp hỏng hoặc không phải tài liệu Word."
        ) from error
    except Exception as error:
        raise ReadError(f"Không đọc được tệp Word (.docx): tệp hỏng ({error}).") from error
    reader = _Reader(document)
    try:
        reader.body(document.element.body)
    except MemoryError:
        raise
    except RecursionError:
        raise
    except Exception as error:
        raise ReadError(f"Không đọc được tệp Word (.docx): tệp hỏng ({error}).") from error
    content = reader.finish()
    if not any(block["kind"] != "image" for block in content.blocks):
        raise ReadError("Tệp Word không có nội dung chữ.")
    return content


# Bounded --------------------------------------------------------------------------------
def word_content_in_worker(data: bytes, directory: str) -> dict:
    """Entry point of the worker process (``congthongtin.core.limits.run_bounded``).

    The images are written to ``directory`` (made by the caller, private to it) as
    ``<index>.<extension>``, not sent back in the JSON answer as base64: the answer
    stays small (a third larger would go through the pipe and be held twice in the web
    process, decoded and encoded), and the caller saves each picture from its file.
    """
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # this process only: it is the worker's
    try:
        content = read_word_content(data)
    except ReadError as error:
        return {"refused": str(error)}
    folder = Path(directory)
    for image in content.images:
        name = f"{image.index:03d}.{image.extension}"
        (folder / name).write_bytes(image.data)
        image.data = b""
        image.path = name
    data = content.as_data()
    for image in data["images"]:
        del image["data"]  # in the file
    return data


def convert_doc(data: bytes, seconds: float | None = None) -> bytes:
    """A Word 97-2003 file (.doc) as .docx, converted by LibreOffice in its sandbox
    (``core.reading.doc.convert``: time and memory limits, no network); a ReadError in
    Vietnamese when LibreOffice is missing, too slow or makes nothing."""
    from .doc import SECONDS, convert

    return convert(data, seconds=seconds or SECONDS)


def read_word_content_bounded(
    data: bytes, filename: str, directory: str, *, zip_limits=None, parse_limits=None
) -> WordContent:
    """``read_word_content`` of a .docx (or a .doc, converted first) within bounds: the
    ZIP package measured before it is opened, the parse in a worker process limited in
    time and memory. The images are files in ``directory`` (``WordImage.path``, an
    absolute path checked to lie in it). Every refusal is a ``ReadError`` in Vietnamese.
    Needs Django settings (the limits and the messages' language)."""
    from congthongtin.core.limits import (
        LimitExceeded,
        ParseLimits,
        ZipLimits,
        check_zip,
        run_bounded,
    )

    from . import sniff

    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    if not data:
        raise ReadError("Tệp rỗng.")
    if len(data) > MAX_BYTES:
        raise ReadError("Tệp lớn hơn 20 MB.")
    kind = sniff(data)
    if extension not in ("docx", "doc"):
        raise ReadError(
            f"Loại tệp “.{extension or '?'}” không được nhận: chỉ nhận tệp Word (.docx, .doc)."
        )
    if kind == "doc":
        from congthongtin.core.conf import app_settings

        try:
            data = convert_doc(data, seconds=app_settings.IMPORT_CONVERT_SECONDS)
        except ReadError:
            raise
        except Exception as error:  # the converter's own failure: a refusal of the file
            raise ReadError(
                "Không chuyển được tệp Word 97–2003 (.doc) sang .docx: hãy mở tệp bằng Word, "
                "lưu lại dưới dạng .docx rồi gửi lại."
            ) from error
        kind = sniff(data)
    if kind != "docx":
        shown = {"zip": "ZIP hỏng hoặc không phải Word", "pdf": "PDF", "rtf": "RTF"}.get(
            kind, "không phải tài liệu Word"
        )
        raise ReadError(f"Nội dung tệp không phải tài liệu Word (nội dung là {shown}).")
    try:
        check_zip(data, zip_limits or ZipLimits.from_settings())
        result = run_bounded(
            "congthongtin.core.reading.word_content.word_content_in_worker",
            data,
            directory,
            limits=parse_limits or ParseLimits.from_settings(),
        )
    except LimitExceeded as error:
        if error.code == "broken":
            raise ReadError(
                "Không đọc được tệp Word: tệp hỏng hoặc không phải tài liệu văn bản."
            ) from error
        raise ReadError(error.message()) from error
    if "refused" in result:
        raise ReadError(result["refused"])
    content = WordContent.from_data(result)
    folder = os.path.realpath(directory)
    for image in content.images:
        # Names the worker wrote are checked, not trusted: index and known extension only.
        expected = f"{image.index:03d}.{image.extension}"
        if image.path != expected or image.extension not in EXTENSIONS:
            raise ReadError("Không đọc được ảnh trong tệp Word.")
        image.path = os.path.join(folder, expected)
    return content
