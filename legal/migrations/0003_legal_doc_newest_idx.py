"""An index for the library's default order, newest first (issue 11: listings at 100k).

``congthongtin.legal.listing.order_documents`` sorts by ``issue_date DESC NULLS LAST, pk DESC``. With
this index the first page of /van-ban/ reads 20 index entries instead of sorting the
whole library. PostgreSQL needs ``NULLS LAST`` in the index to match the order; SQLite
refuses ``NULLS`` in an index but puts NULL last in a descending order anyway. Django's
``Meta.indexes`` cannot say both, hence SQL per database here.
"""

from django.db import migrations

NAME = "legal_doc_newest_idx"
TABLE = "legal_legaldocumentpage"


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f'CREATE INDEX "{NAME}" ON "{TABLE}" ("issue_date" DESC{nulls}, "page_ptr_id" DESC)'
    )


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0002_default_document_types"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
