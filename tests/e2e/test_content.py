"""A citizen's errands in the content sections, on a phone and on a desktop (issue 10 §1):
find a procedure without accents and download its form; filter the legal documents by
field and year and open one; follow a document's relations; ask a question and see the
confirmation; comment on an open draft, and be refused once the consultation has closed.

Each journey looks its pages up in the demo data (``demo``); when an app or its demo
content is missing, the journey fails saying which (it is not skipped)."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, local

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


# Procedures ------------------------------------------------------------------------------
def test_find_procedure_without_accents_and_download_form(page, viewport, demo):
    index = demo.model("procedures.ProcedureIndexPage")
    page.goto(demo.first_url(index))
    search = page.locator("#proc-q")
    search.fill("dang ky khai sinh")
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=dang\+ky\+khai\+sinh"))
    link = page.locator("a.proc-item__title", has_text="Đăng ký khai sinh").first
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text("Đăng ký khai sinh")
    # "Download the forms" jumps to the forms; the form downloads as a Word file.
    page.locator(".proc-actions a[href='#bieu-mau']").click()
    expect(page).to_have_url(re.compile("#bieu-mau$"))
    form_link = page.locator("section[aria-labelledby=bieu-mau] a[download]").first
    expect(form_link).to_be_in_viewport()
    with page.expect_download() as info:
        form_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    with open(download.path(), "rb") as handle:
        assert handle.read(2) == b"PK", "a .docx is a ZIP package"


# Legal documents -------------------------------------------------------------------------
def legal_document_with(**conditions):
    """A live demo legal document with a field, an issue date and relations."""
    model = pytest.importorskip("congthongtin.legal.models").LegalDocumentPage
    for document in model.objects.live().exclude(issue_date=None).order_by("-issue_date"):
        if document.fields.exists() and (not conditions.get("related") or document.relation_groups):
            return document
    raise AssertionError("The demo has no live legal document with fields and relations.")


def test_filter_legal_documents_by_field_and_year_and_open_one(page, viewport, demo):
    index = demo.model("legal.LegalDocumentIndexPage")
    document = legal_document_with()
    field = document.fields.first()
    year = document.issue_date.year
    expected = (
        type(document).objects.live().filter(fields=field, issue_date__year=year).distinct().count()
    )
    page.goto(demo.first_url(index))
    page.locator("#vb-linh-vuc").select_option(field.slug)
    page.locator("#vb-nam").select_option(str(year))
    page.locator("form.legal-filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"linh_vuc={field.slug}.*nam={year}|nam={year}.*linh_vuc="))
    # The choices stay selected and the count is announced.
    expect(page.locator("#vb-linh-vuc")).to_have_value(field.slug)
    expect(page.locator("#vb-nam")).to_have_value(str(year))
    rows = page.locator("table.legal-table tbody tr")
    expect(rows).to_have_count(expected)
    expect(page.locator(".legal-results-bar [role=status]")).to_contain_text(str(expected))
    row = rows.filter(has_text=document.number_symbol)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=document.title).click()
    expect(page.locator("h1")).to_have_text(document.title)
    facts = page.locator("dl.legal-facts")
    expect(facts).to_contain_text(document.number_symbol)
    expect(facts.locator(f"a[href$='?linh_vuc={field.slug}']")).to_be_visible()
    expect(page.locator(".provenance")).to_be_visible()


def test_read_a_related_document(page, viewport, demo):
    demo.model("legal.LegalDocumentPage")
    document = legal_document_with(related=True)
    page.goto(local(document.url))
    relations = page.locator("section[aria-labelledby=van-ban-lien-quan]")
    expect(relations.locator("h3").first).to_be_visible()
    other = relations.locator("li.legal-rel__item a").first
    other_title = other.inner_text()
    other.click()
    expect(page.locator("main")).to_contain_text(other_title)
    assert not page.url.endswith(local(document.url)), "the link leads to another document"
    # The relation reads both ways: the related document links back to the first one.
    back = page.locator(
        f"section[aria-labelledby=van-ban-lien-quan] a[href='{local(document.url)}']"
    )
    expect(back.first).to_be_visible()
    back.first.click()
    expect(page.locator("h1")).to_have_text(document.title)


# Questions and answers -------------------------------------------------------------------
def solve_challenge(page) -> str:
    """The answer to the form's check question, read from its signed token (the question
    itself is a sum in Vietnamese words, e.g. "Năm cộng ba bằng mấy?")."""
    from congthongtin.core.antispam import read_challenge

    token = page.locator("input[name=challenge_token]").input_value()
    challenge = read_challenge(token)
    assert challenge is not None, "the form's check question could not be read"
    return str(challenge.answer)


def test_ask_a_question_and_see_the_confirmation(page, viewport, demo):
    index = demo.model("consultation.QuestionIndexPage")
    page.goto(demo.first_url(index))
    ask = page.locator("main a[href$='/gui-cau-hoi/']").first
    expect(ask).to_be_visible()
    ask.click()
    expect(page.locator("h1")).to_have_count(1)
    subject = unique("Thủ tục cấp lại giấy khai sinh bị mất")
    page.fill("#id_full_name", "Lò Văn Pín")
    page.fill("#id_occupation", "Nông dân")
    page.fill("#id_address", "Bản Khe Rồng, xã Như Xuân, tỉnh Thanh Hóa")
    page.fill("#id_email", "lovanpin@example.vn")
    page.locator("#id_field").select_option(index=1)
    page.fill("#id_title", subject)
    page.fill(
        "#id_body",
        "Giấy khai sinh của con tôi bị mất. Tôi cần chuẩn bị giấy tờ gì để xin cấp bản sao "
        "trích lục, và nộp ở đâu?",
    )
    page.fill("#id_challenge_answer", solve_challenge(page))
    page.check("#id_consent")
    page.locator("form.cv-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/theo-doi/[^/]+/\?moi=1$"))
    confirmation = page.locator(".cv-success[role=status]")
    expect(confirmation).to_be_visible()
    expect(page.locator("dl.cv-facts")).to_contain_text(subject)
    question = demo.model("consultation.Question").objects.get(title=subject)
    expect(page.locator("h1")).to_contain_text(question.code)


# Draft consultations ---------------------------------------------------------------------
def open_consultation(demo, title: str):
    """A draft under consultation opened an hour ago for a week (live, under the demo's
    consultation index), so a test may close it without touching the demo's drafts."""
    from django.utils import timezone

    index_model = demo.model("consultation.ConsultationIndexPage")
    page_model = demo.model("consultation.ConsultationPage")
    index = index_model.objects.live().first()
    assert index is not None, "`load_demo` has not created the consultation index page."
    now = timezone.now()
    draft = page_model(
        title=title,
        summary="Dự thảo dùng cho kiểm thử trên trình duyệt.",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=7),
        author_name="Ban biên tập",
    )
    index.add_child(instance=draft)
    return draft


def fill_comment(page, text: str) -> None:
    form = page.locator("form.cv-form")
    expect(form).to_be_visible()
    page.fill("#id_full_name", "Hà Thị Mai")
    page.fill("#id_email", "hathimai@example.vn")
    article = page.locator("#id_article")
    if article.evaluate("el => el.tagName") == "SELECT":
        article.select_option(index=1)
    else:
        article.fill("Điều 3")
    page.fill("#id_text", text)
    page.fill("#id_challenge_answer", solve_challenge(page))
    page.check("#id_consent")


def test_comment_on_an_open_draft(page, viewport, demo):
    model = demo.model("consultation.ConsultationPage")
    drafts = [d for d in model.objects.live().order_by("path") if d.is_open()]
    assert drafts, "The demo has no draft open for comments (`load_demo`, consultation)."
    page.goto(local(drafts[0].url))
    fill_comment(page, unique("Đề nghị bổ sung thời hạn trả lời câu hỏi của người dân"))
    page.locator("form.cv-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?gop_y=da-gui#ket-qua-gui$"))
    expect(page.locator(".cv-success[role=status]")).to_be_visible()


def test_closed_draft_accepts_no_comment(page, viewport, demo):
    model = demo.model("consultation.ConsultationPage")
    closed = [d for d in model.objects.live().order_by("path") if not d.is_open()]
    assert closed, "The demo has no closed draft (`load_demo`, consultation)."
    page.goto(local(closed[0].url))
    expect(page.locator("h1")).to_have_text(closed[0].title)
    expect(page.locator("form.cv-form")).to_have_count(0)
    expect(page.locator("section#ket-qua-gui")).to_contain_text(
        closed[0].closes_at.astimezone(datetime.UTC).strftime("%Y")
    )


def test_comment_sent_after_closing_is_refused(page, viewport, demo):
    from django.utils import timezone

    draft = open_consultation(demo, unique("Dự thảo quy chế thử nghiệm"))
    page.goto(local(draft.url))
    fill_comment(page, "Góp ý gửi khi trang vẫn mở nhưng đã hết hạn lấy ý kiến.")
    # The consultation closes while the citizen is still typing.
    type(draft).objects.filter(pk=draft.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("form.cv-form button[type=submit]").click()
    assert posted.value.status == 403
    refusal = page.locator(".cv-error-summary[role=alert]")
    expect(refusal).to_be_visible()
    # (Focus on the refusal: see test_accessibility.test_form_errors_take_the_focus.)
    expect(page.locator("form.cv-form")).to_have_count(0)
    assert not draft.public_comments.exists()
