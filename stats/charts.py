"""Charts of the report drawn on the server as SVG (no chart script, no CDN).

Why our own few lines rather than a library: the report needs two shapes only (bars for
categories, columns for days or months), the admin already allows inline SVG, and a chart
must never be the only place a figure is: each is a ``<figure>`` whose ``<figcaption>``
names it and whose data table follows (templates/stats/admin/report.html). The SVG itself
is ``aria-hidden``: a screen reader reads the caption and the table instead.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congthongtin.core.reports import Chart

from .report import format_number

WIDTH = 640
BAR_HEIGHT = 20
GAP = 6
LABEL_WIDTH = 220
COLUMN_AREA = 160
COLOUR = "#007d7e"  # Wagtail's teal: enough contrast on white (4.9:1)


def _short(text: str, limit: int = 34) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars_svg(chart: Chart) -> SafeString:
    """Horizontal bars, one per label, the value written at the end of each bar."""
    if not chart.values:
        return mark_safe("")
    top = max(chart.values) or 1
    room = WIDTH - LABEL_WIDTH - 70
    height = len(chart.values) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:{WIDTH}px" aria-hidden="true" focusable="false" '
        f'font-family="sans-serif" font-size="12">'
    ]
    for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(round(room * value / top), 1 if value else 0)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end" fill="#222">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 14}" fill="#222">'
            f"{escape(format_number(value))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def columns_svg(chart: Chart) -> SafeString:
    """Vertical columns over time (days of a month, months of a year); the first, the last
    and every few labels are written under them, the tallest value at the top."""
    if not chart.values:
        return mark_safe("")
    count = len(chart.values)
    top = max(chart.values) or 1
    left, bottom = 50, 24
    step = (WIDTH - left - 10) / count
    width = max(step - 2, 1)
    height = COLUMN_AREA + bottom + 10
    every = max(1, round(count / 10))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:{WIDTH}px" aria-hidden="true" focusable="false" '
        f'font-family="sans-serif" font-size="11">',
        f'<line x1="{left}" y1="{COLUMN_AREA + 10}" x2="{WIDTH - 10}" y2="{COLUMN_AREA + 10}" '
        f'stroke="#888"></line>',
        f'<text x="{left - 4}" y="16" text-anchor="end" fill="#222">'
        f"{escape(format_number(top))}</text>",
        f'<text x="{left - 4}" y="{COLUMN_AREA + 10}" text-anchor="end" fill="#222">0</text>',
    ]
    for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        x = left + index * step + 1
        length = round(COLUMN_AREA * value / top)
        parts.append(
            f'<rect x="{x:.1f}" y="{COLUMN_AREA + 10 - length}" width="{width:.1f}" '
            f'height="{length}" fill="{COLOUR}"></rect>'
        )
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text x="{x + width / 2:.1f}" y="{COLUMN_AREA + 10 + 16}" '
                f'text-anchor="middle" fill="#222">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def chart_svg(chart: Chart) -> SafeString:
    return columns_svg(chart) if chart.kind == "line" else bars_svg(chart)
