"""What held under the security audit of issue 16, pinned so that it keeps holding.

The audit also recorded what resisted it: search input reaching the backends as bound
parameters, lockout that spoofed client-address headers cannot reset. Each test below
replays a sample of those attacks (the other held items are pinned where they live: listing
filters in tests/legal/test_listing.py, escaping in the consultation tests, the auditor's
refused writes in tests/editorial/test_audit.py and tests/security/test_admin_matrix.py).
"""

from django.db import connection
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page

from congthongtin.editorial.accounts import create_official
from congthongtin.home.models import StandardPage
from congthongtin.search.models import SearchDocument

#: Input aimed at SQL, at SQLite FTS5's and PostgreSQL tsquery's own syntax, and at the
#: text handling around them (controls, combining marks, bidi, surrogates' neighbours).
HOSTILE_QUERIES = [
    "' OR 1=1 --",
    "'; DROP TABLE portal_search_searchdocument; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "dang NEAR(ky kết, 2)",
    "title:đăng",
    "{title}: ký",
    "đăng* ký*",
    "^đăng",
    "đăng AND OR NOT ký",
    "!đăng & !ký | (x",
    "đăng:* & ký:A",
    "'đăng' <-> 'ký'",
    "đăng <2> ký",
    "\\'\\\"",
    "%_%",
    "\x00đăng\x00",
    "đăng\r\nký\t",
    "d\u0300a\u0306ng ky\u0301",  # decomposed marks
    "\u202eđăng",  # right-to-left override
    "\ufeffđăng",
    "😀 đăng ký 😀",
    "ｄａｎｇ ｋｙ",  # full-width
    "ĐĂNG KÝ" * 40,
    "a" * 3000,
    "42/2022/NĐ-CP'--",
    "42/2022/NĐ-CP) OR (1=1",
    "*",
    "()",
    "đăng)",
]


class SearchInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = Page.objects.get(depth=2)
        page = StandardPage(title="Đăng ký kết hôn", live=False, author_name="Ban biên tập")
        home.add_child(instance=page)
        page.save_revision().publish()

    def test_hostile_queries__answered_and_nothing_changed(self):
        rows = SearchDocument.objects.count()
        for query in HOSTILE_QUERIES:
            with self.subTest(query=query[:30]):
                response = self.client.get("/tim-kiem/", {"q": query})
                self.assertEqual(response.status_code, 200)
                suggest = self.client.get("/tim-kiem/goi-y/", {"q": query})
                self.assertEqual(suggest.status_code, 200)
                self.assertIn("suggestions", suggest.json())
        # Nothing was executed as SQL: the table and its rows are all there.
        self.assertIn(SearchDocument._meta.db_table, connection.introspection.table_names())
        self.assertEqual(SearchDocument.objects.count(), rows)
        # And the ordinary query still finds the page.
        response = self.client.get("/tim-kiem/", {"q": "dang ky ket hon"})
        self.assertGreaterEqual(response.context["total"], 1)


@override_settings(AXES_FAILURE_LIMIT=3)
class LockoutSpoofingTests(TestCase):
    def test_failed_logins_from_spoofed_addresses__still_locked(self):
        # The lockout counts per user name and the connection's own address: headers a
        # client writes itself (X-Forwarded-For, X-Real-IP, Forwarded) change nothing.
        user, password = create_official("Cầm Bá Thước", "thuoc@thanhhoa.gov.vn")
        url = reverse("wagtailadmin_login")
        for n in range(3):
            self.client.post(
                url,
                {"username": user.username, "password": "sai-mat-khau"},
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
                HTTP_X_REAL_IP=f"198.51.100.{n}",
                HTTP_FORWARDED=f"for=192.0.2.{n}",
            )
        response = self.client.post(
            url,
            {"username": user.username, "password": password},
            HTTP_X_FORWARDED_FOR="203.0.113.99",
            HTTP_X_REAL_IP="198.51.100.99",
        )
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
