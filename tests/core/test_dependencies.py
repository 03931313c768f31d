"""A lean install (issue 17): the apps need only pyproject.toml's base dependencies at import;
the importers, the search clients, the portal's settings and the production stack are extras,
and a feature whose extra is missing says so."""

import ast
import io
import sys
import tomllib
import zipfile
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from congthongtin.core import checks, extras

ROOT = Path(settings.BASE_DIR)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
APPS = ["vietnam", *(name.removeprefix("congthongtin.") for name in checks.PREREQUISITES)]
OURS = {"congthongtin"}  # every app imports the others under this one name
MODULE_DISTRIBUTIONS = packages_distributions()  # import name → installed distributions


def names(requirements) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def with_dependencies(distributions: set[str]) -> set[str]:
    """The distributions and everything they require (without extras), installed or not."""
    todo, seen = list(distributions), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            needed = requires(name) or []
        except PackageNotFoundError:
            continue
        for line in needed:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            todo.append(canonicalize_name(requirement.name))
    return seen


BASE = names(PYPROJECT["dependencies"])
EXTRAS = {extra: names(lines) for extra, lines in PYPROJECT["optional-dependencies"].items()}


def catches_import_error(node: ast.Try) -> bool:
    caught = []
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught += [getattr(kind, "id", None) for kind in kinds]
    return bool({"ImportError", "ModuleNotFoundError", "Exception", None} & set(caught))


def module_level_imports(statements) -> set[str]:
    """Top-level package names imported when the module is imported: its body, the branches
    of module-level if/try, not functions (lazy) nor a try that catches ImportError."""
    found = set()
    for node in statements:
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                found |= module_level_imports(node.body) | module_level_imports(node.orelse)
        elif isinstance(node, ast.Try) and not catches_import_error(node):
            found |= module_level_imports(node.body + node.orelse + node.finalbody)
        elif isinstance(node, ast.ClassDef):
            found |= module_level_imports(node.body)
    return found


def third_party_imports(app: str) -> dict[str, set[str]]:
    result = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = module_level_imports(tree.body) - OURS - set(sys.stdlib_module_names)
        modules.discard("__future__")
        if modules:
            result[str(path.relative_to(ROOT))] = modules
    return result


@pytest.mark.parametrize("app", APPS)
def test_module_level_imports_are_base_dependencies(app):
    """Every third-party package an app imports at module level comes with the base
    dependencies (directly or as their dependency, like modelcluster with Wagtail)."""
    allowed = with_dependencies(BASE)
    uncovered = {}
    for path, modules in third_party_imports(app).items():
        for module in modules:
            distributions = {canonicalize_name(d) for d in MODULE_DISTRIBUTIONS.get(module, [])}
            if not distributions & allowed:
                uncovered.setdefault(path, []).append(module)
    assert uncovered == {}


def test_apps_the_portal_apps_need_installed_come_with_the_base_dependencies():
    """What core.checks.PREREQUISITES asks in INSTALLED_APPS (axes for editorial, though
    imported lazily; simple_history, taggit, modelcluster, wagtail.contrib.*) is installed."""
    allowed = with_dependencies(BASE)
    needed = {name.split(".")[0] for app in checks.PREREQUISITES.values() for name in app}
    missing = {
        module
        for module in needed - OURS
        if not {canonicalize_name(d) for d in MODULE_DISTRIBUTIONS[module]} & allowed
    }
    assert missing == set()


def test_the_import_scan_sees_module_level_and_not_lazy_imports():
    tree = ast.parse(
        "import nh3\nfrom PIL import Image\n"
        "try:\n    import redis\nexcept ImportError:\n    redis = None\n"
        "def read():\n    import mammoth\n"
        "if True:\n    import gunicorn\n"
    )
    assert module_level_imports(tree.body) == {"nh3", "PIL", "gunicorn"}


def test_extras_are_not_in_the_base_install():
    for extra in ("importers", "elasticsearch", "portal", "production"):
        assert EXTRAS[extra], extra
        assert not EXTRAS[extra] & BASE, extra
    assert {"mammoth", "pypdf", "python-docx", "openpyxl"} <= EXTRAS["importers"]
    assert {"elasticsearch", "opensearch-py"} <= EXTRAS["elasticsearch"]
    assert {"django-environ", "whitenoise"} <= EXTRAS["portal"]
    assert {"gunicorn", "psycopg", "redis"} <= EXTRAS["production"]


@pytest.mark.parametrize("module", sorted(extras.EXTRAS))
def test_each_optional_module_comes_with_its_extra(module):
    distributions = {canonicalize_name(d) for d in MODULE_DISTRIBUTIONS[module]}
    assert distributions & with_dependencies(EXTRAS[extras.EXTRAS[module]])


def test_make_venv_and_the_image_install_the_extras_they_run():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "EXTRAS := dev,importers,elasticsearch,production,portal,stats" in makefile
    assert "pip install --quiet -e '.[$(EXTRAS)]'" in makefile
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text(encoding="utf-8")
    assert 'pip install ".[portal,production,importers,elasticsearch,stats]"' in dockerfile


def minimal_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_word_file_without_the_importers_is_refused_saying_why(monkeypatch):
    from congthongtin.core.reading import ReadError, read_document

    monkeypatch.setitem(sys.modules, "mammoth", None)  # as if not installed
    with pytest.raises(ReadError) as refused:
        read_document(minimal_docx(), "quyet-dinh.docx")
    assert "mammoth" in str(refused.value)
    assert "“importers”" in str(refused.value)
    assert "quản trị kỹ thuật" in str(refused.value)


def test_pdf_without_the_importers_is_refused_saying_why(monkeypatch):
    from congthongtin.core.reading import ReadError, read_document

    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(ReadError, match="pypdf"):
        read_document(b"%PDF-1.4\n%\xe2\xe3\n", "van-ban.pdf")


def test_spreadsheet_without_the_importers_is_refused_saying_why(monkeypatch, tmp_path):
    from django.utils import translation

    from congthongtin.procedures.importing import ImportFileError, read_rows

    path = tmp_path / "thu-tuc.xlsx"
    path.write_bytes(minimal_docx())
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with translation.override("en"), pytest.raises(ImportFileError) as refused:
        read_rows(path)
    assert "openpyxl" in str(refused.value) and "CSV or JSON" in str(refused.value)


def test_search_backend_without_its_client_is_an_error(monkeypatch):
    backends = {"default": {"BACKEND": "congthongtin.search.backends.opensearch2"}}
    assert checks.missing_search_clients(backends) == []
    monkeypatch.setitem(sys.modules, "opensearchpy", None)
    (error,) = checks.missing_search_clients(backends)
    assert error.id == "portal.E013" and error.is_serious()
    assert "opensearchpy" in error.msg
    assert "pip install 'cong-thong-tin[elasticsearch]'" in error.hint
    # The database backend needs no client.
    database = {"default": {"BACKEND": "congthongtin.search.backends.database"}}
    assert checks.missing_search_clients(database) == []


def test_importer_without_its_libraries_is_a_warning(monkeypatch):
    both = {"congthongtin.legal", "congthongtin.procedures"}
    assert checks.missing_importer_modules(both) == []
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    (warning,) = checks.missing_importer_modules(both)
    assert warning.id == "portal.W014" and not warning.is_serious()
    assert "'procedures'" in warning.msg and "openpyxl" in warning.msg
    assert "cong-thong-tin[importers]" in warning.hint
    assert checks.missing_importer_modules({"congthongtin.legal"}) == []
