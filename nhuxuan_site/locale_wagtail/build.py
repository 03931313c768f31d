#!/usr/bin/env python
"""Build the Vietnamese override catalogues for the Wagtail admin.

Merges every msgid (with msgctxt and plural forms) from the installed
Wagtail apps' English catalogues (plus django-simple-history), applies the
hand-written translations in ``translations/*.json`` and falls back to the
existing Wagtail ``vi`` catalogue for anything not overridden.  Writes
``vi/LC_MESSAGES/{django,djangojs}.po`` and compiles them with
``msgfmt --check``.

Usage (from the repository root)::

    .venv/bin/pip install polib   # build-time only
    .venv/bin/python nhuxuan_site/locale_wagtail/build.py

Translation files are keyed by msgid; entries with a context use
``"<msgctxt>\\u0004<msgid>"``.  ``translations/django.json`` holds the
Wagtail core/admin/contrib strings; ``django_extra.json`` (table blocks,
embeds, django-taggit) and ``simple_history.json`` only fill gaps.
Plural entries are translated once (Vietnamese has a single plural form)
using the placeholders of msgid_plural.
"""

import glob
import json
import re
import subprocess
import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "vi" / "LC_MESSAGES"
TR_DIR = HERE / "translations"

try:
    import wagtail

    WAGTAIL = Path(wagtail.__file__).resolve().parent
except ImportError:  # pragma: no cover
    WAGTAIL = HERE.parent.parent / ".venv/lib/python3.11/site-packages/wagtail"
SITE_PACKAGES = WAGTAIL.parent

# Priority order: on duplicate (msgctxt, msgid) the first app wins.
APPS = [
    ("admin", WAGTAIL / "admin"),
    ("core", WAGTAIL),
    ("snippets", WAGTAIL / "snippets"),
    ("users", WAGTAIL / "users"),
    ("documents", WAGTAIL / "documents"),
    ("images", WAGTAIL / "images"),
    ("sites", WAGTAIL / "sites"),
    ("settings", WAGTAIL / "contrib/settings"),
    ("forms", WAGTAIL / "contrib/forms"),
    ("redirects", WAGTAIL / "contrib/redirects"),
    ("search", WAGTAIL / "search"),
    ("locales", WAGTAIL / "locales"),
    ("table_block", WAGTAIL / "contrib/table_block"),
    ("typed_table_block", WAGTAIL / "contrib/typed_table_block"),
    ("embeds", WAGTAIL / "embeds"),
    ("taggit", SITE_PACKAGES / "taggit"),
]
JS_APPS = [("admin", WAGTAIL / "admin")]

PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}|<[^>]+>")

METADATA = {
    "Project-Id-Version": "nhuxuan_site wagtail-vi",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2025-01-01 00:00+0700",
    "PO-Revision-Date": "2025-01-01 00:00+0700",
    "Last-Translator": "nhuxuan_site",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def key_of(entry):
    return (entry.msgctxt + "\x04" if entry.msgctxt else "") + entry.msgid


def load_json(name):
    path = TR_DIR / name
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def existing_vi(app_dir, domain):
    path = app_dir / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
    result = {}
    if path.exists():
        for e in polib.pofile(str(path)):
            if e.obsolete or "fuzzy" in e.flags or not e.translated():
                continue
            s = e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr
            if s:
                result[key_of(e)] = s
    return result


def sources(domain):
    apps = APPS if domain == "django" else JS_APPS
    for name, app_dir in apps:
        path = app_dir / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        yield name, polib.pofile(str(path)), existing_vi(app_dir, domain)
    if domain == "django":
        # django-simple-history ships no "en" catalogue; union all locales.
        entries = {}
        for path in sorted(
            glob.glob(str(SITE_PACKAGES / "simple_history/locale/*/LC_MESSAGES/django.po"))
        ):
            for e in polib.pofile(path):
                if not e.obsolete:
                    entries.setdefault(key_of(e), e)
        po = polib.POFile()
        po.extend(entries.values())
        yield "simple_history", po, {}


def build(domain, overrides):
    po = polib.POFile(wrapwidth=79)
    po.metadata = dict(METADATA)
    seen = set()
    stats = {}
    problems = []
    for app, en, vi in sources(domain):
        st = stats.setdefault(app, {"total": 0, "translated": 0, "ours": 0})
        for e in en:
            if e.obsolete or not e.msgid:
                continue
            k = key_of(e)
            if k in seen:
                continue
            seen.add(k)
            st["total"] += 1
            s = overrides.get(k) or vi.get(k) or ""
            if overrides.get(k):
                st["ours"] += 1
            if s:
                st["translated"] += 1
                ref = e.msgid_plural or e.msgid
                want = sorted(set(PLACEHOLDER.findall(ref)))
                got = sorted(set(PLACEHOLDER.findall(s)))
                if want != got:
                    problems.append((app, e.msgid, s, want, got))
            flags = [f for f in e.flags if f != "fuzzy"]
            new = polib.POEntry(
                msgctxt=e.msgctxt,
                msgid=e.msgid,
                msgid_plural=e.msgid_plural,
                flags=flags,
                comment=f"{app}",
            )
            if e.msgid_plural:
                new.msgstr_plural = {0: s}
            else:
                new.msgstr = s
            po.append(new)
    return po, stats, problems


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ok = True
    for domain in ("django", "djangojs"):
        overrides = load_json(f"{domain}.json")
        if domain == "django":
            for extra in ("django_extra.json", "simple_history.json"):
                for k, v in load_json(extra).items():
                    overrides.setdefault(k, v)
        po, stats, problems = build(domain, overrides)
        po_path = OUT_DIR / f"{domain}.po"
        mo_path = OUT_DIR / f"{domain}.mo"
        po.save(str(po_path))
        res = subprocess.run(
            ["msgfmt", "--check", "-o", str(mo_path), str(po_path)],
            capture_output=True,
            text=True,
        )
        print(f"== {domain}: msgfmt rc={res.returncode} {res.stderr.strip()}")
        ok = ok and res.returncode == 0
        for app, st in stats.items():
            print(
                f"  {app:15s} {st['translated']:4d}/{st['total']:4d} translated "
                f"({st['ours']} from translations/)"
            )
        for app, msgid, _s, want, got in problems:
            print(f"  ! placeholder difference [{app}] {msgid!r}: {want} vs {got}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
