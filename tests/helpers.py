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
