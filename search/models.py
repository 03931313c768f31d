"""The site search index: one row per live public page, and one per part worth finding on
its own (the articles of a legal document), in every spelling a reader may type.

Wagtail's search backends index these rows (``index.Indexed``): the accented text for the
exact match, a folded copy (``congthongtin.vietnam.fold``: no diacritics, đ → d) so unaccented and
differently-toned queries find the same rows on every backend, and document numbers in
canonical folded form. Facets are plain columns, so counts are one GROUP BY.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index


class SearchDocument(index.Indexed, models.Model):
    #: The page found; empty for content that is not a page (published Q&A answers), which
    #: is identified by ``source`` instead.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True, db_index=True)
    #: treebeard path of the page: restricts results to the requesting site's tree.
    path = models.CharField(max_length=255, db_index=True)
    #: "" for the whole page, else the fragment of the part ("dieu-5").
    anchor = models.CharField(max_length=100, blank=True, default="")
    category = models.CharField(max_length=40, blank=True, db_index=True)
    title = models.CharField(max_length=500)
    heading = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    #: Telex spelling (``congthongtin.vietnam.fold.telex``): the exact accents in ASCII, so that an
    #: exactly accented query ranks its matches above folded collisions on any backend.
    telex = models.TextField(blank=True)
    folded_title = models.CharField(max_length=1000, blank=True)
    #: Numbers for full-text matching, separators as spaces ("42 2022 nd cp"): PostgreSQL's
    #: parser would read "42/2022/nd-cp" as one file-name token.
    numbers = models.CharField(max_length=500, blank=True)
    #: " 42/2022/nd-cp 541/qd-ubnd ": folded canonical numbers for exact lookups.
    number_keys = models.CharField(max_length=500, blank=True)
    #: " slug-1 slug-2 " so that one field is matched with a contains filter.
    field_slugs = models.CharField(max_length=1000, blank=True)
    agency = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    url = models.CharField(max_length=500)

    search_fields = [  # folded_title is also read back to put title matches first
        index.SearchField("title", boost=4),
        index.SearchField("heading", boost=3),
        index.SearchField("numbers", boost=6),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("folded"),
        index.SearchField("telex", boost=2),
        index.AutocompleteField("folded_title"),
        index.AutocompleteField("numbers"),
        index.FilterField("path"),
        index.FilterField("anchor"),
        index.FilterField("category"),
        index.FilterField("agency"),
        index.FilterField("year"),
        index.FilterField("page_id"),
        index.FilterField("id"),  # search.query.ranked_rows ranks a bounded set of rows
    ]

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["page", "anchor"])]

    def __str__(self):
        return f"{self.title} {self.heading}".strip()


@register_setting(icon="search")
class SearchSettings(BaseSiteSetting):
    """One body's choices for its site search. The head of the body's board changes them,
    on that body only (Wagtail's per-site permission, ``search.setup``)."""

    search_component_sites = models.BooleanField(
        _("search the sites of the bodies under this one"),
        default=False,
        help_text=_(
            "When ticked, this site's search also finds the pages of the bodies whose parent "
            "portal is this one (departments, communes, and the bodies under them), each "
            "result linking to its own site and naming its body."
        ),
    )

    class Meta:
        verbose_name = _("search settings")
        verbose_name_plural = _("search settings")
