"""Every user-facing string has a Vietnamese translation (docs/architecture.md §5).

Each app keeps its own catalogue (``<app>/locale/vi/LC_MESSAGES/django.po``, written by
``make messages``) so that it travels with the app; the portal keeps its own strings and
``nhuxuan_site/locale_wagtail/`` (Wagtail's admin). These tests read every one of them."""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.test import Client, TestCase
from django.utils import translation

from congthongtin import PACKAGES

ROOT = Path(__file__).resolve().parents[2]
#: Apps whose code or templates hold translatable strings (vietnam is plain Python).
TRANSLATED_APPS = [name for name in PACKAGES if name != "vietnam"]
CATALOGUES = {app: ROOT / app / "locale/vi/LC_MESSAGES" for app in TRANSLATED_APPS}
catalogues = pytest.mark.parametrize("app", TRANSLATED_APPS)


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


@catalogues
def test_catalogue__every_msgid_translated_and_not_fuzzy(app):
    po = (CATALOGUES[app] / "django.po").read_text(encoding="utf-8")
    problems = [
        msgid for flags, msgid, msgstrs in entries(po) if "fuzzy" in flags or not all(msgstrs)
    ]
    assert problems == [], app


@catalogues
def test_catalogue__placeholders_kept(app):
    po = (CATALOGUES[app] / "django.po").read_text(encoding="utf-8")
    pattern = re.compile(r"%\(\w+\)s|\{\w*\}")
    for _flags, msgid, msgstrs in entries(po):
        for msgstr in msgstrs:
            assert sorted(pattern.findall(msgid)) == sorted(pattern.findall(msgstr)), msgid


@catalogues
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_compiled_catalogue__matches_the_po(app, tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(CATALOGUES[app] / "django.po")],
        check=True,
    )
    assert compiled.read_bytes() == (CATALOGUES[app] / "django.mo").read_bytes(), (
        f"{app}: run `make messages`"
    )


def test_catalogue__one_per_app_and_none_shared():
    """Every app has its catalogue, and the portal no longer holds the apps' strings: the
    strings of an app's own files are in that app's catalogue."""
    assert [app for app, folder in CATALOGUES.items() if not (folder / "django.po").is_file()] == []
    portal = {e.msgid for e in polib.pofile(str(CATALOGUES["nhuxuan_site"] / "django.po"))}
    legal = {e.msgid for e in polib.pofile(str(CATALOGUES["legal"] / "django.po"))}
    assert "Keyword or number" in legal  # legal/templates/legal/legal_document_index_page.html
    assert "Keyword or number" not in portal


@catalogues
def test_catalogue__its_wording_is_what_the_portal_shows(app):
    """No other catalogue the portal loads (locale_wagtail/, Wagtail's, Django's, another
    app's) overrides an app's translation: LOCALE_PATHS and INSTALLED_APPS put the apps'
    catalogues first, and two apps translating one msgid translate it alike."""
    shadowed = []
    with translation.override("vi"):
        for entry in polib.pofile(str(CATALOGUES[app] / "django.po")):
            if entry.msgid_plural:
                shown = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                )
                expected = entry.msgstr_plural[0]
            else:
                shown = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt
                    else translation.gettext(entry.msgid)
                )
                expected = entry.msgstr
            if shown != expected:
                shadowed.append((entry.msgid, expected, shown))
    assert shadowed == []


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
