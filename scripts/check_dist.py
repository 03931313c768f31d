"""Check the built distributions against the repository (.ci/plugin_site.sh).

    python scripts/check_dist.py dist/cong_thong_tin-*.whl dist/cong_thong_tin-*.tar.gz

- The wheel holds every file git tracks in each app folder (Python modules, migrations,
  templates, static files, catalogues, demo data) as ``congthongtin/<app>/…``, and
  ``congthongtin/__init__.py``; nothing from tests/, bench/, docker/, deploy/, docs/, var/,
  scripts/, no byte code, no database.
- The sdist holds the same files at their repository paths, plus what a build from it needs
  (pyproject.toml, setup.py, README.md, CHANGELOG.md, MANIFEST.in), and the same exclusions.

Prints a table of the wheel's files per app and kind; exits 1 listing what is missing or
should not be there.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
NAMESPACE = "congthongtin"
BUILD_FILES = ("pyproject.toml", "setup.py", "README.md", "CHANGELOG.md", "MANIFEST.in")
FORBIDDEN_TOP = ("tests", "bench", "docker", "deploy", "docs", "var", "scripts", ".ci")
KINDS = ("python", "migrations", "templates", "static", "catalogues", "other")


def packages() -> tuple[str, ...]:
    """The app folders, as congthongtin/__init__.py lists them (read, not imported)."""
    tree = ast.parse((ROOT / NAMESPACE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PACKAGES" for t in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise SystemExit("PACKAGES not found in congthongtin/__init__.py")


def tracked(folders) -> set[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--", *folders], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return {name for name in out.split("\0") if name}


def kind(parts: tuple[str, ...]) -> str:
    if "migrations" in parts:
        return "migrations"
    if "templates" in parts:
        return "templates"
    if "static" in parts:
        return "static"
    if any(part.startswith("locale") for part in parts):
        return "catalogues"
    return "python" if parts[-1].endswith(".py") else "other"


def forbidden(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        parts[0] in FORBIDDEN_TOP
        or "__pycache__" in parts
        or path.endswith((".pyc", ".pyo", ".sqlite3"))
    )


def check_wheel(wheel: Path, apps) -> tuple[list[str], Counter]:
    with zipfile.ZipFile(wheel) as archive:
        names = {n for n in archive.namelist() if not n.endswith("/")}
    content = {n for n in names if ".dist-info/" not in n}
    expected = {f"{NAMESPACE}/{path}" for path in tracked(apps)} | {f"{NAMESPACE}/__init__.py"}
    problems = [f"wheel lacks {name}" for name in sorted(expected - content)]
    for name in sorted(content):
        parts = PurePosixPath(name).parts
        if parts[0] != NAMESPACE or forbidden("/".join(parts[1:])) or forbidden(name):
            problems.append(f"wheel should not hold {name}")
        elif name not in expected:
            problems.append(f"wheel holds {name}, which git does not track")
    table = Counter()
    for name in content:
        parts = PurePosixPath(name).parts
        app = parts[1] if len(parts) > 2 else NAMESPACE
        table[app, kind(parts[2:] or parts[1:])] += 1
    return problems, table


def check_sdist(sdist: Path, apps) -> list[str]:
    with tarfile.open(sdist) as archive:
        members = [m.name for m in archive.getmembers() if m.isfile()]
    prefix = members[0].split("/", 1)[0] + "/"
    content = {m[len(prefix) :] for m in members}
    expected = tracked([*apps, NAMESPACE]) | set(BUILD_FILES)
    problems = [f"sdist lacks {name}" for name in sorted(expected - content)]
    problems += [f"sdist should not hold {name}" for name in sorted(content) if forbidden(name)]
    return problems


def print_table(table: Counter, apps) -> None:
    rows = [NAMESPACE, *apps]
    print(f"{'app':<14}" + "".join(f"{k:>12}" for k in KINDS) + f"{'total':>8}")
    for app in rows:
        counts = [table[app, k] for k in KINDS]
        print(f"{app:<14}" + "".join(f"{c:>12}" for c in counts) + f"{sum(counts):>8}")
    totals = [sum(table[app, k] for app in rows) for k in KINDS]
    print(f"{'total':<14}" + "".join(f"{c:>12}" for c in totals) + f"{sum(totals):>8}")


def main(argv: list[str]) -> int:
    wheels = [Path(a) for a in argv if a.endswith(".whl")]
    sdists = [Path(a) for a in argv if a.endswith(".tar.gz")]
    if len(wheels) != 1 or len(sdists) != 1:
        print(__doc__)
        return 2
    apps = packages()
    problems, table = check_wheel(wheels[0], apps)
    problems += check_sdist(sdists[0], apps)
    print(f"{wheels[0].name}: files per app and kind")
    print_table(table, apps)
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
