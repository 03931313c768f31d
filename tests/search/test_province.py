"""One install, many bodies (the province): a site's search and suggestions never return
another body's pages — a nested body's, a neighbour's — but do return the archive of the
former district whose work it took over; and when the province's board turns it on, the
province's search finds its component bodies' pages, at their own addresses, named."""

from __future__ import annotations

import io
import json
import unittest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupSitePermission, Site
from wagtail.search.backends import get_search_backend

from congthongtin.core import roles
from congthongtin.core.bodies import body_of, role_group
from congthongtin.core.models import BodyStatus
from congthongtin.core.setup import run_setup
from congthongtin.home.models import StandardPage
from congthongtin.search import query as search
from congthongtin.search.models import SearchDocument, SearchSettings
from tests.factories import make_portal

P, D, X, N, H = (
    "tinh.example",
    "so-tp.example",
    "xa-an.example",
    "thon-nested.example",
    "huyen-cu.example",
)


def publish(parent, title, slug):
    page = StandardPage(title=title, slug=slug, live=False, intro=f"Tin lễ hội {title}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class ProvinceTestCase(TestCase):
    """The province P; a department D and a commune X whose parent portal is P; a body N
    whose home page lies inside X's tree (nested), its parent X; the former district H,
    an archive whose successor is P."""

    @classmethod
    def setUpTestData(cls):
        cls.province, home_p = make_portal(P, "Tỉnh Thử", "UBND tỉnh Thử")
        cls.department, home_d = make_portal(D, "Sở Tư pháp", "Sở Tư pháp")
        cls.commune, home_x = make_portal(X, "Xã An", "UBND xã An")
        cls.former, home_h = make_portal(H, "Huyện Cũ", "UBND huyện Cũ")
        publish(home_p, "Lễ hội mùa xuân Tỉnh Thử", "le-hoi")
        publish(home_d, "Lễ hội mùa xuân Sở Tư pháp", "le-hoi")
        publish(home_x, "Lễ hội mùa xuân Xã An", "le-hoi")
        publish(home_h, "Lễ hội mùa xuân Huyện Cũ", "le-hoi")
        nested_home = publish(home_x, "Thôn Nested", "thon")
        cls.nested = Site.objects.create(
            hostname=N, port=80, root_page=nested_home, site_name="Thôn Nested"
        )
        publish(nested_home, "Lễ hội mùa xuân Thôn Nested", "le-hoi")
        province = body_of(cls.province)
        for site, parent in ((cls.department, province), (cls.commune, province)):
            body = body_of(site)
            body.parent = parent
            body.save()
        nested = body_of(cls.nested)
        nested.parent = body_of(cls.commune)
        nested.save()
        former = body_of(cls.former)
        former.status = BodyStatus.ARCHIVE
        former.successor = cls.province
        former.save()

    def turn_on(self, site):
        settings = SearchSettings.for_site(site)
        settings.search_component_sites = True
        settings.save()

    def titles(self, host, query="le hoi mua xuan"):
        response = self.client.get("/tim-kiem/", {"q": query}, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return {hit.document.title: hit for hit in response.context["page_obj"].object_list}

    def suggestions(self, host, query="le hoi"):
        response = self.client.get("/tim-kiem/goi-y/", {"q": query}, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return {item["title"]: item for item in json.loads(response.content)["suggestions"]}


class SiteIsolationTests(ProvinceTestCase):
    EXPECTED = {
        P: {"Tỉnh Thử", "Huyện Cũ"},  # its own, and the archive it took over
        D: {"Sở Tư pháp"},
        X: {"Xã An"},  # not the nested body's, inside its tree
        N: {"Thôn Nested"},
        H: {"Huyện Cũ"},
    }

    def test_each_site__its_own_pages_only(self):
        for host, bodies in self.EXPECTED.items():
            with self.subTest(host=host):
                found = {title.removeprefix("Lễ hội mùa xuân ") for title in self.titles(host)}
                self.assertEqual(found, bodies)

    def test_suggestions__each_site_its_own_only(self):
        for host, bodies in self.EXPECTED.items():
            with self.subTest(host=host):
                found = self.suggestions(host)
                titles = {t.removeprefix("Lễ hội mùa xuân ") for t in found if "Lễ hội" in t}
                self.assertEqual(titles, bodies)
                self.assertFalse([item for item in found.values() if "body" in item])

    def test_off_by_default(self):
        self.assertFalse(SearchSettings.for_site(self.province).search_component_sites)
        self.assertEqual(search.search_scope(self.province).others, {})


class ProvinceWideSearchTests(ProvinceTestCase):
    def test_component_sites__found_at_their_addresses_and_named(self):
        self.turn_on(self.province)
        hits = self.titles(P)
        self.assertEqual(
            set(hits),
            {
                f"Lễ hội mùa xuân {name}"
                for name in ("Tỉnh Thử", "Huyện Cũ", "Sở Tư pháp", "Xã An", "Thôn Nested")
            },
        )
        commune = hits["Lễ hội mùa xuân Xã An"]
        self.assertEqual(commune.origin["name"], "Xã An")
        self.assertEqual(commune.url, f"http://{X}/le-hoi/")
        nested = hits["Lễ hội mùa xuân Thôn Nested"]  # a body under a body under P
        self.assertEqual(nested.origin["name"], "Thôn Nested")
        self.assertEqual(nested.url, f"http://{N}/le-hoi/")
        own = hits["Lễ hội mùa xuân Tỉnh Thử"]
        self.assertIsNone(own.origin)
        self.assertIsNone(hits["Lễ hội mùa xuân Huyện Cũ"].origin)  # labelled archive instead
        self.assertEqual(hits["Lễ hội mùa xuân Huyện Cũ"].archive["name"], "Huyện Cũ")
        content = self.client.get("/tim-kiem/", {"q": "le hoi"}, HTTP_HOST=P).content.decode()
        self.assertEqual(content.count("result__label--body"), 4)  # with N's home page
        self.assertIn(f'href="http://{D}/le-hoi/"', content)

    def test_suggestions__component_sites_named(self):
        self.turn_on(self.province)
        found = self.suggestions(P)
        self.assertEqual(found["Lễ hội mùa xuân Sở Tư pháp"]["body"], "Sở Tư pháp")
        self.assertEqual(found["Lễ hội mùa xuân Sở Tư pháp"]["url"], f"http://{D}/le-hoi/")
        self.assertNotIn("body", found["Lễ hội mùa xuân Tỉnh Thử"])

    def test_only_downwards__a_commune_never_sees_the_province(self):
        self.turn_on(self.commune)
        found = {title.removeprefix("Lễ hội mùa xuân ") for title in self.titles(X)}
        self.assertEqual(found, {"Xã An", "Thôn Nested"})

    def test_turning_it_off_again(self):
        self.turn_on(self.province)
        self.assertIn("Lễ hội mùa xuân Xã An", self.titles(P))
        settings = SearchSettings.for_site(self.province)
        settings.search_component_sites = False
        settings.save()
        self.assertNotIn("Lễ hội mùa xuân Xã An", self.titles(P))


class SearchSettingsPermissionTests(ProvinceTestCase):
    """Only the head of a body's board changes that body's search settings."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        run_setup(site=cls.province)
        run_setup(site=cls.commune)
        User = get_user_model()
        cls.head_p = User.objects.create_user("headp", "p@example.gov.vn", "x" * 12)
        cls.head_p.groups.add(role_group(roles.HEAD, cls.province))
        cls.editor_p = User.objects.create_user("editorp", "e@example.gov.vn", "x" * 12)
        cls.editor_p.groups.add(role_group(roles.EDITOR, cls.province))

    def url(self, site):
        return reverse("wagtailsettings:edit", args=["portal_search", "searchsettings", site.pk])

    def test_head__own_body_only(self):
        self.client.force_login(self.head_p)
        self.assertEqual(self.client.get(self.url(self.province)).status_code, 200)
        self.assertNotEqual(self.client.get(self.url(self.commune)).status_code, 200)
        response = self.client.post(self.url(self.commune), {"search_component_sites": "on"})
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(SearchSettings.for_site(self.commune).search_component_sites)
        self.client.post(self.url(self.province), {"search_component_sites": "on"})
        self.assertTrue(SearchSettings.for_site(self.province).search_component_sites)

    def test_editor__refused(self):
        self.client.force_login(self.editor_p)
        response = self.client.post(self.url(self.province), {"search_component_sites": "on"})
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(SearchSettings.for_site(self.province).search_component_sites)

    def test_setup__grants_the_head_its_site_only(self):
        granted = GroupSitePermission.objects.filter(
            permission__codename="change_searchsettings",
            group=role_group(roles.HEAD, self.province),
        )
        self.assertEqual({row.site_id for row in granted}, {self.province.pk})


@unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
class ModelsearchIndexTests(ProvinceTestCase):
    """On PostgreSQL nothing reads ``SearchDocument`` through modelsearch: its rows are not
    written into modelsearch's index table; the pages still are (the admin's search)."""

    def entries(self, model):
        from django.contrib.contenttypes.models import ContentType
        from modelsearch.conf import get_app_config

        IndexEntry = get_app_config().get_model("IndexEntry")
        content_type = ContentType.objects.get_for_model(model)
        return IndexEntry.objects.filter(content_type=content_type)

    def test_search_documents__not_in_modelsearch_index(self):
        self.assertTrue(SearchDocument.objects.exists())
        self.assertFalse(self.entries(SearchDocument).exists())
        backend = get_search_backend()  # the same backend still indexes pages
        backend.add_bulk(SearchDocument, list(SearchDocument.objects.all()))
        self.assertFalse(self.entries(SearchDocument).exists())
        page = StandardPage.objects.first()
        backend.add(page)
        self.assertTrue(self.entries(StandardPage).filter(object_id=str(page.pk)).exists())

    def test_update_index__removes_entries_of_an_earlier_version(self):
        from django.core.management import call_command
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        stock = PostgresSearchBackend({})  # what an earlier version wrote
        stock.add_bulk(SearchDocument, list(SearchDocument.objects.all()))
        self.assertTrue(self.entries(SearchDocument).exists())
        call_command("update_index", stdout=io.StringIO())
        self.assertFalse(self.entries(SearchDocument).exists())

    def test_suggestions__no_modelsearch_query(self):
        from django.test.utils import CaptureQueriesContext

        search.search_scope(self.province)  # warm
        with CaptureQueriesContext(connection) as queries:
            found = search.suggestions("le hoi", self.province)
        self.assertTrue(found)
        self.assertFalse([q for q in queries.captured_queries if "indexentry" in q["sql"]])
        self.assertTrue([q for q in queries.captured_queries if "title_vector" in q["sql"]])
