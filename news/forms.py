"""Admin form of the pages with publishing rules (author, original reference …)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congthongtin.core.forms import PortalPageForm


class PublishingRulesPageForm(PortalPageForm):
    """The page form of the types with publishing rules (author, original reference …).

    ``PortalPageForm`` judges the page as what the editor's action will make of it, so the
    model's rules for live pages land on the form fields on publish and submit only.
    """


#: Upload limit of the Word import (R-SUB-1), as the document readers'.
MAX_WORD_BYTES = 20 * 1024 * 1024


class WordImportForm(forms.Form):
    """A unit's Word file to import as a draft news item or article (R-SUB-1). The index
    choices are those the user may add a page under; the view checks again on POST."""

    file = forms.FileField(
        label=_("Word file"),
        help_text=_(
            "A news item or an article as units write them (.docx; .doc where the server "
            "converts it), up to 20 MB: title, lead in bold or italic, body with pictures and "
            "their captions in italics, author line at the end."
        ),
    )
    parent = forms.ModelChoiceField(
        queryset=None, label=_("Publish under"), empty_label=None, to_field_name="pk"
    )
    page_type = forms.ChoiceField(
        label=_("Page type"),
        choices=[("news", _("News item")), ("article", _("Article"))],
    )
    category = forms.ModelChoiceField(
        queryset=None,
        label=_("News category"),
        required=False,
        help_text=_("For a news item; empty: the first category (change it in the editor)."),
    )

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import Page

        from .models import NewsCategory

        self.parents = {page.pk: page for page in parents}
        self.fields["parent"].queryset = Page.objects.filter(pk__in=list(self.parents)).order_by(
            "path"
        )
        self.fields["parent"].label_from_instance = self._parent_label
        self.fields["category"].queryset = NewsCategory.objects.order_by("sort_order", "name")

    def _parent_label(self, page) -> str:
        from congthongtin.core.bodies import body_name, site_of_page

        site = site_of_page(page)
        return f"{page.title} — {body_name(site)}" if site else page.title

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_WORD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        parent, page_type = cleaned.get("parent"), cleaned.get("page_type")
        if parent is not None and page_type:
            from .importing import page_type_of

            if page_type_of(self.parents.get(parent.pk, parent)) != page_type:
                self.add_error(
                    "page_type",
                    _("A news item goes under a news index, an article under an article index."),
                )
        return cleaned
