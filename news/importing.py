"""A unit's Word file becomes a DRAFT news item or article (R-SUB-1: content sent as Word
files goes into the portal without retyping, then through the board's workflow).

``import_word_page`` is the one function that does it, for the admin screen and the
``import_news_word`` command: the file is read within bounds
(``congthongtin.core.reading.word_content``), its title, lead, author and body found
(``congthongtin.news.word``), its pictures saved as Wagtail images in the collection of
the body (site) the page belongs to, and the page added under the chosen index, not
live, owned by the user, with a first revision: the editor checks it and submits it like
any draft. A failure leaves nothing behind: no page, no image row, no stored file.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model

from congthongtin.core.bodies import body_collection, site_of_page
from congthongtin.core.reading import ReadError
from congthongtin.core.reading.word_content import WordContent, read_word_content_bounded
from congthongtin.core.richtext import clean_html
from congthongtin.core.slugs import free_child_slug
from congthongtin.vietnam.fold import slugify

from .models import ArticleIndexPage, ArticlePage, NewsCategory, NewsIndexPage, NewsPage
from .word import Extracted, Picture, extract

logger = logging.getLogger(__name__)

#: Page type → (model, index model).
PAGE_TYPES = {"news": (NewsPage, NewsIndexPage), "article": (ArticlePage, ArticleIndexPage)}


class ImportFailed(Exception):
    """Nothing was created; ``str(error)`` says why (in the active language, or the
    reader's Vietnamese)."""


@dataclass
class WordImport:
    page: NewsPage | ArticlePage
    #: What the editor must check on the draft, one sentence each.
    checks: list[str] = field(default_factory=list)
    images: int = 0


def page_type_of(parent) -> str | None:
    parent = parent.specific
    for name, (_model, index) in PAGE_TYPES.items():
        if isinstance(parent, index):
            return name
    return None


def can_add_images(user, collection) -> bool:
    if user is None:
        return True  # the command line, run by the server's administrator
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_image_model())
    return policy.collections_user_has_permission_for(user, "add").filter(pk=collection.pk).exists()


def import_word_page(
    data: bytes,
    filename: str,
    *,
    parent,
    user=None,
    page_type: str | None = None,
    category: NewsCategory | None = None,
    parse_limits=None,
) -> WordImport:
    """The draft page made of the Word file ``data`` under ``parent`` (a news or article
    index), owned by ``user``, who must be allowed to add a page there. Raises
    ``ImportFailed`` (nothing created) when the file or the place is refused."""
    parent = parent.specific
    page_type = page_type or page_type_of(parent)
    if page_type not in PAGE_TYPES:
        raise ImportFailed(_("Choose a news index or an article index to import into."))
    model, index_model = PAGE_TYPES[page_type]
    if not isinstance(parent, index_model) or not model.can_create_at(parent):
        raise ImportFailed(
            _("A %(type)s cannot be added under “%(parent)s”.")
            % {"type": model._meta.verbose_name, "parent": parent.title}
        )
    if user is not None and not parent.permissions_for_user(user).can_add_subpage():
        # The screen checks first; this holds for every other caller (the command's --user).
        raise ImportFailed(
            _("%(user)s may not add a page under “%(parent)s”.")
            % {"user": user.get_username(), "parent": parent.title}
        )
    filename = PurePath(filename or "").name
    with tempfile.TemporaryDirectory(prefix="word-import-") as directory:
        try:
            content = read_word_content_bounded(
                data, filename, directory, parse_limits=parse_limits
            )
        except ReadError as error:
            raise ImportFailed(str(error)) from error
        extracted = extract(content.blocks)
        if not extracted.title:
            raise ImportFailed(_("No title was found in the file: it has no text."))
        stored: list[str] = []
        try:
            with transaction.atomic():
                return _create(content, extracted, parent, user, model, category, stored, filename)
        except ImportFailed:
            _delete_files(stored)
            raise
        except Exception as error:
            _delete_files(stored)
            logger.exception("Import of %s failed", filename)
            raise ImportFailed(
                _("The page could not be created: %(error)s") % {"error": error}
            ) from error


def _delete_files(names: list[str]) -> None:
    storage = get_image_model()._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the stored file %s", name)


def _save_images(content: WordContent, extracted: Extracted, collection, user, stored) -> dict:
    """Each picture used in the body as a Wagtail image: index → image."""
    Image = get_image_model()
    captions = {p.image: p for p in extracted.pictures}
    slug = slugify(extracted.title, max_length=50) or "anh"
    saved = {}
    for number, image in enumerate(content.images, start=1):
        if image.index not in captions:
            continue
        picture = captions[image.index]
        title = picture.caption or image.alt or f"{extracted.title} ({number})"
        instance = Image(title=title[:255], collection=collection, uploaded_by_user=user)
        with open(image.path, "rb") as handle:
            instance.file = ImageFile(handle, name=f"{slug}-{number}.{image.extension}")
            instance._set_image_file_metadata()  # size and hash, as the upload form does
            instance.save()
        stored.append(instance.file.name)
        saved[image.index] = instance
    return saved


def _image_value(picture: Picture, image, alt: str) -> dict:
    return {
        "image": image.pk,
        "alt_text": alt[:255],
        "caption": picture.caption[:255],
        "credit": picture.credit[:255],
    }


def _stream(extracted: Extracted, images: dict, alts: dict) -> list[dict]:
    stream = []
    for item in extracted.body:
        kind = item[0]
        if kind == "paragraphs":
            markup = clean_html("".join(f"<p>{html}</p>" for html in item[1]))
            if markup:
                stream.append({"type": "paragraph", "value": markup})
        elif kind == "heading":
            level = "h2" if item[2] <= 1 else "h3"
            stream.append({"type": "heading", "value": {"text": item[1][:255], "level": level}})
        elif kind == "image":
            picture = item[1]
            if picture.image in images:
                value = _image_value(picture, images[picture.image], alts.get(picture.image, ""))
                stream.append({"type": "image", "value": value})
        elif kind == "table":
            stream.append(
                {
                    "type": "table",
                    "value": {
                        "data": item[1],
                        "first_row_is_table_header": False,
                        "first_col_is_header": False,
                        "table_caption": "",
                    },
                }
            )
    return stream


def _create(content, extracted, parent, user, model, category, stored, filename):
    checks: list[str] = []
    collection = body_collection(site_of_page(parent))
    images = {}
    if extracted.pictures:
        if can_add_images(user, collection):
            images = _save_images(content, extracted, collection, user, stored)
        else:
            checks.append(
                _(
                    "The pictures were not imported: you may not add images to the "
                    "collection “%(collection)s”."
                )
                % {"collection": collection.name}
            )
    alts = {image.index: image.alt for image in content.images}
    author = extracted.author
    fields = {
        "title": extracted.title,
        "slug": free_child_slug(
            parent, slugify(extracted.title, max_length=80)[:80].strip("-"), "bai-viet"
        ),
        "live": False,
        "owner": user,
        "summary": extracted.lead,
        "author_name": author.name[:255],
        "source": extracted.source[:500],
    }
    if model is NewsPage:
        category = category or NewsCategory.objects.order_by("sort_order", "name").first()
        if category is None:
            raise ImportFailed(_("There is no news category yet: add one first."))
        fields["category"] = category
        unit = ", ".join(part for part in (author.position, author.unit) if part)
        fields["author_address"] = unit[:255]
        lead = _lead_picture(extracted, images)
        if lead is not None:
            fields.update(
                lead_image=images[lead.image],
                lead_image_alt=alts.get(lead.image, "")[:255],
                lead_image_caption=lead.caption[:500],
                lead_image_credit=lead.credit[:255],
            )
        elif images:
            checks.append(_("Choose the lead image: the file's first picture is not at its top."))
        else:
            checks.append(_("The file has no picture: choose a lead image if there is one."))
    else:
        fields["author_position"] = author.position[:255]
        fields["author_unit"] = author.unit[:255]
    page = model(**fields, body=_stream(extracted, images, alts))
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action="wagtail.create", clean=False)
    checks[:0] = _checks(extracted, content, model)
    return WordImport(page=page, checks=checks, images=len(images))


def _lead_picture(extracted: Extracted, images: dict) -> Picture | None:
    """The picture at the top of the body, before any text: the news item's lead image
    (the page shows it above the body, so it leaves the body)."""
    if extracted.body and extracted.body[0][0] == "image":
        picture = extracted.body[0][1]
        if picture.image in images:
            extracted.body.pop(0)
            return picture
    return None


def _checks(extracted: Extracted, content: WordContent, model) -> list[str]:
    checks = []
    author = extracted.author
    if "no_author" in extracted.checks:
        checks.append(_("Author not identified: fill in the author's name."))
    elif model is ArticlePage and not (author.position and author.unit):
        checks.append(
            _("The author's position or unit was not found: fill them in before publishing.")
        )
    if "no_lead" in extracted.checks:
        checks.append(_("No lead paragraph was found: write the summary."))
    if "capital_title" in extracted.checks:
        checks.append(_("The title is written in capitals: write it in sentence case."))
    if "long_title" in extracted.checks:
        checks.append(_("The title was longer than 255 characters and was shortened."))
    if extracted.source:
        checks.append(_("The file names a source: check the origin of the item."))
    uncaptioned = sum(1 for p in extracted.pictures if not p.caption)
    if uncaptioned:
        checks.append(
            ngettext(
                "%(count)d picture has no caption: describe what it shows.",
                "%(count)d pictures have no caption: describe what they show.",
                uncaptioned,
            )
            % {"count": uncaptioned}
        )
    if content.legacy_runs:
        checks.append(
            ngettext(
                "%(count)d passage in a legacy encoding (TCVN3, VNI) was converted to "
                "Unicode: proofread it.",
                "%(count)d passages in a legacy encoding (TCVN3, VNI) were converted to "
                "Unicode: proofread them.",
                content.legacy_runs,
            )
            % {"count": content.legacy_runs}
        )
    checks.extend(content.notes)
    return checks
