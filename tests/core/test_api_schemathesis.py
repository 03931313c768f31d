"""The JSON API fuzzed against its own OpenAPI description (issue 23): schemathesis draws
requests for every operation of ``/api/v2/openapi.json`` (filters, pagination, ids) against
a database holding one item of each type, and checks every answer: no server error, a
status code, a content type and a body the description allows.

Bounded so that the file runs in well under 90 s on two cores (examples per operation,
no deadline). The rate limiter is off here (it would answer 429, which is described, but
hide the rest); tests/core/test_api.py tests it."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.core.api_corpus import make_corpus


def _hypothesis_jsonschema_compatibility() -> None:
    """hypothesis-jsonschema 0.23 (what schemathesis 3.39 draws query parameters with) calls
    ``many(...).more()``, which Hypothesis ≥ 6.150 replaced by a context manager and an
    iterator: every object schema then fails with ``'many' object has no attribute 'more'``.
    Until a release of hypothesis-jsonschema follows, its module gets a ``many`` with the old
    interface over the new one (only when the installed Hypothesis lacks it)."""
    from types import SimpleNamespace

    from hypothesis.internal.conjecture import utils as cu
    from hypothesis_jsonschema import _from_schema

    if hasattr(cu.many, "more"):
        return

    class LegacyMany:
        def __init__(self, data, **kwargs):
            self._many = cu.many(data, **kwargs)
            self._many.__enter__()
            self._elements = iter(self._many)

        def more(self) -> bool:
            try:
                next(self._elements)
            except StopIteration:
                self._many.__exit__(None, None, None)
                return False
            return True

        def reject(self, why=None) -> None:
            self._many.reject(why)

    _from_schema.cu = SimpleNamespace(**{**vars(cu), "many": LegacyMany})


_hypothesis_jsonschema_compatibility()

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
#: Examples per operation (12 operations).
EXAMPLES = 30


@pytest.fixture
def api_schema(db, settings):
    settings.CONGTHONGTIN = {**django_settings.CONGTHONGTIN, "API_RATE_LIMIT": (0, 60)}
    make_corpus()
    # The WSGI handler closes the database connection around each request (as in
    # production); inside the test's transaction it must stay open, as Django's test client
    # keeps it (PostgreSQL would otherwise answer every request with a 500).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.from_wsgi("/api/v2/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_description(case):
    response = case.call()
    case.validate_response(response, checks=CHECKS)
