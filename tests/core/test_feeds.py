"""RSS feeds of each section at /<section>/rss/: the 20 latest live public items, absolute
addresses on the site the reader asked."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.test import TestCase
from django.utils import timezone
from wagtail.models import PageViewRestriction

from congthongtin.core.feeds import FEED_SIZE
from congthongtin.news.models import (
    ArticleIndexPage,
    ArticlePage,
    ConferenceIndexPage,
    ConferencePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
    SocioEconomicIndexPage,
    SocioEconomicPage,
)
from tests.news.helpers import add, home_page


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.news = add(home, NewsIndexPage, title="Tin tức – Sự kiện", slug="tin-tuc")
        category = NewsCategory.objects.get(slug="kinh-te")
        start = timezone.now() - dt.timedelta(days=60)
        for n in range(FEED_SIZE + 5):
            add(
                cls.news,
                NewsPage,
                title=f"Tin số {n:02d}",
                category=category,
                summary=f"Tóm tắt tin {n}",
                published=start + dt.timedelta(days=n),
            )
        add(cls.news, NewsPage, title="Tin nháp", category=category, live=False)
        private = add(cls.news, NewsPage, title="Tin nội bộ", category=category)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        author = {"author_name": "A", "author_position": "B", "author_unit": "C"}
        add(
            add(home, ArticleIndexPage, title="Bài viết", slug="bai-viet"),
            ArticlePage,
            title="Bài số 1",
            **author,
        )
        add(
            add(home, NoticeIndexPage, title="Thông báo", slug="thong-bao"),
            NoticePage,
            title="Thông báo số 1",
            kind="hop",
        )
        add(
            add(home, ConferenceIndexPage, title="Hội nghị", slug="hoi-nghi"),
            ConferencePage,
            title="Hội nghị số 1",
            kind="hoi-nghi",
            start_date=dt.date(2026, 11, 1),
        )
        add(
            add(home, SocioEconomicIndexPage, title="Kinh tế – Xã hội", slug="kinh-te-xa-hoi"),
            SocioEconomicPage,
            title="Báo cáo số 1",
            kind="ke-hoach",
            period_year=2026,
        )

    def feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        return ET.fromstring(response.content)

    def test_news_feed__latest_20_live_public_items_newest_first(self):
        channel = self.feed("/tin-tuc/rss/").find("channel")
        titles = [item.findtext("title") for item in channel.findall("item")]
        self.assertEqual(len(titles), FEED_SIZE)
        self.assertEqual(titles[0], f"Tin số {FEED_SIZE + 4:02d}")
        self.assertNotIn("Tin nháp", titles)
        self.assertNotIn("Tin nội bộ", titles)
        self.assertEqual(
            channel.find("item").findtext("description"), f"Tóm tắt tin {FEED_SIZE + 4}"
        )
        self.assertEqual(channel.findtext("language"), "vi")

    def test_news_feed__absolute_urls_of_the_requested_site(self):
        channel = self.feed("/tin-tuc/rss/").find("channel")
        self.assertEqual(channel.findtext("link"), "http://testserver/tin-tuc/")
        link = channel.find("item").findtext("link")
        self.assertTrue(link.startswith("http://testserver/tin-tuc/tin-so-"), link)

    def test_every_section__has_a_feed(self):
        for url, title in [
            ("/bai-viet/rss/", "Bài số 1"),
            ("/thong-bao/rss/", "Thông báo số 1"),
            ("/hoi-nghi/rss/", "Hội nghị số 1"),
            ("/kinh-te-xa-hoi/rss/", "Báo cáo số 1"),
        ]:
            with self.subTest(url=url):
                channel = self.feed(url).find("channel")
                self.assertEqual([i.findtext("title") for i in channel.findall("item")], [title])

    def test_feed__query_count_constant(self):
        from tests.news.helpers import count_queries

        self.client.get("/tin-tuc/rss/")
        self.assertLessEqual(count_queries(self.client, "/tin-tuc/rss/"), 10)
