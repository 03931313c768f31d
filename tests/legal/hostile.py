"""Hostile files for the importers, generated in code (no large binary is committed).

Used by tests/legal/test_hostile_files.py and by bench/hostile_files.py, which measures
the time and peak memory each one costs. Every generator returns the bytes of a small
file whose content inflates far beyond its size, or that is broken in a way parsers trip
on. Sizes are parameters so that the tests stay fast and the bench can go further.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from tests.legal.factories import docx_bytes
from tests.legal.samples import DECISION, HEADER_ROWS

MB = 1024 * 1024

_ODT_CONTENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
)
_ODT_CONTENT_TAIL = "</office:text></office:body></office:document-content>"


def _repeat_to(unit: bytes, size: int) -> bytes:
    return unit * max(1, size // len(unit))


def good_docx() -> bytes:
    return docx_bytes(DECISION, HEADER_ROWS)


def _rewrite_zip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] = ()) -> bytes:
    """``data`` (a ZIP) with some members' content replaced and others added, deflated
    at the highest level (what a bomb's author does)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in dict(add).items():
            target.writestr(name, content)
    return out.getvalue()


def docx_bomb(inflated: int = 5 * MB) -> bytes:
    """A real decision whose ``word/document.xml`` holds ``inflated`` bytes of tiny
    paragraphs: each one is a Python object in mammoth, hence its seconds and gigabytes."""
    source = good_docx()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        xml = archive.read("word/document.xml")
    filler = _repeat_to(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", inflated)
    xml = xml.replace(b"</w:body>", filler + b"</w:body>", 1)
    return _rewrite_zip(source, {"word/document.xml": xml})


def docx_heavy(inflated: int = 25 * MB, seed: int = 16) -> bytes:
    """A .docx within every archive limit (its ``word/document.xml`` of ``inflated`` bytes
    of varied numbers deflates only a few times) that is still too much for mammoth: only
    the worker's time and memory limits stop it."""
    import random

    generator = random.Random(seed)
    source = good_docx()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        xml = archive.read("word/document.xml")
    pieces, size = [], 0
    while size < inflated:
        words = " ".join(str(generator.getrandbits(40)) for _ in range(8))
        piece = f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>".encode()
        pieces.append(piece)
        size += len(piece)
    xml = xml.replace(b"</w:body>", b"".join(pieces) + b"</w:body>", 1)
    return _rewrite_zip(source, {"word/document.xml": xml})


def odt_bomb(inflated: int = 5 * MB) -> bytes:
    """An .odt whose ``content.xml`` holds ``inflated`` bytes of paragraphs."""
    body = "".join(f"<text:p>{line}</text:p>" for line in DECISION).encode()
    body += _repeat_to(b"<text:p>a</text:p>", inflated)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored, first, as ODF asks
        archive.writestr(
            "content.xml", _ODT_CONTENT_HEAD.encode() + body + _ODT_CONTENT_TAIL.encode()
        )
    return out.getvalue()


def odt_entity_bomb(levels: int = 9) -> bytes:
    """An .odt whose ``content.xml`` defines nested entities ("billion laughs"): 3 KB of
    XML expanding to 10^``levels`` copies of a word. Expat (2.4 and later) refuses it by
    its amplification limit; the test keeps that true."""
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<!DOCTYPE office:document-content [{entities}]>"
        + _ODT_CONTENT_HEAD[len('<?xml version="1.0" encoding="UTF-8"?>') :]
        + f"<text:p>QUYẾT ĐỊNH</text:p><text:p>&lol{levels};</text:p>"
        + _ODT_CONTENT_TAIL
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def ratio_bomb(inflated: int = 200 * MB) -> bytes:
    """A valid .docx carrying one extra member of zeros that deflates about 1000:1 (the
    parsers never read it; only a check of every member sees it)."""
    return _rewrite_zip(good_docx(), {}, {"word/media/image1.png": bytes(inflated)})


def lying_header_bomb(inflated: int = 50 * MB) -> bytes:
    """A .docx whose headers say ``word/document.xml`` inflates to 4 KB while its data
    inflates to ``inflated`` bytes: a check of the declared sizes alone lets it through."""
    data = bytearray(docx_bomb(inflated))
    fake = (4096).to_bytes(4, "little")
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo("word/document.xml").header_offset
    data[local + 22 : local + 26] = fake  # local file header: uncompressed size
    end = bytes(data).rfind(b"PK\x05\x06")  # end of central directory
    position = int.from_bytes(data[end + 16 : end + 20], "little")
    while data[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = (
            int.from_bytes(data[position + at : position + at + 2], "little") for at in (28, 30, 32)
        )
        if data[position + 46 : position + 46 + name_length] == b"word/document.xml":
            data[position + 24 : position + 28] = fake  # central directory: the same
            break
        position += 46 + name_length + extra_length + comment_length
    return bytes(data)


def many_members(count: int = 5000) -> bytes:
    """A valid .docx with ``count`` extra empty members (each costs a ZipInfo object and
    a directory walk)."""
    return _rewrite_zip(good_docx(), {}, {f"customXml/extra{n}.xml": b"" for n in range(count)})


def truncated_zip() -> bytes:
    data = good_docx()
    return data[: len(data) // 2]


def nested_zip(levels: int = 3, width: int = 8, inflated: int = 20 * MB) -> bytes:
    """A ZIP of ZIPs of ZIPs (the "42.zip" shape) named like a Word file: every layer
    inflates only to the size of the next layer's archives."""
    layer = bytes(inflated)
    name = "zeros.bin"
    for level in range(levels):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for n in range(width if level else 1):
                archive.writestr(f"{level}-{n}-{name}", layer)
        layer, name = out.getvalue(), "layer.zip"
    return layer


def docx_with_nested_bomb(inflated: int = 200 * MB) -> bytes:
    """A valid .docx embedding a ZIP that inflates to ``inflated`` bytes (as an embedded
    spreadsheet is a ZIP inside the package). The importer must not open it."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("zeros.bin", bytes(inflated))
    return _rewrite_zip(good_docx(), {}, {"word/embeddings/package.zip": inner.getvalue()})


def pdf_stream_bomb(inflated: int = 100 * MB, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages, each drawn by one FlateDecode content stream that inflates
    to ``inflated`` bytes of text-showing operators (the same stream object for every page,
    so the file stays small)."""
    content = b"BT /F1 12 Tf 72 720 Td (QUYET DINH) Tj ET\n" + _repeat_to(b"(a) Tj ", inflated)
    stream = zlib.compress(content, 9)
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    ] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


#: name -> (file name, generator with the sizes the bench uses)
HOSTILE = {
    "docx bomb 5 MB": ("bomb.docx", lambda: docx_bomb(5 * MB)),
    "docx bomb 50 MB": ("bomb50.docx", lambda: docx_bomb(50 * MB)),
    "docx 25 MB of varied text": ("heavy.docx", lambda: docx_heavy(25 * MB)),
    "odt bomb 20 MB": ("bomb.odt", lambda: odt_bomb(20 * MB)),
    "odt entity bomb (billion laughs)": ("laughs.odt", odt_entity_bomb),
    "pdf stream bomb 100 MB": ("bomb.pdf", lambda: pdf_stream_bomb(100 * MB)),
    "pdf 8 pages x 60 MB stream": ("pages.pdf", lambda: pdf_stream_bomb(60 * MB, pages=8)),
    "ratio bomb 500 MB": ("ratio.docx", lambda: ratio_bomb(500 * MB)),
    "lying header 50 MB": ("lying.docx", lambda: lying_header_bomb(50 * MB)),
    "many members 20,000": ("many.docx", lambda: many_members(20000)),
    "truncated zip": ("truncated.docx", truncated_zip),
    "nested zip": ("nested.docx", lambda: nested_zip()),
    "docx embedding a 500 MB zip": ("embedded.docx", lambda: docx_with_nested_bomb(500 * MB)),
}


def docx_with_links(links: list[tuple[str, str]]) -> bytes:
    """The decision of the samples with one paragraph per ``(text, address)`` hyperlink,
    as Word stores them (an external relationship whose target is the address)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=len(HEADER_ROWS), cols=2)
    for row, (left, right) in zip(table.rows, HEADER_ROWS, strict=True):
        row.cells[0].text, row.cells[1].text = left, right
    for line in DECISION[:-3]:
        document.add_paragraph(line)
    for text, address in links:
        paragraph = document.add_paragraph("Xem: ")
        relation = document.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relation)
        run = OxmlElement("w:r")
        label = OxmlElement("w:t")
        label.text = text
        run.append(label)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)
    for line in DECISION[-3:]:
        document.add_paragraph(line)
    document.add_heading("Chương I", level=1)
    document.add_paragraph("In đậm", style=None).runs[0].bold = True
    document.add_paragraph("Mục một", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
