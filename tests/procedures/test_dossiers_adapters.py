"""The shapes one-stop desks' status exports take (procedures.dossiers.adapters): each is
read to the same records, and what is not a dossier's public data is never kept."""

import dataclasses
import datetime as dt
import json

import pytest

from congthongtin.procedures.dossiers.adapters import (
    CsvAdapter,
    DossierFileError,
    DossierRecord,
    JsonAdapter,
    guess_format,
    parse_date,
)
from congthongtin.procedures.dossiers.categories import category_of

HEADER = "Mã hồ sơ,Tên thủ tục,Họ tên người nộp,Số CCCD,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả"
ROW = (
    "H56.62-261203-0012,Đăng ký kết hôn,Nguyễn Văn A,038090000001,Đang xử lý,03/12/2026,08/12/2026"
)
EXPECTED = DossierRecord(
    code="H56.62-261203-0012",
    procedure_name="Đăng ký kết hôn",
    status="Đang xử lý",
    received_on=dt.date(2026, 12, 3),
    expected_on=dt.date(2026, 12, 8),
)


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(csv_bytes(f"{HEADER}\n{ROW}\n"), id="utf8-comma"),
        pytest.param(b"\xef\xbb\xbf" + csv_bytes(f"{HEADER}\r\n{ROW}\r\n"), id="utf8-bom-crlf"),
        pytest.param(
            csv_bytes(f"{HEADER}\n{ROW}\n".replace(",", ";")), id="semicolon-excel-vi-locale"
        ),
        pytest.param(
            csv_bytes(f"{HEADER}\n{ROW}\n".replace(",", "\t"), "utf-16"),
            id="utf16-tab-unicode-text",
        ),
        pytest.param(
            csv_bytes(
                "DANH SÁCH HỒ SƠ,,,,,,\nXã Như Xuân,,,,,,\n,,,,,,\n"
                f"{HEADER}\n{ROW}\n,,,,,,\nTổng cộng: 1 hồ sơ,,,,,,\n"
            ),
            id="title-lines-and-totals",
        ),
        pytest.param(
            csv_bytes(
                "STT,MA HO SO,ten thu tuc,Nguoi nop,trang thai,NGAY TIEP NHAN ,"
                " Ngày hẹn trả kết quả\n"
                '1,="H56.62-261203-0012",Đăng ký kết hôn,Nguyễn Văn A,Đang xử lý,'
                "3/12/2026,08-12-2026\n"
            ),
            id="no-diacritics-excel-text-guard-short-dates",
        ),
        pytest.param(
            csv_bytes(
                "code,procedure_name,applicant_phone,status,received_on,expected_on\n"
                " h56.62-261203-0012 ,Đăng ký kết hôn,0900000001,Đang xử lý,"
                "2026-12-03T08:15:00+07:00,2026-12-08\n"
            ),
            id="english-iso-dates-lower-case-code",
        ),
        pytest.param(
            csv_bytes(
                f"{HEADER}\n"
                "'H56.62-261203-0012,Đăng ký kết hôn,Nguyễn Văn A,038090000001,Đang xử lý,"
                "03.12.2026 14:30,46364\n"
            ),
            id="leading-apostrophe-time-and-excel-serial",
        ),
    ],
)
def test_csv_shapes(data):
    assert CsvAdapter().read(data) == [EXPECTED]


def test_a_record_has_no_field_for_the_applicant():
    names = {field.name for field in dataclasses.fields(DossierRecord)}
    assert names == {
        "code",
        "procedure_name",
        "status",
        "received_on",
        "expected_on",
        "finished_on",
        "unit",
    }


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            [
                {
                    "ma_ho_so": "H56.62-261203-0012",
                    "ten_thu_tuc": "Đăng ký kết hôn",
                    "ho_ten": "Nguyễn Văn A",
                    "trang_thai": "Đang xử lý",
                    "ngay_tiep_nhan": "03/12/2026",
                    "ngay_hen_tra": "08/12/2026",
                }
            ],
            id="list-vietnamese-keys",
        ),
        pytest.param(
            {
                "exported_at": "2026-12-06T07:00:00+07:00",
                "dossiers": [
                    {
                        "code": "H56.62-261203-0012",
                        "procedure_name": "Đăng ký kết hôn",
                        "applicant": {"name": "Nguyễn Văn A", "phone": "0900000001"},
                        "status": "Đang xử lý",
                        "received_on": "2026-12-03",
                        "expected_on": "2026-12-08",
                        "finished_on": None,
                    }
                ],
            },
            id="object-english-keys-exported-at",
        ),
        pytest.param(
            {
                "data": [
                    {
                        "Mã hồ sơ": "H56.62-261203-0012",
                        "Tên thủ tục": "Đăng ký kết hôn",
                        "Trạng thái": "Đang xử lý",
                        "Ngày tiếp nhận": "03/12/2026",
                        "Ngày hẹn trả": "08/12/2026",
                        "Số điện thoại": "0900000001",
                    }
                ]
            },
            id="object-data-key-vietnamese-headers",
        ),
    ],
)
def test_json_shapes(data):
    raw = json.dumps(data, ensure_ascii=False).encode()
    assert JsonAdapter().read(raw) == [EXPECTED]
    assert JsonAdapter().read(b"\xef\xbb\xbf" + raw) == [EXPECTED]


def test_json_export_time_is_read():
    raw = json.dumps({"exported_at": "2026-12-06T07:00:00+07:00", "dossiers": []}).encode()
    _items, exported = JsonAdapter().parse(raw)
    assert exported == dt.datetime.fromisoformat("2026-12-06T07:00:00+07:00")


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (f"{HEADER}\n{ROW}\n{ROW}\n", [3]),  # the same code twice
        (f"{HEADER}\n{ROW}\nKHÔNG MÃ!,x,,,Đang xử lý,01/01/2026,\n", [3]),
        (f"{HEADER}\n{ROW}\n{ROW.replace('0012', '0013').replace('08/12', '31/02')}\n", [3]),
        (f"{HEADER}\n,Đăng ký,,,Đang xử lý,01/12/2026,\n{ROW}\n", [2]),  # a status, no code
    ],
)
def test_csv_errors_name_their_lines(data, lines):
    with pytest.raises(DossierFileError) as caught:
        CsvAdapter().read(data.encode())
    assert [line for line, _message in caught.value.problems] == lines
    assert "Nguyễn Văn A" not in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"Ho ten,So dien thoai\nNguyen Van A,0900000001\n",  # no code column
        "Mã hồ sơ\nH56-1\n".encode("cp1258", "ignore") + b"\xe3\xe3",  # not UTF-8
        b"",
    ],
)
def test_csv_file_errors(data):
    with pytest.raises(DossierFileError):
        CsvAdapter().read(data)


@pytest.mark.parametrize("data", [b"{not json", b'{"x": 1}', b"[1, 2]", b'[{"code": "??"}]'])
def test_json_errors(data):
    with pytest.raises(DossierFileError):
        JsonAdapter().read(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08/12/2026", dt.date(2026, 12, 8)),
        ("8/1/2026", dt.date(2026, 1, 8)),
        ("2026-12-08", dt.date(2026, 12, 8)),
        ("08/12/2026 16:00:00", dt.date(2026, 12, 8)),
        ("46364", dt.date(2026, 12, 8)),
        ("", None),
        (None, None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["32/12/2026", "12/2026", "hôm nay", "99999"])
def test_bad_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("status", "category"),
    [
        ("Mới tiếp nhận", "tiep-nhan"),
        ("Đang giải quyết", "dang-xu-ly"),
        ("Đang xử lý (quá hạn)", "dang-xu-ly"),
        ("Chuyển huyện", "dang-xu-ly"),
        ("Yêu cầu bổ sung hồ sơ", "bo-sung"),
        ("Đã có kết quả", "co-ket-qua"),
        ("Đã trả kết quả", "da-tra"),
        ("Trả lại hồ sơ", "tu-choi"),
        ("Từ chối giải quyết", "tu-choi"),
        ("", "khac"),
        ("Tạm dừng", "khac"),
    ],
)
def test_status_categories(status, category):
    assert category_of(status) == category


def test_format_guess():
    assert guess_format("export.JSON", b"") == "json"
    assert guess_format("https://x.vn/ho-so.csv?t=1", b"[") == "csv"
    assert guess_format("stdin", b"\xef\xbb\xbf [ {") == "json"
    assert guess_format("stdin", "Mã hồ sơ".encode()) == "csv"
