"""PostgreSQL: a GIN index on the expression Wagtail's database backend filters on.

modelsearch's PostgreSQL backend matches ``(title || body) @@ to_tsquery(...)`` on the index
table (``PostgresSearchQueryCompiler.search``: the index vectors of ``get_index_vectors``
combined with ``||``). Only ``title``, ``body`` and ``autocomplete`` have GIN indexes of their
own, so every search read the whole index table: 1,009 ms at 268k pages against 297 ms with
this index (issue 9, item 7; docs/search.md). SQLite and other databases: nothing to do.
"""

from django.db import migrations

INDEX = "portal_search_indexentry_title_body_gin"


def table() -> str:
    """The index table of the installed search app (``wagtailsearch_indexentry`` here)."""
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(INDEX)} "
        f"ON {quote(table())} USING gin (({quote('title')} || {quote('body')}))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
