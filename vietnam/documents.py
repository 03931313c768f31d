"""Document numbers and symbols (số, ký hiệu) and the citations that use them.

Format (NĐ 30/2020/NĐ-CP, Phụ lục I II.3; Luật BHVBQPPL Điều 7 k3): ``number[/year]/
symbol``; the symbol is the type abbreviation and the issuer abbreviation joined by
``-`` (``541/QĐ-UBND``, ``42/2022/NĐ-CP``); an official letter (công văn) has no type,
only issuer and drafting unit (``4507/BGTVT-TTCNTT``); a law has only the legislature
(``67/2006/QH11``). Party documents write ``80-NQ/TW``. Real text adds spaces
(``NĐ- CP``, ``541 /QĐ - UBND``), en dashes, the look-alike ``Ð``, and the old
``TTLT/BVHTT-BTC`` slash; ``parse_number`` accepts all of these, and the canonical
form written back uses ``-`` between groups, no spaces, the case of each code as
written (``QyĐ``, ``TTr``, ``TTg`` are official mixed-case codes).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .fold import fold
from .text import clean_with_offsets, normalize

__all__ = [
    "DOCUMENT_TYPES",
    "ISSUERS",
    "NATIONAL_BODIES",
    "Citation",
    "DocumentNumber",
    "DocumentType",
    "find_citations",
    "find_numbers",
    "format_number",
    "issuer_name",
    "parse_date",
    "parse_number",
    "recase_symbol",
    "type_name",
]


@dataclass(frozen=True)
class DocumentType:
    """One row of the type table: the abbreviation used in symbols and the name."""

    code: str | None
    name: str
    legal: bool = False  # a legal-document type (VBQPPL) when issued with a year
    official: bool = True  # False for abbreviations that NĐ 30/2020 does not define


# NĐ 30/2020/NĐ-CP Phụ lục III (administrative types and copies), then the legal types
# (Luật BHVBQPPL 2025 Điều 4) and the Party's extra type. Codes are as officially written.
DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("NQ", "Nghị quyết", legal=True),
    DocumentType("QĐ", "Quyết định", legal=True),
    DocumentType("CT", "Chỉ thị"),
    DocumentType("QC", "Quy chế"),
    DocumentType("QyĐ", "Quy định"),
    DocumentType("TC", "Thông cáo"),
    DocumentType("TB", "Thông báo"),
    DocumentType("HD", "Hướng dẫn"),
    DocumentType("CTr", "Chương trình"),
    DocumentType("KH", "Kế hoạch"),
    DocumentType("PA", "Phương án"),
    DocumentType("ĐA", "Đề án"),
    DocumentType("DA", "Dự án"),
    DocumentType("BC", "Báo cáo"),
    DocumentType("BB", "Biên bản"),
    DocumentType("TTr", "Tờ trình"),
    DocumentType("HĐ", "Hợp đồng"),
    DocumentType("CĐ", "Công điện"),
    DocumentType("BGN", "Bản ghi nhớ"),
    DocumentType("BTT", "Bản thỏa thuận"),
    DocumentType("GUQ", "Giấy ủy quyền"),
    DocumentType("GM", "Giấy mời"),
    DocumentType("GGT", "Giấy giới thiệu"),
    DocumentType("GNP", "Giấy nghỉ phép"),
    DocumentType("PG", "Phiếu gửi"),
    DocumentType("PC", "Phiếu chuyển"),
    DocumentType("PB", "Phiếu báo"),
    DocumentType("SY", "Bản sao y"),
    DocumentType("TrS", "Bản trích sao"),
    DocumentType("SL", "Bản sao lục"),
    # Công văn and thư công carry no type abbreviation (NĐ 30/2020); "CV" and "TD"
    # still appear on portals, so they are read but flagged as unofficial.
    DocumentType("CV", "Công văn", official=False),
    DocumentType("TD", "Thư công", official=False),
    # Legal-document types with their own abbreviations.
    DocumentType("NĐ", "Nghị định", legal=True),
    DocumentType("TT", "Thông tư", legal=True),
    DocumentType("TTLT", "Thông tư liên tịch", legal=True),
    DocumentType("NQLT", "Nghị quyết liên tịch", legal=True),
    DocumentType("PL", "Pháp lệnh", legal=True),
    # "L-CTN" is a Lệnh (order) of the President; a Luật itself carries no type in its
    # symbol (67/2006/QH11), so "Luật" is inferred from the QH issuer instead.
    DocumentType("L", "Lệnh", legal=True),
    DocumentType("VBHN", "Văn bản hợp nhất"),
    DocumentType("KL", "Kết luận", official=False),
    # Types named in text but never abbreviated in a symbol.
    DocumentType(None, "Hiến pháp", legal=True),
    DocumentType(None, "Bộ luật", legal=True),
    DocumentType(None, "Luật", legal=True),
)

_TYPE_BY_CODE = {t.code: t for t in DOCUMENT_TYPES if t.code}


def _fold_key(s: str) -> str:
    return fold(normalize(s))


_TYPE_BY_FOLDED: dict[str, list[DocumentType]] = {}
for _t in DOCUMENT_TYPES:
    if _t.code:
        _TYPE_BY_FOLDED.setdefault(_fold_key(_t.code), []).append(_t)

# Frequent issuer abbreviations (research §3.1); a helper for display, not a whitelist.
ISSUERS: dict[str, str] = {
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BTC": "Bộ Tài chính",
    "BCT": "Bộ Công Thương",
    "BGTVT": "Bộ Giao thông vận tải",
    "BVHTT": "Bộ Văn hóa - Thông tin",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TW": "Ban Chấp hành Trung ương",
    "SCT": "Sở Công Thương",
    "STP": "Sở Tư pháp",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "KTNN": "Kiểm toán nhà nước",
}

#: Bodies of the State and the Party at national level: their name needs no place.
NATIONAL_BODIES: frozenset[str] = frozenset(
    {
        "Quốc hội",
        "Ủy ban Thường vụ Quốc hội",
        "Chủ tịch nước",
        "Chính phủ",
        "Thủ tướng Chính phủ",
        "Văn phòng Chính phủ",
        "Văn phòng Quốc hội",
        "Văn phòng Chủ tịch nước",
        "Hội đồng Dân tộc",
        "Tòa án nhân dân tối cao",
        "Viện kiểm sát nhân dân tối cao",
        "Kiểm toán nhà nước",
        "Ngân hàng Nhà nước Việt Nam",
        "Ban Chấp hành Trung ương",
        "Bộ Chính trị",
        "Ban Bí thư",
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    }
)


def type_name(code: str | None) -> str | None:
    """Document type in words for a type code: ``"QĐ"`` → ``"Quyết định"``.

    The code matches as written (``"HD"`` Hướng dẫn, ``"HĐ"`` Hợp đồng); a code typed
    without diacritics (``"ND"``, ``"QD"``) matches when only one type folds to it.
    """
    found = _lookup_type(code)
    return found.name if found else None


def _lookup_type(code: str | None) -> DocumentType | None:
    if not code:
        return None
    code = normalize(code)
    if code in _TYPE_BY_CODE:
        return _TYPE_BY_CODE[code]
    candidates = _TYPE_BY_FOLDED.get(_fold_key(code), [])
    return candidates[0] if len(candidates) == 1 else None


def issuer_name(code: str | None) -> str | None:
    """Issuer in words: ``"CP"`` → ``"Chính phủ"``, ``"QH11"`` → ``"Quốc hội"``."""
    if not code:
        return None
    code = normalize(code)
    if code in ISSUERS:
        return ISSUERS[code]
    base = re.sub(r"\d+$", "", code)
    return ISSUERS.get(base) if base in ("QH", "UBTVQH") else None


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed number and symbol. ``str()`` and ``canonical`` give the canonical form."""

    number: str  # as written, leading zeros kept ("01")
    year: int | None
    type_code: str | None  # "QĐ", "NĐ", "TTr", "QyĐ"…; None for công văn and laws
    issuer_code: str | None  # "UBND", "CP", "QH11", "BGTVT"…
    extra_codes: tuple[str, ...] = ()  # drafting unit or co-issuers: "TTCNTT", "BTC"
    party: bool = False  # Party style "80-NQ/TW"

    @property
    def symbol(self) -> str:
        """The ký hiệu: ``"NĐ-CP"``, ``"BGTVT-TTCNTT"``, ``"NQ/TW"``."""
        if self.party:
            return f"{self.type_code}/" + "-".join(
                [c for c in (self.issuer_code, *self.extra_codes) if c]
            )
        return "-".join(c for c in (self.type_code, self.issuer_code, *self.extra_codes) if c)

    @property
    def canonical(self) -> str:
        if self.party:
            return f"{self.number}-{self.symbol}"
        year = f"/{self.year}" if self.year is not None else ""
        return f"{self.number}{year}/{self.symbol}"

    @property
    def search_key(self) -> str:
        """Folded canonical form: "42/2022/ND-CP" typed without Đ finds "42/2022/NĐ-CP"."""
        return fold(self.canonical)

    @property
    def type_name(self) -> str | None:
        return type_name(self.type_code)

    @property
    def kind(self) -> str | None:
        """Document type in words, inferred when the symbol has no type code: a
        National Assembly number (``QH11``) is a Luật (it may also be a Nghị quyết
        của Quốc hội; the words of a citation say which), a number without type and
        year is a Công văn. None when nothing can be inferred (``UBTVQH15`` can be a
        Pháp lệnh or a Nghị quyết)."""
        if self.type_code:
            return self.type_name
        if self.issuer_code and re.fullmatch(r"QH\d*", self.issuer_code):
            return "Luật"
        if self.issuer_code and re.fullmatch(r"UBTVQH\d*", self.issuer_code):
            return None
        if self.year is None:
            return "Công văn"
        return None

    @property
    def is_official_type(self) -> bool:
        """False when the type code is not in NĐ 30/2020 (``CV``) or unknown."""
        found = _lookup_type(self.type_code)
        return self.type_code is None or (found is not None and found.official)

    def __str__(self) -> str:
        return self.canonical


def format_number(number: DocumentNumber) -> str:
    """Canonical string of a DocumentNumber (the inverse of ``parse_number``)."""
    return number.canonical


# --- parsing -------------------------------------------------------------------------

_SP = r"[ \t\u00a0]*"
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # for character classes
# One group of a symbol: starts with a capital (codes are upper case or official
# mixed case), ASCII letters, Đ/đ and digits, and must not run into a Vietnamese word.
_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?![^\W_])"
_NUMBER_PATTERN = (
    rf"(?P<num>\d{{1,6}}[a-z]?){_SP}/{_SP}"
    rf"(?:(?P<year>(?:19|20)\d\d){_SP}/{_SP})?"
    rf"(?P<sym>{_PART}(?:{_SP}[{_DASH}/]{_SP}{_PART})*)"
)
_PARTY_PATTERN = (
    rf"(?P<pnum>\d{{1,6}}){_SP}[{_DASH}]{_SP}(?P<ptype>{_PART}){_SP}/{_SP}"
    rf"(?P<psym>{_PART}(?:{_SP}[{_DASH}]{_SP}{_PART})*)"
)
_NUMBER_RE = re.compile(rf"(?<![\w/.{_DASH}])(?:{_NUMBER_PATTERN}|{_PARTY_PATTERN})")
_PREFIX_RE = re.compile(r"^\s*(?:số|so|sô)\s*[:.]?\s*", re.IGNORECASE)


def _from_match(m: re.Match[str]) -> DocumentNumber | None:
    if m.group("pnum"):
        ptype = m.group("ptype")
        if _lookup_type(ptype) is None:
            return None
        parts = re.split(rf"{_SP}[{_DASH}]{_SP}", m.group("psym"))
        return DocumentNumber(m.group("pnum"), None, ptype, parts[0], tuple(parts[1:]), True)
    parts = re.split(rf"{_SP}[{_DASH}/]{_SP}", m.group("sym"))
    year = int(m.group("year")) if m.group("year") else None
    if _lookup_type(parts[0]) is not None:
        issuer = parts[1] if len(parts) > 1 else None
        return DocumentNumber(m.group("num"), year, parts[0], issuer, tuple(parts[2:]))
    return DocumentNumber(m.group("num"), year, None, parts[0], tuple(parts[1:]))


_CODE_BY_CASEFOLD: dict[str, str] = {}
for _code in [t.code for t in DOCUMENT_TYPES if t.code] + list(ISSUERS):
    _CODE_BY_CASEFOLD.setdefault(normalize(_code).casefold(), _code)


def recase_symbol(text: str) -> str:
    """The codes of a number and symbol whose case a copy lost, written as officially:
    ``"245/kh-Ubnd"`` → ``"245/KH-UBND"``, ``"12/ttr-ubnd"`` → ``"12/TTr-UBND"``,
    ``"749/qđ-ttg"`` → ``"749/QĐ-TTg"``, ``"91/2015/qh13"`` → ``"91/2015/QH13"``. A code
    not in the tables is written in capitals (issuer and unit codes are)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        known = _CODE_BY_CASEFOLD.get(word.casefold())
        if known:
            return known
        base = re.sub(r"\d+$", "", word)
        known = _CODE_BY_CASEFOLD.get(base.casefold())
        if known and base != word:
            return known + word[len(base) :]
        return word.upper()

    return re.sub(r"[^\W\d_]\w*", fix, normalize(text))


def parse_number(s: str) -> DocumentNumber | None:
    """Parse a number and symbol as people write it; None if ``s`` is not one.

    ``"Số: 01 /2020/TT-BTP"``, ``"42/2022/NÐ-CP"`` (eth), ``"64/2007/NĐ- CP"``,
    ``"21/2003/TTLT/BVHTT-BTC"``, ``"4507/BGTVT-TTCNTT"``, ``"67/2006/QH11"``,
    ``"80-NQ/TW"``.
    """
    s = normalize(s).strip().rstrip(".,;:)")
    s = _PREFIX_RE.sub("", s)
    m = _NUMBER_RE.fullmatch(s)
    return _from_match(m) if m else None


def find_numbers(text: str) -> list[tuple[int, int, DocumentNumber]]:
    """Every document number in (normalised) ``text``, with its span."""
    found = []
    for m in _NUMBER_RE.finditer(text):
        number = _from_match(m)
        if number is not None:
            found.append((m.start(), m.end(), number))
    return found


_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_DATE_WORDS = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})", re.IGNORECASE)


def parse_date(s: str) -> datetime.date | None:
    """``"10/4/2007"``, ``"01/07/2003"``, ``"ngày 12 tháng 3 năm 2012"`` → a date."""
    s = normalize(s).strip()
    s = re.sub(r"^ngày\s+", "", s, flags=re.IGNORECASE)
    m = _DATE_NUMERIC.fullmatch(s) or _DATE_WORDS.fullmatch(s)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- citations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A document cited in a text. ``start``/``end`` index the original text."""

    start: int
    end: int
    text: str
    number: DocumentNumber | None
    kind: str | None  # document type in words: "Nghị định", "Luật", "Công văn"…
    title: str | None = None  # name words: "Công nghệ thông tin"
    date: datetime.date | None = None
    issuer: str | None = None  # from "của …": "Chính phủ"
    subject: str | None = None  # abstract after "về"/"về việc", best effort


# Type words found in text, longest first so "Thông tư liên tịch" wins over "Thông tư".
_KIND_WORDS = sorted(
    {t.name for t in DOCUMENT_TYPES} | {"Công văn", "Văn bản"},
    key=lambda n: -len(n),
)
_KIND_BY_FOLDED = {_fold_key(n): n for n in _KIND_WORDS}
_LAW_KINDS = {"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}
_KIND_RE = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(r"\s+".join(re.escape(w) for w in _fold_key(n).split()) for n in _KIND_WORDS)
    + r")(?![^\W\d_])"
)
_WS = r"[ \t\u00a0]"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
# These patterns run on the clean text, case-insensitively except for type words.
_NUMBER_AHEAD = re.compile(rf"{_WS}*,?{_WS}*(?:số{_WS}*[:.]?{_WS}*)?(?=\d)", re.IGNORECASE)
_DATE_AHEAD = re.compile(
    rf"{_WS}*,?\s*(?:ban{_WS}+hành{_WS}+)?(?:vào{_WS}+)?ngày\s+"
    rf"(?P<date>\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{4}}"
    rf"|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s*,?\s+năm\s+\d{{4}})",
    re.IGNORECASE,
)


def _words(phrase: str) -> str:
    return rf"{_WS}+".join(re.escape(w) for w in phrase.split())


# Words that end a document's name or an issuer's name ("Luật Báo chí khi …").
_STOP_WORDS = "|".join(
    [rf"số{_WS}*[:.]?{_WS}*\d"]
    + [
        _words(w)
        for w in (
            "ngày",
            "của",
            "về",
            "tại",
            "được",
            "đã",
            "này",
            "do",
            "thì",
            "để",
            "nhằm",
            "khi",
            "trong",
            "theo",
            "cho",
            "với",
            "mà",
            "nếu",
            "đối với",
            "thuộc",
            "trên",
            "quy định",
            "quy về",
            "hướng dẫn",
            "kèm theo",
            "và các",
            "năm",
        )
    ]
)
# A capitalised type word starts another document ("… Chính phủ và Luật Tổ chức …");
# in lower case it is part of a name ("Luật Ban hành văn bản quy phạm pháp luật").
_KIND_CAPITALISED = "|".join(_words(n) for n in _KIND_WORDS)
_NAME_WORD = (
    rf"(?!(?:{_STOP_WORDS}){_NOT_LETTER_AHEAD}"
    rf"|(?-i:{_KIND_CAPITALISED}){_NOT_LETTER_AHEAD}"
    rf"|(?:và|hoặc){_WS}+(?-i:{_KIND_CAPITALISED}){_NOT_LETTER_AHEAD})"
    r"[^\W\d_][^\s,;.:()\[\]\"“”/]*"
)
_YEAR_NAME = rf"{_WS}+năm{_WS}+\d{{4}}"  # "Hiến pháp năm 2013"
_TITLE_AHEAD = re.compile(
    rf"(?:{_WS}+{_NAME_WORD}){{1,14}}(?:{_YEAR_NAME})?|{_YEAR_NAME}", re.IGNORECASE
)
_AMENDING_TITLE = re.compile(
    rf"{_WS}+sửa{_WS}+đổi[^;\n.()]*?(?=,?{_WS}*(?:ngày|số{_WS}*[:.]?{_WS}*\d)|[;\n.()]|$)",
    re.IGNORECASE,
)
_ISSUER_AHEAD = re.compile(
    rf"{_WS}*,?{_WS}*của{_WS}+"
    rf"(?P<issuer>{_NAME_WORD}(?:{_WS}+(?:-{_WS}+)?{_NAME_WORD}){{0,9}})",
    re.IGNORECASE,
)
_SUBJECT_AHEAD = re.compile(
    rf"{_WS}*,?{_WS}*(?:về{_WS}+việc|v/v|về|quy{_WS}+định{_WS}+về|hướng{_WS}+dẫn)"
    rf"{_WS}+(?P<subject>[^;\n]+?)(?=[;\n]|\.(?:\s|$)|$)",
    re.IGNORECASE,
)


def _fold_1to1(text: str) -> str:
    """Fold each character to one lower-case character without diacritics (đ → d), so
    that indexes of the folded text are indexes of ``text``."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ch not in "Đđ" else "d"
        low = base.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def _issuer_end(work: str, m: re.Match[str]) -> int:
    return m.start("issuer") + len(work[m.start("issuer") : m.end("issuer")].rstrip())


def _is_capitalized(word: str) -> bool:
    return bool(word) and word[0].isupper()


def find_citations(text: str) -> list[Citation]:
    """Every document that ``text`` cites, in order.

    A citation is a type word followed by a number (``Nghị định số 64/2007/NĐ-CP``,
    ``công văn số 5724/UBND - CNTT``), possibly with a name between
    (``Luật Công nghệ thông tin của Quốc hội, số 67/2006/QH11``); a law named without
    number (``Luật tổ chức HĐND và UBND, ngày 26/11/2003``; the type word must be
    capitalised); or a bare number (``theo 72/2002/QĐ-TTg``). The date (``ngày
    10/4/2007`` or ``ngày 12 tháng 3 năm 2012``), the issuer (``của Chính phủ``) and the
    abstract (``về …``) are read when they follow. An amending law's name runs to its
    date (``Luật sửa đổi, bổ sung một số điều của Luật …``); laws named inside it are not
    separate citations. Legacy-encoded and NFD text is converted first; spans index the
    original ``text``.
    """
    work, origin = clean_with_offsets(text)
    folded = _fold_1to1(work)
    numbers = {start: (end, number) for start, end, number in find_numbers(work)}
    used_numbers: set[int] = set()
    found: list[tuple[int, int, DocumentNumber | None, str | None, dict]] = []
    covered_until = -1

    def tail(pos: int, info: dict) -> int:
        """Read date and issuer after ``pos``; returns the new end."""
        end = pos
        for _ in range(3):
            m = _DATE_AHEAD.match(work, end)
            if m and "date" not in info:
                info["date"] = parse_date(work[m.start("date") : m.end("date")])
                end = m.end()
                continue
            m = _ISSUER_AHEAD.match(work, end)
            if m and "issuer" not in info:
                end = _issuer_end(work, m)
                info["issuer"] = work[m.start("issuer") : end].strip()
                continue
            break
        m = _SUBJECT_AHEAD.match(work, end)
        if m:
            info["subject"] = work[m.start("subject") : m.end("subject")].strip()
        return end

    for km in _KIND_RE.finditer(folded):
        if km.start() < covered_until:
            continue
        kind = _KIND_BY_FOLDED[" ".join(km.group().split())]
        word = work[km.start() : km.end()]
        prev = folded[max(0, km.start() - 5) : km.start()]
        if kind in _LAW_KINDS and re.search(r"(phap|du thao|van ban)\s+$", prev):
            continue  # "pháp luật", "dự thảo luật": the word, not a document
        pos = km.end()
        info: dict = {}
        am = _AMENDING_TITLE.match(work, pos) if kind == "Luật" else None
        tm = am or _TITLE_AHEAD.match(work, pos)
        title_end = tm.end() if tm else pos
        # Where the number may start: right after the type word, after the name, or
        # after "name của issuer," ("Luật Công nghệ thông tin của Quốc hội, số …").
        tries: list[tuple[int, re.Match[str] | None, bool]] = [(pos, None, False)]
        if tm:
            tries.append((title_end, None, True))
        im = _ISSUER_AHEAD.match(work, title_end)
        if im:
            tries.append((_issuer_end(work, im), im, bool(tm)))
        number = None
        end = pos
        for at, issuer_match, with_title in tries:
            nm = _NUMBER_AHEAD.match(work, at)
            if not nm or nm.end() not in numbers or nm.end() in used_numbers:
                continue
            number_end, number = numbers[nm.end()]
            used_numbers.add(nm.end())
            if issuer_match:
                info["issuer"] = work[issuer_match.start("issuer") : at].strip()
            if with_title:
                info["title"] = work[pos:title_end].strip()
            end = tail(number_end, info)
            break
        if number is None:
            if not (kind in _LAW_KINDS and tm and _is_capitalized(word)):
                continue
            info["title"] = work[pos:title_end].strip()
            end = tail(title_end, info)
        found.append((km.start(), end, number, kind, info))
        covered_until = end

    for start, (end, number) in numbers.items():
        if start in used_numbers or any(s <= start < e for s, e, *_ in found):
            continue
        info = {}
        end = tail(end, info)
        found.append((start, end, number, number.kind, info))

    citations = []
    for start, end, number, kind, info in sorted(found, key=lambda f: f[0]):
        o_start, o_end = origin[start], origin[end]
        kind = kind if kind != "Văn bản" or number is None else (number.kind or kind)
        citations.append(
            Citation(
                start=o_start,
                end=o_end,
                text=text[o_start:o_end],
                number=number,
                kind=kind,
                title=info.get("title") or None,
                date=info.get("date"),
                issuer=info.get("issuer"),
                subject=info.get("subject"),
            )
        )
    return citations
