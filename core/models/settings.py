"""Portal identity as data (R-SITE-1): one PortalSettings per Wagtail Site."""

from __future__ import annotations

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .. import sitecache


def cached_site_setting(cls, request):
    """The request's site's row of the site setting ``cls`` (any ``BaseSiteSetting``), from
    the cache of ``core.sitecache``: no query once any page of the site has read it.

    For settings read on every public page (the header, the footer, the head). Saving a
    site setting bumps the content version (``congthongtin.core.signals``), so the next
    request reads the new values. A setting of another app need not use
    ``CachedSiteSettingMixin``: its template tag calls this."""
    attr_name = cls.get_cache_attr_name()
    if hasattr(request, attr_name):
        return getattr(request, attr_name)
    site = Site.find_for_request(request)
    if site is None:
        return cls.for_request(request)

    def build():
        found = cls.for_site(site)
        prepare = getattr(found, "prepare_for_cache", None)
        if prepare is not None:
            prepare()
        return found

    instance = sitecache.cached(
        sitecache.make_key("setting", cls._meta.label_lower, site.pk), build
    )
    instance._request = request
    setattr(request, attr_name, instance)
    return instance


class CachedSiteSettingMixin:
    """``for_request`` (what templates' ``settings.core.…`` use) served from the cache
    of ``core.sitecache``: every public page shows the settings, few people change them.
    ``for_site`` (the admin's edit view) still reads the database. Saving a setting
    bumps the content version (``congthongtin.core.signals``)."""

    @classmethod
    def for_request(cls, request):
        if Site.find_for_request(request) is None:
            return super().for_request(request)
        return cached_site_setting(cls, request)

    def prepare_for_cache(self) -> None:
        """Load, before caching, what every page reads from the setting."""


class AdministrativeLevel(models.TextChoices):
    """Who runs the portal. Districts were abolished on 01/07/2025 (Law 72/2025/QH15):
    a former district's portal can only be an archive."""

    PROVINCE = "province", _("Province")
    PROVINCIAL_DEPARTMENT = "department", _("Provincial department")
    COMMUNE = "commune", _("Commune")
    FORMER_DISTRICT = "former-district", _("Former district (archived)")


@register_setting(icon="site")
class PortalSettings(CachedSiteSettingMixin, BaseSiteSetting):
    """The body behind a portal, shown in the header and footer of every page."""

    name = models.CharField(
        _("portal name"),
        max_length=255,
        help_text=_("E.g. “Trang thông tin điện tử xã Như Xuân” (R-SITE-1)."),
    )
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    managing_body = models.CharField(
        _("managing body"),
        max_length=255,
        help_text=_("The body that owns the portal, e.g. “Ủy ban nhân dân xã Như Xuân”."),
    )
    administrative_level = models.CharField(
        _("administrative level"),
        max_length=20,
        choices=AdministrativeLevel.choices,
        default=AdministrativeLevel.COMMUNE,
    )
    web_address = models.URLField(_("web address"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    editorial_email = models.EmailField(
        _("editorial board e-mail"),
        blank=True,
        help_text=_("Where contributions and contact messages go (S0 Đ10)."),
    )
    parent_portal_name = models.CharField(_("parent portal name"), max_length=255, blank=True)
    parent_portal_url = models.URLField(_("parent portal address"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the footer, e.g. “Trưởng Ban biên tập: Nguyễn Văn An”."),
    )
    licence = models.CharField(
        _("licence or establishing decision"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Quyết định số 541/QĐ-UBND ngày 12/3/2012”."),
    )
    reuse_notice = models.TextField(
        _("reuse notice"),
        blank=True,
        help_text=_(
            "R-REUSE-1: reuse by other media needs the editorial board's approval. "
            "Left empty, a standard notice is shown."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("managing_body"),
                FieldPanel("administrative_level"),
                FieldPanel("logo"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("web_address"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("editorial_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("parent_portal_name"), FieldPanel("parent_portal_url")],
            heading=_("Parent portal"),
        ),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("licence"), FieldPanel("reuse_notice")],
            heading=_("Footer"),
        ),
    ]

    #: The header shows the logo: one query with the settings, and cached with them.
    select_related = ["logo"]

    class Meta:
        verbose_name = _("portal settings")

    def __str__(self):
        return self.name or str(self.site)

    #: The rendition of the logo that ``includes/header.html`` shows.
    LOGO_FILTER = "height-80"

    def prepare_for_cache(self) -> None:
        # The header's logo rendition travels with the cached settings: no query per page.
        if self.logo is not None:
            prefetch_related_objects([self.logo], "renditions")
            self.logo.get_rendition(self.LOGO_FILTER)  # made if missing, kept with the rest

    @property
    def is_archive(self) -> bool:
        return self.administrative_level == AdministrativeLevel.FORMER_DISTRICT
