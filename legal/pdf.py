"""A minimal PDF writer for generated samples (demo content, test fixtures).

pypdf reads PDFs but cannot lay out text, and no PDF library is a dependency, so this
writes the few objects a text-only PDF needs. With a TrueType font found on the system
that has every letter of the text (serif first: Decree 30/2020/NĐ-CP sets Times New Roman
for documents) the font is embedded as a CID font, so every Vietnamese letter shows and
can be copied; without one, the built-in Times font is used with a ToUnicode map, so text
extraction still gives the right letters although a viewer draws accented ones wrongly.
Not a general-purpose writer: one font, one size, left-aligned lines.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
)
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 60
FONT_SIZE = 12
LEADING = 16


class TrueTypeFont:
    """Glyph ids and widths of a TrueType font (cmap format 4 and hmtx tables)."""

    def __init__(self, data: bytes, name: str):
        self.data = data
        self.name = name
        tables = {}
        (count,) = struct.unpack(">H", data[4:6])
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack(
                ">4sIII", data[12 + 16 * i : 28 + 16 * i]
            )
            tables[tag.decode("latin-1")] = data[offset : offset + length]
        head, hhea, hmtx = tables["head"], tables["hhea"], tables["hmtx"]
        (self.units,) = struct.unpack(">H", head[18:20])
        self.bbox = struct.unpack(">hhhh", head[36:44])
        self.ascent, self.descent = struct.unpack(">hh", hhea[4:8])
        (metrics,) = struct.unpack(">H", hhea[34:36])
        self.advances = [struct.unpack(">H", hmtx[4 * i : 4 * i + 2])[0] for i in range(metrics)]
        self.cmap = self._cmap(tables["cmap"])

    @staticmethod
    def _cmap(table: bytes) -> dict[int, int]:
        (count,) = struct.unpack(">H", table[2:4])
        for i in range(count):
            platform, encoding, offset = struct.unpack(">HHI", table[4 + 8 * i : 12 + 8 * i])
            if (platform, encoding) in ((3, 1), (0, 3)) and table[
                offset : offset + 2
            ] == b"\x00\x04":
                return TrueTypeFont._format4(table[offset:])
        raise ValueError("no Unicode cmap")

    @staticmethod
    def _format4(sub: bytes) -> dict[int, int]:
        seg = struct.unpack(">H", sub[6:8])[0] // 2
        ends = struct.unpack(f">{seg}H", sub[14 : 14 + 2 * seg])
        base = 16 + 2 * seg
        starts = struct.unpack(f">{seg}H", sub[base : base + 2 * seg])
        deltas = struct.unpack(f">{seg}h", sub[base + 2 * seg : base + 4 * seg])
        range_at = base + 4 * seg
        ranges = struct.unpack(f">{seg}H", sub[range_at : range_at + 2 * seg])
        mapping = {}
        for i in range(seg):
            for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
                if ranges[i] == 0:
                    gid = (code + deltas[i]) & 0xFFFF
                else:
                    at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    gid = struct.unpack(">H", sub[at : at + 2])[0]
                    if gid:
                        gid = (gid + deltas[i]) & 0xFFFF
                if gid:
                    mapping[code] = gid
        return mapping

    def width(self, gid: int) -> int:
        advance = self.advances[min(gid, len(self.advances) - 1)]
        return round(advance * 1000 / self.units)


def find_font(chars: str = "") -> TrueTypeFont | None:
    """The first system font that has a glyph for every character of ``chars``."""
    needed = {ord(ch) for ch in chars if not ch.isspace()}
    for path in FONT_CANDIDATES:
        file = Path(path)
        if not file.exists():
            continue
        try:
            font = TrueTypeFont(file.read_bytes(), file.stem.replace("-", ""))
        except (ValueError, struct.error, KeyError):
            continue
        if needed <= font.cmap.keys():
            return font
    return None


def _stream(body: bytes, extra: str = "", compress: bool = True) -> bytes:
    if compress:
        body = zlib.compress(body)
        extra += " /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(body), extra.encode()) + body + b"\nendstream"


def _escape(raw: bytes) -> bytes:
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _cmap_stream(pairs: list[tuple[int, str]], code_bytes: int) -> bytes:
    width = code_bytes * 2
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange",
        f"<{'0' * width}> <{'F' * width}>",
        "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for code, char in chunk:
            utf16 = char.encode("utf-16-be").hex().upper()
            lines.append(f"<{code:0{width}X}> <{utf16}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end end"]
    return _stream("\n".join(lines).encode("ascii"))


def _wrap(line: str, measure, width: float) -> list[str]:
    words, out, current = line.split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    return out


def text_pdf(lines: list[str], *, title: str = "", embed_font: bool = True) -> bytes:
    """A PDF of ``lines`` (wrapped to the page, paginated)."""
    font = find_font("".join(lines)) if embed_font else None
    usable = PAGE_WIDTH - 2 * MARGIN
    if font:
        notdef = 0

        def gid(ch: str) -> int:
            return font.cmap.get(ord(ch), notdef)

        def measure(text: str) -> float:
            return sum(font.width(gid(ch)) for ch in text) * FONT_SIZE / 1000

        def encode(text: str) -> bytes:
            return b"<" + "".join(f"{gid(ch):04X}" for ch in text).encode() + b">"
    else:
        extras = sorted({ch for line in lines for ch in line if not 32 <= ord(ch) < 127})
        if len(extras) > 128:
            raise ValueError("too many distinct non-ASCII characters for the built-in font")
        codes = {ch: 128 + i for i, ch in enumerate(extras)}

        def measure(text: str) -> float:
            return len(text) * FONT_SIZE * 0.5

        def encode(text: str) -> bytes:
            raw = bytes(ord(ch) if 32 <= ord(ch) < 127 else codes[ch] for ch in text)
            return b"(" + _escape(raw) + b")"

    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(_wrap(" ".join(line.split()), measure, usable) if line.strip() else [""])
    per_page = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
    pages = [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)] or [[""]]

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    if font:
        used = sorted({gid(ch) for line in wrapped for ch in line})
        to_unicode = {}
        for line in wrapped:
            for ch in line:
                to_unicode.setdefault(gid(ch), ch)
        font_file = add(_stream(font.data, f" /Length1 {len(font.data)}"))
        x0, y0, x1, y1 = (round(v * 1000 / font.units) for v in font.bbox)
        descriptor = add(
            (
                f"<< /Type /FontDescriptor /FontName /{font.name} /Flags 32 "
                f"/FontBBox [{x0} {y0} {x1} {y1}] /ItalicAngle 0 "
                f"/Ascent {round(font.ascent * 1000 / font.units)} "
                f"/Descent {round(font.descent * 1000 / font.units)} /CapHeight 700 /StemV 80 "
                f"/FontFile2 {font_file} 0 R >>"
            ).encode()
        )
        widths = " ".join(f"{g} [{font.width(g)}]" for g in used)
        cid_font = add(
            (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font.name} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>"
            ).encode()
        )
        cmap = add(_cmap_stream(sorted(to_unicode.items()), 2))
        font_obj = add(
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{font.name} /Encoding /Identity-H "
                f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {cmap} 0 R >>"
            ).encode()
        )
    else:
        pairs = [(code, ch) for ch, code in codes.items()]
        pairs += [(c, chr(c)) for c in range(32, 127)]
        cmap = add(_cmap_stream(sorted(pairs), 1))
        font_obj = add(
            (
                "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman "
                f"/Encoding /WinAnsiEncoding /ToUnicode {cmap} 0 R >>"
            ).encode()
        )
    page_ids = []
    for page_lines in pages:
        ops = [b"BT", b"/F1 %d Tf" % FONT_SIZE, b"%d TL" % LEADING]
        ops.append(b"%d %d Td" % (MARGIN, PAGE_HEIGHT - MARGIN))
        for line in page_lines:
            ops.append(encode(line) + b" Tj T*")
        ops.append(b"ET")
        content = add(_stream(b"\n".join(ops)))
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_WIDTH} "
                    f"{PAGE_HEIGHT}] /Resources << /Font << /F1 {font_obj} 0 R >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    info = add(b"<< /Title <" + ("\ufeff" + title).encode("utf-16-be").hex().encode() + b"> >>")

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
