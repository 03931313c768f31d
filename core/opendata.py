"""Open data (Decree 47/2020/NĐ-CP on the management, connection and sharing of digital data;
its open-data provisions): what a dataset is, how the apps contribute theirs, and the three
file formats it is published in.

An app describes each of its datasets with :class:`Dataset` in its own ``datasets.py`` and
registers a function returning them under the Wagtail hook ``register_open_datasets``
(:data:`OPEN_DATASETS_HOOK`); ``core`` never imports the apps that contribute. The
``opendata`` app, when installed, lists every registered dataset on its page, generates the
files and regenerates a dataset when a page (or other object) of one of its ``stale_on``
models is published, unpublished or changed.

The writers are plain functions of (dataset, rows, metadata) → bytes:

- CSV: UTF-8 with a byte order mark, so that Excel opens Vietnamese text correctly; a cell a
  spreadsheet would run as a formula is made inert with a leading apostrophe.
- JSON: an object with the dataset's metadata (title, publisher, licence, columns) and
  ``rows``; dates in ISO 8601.
- XLSX: one sheet with a header row (openpyxl, the ``importers`` extra); formula-like strings
  stay text.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

from wagtail import hooks

OPEN_DATASETS_HOOK = "register_open_datasets"

#: Format → (media type, label). The order is the one the open data page shows.
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "json": ("application/json", "JSON"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
}

#: A spreadsheet runs a cell starting with these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Column types (a subset of the CSVW / Frictionless names).
COLUMN_TYPES = ("string", "integer", "number", "date", "datetime", "url")


@dataclass(frozen=True)
class Column:
    name: str  # key in each row and the CSV/XLSX header's machine name
    label: str  # shown to people (lazy translation)
    type: str = "string"

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"Unknown column type {self.type!r} (one of {COLUMN_TYPES}).")


@dataclass(frozen=True)
class Dataset:
    """One open dataset of a body.

    ``rows(site)`` yields one dict per row (keys: the columns' names) with only what the
    site publishes: live, public content of that site. ``stale_on`` names the models
    (``"app_label.ModelName"``) whose publication (a page, a draft-state snippet) or saving
    (a plain model) makes the dataset stale; ``site_of(instance)`` says which site's copy
    (by default ``instance.get_site()`` for a page, ``instance.site`` otherwise)."""

    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[object], Iterable[dict]]
    stale_on: tuple[str, ...] = ()
    site_of: Callable[[object], object] | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def site_for(self, instance):
        if self.site_of is not None:
            return self.site_of(instance)
        get_site = getattr(instance, "get_site", None)
        if get_site is not None:
            return get_site()
        return getattr(instance, "site", None)


def registered_datasets() -> dict[str, Dataset]:
    """Every dataset the installed apps register, by slug, in hook order."""
    found: dict[str, Dataset] = {}
    for fn in hooks.get_hooks(OPEN_DATASETS_HOOK):
        for dataset in fn():
            if dataset.slug in found:
                raise ValueError(f"Two open datasets use the slug {dataset.slug!r}.")
            found[dataset.slug] = dataset
    return found


def datasets_stale_on(model_label: str) -> list[Dataset]:
    label = model_label.lower()
    return [
        dataset
        for dataset in registered_datasets().values()
        if label in {name.lower() for name in dataset.stale_on}
    ]


def full_urls() -> Callable[[object], str | None]:
    """``url(page)``: ``page.get_full_url()`` for every row of a dataset, with Wagtail's list
    of site root paths read once. Without a request Wagtail reads that list from the cache
    for every page (188 sites: 2.9 ms a row, 0.2 ms with the list kept; a 50,000-row library
    spent minutes on it); it keeps the list on the object passed as ``request`` (its
    ``cache_object``), here one per dataset generation."""
    roots = SimpleNamespace()

    def url(page) -> str | None:
        return page.get_full_url(roots)

    return url


# Values --------------------------------------------------------------------------------------
def json_value(value):
    """A row's value as JSON has it: dates in ISO 8601, decimals as numbers, None as null."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def text_value(value) -> str:
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def inert(text: str) -> str:
    """``text`` that a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# Writers -------------------------------------------------------------------------------------
def write_csv(dataset: Dataset, rows: list[dict], metadata: dict | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in dataset.columns])
    for row in rows:
        cells = []
        for column in dataset.columns:
            text = text_value(row.get(column.name))
            cells.append(inert(text) if column.type in ("string", "url") else text)
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_json(dataset: Dataset, rows: list[dict], metadata: dict | None = None) -> bytes:
    document = {
        **(metadata or {}),
        "identifier": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "columns": [
            {"name": column.name, "title": str(column.label), "type": column.type}
            for column in dataset.columns
        ],
        "row_count": len(rows),
        "rows": [
            {column.name: json_value(row.get(column.name)) for column in dataset.columns}
            for row in rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write_xlsx(dataset: Dataset, rows: list[dict], metadata: dict | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=dataset.slug[:31])
    sheet.append([column.name for column in dataset.columns])
    for row in rows:
        cells = []
        for column in dataset.columns:
            value = row.get(column.name)
            if column.type in ("string", "url") or not isinstance(
                value, int | float | decimal.Decimal | dt.date | type(None)
            ):
                value = text_value(value)
            elif isinstance(value, dt.datetime) and value.tzinfo is not None:
                value = value.isoformat()  # spreadsheets have no time zones
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":  # a string starting with "=": text, not a formula
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def available_formats() -> dict[str, tuple[str, str]]:
    """FORMATS whose writer's library is installed (XLSX needs openpyxl, the ``importers``
    extra; without it the datasets are published in CSV and JSON only)."""
    from .extras import missing_modules

    return {
        fmt: value
        for fmt, value in FORMATS.items()
        if fmt != "xlsx" or not missing_modules("openpyxl")
    }


WRITERS: dict[str, Callable[[Dataset, list[dict], dict | None], bytes]] = {
    "csv": write_csv,
    "json": write_json,
    "xlsx": write_xlsx,
}
