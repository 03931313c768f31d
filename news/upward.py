"""News items proposed up to the parent portal (S0 Đ4.2d) and the copies made there.

The editorial app knows page types through the Wagtail hook ``congthongtin_upward_copy``
(``wagtail_hooks`` registers ``entries`` below; this app imports nothing of editorial):

- ``export(page)``: what a live news item proposes: its summary, its body as HTML (the
  paragraphs and headings; what another install can read), its author and lead image;
- ``build(parent, proposal, user)``: the copy under the parent's news index, not live,
  owned by ``user``, with its first revision. From a page of the same install
  (``proposal.source_page``) the body, gallery, lead image and category are copied as
  they are; from another install's feed, the body is its cleaned HTML and the category the
  first one. Either way the copy is "collected", names the source body in ``source`` and
  links the source page in ``source_url`` (R-SUB-1), and its author is the source's.
"""

from __future__ import annotations

import html

from django.utils.translation import gettext as _

from congthongtin.core.models import ContentOrigin
from congthongtin.core.richtext import clean_html
from congthongtin.core.slugs import free_child_slug
from congthongtin.vietnam.fold import slugify

from .models import NewsCategory, NewsIndexPage, NewsPage


def export(page) -> dict:
    parts = []
    for block in page.body or []:
        if block.block_type == "paragraph":
            parts.append(str(block.value))
        elif block.block_type == "heading":
            value = block.value
            text = value.get("text", "") if hasattr(value, "get") else str(value)
            parts.append(f"<h2>{html.escape(str(text))}</h2>")
    return {
        "summary": page.summary or page.search_description or "",
        "body_html": "".join(parts),
        "author_name": page.author_name,
        "lead_image": page.lead_image,
    }


def build(parent, proposal, user):
    source = proposal.source_page.specific if proposal.source_page_id else None
    fields = {}
    if isinstance(source, NewsPage):
        fields = {
            "category": source.category,
            "body": source.body.raw_data,
            "gallery": source.gallery.raw_data,
            "lead_image": source.lead_image,
            "lead_image_alt": source.lead_image_alt,
            "lead_image_caption": source.lead_image_caption,
            "lead_image_credit": source.lead_image_credit,
            "event_date": source.event_date,
            "event_time": source.event_time,
        }
    else:
        category = NewsCategory.objects.order_by("sort_order", "name").first()
        if category is None:
            raise ValueError(_("There is no news category yet: add one first."))
        markup = clean_html(proposal.body_html or "")
        fields = {
            "category": category,
            "body": [{"type": "paragraph", "value": markup}] if markup else [],
            "lead_image": proposal.lead_image,
        }
    page = NewsPage(
        title=proposal.title[:255],
        slug=free_child_slug(
            parent, slugify(proposal.title, max_length=80)[:80].strip("-"), "tin-tuc"
        ),
        summary=proposal.summary,
        live=False,
        owner=user,
        author_name=(proposal.author_name or proposal.source_name)[:255],
        author_address=proposal.source_name[:255],
        origin=ContentOrigin.COLLECTED,
        source=proposal.source_name[:500],
        source_url=proposal.source_url[:200],
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action="wagtail.create", clean=False)
    return page


def entries() -> list[dict]:
    """Hook ``congthongtin_upward_copy``: news items are proposed and copied as news."""
    return [
        {
            "sources": (NewsPage,),
            "model": NewsPage,
            "parents": (NewsIndexPage,),
            "export": export,
            "build": build,
        }
    ]
