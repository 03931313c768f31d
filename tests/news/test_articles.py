"""Articles by officials and experts (R-NEWS-2): named author, translations with the full
original reference, the author's copyright, search by keyword, field, time and author."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase

from congthongtin.core.models import Field
from congthongtin.news.models import ArticleIndexPage, ArticlePage
from tests.helpers import assert_bad_filters_dropped
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page, local

AUTHOR = {
    "author_name": "Lê Đình Tuấn",
    "author_position": "Trưởng phòng Kinh tế",
    "author_unit": "Ủy ban nhân dân xã Như Xuân",
}
ORIGINAL = {
    "original_title": "Community Forestry and Upland Livelihoods",
    "original_author": "Maria Santos",
    "original_publisher": "Journal of Upland Development Studies",
    "original_year": 2024,
    "original_url": "https://example.org/community-forestry",
}


class ArticleValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = add(home_page(), ArticleIndexPage, title="Bài viết", slug="bai-viet")

    def test_live_article_without_author__refused_on_each_author_field(self):
        page = ArticlePage(title="Bài không tên tác giả", live=True)
        with self.assertRaises(ValidationError) as raised:
            page.full_clean()
        self.assertTrue(
            {"author_name", "author_position", "author_unit"} <= set(raised.exception.message_dict)
        )

    def test_draft_without_author__allowed(self):
        page = add(self.index, ArticlePage, title="Bản nháp", live=False)
        self.assertFalse(page.live)

    def test_live_translation_without_reference__refused(self):
        page = ArticlePage(
            title="Bài dịch", live=True, origin="translated", source="Tạp chí nước ngoài", **AUTHOR
        )
        with self.assertRaises(ValidationError) as raised:
            page.full_clean()
        self.assertTrue(
            {"original_title", "original_author", "original_publisher", "original_year"}
            <= set(raised.exception.message_dict)
        )

    def test_translation_with_reference__source_filled_from_reference(self):
        page = add(
            self.index, ArticlePage, title="Bài dịch", origin="translated", **AUTHOR, **ORIGINAL
        )
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertIn("Maria Santos", page.source)
        self.assertIn("2024", page.source)

    def test_publish_revision__author_missing__refused_and_stays_draft(self):
        page = add(self.index, ArticlePage, title="Nháp chờ đăng", live=False)
        with self.assertRaises(ValidationError):
            page.save_revision().publish()
        self.assertFalse(ArticlePage.objects.get(pk=page.pk).live)


class ArticleListingTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = add(home_page(), ArticleIndexPage, title="Bài viết chuyên đề", slug="bai-viet")
        cls.agriculture = Field.objects.get(slug="nong-nghiep-va-moi-truong")
        add(
            cls.index,
            ArticlePage,
            title="Nâng cao giá trị rừng trồng",
            field=cls.agriculture,
            summary="Kéo dài chu kỳ khai thác keo.",
            published=local(dt.date(2026, 11, 18)),
            **AUTHOR,
        )
        add(
            cls.index,
            ArticlePage,
            title="Cải cách thủ tục hành chính cấp xã",
            author_name="Bùi Thị Ngọc",
            author_position="Phó Giám đốc Trung tâm",
            author_unit="UBND xã",
            published=local(dt.date(2025, 3, 2)),
        )
        cls.translation = add(
            cls.index,
            ArticlePage,
            title="Lâm nghiệp cộng đồng (bản dịch)",
            origin="translated",
            published=local(dt.date(2026, 1, 10)),
            **AUTHOR,
            **ORIGINAL,
        )

    def titles(self, query=""):
        response = self.client.get("/bai-viet/" + query)
        self.assertEqual(response.status_code, 200)
        return {item.title for item in response.context["items"]}

    def test_filter__keyword(self):
        self.assertEqual(self.titles("?q=chu+ky+khai+thac"), {"Nâng cao giá trị rừng trồng"})

    def test_filter__field(self):
        self.assertEqual(
            self.titles("?linh_vuc=nong-nghiep-va-moi-truong"), {"Nâng cao giá trị rừng trồng"}
        )

    def test_filter__period_dd_mm_yyyy(self):
        self.assertEqual(
            self.titles("?tu_ngay=01/01/2026&den_ngay=10/01/2026"),
            {"Lâm nghiệp cộng đồng (bản dịch)"},
        )
        self.assertEqual(self.titles("?tu_ngay=01/06/2026"), {"Nâng cao giá trị rừng trồng"})

    def test_filter__year(self):
        self.assertEqual(self.titles("?nam=2025"), {"Cải cách thủ tục hành chính cấp xã"})

    def test_filter__author_folded(self):
        self.assertEqual(
            self.titles("?tac_gia=bui+thi+ngoc"), {"Cải cách thủ tục hành chính cấp xã"}
        )
        self.assertEqual(len(self.titles("?tac_gia=LÊ+ĐÌNH")), 2)

    def test_filter__author_matches_author_only_not_title(self):
        self.assertEqual(self.titles("?tac_gia=rung+trong"), set())

    def test_bad_date__ignored_with_message(self):
        response = self.client.get("/bai-viet/?tu_ngay=31/02/2026")
        self.assertEqual(len(response.context["items"]), 3)
        self.assertContains(response, 'aria-invalid="true"')

    def test_bad_filter_values__dropped_other_filters_kept(self):
        assert_bad_filters_dropped(
            self,
            "/bai-viet/",
            {"linh_vuc": "nong-nghiep-va-moi-truong"},
            ["tu_ngay", "den_ngay", "nam", "page"],
            lambda response: {item.title for item in response.context["items"]},
        )
        # And the other way round: a good period with a bad field.
        assert_bad_filters_dropped(
            self,
            "/bai-viet/",
            {"tu_ngay": "01/01/2026", "den_ngay": "2026-01-10"},
            ["linh_vuc", "nam", "page"],
            lambda response: {item.title for item in response.context["items"]},
        )

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/bai-viet/" + query).status_code, 200)

    def test_translation_detail__original_reference_and_copyright(self):
        response = self.client.get(self.translation.url)
        self.assertContains(response, "Community Forestry and Upland Livelihoods")
        self.assertContains(response, "Journal of Upland Development Studies")
        self.assertContains(response, "2024")
        self.assertContains(response, 'href="https://example.org/community-forestry"')
        self.assertContains(response, "Maria Santos")
        self.assertContains(response, 'class="copyright"')
        self.assertContains(response, "Trưởng phòng Kinh tế")

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))

        def add_items(count):
            for _ in range(count):
                add(
                    self.index,
                    ArticlePage,
                    title=f"Bài số {next(counter)}",
                    field=self.agriculture,
                    **AUTHOR,
                )

        self.assert_constant_queries("/bai-viet/", add_items)
