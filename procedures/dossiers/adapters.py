"""Adapters from the one-stop desk's exports to :class:`DossierRecord` rows.

An adapter is anything with ``read(source) -> Iterable[DossierRecord]`` (:class:`DossierAdapter`):
``source`` is the file's bytes. A province whose one-stop system offers an API writes
another adapter with the same method; the importer does not change.

Only the columns of :data:`COLUMNS` are read. Every other column of the export (the
applicant's name, identity number, phone, address, e-mail…) is dropped while the row is
read: it never reaches the database, a log or an error message (Law 91/2025/QH15 on
personal data: the portal has no purpose for it).

The shapes real exports take, each tested in tests/procedures/test_dossiers_adapters.py
(docs: "Dossier look-up"):

* CSV in UTF-8, with or without the byte-order mark Excel writes ("CSV UTF-8");
  UTF-16 with a BOM ("Unicode text", tab-separated);
* comma, semicolon (Excel with Vietnamese regional settings) or tab between fields;
* title lines above the header ("DANH SÁCH HỒ SƠ…", blank lines) and blank lines or a
  totals line without a code below;
* Vietnamese headers with or without diacritics, in any case, with stray spaces
  ("Mã hồ sơ", "MA HO SO", "Ngày hẹn trả kết quả"), or English/snake_case ones;
* codes Excel would mangle, exported as ``="000.25.H56-0001"`` or with a leading quote;
* dates dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, with a time
  ("08/01/2026 14:30", ISO ``2026-01-08T14:30:00+07:00``), or an Excel serial day number;
* JSON: a list of objects, or an object with the list under ``dossiers``/``data``/
  ``items``/``ho_so`` (and optionally ``exported_at``), keys in English or Vietnamese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from congthongtin.vietnam.fold import fold

CODE_MAX_LENGTH = 50
#: What a receipt code is made of: letters, digits and the separators one-stop systems use.
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-_/]{1,49}$")
TEXT_MAX_LENGTH = {"procedure_name": 500, "status": 200, "unit": 255}
#: Lines above the header an export may carry (a title, the unit, the date, blank lines).
HEADER_SEARCH_LINES = 15


@dataclass(frozen=True)
class DossierRecord:
    """One dossier as the public may see it: no field names its applicant."""

    code: str
    procedure_name: str = ""
    status: str = ""
    received_on: dt.date | None = None
    expected_on: dt.date | None = None
    finished_on: dt.date | None = None
    unit: str = ""


class DossierFileError(ValueError):
    """The export cannot be used; ``problems`` are (line number, message) pairs (line 0:
    the file as a whole)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__(
            "; ".join(
                f"{_('line')} {line}: {message}" if line else message for line, message in problems
            )
        )


class DossierAdapter(Protocol):
    """What the importer needs of an adapter."""

    def read(self, source: bytes) -> Iterable[DossierRecord]: ...


# Columns --------------------------------------------------------------------------------
def header_key(text: str) -> str:
    """A header as compared: folded (no diacritics, đ → d), lower case, letters and digits
    joined by single spaces. "Mã hồ sơ", "MA HO SO" and "ma_ho_so" are one key."""
    folded = fold(str(text)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


#: Field → the headers (as :func:`header_key` makes them) that carry it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": (
        "ma ho so",
        "ma hs",
        "so ho so",
        "ma bien nhan",
        "so bien nhan",
        "ma tra cuu",
        "code",
        "dossier code",
        "receipt code",
    ),
    "procedure_name": (
        "ten thu tuc",
        "ten thu tuc hanh chinh",
        "thu tuc",
        "thu tuc hanh chinh",
        "procedure",
        "procedure name",
    ),
    "status": ("trang thai", "trang thai ho so", "tinh trang", "tinh trang ho so", "status"),
    "received_on": (
        "ngay tiep nhan",
        "ngay nhan",
        "ngay nhan ho so",
        "ngay nop",
        "received",
        "received on",
        "received date",
    ),
    "expected_on": (
        "ngay hen tra",
        "ngay hen tra ket qua",
        "hen tra",
        "han xu ly",
        "expected",
        "expected on",
        "expected date",
        "due date",
    ),
    "finished_on": (
        "ngay tra ket qua",
        "ngay tra",
        "ngay hoan thanh",
        "ngay co ket qua",
        "ngay ket thuc",
        "finished",
        "finished on",
        "returned on",
    ),
    "unit": (
        "don vi xu ly",
        "co quan xu ly",
        "don vi",
        "co quan",
        "phong ban xu ly",
        "unit",
        "handling unit",
    ),
}
_FIELD_OF = {key: field for field, keys in COLUMNS.items() for key in keys}
DATE_FIELDS = ("received_on", "expected_on", "finished_on")


def field_of(header: str) -> str | None:
    return _FIELD_OF.get(header_key(header))


# Values ---------------------------------------------------------------------------------
_EXCEL_TEXT = re.compile(r'^=\s*"(.*)"$')


def clean_cell(value) -> str:
    """A cell as text: Excel's text guards (``="…"``, a leading apostrophe) removed,
    control characters dropped, spaces collapsed."""
    text = "" if value is None else str(value)
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    match = _EXCEL_TEXT.match(text)
    if match:
        text = match.group(1)
    if text.startswith("'"):
        text = text[1:]
    return " ".join(text.split())


def normalise_code(value) -> str:
    """A receipt code as stored and looked up: Excel guards removed, no spaces, upper case."""
    return clean_cell(value).replace(" ", "").upper()


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T].*)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
#: Day 0 of Excel's serial dates (1900 system, with its leap-year bug).
EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value) -> dt.date | None:
    """dd/mm/yyyy (Vietnamese order, also with - or .), ISO yyyy-mm-dd, either with a
    time after it, or an Excel serial day number; empty: None. Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(float(value))
    text = clean_cell(value)
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    match = _YMD.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _excel_serial(float(text))
    raise ValueError(text)


def _excel_serial(number: float) -> dt.date:
    if not 20000 <= number <= 80000:  # 1954–2119: anything else is not a date here
        raise ValueError(str(number))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def make_record(values: dict, line: int, problems: list) -> DossierRecord | None:
    """A record from ``{field: raw value}`` (only fields of :data:`COLUMNS`); None and a
    problem noted when it cannot be one."""
    code = normalise_code(values.get("code"))
    if not CODE_RE.match(code):
        problems.append((line, _("the dossier code is missing or not a code")))
        return None
    fields: dict = {"code": code}
    for name, limit in TEXT_MAX_LENGTH.items():
        fields[name] = clean_cell(values.get(name))[:limit]
    for name in DATE_FIELDS:
        try:
            fields[name] = parse_date(values.get(name))
        except (ValueError, OverflowError):
            problems.append((line, _("%(column)s is not a date") % {"column": name}))
            return None
    return DossierRecord(**fields)


def checked(records: list[tuple[int, DossierRecord]], problems: list) -> list[DossierRecord]:
    """The records of a whole file, once every code is known to be unique; else the file's
    problems, all of them, as one ``DossierFileError`` (a file is taken whole or not)."""
    check_unique(records, problems)
    if problems:
        raise DossierFileError(problems)
    return [record for _line, record in records]


def check_unique(records: list[tuple[int, DossierRecord]], problems: list) -> None:
    seen: dict[str, int] = {}
    for line, record in records:
        if record.code in seen:
            problems.append(
                (
                    line,
                    _("the code %(code)s is also on line %(line)s")
                    % {"code": record.code, "line": seen[record.code]},
                )
            )
        else:
            seen[record.code] = line


# CSV ------------------------------------------------------------------------------------
def decode(source: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused rather
    than guessed: a code page guess would garble Vietnamese names silently."""
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        return source.decode("utf-16")
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DossierFileError(
            [(0, _('the file is not UTF-8 text; export it as "CSV UTF-8"'))]
        ) from error


def sniff_delimiter(line: str) -> str:
    """The separator of the header line: the most frequent of tab, semicolon, comma."""
    counts = {sep: line.count(sep) for sep in ("\t", ";", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class CsvAdapter:
    """The one-stop desk's export as CSV (see the module's list of shapes)."""

    def read(self, source: bytes) -> list[DossierRecord]:
        text = decode(source)
        lines = text.splitlines()
        header_index = self._header_line(lines)
        if header_index is None:
            raise DossierFileError(
                [(0, _('no header line with a "Mã hồ sơ" (dossier code) column was found'))]
            )
        delimiter = sniff_delimiter(lines[header_index])
        reader = csv.reader(io.StringIO("\n".join(lines[header_index:])), delimiter=delimiter)
        header = next(reader)
        fields = [field_of(name) for name in header]
        problems: list[tuple[int, str]] = []
        records: list[tuple[int, DossierRecord]] = []
        for offset, row in enumerate(reader, start=1):
            line = header_index + 1 + offset
            values = {f: cell for f, cell in zip(fields, row, strict=False) if f is not None}
            if not self._other_fields(values) and not CODE_RE.match(
                normalise_code(values.get("code"))
            ):
                continue  # a blank line, a totals or signature line ("Tổng cộng: 12 hồ sơ")
            record = make_record(values, line, problems)
            if record is not None:
                records.append((line, record))
        return checked(records, problems)

    @staticmethod
    def _header_line(lines: list[str]) -> int | None:
        for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
            delimiter = sniff_delimiter(line)
            cells = next(csv.reader([line], delimiter=delimiter), [])
            if "code" in {field_of(cell) for cell in cells}:
                return index
        return None

    @staticmethod
    def _other_fields(values: dict) -> bool:
        """A row without a valid code counts as a dossier (and an error) only when it has
        dates or a status: a totals line or the signer's name under the table has neither."""
        return any(clean_cell(values.get(name)) for name in ("status", *DATE_FIELDS))


# JSON -----------------------------------------------------------------------------------
LIST_KEYS = ("dossiers", "data", "items", "ho_so", "hoso", "records")
EXPORTED_KEYS = ("exported_at", "generated_at", "thoi_gian_xuat", "ngay_xuat")


class JsonAdapter:
    """A list of objects with the same fields as the CSV (English or Vietnamese keys), or
    an object holding that list and, optionally, the time of the export."""

    def read(self, source: bytes) -> list[DossierRecord]:
        items, _exported = self.parse(source)
        problems: list[tuple[int, str]] = []
        records: list[tuple[int, DossierRecord]] = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append((number, _("not an object")))
                continue
            values = {}
            for key, value in item.items():
                field = field_of(key)
                if field is not None:
                    values[field] = value
            record = make_record(values, number, problems)
            if record is not None:
                records.append((number, record))
        return checked(records, problems)

    def parse(self, source: bytes) -> tuple[list, dt.datetime | None]:
        try:
            data = json.loads(decode(source))
        except json.JSONDecodeError as error:
            raise DossierFileError(
                [(error.lineno, _("not valid JSON (%(error)s)") % {"error": error.msg})]
            ) from error
        exported = None
        if isinstance(data, dict):
            exported = self._exported_at(data)
            data = next((data[key] for key in LIST_KEYS if isinstance(data.get(key), list)), None)
        if not isinstance(data, list):
            raise DossierFileError([(0, _("the JSON holds no list of dossiers"))])
        return data, exported

    @staticmethod
    def _exported_at(data: dict) -> dt.datetime | None:
        for key in EXPORTED_KEYS:
            value = data.get(key)
            if isinstance(value, str):
                try:
                    return dt.datetime.fromisoformat(value.strip())
                except ValueError:
                    return None
        return None


ADAPTERS: dict[str, type] = {"csv": CsvAdapter, "json": JsonAdapter}


def guess_format(name: str, source: bytes) -> str:
    """ "json" or "csv", from the name's extension, else from the first character."""
    lowered = name.lower().split("?")[0]
    if lowered.endswith(".json"):
        return "json"
    if lowered.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    head = source.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"[", b"{") else "csv"
