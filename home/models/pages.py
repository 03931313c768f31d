"""Page types of the home app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from congthongtin.core import sitecache
from congthongtin.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from congthongtin.core.highlights import collect_highlights
from congthongtin.core.models import (
    AdministrativeLevel,
    BasePage,
    Official,
    PortalSettings,
    ReviewableMixin,
    Unit,
    VietnameseSlugMixin,
)
from congthongtin.core.navigation import menu_of


class QuickLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or an address"), required=False)
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        icon = "link"
        label = _("Quick link")


class HomePage(VietnameseSlugMixin, Page):
    """The root of one portal (one per Wagtail Site)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        help_text=_("Links to the main sections. Empty: the sections shown in the menu."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quick_links")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.quick_links:
            # The menu's entries: cached per site, rebuilt on publish (core.navigation).
            context["sections"] = menu_of(self)
        context["highlights"] = collect_highlights(self, request)
        return context

    #: Metadata (core.metadata): the front page of the body's collection (DCMI Type).
    dc_type = "Collection"

    def json_ld(self, request) -> dict:
        from ..metadata import government_organization

        return government_organization(self, request)


class StandardPage(BasePage):
    """Organisation and locality content: structure, functions, founding decision,
    history, scenic spots, communes, businesses, the citizen-reception office
    (R-ORG-1…R-ORG-4)."""

    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        *BasePage.provenance_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    #: R-SLA-2: every standard page is organisation or locality information (see the
    #: docstring), reviewed periodically (editorial.reviews).
    review_kind = "organisation"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class LeadersPage(BasePage):
    """The leaders of the body with each leader's short biography and duties
    (Decree 224/2026/NĐ-CP Điều 9.1b)."""

    intro = models.TextField(_("summary"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("leaders", label=_("leaders"), min_num=0),
        *BasePage.provenance_panels,
    ]
    max_count_per_parent = 1
    review_kind = "organisation"  # R-SLA-2 (editorial.reviews)

    class Meta:
        verbose_name = _("leaders page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.leaders.select_related("photo", "official__unit")
        return context


class LeaderProfile(Orderable):
    page = ParentalKey(LeadersPage, related_name="leaders", on_delete=models.CASCADE)
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = RichTextField(_("short biography"), blank=True, features=RICH_TEXT_FEATURES)
    duties = RichTextField(
        _("duties and responsibilities"), blank=True, features=RICH_TEXT_FEATURES
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("directory entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Phone and e-mail are taken from the directory."),
    )

    panels = [
        FieldPanel("full_name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("duties"),
        FieldPanel("official"),
    ]


class SubdivisionBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"))
    area_km2 = blocks.DecimalBlock(label=_("area (km²)"), required=False, decimal_places=2)
    population = blocks.IntegerBlock(label=_("population"), required=False, min_value=0)

    class Meta:
        icon = "site"
        label = _("Subdivision")


class BoundaryMapPage(BasePage):
    """The administrative-boundary map of a province or commune
    (Decree 224/2026/NĐ-CP Điều 9.1c)."""

    map_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    map_description = models.TextField(
        _("map described in words"),
        blank=True,
        help_text=_("Borders and neighbours in words, for people who cannot see the map."),
    )
    map_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("map file to download"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area_km2 = models.DecimalField(
        _("natural area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population as of year"), null=True, blank=True
    )
    subdivisions = StreamField(
        [("subdivision", SubdivisionBlock())],
        verbose_name=_("subdivisions"),
        blank=True,
        help_text=_("Villages, hamlets or communes inside the boundary."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("map_image"), FieldPanel("map_description"), FieldPanel("map_document")],
            heading=_("Map"),
        ),
        MultiFieldPanel(
            [FieldPanel("area_km2"), FieldPanel("population"), FieldPanel("population_year")],
            heading=_("Figures"),
        ),
        FieldPanel("subdivisions"),
        FieldPanel("body"),
        *BasePage.provenance_panels,
    ]
    max_count_per_parent = 1

    #: Decree 224/2026 Điều 9.1c asks this of province and commune portals only.
    allowed_levels = (AdministrativeLevel.PROVINCE, AdministrativeLevel.COMMUNE)
    review_kind = "organisation"  # R-SLA-2 (editorial.reviews)

    def meta_image(self):
        """Metadata (core.metadata): the map stands for the page when shared."""
        return self.map_image

    class Meta:
        verbose_name = _("administrative boundary map")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        if site is None:
            return True
        return PortalSettings.for_site(site).administrative_level in cls.allowed_levels


class DirectoryPage(ReviewableMixin, VietnameseSlugMixin, Page):
    """Public directory of the site's units and officials, grouped by unit (R-DIR-1),
    reviewed periodically (R-SLA-2, editorial.reviews)."""

    intro = models.TextField(_("summary"), blank=True)
    review_kind = "directory"

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("directory page")

    def directory_units(self, site: Site) -> list[Unit]:
        """Units of the site in tree order, each with its active officials: two queries."""
        units = list(
            Unit.objects.filter(site=site)
            .select_related("parent")
            .prefetch_related(
                models.Prefetch(
                    "officials",
                    queryset=Official.objects.filter(is_active=True).order_by(
                        "sort_order", "full_name"
                    ),
                    to_attr="active_officials",
                )
            )
        )
        children: dict[int | None, list[Unit]] = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)
        ordered: list[Unit] = []
        known = {unit.pk for unit in units}

        def walk(parent_id, depth):
            for unit in children.get(parent_id, []):
                unit.depth = depth
                ordered.append(unit)
                walk(unit.pk, depth + 1)

        walk(None, 0)
        # Units whose parent belongs to another site are shown at the top level.
        for unit in units:
            if unit.parent_id is not None and unit.parent_id not in known:
                unit.depth = 0
                ordered.append(unit)
                walk(unit.pk, 1)
        return ordered

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The request's site is already known (no query); a preview may have none.
        site = Site.find_for_request(request) or self.get_site()
        context["units"] = self.directory_units(site) if site else []
        return context


class SitemapPage(VietnameseSlugMixin, Page):
    """An HTML site map of the portal (TT 32/2017 asks for one)."""

    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("site map page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request) or self.get_site()
        if site:
            root = site.root_page
            pages = list(
                sitecache.public(Page.objects.descendant_of(root).live())
                .filter(depth__lte=root.depth + 2)
                .order_by("path")
                .only("id", "title", "path", "depth", "url_path")
            )
            context["sitemap_entries"] = [
                {"page": page, "level": page.depth - root.depth} for page in pages
            ]
        return context
