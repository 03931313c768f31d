"""Query budget of /van-ban/ and of a document (issue 11): ≤ 10 queries, the same for 2 and
30 documents; the count stops at a cap so page 1 costs the same in a library of 100,000."""

import datetime
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from core.models import Field
from legal.models import LegalDocumentAttachment
from legal.pdf import text_pdf
from tests.legal.factories import add_document, agency, doc_type, make_document_file, make_library

BUDGET = 10


class LegalQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.field = Field.objects.get_or_create(name="Công nghệ thông tin")[0]
        cls.agency = agency("Chính phủ")
        cls.pdf = make_document_file(text_pdf(["QUYẾT ĐỊNH"], embed_font=False), "a.pdf")
        cls.counter = 0

    @classmethod
    def add(cls, count):
        qd = doc_type("Quyết định")
        for _ in range(count):
            cls.counter += 1
            add_document(
                cls.library,
                title=f"Quyết định thử {cls.counter}",
                number_symbol=f"{cls.counter}/QĐ-UBND",
                document_type=qd,
                issuing_body=cls.agency,
                responsible_unit=cls.agency,
                issue_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=cls.counter),
                fields=[cls.field],
                attachments=[LegalDocumentAttachment(document=cls.pdf)],
            )

    def count(self, url):
        self.client.get(url)  # the caches any earlier reader filled
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(ctx)

    def test_listing__same_count_for_2_and_30_documents(self):
        self.add(2)
        small = self.count(self.library.url)
        self.add(28)
        large = self.count(self.library.url)
        self.assertEqual(small, large)
        self.assertLessEqual(large, BUDGET)

    def test_document__at_most_ten_queries(self):
        self.add(1)
        document = self.library.get_children().live().last()
        self.assertLessEqual(self.count(document.url), BUDGET)

    def test_published_document__listed_at_once(self):
        self.add(2)
        self.client.get(self.library.url)
        self.add(1)
        self.assertContains(self.client.get(self.library.url), f"Quyết định thử {self.counter}")

    def test_more_documents_than_the_cap__more_than_n_and_next_pages_work(self):
        self.add(30)
        with mock.patch("core.listing.COUNT_CAP", 25):
            response = self.client.get(self.library.url)
            self.assertTrue(response.context["page_obj"].paginator.is_capped)
            self.assertContains(response, "25")
            self.assertContains(response, "page=2")
            response = self.client.get(self.library.url + "?page=2")
            self.assertEqual(response.context["page_obj"].paginator.count, 30)
            self.assertEqual(len(response.context["page_obj"].object_list), 10)
