"""StreamField blocks of the news app: gallery, conference materials, useful links."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from congthongtin.core.blocks import ImageBlock

#: A gallery is a list of images, each with its own text alternative, caption and credit.
GALLERY_BLOCKS = [("image", ImageBlock())]


class MaterialFileBlock(blocks.StructBlock):
    """A conference material stored on the portal: read and download (R-CONF-1)."""

    document = DocumentChooserBlock(label=_("file"))
    title = blocks.CharBlock(label=_("title"), required=False)
    kind = blocks.CharBlock(
        label=_("kind of material"),
        required=False,
        help_text=_("E.g. report, presentation, programme, contribution."),
    )

    class Meta:
        icon = "doc-full"
        label = _("File")


class MaterialLinkBlock(blocks.StructBlock):
    """A material published elsewhere: the portal links to it (R-CONF-1)."""

    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"))
    kind = blocks.CharBlock(label=_("kind of material"), required=False)

    class Meta:
        icon = "link-external"
        label = _("Link to a material elsewhere")


MATERIAL_BLOCKS = [("file", MaterialFileBlock()), ("link", MaterialLinkBlock())]


class UsefulLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"), required=False)
    page = blocks.PageChooserBlock(label=_("or a page of this portal"), required=False)
    description = blocks.CharBlock(label=_("description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("url") and not value.get("page"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give an address or choose a page."))}
            )
        return value


class LinkGroupBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("group title"))
    links = blocks.ListBlock(UsefulLinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        label = _("Group of links")
        template = "news/blocks/link_group.html"
