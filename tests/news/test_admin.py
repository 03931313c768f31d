"""Editors' side of the news app: every page type can be added and previewed; the publishing
rules show as form errors, not as failures after the form was accepted."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from congthongtin.news.models import (
    ArticleIndexPage,
    ArticlePage,
    ConferenceIndexPage,
    ConferencePage,
    LinksPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
    SocioEconomicIndexPage,
    SocioEconomicPage,
    WeeklySchedulePage,
)
from tests.news.helpers import add, home_page

PROVENANCE = {"origin": "original", "classification": "thuong"}


def streams(*names):
    return {f"{name}-count": "0" for name in names}


class NewsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x" * 12)
        home = home_page()
        cls.home = home
        cls.indexes = {
            NewsPage: add(home, NewsIndexPage, title="Tin tức", slug="tin-tuc"),
            ArticlePage: add(home, ArticleIndexPage, title="Bài viết", slug="bai-viet"),
            NoticePage: add(home, NoticeIndexPage, title="Thông báo", slug="thong-bao"),
            ConferencePage: add(home, ConferenceIndexPage, title="Hội nghị", slug="hoi-nghi"),
            SocioEconomicPage: add(
                home, SocioEconomicIndexPage, title="Kinh tế – Xã hội", slug="kinh-te-xa-hoi"
            ),
        }
        cls.indexes[WeeklySchedulePage] = cls.indexes[NoticePage]

    def setUp(self):
        self.client.force_login(self.admin)

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def test_add_form__every_page_type__renders(self):
        cases = [(model, parent) for model, parent in self.indexes.items()]
        cases += [(LinksPage, self.home)]
        for model in (NewsIndexPage, ArticleIndexPage, ConferenceIndexPage):
            cases.append((model, self.home))
        for model, parent in cases:
            with self.subTest(model=model.__name__):
                if model.max_count_per_parent == 1 and parent.get_children().type(model).exists():
                    continue
                self.assertEqual(self.client.get(self.add_url(model, parent)).status_code, 200)

    def test_edit_form__every_page_type__renders(self):
        category = NewsCategory.objects.first()
        pages = [
            add(self.indexes[NewsPage], NewsPage, title="Tin", category=category),
            add(self.indexes[NoticePage], NoticePage, title="TB", kind="hop"),
            add(self.indexes[NoticePage], WeeklySchedulePage, title="Lịch", kind="lich-cong-tac"),
            add(
                self.indexes[ConferencePage],
                ConferencePage,
                title="HN",
                kind="hoi-nghi",
                start_date=dt.date(2026, 11, 1),
            ),
            add(
                self.indexes[SocioEconomicPage],
                SocioEconomicPage,
                title="BC",
                kind="ke-hoach",
                period_year=2026,
            ),
            add(self.indexes[ArticlePage], ArticlePage, title="Bài", live=False),
            add(self.home, LinksPage, title="Liên kết", slug="lien-ket"),
            *self.indexes.values(),
        ]
        for page in pages:
            with self.subTest(page=type(page).__name__):
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_article__save_draft_without_author__accepted(self):
        data = {
            "title": "Bài nháp chưa có tác giả",
            "slug": "bai-nhap",
            **streams("body"),
            **PROVENANCE,
        }
        response = self.client.post(self.add_url(ArticlePage, self.indexes[ArticlePage]), data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        page = ArticlePage.objects.get(slug="bai-nhap")
        self.assertFalse(page.live)

    def test_article__publish_without_author__form_error_not_published(self):
        data = {
            "title": "Bài chưa có tác giả",
            "slug": "bai-chua-co-tac-gia",
            **streams("body"),
            **PROVENANCE,
            "action-publish": "publish",
        }
        response = self.client.post(self.add_url(ArticlePage, self.indexes[ArticlePage]), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("author_name", response.context["form"].errors)
        self.assertFalse(ArticlePage.objects.filter(slug="bai-chua-co-tac-gia").exists())

    def test_article__translation_submitted_without_reference__form_error(self):
        data = {
            "title": "Bài dịch",
            "slug": "bai-dich",
            **streams("body"),
            **PROVENANCE,
            "origin": "translated",
            "source": "Tạp chí",
            "author_name": "Hoàng Văn Em",
            "author_position": "Công chức",
            "author_unit": "UBND xã",
            "action-publish": "publish",
        }
        response = self.client.post(self.add_url(ArticlePage, self.indexes[ArticlePage]), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("original_title", response.context["form"].errors)

    def test_notice__valid_until_before_valid_from__form_error(self):
        data = {
            "title": "Thông báo sai ngày",
            "slug": "tb-sai-ngay",
            "kind": "khac",
            "valid_from": "20/11/2026",
            "valid_until": "19/11/2026",
            **streams("body"),
            **PROVENANCE,
        }
        response = self.client.post(self.add_url(NoticePage, self.indexes[NoticePage]), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("valid_until", response.context["form"].errors)

    def test_preview__each_page_type(self):
        category = NewsCategory.objects.first()
        cases = [
            (
                NewsPage,
                {"category": str(category.pk), **streams("body", "gallery", "related_pages")},
            ),
            (ArticlePage, {**streams("body")}),
            (NoticePage, {"kind": "hop", "valid_from": "20/11/2026", **streams("body")}),
            (
                WeeklySchedulePage,
                {
                    "kind": "lich-cong-tac",
                    "entries-TOTAL_FORMS": "1",
                    "entries-INITIAL_FORMS": "0",
                    "entries-MIN_NUM_FORMS": "0",
                    "entries-MAX_NUM_FORMS": "1000",
                    "entries-0-date": "23/11/2026",
                    "entries-0-start_time": "07:30",
                    "entries-0-leader": "Chủ tịch UBND xã",
                    "entries-0-content": "Giao ban đầu tuần (xem trước)",
                    "entries-0-ORDER": "1",
                },
            ),
            (
                ConferencePage,
                {"kind": "hoi-nghi", "start_date": "20/11/2026", **streams("body", "materials")},
            ),
            (
                SocioEconomicPage,
                {
                    "kind": "ke-hoach",
                    "period_type": "quy",
                    "period_year": "2026",
                    "period_number": "3",
                    **streams("body", "attachments"),
                },
            ),
        ]
        for model, fields in cases:
            with self.subTest(model=model.__name__):
                url = reverse(
                    "wagtailadmin_pages:preview_on_add",
                    args=[model._meta.app_label, model._meta.model_name, self.indexes[model].pk],
                )
                data = {
                    "title": f"Xem trước {model.__name__}",
                    "slug": "xem-truoc",
                    **PROVENANCE,
                    **fields,
                }
                result = self.client.post(url, data).json()
                self.assertEqual(result, {"is_valid": True, "is_available": True})
                response = self.client.get(url)
                self.assertContains(response, f"Xem trước {model.__name__}")
                if model is WeeklySchedulePage:
                    self.client.get(url + "?tuan=2026-W48")
        week = self.client.get(
            reverse(
                "wagtailadmin_pages:preview_on_add",
                args=["news", "weeklyschedulepage", self.indexes[NoticePage].pk],
            )
        )
        self.assertEqual(week.status_code, 200)

    def test_preview__links_page(self):
        url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "linkspage", self.home.pk])
        data = {
            "title": "Liên kết (xem trước)",
            "slug": "lien-ket",
            "intro": "",
            "groups-count": "1",
            "groups-0-type": "group",
            "groups-0-deleted": "",
            "groups-0-order": "0",
            "groups-0-value-title": "Cổng thông tin",
            "groups-0-value-links-count": "1",
            "groups-0-value-links-0-deleted": "",
            "groups-0-value-links-0-order": "0",
            "groups-0-value-links-0-value-title": "Cổng Dịch vụ công quốc gia",
            "groups-0-value-links-0-value-url": "https://dichvucong.gov.vn",
            "groups-0-value-links-0-value-page": "",
            "groups-0-value-links-0-value-description": "",
            **PROVENANCE,
        }
        result = self.client.post(url, data).json()
        self.assertEqual(result, {"is_valid": True, "is_available": True})
        self.assertContains(self.client.get(url), 'href="https://dichvucong.gov.vn"')

    def test_preview__index_page(self):
        index = self.indexes[NewsPage]
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[index.pk])
        data = {"title": "Tin tức (xem trước)", "slug": "tin-tuc", "intro": ""}
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        self.assertContains(self.client.get(url), "Tin tức (xem trước)")

    def test_news_categories__snippet_list(self):
        response = self.client.get(reverse("wagtailsnippets_news_newscategory:list"))
        self.assertContains(response, "Người tốt, việc tốt")
