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


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that use the test database (CI's second pass, on "
        "PostgreSQL: the others ran in the SQLite pass and do not depend on the database).",
    )


#: Fixtures that bring the test database (pytest-django's, and ours on top of them).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def uses_database(item) -> bool:
    """Whether a test reaches the suite's database: a Django ``TransactionTestCase`` (and so
    ``TestCase``), a test marked ``django_db``, or one whose fixtures bring the database.
    A ``SimpleTestCase`` or a plain test cannot (pytest-django blocks the database), and a
    test starting its own site in a subprocess gives it its own SQLite file."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def transactional(item) -> bool:
    """A test that commits (``TransactionTestCase``, ``transaction=True``, a live server):
    pytest-django runs these after the others, and each empties the database after it."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def partition(items, test) -> tuple[list, list]:
    """(the items that pass ``test``, the others), each in its order."""
    passed, failed = [], []
    for item in items:
        (passed if test(item) else failed).append(item)
    return passed, failed


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    from tests.shared_demo import is_demo_test

    if config.getoption("--database-tests-only"):
        kept, dropped = partition(items, uses_database)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept
    # The classes on the demo portal after the other tests in a transaction and before the
    # tests that commit (pytest-django's order, which empties the database after each), so
    # that each process loads the demo once (tests.shared_demo); pytest-xdist hands a worker
    # its tests in this order.
    demo, rest = partition(items, is_demo_test)
    if demo:
        at = next(
            (i for i, item in enumerate(rest) if transactional(item) or not uses_database(item)),
            len(rest),
        )
        items[:] = rest[:at] + demo + rest[at:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test that uses the database and is not on the demo portal: the demo rolled
    back, if a demo class loaded it (the previous class's own transaction has ended)."""
    from tests import shared_demo

    if shared_demo.active() and uses_database(item) and not shared_demo.is_demo_test(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            shared_demo.release()


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
