"""``/api/v2/van-ban/`` lists the same documents as /van-ban/ for the same filters (issue 23),
in the same order; its fields; another portal's documents never appear."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.test import TestCase

from congthongtin.core.models import Field
from congthongtin.legal.models import EffectStatus, LegalDocumentIndexPage
from tests.factories import make_portal
from tests.legal.factories import add_document, agency, doc_type, make_library

D = datetime.date


class LegalApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = make_library()
        cls.cntt = Field.objects.get_or_create(name="Công nghệ thông tin")[0]
        cls.land = Field.objects.get_or_create(name="Đất đai")[0]
        cls.cp = agency("Chính phủ", short_name="CP")
        cls.ubnd = agency("Ủy ban nhân dân huyện Như Xuân", short_name="UBND")
        cls.nd, cls.qd = doc_type("Nghị định"), doc_type("Quyết định")
        cls.nd42 = add_document(
            cls.library,
            title="Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
            number_symbol="42/2022/NĐ-CP",
            document_type=cls.nd,
            issuing_body=cls.cp,
            issue_date=D(2022, 6, 24),
            effective_date=D(2022, 8, 1),
            fields=[cls.cntt],
            signer="Lê Văn Thành",
        )
        cls.nd43 = add_document(
            cls.library,
            title="Nghị định về cung cấp thông tin trên trang thông tin điện tử",
            number_symbol="43/2011/NĐ-CP",
            document_type=cls.nd,
            issuing_body=cls.cp,
            issue_date=D(2011, 6, 13),
            effect_status=EffectStatus.EXPIRED,
            fields=[cls.cntt],
            summary="Thay thế bởi Nghị định 42/2022/NĐ-CP",
        )
        cls.qd541 = add_document(
            cls.library,
            title="Quyết định ban hành Quy chế hoạt động của Trang thông tin điện tử",
            number_symbol="541/QĐ-UBND",
            document_type=cls.qd,
            issuing_body=cls.ubnd,
            issue_date=D(2012, 3, 12),
            fields=[cls.land],
        )
        cls.undated = add_document(
            cls.library,
            title="Công văn về đất đai",
            number_symbol="12/UBND-TNMT",
            fields=[cls.land],
        )
        _site, home_b = make_portal("xa-b.example", "Xã B", "UBND xã B")
        library_b = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
        home_b.add_child(instance=library_b)
        cls.other_site = add_document(
            library_b,
            title="Nghị định cung cấp thông tin của xã B",
            number_symbol="42/2022/NĐ-CP",
            document_type=cls.nd,
            issuing_body=cls.cp,
            issue_date=D(2022, 6, 24),
            fields=[cls.cntt],
        )

    def listing_ids(self, params: dict) -> list[int]:
        response = self.client.get(self.library.url, params)
        self.assertEqual(response.status_code, 200)
        return [page.pk for page in response.context["page_obj"].object_list]

    def api(self, params: dict) -> dict:
        response = self.client.get("/api/v2/van-ban/", {**params, "limit": 50})
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def test_same_documents_as_the_public_listing_for_the_same_filters(self):
        combinations = [
            {},
            {"loai": self.nd.slug},
            {"linh_vuc": self.land.slug},
            {"co_quan": self.cp.slug},
            {"nam": "2022"},
            {"tu_ngay": "01/01/2012", "den_ngay": "31/12/2022"},
            {"tu_ngay": "2012-01-01"},
            {"hieu_luc": EffectStatus.EXPIRED},
            {"hieu_luc": EffectStatus.IN_FORCE, "loai": self.nd.slug},
            # Folded search: no accents, any case.
            {"q": "nghi dinh cung cap thong tin"},
            {"q": "QUY CHE trang thong tin"},
            {"q": "dat dai"},
            {"q": "42/2022/nd-cp"},
            {"q": "thong tin", "sap_xep": "cu-nhat"},
            {"q": "thong tin", "sap_xep": "lien-quan"},
            {"linh_vuc": self.cntt.slug, "co_quan": self.cp.slug, "nam": "2011"},
            # Values the listing ignores are ignored alike.
            {"loai": "khong-co-loai-nay", "nam": "20x2", "tu_ngay": "31/02/2022"},
            {"co_quan": "ubnd-tinh-khac", "hieu_luc": "vo-hieu"},
        ]
        for params in combinations:
            with self.subTest(urlencode(params)):
                expected = self.listing_ids(params)
                data = self.api(params)
                self.assertEqual([item["id"] for item in data["items"]], expected)
                self.assertEqual(data["meta"]["total_count"], len(expected))
        # The folded searches found something: the comparison is not between empty lists.
        self.assertEqual(
            [i["id"] for i in self.api({"q": "nghi dinh cung cap thong tin"})["items"]],
            [self.nd42.pk, self.nd43.pk],
        )

    def test_ignored_values__said_in_meta(self):
        data = self.api({"loai": "khong-co-loai-nay", "nam": "20x2"})
        self.assertEqual(len(data["meta"]["ignored_filters"]), 2)
        self.assertEqual(data["meta"]["total_count"], 4)

    def test_fields_of_a_document(self):
        item = next(i for i in self.api({"q": "42/2022"})["items"] if i["id"] == self.nd42.pk)
        self.assertEqual(item["number_symbol"], "42/2022/NĐ-CP")
        self.assertEqual(item["document_type"], {"slug": self.nd.slug, "name": "Nghị định"})
        self.assertEqual(item["issuing_body"], {"slug": self.cp.slug, "name": "Chính phủ"})
        self.assertEqual(item["issue_date"], "2022-06-24")
        self.assertEqual(item["effective_date"], "2022-08-01")
        self.assertEqual(item["effect_status"], EffectStatus.IN_FORCE)
        self.assertEqual(item["fields"], [{"slug": self.cntt.slug, "name": self.cntt.name}])
        self.assertEqual(item["signer"], "Lê Văn Thành")
        self.assertEqual(item["meta"]["type"], "legal.LegalDocumentPage")
        self.assertTrue(item["meta"]["html_url"].endswith(self.nd42.url))
        self.assertNotIn("full_text", item)  # detail only
        detail = self.client.get(f"/api/v2/van-ban/{self.nd42.pk}/").json()
        self.assertEqual(detail["attachments"], [])
        self.assertIsNone(detail["full_text"])

    def test_another_portals_document__never_listed_nor_found(self):
        ids = [i["id"] for i in self.api({"q": "42/2022"})["items"]]
        self.assertEqual(ids, [self.nd42.pk, self.nd43.pk])  # 43's summary names 42
        self.assertEqual(self.client.get(f"/api/v2/van-ban/{self.other_site.pk}/").status_code, 404)
        on_b = self.client.get("/api/v2/van-ban/", HTTP_HOST="xa-b.example").json()
        self.assertEqual([i["id"] for i in on_b["items"]], [self.other_site.pk])
