"""Scanned administrative documents for the OCR tests and bench/ocr_accuracy.py: a decision
laid out as Decree 30/2020/NĐ-CP (Appendix I) sets it — the issuing body and the national
motto side by side, number and place-date under them, the title, the summary, the
preamble, the articles, the recipients and the signature — drawn with PIL in a TrueType
font that has every Vietnamese letter, at a chosen resolution, optionally with a red
stamp over the signature, and saved as a PDF of images (no text layer)."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
MM = 72 / 25.4  # points per millimetre
A4 = (595.3, 841.9)  # points

#: One line of the page: text, where (left margin "L", centred "C", centre of the left or
#: right header column "CL"/"CR", right half "R"), style, size in points.


@dataclass
class Line:
    text: str
    where: str = "L"
    style: str = ""  # "", "b", "i", "bi"
    size: float = 13
    indent: bool = False  # a paragraph: wrapped, first line indented
    row: bool = False  # drawn on the same row as the previous line (header columns)


DECISION_PAGES = [
    [
        Line("ỦY BAN NHÂN DÂN", "CL", "", 12),
        Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CR", "b", 12, row=True),
        Line("XÃ NHƯ XUÂN", "CL", "b", 12),
        Line("Độc lập - Tự do - Hạnh phúc", "CR", "b", 13, row=True),
        Line("Số: 27/QĐ-UBND", "CL", "", 13),
        Line("Như Xuân, ngày 14 tháng 4 năm 2026", "CR", "i", 13, row=True),
        Line("QUYẾT ĐỊNH", "C", "b", 14),
        Line("Ban hành Quy chế quản lý, vận hành và cung cấp thông tin", "C", "b", 14),
        Line("trên Trang thông tin điện tử xã Như Xuân", "C", "b", 14),
        Line("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN", "C", "b", 14),
        Line(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa "
            "đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
            "địa phương ngày 22 tháng 11 năm 2019;",
            "L",
            "i",
            14,
            indent=True,
        ),
        Line(
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
            "công tác văn thư;",
            "L",
            "i",
            14,
            indent=True,
        ),
        Line(
            "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24 tháng 6 năm 2022 của Chính phủ quy "
            "định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
            "trên môi trường mạng;",
            "L",
            "i",
            14,
            indent=True,
        ),
        Line(
            "Theo đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.",
            "L",
            "i",
            14,
            indent=True,
        ),
        Line("QUYẾT ĐỊNH:", "C", "b", 14),
        Line(
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, vận hành và cung cấp "
            "thông tin trên Trang thông tin điện tử xã Như Xuân.",
            "L",
            "",
            14,
            indent=True,
        ),
        Line(
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Những quy định trước đây trái "
            "với Quyết định này đều bãi bỏ; người đứng đầu các bộ phận chuyên môn bảo đảm "
            "thông tin được cập nhật đầy đủ, kịp thời, chính xác.",
            "L",
            "",
            14,
            indent=True,
        ),
    ],
    [
        Line(
            "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, công chức "
            "Văn hóa - Xã hội, Trưởng ban biên tập, thủ trưởng các cơ quan, đơn vị và các cá "
            "nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
            "L",
            "",
            14,
            indent=True,
        ),
        Line("Nơi nhận:", "CL", "bi", 12),
        Line("TM. ỦY BAN NHÂN DÂN", "CR", "b", 14, row=True),
        Line("- Như Điều 3;", "CL", "", 11),
        Line("CHỦ TỊCH", "CR", "b", 14, row=True),
        Line("- Thường trực Đảng ủy xã;", "CL", "", 11),
        Line("- Lưu: VT, VP.", "CL", "", 11),
        Line("", "CR", "", 14),
        Line("", "CR", "", 14),
        Line("Lê Văn Cường", "CR", "b", 14),
    ],
]


def _font(style: str, size: float, scale: float):
    name = {"": "DejaVuSerif", "b": "DejaVuSerif-Bold", "i": "DejaVuSerif-Italic"}.get(
        style, "DejaVuSerif-BoldItalic"
    )
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), round(size * scale))


def _wrap(draw, text: str, font, width: float, indent: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        room = width - (indent if not lines else 0)
        if current and draw.textlength(trial, font=font) > room:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current]


def render_page(lines: list[Line], dpi: int = 300, stamp: bool = False):
    """The page as an RGB image, and its text in reading order (rows left to right)."""
    scale = dpi / 72
    width, height = round(A4[0] * scale), round(A4[1] * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left, right = 30 * MM * scale, (A4[0] - 15 * MM) * scale
    middle = left + (right - left) * 0.38
    y = 20 * MM * scale
    text_lines: list[str] = []
    row_y = y
    signature_at = None
    for line in lines:
        font = _font(line.style, line.size, scale)
        step = line.size * 1.45 * scale
        if line.row:
            y = row_y
        row_y = y
        if not line.text:
            y += step
            continue
        if line.indent:
            wrapped = _wrap(draw, line.text, font, right - left, 12.7 * MM * scale)
            for number, part in enumerate(wrapped):
                x = left + (12.7 * MM * scale if number == 0 else 0)
                draw.text((x, y), part, font=font, fill="black")
                y += step
            text_lines.extend(wrapped)
            y += 6 * scale
            continue
        span = {
            "L": (left, right),
            "C": (left, right),
            "CL": (left - 10 * MM * scale, middle),
            "CR": (middle, right),
        }[line.where]
        length = draw.textlength(line.text, font=font)
        x = left if line.where == "L" else (span[0] + span[1] - length) / 2
        draw.text((x, y), line.text, font=font, fill="black")
        if line.row and text_lines:
            text_lines[-1] = f"{text_lines[-1]} {line.text}"
        else:
            text_lines.append(line.text)
        if line.text == "CHỦ TỊCH":
            signature_at = ((span[0] + span[1]) / 2, y + step * 2)
        y += step + (4 * scale if line.where == "C" else 0)
    if stamp and signature_at:
        image = _stamp(image, signature_at, scale)
    return image, unicodedata.normalize("NFC", "\n".join(text_lines))


def _stamp(image, centre, scale):
    """A red round seal, semi-transparent, over the left part of the signature, and a
    signature stroke in blue ink."""
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    cx, cy = centre[0] - 18 * MM * scale, centre[1]
    radius = 19 * MM * scale
    red = (205, 32, 38, 150)
    for r, w in ((radius, 0.9), (radius * 0.72, 0.5)):
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), outline=red, width=max(2, round(w * MM * scale))
        )
    font = _font("b", 7, scale)
    for k, text in enumerate(("ỦY BAN NHÂN DÂN", "XÃ NHƯ XUÂN", "*")):
        length = draw.textlength(text, font=font)
        draw.text(
            (cx - length / 2, cy - 6 * scale + k * 9 * scale - 9 * scale), text, font=font, fill=red
        )
    stroke = [
        (cx + radius * 0.2 + i * 3 * scale, cy + (8 if i % 2 else -6) * scale) for i in range(14)
    ]
    draw.line(stroke, fill=(30, 50, 160, 230), width=max(2, round(0.5 * MM * scale)))
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def roughen(image, dpi: int, seed: int = 19):
    """As a cheap office scanner gives it: a slight skew, blur, grain and JPEG artefacts."""
    import random

    from PIL import ImageFilter

    rng = random.Random(seed)
    image = image.rotate(rng.uniform(0.3, 0.7), resample=Image.BICUBIC, fillcolor="white")
    image = image.filter(ImageFilter.GaussianBlur(0.5 * dpi / 150))
    tile = Image.frombytes("L", (256, 256), bytes(rng.randrange(80, 256) for _ in range(65536)))
    noise = Image.new("L", image.size)
    for x in range(0, image.size[0], 256):
        for y in range(0, image.size[1], 256):
            noise.paste(tile, (x, y))
    image = Image.blend(image, noise.convert("RGB"), 0.1)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def image_pdf(images, dpi: int = 300) -> bytes:
    """A PDF whose pages are the ``images`` only: no text layer."""
    out = io.BytesIO()
    first, *rest = images
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return out.getvalue()


def scanned_decision(
    pages: int = 2, dpi: int = 300, stamp: bool = False, rough: bool = False
) -> tuple[bytes, str]:
    """The decision scanned: PDF bytes and the reference text."""
    rendered = [render_page(lines, dpi, stamp) for lines in DECISION_PAGES[:pages]]
    images = [roughen(image, dpi, k) if rough else image for k, (image, _t) in enumerate(rendered)]
    return image_pdf(images, dpi), "\n".join(text for _image, text in rendered)
