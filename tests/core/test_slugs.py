"""ASCII slugs for Vietnamese titles, on the server and in the admin's slug field."""

import json
import re

import pytest
from django.test import TestCase
from wagtail.models import Page

from congthongtin.core.forms import PortalPageForm
from congthongtin.core.slugs import VietnameseSlugField, slug_formatters
from congthongtin.home.models import StandardPage


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đà Nẵng", "da-nang"),
        ("Thủ tục hành chính", "thu-tuc-hanh-chinh"),
        ("Quyết định số 541/QĐ-UBND", "quyet-dinh-so-541-qd-ubnd"),
        ("Hỏi đáp – Tư vấn", "hoi-dap-tu-van"),
        ("NGHỊ ĐỊNH 224/2026/NĐ-CP", "nghi-dinh-224-2026-nd-cp"),
    ],
)
def test_slug_field__vietnamese_typed__stored_as_ascii(title, slug):
    assert VietnameseSlugField().clean(title) == slug


def test_slug_formatters__fold_every_vietnamese_letter_as_the_server_does():
    """Apply the admin's regex formatters in Python: the letters come out as vietnam.fold's."""
    text = "Ủy ban nhân dân xã Như Xuân, Đường Hồ Chí Minh, Quỳnh Lưu, Thượng Ninh ỹ ỵ Ð"
    for pattern, replacement, _flags in slug_formatters():
        text = re.sub(pattern, replacement, text)
    assert text == "Uy ban nhan dan xa Nhu Xuan, Duong Ho Chi Minh, Quynh Luu, Thuong Ninh y y D"


class PageSlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)

    def test_page__title_only__ascii_slug_generated(self):
        page = StandardPage(title="Lịch sử Đảng bộ và nhân dân")
        self.home.add_child(instance=page)
        self.assertEqual(page.slug, "lich-su-dang-bo-va-nhan-dan")
        self.assertTrue(page.url_path.endswith("/lich-su-dang-bo-va-nhan-dan/"))

    def test_page__same_title_twice__second_slug_numbered(self):
        first = StandardPage(title="Đà Nẵng")
        second = StandardPage(title="Đà Nẵng")
        self.home.add_child(instance=first)
        self.home.add_child(instance=second)
        self.assertEqual((first.slug, second.slug), ("da-nang", "da-nang-2"))

    def test_page__unicode_slug_given_in_code__folded(self):
        page = StandardPage(title="Bản đồ", slug="bản-đồ")
        self.home.add_child(instance=page)
        self.assertEqual(page.slug, "ban-do")

    def test_admin_form__slug_widget_carries_the_vietnamese_formatters(self):
        form_class = StandardPage.get_edit_handler().get_form_class()
        self.assertTrue(issubclass(form_class, PortalPageForm))
        form = form_class(instance=StandardPage(), parent_page=self.home, for_user=None)
        attrs = form.fields["slug"].widget.attrs
        self.assertIn("data-w-slug-formatters-value", attrs)
        formatters = json.loads(attrs["data-w-slug-formatters-value"])
        to_d = [pattern for (pattern, _flags), replacement in formatters if replacement == "d"]
        self.assertIn("đ", to_d[0])
