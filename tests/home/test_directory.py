"""The public directory (R-DIR-1): grouped by unit, tel:/mailto: links, constant queries."""

from django.test import TestCase
from wagtail.models import Page, Site

from congthongtin.core.models import Official
from congthongtin.home.models import DirectoryPage
from tests.factories import OfficialFactory, UnitFactory, make_portal


class DirectoryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.page = DirectoryPage(title="Danh bạ", slug="danh-ba")
        cls.home.add_child(instance=cls.page)
        cls.site = Site.objects.get(is_default_site=True)
        cls.top = UnitFactory(name="Ủy ban nhân dân xã", sort_order=1)
        cls.office = UnitFactory(name="Văn phòng HĐND và UBND", parent=cls.top, sort_order=2)
        OfficialFactory(
            unit=cls.office,
            full_name="Lê Văn Cường",
            position="Công chức Văn phòng – Thống kê",
            phone="0237.3 868 123",
            email="lvcuong.nhuxuan@thanhhoa.gov.vn",
        )
        OfficialFactory(unit=cls.office, full_name="Người Đã Nghỉ", is_active=False)

    def test_directory__grouped_by_unit_with_links(self):
        response = self.client.get("/danh-ba/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertLess(html.index("Ủy ban nhân dân xã"), html.index("Văn phòng HĐND và UBND"))
        self.assertContains(response, 'href="tel:02373868123"')
        self.assertContains(response, 'href="mailto:lvcuong.nhuxuan@thanhhoa.gov.vn"')
        self.assertContains(response, '<th scope="row">Lê Văn Cường</th>', html=True)
        self.assertNotContains(response, "Người Đã Nghỉ")

    def test_directory__query_count_does_not_grow_with_officials(self):
        self.client.get("/danh-ba/")  # warm the site root and menu caches

        def count_queries():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(self.client.get("/danh-ba/").status_code, 200)
            return len(ctx)

        before = count_queries()
        for unit in (self.top, self.office):
            OfficialFactory.create_batch(25, unit=unit)
        UnitFactory.create_batch(5, parent=self.top)
        after = count_queries()
        self.assertEqual(before, after)
        self.assertLessEqual(after, 12)

    def test_directory__other_site_units__not_shown(self):
        other_site, _ = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND xã An Hảo Đông")
        UnitFactory(site=other_site, name="Đơn vị của xã khác")
        response = self.client.get("/danh-ba/")
        self.assertNotContains(response, "Đơn vị của xã khác")

    def test_official__history_recorded(self):
        official = Official.objects.get(full_name="Lê Văn Cường")
        official.position = "Chánh Văn phòng"
        official.save()
        self.assertEqual(
            [h.position for h in official.history.order_by("history_date")],
            ["Công chức Văn phòng – Thống kê", "Chánh Văn phòng"],
        )
