"""Building blocks of the news and projects tests: pages in a tree, images, query counts."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page


def home_page() -> Page:
    return Page.objects.get(depth=2)


def add(parent, model, *, published=None, **fields):
    """A child page of ``parent`` (live unless ``live=False``) with ``first_published_at``
    set, as publishing would, so listings order and filter it."""
    page = model(**fields)
    if page.live:
        when = published or timezone.now()
        page.first_published_at = when
        page.last_published_at = when
    parent.add_child(instance=page)
    return page


def local(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def png_bytes(colour=(163, 22, 27)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(title: str = "Ảnh thử"):
    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(png_bytes()), name="anh-thu.png")
    image.save()
    return image


def make_document(title: str = "Tài liệu", content: bytes = b"%PDF-1.4 test", name="tai-lieu.pdf"):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title)
    document.file = ContentFile(content, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


class QueryBudgetMixin:
    """A listing's query count must not grow with its items (docs/architecture.md §6)."""

    def assert_constant_queries(self, url: str, add_items, n: int = 4):
        """``add_items(count)`` adds items; the counts at N and 3N items must be equal."""
        add_items(n)
        self.client.get(url)  # warm the caches (site root, menus, renditions)
        before = count_queries(self.client, url)
        add_items(2 * n)
        self.client.get(url)
        after = count_queries(self.client, url)
        self.assertEqual(before, after, f"{url}: {before} queries at N items, {after} at 3N")
        return after


#: Query strings a robot or a careless reader might send; none may give a 500.
BAD_QUERIES = [
    "?page=abc",
    "?page=-1",
    "?page=99999",
    "?q=" + "x" * 5000,
    "?q=%00",
    "?q=a%00b&tac_gia=%00",
    "?q=%01%1F%7F",
    "?thang=2026-13",
    "?thang=abc",
    "?thang=99999-01",
    "?chuyen_muc=khong-co",
    "?chuyen_muc=%27%3B--",
    "?linh_vuc=../../etc",
    "?nam=20x6",
    "?nam=999999999999",
    "?quy=5",
    "?thang=0",
    "?tu_ngay=31/02/2026",
    "?den_ngay=2026-99-99",
    "?tu_ngay=%FF%FE",
    "?tac_gia=" + "đ" * 500,
    "?loai=<script>",
    "?luu-tru=maybe",
    "?tuan=2026-W99",
    "?tuan=2026-W00",
    "?tuan=abcd",
    "?thoi_gian=mai",
    "?trang_thai=xyz",
    "?q=a&q=b&page=2&page=x",
]
