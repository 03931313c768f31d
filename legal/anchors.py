"""Anchors for the articles (Điều) and chapters (Chương) of a document's full text.

The rich-text editor drops ``id`` attributes, so anchors are added when the text is
rendered: a paragraph or heading that starts "Điều 5." gets ``id="dieu-5"``, one that
starts "Chương II" gets ``id="chuong-ii"``. A citation ("Điều 5 Quyết định 541/QĐ-UBND")
can then deep-link to ``…/#dieu-5``. A decision with an attached regulation has two
"Điều 1": once articles have been seen, a heading "QUY CHẾ" or "QUY ĐỊNH" (the attached
regulation) starts a scope, and its articles become ``quy-che-dieu-1``…; any other
repeated id gets a suffix (``dieu-1-2``). Pure Python (no Django).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_BLOCK = re.compile(r"<(?P<tag>p|h[2-6]|li)(?P<attrs>\s[^>]*)?>(?P<body>.*?)</(?P=tag)>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<n>\d{1,4}[a-zđ]?)\s*[.:]", re.UNICODE)
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<n>[IVXLC]{1,8}|\d{1,3})\b")
_HAS_ID = re.compile(r"\bid\s*=", re.I)
_SCOPES = {"QUY CHẾ": "quy-che-", "QUY ĐỊNH": "quy-dinh-", "ĐIỀU LỆ": "dieu-le-"}


@dataclass(frozen=True)
class Anchor:
    id: str
    label: str  # the start of the paragraph: "Điều 5. Trách nhiệm của …"
    level: int  # 1 chapter, 2 article


def _plain(fragment: str) -> str:
    text = html.unescape(_TAGS.sub("", fragment)).replace("\u00a0", " ")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _label(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_article_anchors(markup: str) -> tuple[str, list[Anchor]]:
    """``markup`` with ids on article and chapter blocks, and the anchors in order."""
    anchors: list[Anchor] = []
    used: dict[str, int] = {}
    scope = {"prefix": ""}

    def replace(match: re.Match[str]) -> str:
        attrs = match.group("attrs") or ""
        if _HAS_ID.search(attrs):
            return match.group(0)
        text = _plain(match.group("body"))
        heading = text.rstrip(" .:").upper()
        if heading in _SCOPES and text == text.upper() and anchors:
            scope["prefix"] = _SCOPES[heading]
            return match.group(0)
        article = _ARTICLE.match(text)
        chapter = None if article else _CHAPTER.match(text)
        if not (article or chapter):
            return match.group(0)
        if article:
            base, level = "dieu-" + article.group("n").lower().replace("đ", "d"), 2
        else:
            base, level = "chuong-" + chapter.group("n").lower(), 1
        base = scope["prefix"] + base
        used[base] = used.get(base, 0) + 1
        anchor_id = base if used[base] == 1 else f"{base}-{used[base]}"
        anchors.append(Anchor(anchor_id, _label(text), level))
        tag = match.group("tag")
        return f'<{tag}{attrs} id="{anchor_id}">{match.group("body")}</{tag}>'

    return _BLOCK.sub(replace, markup), anchors


def article_sections(markup: str) -> list[tuple[str, str, str]]:
    """(anchor id, heading, text) of each article of ``markup``: the article's own block
    and the blocks up to the next article or chapter. For search results that deep-link."""
    anchored, _anchors = add_article_anchors(markup)
    sections: list[tuple[str, str, list[str]]] = []
    for match in _BLOCK.finditer(anchored):
        text = _plain(match.group("body"))
        found = re.search(r'\bid="([^"]+)"', match.group("attrs") or "")
        if found and "dieu-" in found.group(1):
            sections.append((found.group(1), text, []))
        elif found or (text.rstrip(" .:").upper() in _SCOPES and text == text.upper()):
            # A chapter or the attached regulation's heading ends the article before it.
            sections.append(("", "", []))
        elif sections and sections[-1][0] and text:
            sections[-1][2].append(text)
    return [(anchor, heading, " ".join(body)) for anchor, heading, body in sections if anchor]
