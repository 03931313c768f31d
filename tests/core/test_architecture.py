"""Dependencies point one way (docs/architecture.md): ``vietnam`` ← ``core`` ← domain apps ←
the portal. No app imports the portal; a domain app reaches another only through core (its
signals, hooks and shared models) or a prerequisite declared in core.checks.PREREQUISITES."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NS = "congthongtin"
DOMAIN = [
    "home",
    "editorial",
    "news",
    "projects",
    "legal",
    "procedures",
    "consultation",
    "search",
    "stats",
    "budget",
    "opendata",
    "subscriptions",
]
LAYERS = {"vietnam": set(), "core": {"vietnam"}, **{app: {"vietnam", "core"} for app in DOMAIN}}


def imported_packages(path: Path) -> set[str]:
    """The platform's packages a module imports (``congthongtin.<package>``), lazy imports
    inside functions included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == NS and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", list(LAYERS))
def test_app_imports_only_the_layers_below_it(app):
    offenders = {}
    for path in (ROOT / app).rglob("*.py"):
        wrong = imported_packages(path) - LAYERS[app] - {app}
        if wrong:
            offenders[str(path.relative_to(ROOT))] = sorted(wrong)
    assert offenders == {}


def test_the_scan_sees_lazy_imports():
    source = "def f():\n    from congthongtin.search.indexing import x\nimport congthongtin.core\n"
    tmp = ROOT / "var" / "architecture_probe.py"
    tmp.parent.mkdir(exist_ok=True)
    tmp.write_text(source, encoding="utf-8")
    try:
        assert imported_packages(tmp) == {"search", "core"}
    finally:
        tmp.unlink()
