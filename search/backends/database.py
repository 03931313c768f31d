"""Wagtail's database backend, with SQLite ranking done in one pass (issue 9, item 7).

``SEARCH_BACKEND=database`` selects this module. On SQLite (with FTS5) it returns
``search.backends.sqlite.PortalSQLiteSearchBackend``; on every other database exactly the
backend Wagtail would choose (PostgreSQL's own fix is an index: migration
portal_search.0002).
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as select_backend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = select_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            from .sqlite import PortalSQLiteSearchBackend

            return PortalSQLiteSearchBackend(params)
    return backend
