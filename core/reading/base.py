"""What every reader returns or raises, and the small helpers they share. Pure Python: the
readers run in a worker process without Django settings (``congthongtin.core.limits``)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from congthongtin.vietnam.text import unicode_text

MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """The file cannot be imported; ``str(error)`` is the Vietnamese reason."""


@dataclass
class ReadResult:
    kind: str  # "docx", "odt", "pdf", "txt", "doc"
    text: str  # plain text, one paragraph (or table cell) per line, in reading order
    html: str  # body HTML for the rich-text field
    notes: list[str] = field(default_factory=list)
    legacy_runs: int = 0  # legacy-encoded runs converted in ``text``
    #: The text was recognised from page images (a scan): an editor must proofread it.
    ocr: bool = False


def clean(text: str) -> str:
    return unicode_text(text)[0]


def paragraphs_html(paragraphs) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())


def text_to_html(text: str) -> str:
    return paragraphs_html(" ".join(line.replace("**", "").split()) for line in text.splitlines())
