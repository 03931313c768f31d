"""Adds the platform's apps to a stock ``wagtail start mysite`` site, as the README says.

    python configure.py SITE_DIR library   # legal library, procedure catalogue, search page
    python configure.py SITE_DIR qa        # then the questions and answers

Appends to mysite/settings/base.py and puts the apps' URLs before Wagtail's catch-all in
mysite/urls.py. Plain text edits: no Django needed. Run by .ci/plugin_site.sh.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIBRARY_SETTINGS = """
# --- cong-thong-tin: the legal library, the procedure catalogue and the Vietnamese search
# (README, "Using the apps in an existing Wagtail site"): the apps and their prerequisites
# that `wagtail start` does not install.
# After the site's own apps (its templates win) and before Wagtail's (the apps' templates
# and Vietnamese wording win over Wagtail's).
_at = INSTALLED_APPS.index("wagtail.contrib.forms")
INSTALLED_APPS[_at:_at] = [
    "congthongtin.core",
    "congthongtin.legal",
    "congthongtin.procedures",
    "congthongtin.search",
]
INSTALLED_APPS += [
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "simple_history",
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "wagtail.contrib.settings.context_processors.settings"
)
# A stock site: Django's own default, set explicitly (the template does not set it).
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
"""

QA_SETTINGS = """
# --- cong-thong-tin: the questions and answers (README).
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.forms"), "congthongtin.consultation")
"""

LIBRARY_URLS = '    path("tim-kiem/", include("congthongtin.search.urls")),\n'
QA_URLS = '    path("danh-gia-trang/", include("congthongtin.consultation.urls")),\n'
CATCH_ALL = '    path("", include(wagtail_urls)),\n'


def add_urls(urls: Path, lines: str) -> None:
    text = urls.read_text(encoding="utf-8")
    if text.count(CATCH_ALL) != 1:
        raise SystemExit(f"{urls}: Wagtail's catch-all line not found once: {CATCH_ALL!r}")
    urls.write_text(text.replace(CATCH_ALL, lines + CATCH_ALL), encoding="utf-8")


def main(site: Path, stage: str) -> None:
    settings = site / "mysite" / "settings" / "base.py"
    urls = site / "mysite" / "urls.py"
    extra, lines = {"library": (LIBRARY_SETTINGS, LIBRARY_URLS), "qa": (QA_SETTINGS, QA_URLS)}[
        stage
    ]
    with settings.open("a", encoding="utf-8") as out:
        out.write(extra)
    add_urls(urls, lines)
    print(f"{settings}: {stage} settings appended; {urls}: {lines.strip()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
