"""Every user-facing string has a Vietnamese translation (docs/architecture.md §5)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client, TestCase
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "nhuxuan_site/locale/vi/LC_MESSAGES"


def entries(po_text: str):
    """(flags, msgid, msgstrs) of each entry but the header."""
    for block in po_text.split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        msgid, msgstrs, current = [], [], None
        for line in lines:
            if line.startswith("msgid "):
                current = msgid
                current.append(line[6:])
            elif line.startswith("msgid_plural "):
                current = []  # the plural form; its placeholders match the singular's
            elif line.startswith("msgstr"):
                current = []
                msgstrs.append(current)
                current.append(line.split(" ", 1)[1])
            elif line.startswith('"') and current is not None:
                current.append(line)
        text = "".join(part[1:-1] for part in msgid)
        if text:
            yield flags, text, ["".join(part[1:-1] for part in s) for s in msgstrs]


def test_catalogue__every_msgid_translated_and_not_fuzzy():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    problems = [
        msgid for flags, msgid, msgstrs in entries(po) if "fuzzy" in flags or not all(msgstrs)
    ]
    assert problems == []


def test_catalogue__placeholders_kept():
    po = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    pattern = re.compile(r"%\(\w+\)s|\{\w*\}")
    for _flags, msgid, msgstrs in entries(po):
        for msgstr in msgstrs:
            assert sorted(pattern.findall(msgid)) == sorted(pattern.findall(msgstr)), msgid


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_compiled_catalogue__matches_the_po(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True
    )
    assert compiled.read_bytes() == (CATALOGUE / "django.mo").read_bytes(), "run `make messages`"


class PublicLanguageTests(TestCase):
    def test_public_page__english_browser__still_vietnamese(self):
        response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")
        self.assertContains(response, "Chuyển đến nội dung chính")
        self.assertContains(response, '<html lang="vi"')

    def test_not_found__vietnamese(self):
        response = self.client.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)

    def test_admin_login__vietnamese(self):
        response = self.client.get("/admin/login/")
        self.assertContains(response, "Đăng nhập")
        with translation.override("vi"):
            self.assertEqual(translation.gettext("Sign in"), "Đăng nhập")
