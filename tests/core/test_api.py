"""The JSON API's machinery (core.api): per site, read-only, bounded pagination, cache
headers and purge, the per-address rate limit, the OpenAPI description."""

from __future__ import annotations

import json

import schemathesis
from django.conf import settings
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from congthongtin.core import api
from congthongtin.core.cache_headers import page_and_listing_urls
from tests.core.api_corpus import make_corpus
from tests.factories import make_portal
from tests.legal.factories import add_document

ENDPOINTS = ("van-ban", "thu-tuc", "tin-tuc", "thong-bao", "du-an", "hoi-dap")


def congthongtin(**values):
    return override_settings(CONGTHONGTIN={**settings.CONGTHONGTIN, **values})


class ApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.corpus = make_corpus()
        cls.site_b, cls.home_b = make_portal("xa-b.example", "Xã B", "UBND xã B")
        cls.corpus_b = make_corpus(cls.home_b)

    def get(self, path, **extra):
        return self.client.get(f"/api/v2/{path}", **extra)

    def ids(self, path, **extra):
        response = self.get(path, **extra)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["items"]]

    # Every endpoint ------------------------------------------------------------------
    def test_every_endpoint__listing_and_detail_of_this_site(self):
        for name in ENDPOINTS:
            with self.subTest(name):
                data = self.get(f"{name}/").json()
                self.assertEqual(data["meta"]["total_count"], len(data["items"]))
                self.assertGreaterEqual(len(data["items"]), 1)
                item = data["items"][0]
                self.assertTrue(
                    item["meta"]["detail_url"].endswith(f"/api/v2/{name}/{item['id']}/")
                )
                detail = self.get(f"{name}/{item['id']}/")
                self.assertEqual(detail.status_code, 200)
                self.assertEqual(detail["Content-Type"], "application/json")
                self.assertEqual(detail.json()["id"], item["id"])

    # Per site -------------------------------------------------------------------------
    def test_per_site__another_portals_items_neither_listed_nor_found(self):
        a, b = self.corpus, self.corpus_b
        pairs = [
            ("van-ban", a.decree, b.decree),
            ("tin-tuc", a.news, b.news),
            ("thong-bao", a.notice, b.notice),
            ("du-an", a.project, b.project),
            ("thu-tuc", a.procedure, b.procedure),
        ]
        for name, mine, theirs in pairs:
            with self.subTest(name):
                self.assertIn(mine.pk, self.ids(f"{name}/"))
                self.assertNotIn(theirs.pk, self.ids(f"{name}/"))
                self.assertEqual(self.get(f"{name}/{theirs.pk}/").status_code, 404)
                on_b = self.ids(f"{name}/", HTTP_HOST="xa-b.example")
                self.assertIn(theirs.pk, on_b)
                self.assertNotIn(mine.pk, on_b)
                self.assertEqual(
                    self.get(f"{name}/{theirs.pk}/", HTTP_HOST="xa-b.example").status_code, 200
                )
        self.assertEqual(self.ids("hoi-dap/", HTTP_HOST="xa-b.example"), [])

    def test_not_found__json_message(self):
        response = self.get("van-ban/999999/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("message", response.json())
        self.assertEqual(self.get("van-ban/2147483648/").status_code, 404)

    def test_unpublished_and_restricted_pages__never_served(self):
        draft = add_document(self.corpus.library, title="Bản nháp", live=False)
        private = add_document(self.corpus.library, title="Văn bản mật khẩu")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        listed = self.ids("van-ban/?limit=50")
        for page in (draft, private):
            self.assertNotIn(page.pk, listed)
            self.assertEqual(self.get(f"van-ban/{page.pk}/").status_code, 404)

    # Pagination -------------------------------------------------------------------------
    def test_pagination__limit_offset_and_total(self):
        both = self.ids("van-ban/")
        self.assertEqual(len(both), 2)
        self.assertEqual(self.ids("van-ban/?limit=1"), both[:1])
        self.assertEqual(self.ids("van-ban/?limit=1&offset=1"), both[1:])
        response = self.get("van-ban/?limit=1&offset=5")
        self.assertEqual(
            response.json(), {"meta": {"total_count": 2, "ignored_filters": []}, "items": []}
        )

    def test_pagination__out_of_bounds_and_unknown_parameters__400(self):
        for query in (
            "limit=51",
            "limit=0",
            "limit=-1",
            "limit=abc",
            "limit=99999999999999999999999",
            "offset=10001",
            "offset=-3",
            "fields=*",
            "search=x",
        ):
            with self.subTest(query):
                response = self.get(f"van-ban/?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.json()["message"])
        self.assertEqual(self.get("van-ban/?limit=50&offset=10000").status_code, 200)

    @congthongtin(API_MAX_LIMIT=1)
    def test_pagination__max_limit_is_a_setting(self):
        self.assertEqual(self.ids("van-ban/").__len__(), 1)
        self.assertEqual(self.get("van-ban/?limit=2").status_code, 400)

    # Read-only --------------------------------------------------------------------------
    def test_write_methods__405(self):
        for method in ("post", "put", "patch", "delete", "options"):
            for path in ("van-ban/", f"van-ban/{self.corpus.decree.pk}/", "hoi-dap/"):
                with self.subTest(method=method, path=path):
                    response = getattr(self.client, method)(f"/api/v2/{path}")
                    self.assertEqual(response.status_code, 405)
                    self.assertEqual(response["Allow"], "GET, HEAD")
                    self.assertIn("message", response.json())
        self.assertEqual(self.client.head("/api/v2/van-ban/").status_code, 200)

    # Cache ------------------------------------------------------------------------------
    def test_cache_headers__purged_addresses_long_filtered_ones_short(self):
        plain = self.get("van-ban/")
        self.assertEqual(plain["Cache-Control"], "public, max-age=60, s-maxage=3600")
        self.assertEqual(plain["X-Accel-Expires"], "3600")
        self.assertNotIn("Set-Cookie", plain)
        self.assertNotIn("Cookie", plain.get("Vary", ""))
        detail = self.get(f"van-ban/{self.corpus.decree.pk}/")
        self.assertEqual(detail["Cache-Control"], "public, max-age=60, s-maxage=3600")
        filtered = self.get("van-ban/?q=ho+tich")
        self.assertEqual(filtered["Cache-Control"], "public, max-age=60, s-maxage=60")
        # Answers are published by a snippet workflow, not a page: never purged, short.
        answers = self.get("hoi-dap/")
        self.assertEqual(answers["Cache-Control"], "public, max-age=60, s-maxage=60")

    def test_purge__api_listing_and_detail_with_the_page(self):
        decree = self.corpus.decree
        expected = [
            "http://localhost/api/v2/van-ban/",
            f"http://localhost/api/v2/van-ban/{decree.pk}/",
        ]
        self.assertEqual(api.purge_urls(decree), expected)
        self.assertTrue(set(expected) <= set(page_and_listing_urls(decree)))
        self.assertEqual(
            api.purge_urls(self.corpus_b.news),
            [
                "http://xa-b.example/api/v2/tin-tuc/",
                f"http://xa-b.example/api/v2/tin-tuc/{self.corpus_b.news.pk}/",
            ],
        )
        self.assertEqual(api.purge_urls(self.corpus.library), [])

    # Rate limit -------------------------------------------------------------------------
    @congthongtin(API_RATE_LIMIT=(3, 60))
    def test_rate_limit__per_address_429_with_retry_after(self):
        for _ in range(3):
            self.assertEqual(self.get("van-ban/", REMOTE_ADDR="203.0.113.5").status_code, 200)
        response = self.get("tin-tuc/", REMOTE_ADDR="203.0.113.5")
        self.assertEqual(response.status_code, 429)
        wait = int(response["Retry-After"])
        self.assertTrue(1 <= wait <= 60)
        self.assertEqual(response.json()["retry_after"], wait)
        self.assertIn(str(wait), response.json()["message"])
        self.assertEqual(response["Cache-Control"], "no-store")
        # Another address has its own count.
        self.assertEqual(self.get("van-ban/", REMOTE_ADDR="203.0.113.6").status_code, 200)

    @congthongtin(API_RATE_LIMIT=(2, 60), PUBLIC_FORM_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    def test_rate_limit__client_address_from_the_proxy_header(self):
        for _ in range(2):
            self.get("van-ban/", HTTP_X_REAL_IP="198.51.100.1")
        self.assertEqual(self.get("van-ban/", HTTP_X_REAL_IP="198.51.100.1").status_code, 429)
        # Same proxy address, another client: not limited.
        self.assertEqual(self.get("van-ban/", HTTP_X_REAL_IP="198.51.100.2").status_code, 200)

    # OpenAPI ----------------------------------------------------------------------------
    def test_openapi__valid_3_0_every_endpoint_with_filters_and_errors(self):
        response = self.client.get("/api/v2/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("public", response["Cache-Control"])
        document = response.json()
        self.assertEqual(document["openapi"], "3.0.3")
        self.assertEqual(document["servers"], [{"url": "/api/v2"}])
        schema = schemathesis.from_dict(document, validate_schema=True)
        operations = {op.ok().path for op in schema.get_all_operations()}
        for name in ENDPOINTS:
            self.assertIn(f"/{name}/", operations)
            self.assertIn(f"/{name}/{{id}}/", operations)
        legal = document["paths"]["/van-ban/"]["get"]
        parameters = {p["name"]: p["schema"] for p in legal["parameters"]}
        self.assertEqual(
            set(parameters),
            {
                "limit",
                "offset",
                "q",
                "loai",
                "linh_vuc",
                "co_quan",
                "nam",
                "tu_ngay",
                "den_ngay",
                "hieu_luc",
                "sap_xep",
            },
        )
        self.assertIn("nghi-dinh", parameters["loai"]["enum"])
        self.assertIn("con-hieu-luc", parameters["hieu_luc"]["enum"])
        self.assertEqual(parameters["limit"]["maximum"], 50)
        self.assertEqual(set(legal["responses"]), {"200", "400", "429"})
        detail = document["paths"]["/van-ban/{id}/"]["get"]
        self.assertEqual(set(detail["responses"]), {"200", "404", "429"})
        answers = document["components"]["schemas"]["HoiDapDetail"]["properties"]
        self.assertFalse(set(answers) & {"full_name", "email", "phone", "address"})

    def test_openapi__write_methods_refused(self):
        self.assertEqual(self.client.post("/api/v2/openapi.json").status_code, 405)

    def test_endpoint_names__unique(self):
        names = [endpoint.api_name for endpoint in api.endpoints()]
        self.assertEqual(sorted(names), sorted(ENDPOINTS))
        self.assertEqual(json.loads(json.dumps(names)), names)
