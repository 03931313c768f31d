"""Query budget of /tin-tuc/, of a news item and of the home page (issue 11): ≤ 10 queries,
the same for 2 and 30 items; a published item shows at once despite the caches."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from congthongtin.news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
)
from tests.helpers import warm_query_count
from tests.news.helpers import add, home_page, make_image

BUDGET = 10


class NewsQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home_page()
        cls.index = add(cls.home, NewsIndexPage, title="Tin tức – Sự kiện", slug="tin-tuc")
        cls.notices = add(cls.home, NoticeIndexPage, title="Thông báo", slug="thong-bao")
        cls.category = NewsCategory.objects.get(slug="chinh-tri")
        cls.image = make_image()
        cls.counter = 0

    @classmethod
    def add(cls, count, **fields):
        for _ in range(count):
            cls.counter += 1
            add(
                cls.index,
                NewsPage,
                title=f"Tin thử số {cls.counter}",
                category=cls.category,
                lead_image=cls.image,
                summary="Tóm tắt",
                featured=cls.counter % 3 == 0,
                **fields,
            )
            add(cls.notices, NoticePage, title=f"Thông báo thử số {cls.counter}", kind="dau-gia")

    def count(self, url):
        return warm_query_count(self, url)

    def test_listings_and_home__same_count_for_2_and_30_items(self):
        urls = ["/", "/tin-tuc/", "/thong-bao/"]
        self.add(2)
        small = [self.count(url) for url in urls]
        self.add(28)
        large = [self.count(url) for url in urls]
        self.assertEqual(small, large)
        self.assertLessEqual(max(large), BUDGET)

    def test_home_featured_images__no_rendition_query_once_cached(self):
        self.add(9)
        self.client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get("/")
        self.assertContains(response, 'class="item__image"', count=3)
        self.assertContains(response, "fill-320x200", count=3)
        rendition_queries = [q["sql"] for q in ctx.captured_queries if "rendition" in q["sql"]]
        self.assertEqual(rendition_queries, [])

    def test_news_item__at_most_ten_queries(self):
        self.add(1)
        item = NewsPage.objects.live().last()
        self.assertLessEqual(self.count(item.url), BUDGET)

    def test_published_item__on_home_and_listing_at_once(self):
        self.add(2)
        self.client.get("/")
        self.client.get("/tin-tuc/")
        self.add(1)
        title = f"Tin thử số {self.counter}"
        self.assertContains(self.client.get("/"), title)
        self.assertContains(self.client.get("/tin-tuc/"), title)
