import os
import unittest

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from hypothesis import settings as hypothesis_settings

# CI (.ci/run sets HYPOTHESIS_PROFILE=ci): the same examples on every run, so a rare input
# cannot fail one submission and pass the next; `make test` elsewhere draws new examples each
# time and keeps looking for such inputs (a case found that way becomes an @example).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as `make run` leaves it: migrated, then ``setup_portal`` (roles,
    workflow, home page), which no migration makes."""
    with django_db_blocker.unblock():
        call_command("setup_portal", verbosity=0)
        # What a TransactionTestCase with serialized_rollback restores: the state above, not
        # the state right after migrate that Django serialised while creating the database.
        for connection in connections.all():
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Menus and site lookups are cached; each test starts from an empty cache."""
    cache.clear()
    yield
    cache.clear()


# pytest-subtests (brought by the schemathesis dev extra) sends each subtest's parameters
# from the pytest-xdist worker to the controller, which serialises only plain values: an
# enum (a TextChoices member) given to ``subTest(status=…)`` would stop the report. The
# parameters are only labels, so they are passed on as text.
_PLAIN = (str, int, float, bool, type(None), bytes)
_subtest = unittest.TestCase.subTest


def _subtest_with_plain_params(self, msg=unittest.case._subtest_msg_sentinel, **params):
    plain = {key: value if type(value) in _PLAIN else str(value) for key, value in params.items()}
    return _subtest(self, msg, **plain)


unittest.TestCase.subTest = _subtest_with_plain_params
