"""Bulk import and update of procedures from the national database's fields (IMPORT.md).

Reading (JSON, CSV, XLSX) gives ``(row_number, {key: value})`` pairs; ``ProcedureImporter``
turns each row into a procedure page. It is idempotent by procedure code: a known code
updates its page, never duplicates it, and a row whose values equal the page's latest
revision changes nothing. New procedures become drafts; changes to a live procedure
become a new draft revision, so both go through the editorial workflow (R-SLA-2).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from congthongtin.core.models import Agency, AgencyLevel, Field, Official
from congthongtin.vietnam.fold import fold, slugify
from congthongtin.vietnam.text import detect_legacy, normalize

from .choices import (
    PROCEDURE_CODE_RE,
    Audience,
    OnlineLevel,
    PartialReason,
    ProcedureLevel,
    SubmissionChannel,
)
from .models import FORM_EXTENSIONS, ProcedureForm, ProcedurePage, site_scope_path

MAX_FORM_FILE_SIZE = 10 * 1024 * 1024
#: A procedure file has 25 keys (and their aliases); a header far wider is not one, and
#: each of its columns would be one more name in the report (100,000 columns: issue 16).
MAX_COLUMNS = 200
#: Longest time limit taken as a number of working days. The national database's longest
#: are a few months; a longer one is a typing error (40,000 days overflowed the column on
#: PostgreSQL and was stored as it was on SQLite). The law's own wording goes in as text.
MAX_PROCESSING_DAYS = 1000
#: Digits of an amount in đồng: 15 is a thousand thousand billion đồng. Python refuses to
#: convert more than 4,300 digits at all (a traceback before the limit).
MAX_AMOUNT_DIGITS = 15
#: JSON integers longer than this stay text, so that the row, not the file, is refused.
_JSON_INT_DIGITS = 18

logger = logging.getLogger(__name__)

#: Canonical keys (JSON keys, CSV/XLSX headers folded to snake case).
KEYS = (
    "ma_thu_tuc",
    "ten_thu_tuc",
    "so_quyet_dinh",
    "mo_ta",
    "cap_thuc_hien",
    "linh_vuc",
    "co_quan_thuc_hien",
    "doi_tuong_thuc_hien",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "thoi_han_giai_quyet",
    "phi_le_phi",
    "ket_qua",
    "yeu_cau_dieu_kien",
    "can_cu_phap_ly",
    "bieu_mau",
    "can_bo_xu_ly",
    "muc_do_dvc",
    "muc_do_cu",
    "dia_chi_dvc",
    "ngay_cung_cap",
    "ly_do_mot_phan",
    "loai_ly_do",
    "don_vi_cung_cap",
)

#: Other spellings of the headers, as the national database's exports write them.
ALIASES = {
    "ma": "ma_thu_tuc",
    "ma_tthc": "ma_thu_tuc",
    "ten": "ten_thu_tuc",
    "ten_tthc": "ten_thu_tuc",
    "so_quyet_dinh_cong_bo": "so_quyet_dinh",
    "mo_ta_tom_tat": "mo_ta",
    "cap": "cap_thuc_hien",
    "co_quan": "co_quan_thuc_hien",
    "doi_tuong": "doi_tuong_thuc_hien",
    "trinh_tu": "trinh_tu_thuc_hien",
    "cach_thuc": "cach_thuc_thuc_hien",
    "thanh_phan": "thanh_phan_ho_so",
    "thanh_phan_so_luong_ho_so": "thanh_phan_ho_so",
    "thoi_han": "thoi_han_giai_quyet",
    "phi": "phi_le_phi",
    "le_phi": "phi_le_phi",
    "ket_qua_thuc_hien": "ket_qua",
    "yeu_cau_dieu_kien_thuc_hien": "yeu_cau_dieu_kien",
    "yeu_cau": "yeu_cau_dieu_kien",
    "can_cu": "can_cu_phap_ly",
    "mau_don_to_khai": "bieu_mau",
    "can_bo": "can_bo_xu_ly",
    "muc_do": "muc_do_dvc",
    "muc_do_dich_vu_cong": "muc_do_dvc",
    "dia_chi_dich_vu_cong": "dia_chi_dvc",
    "dia_chi_truc_tuyen": "dia_chi_dvc",
    "thoi_gian_cung_cap": "ngay_cung_cap",
    "don_vi_cung_cap_dich_vu": "don_vi_cung_cap",
}


class ImportFileError(Exception):
    """The file cannot be read at all (not a row problem)."""


def normalise_key(key) -> str:
    canonical = slugify(str(key or "")).replace("-", "_")
    return ALIASES.get(canonical, canonical)


# Reading files -------------------------------------------------------------------------
def read_rows(path: Path) -> list[tuple[int, dict]]:
    """The rows of ``path``; ``ImportFileError`` (a Vietnamese reason) when the file as a
    whole cannot be read. What refuses the whole file rather than one row, and why, is in
    IMPORT.md ("Files and rows refused")."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path.read_bytes())
    if suffix == ".csv":
        return read_csv(path.read_bytes())
    if suffix == ".xlsx":
        return read_xlsx(path)
    raise ImportFileError(
        _("Unsupported file type %(suffix)s: use .json, .csv or .xlsx.") % {"suffix": suffix or "?"}
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 text.")) from error


def _json_int(digits: str):
    # A number too long to be a count or an amount stays text: its row is refused with a
    # reason ("not a whole number"), the other rows are imported.
    return int(digits) if len(digits.lstrip("-")) <= _JSON_INT_DIGITS else digits


def read_json(data: bytes) -> list[tuple[int, dict]]:
    try:
        document = json.loads(_decode(data), parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The JSON is not valid (line %(line)s): %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    except RecursionError as error:
        # A whole-file refusal: the parser stops before giving any row.
        raise ImportFileError(
            _("The JSON is nested too deeply to be a list of procedures; nothing was read.")
        ) from error
    if isinstance(document, dict):
        for key in ("thu_tuc", "procedures"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
    if not isinstance(document, list):
        raise ImportFileError(_("The JSON must be a list of procedures."))
    rows = []
    for number, item in enumerate(document, start=1):
        if isinstance(item, dict):
            rows.append((number, {normalise_key(k): v for k, v in item.items()}))
        else:
            rows.append((number, {"__invalid__": True}))
    return rows


def read_csv(data: bytes) -> list[tuple[int, dict]]:
    text_data = _decode(data)
    delimiter = _csv_delimiter(text_data)
    reader = csv.reader(io.StringIO(text_data, newline=""), delimiter=delimiter)
    result = []
    last = 0  # the last row read whole
    try:
        header = _header(next(reader, []))
        last = 1
        # Row numbers are the spreadsheet's: the header is row 1, and a cell with line
        # breaks is still one row (as when the file is opened in a spreadsheet program).
        for number, record in enumerate(reader, start=2):
            if any(cell.strip() for cell in record):
                result.append((number, _row_dict(header, record)))
            last = number
    except csv.Error as error:
        # A cell over the csv module's limit (131,072 characters) or a broken quote: the
        # reader cannot say where the next row starts, so no row after it can be trusted.
        # The whole file is refused, with the row to look at.
        raise ImportFileError(
            _(
                "Row %(row)s cannot be read (%(error)s): a cell is too long or a quote is "
                "not closed. Nothing was imported; correct the file and import it again."
            )
            % {"row": last + 1, "error": error}
        ) from error
    return result


def _header(cells) -> list[str]:
    if len(cells) > MAX_COLUMNS:
        # Whole file: the header gives every row its meaning.
        raise ImportFileError(
            _(
                "The header has %(count)s columns, more than the %(limit)s a procedure file "
                "may have: this is not a procedure file. Nothing was imported."
            )
            % {"count": len(cells), "limit": MAX_COLUMNS}
        )
    return [normalise_key(cell) for cell in cells]


def _csv_delimiter(text_data: str) -> str:
    """The delimiter whose header names the most known columns. Cells hold ";" and ","
    themselves (dossier items, "Phí, lệ phí"), so csv.Sniffer's guess is not reliable."""
    line = text_data.splitlines()[0] if text_data else ""

    def score(delimiter: str) -> int:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:  # a "cell" over the field limit: not this delimiter
            return -1
        return sum(1 for cell in cells[: MAX_COLUMNS + 1] if normalise_key(cell) in KEYS)

    return max([",", ";", "\t"], key=score)


def read_xlsx(path: Path) -> list[tuple[int, dict]]:
    from congthongtin.core.extras import missing_modules
    from congthongtin.core.limits import LimitExceeded, ZipLimits, check_zip

    # openpyxl comes with the "importers" extra (pyproject.toml): without it, say so.
    if missing_modules("openpyxl"):
        raise ImportFileError(
            _(
                "This server cannot read .xlsx spreadsheets: the openpyxl library (the "
                "“importers” extra) is not installed. Ask the technical administrator, or send "
                "the list as CSV or JSON."
            )
        )
    from openpyxl import load_workbook

    # An .xlsx is a ZIP: measured before openpyxl inflates its parts (core.limits).
    try:
        check_zip(path.read_bytes(), ZipLimits.from_settings())
    except LimitExceeded as error:
        raise ImportFileError(error.message()) from error
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(
            _("The spreadsheet cannot be read: %(error)s") % {"error": error}
        ) from error
    result = []
    header: list[str] = []
    number = 0
    try:
        sheet = workbook["thu_tuc"] if "thu_tuc" in workbook.sheetnames else workbook.worksheets[0]
        # In read-only mode the sheet is parsed while its rows are read: a damaged part
        # (truncated XML) fails here, after some rows. The whole file is refused, since
        # the rows after the damage are lost and a partial import would look complete.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                header = _header(values)
                continue
            if not any(value not in (None, "") for value in values):
                continue
            result.append((number, _row_dict(header, list(values))))
    except ImportFileError:
        raise
    except Exception as error:  # ParseError, zlib.error, KeyError… from a damaged part
        raise ImportFileError(
            _(
                "The spreadsheet is damaged after row %(row)s (%(error)s). Nothing was "
                "imported; save the file again from the spreadsheet program."
            )
            % {"row": number, "error": f"{type(error).__name__}: {str(error)[:120]}"}
        ) from error
    finally:
        workbook.close()
    return result


def _row_dict(header: list[str], values: list) -> dict:
    row = {}
    for key, value in zip(header, values, strict=False):
        if key:
            row[key] = value
    return row


# Parsing values ------------------------------------------------------------------------
class RowError(Exception):
    pass


def shown(value, limit: int = 40) -> str:
    """A value as quoted in a message: a 5,000-digit number is not repeated whole."""
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = str(value)
    if "\x00" in value:
        # PostgreSQL cannot store NUL in text (the row stopped the whole import with a
        # DataError) and SQLite kept it. The row is refused on both: NUL is no text.
        raise RowError(
            _("A cell holds a NUL character (“%(value)s”): remove it and import the row again.")
            % {"value": shown(value.replace("\x00", "␀"))}
        )
    return normalize(value).replace("\r\n", "\n").strip()


def items(value) -> list:
    """A list cell: a JSON list, or text with one item a line or items split by ``|``."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [item for item in value if item not in (None, "")]
    parts = re.split(r"\n|\|", text(value))
    return [part.strip() for part in parts if part.strip()]


def parts(value: str, count: int) -> list[str]:
    """``a; b; c`` → [a, b, c]; the last part keeps any further ``;``."""
    pieces = [piece.strip() for piece in value.split(";", count - 1)]
    return pieces + [""] * (count - len(pieces))


def code_value(value) -> str:
    if isinstance(value, float):
        # A spreadsheet stores 2.000720 as the number 2.00072.
        return f"{value:.6f}"
    return text(value)


def whole_number(value, what: str, maximum: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise RowError(
            _("%(what)s “%(value)s” is not a whole number.") % {"what": what, "value": shown(value)}
        )
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(value)
        # Up to 6 digits for counts; any length where a maximum says what is too many.
        if not re.fullmatch(r"\d+", raw) or (maximum is None and len(raw) > 6):
            raise RowError(
                _("%(what)s “%(value)s” is not a whole number.")
                % {"what": what, "value": shown(raw)}
            )
        # No int() of thousands of digits (Python refuses past 4,300): a 10-digit
        # stand-in is over any maximum and the message quotes the cell.
        number = int(raw) if len(raw) <= 9 else 10**10
    if number < 0:
        raise RowError(
            _("%(what)s “%(value)s” is not a whole number.") % {"what": what, "value": shown(value)}
        )
    if maximum is not None and number > maximum:
        raise RowError(
            _("%(what)s “%(value)s” is more than %(maximum)s.")
            % {"what": what, "value": shown(value), "maximum": maximum}
        )
    return number


FREE_WORDS = {"mien", "mien phi", "mien le phi", "khong thu", "0"}


def amount_value(value, name: str) -> int | None:
    """Đồng: 8000, "8.000", "8.000 đồng", "miễn" (0); empty = no single amount."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise RowError(
                _("The amount “%(value)s” of “%(name)s” is not a sum in đồng.")
                % {"value": shown(value), "name": shown(name)}
            )
        if value >= 10**MAX_AMOUNT_DIGITS:
            raise RowError(
                _("The amount “%(value)s” of “%(name)s” is too large to be a fee.")
                % {"value": shown(value), "name": shown(name)}
            )
        return int(value)
    raw = fold(text(value))
    if raw in FREE_WORDS:
        return 0
    match = re.fullmatch(r"([\d.,\s]+?)\s*(dong|d|vnd|vnđ)?", raw)
    digits = re.sub(r"[.,\s]", "", match.group(1)) if match else ""
    if not digits.isdigit():
        raise RowError(
            _("The amount “%(value)s” of “%(name)s” is not a sum in đồng.")
            % {"value": shown(text(value)), "name": shown(name)}
        )
    if len(digits.lstrip("0")) > MAX_AMOUNT_DIGITS:
        raise RowError(
            _("The amount “%(value)s” of “%(name)s” is too large to be a fee.")
            % {"value": shown(text(value)), "name": shown(name)}
        )
    return int(digits)


def date_value(value, *, month_only: bool) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1) if month_only else value
    raw = text(value)
    patterns = [
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", lambda m: (int(m[3]), int(m[2]), int(m[1]))),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    ]
    if month_only:
        patterns += [
            (r"(?:thang\s*)?(\d{1,2})/(\d{4})", lambda m: (int(m[2]), int(m[1]), 1)),
            (r"(\d{4})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]), 1)),
        ]
    folded = fold(raw)
    for pattern, build in patterns:
        match = re.fullmatch(pattern, folded)
        if match:
            try:
                date = dt.date(*build(match))
            except ValueError:
                break
            return date.replace(day=1) if month_only else date
    if month_only:
        raise RowError(
            _("The date “%(value)s” is not a month and year such as 03/2024.") % {"value": raw}
        )
    raise RowError(_("The date “%(value)s” is not a date such as 15/11/2015.") % {"value": raw})


LEVELS = {
    "tinh": ProcedureLevel.PROVINCE,
    "cap tinh": ProcedureLevel.PROVINCE,
    "xa": ProcedureLevel.COMMUNE,
    "cap xa": ProcedureLevel.COMMUNE,
    "phuong": ProcedureLevel.COMMUNE,
    "cap xa/phuong": ProcedureLevel.COMMUNE,
    "huyen": ProcedureLevel.FORMER_DISTRICT,
    "cap huyen": ProcedureLevel.FORMER_DISTRICT,
    "khac": ProcedureLevel.OTHER,
    "co quan khac": ProcedureLevel.OTHER,
    "cap bo": ProcedureLevel.OTHER,
    "cap bo/nganh": ProcedureLevel.OTHER,
    "cap bo, nganh": ProcedureLevel.OTHER,
}

AGENCY_LEVELS = {
    ProcedureLevel.PROVINCE: AgencyLevel.PROVINCE,
    ProcedureLevel.COMMUNE: AgencyLevel.COMMUNE,
    ProcedureLevel.FORMER_DISTRICT: AgencyLevel.FORMER_DISTRICT,
    ProcedureLevel.OTHER: AgencyLevel.OTHER,
}


def level_value(value) -> str:
    raw = text(value)
    folded = fold(raw).replace("-", " ")
    if folded in LEVELS:
        return LEVELS[folded].value
    raise RowError(
        _("Unknown level “%(value)s”: write Cấp tỉnh, Cấp xã, Cấp huyện or Khác.") % {"value": raw}
    )


ONLINE_LEVELS = {
    "toan trinh": OnlineLevel.FULL,
    "dich vu cong truc tuyen toan trinh": OnlineLevel.FULL,
    "mot phan": OnlineLevel.PARTIAL,
    "dich vu cong truc tuyen mot phan": OnlineLevel.PARTIAL,
    "": OnlineLevel.NONE,
    "khong": OnlineLevel.NONE,
    "truc tiep": OnlineLevel.NONE,
}
LEGACY_RE = re.compile(r"(?:muc do|muc|md)?\s*([1-4])")


def online_value(value) -> tuple[str | None, int | None]:
    """(online level or None when the cell gives only a former level, former level)."""
    raw = text(value)
    folded = fold(raw).replace("-", " ")
    if folded in ONLINE_LEVELS:
        return ONLINE_LEVELS[folded].value, None
    match = LEGACY_RE.fullmatch(folded)
    if match:
        return None, int(match.group(1))
    raise RowError(
        _("Unknown online service level “%(value)s”: write Toàn trình, Một phần or Không.")
        % {"value": raw}
    )


def legacy_value(value) -> int | None:
    raw = text(value)
    if not raw:
        return None
    match = LEGACY_RE.fullmatch(fold(raw))
    if not match:
        raise RowError(_("The former level “%(value)s” is not 1, 2, 3 or 4.") % {"value": raw})
    return int(match.group(1))


REASON_WORDS = [
    ("co mat", PartialReason.PRESENCE),
    ("truc tiep", PartialReason.PRESENCE),
    ("xac minh", PartialReason.SITE_CHECK),
    ("thuc dia", PartialReason.SITE_CHECK),
    ("su co", PartialReason.INCIDENT),
    ("ky thuat", PartialReason.TECHNICAL),
]


def reason_kind_value(value) -> str:
    raw = text(value)
    if not raw:
        return ""
    if raw in PartialReason.values:
        return raw
    folded = fold(raw)
    for word, kind in REASON_WORDS:
        if word in folded:
            return kind.value
    raise RowError(_("Unknown kind of reason “%(value)s”.") % {"value": raw})


AUDIENCE_WORDS = [
    ("dinh cu", Audience.OVERSEAS_VIETNAMESE),
    ("nguoi nuoc ngoai", Audience.FOREIGNER),
    ("cong dan", Audience.CITIZEN),
    ("ca nhan", Audience.CITIZEN),
    ("doanh nghiep", Audience.ENTERPRISE),
    ("hop tac xa", Audience.COOPERATIVE),
    ("can bo", Audience.OFFICIAL),
    ("cong chuc", Audience.OFFICIAL),
    ("vien chuc", Audience.OFFICIAL),
    ("to chuc", Audience.ORGANISATION),
]


def audience_value(value, warnings: list[str]) -> list[str]:
    found = set()
    for item in items(value):
        raw = text(item)
        if raw in Audience.values:
            found.add(raw)
            continue
        folded = fold(raw)
        for word, audience in AUDIENCE_WORDS:
            if word in folded:
                found.add(audience.value)
                break
        else:
            warnings.append(
                _("Who may apply: “%(value)s” is not recognised and was left out.") % {"value": raw}
            )
    return [value for value in Audience.values if value in found]


STEP_PREFIX = re.compile(r"^\s*b[uư][oơớ]c\s*\d+\s*[:.)\-–]\s*", re.IGNORECASE)


def steps_value(value) -> list:
    stream = []
    for item in items(value):
        if isinstance(item, dict):
            title = text(item.get("ten_buoc") or item.get("tieu_de"))
            body = text(item.get("noi_dung") or item.get("mo_ta"))
        else:
            title, body = "", STEP_PREFIX.sub("", text(item))
        if body:
            stream.append(("step", {"title": title, "text": body}))
    return stream


CHANNELS = {
    "truc tiep": SubmissionChannel.IN_PERSON,
    "nop truc tiep": SubmissionChannel.IN_PERSON,
    "buu chinh": SubmissionChannel.POST,
    "dich vu buu chinh": SubmissionChannel.POST,
    "qua buu chinh": SubmissionChannel.POST,
    "truc tuyen": SubmissionChannel.ONLINE,
    "nop truc tuyen": SubmissionChannel.ONLINE,
}


def channels_value(value) -> list:
    stream = []
    for item in items(value):
        if isinstance(item, dict):
            kind = text(item.get("hinh_thuc"))
            place = text(item.get("noi_nop"))
            url = text(item.get("dia_chi_truc_tuyen"))
            hours = text(item.get("gio_tiep_nhan"))
            note = text(item.get("ghi_chu"))
        else:
            kind, where, note = parts(text(item), 3)
            place, url, hours = where, "", ""
            if re.match(r"https?://", where):
                place, url = "", where
        channel = CHANNELS.get(fold(kind))
        if channel is None:
            raise RowError(
                _("Unknown way to submit “%(value)s”: write Trực tiếp, Bưu chính or Trực tuyến.")
                % {"value": kind}
            )
        if url and not re.match(r"https?://\S+$", url):
            raise RowError(_("The address “%(value)s” is not a web address.") % {"value": url})
        stream.append(
            (
                "channel",
                {
                    "channel": channel.value,
                    "place": place,
                    "url": url,
                    "hours": hours,
                    "note": note,
                },
            )
        )
    return stream


def dossier_value(value) -> list:
    stream = []
    for item in items(value):
        if isinstance(item, dict):
            if item.get("truong_hop"):
                stream.append(("case", text(item["truong_hop"])))
                continue
            name = text(item.get("ten_giay_to") or item.get("ten"))
            originals, copies = item.get("ban_chinh"), item.get("ban_sao")
            form_code, note = text(item.get("mau_don")), text(item.get("ghi_chu"))
        else:
            raw = text(item)
            if raw.startswith("#"):
                stream.append(("case", raw.lstrip("#").strip()))
                continue
            name, originals, copies, form_code, note = parts(raw, 5)
        if not name:
            raise RowError(_("A paper of the dossier has no name."))
        stream.append(
            (
                "item",
                {
                    "name": name,
                    "originals": whole_number(originals, _("Number of originals")),
                    "copies": whole_number(copies, _("Number of copies")),
                    "form_code": form_code,
                    "note": note,
                },
            )
        )
    return stream


def fees_value(value) -> list:
    stream = []
    for item in items(value):
        if isinstance(item, dict):
            name, amount, note = (
                text(item.get("ten")),
                item.get("muc_thu"),
                text(item.get("ghi_chu")),
            )
        else:
            name, amount, note = parts(text(item), 3)
        if not name:
            raise RowError(_("A fee has no name."))
        stream.append(("fee", {"name": name, "amount": amount_value(amount, name), "note": note}))
    return stream


DATE_PIECE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}")


def citation_parts(raw: str) -> tuple[str, str, str, str]:
    """ "số ký hiệu; trích yếu; ngày ban hành; cơ quan ban hành" (the national database's
    column order) → its four parts. The summary may itself hold ";": the date (or an empty
    date slot) is what separates it from the issuer."""
    pieces = [piece.strip() for piece in raw.split(";")]
    number, rest = pieces[0], pieces[1:]
    for index in range(len(rest) - 1, 0, -1):
        if not rest[index] or DATE_PIECE.fullmatch(rest[index]):
            return number, "; ".join(rest[:index]), rest[index], "; ".join(rest[index + 1 :])
    return number, "; ".join(rest), "", ""


def legal_value(value) -> list:
    stream = []
    for item in items(value):
        if isinstance(item, dict):
            number = text(item.get("so_ky_hieu"))
            title = text(item.get("trich_yeu"))
            issued = item.get("ngay_ban_hanh")
            issuer = text(item.get("co_quan_ban_hanh"))
            url = text(item.get("duong_dan"))
        else:
            number, title, issued, issuer = citation_parts(text(item))
            url = ""
        if not number:
            raise RowError(_("A legal document has no number and symbol."))
        if url and not re.match(r"https?://\S+$", url):
            raise RowError(_("The address “%(value)s” is not a web address.") % {"value": url})
        stream.append(
            (
                "citation",
                {
                    "number": number,
                    "title": title,
                    "issued_on": date_value(issued, month_only=False),
                    "issuer": issuer,
                    "url": url,
                },
            )
        )
    return stream


def time_value(value) -> tuple[int | None, str]:
    """(working days, text): 5 or "5 ngày làm việc" → (5, ""); other wording → (None, text)."""
    if isinstance(value, dict):
        days = whole_number(value.get("so_ngay"), _("Time limit"), MAX_PROCESSING_DAYS)
        return days, text(value.get("mo_ta"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return whole_number(value, _("Time limit"), MAX_PROCESSING_DAYS), ""
    raw = text(value)
    # Any number of digits: "40000" is a (wrong) number of days, not the law's wording.
    match = re.fullmatch(r"0*(\d+)\s*(ngay lam viec)?\.?", fold(raw))
    if match:
        return whole_number(match.group(1), _("Time limit"), MAX_PROCESSING_DAYS), ""
    return None, raw


# The importer --------------------------------------------------------------------------
SIMPLE_FIELDS = (
    "title",
    "code",
    "publication_decision",
    "summary",
    "level",
    "field_id",
    "agency_id",
    "audience",
    "processing_days",
    "processing_time_text",
    "result",
    "conditions",
    "handling_officer_id",
    "online_level",
    "online_url",
    "online_since",
    "online_partial_reason_kind",
    "online_partial_reason",
    "online_provider_id",
    "legacy_level",
)
STREAM_FIELDS = ("steps", "submission", "dossier", "fees", "legal_basis")


def snapshot(page: ProcedurePage) -> dict:
    """What the importer manages of a page, comparable between a revision and a row."""
    data = {name: getattr(page, name) for name in SIMPLE_FIELDS}
    data["audience"] = list(page.audience or [])
    for name in STREAM_FIELDS:
        data[name] = [
            (block.block_type, block.block.get_prep_value(block.value))
            for block in getattr(page, name)
        ]
    data["forms"] = [
        (form.code, form.name, form.purpose, form.document_id) for form in page.forms.all()
    ]
    return data


@dataclass
class RowResult:
    row: int
    code: str = ""
    title: str = ""
    action: str = ""  # created | updated | revised | unchanged | rejected
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_id: int | None = None


@dataclass
class ImportReport:
    results: list[RowResult] = field(default_factory=list)
    created_fields: list[str] = field(default_factory=list)
    created_agencies: list[str] = field(default_factory=list)
    file_warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def count(self, *actions: str) -> int:
        return sum(1 for result in self.results if result.action in actions)

    @property
    def rejected(self) -> list[RowResult]:
        return [result for result in self.results if result.action == "rejected"]

    def lines(self) -> list[str]:
        out = list(self.file_warnings)
        for r in self.results:
            params = {"row": r.row, "code": r.code or "?", "title": r.title}
            if r.action == "rejected":
                params["reasons"] = "; ".join(r.errors)
                out.append(_("Row %(row)s (%(code)s): rejected – %(reasons)s") % params)
            elif r.action == "created":
                out.append(_("Row %(row)s (%(code)s): created as a draft – %(title)s") % params)
            elif r.action == "revised":
                out.append(
                    _(
                        "Row %(row)s (%(code)s): changes saved as a new draft revision to be "
                        "approved – %(title)s"
                    )
                    % params
                )
            elif r.action == "updated":
                out.append(_("Row %(row)s (%(code)s): draft updated – %(title)s") % params)
            else:
                out.append(_("Row %(row)s (%(code)s): unchanged") % params)
            for warning in r.warnings:
                out.append(
                    _("Row %(row)s: note – %(warning)s") % {"row": r.row, "warning": warning}
                )
        for name in self.created_fields:
            out.append(_("New field created: %(name)s") % {"name": name})
        for name in self.created_agencies:
            out.append(_("New agency created: %(name)s") % {"name": name})
        out.append(
            _(
                "%(created)s created, %(changed)s changed, %(unchanged)s unchanged, "
                "%(rejected)s rejected."
            )
            % {
                "created": self.count("created"),
                "changed": self.count("updated", "revised"),
                "unchanged": self.count("unchanged"),
                "rejected": self.count("rejected"),
            }
        )
        if self.dry_run:
            out.append(_("Dry run: nothing was saved."))
        return out


class _Rollback(Exception):
    pass


class ProcedureImporter:
    """Imports rows under ``parent`` (a ProcedureIndexPage)."""

    def __init__(
        self,
        parent,
        *,
        base_dir: Path | None = None,
        dry_run: bool = False,
        user=None,
        submit: bool = False,
    ):
        self.parent = parent
        self.base_dir = (base_dir or Path.cwd()).resolve()
        self.dry_run = dry_run
        self.user = user
        self.submit = submit
        self.scope = site_scope_path(parent)
        self.site_root = parent.get_site().root_page if parent.get_site() else None
        self.fields = {fold(f.name): f for f in Field.objects.all()}
        self.agencies = {fold(a.name): a for a in Agency.objects.all()}
        self._stored_files: list = []

    # Public ------------------------------------------------------------------------
    def run(self, rows: list[tuple[int, dict]]) -> ImportReport:
        report = ImportReport(dry_run=self.dry_run)
        unknown = sorted(
            {key for _n, row in rows for key in row if key not in KEYS} - {"__invalid__"}
        )
        if unknown:
            # Named up to 20 (a JSON object may have any number of keys); then counted.
            listed = ", ".join(shown(key) for key in unknown[:20])
            if len(unknown) > 20:
                listed += " " + _("(and %(count)s more)") % {"count": len(unknown) - 20}
            report.file_warnings.append(
                _("Columns not recognised and ignored: %(columns)s") % {"columns": listed}
            )
        seen: dict[str, int] = {}
        try:
            with transaction.atomic():
                for number, row in rows:
                    report.results.append(self._run_row(number, row, seen, report))
                if self.dry_run:
                    raise _Rollback
        except _Rollback:
            self._delete_stored_files()
        return report

    # One row -----------------------------------------------------------------------
    def _run_row(self, number: int, row: dict, seen: dict, report: ImportReport) -> RowResult:
        result = RowResult(row=number)
        if row.get("__invalid__"):
            result.action = "rejected"
            result.errors.append(_("The item is not an object with the procedure's fields."))
            return result
        try:
            result.code = code_value(row.get("ma_thu_tuc"))
            result.title = text(row.get("ten_thu_tuc"))
        except RowError as error:
            result.action = "rejected"
            result.errors.append(str(error))
            return result
        if not result.code:
            result.errors.append(_("The procedure code (mã thủ tục) is missing."))
        elif not PROCEDURE_CODE_RE.match(result.code):
            result.errors.append(
                _("The procedure code “%(code)s” is not in the national form, e.g. 1.001193.")
                % {"code": result.code}
            )
        elif result.code in seen:
            result.errors.append(
                _("The code %(code)s already appears in row %(row)s of this file.")
                % {"code": result.code, "row": seen[result.code]}
            )
        if result.errors:
            result.action = "rejected"
            return result
        seen[result.code] = number

        created_here: dict[str, list] = {"fields": [], "agencies": []}
        files_before = len(self._stored_files)
        try:
            with transaction.atomic():
                self._import_row(row, result, created_here)
        except Exception as error:
            # The row's savepoint is rolled back, so a database error (a value the
            # column cannot hold, on PostgreSQL) leaves the import able to go on: the row
            # is refused with its reason and the next rows are imported (issue 16: a
            # DataError stopped the whole file with a traceback).
            if not isinstance(error, (RowError, ValidationError)):
                logger.exception("Import of row %s (%s) failed", number, result.code)
            result.action = "rejected"
            result.errors.extend(self._messages(error))
            for folded in created_here["fields"]:
                self.fields.pop(folded, None)
            for folded in created_here["agencies"]:
                self.agencies.pop(folded, None)
            self._delete_stored_files(since=files_before)
            return result
        report.created_fields.extend(self.fields[f].name for f in created_here["fields"])
        report.created_agencies.extend(self.agencies[a].name for a in created_here["agencies"])
        return result

    def _import_row(self, row: dict, result: RowResult, created_here: dict) -> None:
        existing = (
            ProcedurePage.objects.filter(code=result.code, path__startswith=self.scope)
            .order_by("path")
            .first()
        )
        if existing is None and not result.title:
            raise RowError(_("The procedure name (tên thủ tục) is missing."))
        if existing is not None:
            page = existing
            obj = page.get_latest_revision_as_object()
        else:
            page = None
            obj = ProcedurePage(live=False, code=result.code, title=result.title)
        before = snapshot(obj) if page is not None else None

        self._apply(obj, row, result, created_here)
        self._check_legacy(obj, result)
        if page is None:
            # Page.save() runs full_clean(): the model's rules (time limit, online
            # address, reason of a partly online service, unique code) reject the row.
            obj.slug = self._free_slug(obj)
            self.parent.add_child(instance=obj)
            obj.save_revision(user=self.user, log_action=False)
            log(instance=obj, action="wagtail.create", user=self.user)
            result.action = "created"
            result.page_id = obj.pk
            self._maybe_submit(obj)
            return
        result.page_id = page.pk
        result.title = obj.title
        if snapshot(obj) == before:
            result.action = "unchanged"
            return
        # Never published here: a live page keeps its content until the workflow approves
        # the new revision (R-SLA-2). save_revision() validates the page first.
        obj.save_revision(user=self.user, log_action=True)
        result.action = "revised" if page.live else "updated"
        self._maybe_submit(obj)

    def _free_slug(self, obj: ProcedurePage) -> str:
        """The title's slug; with the code added when another page already uses it (the
        same name exists at several levels)."""
        base = slugify(obj.title, max_length=200) or slugify(obj.code)
        taken = set(self.parent.get_children().values_list("slug", flat=True))
        candidate = base
        if candidate in taken:
            candidate = f"{base[:180]}-{slugify(obj.code)}"
        n = 2
        while candidate in taken:
            candidate = f"{base[:180]}-{slugify(obj.code)}-{n}"
            n += 1
        return candidate

    def _maybe_submit(self, page) -> None:
        if not self.submit:
            return
        if page.workflow_in_progress:
            return
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, self.user)

    # Applying a row ----------------------------------------------------------------
    def _apply(self, obj: ProcedurePage, row: dict, result: RowResult, created: dict) -> None:
        has = row.__contains__
        if has("ten_thu_tuc"):
            obj.title = text(row["ten_thu_tuc"])
        if has("so_quyet_dinh"):
            obj.publication_decision = text(row["so_quyet_dinh"])
        if has("mo_ta"):
            obj.summary = text(row["mo_ta"])
        if has("cap_thuc_hien") and text(row["cap_thuc_hien"]):
            obj.level = level_value(row["cap_thuc_hien"])
        if has("linh_vuc"):
            obj.field = self._field(text(row["linh_vuc"]), created)
        if has("co_quan_thuc_hien"):
            obj.agency = self._agency(text(row["co_quan_thuc_hien"]), obj.level, created)
        if has("doi_tuong_thuc_hien"):
            obj.audience = audience_value(row["doi_tuong_thuc_hien"], result.warnings)
        if has("trinh_tu_thuc_hien"):
            obj.steps = steps_value(row["trinh_tu_thuc_hien"])
        if has("cach_thuc_thuc_hien"):
            obj.submission = channels_value(row["cach_thuc_thuc_hien"])
        if has("thanh_phan_ho_so"):
            obj.dossier = dossier_value(row["thanh_phan_ho_so"])
        if has("thoi_han_giai_quyet"):
            obj.processing_days, obj.processing_time_text = time_value(row["thoi_han_giai_quyet"])
        if has("phi_le_phi"):
            obj.fees = fees_value(row["phi_le_phi"])
        if has("ket_qua"):
            obj.result = text(row["ket_qua"])
        if has("yeu_cau_dieu_kien"):
            obj.conditions = text(row["yeu_cau_dieu_kien"])
        if has("can_cu_phap_ly"):
            obj.legal_basis = legal_value(row["can_cu_phap_ly"])
        if has("can_bo_xu_ly"):
            self._officer(obj, text(row["can_bo_xu_ly"]), result)
        if has("muc_do_dvc"):
            level, legacy = online_value(row["muc_do_dvc"])
            if level is not None:
                obj.online_level = level
            if legacy is not None:
                obj.legacy_level = legacy
                result.warnings.append(
                    _(
                        "“%(value)s” is a level of the repealed Decree 43/2011: kept as data "
                        "only; give Toàn trình or Một phần for the current level."
                    )
                    % {"value": text(row["muc_do_dvc"])}
                )
        if has("muc_do_cu"):
            obj.legacy_level = legacy_value(row["muc_do_cu"])
        if has("dia_chi_dvc"):
            url = text(row["dia_chi_dvc"])
            if url and not re.match(r"https?://\S+$", url):
                raise RowError(_("The address “%(value)s” is not a web address.") % {"value": url})
            obj.online_url = url
        if has("ngay_cung_cap"):
            obj.online_since = date_value(row["ngay_cung_cap"], month_only=True)
        if has("ly_do_mot_phan"):
            obj.online_partial_reason = text(row["ly_do_mot_phan"])
        if has("loai_ly_do"):
            obj.online_partial_reason_kind = reason_kind_value(row["loai_ly_do"])
        if has("don_vi_cung_cap"):
            obj.online_provider = self._agency(text(row["don_vi_cung_cap"]), obj.level, created)
        if has("bieu_mau"):
            obj.forms = self._forms(obj, row["bieu_mau"])

    def _field(self, name: str, created: dict):
        if not name:
            return None
        key = fold(name)
        if key not in self.fields:
            self.fields[key] = Field.objects.create(name=name)
            created["fields"].append(key)
        return self.fields[key]

    def _agency(self, name: str, level: str, created: dict):
        if not name:
            return None
        key = fold(name)
        if key not in self.agencies:
            self.agencies[key] = Agency.objects.create(
                name=name, level=AGENCY_LEVELS.get(level, AgencyLevel.OTHER)
            )
            created["agencies"].append(key)
        return self.agencies[key]

    def _officer(self, obj: ProcedurePage, value: str, result: RowResult) -> None:
        if not value:
            obj.handling_officer = None
            return
        officials = Official.objects.select_related("unit")
        if self.site_root is not None:
            officials = officials.filter(unit__site__root_page=self.site_root)
        folded = fold(value)
        match = None
        for official in officials:
            if (official.email and official.email.lower() == value.lower()) or fold(
                official.full_name
            ) == folded:
                match = official
                break
        if match is None:
            result.warnings.append(
                _(
                    "The officer “%(value)s” is not in this portal's directory; the handling "
                    "officer was not changed."
                )
                % {"value": value}
            )
            return
        obj.handling_officer = match

    def _forms(self, obj: ProcedurePage, value) -> list[ProcedureForm]:
        current = {}
        for form in obj.forms.all():
            if form.document_id and form.document and form.document.file_hash:
                current[form.document.file_hash] = form.document
        forms = []
        for item in items(value):
            if isinstance(item, dict):
                code, name = text(item.get("ma_mau")), text(item.get("ten"))
                path, purpose = text(item.get("tep")), text(item.get("cong_dung"))
            else:
                code, name, path, purpose = parts(text(item), 4)
            if not name:
                raise RowError(_("A form has no name."))
            if not path:
                raise RowError(_("The form “%(name)s” has no file.") % {"name": name})
            document = self._document(path, name, current)
            forms.append(ProcedureForm(code=code, name=name, purpose=purpose, document=document))
        return forms

    def _document(self, relative: str, title: str, current: dict):
        path = (self.base_dir / relative).resolve()
        if not path.is_relative_to(self.base_dir):
            raise RowError(
                _("The form file %(path)s is outside the folder of the import file.")
                % {"path": relative}
            )
        if not path.is_file():
            raise RowError(_("The form file %(path)s was not found.") % {"path": relative})
        extension = path.suffix.lower().lstrip(".")
        if extension not in FORM_EXTENSIONS:
            raise RowError(
                _("The form file %(path)s must be one of: %(types)s.")
                % {"path": relative, "types": ", ".join(FORM_EXTENSIONS)}
            )
        if path.stat().st_size > MAX_FORM_FILE_SIZE:
            raise RowError(
                _("The form file %(path)s is larger than %(size)s MB.")
                % {"path": relative, "size": MAX_FORM_FILE_SIZE // (1024 * 1024)}
            )
        data = path.read_bytes()
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        if digest in current:
            return current[digest]
        Document = get_document_model()
        document = Document.objects.filter(title=title, file_hash=digest).first()
        if document is None:
            document = Document(title=title)
            document.file = File(io.BytesIO(data), name=path.name)
            document._set_document_file_metadata()
            document.save()
            self._stored_files.append(document.file.name)
        current[digest] = document
        return document

    def _delete_stored_files(self, since: int = 0) -> None:
        from django.core.files.storage import default_storage

        for name in self._stored_files[since:]:
            default_storage.delete(name)
        del self._stored_files[since:]

    def _check_legacy(self, obj: ProcedurePage, result: RowResult) -> None:
        for name in ("title", "summary", "result", "conditions", "processing_time_text"):
            if detect_legacy(getattr(obj, name) or ""):
                label = ProcedurePage._meta.get_field(name).verbose_name
                result.warnings.append(
                    _(
                        "“%(field)s” looks typed in a legacy encoding (TCVN3/VNI); convert it to "
                        "Unicode before publishing."
                    )
                    % {"field": label}
                )

    @staticmethod
    def _messages(error) -> list[str]:
        if isinstance(error, RowError):
            return [str(error)]
        if not isinstance(error, ValidationError):
            return [
                _("The row could not be saved (%(error)s).")
                % {"error": f"{type(error).__name__}: {shown(error, 160)}"}
            ]
        messages = []
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                try:
                    label = ProcedurePage._meta.get_field(name).verbose_name
                except Exception:  # "__all__" and names that are not fields
                    label = ""
                for message in errors:
                    messages.append(f"{label}: {message}" if label else message)
        else:
            messages.extend(error.messages)
        return messages
