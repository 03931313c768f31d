"""A news item shared on a social network or a chat app (issue 23 item 1): the link preview
those apps build from the page's Open Graph tags shows its title, image and description.

The browser reads the og: tags of a demo news item from the live server, as a crawler
would; the test then draws its own small preview card from them (image, site name, title,
description), checks the card shows each of them (the image really loads: naturalWidth >
0) and saves it to docs/screenshots/share-preview.png.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import local

pytestmark = pytest.mark.e2e

SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshots" / "share-preview.png"

CARD = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Preview</title>
<style>
  body {{ font-family: system-ui, sans-serif; background: #f0f2f5; margin: 0; padding: 24px; }}
  .card {{ display: block; width: 500px; background: #fff; border: 1px solid #dadde1;
          border-radius: 8px; text-decoration: none;
          overflow: hidden; }}
  .card img {{ display: block; width: 500px; height: 262px; object-fit: cover; }}
  .card .text {{ padding: 10px 12px; }}
  .card .site {{ color: #65676b; font-size: 12px; text-transform: uppercase; }}
  .card .title {{ font-weight: 600; font-size: 16px; margin: 4px 0; color: #050505; }}
  .card .description {{ color: #65676b; font-size: 14px; margin: 0; }}
</style></head>
<body>
  <a class="card" href="{url}">
    <img src="{image}" alt="{alt}">
    <div class="text">
      <div class="site">{site}</div>
      <div class="title">{title}</div>
      <p class="description">{description}</p>
    </div>
  </a>
</body></html>"""


def read_open_graph(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')]
            .map(m => [m.getAttribute('property'), m.getAttribute('content')]))"""
    )


def test_news_item__share_preview_card(page, demo, browser, live_site):
    news_model = demo.model("news.NewsPage")
    news = news_model.objects.live().filter(lead_image__isnull=False).order_by("path").first()
    assert news is not None, "The demo has no news item with a lead image (load_demo, news)."
    page.goto(local(news.url))
    og = read_open_graph(page)
    for name in ("og:title", "og:description", "og:image", "og:site_name", "og:url"):
        assert og.get(name), f"{name} missing on {news.url}"
    assert og["og:type"] == "article"
    assert og["og:title"] == (news.seo_title or news.title)

    # The card is the test's own page: drawn on the portal's origin (its media answer
    # same-origin requests only), without the portal's Content Security Policy, which
    # rightly refuses the card's inline style.
    card_context = browser.new_context(base_url=live_site.url, bypass_csp=True)
    try:
        draw_card(card_context.new_page(), og)
    finally:
        card_context.close()


def draw_card(page, og: dict[str, str]) -> None:
    page.goto(og["og:url"])
    page.set_content(
        CARD.format(
            url=escape(og["og:url"]),
            image=escape(og["og:image"]),
            alt=escape(og.get("og:image:alt", "")),
            site=escape(og["og:site_name"]),
            title=escape(og["og:title"]),
            description=escape(og["og:description"]),
        )
    )
    card = page.locator(".card")
    expect(card.locator(".title")).to_have_text(og["og:title"])
    expect(card.locator(".description")).to_have_text(og["og:description"])
    expect(card.locator(".site")).to_have_text(og["og:site_name"])
    image = card.locator("img")
    page.wait_for_function(
        "() => { const i = document.querySelector('.card img'); "
        "return i.complete && i.naturalWidth > 0; }"
    )
    natural = image.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    assert natural[0] > 0
    assert natural == [int(og["og:image:width"]), int(og["og:image:height"])]
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 0
