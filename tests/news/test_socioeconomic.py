"""Socio-economic information, policies and statistics (R-POL-1): period stored as type, year
and number, shown as "Quý III/2026"; search by keyword, field and period."""

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from congthongtin.core.models import Field
from congthongtin.news.models import SocioEconomicIndexPage, SocioEconomicPage
from congthongtin.news.models.socioeconomic import period_label
from tests.news.helpers import BAD_QUERIES, QueryBudgetMixin, add, home_page


def test_period_label__month_quarter_year_span():
    with translation.override("en"):
        assert period_label("thang", 2026, 10) == "Month 10/2026"
        assert period_label("quy", 2026, 3) == "Quarter III/2026"
        assert period_label("nam", 2026) == "Year 2026"
        assert period_label("giai-doan", 2021, None, 2030) == "Period 2021–2030"


class SocioEconomicTests(QueryBudgetMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = add(
            home_page(), SocioEconomicIndexPage, title="Kinh tế – Xã hội", slug="kinh-te-xa-hoi"
        )
        cls.finance = Field.objects.get(slug="tai-chinh")
        common = {"kind": "bao-cao-thong-ke", "field": cls.finance}
        add(
            cls.index,
            SocioEconomicPage,
            title="Báo cáo tháng 8/2026",
            period_type="thang",
            period_year=2026,
            period_number=8,
            **common,
        )
        add(
            cls.index,
            SocioEconomicPage,
            title="Báo cáo tháng 10/2026",
            period_type="thang",
            period_year=2026,
            period_number=10,
            **common,
        )
        add(
            cls.index,
            SocioEconomicPage,
            title="Báo cáo quý III/2026",
            period_type="quy",
            period_year=2026,
            period_number=3,
            **common,
        )
        add(
            cls.index,
            SocioEconomicPage,
            title="Báo cáo năm 2025",
            period_type="nam",
            period_year=2025,
            kind="bao-cao-thong-ke",
        )
        add(
            cls.index,
            SocioEconomicPage,
            title="Chiến lược phát triển 2021–2030",
            kind="chien-luoc",
            period_type="giai-doan",
            period_year=2021,
            period_end_year=2030,
            summary="Định hướng phát triển nông nghiệp hàng hóa.",
        )

    def titles(self, query=""):
        response = self.client.get("/kinh-te-xa-hoi/" + query)
        self.assertEqual(response.status_code, 200)
        return {item.title for item in response.context["items"]}

    def test_filter__year_includes_multi_year_items(self):
        self.assertEqual(
            self.titles("?nam=2025"), {"Báo cáo năm 2025", "Chiến lược phát triển 2021–2030"}
        )

    def test_filter__quarter_includes_its_months(self):
        self.assertEqual(
            self.titles("?nam=2026&quy=3"), {"Báo cáo quý III/2026", "Báo cáo tháng 8/2026"}
        )

    def test_filter__month(self):
        self.assertEqual(self.titles("?nam=2026&thang=10"), {"Báo cáo tháng 10/2026"})

    def test_filter__field_kind_keyword(self):
        self.assertEqual(len(self.titles("?linh_vuc=tai-chinh")), 3)
        self.assertEqual(self.titles("?loai=chien-luoc"), {"Chiến lược phát triển 2021–2030"})
        self.assertEqual(
            self.titles("?q=nong+nghiep+hang+hoa"), {"Chiến lược phát triển 2021–2030"}
        )

    def test_period_shown_in_vietnamese_on_the_listing(self):
        response = self.client.get("/kinh-te-xa-hoi/?loai=bao-cao-thong-ke&nam=2026&quy=3")
        self.assertContains(response, "III/2026")

    def test_validation__month_and_quarter_numbers(self):
        for period_type, number in (("thang", 13), ("thang", None), ("quy", 5)):
            page = SocioEconomicPage(
                title="x",
                kind="ke-hoach",
                period_type=period_type,
                period_year=2026,
                period_number=number,
            )
            with (
                self.subTest(period_type=period_type, number=number),
                self.assertRaises(ValidationError) as raised,
            ):
                page.full_clean()
            self.assertIn("period_number", raised.exception.message_dict)

    def test_validation__span_needs_a_later_end_year(self):
        page = SocioEconomicPage(
            title="x",
            kind="quy-hoach",
            period_type="giai-doan",
            period_year=2030,
            period_end_year=2021,
        )
        with self.assertRaises(ValidationError) as raised:
            page.full_clean()
        self.assertIn("period_end_year", raised.exception.message_dict)

    def test_bad_query_parameters__never_500(self):
        for query in BAD_QUERIES:
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/kinh-te-xa-hoi/" + query).status_code, 200)

    def test_query_budget__constant_with_items(self):
        counter = iter(range(10_000))

        def add_items(count):
            for _ in range(count):
                add(
                    self.index,
                    SocioEconomicPage,
                    title=f"Kế hoạch số {next(counter)}",
                    kind="ke-hoach",
                    field=self.finance,
                    period_type="nam",
                    period_year=2026,
                )

        self.assert_constant_queries("/kinh-te-xa-hoi/", add_items)
