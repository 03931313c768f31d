"""Query budget of the public pages (issue 11: ≤ 10 queries per page) and the caches that
keep it, which must never show anything stale after an editor acts (core.sitecache).

The demo portal is the fixture: every page type it has is requested anonymously, once to
fill the per-site caches (menu, settings, highlights, filter choices, routes) as any
earlier reader would have, and once counted.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from congthongtin.core import sitecache
from congthongtin.core.models import PortalSettings
from congthongtin.core.navigation import main_menu
from congthongtin.home.models import StandardPage
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.shared_demo import DemoTestCase

BUDGET = 10

#: The pages the issue names, plus every section the demo has.
KEY_URLS = [
    "/",
    "/van-ban/",
    "/thu-tuc-hanh-chinh/",
    "/tin-tuc/",
    "/thong-bao/",
    "/du-an/",
    "/hoi-nghi/",
    "/hoi-dap/",
    "/du-thao/",
    "/bai-viet/",
    "/kinh-te-xa-hoi/",
    "/danh-ba/",
]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx)


class DemoQueryBudgetTests(DemoTestCase):
    def warm_count(self, url):
        self.client.get(url)
        response, queries = count_queries(self.client, url)
        self.assertEqual(response.status_code, 200, url)
        return response, queries

    def test_key_pages__at_most_ten_queries(self):
        for url in KEY_URLS:
            with self.subTest(url=url):
                response, queries = self.warm_count(url)
                self.assertLessEqual(queries, BUDGET, url)
                self.assertNotIn("sessionid", response.cookies)

    def test_every_page_type__at_most_ten_queries(self):
        seen = set()
        for page in Page.objects.live().filter(depth__gte=2).order_by("path"):
            if page.content_type_id in seen:
                continue
            seen.add(page.content_type_id)
            with self.subTest(page_type=page.specific_class.__name__, url=page.url):
                _, queries = self.warm_count(page.url)
                self.assertLessEqual(queries, BUDGET)
        self.assertGreaterEqual(len(seen), 20)

    def test_documents_procedures_news__at_most_ten_queries(self):
        from congthongtin.legal.models import LegalDocumentPage
        from congthongtin.procedures.models import ProcedurePage

        for model in (LegalDocumentPage, ProcedurePage, NewsPage):
            for page in model.objects.live().order_by("path")[:3]:
                with self.subTest(url=page.url):
                    _, queries = self.warm_count(page.url)
                    self.assertLessEqual(queries, BUDGET)

    def test_cold_cache__still_bounded(self):
        # The first reader after a publication rebuilds the caches: more queries, but a
        # bounded number, not one per item. (Image renditions, made once ever by the
        # very first reader, are made before counting.)
        from django.core.cache import cache

        for url in KEY_URLS:
            with self.subTest(url=url):
                self.client.get(url)
                cache.clear()
                response, queries = count_queries(self.client, url)
                self.assertEqual(response.status_code, 200)
                self.assertLessEqual(queries, 40)


class FreshnessTests(DemoTestCase):
    """A publication, a settings change or a new restriction shows on the very next request."""

    def setUp(self):
        self.home = Site.objects.get(is_default_site=True).root_page.specific
        for url in ("/", "/tin-tuc/", "/gioi-thieu/"):
            self.client.get(url)  # caches filled

    def publish_news(self, title, featured=False):
        index = NewsIndexPage.objects.child_of(self.home).get()
        page = NewsPage(
            title=title,
            category=NewsCategory.objects.first(),
            featured=featured,
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    def test_publish_news__on_home_and_listing_at_once(self):
        self.publish_news("Tin vừa đăng về lễ hội Xuân Hòa")
        self.assertContains(self.client.get("/"), "Tin vừa đăng về lễ hội Xuân Hòa")
        self.assertContains(self.client.get("/tin-tuc/"), "Tin vừa đăng về lễ hội Xuân Hòa")

    def test_unpublish_news__gone_from_home_and_listing_at_once(self):
        page = self.publish_news("Tin sẽ bị gỡ xuống", featured=True)
        self.assertContains(self.client.get("/"), "Tin sẽ bị gỡ xuống")
        NewsPage.objects.get(pk=page.pk).unpublish()
        self.assertNotContains(self.client.get("/"), "Tin sẽ bị gỡ xuống")
        self.assertNotContains(self.client.get("/tin-tuc/"), "Tin sẽ bị gỡ xuống")

    def test_new_section__in_menu_at_once_and_renamed_section_follows(self):
        section = StandardPage(title="Chuyên mục mới lập", show_in_menus=True, live=False)
        self.home.add_child(instance=section)
        section.save_revision().publish()
        response = self.client.get("/gioi-thieu/")
        self.assertContains(response, "Chuyên mục mới lập")
        section.title = "Chuyên mục đã đổi tên"
        section.save_revision().publish()
        response = self.client.get("/gioi-thieu/")
        self.assertContains(response, "Chuyên mục đã đổi tên")
        self.assertNotContains(response, "Chuyên mục mới lập")

    def test_moved_page__breadcrumbs_and_address_follow(self):
        about = self.home.get_children().get(slug="gioi-thieu")  # the demo has other bodies
        section = StandardPage(title="Trang sẽ chuyển", slug="trang-se-chuyen")
        self.home.add_child(instance=section)
        self.assertEqual(self.client.get("/trang-se-chuyen/").status_code, 200)
        section.move(about, pos="last-child")
        old_address = self.client.get("/trang-se-chuyen/")
        self.assertIn(old_address.status_code, (301, 404))  # a redirect, if Wagtail made one
        if old_address.status_code == 301:
            self.assertTrue(old_address["Location"].endswith("/gioi-thieu/trang-se-chuyen/"))
        response = self.client.get("/gioi-thieu/trang-se-chuyen/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'href="{about.get_url(current_site=self.home.get_site())}"')

    def test_portal_settings_saved__header_and_footer_at_once(self):
        settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        settings.name = "Cổng thông tin đã đổi tên"
        settings.save()
        self.assertContains(self.client.get("/tin-tuc/"), "Cổng thông tin đã đổi tên")

    def test_view_restriction_added__page_no_longer_public_at_once(self):
        about = self.home.get_children().get(slug="gioi-thieu")  # the demo has other bodies
        self.assertEqual(self.client.get("/gioi-thieu/").status_code, 200)
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.first())
        self.assertNotEqual(self.client.get("/gioi-thieu/").status_code, 200)
        site = Site.objects.get(is_default_site=True)
        self.assertNotIn("/gioi-thieu/", [item["url"] for item in main_menu(site)])
        restriction.delete()
        self.assertEqual(self.client.get("/gioi-thieu/").status_code, 200)

    def test_open_consultations_highlight__expires_when_the_list_would_change(self):
        from congthongtin.consultation.models import ConsultationPage
        from congthongtin.consultation.wagtail_hooks import open_consultations

        highlight = open_consultations(self.home, RequestFactory().get("/"))
        now = timezone.now()
        upcoming = ConsultationPage.objects.live().filter(opens_at__gt=now)
        moments = [item.closes_at for item in highlight.items]
        moments += list(upcoming.values_list("opens_at", flat=True))
        self.assertEqual(highlight.expires_at, min(moments) if moments else None)

    def test_expiring_value__not_kept_past_its_time(self):
        key = sitecache.make_key("test-expiring")
        self.assertEqual(sitecache.cached(key, lambda: sitecache.Expiring("a", 0)), "a")
        self.assertEqual(sitecache.cached(key, lambda: sitecache.Expiring("b", 60)), "b")
        self.assertEqual(sitecache.cached(key, lambda: "c"), "b")


class LogoTests(TestCase):
    def test_portal_logo__no_query_per_page(self):
        from tests.news.helpers import make_image

        site = Site.objects.get(is_default_site=True)
        self.client.get("/")
        _, without_logo = count_queries(self.client, "/")
        settings = PortalSettings.for_site(site)
        settings.logo = make_image("Biểu trưng")
        settings.save()
        self.client.get("/")
        response, with_logo = count_queries(self.client, "/")
        self.assertContains(response, 'class="brand__logo"')
        self.assertEqual(with_logo, without_logo)


#: Routes of routable pages and views outside the page tree, after the page types.
EXTRA_PATHS = [
    "/tim-kiem/?q=dang+ky+khai+sinh",
    "/tim-kiem/",
    "/trang-khong-ton-tai/",
]
ROUTES = {
    "procedures.ProcedureIndexPage": "dich-vu-cong-truc-tuyen/",
    "consultation.ConsultationIndexPage": "dang-ky/",
    "consultation.QuestionIndexPage": "gui-cau-hoi/",
    "consultation.PetitionIndexPage": "gui-phan-anh/",
    "consultation.ComplaintIndexPage": "gui-don/",
    "editorial.ContributionPage": "tra-cuu/",
}


def page_type_paths(site) -> dict[str, str]:
    """One address per page type of ``site``'s tree (its first live page of each type, by
    path), the routes of its routable pages, search and a 404."""
    from urllib.parse import urlsplit

    paths = {}
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).order_by("path")
    for page in pages.specific():
        label = page._meta.label
        if label in paths:
            continue
        url = urlsplit(page.get_url(current_site=site)).path
        paths[label] = url
        if label in ROUTES:
            paths[f"{label}: {ROUTES[label]}"] = url + ROUTES[label]
    for path in EXTRA_PATHS:
        paths[path] = path
    return paths


def add_bare_sites(count: int) -> None:
    """``count`` more Sites, each with its own home page: bare rows, as a bulk loader makes
    them (no body set-up), then the caches told (ours and Wagtail's root paths), as such a
    loader must."""
    root = Page.get_first_root_node()
    homes = [
        root.add_child(instance=Page(title=f"Xã số {i}", slug=f"xa-so-{i}")) for i in range(count)
    ]
    Site.objects.bulk_create(
        Site(hostname=f"xa-so-{i}.example.vn", root_page=home, site_name=f"Xã số {i}")
        for i, home in enumerate(homes)
    )
    sitecache.invalidate()
    Site.clear_site_root_paths_cache()


class ProvinceScaleQueryTests(DemoTestCase):
    """A province on one install (1 province, 20 departments, 166 communes: 187 Sites):
    every page type costs the same queries with 187 Sites as with one."""

    def warm_counts(self, paths) -> dict[str, int]:
        counts = {}
        for label, path in paths.items():
            self.client.get(path)
            response, queries = count_queries(self.client, path)
            self.assertIn(response.status_code, (200, 404), path)
            counts[label] = queries
        return counts

    def test_every_page_type__same_queries_at_1_and_187_sites(self):
        site = Site.objects.get(is_default_site=True)
        Site.objects.exclude(pk=site.pk).delete()
        paths = page_type_paths(site)
        self.assertGreaterEqual(len(paths), 30)
        # Image renditions are made once ever, by the very first reader; the caches that
        # hold images from before they existed are rebuilt after the next publication.
        for path in paths.values():
            self.client.get(path)
        sitecache.invalidate()
        at_one = self.warm_counts(paths)
        add_bare_sites(186)
        self.assertEqual(Site.objects.count(), 187)
        at_187 = self.warm_counts(paths)
        self.assertEqual(at_187, at_one)
        for label, queries in at_187.items():
            with self.subTest(page_type=label):
                self.assertLessEqual(queries, BUDGET)

    def test_another_body_at_187_sites__same_queries_as_the_first(self):
        # A commune's own portal among 187: its pages resolve its Site, its settings and
        # menu, each one cache entry of its own, with the same count as the default's.
        add_bare_sites(183)
        self.assertEqual(Site.objects.count(), 186)
        other = Site.objects.exclude(is_default_site=True).exclude(hostname__startswith="xa-so-")
        other = other.order_by("pk").first()
        host = {"HTTP_HOST": other.hostname}
        for path in ("/", *[urlsplit_path(p.url) for p in menu_pages(other)]):
            with self.subTest(path=path):
                self.client.get(path, **host)
                with CaptureQueriesContext(connection) as ctx:
                    response = self.client.get(path, **host)
                self.assertEqual(response.status_code, 200)
                self.assertLessEqual(len(ctx), BUDGET)
                self.assertFalse(
                    [q for q in ctx.captured_queries if '"wagtailcore_site"' in q["sql"]],
                    "the Site is resolved from memory",
                )


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


def menu_pages(site):
    return site.root_page.get_children().live().order_by("path")[:5]
