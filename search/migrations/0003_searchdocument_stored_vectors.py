"""PostgreSQL: stored, GIN-indexed search vectors on ``SearchDocument`` itself.

modelsearch's PostgreSQL backend matches ``(title || body) @@ query`` on its index table and
ranks every match: a broad query ("quyền": 64,574 of 100,000 rows) costs seconds however it
is indexed (docs/search.md §3–4). ``congthongtin.search.postgres`` queries these two generated columns
instead, so no vector is built at query time and a bounded set of candidates is ranked:

- ``title_vector``: the folded title (and, for an article, its heading) and numbers, weight
  A, plus every canonical document number key as one lexeme ("42/2022/nd-cp"), so a number
  typed in any spelling is a prefix lookup in the index.
- ``text_vector``: the folded title and numbers (A), the Telex copy (C: the exact accents in
  ASCII, so an exactly accented query ranks its matches higher) and the folded text (D).

Both are ``GENERATED ALWAYS … STORED``: PostgreSQL computes them on every write, whatever
writes the row (``save()``, ``bulk_create``, SQL), and the model does not declare them.
SQLite and other databases: nothing to do (their backends need no such column).
"""

from django.db import migrations

TABLE = "portal_search_searchdocument"
#: (column, expression, index name)
COLUMNS = [
    (
        "title_vector",
        "setweight(to_tsvector('simple'::regconfig, folded_title || ' ' || numbers), 'A')"
        " || array_to_tsvector(array_remove(string_to_array(btrim(number_keys), ' '), ''))",
        "portal_search_title_vector_gin",
    ),
    (
        "text_vector",
        "setweight(to_tsvector('simple'::regconfig, folded_title || ' ' || numbers), 'A')"
        " || setweight(to_tsvector('simple'::regconfig, telex), 'C')"
        " || setweight(to_tsvector('simple'::regconfig, folded), 'D')",
        "portal_search_text_vector_gin",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for column, expression, index in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE {quote(TABLE)} ADD COLUMN IF NOT EXISTS {quote(column)} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index)} ON {quote(TABLE)} "
            f"USING gin ({quote(column)})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for column, _expression, index in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index)}")
        schema_editor.execute(f"ALTER TABLE {quote(TABLE)} DROP COLUMN IF EXISTS {quote(column)}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_indexentry_title_body_gin")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
