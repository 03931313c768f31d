"""Useful links grouped by kind (R-SITE-3)."""

from django.core.exceptions import ValidationError
from django.test import TestCase

from congthongtin.home.models import StandardPage
from congthongtin.news.blocks import UsefulLinkBlock
from congthongtin.news.models import LinksPage
from tests.news.helpers import add, home_page


class LinksPageTests(TestCase):
    def test_links_page__groups_and_links(self):
        directory = add(home_page(), StandardPage, title="Danh bạ khác", slug="khac")
        add(
            home_page(),
            LinksPage,
            title="Liên kết website",
            slug="lien-ket",
            groups=[
                (
                    "group",
                    {
                        "title": "Cổng thông tin Trung ương và tỉnh",
                        "links": [
                            {
                                "title": "Cổng Dịch vụ công quốc gia",
                                "url": "https://dichvucong.gov.vn",
                                "page": None,
                                "description": "",
                            },
                            {
                                "title": "Trang nội bộ",
                                "url": "",
                                "page": directory,
                                "description": "Trang của cổng",
                            },
                        ],
                    },
                )
            ],
        )
        response = self.client.get("/lien-ket/")
        self.assertContains(response, '<h2 id="lg-cong-thong-tin-trung-uong-va-tinh">')
        self.assertContains(response, 'href="https://dichvucong.gov.vn"')
        self.assertContains(response, 'href="/khac/"')

    def test_link_without_address_or_page__refused(self):
        block = UsefulLinkBlock()
        value = block.to_python(
            {"title": "Không có địa chỉ", "url": "", "page": None, "description": ""}
        )
        with self.assertRaises(ValidationError):
            block.clean(value)
