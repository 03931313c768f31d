#!/usr/bin/env python
"""Screenshots of every public page type at phone (360 px) and desktop (1280 px) width.

``make screenshots`` runs this. It reuses the browser tests' set-up rather than a server of
its own: the accessibility tests of tests/e2e/test_accessibility.py visit one page of
each public page type of the demo portal (on a throw-away test database, loaded with
``load_demo``), and with ``E2E_SCREENSHOTS`` set they save ``<type>--phone.png`` and
``<type>--desktop.png`` first. The result goes to ``screenshots/`` (git-ignored) with an
``index.html`` that shows them side by side for a reviewer.

The checks still run and their outcome is printed, but a failing check does not stop
the screenshots: they are for looking at the site, the tests are for judging it.

    python scripts/screenshots.py [--out DIR] [extra pytest arguments]
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args, pytest_args = parser.parse_known_args(argv)
    if not Path(CHROMIUM).exists():
        print(
            f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) "
            "or set E2E_CHROMIUM.",
            file=sys.stderr,
        )
        return 2
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-m",
        "e2e",
        "tests/e2e/test_accessibility.py",
        "-k",
        "test_page_type_is_accessible",
        "-q",
        *pytest_args,
    ]
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, "E2E_SCREENSHOTS": str(out)})
    shots = sorted(out.glob("*--desktop.png"))
    if not shots:
        print("No screenshot was written (see the test output above).", file=sys.stderr)
        return result.returncode or 1
    write_index(out, shots)
    status = "passed" if result.returncode == 0 else f"failed (pytest exit {result.returncode})"
    print(f"{len(shots)} page types × 2 widths in {out}/ (index.html); the checks {status}.")
    return 0


def write_index(out: Path, shots: list[Path]) -> None:
    rows = []
    for desktop in shots:
        name = desktop.name.removesuffix("--desktop.png")
        phone = out / f"{name}--phone.png"
        cells = [
            f'<td><a href="{html.escape(p.name)}"><img src="{html.escape(p.name)}" '
            f'alt="{html.escape(name)} ({label})" loading="lazy"></a></td>'
            for p, label in ((phone, "360 px"), (desktop, "1280 px"))
            if p.exists()
        ]
        rows.append(f"<tr><th scope=row>{html.escape(name)}</th>{''.join(cells)}</tr>")
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang=vi><meta charset=utf-8><title>Screenshots</title>"
        "<style>body{font-family:sans-serif}td{vertical-align:top}"
        "img{max-height:600px;border:1px solid #ccc}td:first-of-type img{max-width:200px}"
        "td:last-of-type img{max-width:640px}</style>"
        "<h1>Public page types at 360 px and 1280 px</h1><table>"
        "<thead><tr><th scope=col>Page type</th><th scope=col>Phone (360 px)</th>"
        "<th scope=col>Desktop (1280 px)</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></html>\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
