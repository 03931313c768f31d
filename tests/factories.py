"""Factories shared by the test modules (one per model family)."""

from __future__ import annotations

import factory
import wagtail_factories
from wagtail.models import Site

from congthongtin.core.models import Agency, Field, Official, PortalSettings, Unit
from congthongtin.home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    live = True

    class Meta:
        model = StandardPage


class FieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")

    class Meta:
        model = Field


class AgencyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")

    class Meta:
        model = Agency


class UnitFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    name = factory.Sequence(lambda n: f"Phòng Số {n}")
    phone = "0237 3868 000"
    email = factory.Sequence(lambda n: f"phong{n}@thanhhoa.gov.vn")

    class Meta:
        model = Unit


class OfficialFactory(factory.django.DjangoModelFactory):
    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Số {n}")
    position = "Chuyên viên"
    phone = "0912 345 678"
    email = factory.Sequence(lambda n: f"canbo{n}@thanhhoa.gov.vn")

    class Meta:
        model = Official


def make_portal(hostname: str, name: str, managing_body: str, *, default=False, **settings):
    """A second (or first) portal: a HomePage under the root, a Site and its settings."""
    from wagtail.models import Page

    root = Page.get_first_root_node()
    home = HomePage(title=f"Trang chủ {name}", slug=hostname.split(".")[0])
    root.add_child(instance=home)
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=default, site_name=name
    )
    PortalSettings.objects.update_or_create(
        site=site, defaults={"name": name, "managing_body": managing_body, **settings}
    )
    return site, home
