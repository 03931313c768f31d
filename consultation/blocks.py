"""The legal citation of an answer (R-QA-1; S1 Đ12.5): number/symbol, summary (trích yếu),
date and issuer of every legal document the answer uses, linked to the library.

The library is the legal app's, which the citizens' voice does not need (issue 17): its page
type is named here, never imported, and without the legal app every citation is typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

ARTICLE_NUMBER = re.compile(r"(?i)\bđi[eề]u\s+(\d+[a-zđ]?)")

#: The library's documents (the legal app), by name: the legal app may not be installed.
LIBRARY_DOCUMENT = "legal.LegalDocumentPage"
LIBRARY_APP = "congthongtin.legal"


def is_library_document(page) -> bool:
    return page is not None and page._meta.label == LIBRARY_DOCUMENT


@dataclass
class Citation:
    """What the public sees of one citation, from the library page when there is one."""

    number_symbol: str
    summary: str
    issue_date: object
    issuer: str
    article: str
    page: object = None  # the live LegalDocumentPage, or None

    @property
    def anchor(self) -> str:
        """ "#dieu-15" for "Điều 15" (the library marks each article so)."""
        match = ARTICLE_NUMBER.search(self.article or "")
        return f"#dieu-{match.group(1).lower()}" if match else ""


def citation_of(value) -> Citation:
    """The citation in a block value. A chosen document that is still in the library and
    live supplies its own data; otherwise (deleted, unpublished, or never in the library)
    the typed data stands, without a link, or with one to a live page that the chooser
    offered instead of the library's (the legal app not installed)."""
    page = value.get("document")
    if page is not None and not getattr(page, "live", False):
        page = None
    if is_library_document(page):
        issuer = page.issuing_body.name if getattr(page, "issuing_body_id", None) else ""
        return Citation(
            number_symbol=page.number_symbol or value.get("number_symbol") or "",
            summary=page.summary or value.get("summary") or page.title,
            issue_date=page.issue_date or value.get("issue_date"),
            issuer=issuer or value.get("issuer") or "",
            article=value.get("article") or "",
            page=page,
        )
    return Citation(
        number_symbol=value.get("number_symbol") or "",
        summary=value.get("summary") or "",
        issue_date=value.get("issue_date"),
        issuer=value.get("issuer") or "",
        article=value.get("article") or "",
        page=page,  # a page that is not the library's (no legal app): a link only
    )


class LibraryDocumentChooserBlock(blocks.PageChooserBlock):
    """Chooses a document of the legal library when the legal app is installed. Without it,
    no page type of that name exists and a chooser naming it fails on every answer's form:
    any page may then be chosen, as a link, and the citation's data is typed
    (``LegalCitationBlock.clean``). The page type is not one of the block's arguments, so
    its migrations are the same with or without the legal app."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page_type = [LIBRARY_DOCUMENT] if apps.is_installed(LIBRARY_APP) else []


class LegalCitationBlock(blocks.StructBlock):
    document = LibraryDocumentChooserBlock(
        required=False,
        label=_("document in the library"),
        help_text=_("Its number, summary, date and issuer are taken from the library."),
    )
    article = blocks.CharBlock(
        required=False, label=_("article or clause"), help_text=_("E.g. “Điều 15, khoản 1”.")
    )
    number_symbol = blocks.CharBlock(
        required=False,
        label=_("number and symbol"),
        help_text=_("Only for a document not in the library, e.g. 123/2015/NĐ-CP."),
    )
    summary = blocks.CharBlock(required=False, label=_("summary (trích yếu)"))
    issue_date = blocks.DateBlock(required=False, label=_("issue date"))
    issuer = blocks.CharBlock(required=False, label=_("issuing body"))

    class Meta:
        icon = "doc-full"
        label = _("Legal document cited")
        template = "consultation/blocks/citation.html"

    def clean(self, value):
        value = super().clean(value)
        if not is_library_document(value.get("document")):
            missing = [
                name
                for name in ("number_symbol", "summary", "issue_date", "issuer")
                if not value.get(name)
            ]
            if missing:
                raise StructBlockValidationError(
                    block_errors={
                        name: ValidationError(
                            _(
                                "Choose a document of the library, or give its number and "
                                "symbol, summary, date and issuer (R-QA-1)."
                            )
                        )
                        for name in missing
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["citation"] = citation_of(value)
        return context
