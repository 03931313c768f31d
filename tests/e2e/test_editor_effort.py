"""How much an editor's common jobs cost in the admin: clicks and page loads, pinned.

Three jobs, each done in the browser as the demo's people do it, from the dashboard they
land on after logging in (the login itself is not counted):

(a) a news item with a photo through the three steps: the collaborator opens her section
    from the page explorer, writes the item, uploads its lead photo in the chooser and
    submits it; the editor approves with a comment, the deputy head approves, the head
    approves for publishing, each from the dashboard's "awaiting your review" list;
(b) a unit officer answers a question given to him: "My requests", the question, "Write
    the answer", the text, submitted for approval;
(c) an editor imports a legal document from a Word file and submits the draft for
    approval: "Import legal documents" in the menu, the file, the draft, its author (the
    file names none), submit.

A click is a click the person makes (a button, a link, a menu, a tab, a choice in a list;
picking a file counts as one); typing in a field is not a click. A page load is a new
document in the main frame (Playwright's ``load`` event): a modal or a dropdown is not
one, a form sent and the page it redirects to are one. The counts are pinned (``≤``) so
that a change that makes a job longer fails here and is decided on purpose; a change that
makes it shorter should lower the pin.
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.e2e

#: Measured with the demo portal (load_demo); see each test. (clicks, page loads)
NEWS_WITH_PHOTO = {"ptdung": (11, 3), "lvcuong": (2, 1), "ttbinh": (1, 1), "nvan": (1, 1)}
ANSWER_QUESTION = (6, 4)
IMPORT_DOCUMENT = (6, 4)


@dataclass
class Effort:
    """Counts what one person does on one page (browser tab)."""

    page: object
    clicks: int = 0
    loads: int = 0
    steps: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("load", self._loaded)

    def _loaded(self, _page) -> None:
        self.loads += 1
        self.steps.append(f"load {self.page.url}")

    def click(self, locator) -> None:
        self.clicks += 1
        self.steps.append("click")
        locator.click()

    def choose_file(self, selector: str, files) -> None:
        """Picking a file in the browser's dialog: one click."""
        self.clicks += 1
        self.steps.append("file")
        self.page.set_input_files(selector, files)

    def settle(self) -> None:
        self.page.wait_for_load_state()

    def within(self, clicks: int, loads: int, job: str) -> None:
        self.settle()
        print(f"{job}: {self.clicks} clicks, {self.loads} page loads")
        assert self.clicks <= clicks and self.loads <= loads, (
            f"{job} now takes {self.clicks} clicks and {self.loads} page loads "
            f"(pinned: {clicks}, {loads}): {self.steps}"
        )


def signed_in(open_page, username: str) -> Effort:
    page = open_page()
    login(page, username)
    return Effort(page)


def footer_action(effort: Effort, selector: str) -> None:
    """The page editor's footer: the arrow beside the main button, then the action."""
    page = effort.page
    effort.click(
        page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first
    )
    with page.expect_navigation():
        effort.click(page.locator(selector))


def photo_file() -> dict:
    """A small JPEG of its own colour (Wagtail asks before storing a duplicate image)."""
    from PIL import Image

    buffer = io.BytesIO()
    colour = tuple(uuid.uuid4().bytes[:3])
    Image.new("RGB", (800, 533), colour).save(buffer, "JPEG")
    return {"name": "le-hoi.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def approve_from_dashboard(effort: Effort, title: str, *, comment: str | None = None) -> None:
    page = effort.page
    # The dashboard's "waiting for me" panel shows the step's buttons on each item.
    row = page.locator("#editorial-waiting-section .cv-todo__item", has_text=title)
    expect(row).to_have_count(1)
    if comment is None:
        with page.expect_navigation():
            effort.click(
                row.locator(
                    "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
                )
            )
        return
    effort.click(row.locator("button[data-workflow-action-url*='/approve/'][data-launch-modal]"))
    modal = page.locator(".modal-dialog")
    modal.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        effort.click(modal.locator("button[type=submit]"))


def test_news_item_with_a_photo_through_the_three_steps(open_page):
    from wagtail.models import Page

    title = f"Lễ hội Đền Bà Triệu {uuid.uuid4().hex[:6]}"
    efforts = {}

    # The collaborator: the page explorer, her section, a new item.
    writer = efforts["ptdung"] = signed_in(open_page, "ptdung")
    page = writer.page
    writer.click(page.locator(".sidebar-page-explorer-item > button"))
    with page.expect_navigation():
        writer.click(page.locator(".c-page-explorer__header__title"))
    with page.expect_navigation():
        writer.click(page.locator("a[href*='/add_subpage/']").first)
    page.wait_for_url(re.compile(r"/admin/pages/add/"))
    page.fill("#id_title", title)
    writer.click(page.locator("#id_category-chooser [data-chooser-action-choose]"))
    modal = page.locator(".modal-dialog")
    writer.click(modal.locator("a[data-chooser-modal-choice]").first)
    expect(modal).to_be_hidden()
    page.fill("#id_summary", "Lễ hội truyền thống của đồng bào Thái, Mường xã Như Xuân.")
    # The lead photo, uploaded in the chooser (its title is filled from the file name).
    writer.click(page.locator("#id_lead_image-chooser [data-chooser-action-choose]"))
    writer.click(modal.locator("#tab-label-upload"))
    writer.choose_file("#id_image-chooser-upload-file", photo_file())
    expect(modal.locator("#id_image-chooser-upload-title")).not_to_have_value("")
    writer.click(modal.locator("#tab-upload button[type=submit], form button[type=submit]").last)
    expect(modal).to_be_hidden()
    assert page.input_value("#id_lead_image"), "the photo was chosen"
    page.fill("#id_lead_image_caption", "Lễ rước kiệu tại Đền Bà Triệu.")
    page.fill("#id_author_name", "Phạm Thị Dung")
    page.fill("#id_author_address", "Văn phòng UBND xã Như Xuân")
    footer_action(writer, "button[name=action-submit]")
    expect(page.locator(".messages .success, .messages [class*=success]").first).to_be_visible()
    item = Page.objects.get(title=title).specific
    assert item.lead_image_id is not None
    assert item.current_workflow_task is not None

    # The three steps, each from the dashboard the person lands on.
    editor = efforts["lvcuong"] = signed_in(open_page, "lvcuong")
    approve_from_dashboard(editor, title, comment="Đã biên tập, đúng chính tả.")
    deputy = efforts["ttbinh"] = signed_in(open_page, "ttbinh")
    approve_from_dashboard(deputy, title)
    head = efforts["nvan"] = signed_in(open_page, "nvan")
    approve_from_dashboard(head, title)
    item.refresh_from_db()
    assert item.live, "the head's approval publishes the item"

    total = [0, 0]
    for username, effort in efforts.items():
        effort.within(*NEWS_WITH_PHOTO[username], job=f"news item with a photo: {username}")
        total[0] += effort.clicks
        total[1] += effort.loads
    print(f"news item with a photo, all four people: {total[0]} clicks, {total[1]} page loads")


def test_officer_answers_a_question(open_page):
    from congthongtin.consultation.models import Answer, Question

    question = (
        Question.objects.filter(officer__username="dvhai", answer__isnull=True, unit__isnull=False)
        .exclude(state__in=["da-tra-loi", "khong-tiep-nhan"])
        .order_by("received_at")
        .first()
    )
    assert question is not None, "the demo gives the officer dvhai questions to answer"
    officer = signed_in(open_page, "dvhai")
    page = officer.page
    # "My requests" is in the citizens' voice submenu of the sidebar.
    mine = "a.sidebar-menu-item__link[href$='/yeu-cau/cua-toi/']"
    officer.click(page.locator(f".sidebar-sub-menu-item:has({mine}) > button"))
    with page.expect_navigation():
        officer.click(page.locator(mine).first)
    with page.expect_navigation():
        officer.click(page.locator("main a", has_text=question.code).first)
    with page.expect_navigation():
        officer.click(page.locator(f".cv-admin-status a[href$='/{question.pk}/tra-loi/']"))
    page.wait_for_url(re.compile(r"/tra-loi/add/"))
    text = "Hồ sơ nộp tại Bộ phận tiếp nhận và trả kết quả của UBND xã."
    body = page.locator("[data-contentpath=body] [contenteditable=true]").first
    expect(body).to_be_visible()
    body.click()  # the cursor into the text: part of typing
    page.keyboard.type(text)
    expect(body).to_contain_text(text)
    # Draftail copies its text into the form's hidden field a moment after the last key
    # (its save interval): the answer is sent once the field holds it, as a person's
    # next click would be.
    stored = page.locator("[data-contentpath=body] input[type=hidden]").first
    expect(stored).to_have_value(re.compile("UBND x"))
    if not page.input_value("#id_author_name"):
        page.fill("#id_author_name", "Đỗ Văn Hải")
    footer_action(officer, "button[name=action-submit]")
    errors = [t.strip() for t in page.locator(".w-field__errors").all_inner_texts()]
    assert not any(errors), errors
    answer = Answer.objects.get(question=question)
    assert answer.current_workflow_task is not None, "the answer waits for the board"
    officer.within(*ANSWER_QUESTION, job="answer a question")


def test_editor_imports_a_legal_document(open_page):
    from congthongtin.legal.models import LegalDocumentPage
    from tests.legal.factories import docx_bytes
    from tests.legal.samples import DECISION, HEADER_ROWS

    number = f"{uuid.uuid4().int % 900 + 100}/QĐ-UBND"
    header = [*HEADER_ROWS[:2], (f"Số: {number}", HEADER_ROWS[2][1])]
    editor = signed_in(open_page, "lvcuong")
    page = editor.page
    with page.expect_navigation():
        editor.click(page.locator("a.sidebar-menu-item__link[href$='/van-ban/nhap/']").first)
    editor.choose_file(
        "input[type=file][name=files]",
        {
            "name": "quyet-dinh.docx",
            "mimeType": "application/octet-stream",
            "buffer": docx_bytes(DECISION, header),
        },
    )
    with page.expect_navigation():
        editor.click(page.locator("main form button[type=submit]"))
    draft_link = page.locator("main table a[href*='/edit/']").first
    expect(draft_link).to_be_visible()
    with page.expect_navigation():
        editor.click(draft_link)
    # The file names no author: the editor types it (R-SUB-1; the gate refuses without).
    page.fill("#id_author_name", "Văn phòng HĐND và UBND xã")
    footer_action(editor, "button[name=action-submit]")
    document = LegalDocumentPage.objects.get(number_symbol=number)
    assert not document.live
    assert document.current_workflow_task is not None, "the draft waits for approval"
    editor.within(*IMPORT_DOCUMENT, job="import a legal document")
