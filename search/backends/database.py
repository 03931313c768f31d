"""Wagtail's database backend, with SQLite ranking done in one pass (issue 9, item 7).

``SEARCH_BACKEND=database`` selects this module. On SQLite (with FTS5) it returns
``search.backends.sqlite.PortalSQLiteSearchBackend``; on PostgreSQL
``search.backends.postgres.PortalPostgresSearchBackend`` (modelsearch's, without the site
search's rows, which are searched through stored vectors of their own); on every other
database exactly the backend Wagtail would choose.
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
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        if type(backend) is PostgresSearchBackend:
            from .postgres import PortalPostgresSearchBackend

            return PortalPostgresSearchBackend(params)
    return backend
