#!/usr/bin/env python
"""Screenshots of the editor's guide (editorial/guide/huong-dan-bien-tap.md).

``make screenshots`` runs this after the public page types. It builds a throw-away demo
portal (SQLite in a temporary folder: ``migrate``, ``setup_portal``, ``load_demo
--password``), serves it with ``runserver`` on a free port of 127.0.0.1, and walks the
editors' tasks in Chromium (Playwright) as the demo's accounts: log in, the dashboards, a
news item through its three steps, a request for changes, a delegation, converting legacy
text, importing a legal document, answering a question, reading the audit. Each step is
captured at desktop width (1280 × 800 CSS px) into ``editorial/guide/anh/``, cropped to
the part the guide talks about, reduced to 256 colours and optimised (Pillow).

A step that fails is reported and skipped; the others still run. The guide names each
image it shows; ``tests/editorial/test_guide.py`` fails when one is missing.

    python scripts/guide_screenshots.py [--out DIR] [--keep] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
OUT = ROOT / "editorial" / "guide" / "anh"
PASSWORD = os.environ.get("GUIDE_DEMO_PASSWORD", "huong-dan-2026")
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 20_000


# The demo server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_for(url: str) -> None:
    for _ in range(120):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url + "/admin/login/", timeout=2)
            return
        time.sleep(0.5)
    raise RuntimeError(f"the demo server at {url} did not answer within a minute")


@contextlib.contextmanager
def demo_server():
    """The demo portal on http://localhost:<port>, its data in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="guide-screenshots-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congthongtin.nhuxuan_site.settings.dev",
        "VAR_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{port}",
    }
    print(f"Demo portal in {folder} (migrate, setup_portal, load_demo)…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "setup_portal")
    manage(env, "load_demo", "--password", PASSWORD, "--port", str(port))
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}"
    try:
        wait_for(url)
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


# Capturing ---------------------------------------------------------------------------------
def optimise(path: Path) -> None:
    """256 colours and zlib's best: an admin screen has few colours, and a 1280 × 800
    capture goes from ~250 kB to ~60 kB without a visible change."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


class Shooter:
    def __init__(self, browser, base_url: str, out: Path, only: set[str]):
        self.browser = browser
        self.base_url = base_url
        self.out = out
        self.only = only
        self.done: list[str] = []
        self.failed: list[str] = []
        self.pages: dict[str, object] = {}

    def page(self, username: str | None):
        """One signed-in page per account, kept for the whole run."""
        key = username or ""
        if key not in self.pages:
            context = self.browser.new_context(
                viewport=DESKTOP,
                base_url=self.base_url,
                locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
                device_scale_factor=1,
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            if username:
                login(page, username)
            self.pages[key] = page
        return self.pages[key]

    def shot(self, page, name: str, *targets, pad: int = 8, max_height: int = 1600):
        """``<name>.png``: the viewport, or the box around ``targets`` (selectors, locators
        or clip boxes; those not on the screen are left out) with a small margin."""
        path = self.out / f"{name}.png"
        page.wait_for_load_state()
        page.wait_for_timeout(300)  # the admin's scripts settle (menus, editors)
        boxes = []
        for target in targets:
            if isinstance(target, dict):
                boxes.append(target)
                continue
            locator = page.locator(target) if isinstance(target, str) else target
            locator = locator.first
            if locator.count() and locator.is_visible():
                boxes.append(locator.bounding_box())
        if targets and not boxes:
            raise RuntimeError(f"nothing of {targets} is on the screen")
        if boxes:
            left = max(min(b["x"] for b in boxes) - pad, 0)
            top = max(min(b["y"] for b in boxes) - pad, 0)
            right = min(max(b["x"] + b["width"] for b in boxes) + pad, DESKTOP["width"])
            bottom = max(b["y"] + b["height"] for b in boxes) + pad
            clip = {
                "x": left,
                "y": top,
                "width": right - left,
                "height": min(bottom - top, max_height),
            }
            page.screenshot(path=path, clip=clip, full_page=True)
        else:
            page.screenshot(path=path)
        optimise(path)
        self.done.append(name)

    @contextlib.contextmanager
    def step(self, name: str):
        """One task of the guide; its failure is reported and the next one runs."""
        if self.only and name not in self.only:
            yield False
            return
        print(f"- {name}", flush=True)
        try:
            yield True
        except Exception:
            self.failed.append(name)
            traceback.print_exc(limit=3)


def login(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def open_footer_menu(page) -> None:
    """The page editor's footer: the arrow beside the main button opens the other actions."""
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()


def section_of(env: dict, username: str) -> int:
    """The page id of the section assigned to ``username`` (read from the demo database)."""
    code = (
        "import django; django.setup();"
        "from congthongtin.editorial.models import SectionAssignment as S;"
        f"print(S.objects.filter(user__username={username!r}).first().section_id)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def fill_news_item(page, section_id: int, title: str, summary: str) -> None:
    page.goto(f"/admin/pages/{section_id}/")
    page.locator(f"a[href*='/admin/pages/{section_id}/add_subpage/']").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))
    page.fill("#id_title", title)
    page.locator("#id_title").blur()
    page.locator("#id_category-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]").first.click()
    modal.wait_for(state="hidden")
    page.fill("#id_summary", summary)
    page.fill("#id_author_name", "Phạm Thị Dung")
    page.fill("#id_author_address", "Văn phòng UBND xã Như Xuân")


def submit(page, section_id: int) -> None:
    open_footer_menu(page)
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{section_id}/$"))


def dashboard_row(page, title: str):
    """The item in the dashboard's "waiting for me" panel, with the step's buttons."""
    page.goto("/admin/")
    return page.locator("#editorial-waiting-section .cv-todo__item", has_text=title)


#: The open dropdown of the editor's footer (it opens upwards) and of a dashboard row.
FOOTER_MENU = "footer [data-w-dropdown-target=content], footer .w-dropdown__content"
ROW_MENU = "[data-tippy-root] .w-dropdown__content, .w-dropdown__content:visible"


# The guide's steps -------------------------------------------------------------------------
def run(shooter: Shooter, env: dict) -> None:
    s = shooter
    stamp = time.strftime("%H%M%S")
    news = f"Lễ hội Đền Bà Triệu năm nay {stamp}"

    with s.step("dang-nhap") as go:
        if go:
            page = s.page(None)
            page.goto("/admin/login/")
            page.fill("#id_username", "ptdung")
            s.shot(page, "dang-nhap", "main, form")

    # The dashboards: what waits for each role.
    for username, name in (
        ("ptdung", "tong-quan-cong-tac-vien"),
        ("lvcuong", "tong-quan-bien-tap-vien"),
        ("ttbinh", "tong-quan-pho-truong-ban"),
        ("nvan", "tong-quan-truong-ban"),
        ("ntlan", "tong-quan-thuong-truc"),
        ("dvhai", "tong-quan-can-bo-dau-moi"),
        ("hvem", "tong-quan-kiem-tra"),
    ):
        with s.step(name) as go:
            if go:
                page = s.page(username)
                page.goto("/admin/")
                s.shot(page, name)

    with s.step("menu-tro-giup") as go:
        if go:
            page = s.page("lvcuong")
            page.goto("/admin/")
            page.locator(".sidebar-menu-item__link", has_text="Trợ giúp").first.click()
            page.wait_for_timeout(400)
            s.shot(page, "menu-tro-giup", {"x": 0, "y": 0, "width": 640, "height": 800}, pad=0)

    # A news item through the three steps.
    section = section_of(env, "ptdung")
    with s.step("viet-tin") as go:
        if go:
            page = s.page("ptdung")
            fill_news_item(
                page, section, news, "Lễ hội truyền thống của đồng bào Thái, Mường xã Như Xuân."
            )
            page.locator("#id_title").evaluate("el => el.scrollIntoView({block: 'center'})")
            s.shot(page, "viet-tin")
            open_footer_menu(page)
            s.shot(page, "gui-duyet", "footer", FOOTER_MENU, pad=4)
            page.locator("button[name=action-submit]").click()
            page.wait_for_url(re.compile(rf"/admin/pages/{section}/$"))
            s.shot(page, "da-gui-duyet", ".messages")

    with s.step("duyet-buoc-1") as go:
        if go:
            page = s.page("lvcuong")
            row = dashboard_row(page, news)
            page.wait_for_timeout(300)
            s.shot(page, "duyet-buoc-1-menu", row, ROW_MENU)
            row.locator("button[data-workflow-action-url*='/approve/'][data-launch-modal]").click()
            modal = page.locator(".modal-dialog")
            modal.locator("textarea[name=comment]").fill("Đã biên tập, đúng chính tả.")
            s.shot(page, "duyet-buoc-1-nhan-xet", modal)
            # The dashboard reloads once the approval is recorded.
            with page.expect_navigation():
                modal.locator("button[type=submit]").click()

    with s.step("duyet-buoc-2") as go:
        if go:
            page = s.page("ttbinh")
            row = dashboard_row(page, news)
            with page.expect_navigation():
                row.locator(
                    "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
                ).click()

    with s.step("duyet-dang") as go:
        if go:
            page = s.page("nvan")
            page.goto("/admin/")
            dashboard_row(page, news).get_by_role("link", name=news).first.click()
            page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
            open_footer_menu(page)
            s.shot(page, "duyet-dang", "footer", FOOTER_MENU, pad=4)
            approve = page.locator(
                "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
            )
            with page.expect_navigation():
                approve.click()
            s.shot(page, "da-dang", ".messages")

    # A request for changes (reject) on another item.
    returned = f"Thông báo lịch tiếp công dân {stamp}"
    with s.step("yeu-cau-sua") as go:
        if go:
            page = s.page("ptdung")
            fill_news_item(page, section, returned, "Lịch tiếp công dân của Chủ tịch UBND xã.")
            submit(page, section)
            page = s.page("lvcuong")
            row = dashboard_row(page, returned)
            row.locator("button[data-workflow-action-url*='/reject/']").first.click()
            modal = page.locator(".modal-dialog")
            modal.locator("textarea[name=comment]").fill(
                "Đề nghị ghi rõ giờ tiếp công dân và địa điểm."
            )
            s.shot(page, "yeu-cau-sua", modal)
            modal.locator("button[type=submit]").click()
            page.wait_for_url("**/admin/")

    # Converting legacy text (TCVN3) to Unicode.
    legacy = f"Thông báo tổ chức lễ hội {stamp}"
    with s.step("chuyen-ma") as go:
        if go:
            page = s.page("ptdung")
            fill_news_item(page, section, legacy, "Th«ng b¸o vÒ viÖc tæ chøc lÔ héi truyÒn thèng")
            page.locator("footer button.action-save").first.click()
            page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
            open_footer_menu(page)
            s.shot(page, "chuyen-ma-menu", "footer", FOOTER_MENU, pad=4)
            page.locator("footer button[formaction*='/chuyen-ma/']").click()
            page.wait_for_load_state()
            s.shot(page, "chuyen-ma-xong", ".messages", "#id_summary")

    # Delegating a step (deputy head, head).
    with s.step("uy-quyen") as go:
        if go:
            page = s.page("ttbinh")
            page.goto("/admin/uy-quyen/")
            page.locator("a[href$='/uy-quyen/new/']").first.click()
            page.wait_for_url(re.compile(r"/new/"))
            s.shot(page, "uy-quyen", "main")

    # Importing a legal document.
    with s.step("nhap-van-ban") as go:
        if go:
            page = s.page("lvcuong")
            page.goto("/admin/van-ban/nhap/")
            sample = write_sample_document()
            page.set_input_files("input[type=file]", str(sample))
            s.shot(page, "nhap-van-ban", "main")
            page.locator("main form button[type=submit]").click()
            page.wait_for_load_state()
            s.shot(page, "nhap-van-ban-ket-qua", "main")

    # Answering a question.
    with s.step("tra-loi") as go:
        if go:
            page = s.page("ntlan")
            page.goto("/admin/y-kien-nhan-dan/hoi-dap/")
            s.shot(page, "hoi-dap-bang", "main")
            page = s.page("dvhai")
            page.goto("/admin/y-kien-nhan-dan/yeu-cau/cua-toi/")
            s.shot(page, "hoi-dap-cua-toi", "main")
            link = page.locator("main table a").first
            link.click()
            page.wait_for_load_state()
            s.shot(page, "hoi-dap-cau-hoi", ".cv-admin-status p", ".cv-admin-status p >> nth=3")
            page.locator(".cv-admin-status a[href$='/tra-loi/']").first.click()
            page.wait_for_url(re.compile(r"/tra-loi/(add/|\d+/)"))
            editor = page.locator("[data-contentpath=body] [contenteditable=true]").first
            editor.click()
            page.keyboard.type(
                "Người dân nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của UBND xã "
                "hoặc trên Cổng Dịch vụ công quốc gia."
            )
            s.shot(page, "hoi-dap-tra-loi")
            open_footer_menu(page)
            s.shot(page, "hoi-dap-gui-duyet", "footer", FOOTER_MENU, pad=4)

    # Reading the audit.
    with s.step("kiem-tra") as go:
        if go:
            page = s.page("hvem")
            page.goto("/admin/ban-bien-tap/kiem-tra/")
            s.shot(page, "kiem-tra-bao-cao", "main")
            row = page.locator("tr", has_text=news)
            if row.count():
                row.get_by_role("link", name=news).click()
                page.wait_for_load_state()
                s.shot(page, "kiem-tra-lich-su", "main")


def write_sample_document() -> Path:
    """A small decision in Word (.docx): the header table and the lines of a decision of
    the commune's People's Committee, as bodies send them."""
    import docx

    document = docx.Document()
    header = [
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("XÃ NHƯ XUÂN", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 27/QĐ-UBND", "Như Xuân, ngày 12 tháng 3 năm 2026"),
    ]
    table = document.add_table(rows=len(header), cols=2)
    for row, (left, right) in zip(table.rows, header, strict=True):
        row.cells[0].text, row.cells[1].text = left, right
    for line in (
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế hoạt động của Trang thông tin điện tử xã Như Xuân",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN",
        "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc "
        "cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;",
        "Theo đề nghị của Văn phòng HĐND và UBND xã.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Trang thông tin điện tử.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "CHỦ TỊCH",
        "Lê Văn Thắng",
    ):
        document.add_paragraph(line)
    path = Path(tempfile.mkdtemp()) / "qd-27-ubnd.docx"
    document.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only", nargs="*", default=[], help="step names (default: every step)")
    parser.add_argument(
        "--url",
        help=f"use this running demo (load_demo --password {PASSWORD}; DATABASE_URL its database)",
    )
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: set E2E_CHROMIUM.", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.url:
        env = {"DJANGO_SETTINGS_MODULE": "congthongtin.nhuxuan_site.settings.dev", **os.environ}
        wait_for(args.url)
        server = contextlib.nullcontext((args.url, env))
    else:
        server = demo_server()
    with server as (url, env), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=vi-VN"],
        )
        shooter = Shooter(browser, url, out, set(args.only))
        try:
            run(shooter, env)
        finally:
            browser.close()
    print(f"{len(shooter.done)} screenshots in {out}/")
    if shooter.failed:
        print(f"Failed steps: {', '.join(shooter.failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
