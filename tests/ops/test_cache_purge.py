"""Front-cache purge on publish (core.cache_headers.purge_listings) and the cache lifetime
of URLs with a query string, which no purge can reach (issue 11)."""

from __future__ import annotations

from django.db import transaction
from django.test import TestCase, override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend

from congthongtin.core.cache_headers import purge_listings
from tests.factories import StandardPageFactory, make_portal
from tests.helpers import override_app_settings
from tests.ops.test_hardening import OPS_MIDDLEWARE

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


FRONTEND = {"recording": {"BACKEND": "tests.ops.test_cache_purge.RecordingBackend"}}


@override_settings(WAGTAILFRONTENDCACHE=FRONTEND)
class PurgeListingsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site, cls.home = make_portal("www.example.vn", "Xã Thử", "UBND xã Thử")
        cls.section = StandardPageFactory(parent=cls.home, title="Tin tức", slug="tin-tuc")
        cls.leaf = StandardPageFactory(parent=cls.section, title="Bài mới", slug="bai-moi")

    def setUp(self):
        PURGED.clear()

    def test_publish__page_section_and_home_purged_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
            purge_listings(instance=self.leaf)
            assert PURGED == []  # not while the old version is still what readers get
        assert len(callbacks) == 1
        assert sorted(PURGED) == [
            "http://www.example.vn/",
            "http://www.example.vn/tin-tuc/",
            "http://www.example.vn/tin-tuc/bai-moi/",
        ]

    def test_unpublished_ancestor__not_purged(self):
        self.section.unpublish()
        PURGED.clear()
        with self.captureOnCommitCallbacks(execute=True):
            purge_listings(instance=self.leaf)
        assert "http://www.example.vn/tin-tuc/" not in PURGED
        assert "http://www.example.vn/" in PURGED

    def test_deleted_in_the_same_transaction__its_cached_copy_still_purged(self):
        with self.captureOnCommitCallbacks(execute=True):
            purge_listings(instance=self.leaf)  # Wagtail unpublishes a page it deletes
            self.leaf.delete()
        assert sorted(PURGED) == [
            "http://www.example.vn/",
            "http://www.example.vn/tin-tuc/",
            "http://www.example.vn/tin-tuc/bai-moi/",
        ]

    @override_settings(WAGTAILFRONTENDCACHE={})
    def test_without_front_cache__nothing_queued(self):
        with self.captureOnCommitCallbacks() as callbacks:
            purge_listings(instance=self.leaf)
        assert callbacks == []


@override_settings(
    MIDDLEWARE=OPS_MIDDLEWARE,
    ROOT_URLCONF="tests.ops.urls",
)
@override_app_settings(
    CACHE_SHARED_MAX_AGE=3600, CACHE_BROWSER_MAX_AGE=60, CACHE_QUERY_SHARED_MAX_AGE=30
)
class QueryStringLifetimeTests(TestCase):
    def test_plain_url__long_shared_lifetime(self):
        response = self.client.get("/")
        assert "s-maxage=3600" in response["Cache-Control"]
        assert response["X-Accel-Expires"] == "3600"

    def test_query_string__short_shared_lifetime(self):
        response = self.client.get("/?trang=2")
        assert response.status_code == 200
        assert "s-maxage=30" in response["Cache-Control"]
        assert "max-age=30" in response["Cache-Control"]
        assert response["X-Accel-Expires"] == "30"


@override_settings(WAGTAILFRONTENDCACHE=FRONTEND)
class PurgeDependentPagesTests(TestCase):
    """A decree replaced by a newly published one shows "replaced by" on its own page: that
    page leaves the front cache with the new one (``get_dependent_pages``), or readers would
    be told for up to an hour that a repealed text is in force."""

    @classmethod
    def setUpTestData(cls):
        from congthongtin.legal.models import LegalDocumentRelation, RelationType
        from tests.legal.factories import add_document, make_library

        library = make_library()
        cls.old = add_document(library, title="Nghị định cũ", slug="nghi-dinh-cu")
        cls.new = add_document(library, title="Nghị định mới", slug="nghi-dinh-moi")
        cls.other = add_document(library, title="Thông tư khác", slug="thong-tu-khac")
        cls.draft = add_document(library, title="Dự thảo", slug="du-thao", live=False)
        LegalDocumentRelation.objects.create(
            page=cls.new, target=cls.old, relation_type=RelationType.REPLACES
        )
        LegalDocumentRelation.objects.create(
            page=cls.draft, target=cls.new, relation_type=RelationType.AMENDS
        )

    def setUp(self):
        PURGED.clear()

    def purged_paths(self, page) -> set[str]:
        with self.captureOnCommitCallbacks(execute=True):
            purge_listings(instance=page)
        return {url.split("/", 3)[3] for url in PURGED}

    def test_new_document_published__the_one_it_replaces_purged(self):
        paths = self.purged_paths(self.new)
        self.assertIn("van-ban/nghi-dinh-moi/", paths)
        self.assertIn("van-ban/nghi-dinh-cu/", paths)  # its banner now names the new one
        self.assertIn("van-ban/", paths)
        self.assertNotIn("van-ban/du-thao/", paths)  # not live: never cached
        self.assertNotIn("van-ban/thong-tu-khac/", paths)  # unrelated

    def test_replaced_document_changed__the_newer_one_naming_it_purged(self):
        self.assertIn("van-ban/nghi-dinh-moi/", self.purged_paths(self.old))

    def test_unrelated_page__only_itself_and_its_ancestors(self):
        # …and its type's addresses in the read-only API (docs/api.md: purged with the pages).
        self.assertEqual(
            self.purged_paths(self.other),
            {
                "",
                "van-ban/",
                "van-ban/thong-tu-khac/",
                "api/v2/van-ban/",
                f"api/v2/van-ban/{self.other.pk}/",
            },
        )

    def test_relation_removed_by_a_new_version__its_former_target_purged(self):
        from congthongtin.legal.models import LegalDocumentPage, LegalDocumentRelation, RelationType

        page = LegalDocumentPage.objects.get(pk=self.new.pk)
        page.save_revision().publish()  # published with "replaces nghi-dinh-cu"
        page = LegalDocumentPage.objects.get(pk=self.new.pk)
        page.relations.clear()
        page.relations.add(
            LegalDocumentRelation(target=self.other, relation_type=RelationType.RELATED)
        )
        page.save_revision().publish()  # the new version no longer replaces it
        self.assertFalse(LegalDocumentRelation.objects.filter(page=page, target=self.old))
        paths = self.purged_paths(LegalDocumentPage.objects.get(pk=self.new.pk))
        self.assertIn("van-ban/nghi-dinh-cu/", paths)  # its banner must go
        self.assertIn("van-ban/thong-tu-khac/", paths)  # now related
