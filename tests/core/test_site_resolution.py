"""The request's Site from the process's host table (core.site_resolution): Wagtail's own
matching rules, no query once warm, and every change to a Site seen on the next request."""

from __future__ import annotations

import itertools

from django.test import RequestFactory, TestCase
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from congthongtin.core import sitecache
from congthongtin.core.bodies import site_id_for_request
from congthongtin.core.site_resolution import site_for_request


def request_for(host: str, port: int = 80):
    return RequestFactory().get(
        "/", HTTP_HOST=host if port == 80 else f"{host}:{port}", SERVER_PORT=str(port)
    )


def wagtail_choice(host: str, port: int) -> int | None:
    try:
        return get_site_for_hostname(host, port).pk
    except Site.DoesNotExist:
        return None


class SiteResolutionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.homes = [
            cls.root.add_child(instance=Page(title=f"Trang chủ {i}", slug=f"trang-chu-so-{i}"))
            for i in range(4)
        ]

    def make_site(self, hostname, port=80, default=False, home=0):
        return Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=self.homes[home]
        )

    def resolved(self, host, port=80):
        return site_for_request(request_for(host, port))

    def assert_same_as_wagtail(self):
        hosts = ["localhost", "xa-a.example.vn", "xa-b.example.vn", "unknown.example.vn"]
        for host, port in itertools.product(hosts, (80, 443, 8000)):
            with self.subTest(host=host, port=port):
                site = self.resolved(host, port)
                self.assertEqual(site.pk if site else None, wagtail_choice(host, port))

    def test_rules__same_choice_as_wagtail_in_every_configuration(self):
        Site.objects.all().delete()
        self.assert_same_as_wagtail()  # no site at all: none
        self.make_site("xa-a.example.vn", 8000, home=1)
        self.assert_same_as_wagtail()  # the single site of a hostname, whatever the port
        self.make_site("xa-a.example.vn", 443, home=2)
        self.assert_same_as_wagtail()  # several ports, none matching, no default: none
        self.make_site("localhost", default=True)
        self.assert_same_as_wagtail()  # unknown hostnames fall back to the default site
        self.make_site("xa-b.example.vn", home=3)
        self.assert_same_as_wagtail()
        Site.objects.filter(hostname="xa-a.example.vn", port=443).update(is_default_site=False)
        Site.objects.filter(hostname="localhost").update(is_default_site=False)
        Site.objects.filter(hostname="xa-a.example.vn", port=8000).update(is_default_site=True)
        sitecache.invalidate()  # update() sends no signal
        self.assert_same_as_wagtail()  # a default with several ports of its hostname

    def test_warm__no_query(self):
        site = Site.objects.get(is_default_site=True)
        other = self.make_site("xa-a.example.vn", home=1)
        self.resolved("xa-a.example.vn")
        self.resolved("localhost")
        with self.assertNumQueries(0):
            found = self.resolved("xa-a.example.vn")
            self.assertEqual(found.pk, other.pk)
            self.assertEqual(found.root_page.specific.pk, self.homes[1].pk)
            self.assertEqual(self.resolved("localhost").pk, site.pk)
            self.assertEqual(self.resolved("unknown.example.vn").pk, site.pk)
            self.assertEqual(site_id_for_request(request_for("xa-a.example.vn")), other.pk)

    def test_each_request__its_own_copy(self):
        first = self.resolved("localhost")
        first.root_page.specific.title = "Đổi trong một yêu cầu"
        second = self.resolved("localhost")
        self.assertIsNot(first, second)
        self.assertNotEqual(second.root_page.specific.title, "Đổi trong một yêu cầu")

    def test_new_site__found_at_once(self):
        default = Site.objects.get(is_default_site=True)
        self.assertEqual(self.resolved("xa-moi.example.vn").pk, default.pk)
        new = self.make_site("xa-moi.example.vn", home=2)
        self.assertEqual(self.resolved("xa-moi.example.vn").pk, new.pk)

    def test_changed_hostname__followed_at_once(self):
        default = Site.objects.get(is_default_site=True)
        site = self.make_site("xa-cu.example.vn", home=1)
        self.assertEqual(self.resolved("xa-cu.example.vn").pk, site.pk)
        site.hostname = "xa-moi.example.vn"
        site.save()
        self.assertEqual(self.resolved("xa-moi.example.vn").pk, site.pk)
        self.assertEqual(self.resolved("xa-cu.example.vn").pk, default.pk)

    def test_changed_root_page__followed_at_once(self):
        site = self.make_site("xa-a.example.vn", home=1)
        self.resolved("xa-a.example.vn")
        site.root_page = self.homes[2]
        site.save()
        self.assertEqual(self.resolved("xa-a.example.vn").root_page_id, self.homes[2].pk)

    def test_deleted_site__gone_at_once_default_answers(self):
        default = Site.objects.get(is_default_site=True)
        site = self.make_site("xa-a.example.vn", home=1)
        self.assertEqual(self.resolved("xa-a.example.vn").pk, site.pk)
        site.delete()
        self.assertEqual(self.resolved("xa-a.example.vn").pk, default.pk)

    def test_default_site_changed__fallback_follows(self):
        old_default = Site.objects.get(is_default_site=True)
        self.assertEqual(self.resolved("unknown.example.vn").pk, old_default.pk)
        old_default.is_default_site = False
        old_default.save()
        self.assertIsNone(self.resolved("unknown.example.vn"))
        new_default = self.make_site("tinh.example.vn", default=True, home=1)
        self.assertEqual(self.resolved("unknown.example.vn").pk, new_default.pk)

    def test_middleware__wagtail_reads_its_answer(self):
        site = self.make_site("xa-a.example.vn", home=1)
        response = self.client.get("/", HTTP_HOST="xa-a.example.vn")
        self.assertEqual(response.wsgi_request._wagtail_site.pk, site.pk)
        self.assertEqual(Site.find_for_request(response.wsgi_request).pk, site.pk)
