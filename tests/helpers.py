"""Helpers shared by the tests of several apps."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def warm_query_count(test, url: str) -> int:
    """SQL queries of an anonymous GET of ``url`` once the per-site caches are warm: the
    first GET fills what any earlier reader would have (publishing empties them)."""
    test.client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = test.client.get(url)
    test.assertEqual(response.status_code, 200, url)
    return len(ctx)
