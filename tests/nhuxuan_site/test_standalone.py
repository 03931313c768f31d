"""The repository stands alone (issue 17, item 8): no tracked file points outside it, and the
requirement IDs that code, templates, tests and docs cite are defined in the repository
itself, in docs/requirements.md, with the files and tests that meet each of them."""

import ast
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "docs" / "requirements.md"

#: Places a user of the project never has: the development sessions' shared folder and the
#: design and developers' notes kept there (the repository's own is docs/architecture.md).
#: Spelt in parts so that this file does not itself hold the addresses it looks for.
_SHARED = "shared"
OUTSIDE = (
    f"../{_SHARED}",
    f"/work/{_SHARED}",
    f"{_SHARED}/REQUIREMENTS",
    f"{_SHARED}/DESIGN",
    f"{_SHARED}/seeds",
    "DESIGN" + ".md",
    "DEVELOPERS" + ".md",
)
#: A requirement ID as cited anywhere: R-SITE-1, R-WF-3…
REQUIREMENT_ID = re.compile(r"\bR-[A-Z]+-\d+\b")
#: The entry that defines an ID in docs/requirements.md: a heading of its own.
ENTRY = re.compile(r"^### (R-[A-Z]+-\d+)\b", re.MULTILINE)
#: `code spans` of docs/requirements.md that name a file or folder of the repository
#: (addresses of the public site start with "/" and are not files).
REPO_PATH = re.compile(r"^[\w.-]+(?:/[\w.-]+)+/?$")


def tracked_texts():
    """(path, text) of every tracked text file; binary files (a NUL byte) are skipped."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    try:
        listing = subprocess.run(
            [git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    texts = []
    for name in listing.decode("utf-8").split("\0"):
        path = ROOT / name
        if not name or not path.is_file():  # deleted in the work tree, or a submodule
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        # Legacy 8-bit samples are text too; what we look for is ASCII, so replace the rest.
        texts.append((name, data.decode("utf-8", errors="replace")))
    return texts


def requirement_entries() -> list[str]:
    return ENTRY.findall(REQUIREMENTS.read_text(encoding="utf-8"))


def test_no_tracked_file_points_outside_the_repository():
    found = [
        f"{name}:{number}: {marker}"
        for name, text in tracked_texts()
        for number, line in enumerate(text.splitlines(), start=1)
        for marker in OUTSIDE
        if marker in line
    ]
    assert not found, "References to files outside the repository:\n" + "\n".join(found)


def test_every_cited_requirement_id_has_its_entry():
    defined = set(requirement_entries())
    cited = defaultdict(set)
    for name, text in tracked_texts():
        for requirement in REQUIREMENT_ID.findall(text):
            cited[requirement].add(name)
    assert cited, "no requirement ID found in the repository: is the pattern right?"
    missing = {
        requirement: sorted(names)
        for requirement, names in sorted(cited.items())
        if requirement not in defined
    }
    assert not missing, f"IDs cited but not defined in docs/requirements.md: {missing}"


def test_every_requirement_entry_is_unique():
    entries = requirement_entries()
    assert entries, "docs/requirements.md defines no requirement"
    duplicates = sorted(item for item, count in Counter(entries).items() if count > 1)
    assert not duplicates, f"defined more than once in docs/requirements.md: {duplicates}"


def test_every_entry_has_a_status_and_the_summary_counts_them():
    text = REQUIREMENTS.read_text(encoding="utf-8")
    statuses = {}
    for section in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        requirement = REQUIREMENT_ID.match(section).group()
        found = re.search(r"^- \*\*Status:\*\* (met|partly|not yet)\b", section, re.MULTILINE)
        assert found, f"{requirement} has no status line"
        statuses[requirement] = found.group(1)
    summary = re.search(
        r"In short: (\d+) met, (\d+) partly \(([^)]*)\), (\d+) not yet \(([^)]*)\)", text
    )
    assert summary, "docs/requirements.md has no summary line"
    met, partly, partly_ids, not_yet, not_yet_ids = summary.groups()
    by_status = Counter(statuses.values())
    assert (int(met), int(partly), int(not_yet)) == (
        by_status["met"],
        by_status["partly"],
        by_status["not yet"],
    )
    assert set(REQUIREMENT_ID.findall(partly_ids)) == {
        item for item, status in statuses.items() if status == "partly"
    }
    assert set(REQUIREMENT_ID.findall(not_yet_ids)) == {
        item for item, status in statuses.items() if status == "not yet"
    }


def names_in(path: Path) -> dict[str, set[str]]:
    """{"": module-level names, "Class": its methods} of a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {"": set()}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[""].add(node.name)
        if isinstance(node, ast.ClassDef):
            names[node.name] = {
                item.name
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
    return names


def test_files_and_tests_named_in_the_requirements_exist():
    """docs/requirements.md says which code and which tests meet each requirement; a file
    moved or a test renamed must not leave it pointing at nothing."""
    spans = re.findall(r"`([^`\s]+)`", REQUIREMENTS.read_text(encoding="utf-8"))
    problems = []
    for span in spans:
        path_part, *names = span.split("::")
        if not (names or REPO_PATH.match(path_part)):
            continue
        path = ROOT / path_part
        if not path.exists():
            problems.append(f"{span}: no such file")
            continue
        if names:
            found = names_in(path)
            if len(names) == 1 and names[0] not in found[""]:
                problems.append(f"{span}: no such test or class")
            elif len(names) == 2 and names[1] not in found.get(names[0], set()):
                problems.append(f"{span}: no such test")
    assert not problems, "docs/requirements.md names what does not exist:\n" + "\n".join(problems)
