"""What the portal apps need from the host project is declared and checked at start-up
(issue 17): core.checks.PREREQUISITES (portal.E010), the blocks of base.html (portal.E011) and
the host's templates (portal.E012). The check functions take the installed apps and templates
as parameters, so each case is tested without changing INSTALLED_APPS."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.template import Engine, TemplateDoesNotExist, engines
from django.template.loader_tags import BlockNode, ExtendsNode

from congthongtin.core import checks

ROOT = Path(settings.BASE_DIR)
NS = "congthongtin."
PORTAL_APPS = list(checks.PREREQUISITES)
INSTALLED = {config.name for config in apps.get_app_configs()}
LABELS = {config.name: config.label for config in apps.get_app_configs()}


def owning_app(module: str) -> str | None:
    """The installed app a dotted module belongs to (the longest app name that prefixes it)."""
    owners = [name for name in INSTALLED if module == name or module.startswith(name + ".")]
    return max(owners, key=len) if owners else None


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
            # `from wagtail import blocks` imports wagtail.blocks
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def loaded_libraries(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {name for tag in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", text) for name in tag.split()}


def test_every_portal_app_is_declared_and_installed():
    assert set(PORTAL_APPS) == {
        f"congthongtin.{name}"
        for name in (
            "core", "home", "editorial", "news", "projects", "legal", "procedures",
            "consultation", "search",
        )
    }  # fmt: skip
    assert set(PORTAL_APPS) <= INSTALLED


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_prerequisites_name_installed_apps(app):
    """A typo would make the check ask every host for an app that does not exist."""
    assert set(checks.PREREQUISITES[app]) <= INSTALLED
    assert app not in checks.PREREQUISITES[app]


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_prerequisites_cover_what_the_code_imports_and_loads(app):
    """Every installed app whose modules the app imports (migrations included), whose
    migrations its migrations depend on, or whose template tag libraries its templates load
    is declared in PREREQUISITES."""
    used = set()
    label = LABELS[app]
    for (migration_label, _name), migration in MigrationLoader(None).disk_migrations.items():
        if migration_label == label:
            used.update(apps.get_app_config(dep[0]).name for dep in migration.dependencies)
    for path in (ROOT / app.removeprefix(NS)).rglob("*.py"):
        used.update(filter(None, map(owning_app, imported_modules(path))))
    libraries = engines["django"].engine.libraries  # name → module path
    for path in (ROOT / app.removeprefix(NS) / "templates").rglob("*.html"):
        for library in loaded_libraries(path):
            used.add(owning_app(libraries[library]))
    used -= {app, "django.contrib.admin"}
    # Django's own template libraries (i18n, l10n, static) are built in, not apps.
    used.discard(None)
    assert sorted(used - set(checks.PREREQUISITES[app])) == []


def test_full_installation_has_no_missing_prerequisite():
    assert checks.missing_prerequisites(INSTALLED) == []


def test_missing_prerequisite_is_an_error_naming_it_per_app():
    errors = checks.missing_prerequisites(INSTALLED - {"wagtail.contrib.routable_page"})
    assert {error.id for error in errors} == {"portal.E010"}
    assert all(error.is_serious() for error in errors)
    apps_named = {re.search(r"portal app '(\w+)'", error.msg).group(1) for error in errors}
    assert apps_named == {"core", "news", "projects", "legal", "procedures", "consultation"}
    assert all('"wagtail.contrib.routable_page"' in error.hint for error in errors)


def test_missing_portal_app_is_named_and_absent_apps_are_not_checked():
    # Without legal installed, only procedures (which links steps to documents) asks for it.
    errors = checks.missing_prerequisites(INSTALLED - {"congthongtin.legal"})
    assert [error.msg for error in errors] == [
        "The portal app 'procedures' needs \"congthongtin.legal\" in INSTALLED_APPS."
    ]
    # Nothing needs search or editorial: consultation reaches them through core (issue 17).
    without = INSTALLED - {"congthongtin.search", "congthongtin.editorial"}
    assert checks.missing_prerequisites(without) == []
    # A host installing legal alone is asked for core, taggit… and nothing about news.
    errors = checks.missing_prerequisites({"congthongtin.legal", "wagtail", "wagtail.documents"})
    assert len(errors) == 1
    for name in ("congthongtin.core", "taggit", "modelcluster", "wagtail.contrib.routable_page"):
        assert f'"{name}"' in errors[0].msg
    assert '"congthongtin.home"' not in errors[0].msg


def filled_base_blocks(app: str) -> set[str]:
    engine = engines["django"].engine
    filled = set()
    folder = ROOT / app.removeprefix(NS) / "templates"
    for path in folder.rglob("*.html"):
        template = engine.get_template(str(path.relative_to(folder)))
        for node in template.nodelist.get_nodes_by_type(ExtendsNode):
            if node.parent_name.var == checks.BASE_TEMPLATE:
                filled |= {child.name for child in node.nodelist if isinstance(child, BlockNode)}
    return filled


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_declared_base_blocks_are_those_the_templates_fill(app):
    assert filled_base_blocks(app) == set(checks.BASE_TEMPLATE_BLOCKS.get(app, []))


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_declared_host_templates_are_those_the_templates_include(app):
    """Templates included by the apps that none of the portal apps provides."""
    provided = {
        str(path.relative_to(ROOT / name.removeprefix(NS) / "templates"))
        for name in PORTAL_APPS
        for path in (ROOT / name.removeprefix(NS) / "templates").rglob("*.html")
    }
    included = set()
    for path in (ROOT / app.removeprefix(NS) / "templates").rglob("*.html"):
        included |= set(re.findall(r'{%\s*include\s+"([^"]+)"', path.read_text(encoding="utf-8")))
    from_host = {name for name in included - provided if not name.startswith("wagtailadmin/")}
    assert from_host == set(checks.HOST_TEMPLATES.get(app, []))


def fake_engine(**templates):
    return Engine(loaders=[("django.template.loaders.locmem.Loader", templates)])


def test_base_template_defining_every_block_passes():
    base = fake_engine(
        **{
            "base.html": "<title>{% block title %}{% endblock %}{% block title_suffix %}"
            "{% endblock %}</title>{% block extra_head %}{% endblock %}"
            "{% block breadcrumbs %}{% endblock %}<main>{% block content %}{% endblock %}</main>"
        }
    ).get_template("base.html")
    assert checks.missing_base_blocks(base, INSTALLED) == []


def test_base_template_missing_blocks_is_an_error_naming_them():
    base = fake_engine(**{"base.html": "<main>{% block content %}{% endblock %}</main>"})
    errors = checks.missing_base_blocks(
        base.get_template("base.html"), {"congthongtin.news", "congthongtin.home"}
    )
    assert [error.id for error in errors] == ["portal.E011", "portal.E011"]
    home, news = sorted(errors, key=lambda error: error.msg)
    assert "'home'" in home.msg and "title, title_suffix, breadcrumbs" in home.msg
    assert "'news'" in news.msg and "extra_head." in news.msg
    assert "{% block extra_head %}{% endblock %}" in news.hint
    # Apps not installed are not checked.
    assert (
        checks.missing_base_blocks(base.get_template("base.html"), {"congthongtin.editorial"}) == []
    )


def test_blocks_of_an_extended_layout_count():
    engine = fake_engine(
        **{
            "layout.html": "{% block extra_head %}{% endblock %}{% block main %}{% endblock %}",
            "base.html": '{% extends "layout.html" %}{% block main %}'
            "{% block content %}{% endblock %}{% endblock %}",
        }
    )
    assert checks.defined_blocks(engine.get_template("base.html")) == {
        "extra_head",
        "main",
        "content",
    }
    assert checks.missing_base_blocks(engine.get_template("base.html"), {"congthongtin.news"}) == []


def test_missing_host_template_is_an_error():
    engine = fake_engine(**{"base.html": "{% block content %}{% endblock %}"})
    errors = checks.missing_host_templates(
        {"congthongtin.search", "congthongtin.news", "congthongtin.editorial"}, engine.get_template
    )
    assert [error.id for error in errors] == ["portal.E012"]
    assert "'includes/pagination.html'" in errors[0].msg
    assert "news, search" in errors[0].msg
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("includes/pagination.html")
    assert (
        checks.missing_host_templates(
            {"congthongtin.editorial", "congthongtin.core"}, engine.get_template
        )
        == []
    )


def test_real_project_passes_every_check():
    # Raises SystemCheckError on any Error, ours included.
    call_command("check")
    call_command("check", tags=["compatibility", "templates"])
