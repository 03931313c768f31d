"""PostgreSQL: modelsearch's backend, without the site search's own rows in its index.

On PostgreSQL the site search and its suggestions read the stored vectors of
``SearchDocument`` (``congthongtin.search.postgres``, migration portal_search.0003); nothing
reads these rows through modelsearch any more. Its index table held them a second time
(1.16 GB at 100,000 rows) and every save of one paid an ``INSERT … ON CONFLICT`` there plus
``_refresh_title_norms``, an average over the whole index table. Here ``SearchDocument`` is
neither written to nor deleted from modelsearch's index; every other model (pages, images,
documents in the admin's search) is indexed as upstream. ``manage.py update_index`` (its
stale-entry pass) removes the rows an earlier version wrote, as migration portal_search.0004
does on upgrade.
"""

from __future__ import annotations

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.utils import get_descendants_content_types_pks


def _is_search_document(model) -> bool:
    from congthongtin.search.models import SearchDocument

    return issubclass(model, SearchDocument)


class PortalPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if _is_search_document(model):
            return
        super().add_items(model, objs)

    def delete_item(self, item):
        if _is_search_document(type(item)):
            return
        super().delete_item(item)

    def delete_stale_model_entries(self, model):
        if _is_search_document(model):  # every entry of these rows is stale
            content_types = get_descendants_content_types_pks(model)
            self.entries.filter(content_type_id__in=content_types)._raw_delete(
                using=self.write_connection.alias
            )
            return
        super().delete_stale_model_entries(model)


class PortalPostgresSearchBackend(PostgresSearchBackend):
    index_class = PortalPostgresIndex
