"""Realistic documents for the readers' tests and the hostile-files bench: the heading of
Decree 30/2020/NĐ-CP (Phụ lục I, a two-column table), in Unicode or in TCVN3 fonts, as
.docx (python-docx) and as Word 97–2003 .doc (converted by LibreOffice)."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from congthongtin.vietnam.text import encode_tcvn3

LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH THANH HÓA", "Số: 245/KH-UBND"]
RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Thanh Hóa, ngày 05 tháng 3 năm 2024",
]
BODY = [
    "KẾ HOẠCH",
    "Triển khai thực hiện chuyển đổi số năm 2024 trên địa bàn tỉnh",
    "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung "
    "cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;",
    "Xét đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 12/TTr-STTTT;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao hiệu quả cung cấp thông tin trên Cổng thông tin điện tử của tỉnh.",
]
SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Đỗ Minh Tuấn"]
#: The lines a reader must give, in reading order: the left cell, the right cell, the body.
LINES = LEFT + RIGHT + BODY + SIGNATURE
#: Lines typed in a capitals-only TCVN3 font (.VnTimeH) in the legacy variant.
CAPITALS = {line for line in LINES if line == line.upper() and any(c.isalpha() for c in line)}


def _run(paragraph, text: str, legacy: bool):
    if not legacy:
        return paragraph.add_run(text)
    if text in CAPITALS:
        # .VnTimeH shows capitals for the lowercase bytes: how toned capitals were typed.
        run = paragraph.add_run(encode_tcvn3(text.lower()))
        run.font.name = ".VnTimeH"
    else:
        run = paragraph.add_run(encode_tcvn3(text))
        run.font.name = ".VnTime"
    return run


def heading_docx(*, legacy: bool = False, sections: int = 0) -> bytes:
    """A plan (kế hoạch) with the Decree 30 heading table, a body and a signature; with
    ``legacy``, every run is TCVN3 text in a .VnTime/.VnTimeH font, as typed before 2001;
    ``sections`` more numbered sections of body (about 12 make a second page)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (LEFT, RIGHT), strict=True):
        first = cell.paragraphs[0]
        _run(first, lines[0], legacy)
        for line in lines[1:]:
            _run(cell.add_paragraph(), line, legacy)
    extra = [
        f"{number}. Nội dung thứ {number}: rà soát, cập nhật thông tin trên Cổng thông tin "
        "điện tử, bảo đảm kịp thời, chính xác theo quy định của pháp luật."
        for number in range(1, sections + 1)
    ]
    for line in BODY + extra + SIGNATURE:
        _run(document.add_paragraph(), line, legacy)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_doc(data: bytes) -> bytes:
    """``data`` (.docx) saved as Word 97–2003 by LibreOffice (private profile)."""
    folder = Path(tempfile.mkdtemp(prefix="test-doc-"))
    try:
        (folder / "van-ban.docx").write_bytes(data)
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(folder),
                str(folder / "van-ban.docx"),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return (folder / "van-ban.doc").read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compound_file(*names: str) -> bytes:
    """A minimal OLE2 compound file (MS-CFB, 512-byte sectors: header, one FAT sector,
    one directory sector) whose directory holds the streams ``names`` (empty): enough to
    stand for an .xls ("Workbook") or a .ppt ("PowerPoint Document")."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 0x2C, 1, 1, 0, 4096)  # FAT sectors, directory at 1
    struct.pack_into("<IIII", header, 0x3C, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", *names)[:4]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry = index * 128
        directory[entry : entry + len(encoded)] = encoded
        struct.pack_into("<HB", directory, entry + 64, len(encoded), 5 if index == 0 else 2)
    return bytes(header) + fat + bytes(directory)
