"""The public side never mixes bodies: two live bodies with pages of the same types, and an
archive whose work body A took over. B's titles never appear on A (search, suggestions,
sitemap, RSS, listings, home page and menu with warm caches); A's search also finds the
archive's pages, labelled as archive and at their own addresses."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from django.test import TestCase

from congthongtin.core.bodies import body_of
from congthongtin.core.models import BodyStatus
from congthongtin.home.models import StandardPage
from congthongtin.news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.factories import make_portal

A, B, C = "xa-an.example", "xa-binh.example", "huyen-cu.example"


def publish(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def fill(home, label):
    """A section in the menu, a news index and two news items (one featured), titled after
    the body so that a title tells which body it belongs to."""
    publish(home, StandardPage(title=f"Giới thiệu {label}", slug="gioi-thieu", show_in_menus=True))
    index = publish(
        home, NewsIndexPage(title=f"Tin tức {label}", slug="tin-tuc", show_in_menus=True)
    )
    category = NewsCategory.objects.get(slug="kinh-te")
    for number, featured in ((1, True), (2, False)):
        publish(
            index,
            NewsPage(
                title=f"Lễ hội mùa xuân {label} số {number}",
                slug=f"le-hoi-{number}",
                category=category,
                summary=f"Tin lễ hội của {label}",
                featured=featured,
            ),
        )


class TwoBodiesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site_a, home_a = make_portal(A, "Xã An", "UBND xã An")
        cls.site_b, home_b = make_portal(B, "Xã Bình", "UBND xã Bình")
        cls.site_c, home_c = make_portal(C, "Huyện Cũ", "UBND huyện Cũ")
        fill(home_a, "Xã An")
        fill(home_b, "Xã Bình")
        fill(home_c, "Huyện Cũ")
        body = body_of(cls.site_c)
        body.status = BodyStatus.ARCHIVE
        body.successor = cls.site_a
        body.save()

    def get(self, host, path, **params):
        response = self.client.get(path, params, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, (host, path))
        return response

    def assert_only(self, content: str, present, absent):
        for label in present:
            self.assertIn(label, content)
        for label in absent:
            self.assertNotIn(label, content)

    # Search ----------------------------------------------------------------------------
    def test_search_on_a__a_and_its_archive_labelled__never_b(self):
        response = self.get(A, "/tim-kiem/", q="le hoi mua xuan")
        content = response.content.decode()
        self.assert_only(content, ["Xã An số 1", "Huyện Cũ số 1"], ["Xã Bình"])
        hits = {hit.document.title: hit for hit in response.context["page_obj"].object_list}
        archived = hits["Lễ hội mùa xuân Huyện Cũ số 1"]
        self.assertEqual(archived.archive["name"], "Huyện Cũ")
        self.assertEqual(archived.url, f"http://{C}/tin-tuc/le-hoi-1/")
        self.assertIsNone(hits["Lễ hội mùa xuân Xã An số 1"].archive)
        self.assertEqual(content.count("result__label--archive"), 2)

    def test_search_on_b__b_only(self):
        content = self.get(B, "/tim-kiem/", q="le hoi mua xuan").content.decode()
        self.assert_only(content, ["Xã Bình số 1", "Xã Bình số 2"], ["Xã An", "Huyện Cũ số"])
        self.assertNotIn("result__label--archive", content)

    def test_search_on_archive__its_pages_labelled_archive__not_successors(self):
        content = self.get(C, "/tim-kiem/", q="le hoi mua xuan").content.decode()
        self.assert_only(content, ["Huyện Cũ số 1", "Huyện Cũ số 2"], ["Xã An số", "Xã Bình"])
        self.assertEqual(content.count("result__label--archive"), 2)

    def test_search_facets_on_a__count_a_and_archive_only(self):
        response = self.get(A, "/tim-kiem/", q="le hoi mua xuan")
        self.assertEqual(response.context["total"], 4)

    def test_suggestions__per_body_with_archive_named(self):
        data = json.loads(self.get(A, "/tim-kiem/goi-y/", q="le hoi").content)["suggestions"]
        titles = {item["title"]: item for item in data}
        self.assertFalse([title for title in titles if "Xã Bình" in title])
        self.assertIn("Lễ hội mùa xuân Xã An số 1", titles)
        self.assertEqual(titles["Lễ hội mùa xuân Huyện Cũ số 1"]["archive"], "Huyện Cũ")
        self.assertNotIn("archive", titles["Lễ hội mùa xuân Xã An số 1"])
        data = json.loads(self.get(B, "/tim-kiem/goi-y/", q="le hoi").content)["suggestions"]
        self.assertTrue(data)
        self.assertTrue(all("Xã Bình" in item["title"] for item in data))

    # Sitemap, feeds, listings -----------------------------------------------------------
    def sitemap_locations(self, host):
        response = self.get(host, "/sitemap.xml")
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.fromstring(response.content)
        return [loc.text for loc in root.findall("s:url/s:loc", namespace)]

    def test_sitemap__each_body_its_own_addresses(self):
        for host, other in ((A, B), (B, A), (C, A)):
            with self.subTest(host=host):
                locations = self.sitemap_locations(host)
                self.assertIn(f"http://{host}/tin-tuc/le-hoi-1/", locations)
                self.assertFalse(
                    [url for url in locations if not url.startswith(f"http://{host}/")]
                )
                self.assertFalse([url for url in locations if other in url])

    def test_rss__each_body_its_own_items(self):
        for host, own, other in ((A, "Xã An", "Xã Bình"), (B, "Xã Bình", "Xã An")):
            with self.subTest(host=host):
                response = self.get(host, "/tin-tuc/rss/")
                root = ET.fromstring(response.content)
                titles = [item.findtext("title") for item in root.iter("item")]
                self.assertEqual(sorted(titles), [f"Lễ hội mùa xuân {own} số {n}" for n in (1, 2)])
                links = [item.findtext("link") for item in root.iter("item")]
                self.assertTrue(all(link.startswith(f"http://{host}/") for link in links))
                self.assertNotIn(other, response.content.decode())

    def test_listing__each_body_its_own_items_with_warm_cache(self):
        for _round in range(2):
            for host, own, other in ((A, "Xã An", "Xã Bình"), (B, "Xã Bình", "Xã An")):
                with self.subTest(host=host, round=_round):
                    content = self.get(host, "/tin-tuc/").content.decode()
                    self.assert_only(content, [f"{own} số 1", f"{own} số 2"], [other])

    # Home page and menus, caches warm ---------------------------------------------------
    def test_home_and_menu__never_the_other_body_with_warm_cache(self):
        for _round in range(2):
            for host, own, other in (
                (B, "Xã Bình", "Xã An"),
                (A, "Xã An", "Xã Bình"),
                (C, "Huyện Cũ", "Xã Bình"),
            ):
                with self.subTest(host=host, round=_round):
                    content = self.get(host, "/").content.decode()
                    self.assert_only(content, [f"Giới thiệu {own}", f"Tin tức {own}"], [other])
                    page = self.get(host, "/gioi-thieu/").content.decode()
                    self.assert_only(page, [f"Tin tức {own}"], [other])

    def test_archive_banner__only_on_the_archive(self):
        self.assertContains(self.get(C, "/tin-tuc/"), "archive-notice-title")
        for host in (A, B):
            self.assertNotContains(self.get(host, "/tin-tuc/"), "archive-notice-title")
