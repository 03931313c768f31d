"""The demo portal loaded once per test process for the test classes that only read it or
change it inside their own transaction (``DemoTestCase``), instead of once per class.

``load_demo`` takes 20–30 s; about fifteen classes ran it in their ``setUpTestData`` on each
database pass. Here the first ``DemoTestCase`` of a process loads it inside an outer
transaction that stays open: each class's own transaction (Django's ``TestCase``) is then a
savepoint inside it, so whatever a class or a test changes is rolled back as before, and
the demo stays for the next class. ``tests/conftest.py`` runs the demo classes after the
others, and rolls the outer transaction back before any other test that uses the database,
so no other test ever sees the demo (a later demo class would load it again).

The classes that test ``load_demo`` itself (its output, its options) still run it
themselves (``tests/nhuxuan_site/test_load_demo.py``).
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test import TestCase

_outer: transaction.Atomic | None = None


def active() -> bool:
    return _outer is not None


def ensure() -> None:
    """The demo in the test database, in an outer transaction (once per process)."""
    global _outer
    if _outer is not None:
        return
    atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
    # Django's test transactions are marked so that a durable block inside a test does not
    # count them; this one is a test transaction too.
    atomic._from_testcase = True
    atomic.__enter__()
    try:
        call_command("load_demo", stdout=StringIO())
    except BaseException:
        transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
        atomic.__exit__(None, None, None)
        raise
    _outer = atomic


def release() -> None:
    """Roll the demo back: the database as every other test expects it."""
    global _outer
    if _outer is None:
        return
    atomic, _outer = _outer, None
    transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
    atomic.__exit__(None, None, None)


class DemoTestCase(TestCase):
    """A ``TestCase`` on the demo portal (``load_demo`` as ``make run`` gives it)."""

    @classmethod
    def setUpClass(cls):
        ensure()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        # Django's TestCase rolls back the class's transaction, then closes every connection:
        # here the connection holds the demo's transaction for the next class (closed
        # inside it, PostgreSQL's connection would be lost), so it is only rolled back.
        if cls._databases_support_transactions() and cls._databases_support_savepoints():
            cls._rollback_atomics(cls.cls_atomics)
        super(TestCase, cls).tearDownClass()


def is_demo_test(item) -> bool:
    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, DemoTestCase)
