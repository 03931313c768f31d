"""Search settings per body (province-wide search), and on PostgreSQL the site search's rows
out of modelsearch's index table.

- ``SearchSettings``: whether a site's search also looks in the sites of the bodies under it
  (``core.Body.parent``). Off by default.
- PostgreSQL: the search and its suggestions read ``SearchDocument``'s stored vectors
  (migration 0003, ``congthongtin.search.postgres``), and the portal's backend no longer
  writes these rows into modelsearch's index (``search.backends.postgres``); the entries an
  earlier version wrote are deleted here (1.16 GB at 100,000 rows). The space returns to
  the operating system only after ``VACUUM FULL`` of that table (docs/search.md §8); a plain
  ``VACUUM`` (autovacuum) makes it reusable. Reversing leaves them deleted:
  ``manage.py update_index`` writes them again under a backend that keeps them.
"""

import django.db.models.deletion
from django.db import migrations, models


def index_table() -> str:
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def drop_index_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"DELETE FROM {quote(index_table())} WHERE content_type_id IN ("
        "SELECT id FROM django_content_type "
        "WHERE app_label = 'portal_search' AND model = 'searchdocument')"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_searchdocument_stored_vectors"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "search_component_sites",
                    models.BooleanField(
                        default=False,
                        help_text="When ticked, this site's search also finds the pages of the "
                        "bodies whose parent portal is this one (departments, communes, and the "
                        "bodies under them), each result linking to its own site and naming its "
                        "body.",
                        verbose_name="search the sites of the bodies under this one",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "search settings",
                "verbose_name_plural": "search settings",
            },
        ),
        migrations.RunPython(drop_index_entries, migrations.RunPython.noop, elidable=False),
    ]
