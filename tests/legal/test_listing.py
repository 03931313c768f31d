"""The listing /van-ban/: filters in the address, unaccented keywords and numbers,
ordering, pagination, CSV export, constant query count, no 500 on bad input."""

import csv
import datetime
import io
from unittest import mock

from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext

from congthongtin.core.models import Field
from congthongtin.legal.models import EffectStatus, LegalDocumentAttachment
from congthongtin.legal.pdf import text_pdf
from tests.helpers import assert_bad_filters_dropped, warm_query_count
from tests.legal.factories import add_document, agency, doc_type, make_document_file, make_library

D = datetime.date


#: Queries per page (issue 11).
BUDGET = 10


class ListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.cntt = Field.objects.get_or_create(name="Công nghệ thông tin")[0]
        cls.other_field = Field.objects.get_or_create(name="Đất đai")[0]
        cls.cp = agency("Chính phủ", short_name="CP")
        cls.ubnd = agency("Ủy ban nhân dân huyện Như Xuân", short_name="UBND")
        nd, qd = doc_type("Nghị định"), doc_type("Quyết định")
        cls.nd42 = add_document(
            cls.library,
            title="Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
            number_symbol="42/2022/NĐ-CP",
            document_type=nd,
            issuing_body=cls.cp,
            issue_date=D(2022, 6, 24),
            fields=[cls.cntt],
        )
        cls.nd43 = add_document(
            cls.library,
            title="Nghị định về cung cấp thông tin trên trang thông tin điện tử",
            number_symbol="43/2011/NĐ-CP",
            document_type=nd,
            issuing_body=cls.cp,
            issue_date=D(2011, 6, 13),
            effect_status=EffectStatus.EXPIRED,
            fields=[cls.cntt],
            summary="Thay thế bởi Nghị định 42/2022/NĐ-CP",
        )
        cls.qd = add_document(
            cls.library,
            title="Quyết định ban hành Quy chế hoạt động của Trang thông tin điện tử",
            number_symbol="541/QĐ-UBND",
            document_type=qd,
            issuing_body=cls.ubnd,
            issue_date=D(2012, 3, 12),
            summary='=HYPERLINK("http://x") -1 @cmd',
            fields=[cls.other_field],
        )

    def get(self, query="", path=None):
        response = self.client.get((path or self.library.url) + query)
        self.assertEqual(response.status_code, 200)
        return response

    def numbers(self, query=""):
        return [d.number_symbol for d in self.get(query).context["page_obj"].object_list]

    def test_bad_filter_values__dropped_other_filters_kept(self):
        def numbers(response):
            return [d.number_symbol for d in response.context["page_obj"].object_list]

        names = ["loai", "co_quan", "nam", "tu_ngay", "den_ngay", "hieu_luc", "sap_xep", "page"]
        names += ["dinh_dang"]
        good = {"linh_vuc": self.cntt.slug}
        assert_bad_filters_dropped(self, self.library.url, good, names, numbers)
        good = {"tu_ngay": "01/01/2012", "den_ngay": "2012-12-31"}
        names = ["loai", "linh_vuc", "co_quan", "nam", "hieu_luc", "page"]
        assert_bad_filters_dropped(self, self.library.url, good, names, numbers)

    def test_default__newest_first(self):
        self.assertEqual(self.numbers(), ["42/2022/NĐ-CP", "541/QĐ-UBND", "43/2011/NĐ-CP"])

    def test_filters__type_field_agency_year_status(self):
        self.assertEqual(self.numbers("?loai=quyet-dinh"), ["541/QĐ-UBND"])
        self.assertEqual(
            self.numbers(f"?linh_vuc={self.cntt.slug}"), ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]
        )
        self.assertEqual(self.numbers(f"?co_quan={self.ubnd.slug}"), ["541/QĐ-UBND"])
        self.assertEqual(self.numbers("?nam=2011"), ["43/2011/NĐ-CP"])
        self.assertEqual(self.numbers("?hieu_luc=het-hieu-luc-toan-bo"), ["43/2011/NĐ-CP"])
        self.assertEqual(
            self.numbers(f"?loai=nghi-dinh&linh_vuc={self.cntt.slug}&hieu_luc=con-hieu-luc"),
            ["42/2022/NĐ-CP"],
        )

    def test_filters__date_range_dd_mm_yyyy(self):
        self.assertEqual(self.numbers("?tu_ngay=01/01/2012&den_ngay=31/12/2012"), ["541/QĐ-UBND"])
        self.assertEqual(self.numbers("?tu_ngay=2012-01-01"), ["42/2022/NĐ-CP", "541/QĐ-UBND"])

    def test_filters__invalid_values_ignored_with_a_message(self):
        response = self.get("?tu_ngay=31/02/2022&loai=khong-co&nam=20x2&hieu_luc=sai")
        self.assertEqual(len(response.context["page_obj"].object_list), 3)
        with translation.override("vi"):
            expected = gettext(
                "“%(value)s” is not a valid date (dd/mm/yyyy): this filter was ignored."
            ) % {"value": "31/02/2022"}
        self.assertContains(response, expected)
        self.assertEqual(len(response.context["query"].messages), 4)
        self.assertContains(response, 'role="status"')

    def test_filters__reversed_dates_ignored(self):
        response = self.get("?tu_ngay=01/01/2023&den_ngay=01/01/2020")
        self.assertEqual(len(response.context["page_obj"].object_list), 3)
        self.assertEqual(len(response.context["query"].messages), 1)

    def test_keyword__unaccented(self):
        # 43/2011's summary names 42/2022/NĐ-CP too; newest first.
        self.assertEqual(self.numbers("?q=nghi+dinh+42/2022"), ["42/2022/NĐ-CP", "43/2011/NĐ-CP"])
        self.assertEqual(self.numbers("?q=42/2022/ND-CP"), ["42/2022/NĐ-CP", "43/2011/NĐ-CP"])
        self.assertEqual(self.numbers("?q=nghi+dinh+43/2011"), ["43/2011/NĐ-CP"])
        self.assertEqual(self.numbers("?q=quy+che+hoat+dong"), ["541/QĐ-UBND"])
        self.assertEqual(self.numbers("?q=Như+Xuân"), ["541/QĐ-UBND"])

    def test_keyword__number_in_any_spelling_exact_match_first(self):
        # 43/2011's summary mentions 42/2022/NĐ-CP, and it is newer by nothing: the exact
        # number still comes first.
        self.assertEqual(
            self.numbers("?q=42/2022/NĐ-CP&sap_xep=cu-nhat"), ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]
        )
        self.assertEqual(self.numbers("?q=Số:+42/2022/NÐ+-+CP")[0], "42/2022/NĐ-CP")

    def test_sort__relevance_title_matches_first(self):
        # "trang thong tin dien tu" is in the titles of 43/2011 and 541 only.
        self.assertEqual(
            self.numbers("?q=cung+cap+thong+tin&sap_xep=lien-quan"),
            ["42/2022/NĐ-CP", "43/2011/NĐ-CP"],
        )
        self.assertEqual(
            self.numbers("?q=trang+thong+tin&sap_xep=lien-quan"),
            ["541/QĐ-UBND", "43/2011/NĐ-CP"],
        )

    def test_form__keeps_values_and_labels(self):
        response = self.get("?loai=nghi-dinh&tu_ngay=1/2/2020")
        self.assertContains(response, '<option value="nghi-dinh" selected>', html=False)
        self.assertContains(response, 'value="01/02/2020"')
        self.assertContains(response, '<label for="vb-tu-ngay">')

    def test_bad_parameters__never_a_server_error(self):
        values = [
            "",
            "\x00",
            "%00",
            "a" * 5000,
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "😀",
            "-1",
            "99999999999999999999",
            "2022-13-45",
            "31/12/99999",
            "%",
            "_",
            "\\",
        ]
        names = [
            "q",
            "loai",
            "linh_vuc",
            "co_quan",
            "nam",
            "tu_ngay",
            "den_ngay",
            "hieu_luc",
            "sap_xep",
            "page",
            "dinh_dang",
        ]
        # Every parameter at once per value: each is parsed on its own.
        for value in values:
            with self.subTest(value=value[:20]):
                params = dict.fromkeys(names, value)
                response = self.client.get(self.library.url, params)
                self.assertEqual(response.status_code, 200)
                response = self.client.get(self.library.url + "xuat-csv/", params)
                self.assertEqual(response.status_code, 200)
        response = self.client.get(self.library.url + "?q=a&q=b&loai=x&loai=y")
        self.assertEqual(response.status_code, 200)

    def test_csv__filtered_bom_and_formula_safe(self):
        for url in (
            self.library.url + "xuat-csv/?linh_vuc=" + self.other_field.slug,
            self.library.url + "?dinh_dang=csv&linh_vuc=" + self.other_field.slug,
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
            self.assertIn("attachment", response["Content-Disposition"])
            body = response.content.decode("utf-8")
            self.assertTrue(body.startswith("\ufeff"))
            rows = list(csv.reader(io.StringIO(body[1:])))
            self.assertEqual(len(rows), 2)
            row = rows[1]
            self.assertEqual(row[0], "541/QĐ-UBND")
            self.assertEqual(row[4], "12/03/2012")
            self.assertEqual(row[9], '\'=HYPERLINK("http://x") -1 @cmd')
            self.assertEqual(row[10], "Đất đai")
            self.assertTrue(row[11].endswith(self.qd.url))

    def test_export_link__keeps_filters(self):
        response = self.get("?loai=nghi-dinh&q=thong+tin")
        self.assertContains(response, "xuat-csv/?q=thong+tin&amp;loai=nghi-dinh")

    def test_drafts_and_other_libraries__not_listed(self):
        add_document(self.library, title="Bản nháp", number_symbol="2/QĐ-UBND", live=False)
        other = make_library("van-ban-khac")
        add_document(other, title="Văn bản thư viện khác", number_symbol="3/QĐ-UBND")
        self.assertEqual(len(self.numbers()), 3)


class PaginationAndBudgetTests(TestCase):
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
                issue_date=D(2024, 1, 1) + datetime.timedelta(days=cls.counter),
                fields=[cls.field],
                attachments=[LegalDocumentAttachment(document=cls.pdf)],
            )

    def count_queries(self, url):
        return warm_query_count(self, url)

    def test_pagination__links_keep_the_filters(self):
        self.add(25)
        response = self.client.get(
            self.library.url + f"?loai=quyet-dinh&linh_vuc={self.field.slug}"
        )
        self.assertEqual(len(response.context["page_obj"].object_list), 20)
        self.assertContains(response, "loai=quyet-dinh&amp;")
        self.assertContains(response, f"linh_vuc={self.field.slug}&amp;page=2")
        response = self.client.get(self.library.url + "?loai=quyet-dinh&page=2")
        self.assertEqual(len(response.context["page_obj"].object_list), 5)

    def test_query_budget__listing_and_csv_constant_in_documents(self):
        urls = [
            self.library.url,
            self.library.url + f"?q=quyet+dinh&linh_vuc={self.field.slug}&sap_xep=lien-quan",
            self.library.url + "xuat-csv/?loai=quyet-dinh",
        ]
        self.add(4)
        small = [self.count_queries(url) for url in urls]
        self.add(8)  # 3N
        large = [self.count_queries(url) for url in urls]
        self.assertEqual(small, large)
        # The shared page furniture (site, menu, settings) takes about half of these.
        self.assertLessEqual(max(large), 20)

    def test_listing__same_count_for_2_and_30_documents(self):
        self.add(2)
        small = self.count_queries(self.library.url)
        self.add(28)
        large = self.count_queries(self.library.url)
        self.assertEqual(small, large)
        self.assertLessEqual(large, BUDGET)

    def test_document__at_most_ten_queries(self):
        self.add(1)
        document = self.library.get_children().live().last()
        self.assertLessEqual(self.count_queries(document.url), BUDGET)

    def test_published_document__listed_at_once(self):
        self.add(2)
        self.client.get(self.library.url)
        self.add(1)
        self.assertContains(self.client.get(self.library.url), f"Quyết định thử {self.counter}")

    def test_more_documents_than_the_cap__more_than_n_and_next_pages_work(self):
        self.add(30)
        with mock.patch("congthongtin.core.listing.COUNT_CAP", 25):
            response = self.client.get(self.library.url)
            self.assertTrue(response.context["page_obj"].paginator.is_capped)
            self.assertContains(response, "25")
            self.assertContains(response, "page=2")
            response = self.client.get(self.library.url + "?page=2")
            self.assertEqual(response.context["page_obj"].paginator.count, 30)
            self.assertEqual(len(response.context["page_obj"].object_list), 10)
