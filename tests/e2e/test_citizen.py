"""A citizen on a phone (360×740) and on a desktop (1280×800): the home page, the menu by
keyboard only, search without accents, the directory, text size, printing, the 404 page
(issue 10 §1; Decree 224/2026 Điều 10.3c, Circular 32/2017: usable by people with
disabilities and on phones)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, VIEWPORTS, focus_is_visible, focus_outline, tab_until

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]


def is_phone(page) -> bool:
    return page.viewport_size["width"] <= PHONE["width"]


def test_home_page(page, viewport):
    response = page.goto("/")
    assert response.status == 200
    expect(page).to_have_title(re.compile("Như Xuân"))
    expect(page.locator("h1")).to_have_count(1)
    # The main sections are one tap away, as tiles, whatever the width.
    tiles = page.locator(".quick-links a.tile")
    assert tiles.count() >= 4
    expect(tiles.first).to_be_visible()
    expect(page.locator("footer.site-footer")).to_contain_text("Như Xuân")
    if is_phone(page):
        # The menu is folded behind its button on a phone; the search box stays visible.
        expect(page.locator(".main-nav__toggle")).to_be_visible()
        expect(page.locator("#main-menu")).to_be_hidden()
    else:
        expect(page.locator(".main-nav__toggle")).to_be_hidden()
        expect(page.locator("#main-menu")).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()


def test_skip_link_by_keyboard(page, viewport):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when focused, hidden above the page otherwise
    assert focus_is_visible(page), focus_outline(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('main')")
    assert inside, focus_outline(page)


def test_main_menu_by_keyboard(page, viewport):
    page.goto("/")
    hrefs = page.locator("#main-menu a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    target = next(h for h in hrefs if h != "/")  # the first section after "Home"
    if is_phone(page):
        toggle = page.locator(".main-nav__toggle")
        tab_until(page, "el.classList.contains('main-nav__toggle')")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#main-menu")).to_be_visible()
        page.keyboard.press("Space")  # a button answers Space as well as Enter
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#main-menu")).to_be_hidden()
        page.keyboard.press("Space")
        expect(page.locator("#main-menu")).to_be_visible()
    found = tab_until(page, f"el.closest('#main-menu') && el.getAttribute('href') === {target!r}")
    assert focus_is_visible(page), focus_outline(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.locator("#main-menu a[aria-current=page]")).to_have_attribute("href", target)
    expect(page.locator("h1")).to_have_count(1)
    assert found["href"] == target


def test_search_without_accents(page, viewport):
    page.goto("/")
    box = page.locator("#site-search")
    box.click()
    page.keyboard.type("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=dang\+ky\+khai\+sinh"))
    expect(page.locator("h1")).to_have_count(1)
    results = page.locator("ol.results .result__title a")
    expect(results.first).to_be_visible()
    titles = results.all_inner_texts()
    assert any("Đăng ký khai sinh" in title for title in titles), titles
    # The query stays in the box, accents and all as typed.
    expect(page.locator("#search-q")).to_have_value("dang ky khai sinh")
    page.locator("ol.results a", has_text="Đăng ký khai sinh").first.click()
    expect(page.locator("h1")).to_contain_text("Đăng ký khai sinh")


def test_search_nothing_found_helps(page, viewport):
    page.goto("/tim-kiem/?q=xyzzy+khong+co")
    expect(page.locator(".search-results [role=status]")).to_contain_text("0")
    expect(page.locator(".search-results .notice li")).to_have_count(3)


def test_directory(page, viewport, demo):
    from congthongtin.home.models import DirectoryPage

    page.goto(demo.first_url(DirectoryPage))
    expect(page.locator("h1")).to_have_text("Danh bạ")
    tables = page.locator("table.directory-table")
    assert tables.count() >= 1
    first = tables.first
    expect(first.locator("caption")).to_have_count(1)
    expect(first.locator("thead th[scope=col]")).to_have_count(4)
    # A phone number is a tap-to-call link, an address a mail link.
    expect(page.locator("a[href^='tel:']").first).to_be_visible()
    expect(page.locator("a[href^='mailto:']").first).to_be_visible()
    # The table of contents jumps to a unit.
    page.locator("nav.toc a").first.click()
    expect(page).to_have_url(re.compile(r"#don-vi-\d+$"))
    if is_phone(page):
        # Stacked rows: each cell shows its column name, no side scrolling.
        label = first.locator("tbody td").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label not in ("none", "normal", '""'), label
    box = first.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"] + 1


def root_font_size(page) -> float:
    return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_text_size_changes_and_persists(page, viewport):
    page.goto("/")
    controls = page.locator(".text-size")
    expect(controls).to_be_visible()  # shown by the script (hidden without JavaScript)
    normal = root_font_size(page)
    larger = controls.locator("[data-text-size=larger]")
    larger.click()
    assert root_font_size(page) > normal
    larger.click()
    biggest = root_font_size(page)
    assert biggest >= normal * 1.2, (normal, biggest)
    expect(controls.locator("[data-text-size=reset]")).to_have_attribute("aria-pressed", "false")
    page.reload()
    assert root_font_size(page) == biggest, "the chosen size is kept after a reload"
    page.goto("/tim-kiem/")
    assert root_font_size(page) == biggest, "…and on the other pages"
    page.locator(".text-size [data-text-size=reset]").click()
    assert root_font_size(page) == normal
    expect(page.locator(".text-size [data-text-size=reset]")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.locator(".text-size [data-text-size=smaller]").click()
    assert root_font_size(page) < normal


def test_print_hides_navigation(page, viewport, demo):
    from congthongtin.news.models import NewsPage

    page.goto(demo.first_url(NewsPage))
    title = page.locator("h1").inner_text()
    page.emulate_media(media="print")
    for selector in (".main-nav", ".search-box", ".breadcrumbs", ".text-size", ".skip-link"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main")).to_be_visible()
    colour = page.evaluate("() => getComputedStyle(document.body).color")
    assert colour == "rgb(0, 0, 0)", colour
    page.emulate_media(media="screen")
    expect(page.locator(".search-box")).to_be_visible()


def test_page_not_found(page, viewport):
    response = page.goto("/trang-khong-ton-tai/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    expect(page.locator("main a[href='/']")).to_be_visible()
    # The header and its search stay, so the reader can carry on.
    expect(page.locator("#site-search")).to_be_visible()
    page.locator("main a[href='/tim-kiem/']").click()
    expect(page.locator("#search-q")).to_be_visible()
