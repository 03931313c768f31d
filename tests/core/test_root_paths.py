"""core.root_paths: a page's Sites found from its path's prefixes give what Wagtail's scan
of every Site gives, in the same order, with the Sites nested, sharing a root or not."""

from __future__ import annotations

from types import SimpleNamespace
from unittest import mock

from django.test import RequestFactory, TestCase
from wagtail.models import Page, Site

from congthongtin.core import root_paths


class RootPathTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = Page.objects.get(depth=2)
        cls.section = cls.home.add_child(instance=Page(title="Văn bản", slug="van-ban"))
        cls.leaf = cls.section.add_child(instance=Page(title="Quyết định", slug="quyet-dinh"))
        # A Site rooted inside another's tree, a second Site on the same root, a Site whose
        # slug starts like another's ("van-ban-cu" is not under "van-ban").
        cls.similar = cls.home.add_child(instance=Page(title="Văn bản cũ", slug="van-ban-cu"))
        Site.objects.create(hostname="van-ban.example", root_page=cls.section)
        Site.objects.create(hostname="cung-goc.example", root_page=cls.home, port=81)
        Site.objects.create(hostname="cu.example", root_page=cls.similar)
        cls.other_home = root.add_child(instance=Page(title="Xã khác", slug="xa-khac"))
        Site.objects.create(hostname="xa-khac.example", root_page=cls.other_home)
        Site.clear_site_root_paths_cache()

    def test_same_sites_same_order_as_wagtail(self):
        request = RequestFactory().get("/")
        pages = Page.objects.all()
        self.assertGreaterEqual(len(pages), 6)
        for page in pages:
            expected = root_paths._wagtail_relevant(page, SimpleNamespace())
            self.assertEqual(page._get_relevant_site_root_paths(request), expected, page.url_path)
        leaf_sites = [r.site_id for r in self.leaf._get_relevant_site_root_paths(request)]
        self.assertEqual(len(leaf_sites), 3)  # the nested Site first (Wagtail's order)
        self.assertEqual(leaf_sites[0], Site.objects.get(hostname="van-ban.example").pk)
        self.assertEqual(
            self.similar._get_relevant_site_root_paths(request)[0].root_path, self.similar.url_path
        )

    def test_urls_unchanged(self):
        pages = list(Page.objects.all())
        with mock.patch.object(Page, "_get_relevant_site_root_paths", root_paths._wagtail_relevant):
            request = RequestFactory().get("/", HTTP_HOST="localhost")
            expected = [page.get_url_parts(request) for page in pages]
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        self.assertEqual([page.get_url_parts(request) for page in pages], expected)

    def test_index_built_once_per_request(self):
        request = RequestFactory().get("/")
        self.leaf._get_relevant_site_root_paths(request)
        index = getattr(request, root_paths._ATTRIBUTE)
        self.section._get_relevant_site_root_paths(request)
        self.assertIs(getattr(request, root_paths._ATTRIBUTE), index)

    def test_without_a_request__wagtails_own_method(self):
        self.assertEqual(
            self.leaf._get_relevant_site_root_paths(),
            root_paths._wagtail_relevant(self.leaf),
        )


class KeptRootPathTests(TestCase):
    """``Site.get_site_root_paths()`` kept in the process per content version: the same
    list as Wagtail's, read once, and never stale after a Site or a page changes."""

    @classmethod
    def setUpTestData(cls):
        cls.home = Page.objects.get(depth=2)
        cls.section = cls.home.add_child(instance=Page(title="Văn bản", slug="van-ban"))

    def roots(self):
        return {(r.site_id, r.root_path, r.root_url) for r in Site.get_site_root_paths()}

    def path(self, slug):
        return f"{self.home.url_path}{slug}/"

    def test_same_list_as_wagtail__read_once(self):
        first = Site.get_site_root_paths()
        expected = root_paths._wagtail_root_paths()
        self.assertEqual(first, expected)
        with mock.patch.object(
            root_paths, "_wagtail_root_paths", wraps=root_paths._wagtail_root_paths
        ) as wagtails:
            again = Site.get_site_root_paths()
            request = RequestFactory().get("/", HTTP_HOST="localhost")
            self.section.get_url_parts(request)
        self.assertIs(again, first)
        wagtails.assert_not_called()

    def test_new_changed_and_deleted_site__seen_at_once(self):
        Site.get_site_root_paths()
        site = Site.objects.create(hostname="van-ban.example", root_page=self.section)
        self.assertIn((site.pk, self.path("van-ban"), "http://van-ban.example"), self.roots())
        site.hostname = "vb.example"
        site.save()
        self.assertIn((site.pk, self.path("van-ban"), "http://vb.example"), self.roots())
        self.section.slug = "van-ban-moi"
        self.section.save()
        self.assertIn((site.pk, self.path("van-ban-moi"), "http://vb.example"), self.roots())
        site.delete()
        self.assertNotIn(site.pk, {r[0] for r in self.roots()})

    def test_change_without_a_signal__seen_after_wagtails_clear(self):
        site = Site.objects.create(hostname="van-ban.example", root_page=self.section)
        Site.get_site_root_paths()
        Site.objects.filter(pk=site.pk).update(hostname="tho.example")  # no signal
        Site.clear_site_root_paths_cache()
        self.assertIn((site.pk, self.path("van-ban"), "http://tho.example"), self.roots())

    def test_another_process_change__seen_through_the_version(self):
        from congthongtin.core import sitecache

        site = Site.objects.create(hostname="van-ban.example", root_page=self.section)
        Site.get_site_root_paths()
        # Another worker changed the Site: its signals cleared the shared cache and bumped
        # the shared version; this process's copy is not touched.
        Site.objects.filter(pk=site.pk).update(hostname="tho.example")
        root_paths._wagtail_clear()
        sitecache.invalidate()
        self.assertIn((site.pk, self.path("van-ban"), "http://tho.example"), self.roots())
