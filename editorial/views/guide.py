"""The editor's guide in Vietnamese, served by the portal itself (no link leaves the network).

The guide is one Markdown file shipped inside the package, ``editorial/guide/
huong-dan-bien-tap.md``, with its screenshots beside it in ``editorial/guide/anh/``
(``scripts/guide_screenshots.py`` takes them); ``docs/huong-dan-bien-tap.md`` is a link
to the same file. The admin's Help menu points here instead of Wagtail's English guide on
the internet (editorial.wagtail_hooks). Any person who may use the admin may read it.

The file is rendered with markdown-it-py (CommonMark plus tables) with raw HTML turned off:
what the file holds is shown as text, never run. Headings get the ids GitHub gives them,
so the guide's table of contents works both in the repository and in the portal; the
images' relative paths are sent to ``guide_image``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt

GUIDE_DIR = Path(__file__).resolve().parent.parent / "guide"
GUIDE_FILE = GUIDE_DIR / "huong-dan-bien-tap.md"
IMAGE_DIR = GUIDE_DIR / "anh"
#: The names the guide's images may have: no folder, no dot-dot, PNG only.
IMAGE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.png")
IMAGE_PREFIX = "anh/"


def heading_id(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped (letters with
    their diacritics kept), spaces turned into hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def image_names(source: str) -> list[str]:
    """The file names of the images the guide shows (``![…](anh/<name>.png)``)."""
    return re.findall(r"!\[[^\]]*\]\(" + IMAGE_PREFIX + r"([^)\s]+)\)", source)


def render(source: str) -> str:
    """The guide's HTML: CommonMark with tables, no raw HTML, headings with ids, images
    served by the portal."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    tokens = md.parse(source)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            token.attrSet("id", heading_id(inline.content))
        for child in token.children or ():
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                name = src.removeprefix(IMAGE_PREFIX)
                if src.startswith(IMAGE_PREFIX) and IMAGE_NAME.fullmatch(name):
                    child.attrSet("src", reverse("editorial:guide_image", args=[name]))
                    child.attrSet("loading", "lazy")
    return md.renderer.render(tokens, md.options, {})


@lru_cache(maxsize=4)
def _rendered(mtime_ns: int) -> str:
    return render(GUIDE_FILE.read_text(encoding="utf-8"))


def guide_html() -> str:
    """The rendered guide, rendered again when the file changes."""
    return _rendered(GUIDE_FILE.stat().st_mtime_ns)


@require_GET
def guide(request):
    return TemplateResponse(
        request,
        "editorial/guide.html",
        {"title": _("Editor's guide"), "body": mark_safe(guide_html())},
    )


@require_GET
def guide_image(request, name: str):
    if not IMAGE_NAME.fullmatch(name):
        raise Http404
    path = IMAGE_DIR / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
