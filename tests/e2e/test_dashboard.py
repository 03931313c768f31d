"""Each demo account's dashboard says what waits for it (docs/backoffice.md, "The
dashboard"), in a real browser: the head of the board sees the item at his step with its
buttons, the writer her item sent back with the comment, the handler his requests with the
overdue ones flagged; every dashboard reflows at 320 px and its panels pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, axe_check, no_horizontal_scroll, save_screenshots

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]

#: (account, panel that must show, text the panel must hold)
DASHBOARDS = [
    ("nvan", "editorial-waiting", "Trao quà cho hộ nghèo dịp cuối năm"),
    ("ttbinh", "editorial-waiting", "Tập huấn chuyển đổi số cho tổ công nghệ số cộng đồng"),
    ("lvcuong", "editorial-waiting", "Hội nghị giao ban công tác quý IV năm 2026"),
    ("ptdung", "editorial-my-items", "Đề nghị ghi rõ nguồn số liệu sản lượng"),
    ("dvhai", "consultation-my-requests", "2026-"),
    ("lvkhanh", "editorial-waiting", "Họp dân bàn kế hoạch làm đường giao thông năm 2027"),
]


@pytest.mark.parametrize(("username", "panel", "text"), DASHBOARDS)
def test_dashboard__what_waits_for_each_role(open_page, viewport, username, panel, text):
    page = open_page(username)
    page.goto("/admin/")
    section = page.locator(f"#{panel}-section")
    expect(section).to_contain_text(text)
    if panel == "editorial-waiting":
        expect(section.locator("button[data-workflow-action-url]").first).to_be_visible()
    if panel == "consultation-my-requests":
        expect(section.locator("[data-status=overdue]").first).to_be_visible()
    no_horizontal_scroll(page)
    # Our panels only: Wagtail's own dashboard markup is not ours to fix.
    for found in ("editorial-waiting", "editorial-my-items", "consultation-my-requests"):
        if page.locator(f"#{found}-section").count():
            axe_check(page, context=f"#{found}-section")
    save_screenshots(page, f"dashboard-{username}")
