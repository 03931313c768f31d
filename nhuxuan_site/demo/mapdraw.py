"""Schematic administrative-boundary map of the demo commune, drawn with Pillow only.

The outline and the village boundaries are invented: the picture illustrates the boundary-map
page (Decree 224/2026/NĐ-CP Điều 9.1c) and is not a survey map. Villages are numbered in the
order of ``subdivisions``; the page lists them in the same order.
"""

import math
import random
import unicodedata
from collections.abc import Mapping, Sequence

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
_SCALE = 2  # the partition is computed on a grid this many times coarser than the picture
_CENTRE = (560, 440)
_RADII = (400, 245)

_BACKGROUND = (241, 238, 228)
_OUTSIDE_TEXT = (128, 124, 112)
_BORDER = (150, 28, 36)
_INNER_BORDER = (96, 96, 96)
_STREAM = (58, 120, 190)
_INK = (33, 37, 41)
_PALETTE = [
    (201, 228, 190),
    (246, 221, 170),
    (203, 219, 240),
    (240, 205, 205),
    (224, 210, 236),
    (214, 236, 226),
    (250, 236, 196),
    (226, 226, 198),
    (206, 232, 238),
    (238, 214, 188),
    (220, 236, 200),
    (236, 220, 226),
]

#: Relative positions (in units of the outline's radii) of the first villages, west is negative.
_SEED_POSITIONS = [
    (0.00, 0.02),
    (0.42, -0.38),
    (-0.30, -0.58),
    (0.12, -0.62),
    (-0.55, -0.22),
    (-0.48, 0.42),
    (0.76, 0.02),
    (0.42, 0.52),
    (-0.86, 0.08),
    (-0.02, 0.62),
]


def _font(size: int, bold: bool = False):
    """A local TrueType font with Vietnamese glyphs if one is installed, else Pillow's own."""
    names = ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"] if bold else ["DejaVuSans.ttf"]
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _renders(font, text: str) -> bool:
    """Whether every character of ``text`` has a real glyph (not the missing-glyph box)."""
    missing = font.getmask("\uffff")
    missing_key = (missing.size, bytes(missing))
    for char in set(text):
        if char.isascii():
            continue
        mask = font.getmask(char)
        if (mask.size, bytes(mask)) == missing_key:
            return False
    return True


def _ascii(text: str) -> str:
    """Vietnamese without diacritics, for fonts that lack the glyphs."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-").replace("—", "-")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "ignore").decode("ascii")


def _text(draw, font, xy, text: str, fill=_INK, anchor="la") -> None:
    shown = text if _renders(font, text) else _ascii(text)
    draw.text(xy, shown, font=font, fill=fill, anchor=anchor)


def _outline() -> list[tuple[float, float]]:
    """An irregular closed outline, elongated west–east."""
    cx, cy = _CENTRE
    rx, ry = _RADII
    points = []
    steps = 90
    for i in range(steps):
        a = 2 * math.pi * i / steps
        r = (
            1.0
            + 0.10 * math.sin(3 * a + 0.7)
            + 0.06 * math.sin(5 * a + 1.9)
            + 0.035 * math.sin(11 * a + 0.3)
        )
        points.append((cx + rx * r * math.cos(a), cy + ry * r * math.sin(a)))
    return points


def _seeds(count: int, inside) -> list[tuple[float, float]]:
    cx, cy = _CENTRE
    rx, ry = _RADII
    seeds = [(cx + u * rx, cy + v * ry) for u, v in _SEED_POSITIONS[:count]]
    rng = random.Random(count)
    attempts = 0
    while len(seeds) < count:
        attempts += 1
        x = rng.uniform(cx - rx, cx + rx)
        y = rng.uniform(cy - ry, cy + ry)
        spacing = 70 if attempts < 5000 else 20
        if inside(x, y) and all(math.dist((x, y), s) > spacing for s in seeds):
            seeds.append((x, y))
    return seeds


def draw_boundary_map(path, subdivisions: Sequence[Mapping]) -> None:
    """Write a 1200×800 PNG schematic map of the commune and its numbered villages to ``path``."""
    names = [str(s.get("name", "")) for s in subdivisions] or [""]
    outline = _outline()

    # Mask of the commune on the coarse grid.
    gw, gh = WIDTH // _SCALE, HEIGHT // _SCALE
    mask = Image.new("L", (gw, gh), 0)
    ImageDraw.Draw(mask).polygon([(x / _SCALE, y / _SCALE) for x, y in outline], fill=255)
    mask_px = mask.load()

    def inside(x: float, y: float) -> bool:
        gx, gy = int(x / _SCALE), int(y / _SCALE)
        return 0 <= gx < gw and 0 <= gy < gh and mask_px[gx, gy] > 0

    seeds = _seeds(len(names), inside)
    coarse_seeds = [(sx / _SCALE, sy / _SCALE) for sx, sy in seeds]

    # Partition: nearest village seed, with a gentle warp so boundaries meander like real ones.
    labels = [[-1] * gw for _ in range(gh)]
    sums = [[0.0, 0.0, 0] for _ in seeds]
    for gy in range(gh):
        row = labels[gy]
        for gx in range(gw):
            if not mask_px[gx, gy]:
                continue
            wx = gx + 7 * math.sin(gy / 11.0) + 4 * math.sin((gx + gy) / 17.0)
            wy = gy + 6 * math.cos(gx / 13.0) + 3 * math.sin((gx - gy) / 19.0)
            best, best_d = 0, float("inf")
            for i, (sx, sy) in enumerate(coarse_seeds):
                d = (wx - sx) ** 2 + (wy - sy) ** 2
                if d < best_d:
                    best, best_d = i, d
            row[gx] = best
            acc = sums[best]
            acc[0] += gx
            acc[1] += gy
            acc[2] += 1

    fill = Image.new("RGB", (gw, gh), _BACKGROUND)
    fill_px = fill.load()
    for gy in range(gh):
        for gx in range(gw):
            label = labels[gy][gx]
            if label < 0:
                continue
            edge = (gx + 1 < gw and labels[gy][gx + 1] not in (label, -1)) or (
                gy + 1 < gh and labels[gy + 1][gx] not in (label, -1)
            )
            fill_px[gx, gy] = _INNER_BORDER if edge else _PALETTE[label % len(_PALETTE)]
    image = fill.resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(image)

    # A stream flowing from the western hills to the east, clipped to the commune.
    stream_layer = Image.new("RGB", (WIDTH, HEIGHT), _STREAM)
    stream_mask = Image.new("L", (WIDTH, HEIGHT), 0)
    stream = [
        (x, _CENTRE[1] + 95 + 38 * math.sin(x / 70.0) + 18 * math.sin(x / 23.0))
        for x in range(60, 1100, 6)
    ]
    ImageDraw.Draw(stream_mask).line(stream, fill=255, width=4, joint="curve")
    big_mask = mask.resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)
    stream_mask = Image.composite(stream_mask, Image.new("L", (WIDTH, HEIGHT), 0), big_mask)
    image.paste(stream_layer, (0, 0), stream_mask)

    # Commune boundary.
    draw.line([*outline, outline[0]], fill=_BORDER, width=5, joint="curve")

    # Neighbours, described generically.
    small = _font(17)
    _text(draw, small, (_CENTRE[0], 118), "Giáp các xã lân cận", _OUTSIDE_TEXT, "mm")
    _text(draw, small, (_CENTRE[0], 752), "Giáp các xã lân cận", _OUTSIDE_TEXT, "mm")
    _text(draw, small, (1085, 470), "Giáp các xã", _OUTSIDE_TEXT, "mm")
    _text(draw, small, (1085, 492), "lân cận", _OUTSIDE_TEXT, "mm")
    _text(draw, small, (70, 560), "Vùng rừng", _OUTSIDE_TEXT, "mm")
    _text(draw, small, (70, 582), "phòng hộ", _OUTSIDE_TEXT, "mm")

    # Village numbers (and names when the font has the Vietnamese glyphs).
    number_font = _font(18, bold=True)
    name_font = _font(16)
    show_names = all(_renders(name_font, n) for n in names)
    for i, (name, (sx, sy)) in enumerate(zip(names, seeds, strict=True)):
        sx_sum, sy_sum, n = sums[i]
        x, y = ((sx_sum / n) * _SCALE, (sy_sum / n) * _SCALE) if n else (sx, sy)
        draw.ellipse((x - 17, y - 17, x + 17, y + 17), fill="white", outline=_INK, width=2)
        draw.text((x, y), str(i + 1), font=number_font, fill=_INK, anchor="mm")
        if show_names and name:
            draw.text(
                (x, y + 22), name, font=name_font, fill=_INK, anchor="ma",
                stroke_width=3, stroke_fill="white",
            )  # fmt: skip

    # Title.
    _text(draw, _font(34, bold=True), (40, 28), "Bản đồ minh họa")
    _text(draw, _font(20), (40, 72), "Xã Như Xuân – tỉnh Thanh Hóa (sơ đồ, không theo tỷ lệ)")

    # Compass arrow.
    ax, ay = 1120, 95
    draw.polygon([(ax, ay - 45), (ax - 16, ay + 15), (ax, ay + 3)], fill=_INK)
    draw.polygon([(ax, ay - 45), (ax + 16, ay + 15), (ax, ay + 3)], fill="white", outline=_INK)
    draw.ellipse((ax - 26, ay - 26 - 8, ax + 26, ay + 26 - 8), outline=_INK, width=2)
    draw.text((ax, ay - 62), "B", font=_font(22, bold=True), fill=_INK, anchor="mm")

    # Legend.
    lx, ly = 900, 690
    legend_font = _font(15)
    draw.rectangle((lx - 12, ly - 12, 1188, 788), fill="white", outline=_INK)
    draw.line((lx, ly + 8, lx + 40, ly + 8), fill=_BORDER, width=5)
    _text(draw, legend_font, (lx + 52, ly + 8), "Ranh giới xã", anchor="lm")
    draw.line((lx, ly + 36, lx + 40, ly + 36), fill=_INNER_BORDER, width=2)
    _text(draw, legend_font, (lx + 52, ly + 36), "Ranh giới thôn, bản", anchor="lm")
    draw.line((lx, ly + 64, lx + 40, ly + 64), fill=_STREAM, width=4)
    _text(draw, legend_font, (lx + 52, ly + 64), "Khe suối", anchor="lm")

    image.save(path, format="PNG", optimize=True)
