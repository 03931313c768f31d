"""Metadata of a Vietnamese legal or administrative document, read from its text.

Pure Python (no Django): text in, ``Extracted`` out. What is read, following the layout
of Decree 30/2020/NĐ-CP Phụ lục I:

* the **header** above the type name: issuing body ("ỦY BAN NHÂN DÂN / HUYỆN NHƯ XUÂN"),
  number and symbol ("Số: 541/QĐ-UBND"), place and date ("Như Xuân, ngày 12 tháng 3 năm
  2012");
* the **type heading** ("QUYẾT ĐỊNH", "NGHỊ ĐỊNH"…) and the **summary** (trích yếu) on
  the lines after it, up to the line of the issuing authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN
  HUYỆN NHƯ XUÂN");
* the **preamble** ("Căn cứ …" lines before "QUYẾT ĐỊNH:"), whose citations are parsed by
  ``congthongtin.vietnam.documents.find_citations``;
* the **signature block** after "Nơi nhận": the signer's position and name;
* the line under an attached regulation, "(Ban hành kèm theo Quyết định số 541/QĐ-UBND
  ngày 12 tháng 3 năm 2012 của Chủ tịch UBND huyện Như Xuân)", which restates number,
  date and issuer when the header is missing or incomplete (text copied from a portal
  often loses it).

Legacy-encoded runs (TCVN3, VNI) are converted first (R-SITE-2), symbol codes included
("Q§-UBND" → "QĐ-UBND"). Messages about what is missing are in Vietnamese: they go to the
editor as they are.

Real files do not all follow the template; the shapes read (docs: "Shapes real documents
take") are: the heading table cell by cell, copied with tabs or runs of spaces, or run
together by an old reader ("DÂNTỈNH THANH HÓASố:"); summaries that stop where the body
starts; bases opened by "Thực hiện", "Theo", "Triển khai" or "Xét" besides "Căn cứ" (a
proposal, "Theo đề nghị của …", is none); signature blocks with position and name on one
line or several, placeholders, names in capitals, before or after the recipients, or
after a law's adoption line; national issuers (Quốc hội, Chính phủ, ministries) that need
no place; laws and codes titled by their usual name ("Bộ luật Dân sự").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from congthongtin.vietnam.documents import (
    DOCUMENT_TYPES,
    ISSUERS,
    NATIONAL_BODIES,
    DocumentNumber,
    find_citations,
    find_numbers,
    recase_symbol,
    type_name,
)
from congthongtin.vietnam.fold import fold
from congthongtin.vietnam.syllable import is_syllable
from congthongtin.vietnam.text import unicode_text

__all__ = ["CitationInfo", "Extracted", "agency_name", "extract_metadata"]

HEAD_LINES = 80  # the type heading is near the top
SUMMARY_LINES = 4
SIGNATURE_WINDOW = 40

# --- vocabulary ------------------------------------------------------------------------

_TYPE_BY_KEY = {fold(t.name): t.name for t in DOCUMENT_TYPES}
_TYPE_KEYS_LONGEST_FIRST = sorted(_TYPE_BY_KEY, key=lambda k: -len(k.split()))
_MOTTO_KEYS = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")

#: Words that open the line of the issuing authority, under the summary.
_AUTHORITY_STARTS = (
    "chu tich",
    "pho chu tich",
    "uy ban",
    "ubnd",
    "hoi dong",
    "hdnd",
    "giam doc",
    "q. giam doc",
    "pho giam doc",
    "bo truong",
    "thu truong",
    "thu tuong",
    "chinh phu",
    "quoc hoi",
    "chanh an",
    "vien truong",
    "tong kiem toan",
    "truong ban",
    "chu nhiem",
    "ban chap hanh",
    "ban thuong vu",
    "cuc truong",
    "tong cuc truong",
    "so ",
    "bo ",
)
#: Positions that precede the body's name in "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …"; the
#: body is what follows. (Thủ tướng Chính phủ is itself an issuer and stays whole.)
_POSITION_PREFIXES = (
    ("pho chu tich",),
    ("chu tich",),
    ("q.", "giam doc"),
    ("pho giam doc",),
    ("giam doc",),
    ("bo truong",),
    ("thu truong",),
    ("chanh an",),
    ("vien truong",),
    ("chu nhiem",),
    ("truong ban",),
    ("tong cuc truong",),
    ("cuc truong",),
)
_SIGNING_MARKS = ("kt.", "tm.", "q.", "tl.", "tuq.")
#: Types whose usual name is the type and the name: "Bộ luật Dân sự", "Luật Đất đai".
_LAW_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")
#: Known positions written properly ("PHÓ CHỦ TỊCH" → "Phó Chủ tịch").
_POSITION_CASE = {
    "chu tich": "Chủ tịch",
    "pho chu tich": "Phó Chủ tịch",
    "giam doc": "Giám đốc",
    "pho giam doc": "Phó Giám đốc",
    "bo truong": "Bộ trưởng",
    "thu truong": "Thứ trưởng",
    "thu tuong": "Thủ tướng",
    "pho thu tuong": "Phó Thủ tướng",
    "chu tich quoc hoi": "Chủ tịch Quốc hội",
    "chu tich nuoc": "Chủ tịch nước",
    "truong ban": "Trưởng ban",
    "pho truong ban": "Phó Trưởng ban",
    "chanh van phong": "Chánh Văn phòng",
    "pho chanh van phong": "Phó Chánh Văn phòng",
    "chu nhiem": "Chủ nhiệm",
    "pho chu nhiem": "Phó Chủ nhiệm",
    "cuc truong": "Cục trưởng",
    "pho cuc truong": "Phó Cục trưởng",
    "tong cuc truong": "Tổng cục trưởng",
    "vu truong": "Vụ trưởng",
    "truong phong": "Trưởng phòng",
    "pho truong phong": "Phó Trưởng phòng",
    "chanh an": "Chánh án",
    "vien truong": "Viện trưởng",
    "tong kiem toan": "Tổng Kiểm toán",
    "thong doc": "Thống đốc",
    "bi thu": "Bí thư",
    "pho bi thu": "Phó Bí thư",
    "chanh thanh tra": "Chánh Thanh tra",
    "tong giam doc": "Tổng Giám đốc",
    "pho tong giam doc": "Phó Tổng Giám đốc",
    "hieu truong": "Hiệu trưởng",
    "pho hieu truong": "Phó Hiệu trưởng",
}
# "Phó" of every position: "PHÓ CHÁNH ÁN", "PHÓ VIỆN TRƯỞNG".
_POSITION_CASE.update(
    {f"pho {k}": f"Phó {v}" for k, v in list(_POSITION_CASE.items()) if not k.startswith("pho ")}
)
#: Position keys, longest first, to find where a position starts inside a line.
_POSITION_KEYS = sorted(_POSITION_CASE, key=lambda k: -len(k.split()))
#: Common names of bodies, properly written; longest first.
_BODY_PHRASES = sorted(
    {
        "uy ban nhan dan": "Ủy ban nhân dân",
        "hoi dong nhan dan": "Hội đồng nhân dân",
        "thu tuong chinh phu": "Thủ tướng Chính phủ",
        "chinh phu": "Chính phủ",
        "quoc hoi": "Quốc hội",
        "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội",
        "van phong": "Văn phòng",
        "so": "Sở",
        "bo": "Bộ",
        "phong": "Phòng",
        "ban": "Ban",
        "cuc": "Cục",
        "chi cuc": "Chi cục",
        "trung tam": "Trung tâm",
        "vu": "Vụ",
        "tong cuc": "Tổng cục",
        "tinh uy": "Tỉnh ủy",
        "thanh uy": "Thành ủy",
        "huyen uy": "Huyện ủy",
        "dang uy": "Đảng ủy",
    }.items(),
    key=lambda kv: -len(kv[0].split()),
)
_ABBREVIATIONS = {"ubnd": "Ủy ban nhân dân", "hdnd": "Hội đồng nhân dân"}
#: Administrative levels: after one of them comes a place name.
_LEVELS = sorted(
    {
        "tinh": "tỉnh",
        "huyen": "huyện",
        "xa": "xã",
        "thi tran": "thị trấn",
        "thanh pho": "thành phố",
        "quan": "quận",
        "phuong": "phường",
        "thi xa": "thị xã",
    }.items(),
    key=lambda kv: -len(kv[0].split()),
)
_LEVEL_KEYS = {key for key, _ in _LEVELS} | {w for key, _ in _LEVELS for w in key.split()}
_ISSUER_BY_KEY = {fold(name): name for name in (*ISSUERS.values(), *NATIONAL_BODIES)}
_NATIONAL_KEYS = frozenset(fold(name) for name in NATIONAL_BODIES)
#: Words of a body's name that keep their capital inside a name written in capitals.
_PROPER_PAIRS = {"cong thuong": "Công Thương", "viet nam": "Việt Nam", "trung uong": "Trung ương"}

#: Family names (họ): a name-shaped line starting with one is a signer.
_FAMILY_NAME_LIST = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
    "Vương Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Cao Lương Đinh Châu Quách Thái Lưu "
    "Kiều Lò Hứa Nông Lục Triệu Từ Tăng Âu Mạc Khổng Thân Chu Giáp La Lại Lã Tống "
    "Đàm Chử Doãn Diệp Nghiêm Tôn Mã Ninh Hầu Khúc Quan Văn Cù Bế Sầm Vi Lường Mông "
    "Ma Lăng Đồng Phí Kim Trình Đậu Bạch Ông Tiêu Đường Hàn Kha "
)
_FAMILY_NAMES = frozenset(fold(n) for n in _FAMILY_NAME_LIST.split())

_DATE_WORDS = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?[\s./…]*tháng\s*(?P<m>\d{1,2})?[\s./…]*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_DATE_NUMERIC = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*[/.\-]\s*(?P<m>\d{1,2})?\s*[/.\-]\s*(?P<y>\d{4})", re.IGNORECASE
)
_PLACE_DATE = re.compile(r"(?P<place>[^\W\d_][^,;:()\d]{0,60}?)\s*,\s*(?=ngày\b)", re.IGNORECASE)
_NUMBER_LABEL = re.compile(r"(?:^|\s)(?:Số|SỐ|số)\s*[:.]?\s*", re.UNICODE)
_SYMBOL_ONLY = re.compile(r"^[.…\s]*/\s*(?P<sym>[A-ZĐ][\wĐđ&]*(?:\s*[-–]\s*[A-ZĐ][\wĐđ&]*)*)")
_ATTACHED = re.compile(
    r"\(\s*(?:ban\s+hành\s+)?kèm\s+theo\s+(?P<kind>[^\d():]{2,40}?)\s+số\s*[:.]?\s*"
    r"(?P<rest>[^()]{0,300})\)",
    re.IGNORECASE,
)
_ENACTING = re.compile(
    r"\bban\s+hành\s+(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?P<name>[^.;]+)",
    re.IGNORECASE,
)
_ENACTING_ANY = re.compile(
    r"\bban\s+hành\s+(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết"
    r"|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định)\b",
)
_OF = re.compile(r"\bcủa\s+(?P<issuer>.+)$", re.IGNORECASE | re.DOTALL)
_SUBJECT_ONLY = re.compile(r"^(?:V/v|Về việc)\s*[:.]?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class CitationInfo:
    """A document cited in the preamble ("Căn cứ …")."""

    text: str
    number: str | None  # canonical number/symbol
    number_key: str | None  # its folded key, for look-ups
    kind: str | None  # "Nghị định", "Luật"…
    title: str | None
    date: datetime.date | None
    issuer: str | None

    @property
    def label(self) -> str:
        if self.number:
            return self.number
        parts = [self.kind or "", self.title or ""]
        if self.date:
            parts.append("ngày " + self.date.strftime("%d/%m/%Y"))
        return " ".join(p for p in parts if p)


@dataclass
class Extracted:
    number: DocumentNumber | None = None
    symbol: str = ""  # the symbol alone when the number is blank ("QĐ-UBND")
    document_type: str | None = None
    type_heading: str | None = None
    issuing_body: str | None = None
    place: str | None = None
    issue_date: datetime.date | None = None
    signer: str | None = None
    signer_position: str | None = None
    summary: str | None = None
    citations: list[CitationInfo] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    legacy_runs: int = 0

    @property
    def number_symbol(self) -> str:
        return self.number.canonical if self.number else ""

    @property
    def is_legal_document(self) -> bool:
        """A number and symbol or a type heading: what every document carries."""
        return bool(self.number or self.type_heading)

    @property
    def title(self) -> str:
        """ "Quyết định 541/QĐ-UBND ban hành Quy chế …", as libraries name documents; a
        law, code or ordinance by its usual name, "Bộ luật Dân sự", "Luật Đất đai" (its
        number stays in ``number_symbol``)."""
        if self.document_type in _LAW_TYPES and self.summary:
            return f"{self.document_type} {self.summary}"
        head = " ".join(p for p in (self.document_type, self.number_symbol) if p)
        summary = self.summary or ""
        if summary and head and len(summary) > 1 and summary[1].islower():
            summary = summary[0].lower() + summary[1:]
        return " ".join(p for p in (head, summary) if p) or "Văn bản"


# --- small helpers -----------------------------------------------------------------------


def _prepare(text: str, legacy_runs: int | None) -> tuple[str, int]:
    if legacy_runs is None:
        text, runs = unicode_text(text)
    else:
        runs = legacy_runs
    # Markdown bold from converted copies, and non-breaking spaces.
    text = text.replace("**", "").replace("\u00a0", " ")
    return text, runs


#: Columns of a table copied as text: joined by tabs or by a run of spaces.
_CELL_GAP = re.compile(r"\t+| {3,}")


def _lines(text: str) -> list[str]:
    """One line per paragraph; cells of a copied table row ("ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA
    …") become lines of their own, left to right, as the file readers give them."""
    lines: list[str] = []
    for line in text.splitlines():
        cells = [" ".join(cell.split()) for cell in _CELL_GAP.split(line)]
        cells = [cell for cell in cells if cell]
        lines.extend(cells or [""])
    return lines


def _unglue_word(token: str) -> str:
    """ "DÂNTỈNH" → "DÂN TỈNH", "Hóasố:" → "Hóa số:": two cells run together by an old
    reader. Only a word that is not a Vietnamese syllable while its two halves are, and
    that holds a Vietnamese letter (abbreviations such as "UBND" stay)."""
    word = token.strip('.,;:()“”"')
    if len(word) < 4 or word.isascii() or not word.isalpha() or is_syllable(word):
        return token
    for cut in range(len(word) - 1, 0, -1):
        if is_syllable(word[:cut]) and is_syllable(word[cut:]):
            at = token.index(word) + cut
            return token[:at] + " " + token[at:]
    return token


def _unglue(line: str) -> str:
    return " ".join(_unglue_word(token) for token in line.split())


def _is_upper(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def sentence_case(text: str) -> str:
    """ "BAN HÀNH QUY CHẾ" → "Ban hành quy chế" (only for text written in capitals)."""
    text = " ".join(text.split())
    if not _is_upper(text):
        return text
    return text[:1].upper() + text[1:].lower()


def _words_match(words: list[str], at: int, phrase: tuple[str, ...] | str) -> int:
    """Number of words of ``phrase`` matched at ``words[at:]`` (folded), or 0."""
    tokens = (phrase if isinstance(phrase, str) else " ".join(phrase)).split()
    folded = [fold(w) for w in words[at : at + len(tokens)]]
    return len(tokens) if folded == tokens else 0


def _level_match(words: list[str], at: int, key: str, proper: str) -> int:
    """Like ``_words_match`` for a level, with its tone marks when the word has any: "XÃ"
    is a level, "QUẢN" is not "quận", and "XÃ HỘI" is no commune."""
    n = _words_match(words, at, key)
    if not n:
        return 0
    found = words[at : at + n]
    if any(not w.isascii() for w in found) and [w.lower() for w in found] != proper.split():
        return 0
    if key == "xa" and at + 1 < len(words) and fold(words[at + 1]) == "hoi":
        return 0
    return n


def agency_name(text: str) -> str:
    """A body's name written properly: abbreviations expanded, common words in their usual
    case, place names capitalised. "UBND huyện Như Xuân" and "ỦY BAN NHÂN DÂN HUYỆN NHƯ
    XUÂN" → "Ủy ban nhân dân huyện Như Xuân"."""
    text = " ".join(text.replace("–", "-").split()).strip(" .,;:")
    if not text:
        return ""
    known = _ISSUER_BY_KEY.get(fold(text))
    if known:
        return known
    words = text.split()
    expanded: list[str] = []
    for word in words:
        expanded.extend(_ABBREVIATIONS.get(fold(word), word).split())
    words = expanded
    upper = _is_upper(text)
    out: list[str] = []
    i = 0
    after_level = False
    # In capitals, a name after "Sở", "Bộ", "Phòng"… is written as a name: its first
    # word, and the first after "và" or "-", with a capital ("Sở Giáo dục và Đào tạo").
    name_start = True
    while i < len(words):
        for key, proper in _BODY_PHRASES:
            n = _words_match(words, i, key)
            # "Sở", "Ban", "Vụ" open a name; inside one they are words of it
            # ("Ban Thường vụ").
            if n == 1 and i and out[-1] != "và":
                continue
            if n and not after_level:
                out.append(proper)
                i += n
                name_start = True
                break
        else:
            for key, proper in _LEVELS:
                n = _level_match(words, i, key, proper)
                if n:
                    out.append(proper)
                    i += n
                    after_level = True
                    break
            else:
                word = words[i]
                pair = " ".join(fold(w) for w in words[i : i + 2])
                if fold(word) == "va":
                    out.append("và")
                    name_start = True
                elif word in ("-", "–"):
                    out.append("-")
                    name_start = True
                elif upper and not after_level and pair in _PROPER_PAIRS:
                    out.append(_PROPER_PAIRS[pair])
                    i += 1
                    name_start = False
                elif upper and (after_level or name_start):
                    out.append("-".join(_capitalize(part) for part in word.split("-")))
                    name_start = False
                elif upper:
                    out.append(word.lower())
                else:
                    out.append(word)
                    name_start = False
                i += 1
    return " ".join(out)


def _place_case(place: str) -> str:
    """ "thanh Hóa" (a copy that lost the case) → "Thanh Hóa"; "TP. Hồ Chí Minh" stays."""
    words = place.split()
    out = [words[0][:1].upper() + words[0][1:]] if words else []
    for word in words[1:]:
        key = fold(word)
        out.append(word if key in _LEVEL_KEYS or not word[:1].islower() else _capitalize(word))
    return " ".join(out)


def _is_generic(name: str | None) -> bool:
    """ "Ủy ban nhân dân tỉnh" names no body: its place is missing."""
    if not name:
        return True
    if fold(name) in _NATIONAL_KEYS:
        return False
    rest = fold(name)
    for key, _ in _BODY_PHRASES:
        rest = re.sub(rf"\b{re.escape(key)}\b", " ", rest)
    tokens = rest.split()
    return all(token in _LEVEL_KEYS for token in tokens)


def _split_position(words: list[str]) -> tuple[str, list[str]]:
    """("CHỦ TỊCH", rest) for "CHỦ TỊCH ỦY BAN NHÂN DÂN …"; ("", words) if no position."""
    for prefix in _POSITION_PREFIXES:
        n = _words_match(words, 0, prefix)
        if n and len(words) > n:
            return " ".join(words[:n]), words[n:]
    return "", words


def position_case(text: str) -> str:
    """ "KT. CHỦ TỊCH" → "KT. Chủ tịch"; "Q. GIÁM ĐỐC" → "Q. Giám đốc"."""
    text = " ".join(text.split()).strip(" ,;")
    mark = ""
    first = text.split(" ", 1)[0]
    if fold(first) in _SIGNING_MARKS:
        mark, text = first.upper(), text[len(first) :].strip()
    key = fold(text)
    words = text.split()
    prefix = next((p for p in _POSITION_KEYS if _words_match(words, 0, p)), None)
    if key in _POSITION_CASE:
        text = _POSITION_CASE[key]
    elif prefix:
        # "GIÁM ĐỐC SỞ NỘI VỤ" → "Giám đốc Sở Nội vụ".
        rest = " ".join(words[len(prefix.split()) :])
        text = f"{_POSITION_CASE[prefix]} {agency_name(rest)}"
    elif any(key == k or key.startswith(k + " ") for k, _ in _BODY_PHRASES):
        text = agency_name(text)
    else:
        text = sentence_case(text)
    return f"{mark} {text}".strip()


def _positions_in(words: list[str]) -> list[int]:
    """Where a position starts among ``words``, longest match first, left to right:
    "CHỦ TỊCH PHÓ CHỦ TỊCH" → [0, 2]; "CHỦ TỊCH QUỐC HỘI" → [0]."""
    starts: list[int] = []
    i = 0
    while i < len(words):
        for position in _POSITION_KEYS:
            n = _words_match(words, i, position)
            if n:
                starts.append(i)
                i += n
                break
        else:
            i += 1
    return starts


def _final_position(line: str) -> str:
    """The position of the one who signs, from a line of the signature block: "KT. CHỦ
    TỊCH PHÓ CHỦ TỊCH" → "PHÓ CHỦ TỊCH" (the first is on whose behalf); "TM. ỦY BAN
    NHÂN DÂN CHỦ TỊCH" → "CHỦ TỊCH"; "Q. GIÁM ĐỐC" and "KT. CHỦ TỊCH" stay whole."""
    words = line.split()
    has_mark = bool(words) and fold(words[0]) in _SIGNING_MARKS
    rest = words[1:] if has_mark else words
    starts = _positions_in(rest)
    if starts and starts[-1] > 0:
        return " ".join(rest[starts[-1] :])
    return line


def _date_from(text: str) -> tuple[datetime.date | None, str | None]:
    """(date, None) when complete; (None, the words as written) when partly blank."""
    for pattern in (_DATE_WORDS, _DATE_NUMERIC):
        m = pattern.search(text)
        if not m:
            continue
        if m.group("d") and m.group("m"):
            try:
                return datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), None
            except ValueError:
                return None, m.group(0)
        return None, " ".join(m.group(0).split())
    return None, None


def _is_authority(line: str) -> bool:
    key = fold(line)
    return _is_upper(line) and any(key.startswith(start) for start in _AUTHORITY_STARTS)


def _is_operative(line: str) -> bool:
    key = fold(line)
    if re.match(r"^(?:quyet dinh|quyet nghi|nghi dinh|chi thi|ban hanh|thong tu)\s*:", key):
        return True
    return bool(re.match(r"^(?:dieu 1\b|chuong (?:i|1)\b)", key))


def _is_position_line(line: str) -> bool:
    if not line or not _is_upper(line):
        return False
    key = fold(line)
    first = key.split(" ", 1)[0]
    if first in _SIGNING_MARKS:
        return True
    return key in _POSITION_CASE or any(key.startswith(k + " ") for k in _POSITION_CASE)


def _is_name(line: str) -> bool:
    line = re.sub(r"\(\s*đã\s+ký\s*\)", "", line, flags=re.IGNORECASE).strip()
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 40:
        return False
    return all(w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


# --- the parts ---------------------------------------------------------------------------


def _find_heading(lines: list[str]) -> tuple[int | None, str | None, str | None]:
    """(index, type name, the rest of the heading line) of the type heading."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if not line:
            continue
        key = fold(line)
        if key.startswith("can cu") or _is_operative(line) or line.endswith(":"):
            if key.startswith("can cu") or _is_operative(line):
                break
            continue
        if _is_upper(line) and key in _TYPE_BY_KEY:
            return i, _TYPE_BY_KEY[key], None
        # The name on the same line: "BỘ LUẬT DÂN SỰ", "QUYẾT ĐỊNH Về việc …".
        words = line.split()
        for type_key in _TYPE_KEYS_LONGEST_FIRST:
            n = _words_match(words, 0, type_key)
            if not n or len(words) == n or not _is_upper(" ".join(words[:n])):
                continue
            rest = " ".join(words[n:])
            if _is_upper(line) or (rest[:1].isupper() and not _is_upper(rest)):
                return i, _TYPE_BY_KEY[type_key], rest
    return None, None, None


#: First words of a body under another one ("SỞ TÀI CHÍNH" under "UBND TỈNH …").
_SUBORDINATE_STARTS = ("so", "phong", "ban", "cuc", "chi", "trung", "van", "truong", "vu")


def _names_a_body(line: str) -> bool:
    """ "Ủy Ban Nhân Dân tỉnh Thanh Hóa", "UBND huyện Như Xuân": an issuer written in a
    case other than capitals (a copy that lost it)."""
    key = fold(line)
    return not _is_upper(line) and (
        key.split(" ", 1)[0] in _ABBREVIATIONS
        or any(key.startswith(k + " ") for k, _ in _BODY_PHRASES if len(k.split()) > 1)
    )


def _header(lines: list[str], result: Extracted) -> tuple[str | None, datetime.date | None]:
    """Issuing body and date from the lines above the type heading."""
    body_lines: list[str] = []
    issue_date = None
    for line in lines:
        if not line:
            continue
        rest = line
        for key in _MOTTO_KEYS:
            idx = fold(rest).find(key)
            if idx >= 0:
                rest = (rest[:idx] + " " + rest[idx + len(key) :]).strip()
        m = _NUMBER_LABEL.search(rest)
        found = None
        if m and not result.number and not result.symbol:
            after = rest[m.end() :]
            numbers = find_numbers(after)
            sym = _SYMBOL_ONLY.match(after)
            first = after.split()[0] if after.strip() else ""
            if first and recase_symbol(first) != first:
                # A copy that lost the case: "245/kh-Ubnd", "245/Kh-Ubnd".
                recased = find_numbers(recase_symbol(first))
                if recased and recased[0][0] == 0:
                    numbers = [(0, after.index(first) + len(first), recased[0][2])]
            if numbers and numbers[0][0] <= 2:
                found = result.number = numbers[0][2]
                after = after[numbers[0][1] :]
            elif sym:
                found = result.symbol = re.sub(r"\s*[-–]\s*", "-", sym.group("sym"))
                after = after[sym.end() :]
        if found:
            rest = rest[: m.start()].strip()
            place = _PLACE_DATE.search(after)
            if place:
                result.place = result.place or _place_case(place.group("place").strip())
            date, partial = _date_from(after)
            if date or partial:
                issue_date = issue_date or date
                if partial:
                    result.problems.append(
                        f"Ngày ban hành ghi chưa đủ (“{partial}”): văn bản có thể chưa được ký."
                    )
                rest = ""
        if rest and re.search(r"\bngày\b", rest, re.IGNORECASE):
            place = _PLACE_DATE.search(rest)
            date, partial = _date_from(rest)
            if place and (date or partial):
                result.place = result.place or _place_case(place.group("place").strip())
                rest = rest[: place.start()].strip()
                if date:
                    issue_date = issue_date or date
                elif partial:
                    result.problems.append(
                        f"Ngày ban hành ghi chưa đủ (“{partial}”): văn bản có thể chưa được ký."
                    )
        if rest and (_is_upper(rest) or _names_a_body(rest)) and not set(rest) <= set("-_–—=* "):
            body_lines.append(rest)
    body = None
    if body_lines:
        # "UBND TỈNH THANH HÓA / SỞ CÔNG THƯƠNG": the lower line is the issuer.
        last = body_lines[-1]
        if len(body_lines) > 1 and fold(last).split(" ", 1)[0] in _SUBORDINATE_STARTS:
            body = agency_name(last)
        else:
            body = agency_name(" ".join(body_lines[-2:]))
    return body, issue_date


def _is_separator(line: str) -> bool:
    return set(line) <= set("-_–—=*. ")


#: A numbered or lettered heading of the body: "I. MỤC ĐÍCH", "1. Mục đích", "a) …".
_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s*\S", re.IGNORECASE)
#: Words that open the body after the summary, whatever comes before them.
_BODY_OPENINGS = (
    "loi noi dau",
    "can cu",
    "kinh gui",
    "xet de nghi",
    "theo de nghi",
    "dieu ",
    "chuong ",
    "phan thu",
)
#: Words that open a sentence of the body (a basis, a purpose) once a summary is read.
_SENTENCE_OPENINGS = (
    "thuc hien ",
    "theo ",
    "trien khai ",
    "xet ",
    "nham ",
    "de ",
    "tren co so ",
    "sau khi ",
    "hien nay",
    "muc ",
)
#: A summary line is a title, not a paragraph: a longer line after it is the body.
SUMMARY_LINE_MAX = 120


def _ends_summary(line: str, parts: list[str]) -> bool:
    """Whether ``line`` starts the body rather than continuing the summary in ``parts``."""
    key = fold(line)
    if key.startswith(_BODY_OPENINGS) or _is_operative(line) or _NUMBERED.match(line):
        return True
    if not parts:
        return False
    if len(parts) >= SUMMARY_LINES or line.endswith(":") or len(line) > SUMMARY_LINE_MAX:
        return True
    if line[:1].isupper() and key.startswith(_SENTENCE_OPENINGS):
        return True
    if re.search(r"\bnhu sau\b", key):  # "… ban hành Kế hoạch như sau"
        return True
    # A summary in capitals ends where sentence case begins.
    return all(_is_upper(part) for part in parts) and not _is_upper(line)


def _summary(lines: list[str], start: int, first: str | None = None) -> tuple[str | None, int]:
    """The trích yếu after the heading and the index of the authority line (or -1).

    It stops at the short rule under it (NĐ 30/2020 Phụ lục I), at the authority line,
    or where the body starts (``_ends_summary``)."""
    parts: list[str] = []
    if first:
        parts.append(_SUBJECT_ONLY.sub("", first) if fold(first).startswith("v/v") else first)
    for i in range(start, min(len(lines), start + 12)):
        line = lines[i]
        if not line:
            continue
        if _is_separator(line):
            if parts:
                break
            continue
        key = fold(line)
        if _is_authority(line):
            return (sentence_case(" ".join(parts)) if parts else None), i
        if _ends_summary(line, parts):
            break
        parts.append(_SUBJECT_ONLY.sub("", line) if not parts and key.startswith("v/v") else line)
    return (sentence_case(" ".join(parts)).strip(" .") if parts else None), -1


def _subject_line(lines: list[str]) -> str | None:
    """The subject of a công văn ("V/v …"), with the lines it wraps onto."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        if not fold(line).startswith(("v/v", "ve viec")):
            continue
        parts = [_SUBJECT_ONLY.sub("", line).strip()]
        for more in lines[i + 1 : i + SUMMARY_LINES]:
            key = fold(more)
            if (
                not more
                or not more[:1].islower()
                or any(k in key for k in _MOTTO_KEYS)
                or re.search(r"\bngay\b", key)
            ):
                break
            parts.append(more)
        return " ".join(parts).strip(" .")
    return None


def _restore_names(summary: str, result: Extracted) -> str:
    """Place names that writing in capitals lost ("… tỉnh thanh hóa năm 2024") written
    as the header writes them: the place of issue, the issuer's place, Việt Nam."""
    names = {"Việt Nam"}
    if result.place:
        names.add(result.place)
    if result.issuing_body:
        words = result.issuing_body.split()
        for i, word in enumerate(words):
            if fold(word) in _LEVEL_KEYS and i + 1 < len(words):
                names.add(" ".join(w for w in words[i + 1 :] if fold(w) not in _LEVEL_KEYS))
    for name in sorted(names, key=len, reverse=True):
        if not name:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(name.lower())}(?!\w)")
        summary = pattern.sub(name, summary)
    return summary


def _law_name(summary: str, lines: list[str]) -> str:
    """The name of a law as people write it after its type: "DÂN SỰ" → "Dân sự",
    "HÀNG HẢI VIỆT NAM" → "Hàng hải Việt Nam", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT
    ĐẤT ĐAI" → "sửa đổi, bổ sung một số điều của Luật Đất đai". The enacting formula
    ("Quốc hội ban hành Bộ luật hàng hải Việt Nam.") gives the case when it names it."""
    name = summary
    key = fold(summary)
    for line in lines[:HEAD_LINES]:
        m = _ENACTING.search(line)
        if m and fold(m.group("name").strip(" .,;")) == key:
            name = m.group("name").strip(" .,;")
            break
    else:
        name = _restore_names(sentence_case(summary), Extracted())
    # "… của luật đất đai": a law named inside the name keeps its capital.
    name = re.sub(
        r"(?<!\w)(?<!pháp )((?:bộ )?luật|pháp lệnh) (\w)",
        lambda m: m.group(1).capitalize() + " " + m.group(2).upper(),
        name,
    )
    if fold(name).startswith("nuoc cong hoa "):
        # "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam".
        return "nước Cộng hòa" + name[len("nước cộng hòa") :]
    if fold(name).startswith(("sua doi", "bo sung")):
        return name[:1].lower() + name[1:]
    return name[:1].upper() + name[1:]


def _authority(line: str) -> tuple[str | None, str | None]:
    """(issuing body, position) from "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN"."""
    position, rest = _split_position(line.split())
    return agency_name(" ".join(rest)), (position_case(position) if position else None)


def _attached(text: str, heading: str | None) -> dict:
    """Number, date and issuer from "(Ban hành kèm theo Quyết định số …)"."""
    for m in _ATTACHED.finditer(text):
        kind = " ".join(m.group("kind").split())
        if heading and fold(kind) != fold(heading):
            continue
        rest = m.group("rest")
        found: dict = {}
        numbers = find_numbers(rest)
        if numbers and numbers[0][0] <= 3:
            found["number"] = numbers[0][2]
        date, partial = _date_from(rest)
        found["date"], found["partial_date"] = date, partial
        of = _OF.search(rest)
        if of:
            position, words = _split_position(of.group("issuer").split())
            found["issuer"] = agency_name(" ".join(words))
            found["position"] = position_case(position) if position else None
        return found
    return {}


#: Words that open a basis of the preamble ("Căn cứ …", "Thực hiện Kế hoạch số …").
_BASIS_OPENINGS = ("can cu", "thuc hien ", "theo ", "trien khai ", "xet ")
#: A proposal names who proposes, not a basis: "Theo đề nghị của Giám đốc Sở …".
_PROPOSAL = re.compile(r"^(?:theo|xet)\s+(?:de nghi|de xuat|y kien de xuat)\b")
_BULLET = re.compile(r"^[-–—•+*]\s*")


def _basis_key(line: str) -> str:
    return fold(_BULLET.sub("", line))


def _ends_preamble(line: str) -> bool:
    """The operative part ("QUYẾT ĐỊNH:", "Điều 1."), the enacting formula ("Chính phủ
    ban hành Nghị định …"), or the first section of a plan ("I. MỤC ĐÍCH, YÊU CẦU")."""
    key = fold(line)
    if _is_operative(line) or key.startswith(("phan thu", "chuong ")):
        return True
    enacting = _ENACTING_ANY.search(line)
    if enacting and line[:1].isupper() and not key.startswith(_BASIS_OPENINGS):
        return len(line[: enacting.start()].split()) <= 8
    return bool(_NUMBERED.match(line)) and "can cu" not in key


def _preamble_citations(lines: list[str], start: int) -> list[CitationInfo]:
    """Citations of the bases: "Căn cứ …", "Thực hiện …", "Theo …", "Triển khai …",
    "Xét …" lines (with the lines they wrap onto) up to the operative part."""
    basis: list[str] = []
    open_basis = False
    for line in lines[start:]:
        if not line:
            continue
        if _ends_preamble(line):
            break
        key = _basis_key(line)
        if key.startswith(_BASIS_OPENINGS):
            open_basis = not _PROPOSAL.match(key)
            if open_basis:
                basis.append(_BULLET.sub("", line))
        elif open_basis and basis and not basis[-1].endswith((";", ".", ":")):
            basis[-1] += " " + line  # a basis wrapped onto the next line
        else:
            open_basis = False
        if basis and basis[-1].endswith((";", ".", ":")) and not key.startswith(_BASIS_OPENINGS):
            open_basis = False
    seen: set = set()
    citations: list[CitationInfo] = []
    for cit in find_citations("\n".join(basis)):
        number = cit.number.canonical if cit.number else None
        key = number or (cit.kind, fold(cit.title or ""), cit.date)
        if key in seen:
            continue
        seen.add(key)
        citations.append(
            CitationInfo(
                text=" ".join(cit.text.split()),
                number=number,
                number_key=cit.number.search_key if cit.number else None,
                kind=cit.kind,
                title=cit.title,
                date=cit.date,
                issuer=cit.issuer,
            )
        )
    return citations


_PLACEHOLDER = re.compile(
    r"^(?:[(\[].{0,80}[)\]]|đã\s+ký.{0,30})$",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"[(\[]\s*đã\s+ký[^)\]]*[)\]]", re.IGNORECASE)


def _name_case(words: list[str]) -> str:
    return " ".join("-".join(_capitalize(p) for p in w.split("-")) for w in words)


def _name_words(words: list[str]) -> bool:
    """2 to 5 words shaped like a name: "Nguyễn Văn An", "Y Biêr Niê", "NGUYỄN VĂN AN"."""
    if not 2 <= len(words) <= 5 or len(" ".join(words)) > 40:
        return False
    for word in words:
        letters = word.replace("'", "").replace("-", "")
        if not letters.isalpha() or not word[0].isupper():
            return False
    return all(len(w) == 1 or w[1:].islower() for w in words) or _is_upper(" ".join(words))


def _starts_with_body(words: list[str]) -> bool:
    """ "ỦY BAN NHÂN DÂN", "SỞ NỘI VỤ"; a one-word body with its tone marks ("Vụ" is a
    body, "Vũ" a family name)."""
    for key, proper in _BODY_PHRASES:
        if len(key.split()) > 1 and _words_match(words, 0, key):
            return True
        if len(key.split()) == 1 and words and words[0].lower() == proper.lower():
            return True
    return False


def _signature_line(line: str) -> tuple[str | None, str | None]:
    """(position, name) that one line of the signature block holds: "CHỦ TỊCH" →
    (it, None); "Lê Văn A" → (None, it); "CHỦ TỊCH QUỐC HỘI Nguyễn Thị Kim Ngân" and
    "PHÓ CHỦ TỊCH LÊ VĂN A" → both."""
    line = _SIGNED.sub("", line).strip()
    words = line.split()
    if _is_position_line(line):
        # A name in capitals after the position: "PHÓ CHỦ TỊCH LÊ VĂN A".
        for cut in range(len(words) - 2, 0, -1):
            tail = words[cut:]
            if (
                fold(tail[0]) in _FAMILY_NAMES
                and _name_words(tail)
                and fold(_final_position(" ".join(words[:cut]))) in _POSITION_CASE
                and not _positions_in(tail)
            ):
                return " ".join(words[:cut]), _name_case(tail)
        return line, None
    # The position in capitals, then the name: "CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng".
    cut = next((i for i, w in enumerate(words) if not _is_upper(w) and w[:1].isalpha()), 0)
    if cut and _is_position_line(" ".join(words[:cut])) and _name_words(words[cut:]):
        return " ".join(words[:cut]), " ".join(words[cut:])
    if _name_words(words) and not _starts_with_body(words):
        if not _is_upper(line):
            return None, line
        # In capitals only with a family name: "NGUYỄN VĂN AN", not "PHÓ CHÁNH ÁN".
        if fold(words[0]) in _FAMILY_NAMES:
            return None, _name_case(words)
    return None, None


def _scan_signature(lines: list[str]) -> tuple[str | None, str | None]:
    position = None
    after_position = False
    for line in lines:
        if not line or _PLACEHOLDER.match(line):
            continue  # "(Đã ký)", "[Chữ ký số]", "(Ký, ghi rõ họ tên và đóng dấu)"
        found_position, name = _signature_line(line)
        if found_position:
            position = _final_position(found_position)
        if name and (found_position or after_position or fold(name.split()[0]) in _FAMILY_NAMES):
            return name, (position_case(position) if position else None)
        after_position = bool(found_position)
    return None, None


_RECIPIENTS = re.compile(r"^\W*n[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)


def _signature(lines: list[str], start: int) -> tuple[str | None, str | None]:
    """(signer, position) from the signature block after the operative part.

    The block sits after "Nơi nhận" (the recipients' cell comes first), or before it
    (text copied from a PDF); a law has no recipients: its block follows the line of
    adoption ("… thông qua ngày …"), at the end of the text."""
    recipients = next((i for i in range(start, len(lines)) if _RECIPIENTS.match(lines[i])), None)
    regions: list[tuple[int, int]] = []
    if recipients is not None:
        regions += [
            (recipients, recipients + SIGNATURE_WINDOW),
            (max(start, recipients - 15), recipients),
        ]
    adopted = [i for i in range(start, len(lines)) if "thông qua ngày" in lines[i].lower()]
    if adopted:
        regions.append((adopted[-1] + 1, adopted[-1] + 1 + SIGNATURE_WINDOW))
    regions += [(max(start, len(lines) - SIGNATURE_WINDOW), len(lines))]
    regions.append((start, start + SIGNATURE_WINDOW))
    for begin, end in regions:
        signer, position = _scan_signature(lines[begin:end])
        if signer:
            return signer, position
    return None, None


# --- entry point -------------------------------------------------------------------------


def extract_metadata(text: str, *, legacy_runs: int | None = None) -> Extracted:
    """Read number, type, issuer, place and date, signer, summary and the preamble's
    citations from the text of a document.

    ``legacy_runs``: when the caller already converted the text (``unicode_text``), how
    many legacy runs it had; the text is then not scanned again.
    """
    text, runs = _prepare(text or "", legacy_runs)
    result = Extracted(legacy_runs=runs)
    lines = _lines(text)
    if not any(lines):
        result.problems.append("Tệp không có nội dung chữ.")
        return result

    heading_at, heading, heading_rest = _find_heading(lines)
    # Cells an old reader ran together ("DÂNTỈNH THANH HÓASố:") come apart first.
    zone = heading_at if heading_at is not None else min(len(lines), 12)
    lines[:zone] = [_unglue(line) for line in lines[:zone]]
    if heading_at is None:
        heading_at, heading, heading_rest = _find_heading(lines)
    result.type_heading = heading
    if heading_at is not None:
        header_lines = lines[:heading_at]
    else:
        # A công văn: the header ends where the letter starts ("Kính gửi: …").
        header_lines = []
        for line in lines[:12]:
            if _basis_key(line).startswith(("kinh gui", *_BASIS_OPENINGS)):
                break
            header_lines.append(line)
    header_body, header_date = _header(header_lines, result)

    summary, authority_at = (None, -1)
    if heading_at is not None:
        summary, authority_at = _summary(lines, heading_at + 1, heading_rest)
    authority_body, authority_position = (
        _authority(lines[authority_at]) if authority_at >= 0 else (None, None)
    )
    attached = _attached(text, heading)

    # Number: the header's, else the one restated under the attached regulation.
    if not result.number and attached.get("number"):
        result.number = attached["number"]
    # Date: the header's, else the restated one.
    result.issue_date = header_date or attached.get("date")
    if not result.issue_date and not any("Ngày ban hành" in p for p in result.problems):
        partial = attached.get("partial_date")
        result.problems.append(
            f"Ngày ban hành ghi chưa đủ (“{partial}”): văn bản có thể chưa được ký."
            if partial
            else "Không tìm thấy ngày ban hành."
        )
    # Issuer: the most specific of header, attached-regulation line and authority line.
    candidates = [header_body, attached.get("issuer"), authority_body]
    specific = [c for c in candidates if c and not _is_generic(c)]
    result.issuing_body = specific[0] if specific else next((c for c in candidates if c), None)
    if not result.issuing_body:
        result.problems.append("Không xác định được cơ quan ban hành.")
    elif not specific:
        result.problems.append(
            f"Cơ quan ban hành chỉ ghi chung “{result.issuing_body}”: hãy ghi rõ tên cơ quan."
        )

    # Type: the heading, else what the number's symbol says.
    code_type = None
    if result.number:
        code_type = result.number.kind
    elif result.symbol:
        code_type = type_name(result.symbol.split("-")[0])
    result.document_type = heading or code_type
    if (
        heading
        and result.number
        and result.number.type_code
        and code_type
        and fold(code_type) != fold(heading)
    ):
        result.problems.append(f"Tên loại “{heading}” không khớp ký hiệu “{result.number.symbol}”.")
    if not summary and result.document_type == "Công văn":
        summary = _subject_line(lines)
    if summary and result.document_type in _LAW_TYPES:
        summary = _law_name(summary, lines)
    elif summary:
        summary = _restore_names(summary, result)
    result.summary = summary

    result.citations = _preamble_citations(lines, heading_at or 0)
    operative = next(
        (i for i in range(heading_at or 0, len(lines)) if _is_operative(lines[i])), heading_at or 0
    )
    result.signer, position = _signature(lines, operative)
    result.signer_position = position or authority_position or attached.get("position")

    if not result.is_legal_document:
        # What else is missing does not matter: it is not a document at all.
        result.problems = [
            "Không tìm thấy số, ký hiệu hay tên loại văn bản (Quyết định, Nghị định…): "
            "tệp này không giống một văn bản hành chính hay văn bản quy phạm pháp luật."
        ]
        return result
    if not result.number:
        result.problems.append(
            f"Văn bản chưa có số (Số: …/{result.symbol}): có thể là bản dự thảo hoặc chưa vào sổ."
            if result.symbol
            else "Không tìm thấy số, ký hiệu văn bản."
        )
    if not result.summary:
        result.problems.append("Không tìm thấy trích yếu (dòng sau tên loại văn bản).")
    if not result.signer:
        result.problems.append("Không tìm thấy người ký.")
    if runs:
        result.problems.append(
            f"Đã chuyển {runs} đoạn chữ mã cũ (TCVN3/VNI) sang Unicode; hãy đọc lại (R-SITE-2)."
        )
    return result
