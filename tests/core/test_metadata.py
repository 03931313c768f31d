"""Open Graph, Twitter card and Dublin Core on every public page type (issue 23 item 1;
core.metadata, core/includes/page_metadata.html).

The demo portal gives one live page of most types; the others are built here. Every page
type Wagtail knows must have an entry in ``metadata_helpers.EXPECTED``.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from congthongtin.consultation.models import Answer, Question, QuestionState
from congthongtin.core import metadata
from congthongtin.core.models import PortalSettings
from congthongtin.news.models import NewsPage
from tests.shared_demo import DemoTestCase

from ..consultation.helpers import field, make_question, make_question_index
from .metadata_helpers import (
    EXPECTED,
    body_and_site_name,
    json_ld_documents,
    one_live_page_of_each_type,
    page_type_labels,
    tags,
)


def test_every_page_type_has_an_entry():
    """A new page type fails here until its metadata is decided (EXPECTED)."""
    assert page_type_labels() == set(EXPECTED)


class EveryPageTypeTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = one_live_page_of_each_type()

    def get(self, page):
        response = self.client.get(page.get_url())
        self.assertEqual(response.status_code, 200, page.get_url())
        return response.content.decode()

    def test_open_graph_and_dublin_core__on_every_page_type(self):
        self.assertEqual(set(self.pages), set(EXPECTED))
        for label, page in self.pages.items():
            og_type, dc_type, ld_type = EXPECTED[label]
            with self.subTest(page_type=label):
                page = page.specific
                found = tags(self.get(page))
                body, site_name = body_and_site_name(page)
                title = page.seo_title or page.title
                self.assertEqual(found["og:title"], [title])
                self.assertEqual(found["og:type"], [og_type])
                self.assertEqual(found["og:url"], [page.get_full_url()])
                self.assertEqual(found["og:site_name"], [site_name])
                self.assertEqual(found["og:locale"], ["vi_VN"])
                self.assertIn("twitter:card", found)
                self.assertEqual(found["DC.title"], [title])
                self.assertEqual(found["DC.publisher"], [body])
                self.assertEqual(len(found["DC.creator"]), 1)
                self.assertIn(dc_type, found["DC.type"])
                self.assertEqual(found["DC.language"], ["vi"])
                self.assertRegex(found["DC.date"][0], r"^\d{4}-\d{2}-\d{2}$")
                description = metadata.protocol(page, "meta_description")()
                if description:
                    self.assertEqual(found["og:description"], [description])
                    self.assertEqual(found["description"], [description])
                    self.assertLessEqual(len(description), 200)
                if og_type == "article":
                    self.assertIn("article:published_time", found)
                    self.assertIn("article:modified_time", found)
                else:
                    self.assertNotIn("article:published_time", found)
                types = [doc["@type"] for doc in json_ld_documents(self.get(page))]
                if ld_type is not None:
                    self.assertEqual(types, [ld_type])

    def test_news_item__image_from_the_fill_rendition(self):
        news = NewsPage.objects.live().filter(lead_image__isnull=False).first()
        self.assertIsNotNone(news, "the demo has a news item with a lead image")
        found = tags(self.get(news))
        rendition = news.lead_image.get_rendition(metadata.OG_IMAGE_FILTER)
        self.assertTrue(found["og:image"][0].startswith("http"))
        self.assertTrue(found["og:image"][0].endswith(rendition.url))
        self.assertEqual(found["og:image:width"], [str(rendition.width)])
        self.assertEqual(found["og:image:height"], [str(rendition.height)])
        self.assertLessEqual(rendition.width, 1200)
        self.assertEqual(found["og:image:alt"], [news.lead_image_alt_text])
        self.assertEqual(found["twitter:card"], ["summary_large_image"])
        self.assertEqual(found["DC.creator"], [news.author_name or body_and_site_name(news)[0]])

    def test_page_without_image__no_og_image(self):
        page = self.pages["legal.LegalDocumentPage"].specific
        found = tags(self.get(page))
        self.assertNotIn("og:image", found)
        self.assertNotIn("og:image:width", found)
        self.assertEqual(found["twitter:card"], ["summary"])

    def test_legal_document__keeps_its_own_dublin_core(self):
        page = self.pages["legal.LegalDocumentPage"].specific
        html = self.get(page)
        self.assertNotIn("meta_extra_tags", html)  # no template comment leaks
        found = tags(html)
        self.assertEqual(found["DC.identifier"], [page.number_symbol])
        self.assertEqual(found["DC.type"], ["Text", page.document_type.name])
        self.assertEqual(found["DC.date"], [page.issue_date.isoformat()])
        self.assertEqual(found["DC.creator"], [page.issuing_body.name])
        if page.summary:
            self.assertEqual(found["DC.description"], [page.summary])
        # One title, one language: the page's own tags are gone.
        self.assertEqual(len(found["DC.title"]), 1)
        self.assertEqual(len(found["DC.language"]), 1)

    def test_sub_page_of_a_routable_page__own_address_and_no_json_ld(self):
        page = self.pages["consultation.QuestionIndexPage"].specific
        url = page.get_url() + "gui-cau-hoi/"
        html = self.client.get(url).content.decode()
        found = tags(html)
        self.assertTrue(found["og:url"][0].endswith(url))
        self.assertEqual(json_ld_documents(html), [])
        filtered = self.client.get(page.get_url() + "?q=khai+sinh").content.decode()
        self.assertEqual(json_ld_documents(filtered), [])

    def test_search_page__site_metadata_without_a_page(self):
        found = tags(self.client.get("/tim-kiem/").content.decode())
        self.assertEqual(found["og:locale"], ["vi_VN"])
        self.assertIn("og:site_name", found)
        self.assertTrue(found["og:url"][0].endswith("/tim-kiem/"))

    def test_metadata__a_constant_number_of_queries(self):
        """core.metadata.build on a warm page: at most 2 queries whatever the page type
        (a legal document's relations, the Q&A page's questions)."""
        factory = RequestFactory()
        for label, page in self.pages.items():
            page = page.specific
            site = page.get_site()
            request = factory.get(page.get_url(), HTTP_HOST=site.hostname)
            metadata.build(request, page)  # warm: settings, renditions
            with self.subTest(page_type=label), CaptureQueriesContext(connection) as ctx:
                metadata.build(request, page)
            self.assertLessEqual(len(ctx), 2, label)


class DescriptionTests(TestCase):
    def test_search_description_first_then_summary__plain_and_short(self):
        page = NewsPage(title="Tin", summary="<p>Tóm&nbsp;tắt   <b>ngắn</b></p>")
        self.assertEqual(page.meta_description(), "Tóm tắt ngắn")
        page.search_description = "Mô tả cho máy tìm kiếm"
        self.assertEqual(page.meta_description(), "Mô tả cho máy tìm kiếm")
        page.search_description = "chữ " * 100
        described = page.meta_description()
        self.assertLessEqual(len(described), 200)
        self.assertTrue(described.endswith("…"))

    def test_json_ld_script_text__cannot_close_the_script(self):
        text = metadata.json_ld_script_text({"name": "</script><script>alert(1)</script>&"})
        self.assertNotIn("<", text)
        self.assertNotIn(">", text)
        self.assertNotIn("&", text)


class FAQQueryTests(TestCase):
    """The Q&A page's FAQPage costs one query, whatever the number of questions."""

    @classmethod
    def setUpTestData(cls):
        cls.index = make_question_index()
        cls.field = field()
        PortalSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={"name": "Cổng thử", "managing_body": "Ủy ban nhân dân xã Thử"},
        )

    def publish_questions(self, count):
        for n in range(count):
            question = make_question(
                self.index,
                self.field,
                title=f"Câu hỏi số {n}",
                state=QuestionState.ANSWERED,
                publish_on_portal=True,
                answered_at=timezone.now() - datetime.timedelta(hours=n),
            )
            Answer.objects.create(
                question=question, body=f"<p>Trả lời số {n}</p>", author_name="Lê Văn An"
            )

    def count(self):
        self.client.get(self.index.url)
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(self.index.url)
        return response, len(ctx)

    def test_same_number_of_queries_with_2_and_10_questions(self):
        self.publish_questions(2)
        response, with_two = self.count()
        (faq,) = json_ld_documents(response.content.decode())
        self.assertEqual(len(faq["mainEntity"]), 2)
        self.publish_questions(8)
        response, with_ten = self.count()
        (faq,) = json_ld_documents(response.content.decode())
        self.assertEqual(len(faq["mainEntity"]), 10)
        self.assertEqual(with_two, with_ten)

    def test_only_published_answers__no_personal_data(self):
        self.publish_questions(1)
        private = make_question(
            self.index,
            self.field,
            title="Câu hỏi riêng",
            state=QuestionState.ANSWERED,
            publish_on_portal=False,
        )
        Answer.objects.create(question=private, body="<p>Riêng</p>", author_name="Lê Văn An")
        pending = make_question(self.index, self.field, title="Câu hỏi chưa trả lời")
        html = self.client.get(self.index.url).content.decode()
        (faq,) = json_ld_documents(html)
        names = [item["name"] for item in faq["mainEntity"]]
        self.assertEqual(names, ["Câu hỏi số 0"])
        self.assertEqual(faq["mainEntity"][0]["acceptedAnswer"]["text"], "Trả lời số 0")
        text = str(faq)
        for question in (private, pending, Question.objects.get(title="Câu hỏi số 0")):
            for value in (question.full_name, question.email, question.address, question.body):
                self.assertNotIn(value, text)
