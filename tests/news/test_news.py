"""News and events (R-NEWS-1): listing by category and month, detail page, home highlights."""

import datetime as dt

from django.test import TestCase

from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.helpers import assert_bad_filters_dropped
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page, local, make_image


class NewsListingTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home_page()
        cls.index = add(cls.home, NewsIndexPage, title="Tin tức – Sự kiện", slug="tin-tuc")
        cls.politics = NewsCategory.objects.get(slug="chinh-tri")
        cls.economy = NewsCategory.objects.get(slug="kinh-te")
        cls.image = make_image()
        add(
            cls.index,
            NewsPage,
            title="Hội nghị Ban Chấp hành Đảng bộ xã",
            category=cls.politics,
            summary="Đánh giá kết quả 10 tháng.",
            published=local(dt.date(2026, 11, 20)),
        )
        add(
            cls.index,
            NewsPage,
            title="Thu hoạch mía nguyên liệu",
            category=cls.economy,
            lead_image=cls.image,
            published=local(dt.date(2026, 10, 31), 23),  # 23:00 local = 16:00 UTC
        )
        add(cls.index, NewsPage, title="Tin nháp chưa đăng", category=cls.economy, live=False)

    def test_default_categories__created_by_migration(self):
        self.assertEqual(
            list(NewsCategory.objects.values_list("slug", flat=True)),
            [
                "chinh-tri",
                "kinh-te",
                "van-hoa-xa-hoi",
                "quoc-phong-an-ninh",
                "dang-doan-the",
                "nguoi-tot-viec-tot",
            ],
        )

    def test_listing__newest_first_drafts_hidden(self):
        response = self.client.get("/tin-tuc/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertLess(html.index("Hội nghị Ban Chấp hành"), html.index("Thu hoạch mía"))
        self.assertNotContains(response, "Tin nháp chưa đăng")

    def test_bad_filter_values__dropped_other_filters_kept(self):
        def titles(response):
            return {item.title for item in response.context["items"]}

        assert_bad_filters_dropped(
            self,
            "/tin-tuc/",
            {"chuyen_muc": "kinh-te"},
            ["thang", "page"],
            titles,
        )
        assert_bad_filters_dropped(
            self,
            "/tin-tuc/",
            {"thang": "2026-10"},
            ["chuyen_muc", "page"],
            titles,
        )

    def test_filter__category(self):
        response = self.client.get("/tin-tuc/?chuyen_muc=kinh-te")
        self.assertContains(response, "Thu hoạch mía")
        self.assertNotContains(response, "Hội nghị Ban Chấp hành")

    def test_filter__month_in_local_time(self):
        # Published 31/10 23:00 in Hanoi time is October, although it is 16:00 UTC.
        response = self.client.get("/tin-tuc/?thang=2026-10")
        self.assertContains(response, "Thu hoạch mía")
        self.assertNotContains(response, "Hội nghị Ban Chấp hành")
        self.assertContains(response, '<option value="2026-10" selected>')

    def test_filter__keyword_without_diacritics(self):
        response = self.client.get("/tin-tuc/?q=hoi+nghi+dang+bo")
        self.assertContains(response, "Hội nghị Ban Chấp hành")
        self.assertNotContains(response, "Thu hoạch mía")

    def test_filter__unknown_category_or_month__ignored(self):
        response = self.client.get("/tin-tuc/?chuyen_muc=khong-co&thang=2026-13")
        self.assertContains(response, "Hội nghị Ban Chấp hành")
        self.assertContains(response, "Thu hoạch mía")

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/tin-tuc/" + query).status_code, 200)

    def test_pagination__keeps_filters(self):
        for n in range(NewsIndexPage.per_page + 1):
            add(self.index, NewsPage, title=f"Tin kinh tế {n}", category=self.economy)
        response = self.client.get("/tin-tuc/?chuyen_muc=kinh-te&thang=")
        self.assertContains(response, "chuyen_muc=kinh-te&amp;thang=&amp;page=2")

    def test_feed_link__in_head(self):
        response = self.client.get("/tin-tuc/")
        self.assertContains(
            response, '<link rel="alternate" type="application/rss+xml" title="Tin tức – Sự kiện"'
        )

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))

        def add_items(count):
            for _ in range(count):
                n = next(counter)
                add(
                    self.index,
                    NewsPage,
                    title=f"Tin số {n}",
                    category=self.economy if n % 2 else self.politics,
                    lead_image=self.image,
                    summary="Tóm tắt",
                )

        queries = self.assert_constant_queries("/tin-tuc/", add_items)
        self.assertLessEqual(queries, 16)  # 15 + the site's planned-downtime notice


class NewsPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.index = add(home, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        category = NewsCategory.objects.get(slug="van-hoa-xa-hoi")
        cls.other = add(cls.index, NewsPage, title="Lớp dạy nghề dệt thổ cẩm", category=category)
        cls.image = make_image("Ngày hội Bản Khe Rồng")
        cls.page = add(
            cls.index,
            NewsPage,
            title="Ngày hội Đại đoàn kết tại Bản Khe Rồng",
            category=category,
            summary="Nhân dân Bản Khe Rồng tổ chức ngày hội.",
            lead_image=cls.image,
            lead_image_alt="Nhà văn hóa bản có cờ Tổ quốc",
            lead_image_caption="Quang cảnh ngày hội.",
            lead_image_credit="Phạm Thị Dung",
            body=[("paragraph", "<p>Phần lễ và phần hội.</p>")],
            gallery=[("image", {"image": cls.image, "alt_text": "Múa xòe", "caption": "Múa xòe"})],
            related_pages=[("page", cls.other)],
            event_date=dt.date(2026, 11, 18),
            author_name="Phạm Thị Dung",
            published=local(dt.date(2026, 11, 18), 16),
        )

    def test_detail__lead_image_caption_credit_gallery_related_provenance(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'alt="Nhà văn hóa bản có cờ Tổ quốc"')
        self.assertContains(response, "Quang cảnh ngày hội.")
        self.assertContains(response, "Phạm Thị Dung")
        self.assertContains(response, 'alt="Múa xòe"')
        self.assertContains(response, "Lớp dạy nghề dệt thổ cẩm")
        self.assertContains(response, "18/11/2026")  # dd/mm/yyyy
        self.assertContains(response, 'class="provenance"')
        self.assertContains(response, "<h1>", count=1)

    def test_detail__related_draft__not_linked(self):
        self.other.unpublish()
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "Lớp dạy nghề dệt thổ cẩm")

    def test_event_start__local_datetime_for_timeliness(self):
        self.page.event_time = dt.time(8, 0)
        self.assertEqual(self.page.event_start, local(dt.date(2026, 11, 18), 8))

    def test_search_key__has_summary(self):
        page = NewsPage.objects.get(pk=self.page.pk)
        self.assertIn("nhan dan ban khe rong", page.search_key)


class HomeHighlightTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from congthongtin.news.models import NoticeIndexPage, NoticePage

        home = home_page()
        index = add(home, NewsIndexPage, title="Tin tức", slug="tin-tuc")
        category = NewsCategory.objects.get(slug="kinh-te")
        add(index, NewsPage, title="Tin nổi bật về mía", category=category, featured=True)
        add(index, NewsPage, title="Tin thường về rừng keo", category=category)
        notices = add(home, NoticeIndexPage, title="Thông báo", slug="thong-bao")
        today = dt.date.today()
        add(
            notices,
            NoticePage,
            title="Thông báo còn hiệu lực",
            kind="hop",
            valid_from=today - dt.timedelta(days=400),
        )
        add(
            notices,
            NoticePage,
            title="Thông báo đã hết hạn",
            kind="khac",
            valid_from=today - dt.timedelta(days=400),
            valid_until=today - dt.timedelta(days=300),
        )

    def test_home__featured_latest_and_current_notices(self):
        response = self.client.get("/")
        self.assertContains(response, "Tin nổi bật về mía", count=1)  # not repeated in "latest"
        self.assertContains(response, "Tin thường về rừng keo")
        self.assertContains(response, "Thông báo còn hiệu lực")
        self.assertNotContains(response, "Thông báo đã hết hạn")
        self.assertContains(response, 'href="/tin-tuc/"')
