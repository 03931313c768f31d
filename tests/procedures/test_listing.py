"""The procedures listing and detail page (R-PROC-1): filters, grouping, bad input, budget."""

import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from congthongtin.core.models import Agency, Field
from congthongtin.procedures.models import ProcedurePage
from tests.factories import OfficialFactory, UnitFactory, make_portal
from tests.helpers import assert_bad_filters_dropped, warm_query_count

from .helpers import docx_bytes, make_document, make_index, make_procedure

URL = "/thu-tuc-hanh-chinh/"


class ListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.civil = Field.objects.create(name="Hộ tịch thử", slug="ho-tich-thu", sort_order=1)
        cls.build = Field.objects.create(name="Xây dựng thử", slug="xay-dung-thu", sort_order=2)
        cls.commune = Agency.objects.create(name="UBND xã Thử", slug="ubnd-xa-thu")
        cls.police = Agency.objects.create(name="Công an tỉnh Thử", slug="cong-an-tinh-thu")
        online = {"online_url": "https://dichvucong.gov.vn/", "online_since": dt.date(2024, 3, 1)}
        make_procedure(
            cls.index,
            title="Đăng ký khai sinh",
            code="1.001193",
            field=cls.civil,
            agency=cls.commune,
            online_level="toan-trinh",
            **online,
        )
        make_procedure(
            cls.index,
            title="Đăng ký kết hôn",
            code="1.000894",
            field=cls.civil,
            agency=cls.commune,
            online_level="mot-phan",
            online_partial_reason="Hai bên phải có mặt.",
            **online,
        )
        make_procedure(
            cls.index,
            title="Cấp giấy phép xây dựng",
            code="1.013225",
            field=cls.build,
            agency=cls.commune,
        )
        make_procedure(
            cls.index,
            title="Cấp Phiếu lý lịch tư pháp",
            code="3.000333",
            level="tinh",
            agency=cls.police,
        )
        make_procedure(cls.index, title="Bản nháp chưa duyệt", code="1.999999", live=False)

    def titles(self, query=""):
        response = self.client.get(URL + query)
        self.assertEqual(response.status_code, 200)
        return [page.title for page in response.context["procedures"]]

    def test_bad_filter_values__dropped_other_filters_kept(self):
        def titles(response):
            return [page.title for page in response.context["procedures"]]

        names = ["cap", "truc_tuyen", "co_quan", "page"]
        assert_bad_filters_dropped(self, URL, {"linh_vuc": "ho-tich-thu"}, names, titles)
        names = ["cap", "linh_vuc", "co_quan", "page"]
        assert_bad_filters_dropped(self, URL, {"truc_tuyen": "toan-trinh"}, names, titles)

    def test_keyword__unaccented__finds_dang_ky_khai_sinh(self):
        self.assertEqual(self.titles("?q=dang+ky+khai+sinh"), ["Đăng ký khai sinh"])

    def test_keyword__procedure_code(self):
        self.assertEqual(self.titles("?q=1.000894"), ["Đăng ký kết hôn"])

    def test_filters__level_field_agency_online(self):
        self.assertEqual(self.titles("?cap=tinh"), ["Cấp Phiếu lý lịch tư pháp"])
        self.assertEqual(
            sorted(self.titles("?linh_vuc=ho-tich-thu")), ["Đăng ký khai sinh", "Đăng ký kết hôn"]
        )
        self.assertEqual(self.titles("?co_quan=cong-an-tinh-thu"), ["Cấp Phiếu lý lịch tư pháp"])
        self.assertEqual(self.titles("?truc_tuyen=mot-phan"), ["Đăng ký kết hôn"])
        self.assertEqual(self.titles("?truc_tuyen=toan-trinh&q=khai"), ["Đăng ký khai sinh"])
        self.assertEqual(self.titles("?cap=xa&linh_vuc=xay-dung-thu"), ["Cấp giấy phép xây dựng"])

    def test_grouped_by_field_in_field_order__no_field_last(self):
        titles = self.titles()
        self.assertEqual(
            titles,
            [
                "Đăng ký kết hôn",
                "Đăng ký khai sinh",
                "Cấp giấy phép xây dựng",
                "Cấp Phiếu lý lịch tư pháp",
            ],
        )
        html = self.client.get(URL).content.decode()
        self.assertLess(html.index(">Hộ tịch thử</h2>"), html.index(">Xây dựng thử</h2>"))

    def test_drafts__not_listed(self):
        self.assertNotIn("Bản nháp chưa duyệt", self.titles())

    def test_field_reordered_or_renamed__listing_follows(self):
        """The listing sorts on each procedure's copy of its field's order and name."""
        self.build.sort_order = 0
        self.build.save()
        self.assertEqual(self.titles()[0], "Cấp giấy phép xây dựng")
        self.build.sort_order = 1
        self.build.save()  # same order as "Hộ tịch thử": then by name
        self.assertEqual(self.titles()[0], "Đăng ký kết hôn")
        self.build.name = "A Xây dựng"
        self.build.save()
        self.assertEqual(self.titles()[0], "Cấp giấy phép xây dựng")
        self.assertEqual(
            set(
                ProcedurePage.objects.filter(field=self.build).values_list("field_name", flat=True)
            ),
            {"A Xây dựng"},
        )

    def test_field_deleted__its_procedures_last(self):
        self.civil.delete()
        self.assertEqual(self.titles()[:2], ["Cấp giấy phép xây dựng", "Cấp Phiếu lý lịch tư pháp"])
        self.assertEqual(
            set(self.titles()[2:]), {"Đăng ký kết hôn", "Đăng ký khai sinh"}
        )  # no field: by folded title, after every field

    def test_procedure_moved_to_another_field__sorted_there(self):
        page = ProcedurePage.objects.get(title="Cấp Phiếu lý lịch tư pháp")
        page.field = self.civil
        page.save_revision().publish()
        self.assertEqual(self.titles()[0], "Cấp Phiếu lý lịch tư pháp")  # "cap" < "dang"
        page.refresh_from_db()
        self.assertEqual((page.field_order, page.field_name), (1, "Hộ tịch thử"))

    def test_bad_parameters__ignored_never_500(self):
        for query in [
            "?cap=<script>",
            "?cap=tinh%00",
            "?q=%00",
            "?q=" + "khai%20" * 300,
            "?linh_vuc=../../etc",
            "?linh_vuc=%00",
            "?co_quan=' OR 1=1 --",
            "?truc_tuyen=muc-do-4",
            "?page=abc",
            "?page=999999",
            "?page=-1",
            "?cap=tinh&cap=xa",
            "?q=%ff%fe",
        ]:
            with self.subTest(query=query):
                response = self.client.get(URL + query)
                self.assertEqual(response.status_code, 200)

    def test_bad_level__ignored_all_listed(self):
        self.assertEqual(len(self.titles("?cap=nonsense")), 4)

    def test_filter_options__only_used_fields_and_agencies(self):
        Field.objects.create(name="Lĩnh vực không dùng", slug="khong-dung")
        response = self.client.get(URL)
        self.assertContains(response, 'value="ho-tich-thu"')
        self.assertNotContains(response, 'value="khong-dung"')
        self.assertContains(response, 'value="cong-an-tinh-thu"')

    def test_form_controls__labelled(self):
        html = self.client.get(URL).content.decode()
        for control in ["proc-q", "proc-cap", "proc-linh-vuc", "proc-co-quan", "proc-truc-tuyen"]:
            self.assertIn(f'for="{control}"', html)
            self.assertIn(f'id="{control}"', html)

    def test_other_site__procedures_not_listed(self):
        _site, home = make_portal("anhaodong.example.vn", "Xã An Hảo Đông", "UBND An Hảo Đông")
        make_procedure(make_index(home), title="Thủ tục của xã khác", code="1.001193")
        self.assertNotIn("Thủ tục của xã khác", self.titles())


class ListingQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.fields = [
            Field.objects.create(name=f"Lĩnh vực đo {n}", slug=f"linh-vuc-do-{n}", sort_order=n)
            for n in range(3)
        ]
        cls.agency = Agency.objects.create(name="UBND xã Đo", slug="ubnd-xa-do")

    def add(self, count):
        for n in range(count):
            make_procedure(
                self.index,
                title=f"Thủ tục số {ProcedurePage.objects.count() + 1}",
                field=self.fields[n % 3],
                agency=self.agency,
                online_level="toan-trinh",
                online_url="https://dichvucong.gov.vn/",
            )

    def count_queries(self, url):
        return warm_query_count(self, url)

    def test_query_count__same_at_n_and_3n(self):
        urls = [URL, URL + "?q=thu+tuc&cap=xa", URL + "dich-vu-cong-truc-tuyen/"]
        self.add(4)
        small = {url: self.count_queries(url) for url in urls}
        self.add(8)
        large = {url: self.count_queries(url) for url in urls}
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), 15)

    def test_listing_order__read_from_its_index(self):
        """PostgreSQL can walk ``procedure_listing_order`` and stop at the page size instead
        of sorting every live procedure: with sorts and sequential scans off (a test table of
        a few rows is cheaper to sort), the index gives the order."""
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL plan")
        self.add(6)
        queryset = self.index.specific.filtered_procedures(
            {"q": "", "cap": "", "truc_tuyen": "", "linh_vuc": "", "co_quan": ""}
        )[:50]
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("procedure_listing_order", plan)
        # At most an incremental sort of the ties (full key, page id), never a full sort.
        self.assertNotRegex(plan, r"(^|->)\s*Sort\b")
        self.assertIn("Presorted Key: procedures_procedurepage.field_order", plan)


class DetailPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        unit = UnitFactory(name="Văn phòng HĐND và UBND xã")
        cls.officer = OfficialFactory(
            unit=unit,
            full_name="Hoàng Văn Em",
            position="Công chức Tư pháp – Hộ tịch",
            phone="0968 742 103",
            email="emhv.nhuxuan@thanhhoa.gov.vn",
        )
        cls.form_document = make_document(
            title="Tờ khai đăng ký khai sinh", name="to-khai-khai-sinh.docx", data=docx_bytes()
        )
        cls.page = make_procedure(
            cls.index,
            title="Đăng ký khai sinh",
            code="1.001193",
            summary="Đăng ký khai sinh cho trẻ em.",
            handling_officer=cls.officer,
            online_level="toan-trinh",
            online_url="https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html",
            online_since=dt.date(2024, 3, 1),
            steps=[
                ("step", {"title": "", "text": "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công."}),
                ("step", {"title": "", "text": "Nhận Giấy khai sinh."}),
            ],
            submission=[
                (
                    "channel",
                    {
                        "channel": "truc-tiep",
                        "place": "Trung tâm Phục vụ hành chính công xã",
                        "url": "",
                        "hours": "",
                        "note": "",
                    },
                )
            ],
            dossier=[
                ("case", "Trường hợp thông thường"),
                (
                    "item",
                    {
                        "name": "Tờ khai đăng ký khai sinh",
                        "originals": 1,
                        "copies": 2,
                        "form_code": "TK-KS",
                        "note": "",
                    },
                ),
            ],
            fees=[
                ("fee", {"name": "Lệ phí đúng hạn", "amount": 0, "note": "Miễn"}),
                ("fee", {"name": "Phí cấp bản sao", "amount": 1500000, "note": ""}),
            ],
            legal_basis=[
                (
                    "citation",
                    {
                        "number": "60/2014/QH13",
                        "title": "Luật Hộ tịch",
                        "issued_on": dt.date(2014, 11, 20),
                        "issuer": "Quốc hội",
                        "url": "https://vbpl.vn/",
                    },
                ),
                ("document", cls.index),  # a page that is not a legal document: not linked
            ],
            forms=[
                {
                    "code": "TK-KS",
                    "name": "Tờ khai đăng ký khai sinh",
                    "purpose": "Khai thông tin người được khai sinh.",
                    "document": cls.form_document,
                }
            ],
        )

    def test_detail__summary_officer_forms_legal_basis(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "1.001193")
        self.assertContains(response, 'class="proc-summary"')
        self.assertContains(response, 'class="button proc-button proc-button--primary"')
        # Through the counted redirect (stats:outbound, R-PROC-4); the address still shown.
        self.assertContains(response, f'href="/thong-ke/chuyen-tiep/{self.page.pk}/"', count=2)
        self.assertContains(response, ">https://dichvucong.gov.vn/p/home/dvc-chi-tiet")
        self.assertContains(response, 'href="tel:0968742103"')
        self.assertContains(response, 'href="mailto:emhv.nhuxuan@thanhhoa.gov.vn"')
        self.assertContains(response, "1.500.000 đ")
        self.assertContains(response, "3/2024")
        self.assertContains(response, 'href="https://vbpl.vn/"')
        self.assertContains(response, "Quốc hội")
        self.assertContains(response, "20/11/2014")
        self.assertContains(response, f'href="{self.form_document.url}" download', count=2)
        self.assertContains(response, "DOCX")
        self.assertContains(response, "<h1>Đăng ký khai sinh</h1>", html=True)
        self.assertEqual(response.content.decode().count("<h1"), 1)

    def test_detail__steps_as_ordered_list(self):
        html = self.client.get(self.page.url).content.decode()
        steps = html[html.index('class="proc-steps"') :]
        self.assertLess(steps.index("Nộp hồ sơ"), steps.index("Nhận Giấy khai sinh"))

    def test_detail__download_form_file(self):
        response = self.client.get(self.form_document.url)
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.assertTrue(body.startswith(b"PK"))

    def test_detail__query_count_bounded(self):
        self.client.get(self.page.url)
        with CaptureQueriesContext(connection) as ctx:
            self.client.get(self.page.url)
        self.assertLessEqual(len(ctx), 20)
