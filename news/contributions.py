"""Items sent to the board's standing office become draft news items, articles or notices
(S1 Đ14, R-SUB-1).

The editorial inbox knows page types only through the Wagtail hook
``congthongtin_contribution_targets`` (editorial imports no domain app, and this app
imports nothing of editorial): ``wagtail_hooks`` registers ``targets`` below. Each
``build(parent, contribution, user)`` makes the draft under ``parent``, not live, owned by
``user``, with a revision, from what the item holds (a duck-typed object: ``title``,
``text``, ``kind``, ``provenance()``, ``word_file()``, ``image_files()``; each file has
``kind``, ``original_name`` and ``file``):

- a Word file (.docx, .doc) goes through this app's Word import (``importing``): title,
  lead, body, pictures into the body's collection; an ODT file's text is read within
  bounds (``core.reading``); otherwise the text typed in the form is the body;
- attached pictures become Wagtail images in the body's collection: a news item's lead
  image and gallery, an article's or notice's pictures at the end of the body (a BMP is
  converted to PNG, which browsers and Wagtail take);
- the author's name and address, the origin, the source (and who collected it) and the
  responsible unit come from the sender (R-SUB-1). Raises ValueError with the reason.
"""

from __future__ import annotations

import html
import io
from pathlib import PurePath

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from congthongtin.core.bodies import body_collection, site_of_page
from congthongtin.core.reading import ReadError, read_document_bounded
from congthongtin.core.richtext import clean_html
from congthongtin.core.slugs import free_child_slug
from congthongtin.vietnam.fold import slugify

from .importing import ImportFailed, can_add_images, import_word_page
from .models import (
    ArticleIndexPage,
    ArticlePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NoticeIndexPage,
    NoticePage,
)
from .models.notices import NoticeKind


def _read(fieldfile) -> bytes:
    fieldfile.open("rb")
    try:
        return fieldfile.read()
    finally:
        fieldfile.close()


def _paragraphs(text: str) -> str:
    parts = [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return clean_html("".join(f"<p>{html.escape(p)}</p>" for p in parts if p))


def _save_images(contribution, parent, user) -> list:
    """The item's pictures as Wagtail images of the body's collection ([] when the user
    may not add images there)."""
    files = contribution.image_files()
    if not files:
        return []
    collection = body_collection(site_of_page(parent))
    if not can_add_images(user, collection):
        return []
    from PIL import Image as PILImage

    Image = get_image_model()
    slug = slugify(contribution.title, max_length=50) or "anh"
    saved = []
    for number, stored in enumerate(files, start=1):
        data = _read(stored.file)
        extension = stored.kind
        if extension == "bmp":
            with PILImage.open(io.BytesIO(data)) as picture:
                buffer = io.BytesIO()
                picture.convert("RGB").save(buffer, format="PNG")
            data, extension = buffer.getvalue(), "png"
        title = f"{contribution.title} ({number})"[:255]
        image = Image(title=title, collection=collection, uploaded_by_user=user)
        image.file = ImageFile(io.BytesIO(data), name=f"{slug}-{number}.{extension}")
        image._set_image_file_metadata()
        image.save()
        saved.append(image)
    return saved


def _image_block(image, credit: str) -> dict:
    return {
        "type": "image",
        "value": {"image": image.pk, "alt_text": "", "caption": "", "credit": credit[:255]},
    }


def _text_body(contribution) -> str:
    """The body's HTML: an ODT file's text when there is one, else the text typed."""
    word = contribution.word_file()
    if word is not None and word.kind == "odt":
        try:
            result = read_document_bounded(_read(word.file), word.original_name or "tep.odt")
        except ReadError as error:
            raise ValueError(str(error)) from error
        return clean_html(result.html)
    return _paragraphs(contribution.text)


def _finish(page, contribution, user, images) -> None:
    """Provenance from the sender, pictures, then the revision the editor opens."""
    provenance = contribution.provenance()
    for name, value in provenance.items():
        # An author line found in the Word file names the writer better than the sender.
        if name in ("author_name", "author_address") and getattr(page, name):
            continue
        if value or name == "origin":
            setattr(page, name, value)
    credit = page.author_name or provenance["author_name"]
    if images:
        if isinstance(page, NewsPage):
            if page.lead_image_id is None:
                page.lead_image = images[0]
            page.gallery = [_image_block(image, credit) for image in images]
        else:
            stream = list(page.body.raw_data) if page.body else []
            page.body = stream + [_image_block(image, credit) for image in images]
    page.save(clean=False)
    page.save_revision(user=user, clean=False, log_action=False)


def _new_page(model, parent, contribution, user, **fields):
    page = model(
        title=contribution.title[:255],
        slug=free_child_slug(
            parent, slugify(contribution.title, max_length=80)[:80].strip("-"), "bai-viet"
        ),
        live=False,
        owner=user,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action="wagtail.create", clean=False)
    return page


def _word_import(parent, contribution, user, page_type):
    """The draft made by the Word import, or None when the item has no .docx/.doc."""
    word = contribution.word_file()
    if word is None or word.kind not in ("docx", "doc"):
        return None
    try:
        result = import_word_page(
            _read(word.file),
            PurePath(word.original_name or f"tep.{word.kind}").name,
            parent=parent,
            user=user,
            page_type=page_type,
        )
    except ImportFailed as error:
        raise ValueError(str(error)) from error
    return result.page


def build_news(parent, contribution, user):
    page = _word_import(parent, contribution, user, "news")
    if page is None:
        category = NewsCategory.objects.order_by("sort_order", "name").first()
        if category is None:
            raise ValueError(_("There is no news category yet: add one first."))
        page = _new_page(
            NewsPage, parent, contribution, user, category=category, body=_body(contribution)
        )
    _finish(page, contribution, user, _save_images(contribution, parent, user))
    return page


def build_article(parent, contribution, user):
    page = _word_import(parent, contribution, user, "article")
    if page is None:
        page = _new_page(ArticlePage, parent, contribution, user, body=_body(contribution))
    _finish(page, contribution, user, _save_images(contribution, parent, user))
    return page


def build_notice(parent, contribution, user):
    page = _new_page(
        NoticePage,
        parent,
        contribution,
        user,
        kind=NoticeKind.OTHER,
        body=_body(contribution),
    )
    _finish(page, contribution, user, _save_images(contribution, parent, user))
    return page


def _body(contribution) -> list[dict]:
    markup = _text_body(contribution)
    return [{"type": "paragraph", "value": markup}] if markup else []


def targets() -> list[dict]:
    """What the editorial inbox may turn an item into (hook
    ``congthongtin_contribution_targets``)."""
    return [
        {
            "model": NewsPage,
            "parents": (NewsIndexPage,),
            "kinds": ("news", "photo"),
            "build": build_news,
        },
        {
            "model": ArticlePage,
            "parents": (ArticleIndexPage,),
            "kinds": ("article",),
            "build": build_article,
        },
        {
            "model": NoticePage,
            "parents": (NoticeIndexPage,),
            "kinds": ("announcement",),
            "build": build_notice,
        },
    ]
