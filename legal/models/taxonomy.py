"""Document types, effect status and relation types of the legal-document library."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from congthongtin.core.models.taxonomy import SlugFromNameMixin
from congthongtin.vietnam.fold import fold


class DocumentType(SlugFromNameMixin, index.Indexed, models.Model):
    """A document type (tên loại văn bản): Luật, Nghị định, Quyết định, Công văn…

    The official abbreviations used inside numbers and symbols come from Decree
    30/2020/NĐ-CP Phụ lục III (administrative types) and the Law on Promulgation of
    Legal Documents (legal types such as NĐ, TT, TTLT). R-LEGAL-1 asks for classification
    and search by type. The default list is created by a data migration.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Used in filter addresses (?loai=…). Left empty, it is made from the name."),
    )
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=20,
        blank=True,
        help_text=_(
            "The official abbreviation written in the symbol (Decree 30/2020/NĐ-CP Phụ lục "
            "III): NĐ, QĐ, TT, CT, KH, TB… Empty for types without one (Luật, Công văn)."
        ),
    )
    is_legal = models.BooleanField(
        _("legal-document type"),
        default=False,
        help_text=_(
            "A type of legal normative document (văn bản quy phạm pháp luật); such documents "
            "carry the year in their number."
        ),
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("abbreviation"),
        FieldPanel("is_legal"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self):
        return self.name

    @classmethod
    def lookup(cls, name: str | None = None, abbreviation: str | None = None):
        """The type whose name (diacritics-insensitive) or abbreviation matches; None if none."""
        candidates = list(cls.objects.all())
        if name:
            key = fold(name)
            for item in candidates:
                if fold(item.name) == key:
                    return item
        if abbreviation:
            for item in candidates:
                if item.abbreviation and item.abbreviation == abbreviation:
                    return item
            key = fold(abbreviation)
            matches = [i for i in candidates if i.abbreviation and fold(i.abbreviation) == key]
            if len(matches) == 1:
                return matches[0]
        return None


class EffectStatus(models.TextChoices):
    """Effect status (tình trạng hiệu lực) as the national legal database shows it.

    Values are the slugs used in filter addresses (?hieu_luc=…).
    """

    IN_FORCE = "con-hieu-luc", _("In force")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Partly no longer in force")
    EXPIRED = "het-hieu-luc-toan-bo", _("No longer in force")
    NOT_YET = "chua-co-hieu-luc", _("Not yet in force")


#: How far a status has moved towards "no longer in force"; automatic changes only go up.
STATUS_RANK = {
    EffectStatus.NOT_YET: 0,
    EffectStatus.IN_FORCE: 1,
    EffectStatus.PARTLY_EXPIRED: 2,
    EffectStatus.EXPIRED: 3,
}


class RelationType(models.TextChoices):
    """Typed links between documents (vbpl.vn "VB liên quan", "Lược đồ").

    The relation is stored once, from the newer (acting) document to the one it acts on;
    the page of the other document shows the inverse wording (``INVERSE_LABELS``).
    """

    BASED_ON = "can-cu", pgettext_lazy("legal relation", "Based on")
    GUIDES = "huong-dan", pgettext_lazy("legal relation", "Guides")
    AMENDS = "sua-doi", pgettext_lazy("legal relation", "Amends")
    REPLACES = "thay-the", pgettext_lazy("legal relation", "Replaces")
    REPEALS = "bai-bo", pgettext_lazy("legal relation", "Repeals")
    CORRECTS = "dinh-chinh", pgettext_lazy("legal relation", "Corrects")
    RELATED = "lien-quan", pgettext_lazy("legal relation", "Related documents")


INVERSE_LABELS = {
    RelationType.BASED_ON: pgettext_lazy("legal relation", "Basis for"),
    RelationType.GUIDES: pgettext_lazy("legal relation", "Guided by"),
    RelationType.AMENDS: pgettext_lazy("legal relation", "Amended by"),
    RelationType.REPLACES: pgettext_lazy("legal relation", "Replaced by"),
    RelationType.REPEALS: pgettext_lazy("legal relation", "Repealed by"),
    RelationType.CORRECTS: pgettext_lazy("legal relation", "Corrected by"),
    RelationType.RELATED: pgettext_lazy("legal relation", "Related documents"),
}

#: Relations that end the effect of the target document on the acting one's effective date.
ENDING_RELATIONS = (RelationType.REPLACES, RelationType.REPEALS)
