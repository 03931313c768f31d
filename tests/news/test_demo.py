"""Demo content of the news and projects apps (nhuxuan_site/demo/news.py, projects.py):
realistic, relative to today, idempotent, and every page renders."""

import datetime as dt
from io import StringIO

from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from congthongtin.core.models import Official
from congthongtin.news.models import (
    ArticlePage,
    ConferencePage,
    NewsPage,
    NoticePage,
    ScheduleEntry,
    SocioEconomicPage,
    WeeklySchedulePage,
)
from congthongtin.nhuxuan_site.demo import content
from congthongtin.nhuxuan_site.demo import news as news_demo
from congthongtin.nhuxuan_site.demo import projects as projects_demo
from congthongtin.nhuxuan_site.management.commands.load_demo import DemoContext
from congthongtin.projects.models import ProcurementNotice, ProjectPage
from tests.shared_demo import DemoTestCase

COUNTED = (Page, ScheduleEntry, ProcurementNotice, get_image_model(), get_document_model())


def demo_context() -> DemoContext:
    site = Site.objects.get(is_default_site=True)
    names = {o["key"]: o["full_name"] for unit in content.UNITS for o in unit["officials"]}
    return DemoContext(
        home=site.root_page.specific,
        site=site,
        officials={key: Official.objects.get(full_name=name) for key, name in names.items()},
        sections={slug: (title, intro) for slug, title, intro in content.SECTIONS},
        stdout=StringIO(),
    )


class DemoTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        context = demo_context()
        news_demo.load(context)
        projects_demo.load(context)
        cls.counts = {model: model.objects.count() for model in COUNTED}

    def test_amounts(self):
        self.assertGreaterEqual(NewsPage.objects.live().count(), 10)
        self.assertEqual(
            NewsPage.objects.values("category").distinct().count(), 6
        )  # every default category
        self.assertEqual(ArticlePage.objects.count(), 3)
        self.assertEqual(ArticlePage.objects.filter(origin="translated").count(), 1)
        self.assertEqual(NoticePage.objects.count(), 4)
        self.assertEqual(ConferencePage.objects.count(), 2)
        self.assertEqual(
            set(SocioEconomicPage.objects.values_list("period_type", flat=True)),
            {"thang", "quy", "nam"},
        )
        self.assertEqual(
            set(ProjectPage.objects.values_list("status", flat=True)),
            {"chuan-bi", "dang-thuc-hien", "hoan-thanh"},
        )

    def test_relative_dates__current_week_expired_notice_open_and_closed_bids(self):
        today = timezone.localdate()
        monday = today - dt.timedelta(days=today.weekday())
        leaders = WeeklySchedulePage.objects.get(kind="lich-cong-tac")
        for shift in (-7, 0, 7):
            week = monday + dt.timedelta(days=shift)
            self.assertTrue(
                leaders.entries.filter(
                    date__gte=week, date__lt=week + dt.timedelta(days=7)
                ).exists()
            )
        reception = WeeklySchedulePage.objects.get(kind="tiep-cong-dan")
        self.assertEqual({e.date.weekday() for e in reception.entries.all()}, {3})  # Thursdays
        self.assertEqual(NoticePage.objects.filter(valid_until__lt=today).count(), 1)
        now = timezone.now()
        self.assertEqual(ProcurementNotice.objects.filter(deadline__gt=now).count(), 1)
        self.assertEqual(ProcurementNotice.objects.filter(deadline__lte=now).count(), 1)

    def test_leaders_from_the_directory(self):
        self.assertTrue(ScheduleEntry.objects.filter(official__full_name="Nguyễn Văn An").exists())

    def test_second_run__no_duplicates(self):
        context = demo_context()
        news_demo.load(context)
        projects_demo.load(context)
        self.assertEqual({model: model.objects.count() for model in COUNTED}, self.counts)

    def test_every_page__renders(self):
        for page in Page.objects.live().type(
            NewsPage, ArticlePage, NoticePage, ConferencePage, SocioEconomicPage, ProjectPage
        ):
            # The demo serves several bodies: each page on its own site's host.
            site = page.get_site()
            with self.subTest(url=page.url):
                response = self.client.get(
                    page.get_url(current_site=site), HTTP_HOST=f"{site.hostname}:{site.port}"
                )
                self.assertEqual(response.status_code, 200)
        for url in [
            "/tin-tuc/",
            "/bai-viet/",
            "/thong-bao/",
            "/thong-bao/?luu-tru=1",
            "/thong-bao/lich-cong-tac-tuan/",
            "/thong-bao/lich-tiep-cong-dan/",
            "/hoi-nghi/",
            "/kinh-te-xa-hoi/",
            "/du-an/",
            "/lien-ket/",
            "/tin-tuc/rss/",
            "/du-an/rss/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_home__shows_featured_news(self):
        response = self.client.get("/")
        self.assertContains(response, "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 8")
