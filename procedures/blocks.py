"""StreamField blocks of a procedure: the structured parts of NĐ 63/2010 Điều 8 k2."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .choices import SubmissionChannel

#: The page type of the legal app. Not imported: ``procedures`` must not depend on ``legal``
#: (both are domain apps); the label is checked on the chosen page instead.
LEGAL_DOCUMENT_PAGE = "legal.LegalDocumentPage"


class StepBlock(blocks.StructBlock):
    """One step of trình tự thực hiện."""

    title = blocks.CharBlock(
        label=_("step name"), required=False, help_text=_("E.g. “Nộp hồ sơ”. May be empty.")
    )
    text = blocks.TextBlock(label=_("what happens"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class SubmissionBlock(blocks.StructBlock):
    """One way to submit (cách thức thực hiện): in person, by post or online."""

    channel = blocks.ChoiceBlock(
        choices=SubmissionChannel.choices, label=_("channel"), default=SubmissionChannel.IN_PERSON
    )
    place = blocks.TextBlock(
        label=_("where"),
        required=False,
        help_text=_("Office and address for in person or by post; the portal's name online."),
    )
    url = blocks.URLBlock(
        label=_("address of the online service"),
        required=False,
        help_text=_("Required for the online channel."),
    )
    hours = blocks.CharBlock(label=_("receiving hours"), required=False)
    note = blocks.TextBlock(label=_("note"), required=False)

    class Meta:
        icon = "site"
        label = _("Way to submit")

    def clean(self, value):
        value = super().clean(value)
        if value.get("channel") == SubmissionChannel.ONLINE and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give the address of the online service."))}
            )
        return value


class DossierItemBlock(blocks.StructBlock):
    """One paper of the dossier (thành phần hồ sơ) with its number of copies."""

    name = blocks.TextBlock(label=_("paper"))
    originals = blocks.IntegerBlock(label=_("originals"), required=False, min_value=0)
    copies = blocks.IntegerBlock(label=_("copies"), required=False, min_value=0)
    form_code = blocks.CharBlock(
        label=_("form"),
        required=False,
        help_text=_("Code of one of this procedure's forms, to link the paper to its form."),
    )
    note = blocks.TextBlock(label=_("note"), required=False)

    class Meta:
        icon = "doc-empty"
        label = _("Paper")


class DossierBlock(blocks.StreamBlock):
    """Papers, optionally grouped by case ("Trường hợp …") as the national database does."""

    case = blocks.CharBlock(
        label=_("Case"),
        icon="title",
        help_text=_("Starts a group of papers, e.g. “Trường hợp người đi đăng ký là ông, bà”."),
    )
    item = DossierItemBlock()


class FeeBlock(blocks.StructBlock):
    """One fee or charge (phí, lệ phí) in đồng, with its exemptions."""

    name = blocks.CharBlock(label=_("fee or charge"))
    amount = blocks.IntegerBlock(
        label=_("amount (đồng)"),
        required=False,
        min_value=0,
        help_text=_("0 = free. Empty when the law gives no single amount: explain in the note."),
    )
    note = blocks.TextBlock(label=_("exemptions and notes"), required=False)

    class Meta:
        icon = "tag"
        label = _("Fee")


class LegalDocumentChooserBlock(blocks.PageChooserBlock):
    """A legal document published on this portal (a page of the legal app)."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            model = value.specific_class
            if model is None or model._meta.label != LEGAL_DOCUMENT_PAGE:
                raise ValidationError(_("Choose a legal document page."))
        return value

    class Meta:
        icon = "doc-full-inverse"
        label = _("Legal document on this portal")


class LegalCitationBlock(blocks.StructBlock):
    """A legal document named in text, when it is not (yet) published on this portal."""

    number = blocks.CharBlock(label=_("number and symbol"), help_text=_("E.g. 123/2015/NĐ-CP."))
    title = blocks.TextBlock(label=_("summary (trích yếu)"), required=False)
    issued_on = blocks.DateBlock(label=_("date of issue"), required=False)
    issuer = blocks.CharBlock(label=_("issuing body"), required=False)
    url = blocks.URLBlock(label=_("address of the text"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Legal document (text)")


class LegalBasisBlock(blocks.StreamBlock):
    document = LegalDocumentChooserBlock(required=True)
    citation = LegalCitationBlock()
