"""Helpers shared by the tests of several apps."""

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def warm_query_count(test, url: str) -> int:
    """SQL queries of an anonymous GET of ``url`` once the per-site caches are warm: the
    first GET fills what any earlier reader would have (publishing empties them)."""
    test.client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = test.client.get(url)
    test.assertEqual(response.status_code, 200, url)
    return len(ctx)


class override_app_settings(override_settings):
    """``override_settings`` for keys of ``CONGTHONGTIN`` (core.conf): the given keys over
    the project's dict as it is when the override starts, every other key kept."""

    def __init__(self, **values):
        self.values = values
        super().__init__(CONGTHONGTIN=self._merged())

    def _merged(self) -> dict:
        return {**getattr(settings, "CONGTHONGTIN", {}), **self.values}

    def enable(self):
        self.options = {"CONGTHONGTIN": self._merged()}
        super().enable()


#: What robots and hand-typed addresses send to a listing's filters: impossible dates, dates
#: beyond core.query_params' bounds, unknown choices, markup, NUL, non-ASCII digits (int()
#: takes some, "²" it refuses), huge numbers and very long values.
HOSTILE_VALUES = [
    "31/02/2026",
    "9999-99-99",
    "99/99/9999",
    "31/12/9999",
    "0001-01-01",
    "01/01/0001",
    "9999-12",
    "2026-W99",
    "<script>alert(1)</script>",
    "'; drop table x;--",
    "\x00",
    "²²²²",
    "٢٠٢٦",
    "-1",
    "0",
    "99999999999999999999",
    "x" * 5000,
    "khong-co",
    "😀",
]


def assert_bad_filters_dropped(test, url: str, good: dict, names, result) -> None:
    """Every hostile value of every filter in ``names``, added to the ``good`` filters, is
    dropped and the other filters kept: the page answers 200 with what ``good`` alone gives
    (``result(response)``); the same with a filter repeated and with every filter hostile at
    once. ``names`` must not take part in ``good``, nor be free text (a keyword is no choice)."""
    assert not set(names) & set(good)

    def results(params):
        response = test.client.get(url, params)
        test.assertEqual(response.status_code, 200, params)
        return result(response)

    expected = results(good)
    for name in names:
        for value in HOSTILE_VALUES:
            with test.subTest(name=name, value=value[:20]):
                test.assertEqual(results({**good, name: value}), expected)
        with test.subTest(name=name, repeated=True):
            repeated = ["<b>", "31/02/2026", "9999-99-99", "x" * 300]
            test.assertEqual(results({**good, name: repeated}), expected)
    for index, value in enumerate(HOSTILE_VALUES):
        with test.subTest(every_filter=value[:20]):
            params = {
                name: HOSTILE_VALUES[(index + n) % len(HOSTILE_VALUES)]
                for n, name in enumerate(names)
            }
            test.assertEqual(results({**good, **params}), expected)
