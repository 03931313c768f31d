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

Legacy-encoded runs (TCVN3, VNI) are converted first (R-SITE-2). Messages about what is
missing are in Vietnamese: they go to the editor as they are.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from congthongtin.vietnam.documents import (
    DOCUMENT_TYPES,
    ISSUERS,
    DocumentNumber,
    find_citations,
    find_numbers,
    type_name,
)
from congthongtin.vietnam.fold import fold
from congthongtin.vietnam.text import unicode_text

__all__ = ["CitationInfo", "Extracted", "agency_name", "extract_metadata"]

HEAD_LINES = 80  # the type heading is near the top
SUMMARY_LINES = 4
SIGNATURE_WINDOW = 40

# --- vocabulary ------------------------------------------------------------------------

_TYPE_BY_KEY = {fold(t.name): t.name for t in DOCUMENT_TYPES}
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
    "chu nhiem": "Chủ nhiệm",
    "cuc truong": "Cục trưởng",
}
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
_ISSUER_BY_KEY = {fold(name): name for name in ISSUERS.values()}

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
        """ "Quyết định 541/QĐ-UBND ban hành Quy chế …", as libraries name documents."""
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
    text = text.replace("**", "").replace("\u00a0", " ").replace("\t", " ")
    return text, runs


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


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
    while i < len(words):
        for key, proper in _BODY_PHRASES:
            n = _words_match(words, i, key)
            if n and not after_level:
                out.append(proper)
                i += n
                break
        else:
            for key, proper in _LEVELS:
                n = _words_match(words, i, key)
                if n:
                    out.append(proper)
                    i += n
                    after_level = True
                    break
            else:
                word = words[i]
                if fold(word) == "va":
                    out.append("và")
                elif upper:
                    out.append("-".join(_capitalize(part) for part in word.split("-")))
                else:
                    out.append(word)
                i += 1
    return " ".join(out)


def _is_generic(name: str | None) -> bool:
    """ "Ủy ban nhân dân tỉnh" names no body: its place is missing."""
    if not name:
        return True
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
    if key in _POSITION_CASE:
        text = _POSITION_CASE[key]
    elif any(key.startswith(k) for k, _ in _BODY_PHRASES):
        text = agency_name(text)
    else:
        text = sentence_case(text)
    return f"{mark} {text}".strip()


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
        if key.startswith("can cu") or _is_operative(line):
            break
        if not _is_upper(line) or line.endswith(":"):
            continue
        if key in _TYPE_BY_KEY:
            return i, _TYPE_BY_KEY[key], None
        for prefix in ("bo luat ", "luat ", "phap lenh "):
            if key.startswith(prefix):
                kind = _TYPE_BY_KEY[prefix.strip()]
                return i, kind, line[len(prefix) :].strip()
    return None, None, None


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
                result.place = result.place or place.group("place").strip()
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
                result.place = result.place or place.group("place").strip()
                rest = rest[: place.start()].strip()
                if date:
                    issue_date = issue_date or date
                elif partial:
                    result.problems.append(
                        f"Ngày ban hành ghi chưa đủ (“{partial}”): văn bản có thể chưa được ký."
                    )
        if rest and _is_upper(rest) and not set(rest) <= set("-_–—=* "):
            body_lines.append(rest)
    body = None
    if body_lines:
        # "UBND TỈNH THANH HÓA / SỞ CÔNG THƯƠNG": the lower line is the issuer.
        last = body_lines[-1]
        if len(body_lines) > 1 and fold(last).split(" ", 1)[0] in ("so", "phong", "ban", "cuc"):
            body = agency_name(last)
        else:
            body = agency_name(" ".join(body_lines[-2:]))
    return body, issue_date


def _summary(lines: list[str], start: int) -> tuple[str | None, int]:
    """The trích yếu after the heading and the index of the authority line (or -1)."""
    parts: list[str] = []
    for i in range(start, min(len(lines), start + 12)):
        line = lines[i]
        if not line or set(line) <= set("-_–—=*. "):
            continue
        key = fold(line)
        if _is_authority(line):
            return (sentence_case(" ".join(parts)) if parts else None), i
        if (
            key.startswith(("can cu", "xet de nghi", "theo de nghi", "dieu ", "chuong "))
            or _is_operative(line)
            or len(parts) >= SUMMARY_LINES
        ):
            break
        parts.append(_SUBJECT_ONLY.sub("", line) if not parts and key.startswith("v/v") else line)
    return (sentence_case(" ".join(parts)).strip(" .") if parts else None), -1


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


def _preamble_citations(lines: list[str], start: int) -> list[CitationInfo]:
    basis: list[str] = []
    for line in lines[start:]:
        if _is_operative(line):
            break
        if fold(line).startswith("can cu"):
            basis.append(line)
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


def _signature(lines: list[str], start: int) -> tuple[str | None, str | None]:
    """(signer, position) from the signature block after the operative part."""
    begin = start
    for i in range(start, len(lines)):
        if fold(lines[i]).startswith("noi nhan"):
            begin = i
            break
    position = None
    previous = ""
    for line in lines[begin : begin + SIGNATURE_WINDOW]:
        if not line:
            continue
        if _is_position_line(line):
            position = line
        elif _is_name(line):
            name = re.sub(r"\(\s*đã\s+ký\s*\)", "", line, flags=re.IGNORECASE).strip()
            if fold(name.split()[0]) in _FAMILY_NAMES or _is_position_line(previous):
                return name, (position_case(position) if position else None)
        previous = line
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
    result.type_heading = heading
    header_lines = lines[:heading_at] if heading_at is not None else lines[:12]
    header_body, header_date = _header(header_lines, result)

    summary, authority_at = (None, -1)
    if heading_at is not None:
        summary, authority_at = _summary(lines, heading_at + 1)
        if heading_rest and not summary:
            summary = sentence_case(heading_rest)
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
        for line in lines[:HEAD_LINES]:
            if fold(line).startswith(("v/v", "ve viec")):
                summary = _SUBJECT_ONLY.sub("", line).strip()
                break
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
