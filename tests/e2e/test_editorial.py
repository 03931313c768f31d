"""The editorial board through the real admin UI (issue 10 §2; R-WF-1…3, R-SUB-1, R-SUB-2).

The collaborator writes a news item in her assigned section and submits it; the editor,
the deputy head and the head each approve one step, from the dashboard or from the page's
editor; the item appears on the site with its provenance line; the auditor reads the
audit report and the page's history and cannot change the page.

The admin is in Vietnamese (the accounts' language); the steps find buttons by their
workflow URLs and form names rather than by their labels, so a reworded label does not
break the journey."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, local

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]


def section_of(username: str):
    from django.contrib.auth import get_user_model

    from congthongtin.editorial.models import SectionAssignment

    user = get_user_model().objects.get(username=username)
    assignment = SectionAssignment.objects.filter(user=user).select_related("section").first()
    assert assignment is not None, f"{username} has no assigned section (load_demo)"
    return assignment.section.specific


def current_step(page_id: int) -> int | None:
    from wagtail.models import Page

    task = Page.objects.get(pk=page_id).current_workflow_task
    return task.specific.step if task else None


def waiting(page, title: str):
    """The item in the dashboard's "waiting for me" panel (editorial.panels)."""
    return page.locator("#editorial-waiting-section .cv-todo__item", has_text=title)


def open_row_actions(page, title: str):
    """The item in the dashboard's "waiting for me" panel, with the step's buttons."""
    row = waiting(page, title)
    expect(row).to_have_count(1)
    return row


def submit_news_item(page, section, title: str) -> int:
    """As the collaborator: add a news item in the section and submit it to the workflow."""
    page.goto(f"/admin/pages/{section.pk}/")
    page.locator(f"a[href*='/admin/pages/{section.pk}/add_subpage/']").first.click()
    # One page type is allowed here: the add form opens directly.
    page.wait_for_url(re.compile(r"/admin/pages/add/"))
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    # The category is chosen in a modal chooser.
    page.locator("#id_category-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]").first.click()
    expect(modal).to_be_hidden()
    assert page.input_value("#id_category"), "a category was chosen"
    page.fill("#id_summary", "Lễ hội truyền thống của đồng bào Thái, Mường xã Như Xuân.")
    page.fill("#id_author_name", "Phạm Thị Dung")
    page.fill("#id_author_address", "Văn phòng UBND xã Như Xuân")
    # The slug filled itself from the title, in ASCII (core.slugs): "Lễ hội" → "le-hoi".
    # (The tab's id comes from its translated label: find it from the panel of the slug.)
    panel = page.locator("#id_slug").evaluate("el => el.closest('[role=tabpanel]').id")
    page.locator(f"[role=tab][aria-controls='{panel}']").click()
    slug = page.locator("#id_slug")
    expect(slug).to_be_visible()
    value = slug.input_value()
    assert value.startswith("le-hoi-den-ba-trieu-"), value
    assert value.isascii(), value
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{section.pk}/$"))
    expect(page.locator(".messages .success, .messages [class*=success]").first).to_be_visible()
    from wagtail.models import Page

    created = Page.objects.get(title=title)
    assert created.get_parent().pk == section.pk
    assert created.slug == value
    assert not created.live
    return created.pk


def test_news_item_through_the_three_steps(open_page, viewport):
    title = f"Lễ hội Đền Bà Triệu {uuid.uuid4().hex[:6]}"
    section = section_of("ptdung")

    # Step 0: the collaborator writes and submits.
    writer = open_page("ptdung")
    page_id = submit_news_item(writer, section, title)
    assert current_step(page_id) == 1

    # The collaborator cannot approve her own item: no action on her dashboard.
    writer.goto("/admin/")
    expect(writer.locator("button[data-workflow-action-url]")).to_have_count(0)

    # Step 1: the editor approves from the dashboard, with a comment.
    editor = open_page("lvcuong")
    row = open_row_actions(editor, title)
    row.locator("button[data-workflow-action-url*='/approve/'][data-launch-modal]").click()
    modal = editor.locator(".modal-dialog")
    modal.locator("textarea[name=comment]").fill("Đã biên tập, đúng chính tả.")
    modal.locator("button[type=submit]").click()
    editor.wait_for_url("**/admin/")
    expect(waiting(editor, title)).to_have_count(0)
    assert current_step(page_id) == 2

    # Step 2: the deputy head approves from the dashboard, in one click.
    deputy = open_page("ttbinh")
    row = open_row_actions(deputy, title)
    with deputy.expect_navigation():
        row.locator(
            "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
        ).click()
    expect(waiting(deputy, title)).to_have_count(0)
    assert current_step(page_id) == 3

    # Step 3: the head opens the item in the editor and approves it for publishing.
    head = open_page("nvan")
    waiting(head, title).get_by_role("link", name=title).click()
    head.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    head.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    approve = head.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    with head.expect_navigation():
        approve.click()
    from wagtail.models import Page

    published = Page.objects.get(pk=page_id)
    assert published.live, "the head's approval publishes the item"

    # On the public site, with its provenance line (R-SUB-1).
    reader = open_page()
    response = reader.goto(local(published.url))
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(title)
    provenance = reader.locator(".provenance")
    expect(provenance).to_contain_text("Phạm Thị Dung")
    from django.utils import timezone

    expect(provenance).to_contain_text(timezone.localdate().strftime("%d/%m/%Y"))

    # The auditor reads who did what …
    auditor = open_page("hvem")
    auditor.goto("/admin/ban-bien-tap/kiem-tra/")
    row = auditor.locator("tr", has_text=title)
    expect(row).to_have_count(1)
    for name in ("Phạm Thị Dung", "Lê Văn Cường", "Trần Thị Bình", "Nguyễn Văn An"):
        expect(row).to_contain_text(name)
    row.get_by_role("link", name=title).click()
    auditor.wait_for_url(f"**/admin/ban-bien-tap/kiem-tra/trang/{page_id}/")
    history = auditor.locator("main, #main, body").first
    expect(history).to_contain_text("Đã biên tập, đúng chính tả.")
    for name in ("Lê Văn Cường", "Trần Thị Bình", "Nguyễn Văn An"):
        expect(history).to_contain_text(name)

    # … and cannot change anything: the editor refuses him, and so does a forged POST.
    auditor.goto(f"/admin/pages/{page_id}/edit/")
    expect(auditor.locator("#id_title")).to_have_count(0)
    assert f"/admin/pages/{page_id}/edit/" not in auditor.url
    token = auditor.evaluate(
        "() => (document.querySelector('input[name=csrfmiddlewaretoken]') || {}).value"
        " || (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || ''"
    )
    forged = auditor.request.post(
        f"/admin/pages/{page_id}/edit/",
        form={"csrfmiddlewaretoken": token, "title": "Đã bị sửa", "slug": "da-bi-sua"},
        headers={"Referer": auditor.url},
        max_redirects=0,
    )
    assert forged.status in (302, 403), forged.status
    published.refresh_from_db()
    assert published.title == title
    assert published.get_latest_revision().user.username == "ptdung"
