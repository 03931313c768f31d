"""Unaccented keyword filtering for listings (core.listing), on every database."""

from django.test import RequestFactory, TestCase
from wagtail.models import Page

from congthongtin.core.listing import keyword_filter, keyword_terms, paginate
from congthongtin.home.models import StandardPage


def test_keyword_terms__folded_and_capped():
    assert keyword_terms("  Đăng ký KHAI SINH ") == ["dang", "ky", "khai", "sinh"]
    assert keyword_terms("Nghị định 42/2022/NĐ-CP") == ["nghi", "dinh", "42/2022/nd-cp"]
    assert len(keyword_terms("a " * 50)) == 10
    assert keyword_terms(None) == []


class KeywordFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = Page.objects.get(depth=2)
        for title in ["Đăng ký khai sinh", "Đăng ký kết hôn", "Hòa giải ở cơ sở"]:
            home.add_child(instance=StandardPage(title=title))

    def titles(self, query):
        return sorted(
            keyword_filter(StandardPage.objects.all(), query).values_list("title", flat=True)
        )

    def test_unaccented_query__finds_accented_titles(self):
        self.assertEqual(self.titles("dang ky khai sinh"), ["Đăng ký khai sinh"])
        self.assertEqual(self.titles("DANG KY"), sorted(["Đăng ký kết hôn", "Đăng ký khai sinh"]))

    def test_accented_query_and_other_tone_placement__same_result(self):
        self.assertEqual(self.titles("hoà giải"), ["Hòa giải ở cơ sở"])
        self.assertEqual(self.titles("Hòa giải"), ["Hòa giải ở cơ sở"])

    def test_empty_query__everything(self):
        self.assertEqual(len(self.titles("")), 3)

    def test_search_key__follows_a_renamed_title(self):
        page = StandardPage.objects.get(title="Hòa giải ở cơ sở")
        page.title = "Tổ hòa giải thôn"
        page.save(update_fields=["title"])
        self.assertEqual(self.titles("to hoa giai"), ["Tổ hòa giải thôn"])

    def test_paginate__bad_page_numbers__first_or_last_page(self):
        request = RequestFactory().get("/", {"page": "abc"})
        self.assertEqual(paginate(request, list(range(45)), 20).number, 1)
        request = RequestFactory().get("/", {"page": "99"})
        self.assertEqual(paginate(request, list(range(45)), 20).number, 3)


class CappedPaginatorTests(TestCase):
    """The count of a listing stops at a cap so page 1 costs the same at any size (issue 11)."""

    @classmethod
    def setUpTestData(cls):
        home = Page.objects.get(depth=2)
        for n in range(23):
            home.add_child(instance=StandardPage(title=f"Trang số {n:02d}"))

    def pages(self):
        return StandardPage.objects.order_by("title")

    def page(self, number, cap=10):
        request = RequestFactory().get("/", {"page": number})
        return paginate(request, self.pages(), 4, cap=cap)

    def test_under_the_cap__exact_count(self):
        page = self.page(1, cap=100)
        self.assertFalse(page.paginator.is_capped)
        self.assertEqual(page.paginator.count, 23)
        self.assertEqual(page.paginator.num_pages, 6)

    def test_over_the_cap__more_than_and_a_next_page(self):
        page = self.page(1)
        self.assertTrue(page.paginator.is_capped)
        self.assertEqual(page.paginator.count, 10)
        expected = [f"Trang số {n:02d}" for n in range(4)]
        self.assertEqual([p.title for p in page.object_list], expected)
        last_known = self.page(2)  # 10 // 4 = 2 pages known to be full
        self.assertTrue(last_known.has_next())
        self.assertEqual(last_known.next_page_number(), 3)

    def test_page_past_the_cap__exact_count_and_right_rows(self):
        page = self.page(3)
        self.assertFalse(page.paginator.is_capped)
        self.assertEqual(page.paginator.count, 23)
        self.assertEqual(page.object_list[0].title, "Trang số 08")
        last = self.page(99)
        self.assertEqual(last.number, 6)
        self.assertEqual(len(last.object_list), 3)
        self.assertFalse(last.has_next())

    def test_capped_count__one_bounded_query(self):
        with self.assertNumQueries(2):  # the bounded count, then the rows
            page = self.page(1)
            list(page.object_list)
