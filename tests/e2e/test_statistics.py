"""What citizens see of the statistics in a real browser (issue 21): the footer's visit
counter filled in by its script, and the satisfaction rating of a procedure by keyboard,
on a phone (360 px, and 320 px without sideways scrolling) and on a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, axe_check, focus_is_visible, focus_outline, no_horizontal_scroll

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]


@pytest.fixture
def figures(live_site):
    from wagtail.models import Site

    from congthongtin.core.visitors import local_date
    from congthongtin.stats.models import SiteDay

    site = Site.objects.get(is_default_site=True)
    row, _ = SiteDay.objects.update_or_create(
        site=site, date=local_date(), defaults={"visits": 12345, "page_views": 54321}
    )
    yield row
    row.delete()


def test_counter_filled_in_and_a_procedure_rated_by_keyboard(page, viewport, demo, figures):
    url = demo.first_url(demo.model("procedures.ProcedurePage"))
    page.goto(url)
    counter = page.locator("section.stats-counter")
    expect(counter).to_be_visible()
    expect(counter.locator('[data-stats-figure="today"]')).to_have_text("12.345")
    expect(counter).to_contain_text(re.compile(r"\d"))
    no_horizontal_scroll(page)
    axe_check(page, context=".cv-satisfaction, .stats-counter")

    first = page.locator('.cv-satisfaction input[name="level"]').first
    first.focus()
    assert focus_is_visible(page), focus_outline(page)
    page.keyboard.press("ArrowDown")  # radio groups move by arrow keys
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator('.cv-satisfaction input[name="level"][value="4"]')).to_be_checked()
    page.locator(".cv-satisfaction textarea").fill("Hướng dẫn rõ ràng.")
    page.locator(".cv-satisfaction button[type=submit]").press("Enter")
    expect(page.locator(".cv-success")).to_be_visible()
