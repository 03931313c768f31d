"""Vietnamese search (issue 9): folding, numbers, articles, facets, safety, budget."""

import unittest
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, PageViewRestriction, Site

from congthongtin.core.models import Classification, Field
from congthongtin.home.models import StandardPage
from congthongtin.search import query as search
from congthongtin.search.models import SearchDocument
from tests.helpers import assert_bad_filters_dropped


def publish(parent, title, **fields):
    page = StandardPage(title=title, live=False, author_name="Ban biên tập", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


class SearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.site = Site.objects.get(is_default_site=True)
        cls.marriage = publish(cls.home, "Đăng ký kết hôn", intro="Thủ tục đăng ký kết hôn tại xã")
        cls.birth = publish(cls.home, "Đăng ký khai sinh", intro="Khai sinh cho trẻ em")
        cls.mediation = publish(cls.home, "Hòa giải ở cơ sở", intro="Tổ hòa giải thôn bản")
        cls.land = publish(cls.home, "Đất đai", intro="Cấp giấy chứng nhận quyền sử dụng đất")

    def titles(self, query, **filters):
        outcome = search.run(query, self.site, search.Filters(**filters))
        return [hit.document.title for hit in outcome.hits]


class FoldingTests(SearchTestCase):
    def test_unaccented__finds_accented(self):
        self.assertEqual(self.titles("dang ky ket hon")[0], "Đăng ký kết hôn")
        self.assertEqual(self.titles("dat dai")[0], "Đất đai")
        self.assertIn("Đăng ký khai sinh", self.titles("DANG KY KHAI SINH"))

    def test_tone_placement_and_d__match(self):
        self.assertEqual(self.titles("hoà giải")[0], "Hòa giải ở cơ sở")
        self.assertEqual(self.titles("hoa giai")[0], "Hòa giải ở cơ sở")
        self.assertEqual(self.titles("Ðất đai")[0], "Đất đai")  # Ð U+00D0 look-alike

    def test_accented_and_folded__same_pages(self):
        for accented, folded in [
            ("đăng ký", "dang ky"),
            ("quyền sử dụng đất", "quyen su dung dat"),
        ]:
            self.assertEqual(sorted(self.titles(accented)), sorted(self.titles(folded)))

    def test_exact_accents__rank_above_folded_collisions(self):
        exact = publish(self.home, "Tòa án nhân dân", intro="Xét xử tại tòa")
        publish(self.home, "Toa tàu", intro="Lịch toa xe")
        self.assertEqual(self.titles("tòa")[0], exact.title)

    def test_highlight__marks_the_words_as_typed(self):
        html = search.snippet("Thủ tục đăng ký kết hôn tại xã", "dang ky")
        self.assertIn("<mark>đăng</mark> <mark>ký</mark>", html)
        self.assertNotIn("<script>", search.snippet("<script>đăng</script>", "dang"))

    def test_highlight__long_document__window_at_the_first_match(self):
        filler = "Quy định chung về tổ chức. " * 20_000  # 540,000 characters
        text = f"{filler}Điều 105. Thời giờ làm việc bình thường không quá 8 giờ. {filler}"
        html = search.snippet(text, "thoi gio lam viec")
        self.assertTrue(html.startswith("… ") and html.endswith(" …"))
        self.assertIn("<mark>Thời</mark> <mark>giờ</mark> <mark>làm</mark> <mark>việc</mark>", html)
        self.assertLess(len(html), 400)

    def test_highlight__word_cut_by_the_window_not_marked(self):
        # The window ends right after the second "đất", which goes on as "đấtđai".
        html = search.snippet("đất " + "x" * 10 + " đấtđai", "dat", width=18)
        self.assertEqual(html, "<mark>đất</mark> xxxxxxxxxx đất …")
        html = search.snippet("Ðất İstanbul ĐẤT", "dat")  # look-alike Ð, a 2-character lower()
        self.assertEqual(html, "<mark>Ðất</mark> İstanbul <mark>ĐẤT</mark>")

    def test_autocomplete__same_hits_with_and_without_accents(self):
        accented = [d.title for d in search.suggestions("đăng k", self.site)]
        folded = [d.title for d in search.suggestions("dang k", self.site)]
        self.assertEqual(sorted(accented), sorted(folded))
        self.assertIn("Đăng ký kết hôn", folded)


class IndexRulesTests(SearchTestCase):
    def test_unpublished_page__leaves_the_index(self):
        self.birth.unpublish()
        self.assertNotIn("Đăng ký khai sinh", self.titles("khai sinh"))
        self.assertFalse(SearchDocument.objects.filter(page_id=self.birth.pk).exists())

    def test_draft_and_private_and_classified__never_returned(self):
        draft = StandardPage(title="Khai sinh bản nháp", live=False)
        self.home.add_child(instance=draft)
        draft.save_revision()
        secret = StandardPage(
            title="Khai sinh mật", live=False, classification=Classification.SECRET
        )
        self.home.add_child(instance=secret)
        private = publish(self.home, "Khai sinh nội bộ")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        found = self.titles("khai sinh")
        self.assertIn("Đăng ký khai sinh", found)
        for title in ("Khai sinh bản nháp", "Khai sinh mật", "Khai sinh nội bộ"):
            self.assertNotIn(title, found)

    def test_other_site__not_returned(self):
        from tests.factories import make_portal

        _site, other_home = make_portal("xakhac.example.vn", "Xã khác", "UBND xã khác")
        publish(other_home, "Đăng ký kết hôn ở xã khác")
        self.assertNotIn("Đăng ký kết hôn ở xã khác", self.titles("ket hon"))

    def test_document_number__typed_with_d__its_page_first(self):
        with mock.patch.object(StandardPage, "get_search_numbers", return_value=["42/2022/NĐ-CP"]):
            decree = publish(self.home, "Nghị định về cung cấp thông tin")
        publish(self.home, "Bài viết nhắc đến nghị định 42 năm 2022 về nhiều thứ nd cp")
        for typed in ("42/2022/ND-CP", "42/2022/nđ-cp", "NĐ 42/2022", "nghi dinh 42/2022/ND-CP"):
            with self.subTest(typed=typed):
                self.assertEqual(self.titles(typed)[0], decree.title)

    def test_article__named_and_deep_linked__page_once(self):
        sections = [
            ("dieu-104", "Điều 104. Thời giờ làm việc", "Thời giờ làm việc không quá 08 giờ"),
            (
                "dieu-105",
                "Điều 105. Thời giờ làm việc bình thường",
                "Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày",
            ),
        ]
        with mock.patch.object(StandardPage, "get_search_sections", return_value=sections):
            code = publish(self.home, "Bộ luật Lao động")
        outcome = search.run("thoi gio lam viec binh thuong", self.site, search.Filters())
        hits = [h for h in outcome.hits if h.document.page_id == code.pk]
        self.assertEqual(len(hits), 1)
        self.assertEqual(hits[0].part, "Điều 105. Thời giờ làm việc bình thường")
        self.assertTrue(hits[0].document.url.endswith("#dieu-105"))


class SearchPageTests(SearchTestCase):
    def test_page__results_facets_and_snippets(self):
        response = self.client.get("/tim-kiem/", {"q": "dang ky"})
        self.assertContains(response, "Đăng ký kết hôn")
        self.assertContains(response, "<mark>")

    def test_page__results_before_filters__active_filter_shown_with_them(self):
        """On a phone the results come first; the filters follow (a link jumps there), and a
        filter in use is shown above the results with a link that clears it."""
        html = self.client.get("/tim-kiem/", {"q": "dang ky"}).content.decode()
        self.assertLess(html.index('class="results"'), html.index('id="facets"'))
        self.assertIn('href="#facets"', html)
        self.assertNotIn("facet-chip", html)
        year = str(SearchDocument.objects.get(page=self.marriage, anchor="").year)
        html = self.client.get("/tim-kiem/", {"q": "dang ky", "nam": year}).content.decode()
        chip = html[html.index('class="facet-chip"') :]
        chip = chip[: chip.index("</a>")]
        self.assertIn('href="?q=dang+ky"', chip)  # the same address without the filter
        self.assertIn(f"Năm: {year}", chip)

    def test_urls__namespaced_public_addresses_unchanged(self):
        """search ships its URLs with app_name "portal_search" (issue 17): the name "search" of
        a project made by `wagtail start` stays free, the addresses stay /tim-kiem/…."""
        self.assertEqual(reverse("portal_search:search"), "/tim-kiem/")
        self.assertEqual(reverse("portal_search:suggest"), "/tim-kiem/goi-y/")
        for name in ("search", "search_suggest"):
            with self.subTest(name=name), self.assertRaises(NoReverseMatch):
                reverse(name)
        response = self.client.get("/tim-kiem/", {"q": "dang ky"})
        self.assertTemplateUsed(response, "portal_search/search.html")
        self.assertContains(response, 'data-suggest-url="/tim-kiem/goi-y/"')
        self.assertContains(
            response, 'class="search-box" role="search" method="get" action="/tim-kiem/"'
        )

    def test_bad_filter_values__dropped_other_filters_kept(self):
        def pages(response):
            return [hit.document.pk for hit in response.context["page_obj"].object_list]

        names = ["loai", "linh_vuc", "co_quan", "nam", "page"]
        assert_bad_filters_dropped(self, "/tim-kiem/", {"q": "dang ky"}, names, pages)

    def test_field_facet__filters_on_every_backend(self):
        """The field facet was a FilterFieldError (500) outside PostgreSQL."""
        field = Field.objects.create(name="Hộ tịch thử", slug="ho-tich-thu")
        marriage = SearchDocument.objects.get(page=self.marriage, anchor="")
        marriage.field_slugs = f" {field.slug} "
        marriage.save(update_fields=["field_slugs"])
        response = self.client.get("/tim-kiem/", {"q": "dang ky", "linh_vuc": field.slug})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [hit.document.page_id for hit in response.context["page_obj"].object_list],
            [self.marriage.pk],
        )

    def test_page__no_results_help(self):
        response = self.client.get("/tim-kiem/", {"q": "khong co tu nay"})
        self.assertContains(response, "42/2022/NĐ-CP")

    def test_bad_parameters__never_an_error(self):
        for params in [
            {"q": "x" * 5000},
            {"q": "dang", "nam": "abc"},
            {"q": "dang", "loai": "<script>"},
            {"q": "dang", "page": "-1"},
            {"q": "dang", "linh_vuc": "'; drop table"},
            {"q": '"unbalanced AND OR ('},
            {"q": "*"},
        ]:
            with self.subTest(params=params):
                self.assertEqual(self.client.get("/tim-kiem/", params).status_code, 200)
        self.assertEqual(self.client.get("/tim-kiem/goi-y/", {"q": "đăng"}).status_code, 200)

    def test_punctuation_only__empty_result_not_an_error(self):
        # Security audit (issue 16, finding 8): on SQLite these folded to an empty FTS5
        # expression and the page answered 500.
        for q in ["-", "/", ".", "--", "<->", "//", "-- /", "…", "''", '""', "+", "^", "(", ")"]:
            with self.subTest(q=q):
                response = self.client.get("/tim-kiem/", {"q": q})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["total"], 0)
                suggest = self.client.get("/tim-kiem/goi-y/", {"q": q})
                self.assertEqual(suggest.status_code, 200)
                self.assertEqual(suggest.json()["suggestions"], [])
        # Separators around words are dropped, the words still searched.
        for q in ["- khai sinh", "khai sinh --", "<-> khai // sinh ."]:
            with self.subTest(q=q):
                response = self.client.get("/tim-kiem/", {"q": q})
                self.assertEqual(response.status_code, 200)
                self.assertGreaterEqual(response.context["total"], 1)

    def test_query_count__does_not_grow_with_results(self):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                self.client.get("/tim-kiem/", {"q": "thong bao"})
            return len(ctx)

        publish(self.home, "Thông báo 0")
        self.client.get("/tim-kiem/", {"q": "thong bao"})
        few = count()
        for n in range(1, 15):
            publish(self.home, f"Thông báo {n}")
        self.client.get("/tim-kiem/", {"q": "thong bao"})  # menus were re-cached by publishing
        self.assertEqual(count(), few)
        # 13: on SQLite the ranked search is two statements (search.backends.sqlite).
        self.assertLessEqual(few, 13)


class RankingOrderTests(SearchTestCase):
    """Every backend: title holding every word first, then the words as one phrase."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.scattered = publish(cls.home, "Thông báo", intro="Đăng ký xe; kết quả hôn phối")
        cls.phrase = publish(cls.home, "Hướng dẫn", intro="Thủ tục đăng ký kết hôn ở xã")

    def test_title_then_phrase_then_scattered_words(self):
        titles = self.titles("dang ky ket hon")
        self.assertEqual(titles[0], "Đăng ký kết hôn")
        self.assertLess(titles.index("Hướng dẫn"), titles.index("Thông báo"))

    def test_ranked_rows__no_query_count_per_row(self):
        backend = search.get_search_backend()
        scope = search.base_queryset(self.site, search.Filters())
        with CaptureQueriesContext(connection) as one:
            rows = search.ranked_rows(backend, "dang ky", scope)
            [(row.title, row.body, row.url) for row in rows]
        self.assertGreaterEqual(len(rows), 4)
        self.assertLessEqual(len(one), 3)


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class BoundedRankingTests(SearchTestCase):
    """PostgreSQL: a broad query ranks a bounded candidate set (``search.postgres.ranked``),
    the rows whose title holds every word first. The bound is forced low here."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(6):
            publish(cls.home, f"Bản tin số {n}", intro="Thông tin về đất đai trong thôn")
        cls.titled = publish(cls.home, "Đất đai thôn Khe Rồng", intro="Bản đồ")

    def ranked(self, query, cap):
        scope = search.base_queryset(self.site, search.Filters())
        with mock.patch.object(search, "MAX_RANK_CANDIDATES", cap):
            return search.ranked_rows(search.get_search_backend(), query, scope)

    def test_few_matches__every_match_ranked(self):
        rows = self.ranked("dat dai", cap=1000)
        every = SearchDocument.objects.filter(folded__contains="dat dai")
        self.assertEqual({d.pk for d in rows}, set(every.values_list("pk", flat=True)))
        self.assertEqual(
            {d.page_id for d in rows[:2]}, {self.land.pk, self.titled.pk}
        )  # title matches first

    def test_broad_query__title_matches_kept_and_set_bounded(self):
        rows = self.ranked("dat dai", cap=3)
        self.assertLessEqual(len(rows), 3)
        self.assertIn(self.titled.pk, {d.page_id for d in rows})
        self.assertIn(self.land.pk, {d.page_id for d in rows})
        for row in rows:
            self.assertIn("dat dai", SearchDocument.objects.get(pk=row.pk).folded)

    def candidates_plan(self, query, cap):
        """The plan, as run, of the statement that reads the candidates."""
        with CaptureQueriesContext(connection) as queries:
            rows = self.ranked(query, cap)
        (sql,) = [q["sql"] for q in queries.captured_queries if "WITH titles" in q["sql"]]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
            return rows, "\n".join(row[0] for row in cursor.fetchall())

    def test_titles_fill_the_candidates__every_match_not_read(self):
        """A broad query whose titles alone fill the candidates ranks those, and the
        bitmap of every match (a million rows in a province) is never built."""
        rows, plan = self.candidates_plan("dat dai", cap=2)
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertIn("dat dai", row.folded_title)
        # The matches' part sits under the one-time filter and is never run.
        self.assertRegex(plan, r"One-Time Filter[\s\S]*\(never executed\)[\s\S]*text_vector")
        # Fewer titles than the bound: every match is read, in the same statement.
        rows, plan = self.candidates_plan("thong tin", cap=3)
        self.assertNotIn("never executed", plan)
        self.assertEqual(len(rows), 3)

    def test_broad_query__page_still_puts_title_matches_first(self):
        with mock.patch.object(search, "MAX_RANK_CANDIDATES", 3):
            titles = self.titles("dat dai")
        self.assertEqual(set(titles[:2]), {"Đất đai", "Đất đai thôn Khe Rồng"})

    def test_exactly_accented__ranks_above_folded(self):
        exact = publish(self.home, "Thông tin", intro="Tòa nhà văn hóa thôn")
        folded = publish(self.home, "Thông tin khác", intro="Toa xe chở hàng của thôn")
        rows = [d.page_id for d in self.ranked("tòa", cap=1000)]
        self.assertLess(rows.index(exact.pk), rows.index(folded.pk))
        rows = [d.page_id for d in self.ranked("toa", cap=1000)]
        self.assertEqual(set(rows), {exact.pk, folded.pk})

    def test_only_postgresql_database_backend_uses_stored_vectors(self):
        backend = search.get_search_backend()
        self.assertTrue(search.stored_vectors(backend))


class SnippetTextTests(SearchTestCase):
    def test_provenance_and_addresses__not_in_the_snippet_text(self):
        page = publish(
            self.home,
            "Lịch tiếp công dân",
            intro="Chủ tịch tiếp công dân vào thứ Năm hằng tuần",
            source="Văn phòng HĐND và UBND",
            source_url="https://example.gov.vn/lich",
            author_address="Thôn Khe Rồng",
        )
        whole = SearchDocument.objects.get(page_id=page.pk, anchor="")
        self.assertIn("thứ Năm hằng tuần", whole.body)
        for provenance in ("Ban biên tập", "https://example.gov.vn", "Văn phòng HĐND", "Khe Rồng"):
            self.assertNotIn(provenance, whole.body)

    def test_coded_choices__not_in_the_indexed_text(self):
        """A procedure's level is stored as "xa": indexed, every procedure would match "xã"
        and show "xa" in its snippet."""
        from congthongtin.procedures.models import ProcedurePage
        from tests.procedures.helpers import make_index, make_procedure

        make_procedure(make_index(), title="Chứng thực bản sao", code="2.000815", level="xa")
        page = ProcedurePage.objects.get(code="2.000815")
        whole = SearchDocument.objects.get(page_id=page.pk, anchor="")
        self.assertEqual(page.level, "xa")
        self.assertNotIn(" xa ", f" {whole.body} ")
        self.assertNotIn(" khong ", f" {whole.body} ")  # the online level's code
