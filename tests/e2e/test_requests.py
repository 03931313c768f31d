"""A citizen sends a denunciation on a phone and on a desktop, keeps the reference and the
secret the receipt shows once, and follows the denunciation later by them, without an
account (issue 22; Law on Denunciations No. 25/2018/QH14)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS, axe_check, local
from .test_content import solve_challenge, unique

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("viewport", VIEWPORTS, indirect=True)]


def send_denunciation(page, demo, subject: str) -> tuple[str, str]:
    index = demo.model("consultation.ComplaintIndexPage")
    page.goto(local(demo.first_url(index)))
    page.locator("main a[href$='/gui-don/']").first.click()
    expect(page.locator("h1")).to_have_count(1)
    # The confidentiality notice is there before anything is typed.
    expect(page.locator("#rq-confidential")).to_be_visible()
    page.check("#id_kind_1")  # a denunciation
    page.fill("#id_full_name", "Lò Thị Hoa")
    page.fill("#id_address", "Bản Khe Rồng, xã Như Xuân, tỉnh Thanh Hóa")
    page.fill("#id_phone", "0912 345 678")
    page.locator("#id_field").select_option(index=1)
    page.fill("#id_title", subject)
    page.fill("#id_respondent", "Ông Nguyễn Văn B, công chức xã")
    page.fill("#id_body", "Ông B yêu cầu nộp thêm tiền ngoài lệ phí khi giải quyết hồ sơ.")
    page.check("#id_truthful")
    page.fill("#id_challenge_answer", solve_challenge(page))
    page.check("#id_consent")
    page.locator("form.cv-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/theo-doi/[^/]+/\?moi=1$"))
    expect(page.locator(".cv-success[role=status]")).to_be_visible()
    code = page.locator("[data-testid=code]").inner_text().strip()
    secret = page.locator("[data-testid=secret]").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{5}", code), code
    assert re.fullmatch(r"[A-Z2-9]{10}", secret), secret
    return code, secret


def follow(page, demo, code: str, secret: str) -> None:
    index = demo.model("consultation.ComplaintIndexPage")
    page.goto(local(demo.first_url(index)))
    page.locator("main a[href$='/theo-doi/']").first.click()
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.fill("#id_challenge_answer", solve_challenge(page))
    page.locator("form.cv-form button[type=submit]").click()


def test_send_a_denunciation_and_follow_it_by_code_and_secret(page, viewport, demo):
    subject = unique("Tố cáo việc thu tiền ngoài quy định")
    code, secret = send_denunciation(page, demo, subject)
    request = demo.model("consultation.Question").objects.get(title=subject)
    assert request.kind == "to-cao"
    assert request.code == code

    # Shown once: back on the receipt, the secret is gone.
    page.reload()
    expect(page.locator("[data-testid=secret]")).to_have_count(0)

    # A wrong secret: one message, nothing about whether the code exists.
    follow(page, demo, code, "AAAAAAAAAA")
    expect(page.locator(".cv-error-summary[role=alert]")).to_be_visible()
    expect(page.locator("#id_code")).to_have_value(code)
    expect(page.locator("#id_secret")).to_have_value("")

    # The right one, typed in lower case: the tracking page with the stage so far.
    follow(page, demo, code, secret.lower())
    page.wait_for_url(re.compile(r"/theo-doi/[^/?]{20,}/$"))
    expect(page.locator("h1")).to_contain_text(code)
    expect(page.locator(".cv-status")).to_be_visible()
    expect(page.locator("ol.cv-history li")).to_have_count(1)
    expect(page.locator("dl.cv-facts")).to_contain_text(subject)
    axe_check(page)
