"""JSON log lines in production (R-OPS-1)."""

import json
import logging

from django.test import RequestFactory

from congthongtin.nhuxuan_site.logging import JSONFormatter


def record(msg="Không tìm thấy trang %s", args=("/x",), **extra):
    rec = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(rec, key, value)
    return rec


def test_format__one_json_object_per_line_with_vietnamese_text():
    line = JSONFormatter().format(record())
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Không tìm thấy trang /x"
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["time"].endswith("+00:00")


def test_format__request__path_without_query_string_nor_cookies():
    request = RequestFactory().get(
        "/tim-kiem/", {"q": "Nguyễn Văn A 0912345678"}, HTTP_COOKIE="sessionid=abc"
    )
    entry = json.loads(JSONFormatter().format(record(request=request, status_code=404)))
    assert entry["path"] == "/tim-kiem/" and entry["method"] == "GET"
    assert entry["status_code"] == 404
    line = json.dumps(entry, ensure_ascii=False)
    assert "0912345678" not in line and "sessionid" not in line


def test_format__exception__traceback_kept_in_one_record():
    try:
        raise ValueError("hỏng")
    except ValueError:
        import sys

        rec = record()
        rec.exc_info = sys.exc_info()
    entry = json.loads(JSONFormatter().format(rec))
    assert "ValueError: hỏng" in entry["exc"]
