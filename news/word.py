"""What a unit's Word file of a news item or an article holds, as units write them
(R-SUB-1): the title, the lead (sapo), the body with its pictures and their captions, the
author line. Pure logic on the blocks of ``congthongtin.core.reading.word_content``: no
database, so the rules are tested on their own.

The rules:

- **title**: the first heading, or the first large bold line, among the first three
  paragraphs; else the first paragraph. What stands above it (a kicker, a date) stays at
  the top of the body.
- **lead**: the paragraph after the title when it is bold or italic as a whole, or when it
  is short (at most ``LEAD_MAX_WORDS`` words).
- **author line**: the last paragraph (or the last two or three, when they are short and
  set apart: right-aligned, bold or italic) when it reads as one: "Tin, ảnh: Lê Thị B
  (Trung tâm VH-TT)", "Tác giả: …", "Nguyễn Văn A – Phòng Văn hóa – Thông tin", or a
  name alone with the position and unit on the next line. It gives the name, the
  position (a title such as "Phó Trưởng phòng", "Chủ tịch") and the unit. A last line
  "Nguồn: …" is the source.
- **captions**: an italic paragraph right after a picture is its caption; a trailing
  "(Ảnh: …)" in it is the photo credit.
- empty paragraphs are dropped; tables stay tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from congthongtin.vietnam.fold import fold

LEAD_MAX_WORDS = 60
TITLE_MAX_LENGTH = 255
#: Words of a line that can be an author line.
AUTHOR_MAX_WORDS = 30
#: A title is "large" from this size (points), or 2 points above the body's usual size.
LARGE_SIZE = 14

#: "Tin, ảnh:", "Bài và ảnh:", "Tác giả:" … in folded form (no diacritics, lower case).
_AUTHOR_PREFIX = re.compile(
    r"^\s*(?:(?:tin|bai|bai viet|anh|tin va anh|bai va anh|tin, anh|bai, anh|tin - anh|"
    r"tin/anh|bai/anh|tac gia|nguoi viet|thuc hien|nhom pv|pv|ctv|phong vien|"
    r"cong tac vien)\s*:)\s*",
)
_PHOTO_PREFIX = re.compile(r"^\s*(?:[^:]*\banh\b[^:]*):")
_SOURCE_PREFIX = re.compile(r"^\s*nguon\s*:\s*")
#: Positions a name is followed by ("Phó Trưởng phòng Văn hóa – Thông tin"), folded,
#: longest first. When a position ends with the kind of unit it heads ("… phòng"), the
#: unit is that word and what follows: "Trưởng phòng Văn hóa" → "Phòng Văn hóa".
_POSITIONS = sorted(
    (
        "chu tich",
        "pho chu tich",
        "bi thu",
        "pho bi thu",
        "bi thu chi bo",
        "giam doc",
        "pho giam doc",
        "truong phong",
        "pho truong phong",
        "truong ban",
        "pho truong ban",
        "chanh van phong",
        "pho chanh van phong",
        "truong tram",
        "pho truong tram",
        "tram truong",
        "hieu truong",
        "pho hieu truong",
        "truong khoa",
        "pho truong khoa",
        "chu nhiem",
        "pho chu nhiem",
        "tong bien tap",
        "pho tong bien tap",
        "can bo",
        "cong chuc",
        "vien chuc",
        "chuyen vien",
        "chuyen vien chinh",
        "giao vien",
        "bac si",
        "phong vien",
        "bien tap vien",
        "cong tac vien",
        "truong thon",
        "truong ban cong tac mat tran",
        "thu ky",
        "ke toan",
    ),
    key=len,
    reverse=True,
)
_UNIT_NOUNS = ("phong", "ban", "tram", "van phong", "khoa")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-ỸÁ-Ỹ][\wÀ-ỹ]*\.?$")
_ACADEMIC = re.compile(r"^(?:(?:GS|PGS|TS|ThS|CN|KS|BS|Ths|NCS)\.?\s*)+", re.UNICODE)
_DASHES = re.compile(r"\s+[–—-]\s+")
_CREDIT = re.compile(r"\s*[(\[]\s*(?:Ảnh|ảnh|Anh|Nguồn ảnh)\s*:\s*([^)\]]+)[)\]]\s*$")


@dataclass
class Author:
    name: str = ""
    position: str = ""
    unit: str = ""
    #: "Tin, ảnh: …": the author took the pictures too (their credit).
    photos: bool = False


@dataclass
class Picture:
    image: int  # index into WordContent.images
    caption: str = ""
    credit: str = ""


@dataclass
class Extracted:
    title: str = ""
    lead: str = ""
    author: Author = field(default_factory=Author)
    source: str = ""
    #: ("heading", text, level) | ("paragraphs", [html…]) | ("image", Picture) |
    #: ("table", rows), in order.
    body: list[tuple] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    #: Machine codes of what the editor must check ("no_author", "no_lead", "long_title"…).
    checks: list[str] = field(default_factory=list)


def words(text: str) -> int:
    return len(text.split())


def _is_text(block: dict) -> bool:
    return block["kind"] in ("paragraph", "heading") and bool(block["text"].strip())


def _body_size(blocks: list[dict]) -> float:
    sizes = sorted(b["size"] for b in blocks if _is_text(b) and b["size"])
    return sizes[len(sizes) // 2] if sizes else 0


def _is_title_like(block: dict, body_size: float) -> bool:
    if block["kind"] == "heading":
        return True
    if not block["bold"] or words(block["text"]) > 40:
        return False
    size = block["size"]
    return bool(size) and (size >= LARGE_SIZE or (body_size and size >= body_size + 2))


def find_title(blocks: list[dict]) -> int | None:
    """The index of the title block."""
    texts = [i for i, b in enumerate(blocks) if _is_text(b)]
    if not texts:
        return None
    body_size = _body_size(blocks)
    for i in texts[:3]:
        if _is_title_like(blocks[i], body_size):
            return i
    return texts[0]


def _is_lead(block: dict) -> bool:
    if block["kind"] != "paragraph":
        return False
    return block["bold"] or block["italic"] or words(block["text"]) <= LEAD_MAX_WORDS


def _looks_like_name(text: str) -> bool:
    """ "Nguyễn Văn A", "ThS. Lê Thị Bình": two to six capitalised words."""
    text = _ACADEMIC.sub("", text.strip()).strip()
    parts = text.split()
    return 2 <= len(parts) <= 6 and all(_NAME_WORD.match(p) for p in parts)


def split_position(text: str) -> tuple[str, str]:
    """ "Phó Trưởng phòng Văn hóa – Thông tin huyện" → ("Phó Trưởng phòng", "Phòng Văn
    hóa – Thông tin huyện"); "Chủ tịch UBND xã" → ("Chủ tịch", "UBND xã"); a text
    without a known position is a unit."""
    text = text.strip(" ,;.")
    if "," in text:
        first, rest = (part.strip() for part in text.split(",", 1))
        if fold(first).split() and any(fold(first).startswith(p) for p in _POSITIONS):
            return first, rest.strip(" ,;.")
    folded = fold(text)
    for position in _POSITIONS:
        if folded == position:
            return text, ""
        if folded.startswith(position + " "):
            count = len(position.split())
            pieces = text.split()
            head, rest = " ".join(pieces[:count]), " ".join(pieces[count:])
            last = fold(pieces[count - 1])
            if last in _UNIT_NOUNS or position.endswith("van phong"):
                noun = pieces[count - 1]
                if position.endswith("van phong"):
                    noun = " ".join(pieces[count - 2 : count])
                return head, f"{noun[:1].upper()}{noun[1:]} {rest}".strip()
            return head, rest
    return "", text


def parse_author(lines: list[str]) -> Author | None:
    """The author of the last lines of a file, or None when they are not an author line."""
    if not lines:
        return None
    first = lines[0].strip()
    folded = fold(first)
    author = Author()
    prefix = _AUTHOR_PREFIX.match(folded)
    if prefix:
        author.photos = bool(_PHOTO_PREFIX.match(folded[: prefix.end()]))
        first = first[_prefix_length(first, prefix.end()) :].strip()
    elif not _looks_like_name(_name_part(first)):
        return None
    name, rest = _name_part(first), first[len(_name_part(first)) :]
    rest = rest.strip().strip("()–—-,;").strip()
    if not name:
        return None
    author.name = name.strip(" .,;")
    extra = " ".join(part for part in [rest, *[line.strip() for line in lines[1:]]] if part)
    if extra:
        author.position, author.unit = split_position(extra.strip("() "))
    return author


def _prefix_length(original: str, folded_end: int) -> int:
    # fold keeps one character per character for Vietnamese letters: same offsets.
    return min(folded_end, len(original))


def _name_part(text: str) -> str:
    """The name at the start of an author line: up to "(", a dash or a comma."""
    text = text.strip()
    match = re.match(r"^(.*?)(?=\s*\(|\s+[–—-]\s+|\s*,\s)", text)
    return (match.group(1) if match else text).strip()


def find_author(blocks: list[dict], start: int) -> tuple[int, Author | None, str]:
    """(index of the first author block or len(blocks), the author, the source) from the
    end of ``blocks`` (not before ``start``)."""
    end = len(blocks)
    source = ""
    texts = [i for i in range(start, end) if _is_text(blocks[i])]
    if not texts:
        return end, None, ""
    last = texts[-1]
    if _SOURCE_PREFIX.match(fold(blocks[last]["text"])):
        source = re.sub(r"^\s*\S+\s*:\s*", "", blocks[last]["text"]).strip()
        texts.pop()
        end = last
        if not texts:
            return end, None, source
    # Candidates: the last one to three short text blocks after the last picture/table.
    tail = []
    for i in reversed(texts):
        block = blocks[i]
        if any(blocks[j]["kind"] in ("image", "table") for j in range(i + 1, end)):
            break
        if words(block["text"]) > AUTHOR_MAX_WORDS or len(tail) == 3:
            break
        tail.insert(0, i)
    for size in range(len(tail), 0, -1):
        group = tail[-size:]
        lines = [blocks[i]["text"] for i in group]
        set_apart = all(
            blocks[i]["align"] == "right" or blocks[i]["bold"] or blocks[i]["italic"] for i in group
        )
        if size > 1 and not set_apart:
            continue
        author = parse_author(lines)
        if author is None:
            continue
        prefixed = bool(_AUTHOR_PREFIX.match(fold(lines[0])))
        # One plain last line is an author line when it has the shape of one: a name
        # and then a position or a unit ("Nguyễn Văn A – Phòng Văn hóa – Thông tin").
        if prefixed or set_apart or (size == 1 and (author.unit or author.position)):
            return group[0], author, source
    return end, None, source


def extract(blocks: list[dict]) -> Extracted:
    """Title, lead, author and body of a Word file's blocks (``WordContent.blocks``)."""
    result = Extracted()
    blocks = [b for b in blocks if b["kind"] != "paragraph" or b["text"].strip()]
    title_index = find_title(blocks)
    if title_index is None:
        result.checks.append("no_title")
        return result
    title = " ".join(blocks[title_index]["text"].split())
    if len(title) > TITLE_MAX_LENGTH:
        result.checks.append("long_title")
        title = title[: TITLE_MAX_LENGTH - 1].rstrip() + "…"
    result.title = title
    before = blocks[:title_index]
    rest = blocks[title_index + 1 :]
    if title.upper() == title and any(ch.isalpha() for ch in title):
        result.checks.append("capital_title")
    # The lead is the first text after the title; a picture may stand between them (it
    # stays at the top of the body: the lead picture).
    lead_index = next((i for i, b in enumerate(rest) if b["kind"] != "image"), None)
    if lead_index is not None and _is_lead(rest[lead_index]):
        result.lead = rest[lead_index]["text"]
        rest = rest[:lead_index] + rest[lead_index + 1 :]
    else:
        result.checks.append("no_lead")
    author_index, author, source = find_author(rest, 0)
    result.source = source
    if author is not None:
        result.author = author
    else:
        result.checks.append("no_author")
    body_blocks = before + rest[:author_index]
    _body(result, body_blocks)
    if author is not None and author.photos:
        for picture in result.pictures:
            picture.credit = picture.credit or author.name
    return result


def _body(result: Extracted, blocks: list[dict]) -> None:
    paragraphs: list[str] = []

    def flush():
        if paragraphs:
            result.body.append(("paragraphs", list(paragraphs)))
            paragraphs.clear()

    i = 0
    while i < len(blocks):
        block = blocks[i]
        kind = block["kind"]
        if kind == "image":
            flush()
            picture = Picture(image=block["image"])
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                following is not None
                and following["kind"] == "paragraph"
                and following["italic"]
                and words(following["text"]) <= LEAD_MAX_WORDS
            ):
                picture.caption, picture.credit = split_credit(following["text"])
                i += 1
            result.pictures.append(picture)
            result.body.append(("image", picture))
        elif kind == "heading":
            flush()
            result.body.append(("heading", block["text"], block["level"]))
        elif kind == "table":
            flush()
            result.body.append(("table", block["rows"]))
        else:
            paragraphs.append(block["html"])
        i += 1
    flush()


def split_credit(caption: str) -> tuple[str, str]:
    """ "Các đại biểu dự hội nghị. (Ảnh: Lê Thị B)" → (caption, "Lê Thị B")."""
    caption = " ".join(caption.split())
    match = _CREDIT.search(caption)
    if match:
        return caption[: match.start()].strip(), match.group(1).strip()
    return caption, ""
