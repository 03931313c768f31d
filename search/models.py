"""The site search index: one row per live public page, and one per part worth finding on
its own (the articles of a legal document), in every spelling a reader may type.

Wagtail's search backends index these rows (``index.Indexed``): the accented text for the
exact match, a folded copy (``congthongtin.vietnam.fold``: no diacritics, đ → d) so unaccented and
differently-toned queries find the same rows on every backend, and document numbers in
canonical folded form. Facets are plain columns, so counts are one GROUP BY.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from congthongtin.vietnam import everyday


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


#: The kinds of entry (``vietnam.everyday.KINDS``) with their labels.
KIND_LABELS = {
    everyday.EVERYDAY: _("Everyday words"),
    everyday.FORMER: _("Former name"),
    everyday.ABBREVIATION: _("Abbreviation"),
}
assert tuple(KIND_LABELS) == everyday.KINDS  # a kind added to the lexicon needs a label here

#: Limits of one entry: a body's entry maps one phrase to a few terms, not a thesaurus.
MAX_TERMS = 20
MAX_TERM_LENGTH = 200
_TERM_SEPARATORS = re.compile(r"[\n;]")


def split_terms(text: str) -> list[str]:
    """The terms of ``text``: one per line (a ";" also separates, as in the shipped list)."""
    return [term.strip() for term in _TERM_SEPARATORS.split(text or "") if term.strip()]


class LexiconEntry(models.Model):
    """One body's own entry in the search lexicon, on top of the shipped list
    (``vietnam.everyday.SHIPPED``): a commune adds its villages' old names, a department its
    own abbreviations. ``search.lexicon.lexicon_for(site)`` reads them; an entry whose phrase
    is also a shipped one replaces it for that body's search. One phrase per row (a variant
    is another row), unique per body on its search key (``vietnam.everyday.key``)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    phrase = models.CharField(
        _("what citizens type"),
        max_length=200,
        help_text=_(
            "The words people search with, e.g. “xóm Đình” or “làm sổ đỏ”. Accents and "
            "capitals do not matter. One phrase per entry: add another entry for a variant."
        ),
    )
    #: ``vietnam.everyday.key(phrase)``, filled on save: what the lexicon compares.
    phrase_key = models.CharField(max_length=400, editable=False)
    terms = models.TextField(
        _("administrative terms"),
        help_text=_(
            "The words the body's pages use for it, one per line (at most 20), e.g. "
            "“thôn Đình Thượng”."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=list(KIND_LABELS.items()), default=everyday.EVERYDAY
    )
    reason = models.CharField(
        _("source or reason"),
        max_length=300,
        help_text=_(
            "Why these words mean the same: the decision that renamed a place or merged a "
            "unit, or the everyday usage."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["site", "phrase_key"]
        verbose_name = _("citizens' word")
        verbose_name_plural = _("citizens' words")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "phrase_key"],
                name="portal_search_one_lexicon_entry_per_phrase",
                violation_error_message=_("This body already has an entry for this phrase."),
                violation_error_code="duplicate_phrase",
            )
        ]

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase_key = everyday.key(self.phrase or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "phrase" in update_fields:
            kwargs["update_fields"] = {*update_fields, "phrase_key"}
        super().save(*args, **kwargs)

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        self.phrase_key = everyday.key(self.phrase or "")
        if not self.phrase_key:
            errors.setdefault("phrase", []).append(
                ValidationError(
                    _("The phrase needs at least one word (letters or digits)."), code="no_word"
                )
            )
        terms = self.term_list()
        if not any(everyday.key(term) for term in terms):
            errors.setdefault("terms", []).append(
                ValidationError(_("Give at least one administrative term."), code="no_term")
            )
        if len(terms) > MAX_TERMS:
            errors.setdefault("terms", []).append(
                ValidationError(
                    _("At most %(limit)d terms per entry (%(count)d given)."),
                    code="too_many_terms",
                    params={"limit": MAX_TERMS, "count": len(terms)},
                )
            )
        too_long = [term for term in terms if len(term) > MAX_TERM_LENGTH]
        if too_long:
            errors.setdefault("terms", []).append(
                ValidationError(
                    _("A term is at most %(limit)d characters: “%(term)s…”."),
                    code="term_too_long",
                    params={"limit": MAX_TERM_LENGTH, "term": too_long[0][:40]},
                )
            )
        if self.phrase_key and self.site_id is not None:
            taken = LexiconEntry.objects.filter(site_id=self.site_id, phrase_key=self.phrase_key)
            if self.pk is not None:
                taken = taken.exclude(pk=self.pk)
            if taken.exists():
                errors.setdefault("phrase", []).append(
                    ValidationError(
                        _("This body already has an entry for this phrase."),
                        code="duplicate_phrase",
                    )
                )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() checks (body, phrase) on the field with its own message; the constraint
        # stays for writes that skip validation.
        exclude = set(exclude or ()) | {"phrase_key"}
        super().validate_constraints(exclude=exclude)

    def as_entry(self) -> everyday.Entry:
        """This row as the lexicon's entry (raises ValueError if it has no word or term)."""
        terms = tuple(term for term in self.term_list() if everyday.key(term))
        return everyday.Entry(self.phrase, terms, self.kind, self.reason)
