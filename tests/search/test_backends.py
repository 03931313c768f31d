"""What the stock backends get wrong, fixed in our code (issue 9, item 7), and a search
backend that is down (Elasticsearch/OpenSearch at a closed port).

PostgreSQL-only tests are skipped on SQLite and SQLite-only tests on PostgreSQL; CI runs the
suite on both databases."""

import socket
import unittest
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from congthongtin.home.models import StandardPage
from congthongtin.nhuxuan_site.settings.environment import search_config
from congthongtin.search import query as search
from congthongtin.search.views import UNAVAILABLE

INDEX = "portal_search_indexentry_title_body_gin"


def publish(parent, title, **fields):
    page = StandardPage(title=title, live=False, author_name="Ban biên tập", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.site = Site.objects.get(is_default_site=True)
        cls.land = publish(cls.home, "Quyền sử dụng đất", intro="Cấp giấy chứng nhận")
        cls.land_2 = publish(cls.home, "Quyền sử dụng đất nông nghiệp", intro="Giao đất")
        cls.court = publish(cls.home, "Tòa án nhân dân huyện", intro="Lịch xét xử")
        cls.roads = publish(cls.home, "Đường giao thông nông thôn", intro="Đầu tư đường")


class AutocompleteTests(PagesTestCase):
    """modelsearch autocompletes with a hard-coded ``simple`` configuration whatever
    SEARCH_CONFIG says (0 hits for "quyen su d" against 170 for "quyền sử d" measured); our
    suggestions fold the query and match the folded titles, so accents never matter."""

    def test_same_hits_with_and_without_accents(self):
        for accented, plain in [
            ("quyền sử d", "quyen su d"),
            ("Quyền sử dụng đ", "QUYEN SU DUNG D"),
            ("tòa á", "toa a"),
            ("đườ", "duo"),
            ("Ðường giao", "duong giao"),  # Ð U+00D0 typed for Đ
        ]:
            with self.subTest(accented=accented):
                with_accents = [d.pk for d in search.suggestions(accented, self.site)]
                without = [d.pk for d in search.suggestions(plain, self.site)]
                self.assertTrue(with_accents)
                self.assertEqual(with_accents, without)

    def test_the_titles_expected(self):
        titles = {d.title for d in search.suggestions("quyen su d", self.site)}
        self.assertEqual(titles, {"Quyền sử dụng đất", "Quyền sử dụng đất nông nghiệp"})


def stock_backend():
    """modelsearch's PostgreSQL backend as shipped (it indexes ``SearchDocument``)."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    return PostgresSearchBackend({})


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class PostgresTitleBodyIndexTests(PagesTestCase):
    """modelsearch filters on ``(title || body) @@ query``, which none of its own GIN indexes
    covers; migration portal_search.0002 adds one on that exact expression."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Enough rows that do not match for an index on the match condition to be worth
        # using (a table of a few rows is read whole, whatever its indexes).
        from congthongtin.search.models import SearchDocument

        SearchDocument.objects.bulk_create(
            SearchDocument(
                path=cls.home.path + "9999",
                title=f"Văn bản khác {n}",
                body="Nội dung không liên quan",
                folded=f"van ban khac {n} noi dung khong lien quan",
                url=f"/khac/{n}/",
            )
            for n in range(1500)
        )
        # The portal's backend keeps no entries of these rows (search.backends.postgres);
        # modelsearch's own writes them, and searches them, as before.
        stock_backend().add_bulk(SearchDocument, [*SearchDocument.objects.all()])
        with connection.cursor() as cursor:
            # New entries wait in GIN's pending list, which the planner costs as a full
            # read; VACUUM would merge them but cannot run in the test's transaction.
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX])
            cursor.execute("ANALYZE wagtailsearch_indexentry")
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")

    def test_index_exists_on_the_expression(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
            row = cursor.fetchone()
        self.assertIsNotNone(row)
        definition = row[0].replace('"', "")
        self.assertIn("USING gin", definition)
        self.assertIn("(title || body)", definition)

    def plan(self, text: str) -> str:
        found = search.search_query(search.clean_query(text))
        results = stock_backend().search(found, search.base_queryset(self.site, search.Filters()))[
            : search.MAX_RANKED_ROWS
        ]
        sql, params = results.get_queryset().query.sql_with_params()
        with connection.cursor() as cursor:
            # Whether the planner *can* answer the filter from an index, not whether it
            # prefers a sequential read of a small test table.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")  # GIN is bitmap-only anyway
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())

    def test_planner_uses_it_for_our_query(self):
        for text in ("quyen su dung dat", "tòa án", "42/2022/ND-CP"):
            with self.subTest(text=text):
                self.assertIn(INDEX, self.plan(text))

    def test_migration_is_reversible(self):
        from django.db.migrations.executor import MigrationExecutor

        with connection.cursor() as cursor:  # no pending deferred checks before DDL
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        executor = MigrationExecutor(connection)
        state = executor.loader.project_state(("portal_search", "0002_indexentry_title_body_gin"))
        migration = executor.loader.get_migration("portal_search", "0002_indexentry_title_body_gin")
        # Backwards, then forwards again, inside the test's transaction.
        with connection.schema_editor(atomic=False) as editor:
            migration.unapply(state, editor)
        self.assertFalse(self.index_exists())
        with connection.schema_editor(atomic=False) as editor:
            migration.apply(state, editor)
        self.assertTrue(self.index_exists())

    def index_exists(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX])
            return cursor.fetchone() is not None


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class PostgresStoredVectorTests(PagesTestCase):
    """Migration portal_search.0003: generated, GIN-indexed vectors on the search rows, which
    ``congthongtin.search.postgres`` queries instead of modelsearch's whole-table ranking."""

    MIGRATION = "0003_searchdocument_stored_vectors"
    COLUMNS = {
        "title_vector": "portal_search_title_vector_gin",
        "text_vector": "portal_search_text_vector_gin",
    }

    def vector(self, column, pk) -> str:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column}::text FROM portal_search_searchdocument WHERE id = %s", [pk]
            )
            return cursor.fetchone()[0]

    def test_columns_are_generated_and_indexed(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name, is_generated FROM information_schema.columns "
                "WHERE table_name = 'portal_search_searchdocument' AND data_type = 'tsvector'"
            )
            self.assertEqual(dict(cursor.fetchall()), dict.fromkeys(self.COLUMNS, "ALWAYS"))
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                [list(self.COLUMNS.values())],
            )
            found = dict(cursor.fetchall())
        for column, index in self.COLUMNS.items():
            self.assertIn(f"USING gin ({column})", found[index])

    def test_small_site__rows_tested_not_the_gin_indexes__same_results(self):
        """A commune's site (few rows) is searched by testing its rows' vectors: the GIN
        indexes hold every site's rows (postgres.SMALL_SCOPE_ROWS)."""
        from congthongtin.search import postgres

        self.assertTrue(search.small_scope(self.site))
        with CaptureQueriesContext(connection) as queries:
            small = search.run("quyen su dung dat", self.site, search.Filters())
            suggested = search.suggestions("quyen su d", self.site)
        statements = [q["sql"] for q in queries.captured_queries if "_vector" in q["sql"]]
        self.assertTrue(statements)
        for sql in statements:
            self.assertNotRegex(sql, r"(?<!\()(title|text)_vector @@", sql)
        with mock.patch.object(postgres, "SMALL_SCOPE_ROWS", 0):
            self.assertFalse(search.small_scope(self.site))
            large = search.run("quyen su dung dat", self.site, search.Filters())
            self.assertEqual(search.suggestions("quyen su d", self.site), suggested)
        self.assertEqual(
            [hit.document.pk for hit in small.hits], [hit.document.pk for hit in large.hits]
        )
        self.assertTrue(small.hits)
        self.assertEqual(small.facets, large.facets)

    def test_vectors_follow_every_write(self):
        from congthongtin.search.models import SearchDocument

        row = SearchDocument.objects.get(page_id=self.land.pk, anchor="")
        title = self.vector("title_vector", row.pk)
        self.assertIn("'quyen':1A", title)
        self.assertIn("'dung':3A", title)
        text = self.vector("text_vector", row.pk)
        self.assertIn("'quyeenf':", text)  # Telex: exact accents, weight C
        self.assertIn("C", text.split("'quyeenf':", 1)[1].split(" ", 1)[0])
        self.assertIn("'giay':", text)  # folded text of the page
        SearchDocument.objects.filter(pk=row.pk).update(
            folded_title="nghi dinh 42 2022 nd cp", number_keys=" 42/2022/nd-cp "
        )
        title = self.vector("title_vector", row.pk)
        self.assertNotIn("quyen", title)
        self.assertIn("'42/2022/nd-cp'", title)  # the whole number key is one lexeme
        row.refresh_from_db()
        row.title = "Khác"
        row.save()  # a model save writes only declared columns; PostgreSQL recomputes
        self.assertIn("'42/2022/nd-cp'", self.vector("title_vector", row.pk))

    def test_number_prefixes__only_safe_keys_reach_the_query(self):
        from congthongtin.search import postgres

        self.assertEqual(postgres.number_query(["42/2022/", "1'|x:*"]), "'42/2022/':*")
        self.assertIsNone(postgres.number_query(["a b", "x'y"]))

    def test_planner_uses_the_indexes(self):
        from congthongtin.search import postgres
        from congthongtin.search.models import SearchDocument

        terms = postgres.Terms("quyền sử dụng đất")
        match = postgres._match("text_vector", *terms.match_sql)
        number = postgres._match("title_vector", "%s::tsquery", ["'42/2022/':*"])
        for queryset, index in [
            (SearchDocument.objects.filter(match).values("id"), self.COLUMNS["text_vector"]),
            (SearchDocument.objects.filter(number), self.COLUMNS["title_vector"]),
        ]:
            sql, params = queryset.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            self.assertIn(index, plan)

    def test_index_scans__setting_only_inside_and_put_back(self):
        from congthongtin.search import postgres

        def setting():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('enable_seqscan'), current_setting('work_mem')"
                )
                return cursor.fetchone()

        before = setting()
        self.assertEqual(before[0], "on")
        self.assertNotEqual(before[1], postgres.WORK_MEM)
        with postgres.index_scans():
            self.assertEqual(setting(), ("off", postgres.WORK_MEM))
        self.assertEqual(setting(), before)  # the enclosing (test) transaction is untouched
        search.run("quyen su dung dat", self.site, search.Filters())
        self.assertEqual(setting(), before)
        with self.assertRaises(ZeroDivisionError), postgres.index_scans():
            1 / 0  # noqa: B018
        self.assertEqual(setting(), before)

    def test_search_page__statements_do_not_grow_with_matches(self):
        for n in range(30):
            publish(self.home, f"Quyền sử dụng đất thửa {n}", intro="Cấp giấy")
        self.assertTrue(self.site.root_page.path)  # read once per request by base_queryset
        # The per-site lookups (site roots, archives) come from the cache once warm.
        search.run("dat", self.site, search.Filters())
        with CaptureQueriesContext(connection) as many:
            outcome = search.run("quyen su dung dat", self.site, search.Filters())
        self.assertGreaterEqual(len(outcome.hits), 32)
        with CaptureQueriesContext(connection) as few:
            self.assertEqual(len(search.run("toa an", self.site, search.Filters()).hits), 1)
        self.assertEqual(len(many), len(few))
        # savepoint, setting, ids, rows, setting back, release, live pages
        self.assertLessEqual(len(many), 7)

    def test_migration_is_reversible(self):
        from django.db.migrations.executor import MigrationExecutor

        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        executor = MigrationExecutor(connection)
        state = executor.loader.project_state(("portal_search", self.MIGRATION))
        migration = executor.loader.get_migration("portal_search", self.MIGRATION)
        with connection.schema_editor(atomic=False) as editor:
            migration.unapply(state, editor)
        self.assertEqual(self.columns(), set())
        with connection.schema_editor(atomic=False) as editor:
            migration.apply(state, editor)
        self.assertEqual(self.columns(), set(self.COLUMNS))
        self.assertIn("'quyen'", self.vector("title_vector", self.land_row()))

    def land_row(self) -> int:
        from congthongtin.search.models import SearchDocument

        return SearchDocument.objects.get(page_id=self.land.pk, anchor="").pk

    def columns(self) -> set:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'portal_search_searchdocument' AND data_type = 'tsvector'"
            )
            return {row[0] for row in cursor.fetchall()}


@unittest.skipUnless(connection.vendor == "sqlite", "SQLite only")
class SQLiteNoGinIndexTests(TestCase):
    def test_migration_is_a_no_op(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [INDEX])
            self.assertIsNone(cursor.fetchone())
            cursor.execute("SELECT name FROM pragma_table_info('portal_search_searchdocument')")
            columns = {row[0] for row in cursor.fetchall()}
        self.assertTrue({"folded", "telex"} <= columns)
        self.assertFalse({"title_vector", "text_vector"} & columns)  # migration 0003


class BackendDownTests(PagesTestCase):
    """Elasticsearch/OpenSearch unreachable: /tim-kiem/ says so (503), the site works."""

    def backends(self):
        port = closed_port()
        for name in ("elasticsearch8", "opensearch2"):
            config = search_config(
                {"SEARCH_BACKEND": name, "SEARCH_URL": f"http://127.0.0.1:{port}"}
            )
            config["default"]["TIMEOUT"] = 2
            yield name, override_settings(WAGTAILSEARCH_BACKENDS=config)

    def test_search_page__503_with_a_clear_message(self):
        with translation.override("vi"):
            message = str(UNAVAILABLE)
        for name, settings in self.backends():
            with (
                self.subTest(backend=name),
                settings,
                self.assertLogs("congthongtin.search.views", "ERROR"),
            ):
                response = self.client.get("/tim-kiem/", {"q": "quyen su dung dat"})
                self.assertContains(response, message, status_code=503)
                self.assertEqual(response["Cache-Control"], "no-store")
                self.assertIn("Retry-After", response)

    def test_suggestions__503_json(self):
        for name, settings in self.backends():
            with (
                self.subTest(backend=name),
                settings,
                self.assertLogs("congthongtin.search.views", "ERROR"),
            ):
                response = self.client.get("/tim-kiem/goi-y/", {"q": "quyen"})
                self.assertEqual(response.status_code, 503)
                self.assertEqual(response.json()["suggestions"], [])

    def test_rest_of_the_site__keeps_working(self):
        for name, settings in self.backends():
            with self.subTest(backend=name), settings:
                self.assertEqual(self.client.get("/").status_code, 200)
                self.assertEqual(self.client.get(self.land.url).status_code, 200)
                # The empty search form does not need the backend either.
                self.assertEqual(self.client.get("/tim-kiem/").status_code, 200)
                # Publishing still works (the backend's indexing errors are logged, not raised)
                # and our own rows are written for when the backend is back.
                with self.assertLogs("modelsearch.index", "ERROR"):
                    page = publish(self.home, f"Thông báo {name}")
                self.assertEqual(self.client.get(page.url).status_code, 200)


@unittest.skipUnless(connection.vendor == "sqlite", "SQLite only")
class SQLiteOnePassRankingTests(PagesTestCase):
    """modelsearch ranks SQLite results with a correlated sub-query that re-runs the FTS5
    MATCH for every candidate row; search.backends.sqlite reads bm25() once per match."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        pages = [
            publish(cls.home, f"Thông báo đất đai số {n}", intro="đất " * (n + 1))
            for n in range(12)
        ]
        cls.some_pages = [cls.land.pk, *(page.pk for page in pages[::2])]

    def backends(self):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
        from wagtail.search.backends import get_search_backend

        from congthongtin.search.backends.sqlite import PortalSQLiteSearchBackend

        ours = get_search_backend()
        self.assertIsInstance(ours, PortalSQLiteSearchBackend)
        return ours, SQLiteSearchBackend({"SEARCH_CONFIG": "simple"})

    def test_same_results_in_the_same_order_as_upstream(self):
        ours, upstream = self.backends()
        scope = search.base_queryset(self.site, search.Filters())
        for text in ("dat dai", "đất", "quyền sử dụng đất", "thong bao", "khong co"):
            query = search.search_query(text)
            with self.subTest(text=text):
                expected = [d.pk for d in upstream.search(query, scope)]
                self.assertEqual([d.pk for d in ours.search(query, scope)], expected)
                self.assertEqual([d.pk for d in ours.search(query, scope)[2:5]], expected[2:5])
                filtered = scope.filter(anchor="", page_id__in=self.some_pages)
                self.assertEqual(
                    [d.pk for d in ours.search(query, filtered)],
                    [d.pk for d in upstream.search(query, filtered)],
                )

    def test_autocomplete__same_as_upstream(self):
        ours, upstream = self.backends()
        scope = search.base_queryset(self.site, search.Filters()).filter(anchor="")
        for text in ("quyen su d", "thong bao dat", "dat"):
            with self.subTest(text=text):
                self.assertEqual(
                    [d.pk for d in ours.autocomplete(text, scope)],
                    [d.pk for d in upstream.autocomplete(text, scope)],
                )

    def test_statements_do_not_grow_with_matches(self):
        ours, _upstream = self.backends()
        scope = search.base_queryset(self.site, search.Filters())
        with CaptureQueriesContext(connection) as few:
            list(ours.search(search.search_query("quyen su dung"), scope))
        with CaptureQueriesContext(connection) as many:
            found = list(ours.search(search.search_query("dat"), scope))
        self.assertGreater(len(found), 10)
        self.assertEqual(
            len(many),
            len(few),
            [q["sql"][:150] for q in many] + ["--"] + [q["sql"][:150] for q in few],
        )
        self.assertLessEqual(len(many), 2)
        for statement in many.captured_queries:
            self.assertLessEqual(statement["sql"].count(" MATCH "), 1)
