"""Query budget of /thu-tuc-hanh-chinh/ and of a procedure (issue 11): ≤ 10 queries, the
same for 2 and 30 procedures."""

from django.test import TestCase

from congthongtin.core.models import Agency, Field
from tests.helpers import warm_query_count
from tests.procedures.helpers import make_index, make_procedure

BUDGET = 10


class ProcedureQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.fields = [Field.objects.create(name=f"Lĩnh vực thử {n}") for n in range(3)]
        cls.agency = Agency.objects.create(name="Ủy ban nhân dân xã Thử")
        cls.counter = 0

    @classmethod
    def add(cls, count):
        for _ in range(count):
            cls.counter += 1
            make_procedure(
                cls.index,
                title=f"Thủ tục thử số {cls.counter}",
                field=cls.fields[cls.counter % 3],
                agency=cls.agency,
                online_level="toan-trinh" if cls.counter % 2 else "khong",
                online_url="https://dichvucong.gov.vn/" if cls.counter % 2 else "",
            )

    def count(self, url):
        return warm_query_count(self, url)

    def test_listing__same_count_for_2_and_30_procedures(self):
        self.add(2)
        small = self.count(self.index.url)
        self.add(28)
        large = self.count(self.index.url)
        self.assertEqual(small, large)
        self.assertLessEqual(large, BUDGET)

    def test_procedure__at_most_ten_queries(self):
        self.add(1)
        procedure = self.index.get_children().live().last()
        self.assertLessEqual(self.count(procedure.url), BUDGET)

    def test_new_field_of_a_published_procedure__in_the_filter_at_once(self):
        self.add(1)
        self.client.get(self.index.url)
        field = Field.objects.create(name="Lĩnh vực mới thêm")
        make_procedure(self.index, title="Thủ tục lĩnh vực mới", field=field)
        response = self.client.get(self.index.url)
        self.assertContains(response, "Lĩnh vực mới thêm")
        self.assertContains(response, "Thủ tục lĩnh vực mới")
