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
from django.template import Context, Engine, TemplateDoesNotExist, engines
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
            "consultation", "search", "stats", "budget", "opendata", "subscriptions",
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
    assert apps_named == {
        "core",
        "editorial",
        "news",
        "projects",
        "legal",
        "procedures",
        "consultation",
        "budget",
        "subscriptions",
    }
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


def app_templates(app: str):
    """(name, compiled template) of every template of a portal app."""
    engine = engines["django"].engine
    folder = ROOT / app.removeprefix(NS) / "templates"
    for path in folder.rglob("*.html"):
        name = str(path.relative_to(folder))
        yield name, engine.get_template(name)


def filled_base_blocks(app: str) -> set[str]:
    filled = set()
    for _name, template in app_templates(app):
        for node in template.nodelist.get_nodes_by_type(ExtendsNode):
            if node.parent_name.var == checks.BASE_TEMPLATE:
                filled |= {child.name for child in node.nodelist if isinstance(child, BlockNode)}
    return filled


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_declared_base_blocks_are_those_the_templates_fill(app):
    assert filled_base_blocks(app) == set(checks.BASE_TEMPLATE_BLOCKS.get(app, []))


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_public_templates_extend_the_apps_base_not_the_hosts(app):
    """Only congthongtin/base.html extends the host's base.html: the host's blocks are mapped
    in one place."""
    parents = {
        name: node.parent_name.var
        for name, template in app_templates(app)
        for node in template.nodelist.get_nodes_by_type(ExtendsNode)
    }
    direct = {name for name, parent in parents.items() if parent == checks.HOST_BASE_TEMPLATE}
    assert direct == ({checks.BASE_TEMPLATE} if app == NS + "core" else set())


@pytest.mark.parametrize("app", PORTAL_APPS)
def test_declared_host_templates_are_those_the_templates_include(app):
    """The apps include no template of the host project (the pager and the listing includes
    are core's); the host provides only the base.html that congthongtin/base.html extends,
    to the apps whose templates extend it."""
    provided = {
        str(path.relative_to(ROOT / name.removeprefix(NS) / "templates"))
        for name in PORTAL_APPS
        for path in (ROOT / name.removeprefix(NS) / "templates").rglob("*.html")
    }
    included = set()
    for path in (ROOT / app.removeprefix(NS) / "templates").rglob("*.html"):
        included |= set(re.findall(r'{%\s*include\s+"([^"]+)"', path.read_text(encoding="utf-8")))
    assert {name for name in included - provided if not name.startswith("wagtailadmin/")} == set()
    expected = [checks.HOST_BASE_TEMPLATE] if filled_base_blocks(app) else []
    assert checks.HOST_TEMPLATES.get(app, []) == expected


CORE_BASE = (ROOT / "core" / "templates" / checks.BASE_TEMPLATE).read_text(encoding="utf-8")


#: The head's metadata include that core's base renders ({% page_metadata %}), as installed.
METADATA = "core/includes/page_metadata.html"
METADATA_SOURCE = (ROOT / "core" / "templates" / METADATA).read_text(encoding="utf-8")


def fake_engine(**templates):
    """An engine with core's congthongtin/base.html and ``templates`` (a host's base.html)."""
    return Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {checks.BASE_TEMPLATE: CORE_BASE, METADATA: METADATA_SOURCE, **templates},
            ),
        ],
        libraries=dict(engines["django"].engine.libraries),
    )


def stock_wagtail_base() -> str:
    """The base.html that `wagtail start mysite` writes (Wagtail's project template)."""
    import wagtail

    source = Path(wagtail.__file__).parent / "project_template/project_name/templates/base.html"
    return (
        Engine()
        .from_string(source.read_text(encoding="utf-8"))
        .render(Context({"project_name": "mysite"}))
    )


def base_checks(installed=INSTALLED, **templates):
    engine = fake_engine(**templates)
    return checks.missing_host_templates(
        installed, engine.get_template
    ) + checks.missing_base_blocks(engine.get_template(checks.BASE_TEMPLATE), installed)


def test_stock_wagtail_base_passes_with_a_warning_about_breadcrumbs():
    stock = stock_wagtail_base()
    assert "{% block extra_css %}" in stock and "breadcrumbs" not in stock
    problems = base_checks(**{"base.html": stock})
    assert not [problem for problem in problems if problem.is_serious()]
    # Only the apps that clear the breadcrumbs are told, and only as a warning.
    assert sorted((p.id, re.search(r"app '(\w+)'", p.msg)[1]) for p in problems) == [
        ("portal.W011", "consultation"),
        ("portal.W011", "home"),
    ]
    assert all("breadcrumbs" in p.msg and "{% block breadcrumbs %}" in p.hint for p in problems)


def test_stock_wagtail_base_renders_the_apps_head_in_extra_css():
    engine = fake_engine(**{"base.html": stock_wagtail_base()})
    page = engine.from_string(
        '{% extends "congthongtin/base.html" %}{% block title %}Văn bản{% endblock %}'
        '{% block extra_head %}<link rel="stylesheet" href="/static/legal/legal.css">'
        "{% endblock %}{% block breadcrumbs %}trail{% endblock %}"
        "{% block content %}<h1>Thư viện</h1>{% endblock %}"
    ).render(Context({"request": None}))
    head, body = page.split("</head>")
    assert '<link rel="stylesheet" href="/static/legal/legal.css">' in head
    assert '<link rel="stylesheet" type="text/css" href="/static/css/mysite.css">' in head
    assert "Văn bản" in head and "<h1>Thư viện</h1>" in body
    assert "trail" not in page


def test_base_template_without_content_is_an_error_with_the_fix():
    problems = base_checks(
        {"congthongtin.news", "congthongtin.home"},
        **{
            "base.html": "<title>{% block title %}{% endblock %}</title>{% block extra_css %}"
            "{% endblock %}{% block title_suffix %}{% endblock %}{% block breadcrumbs %}"
            "{% endblock %}<main></main>"
        },
    )
    assert [problem.id for problem in problems] == ["portal.E011", "portal.E011"]
    assert all(problem.is_serious() for problem in problems)
    home, news = sorted(problems, key=lambda problem: problem.msg)
    assert "'home'" in home.msg and home.msg.endswith(": content.")
    assert "'news'" in news.msg and news.msg.endswith(": content.")
    assert "{% block content %}{% endblock %}" in news.hint


def test_base_template_missing_blocks_names_the_hosts_block_to_add():
    problems = base_checks(
        {"congthongtin.news", "congthongtin.home", "congthongtin.core"},
        **{"base.html": "<main>{% block content %}{% endblock %}</main>"},
    )
    by_app = {re.search(r"app '(\w+)'", p.msg)[1] + "/" + p.id: p for p in problems}
    assert sorted(by_app) == ["home/portal.E011", "home/portal.W011", "news/portal.E011"]
    # The app's extra_head goes into the host's extra_css: the hint names extra_css.
    assert "extra_head." in by_app["news/portal.E011"].msg
    assert "{% block extra_css %}{% endblock %}" in by_app["news/portal.E011"].hint
    assert by_app["home/portal.E011"].msg.endswith(": title.")
    assert "title_suffix, breadcrumbs" in by_app["home/portal.W011"].msg
    assert not by_app["home/portal.W011"].is_serious()
    # Apps not installed are not checked.
    assert base_checks({"congthongtin.core"}, **{"base.html": ""}) == []


def test_missing_breadcrumbs_is_only_a_warning():
    problems = base_checks(
        {"congthongtin.consultation"},
        **{
            "base.html": "{% block title %}{% endblock %}{% block extra_css %}{% endblock %}"
            "{% block content %}{% endblock %}"
        },
    )
    assert [(problem.id, problem.is_serious()) for problem in problems] == [("portal.W011", False)]
    assert "breadcrumbs" in problems[0].msg
    assert "{% block breadcrumbs %}{% endblock %}" in problems[0].hint


def test_blocks_of_an_extended_layout_count_and_unrendered_ones_do_not():
    engine = fake_engine(
        **{
            "layout.html": "{% block extra_css %}{% endblock %}{% block main %}{% endblock %}",
            "base.html": '{% extends "layout.html" %}{% block main %}'
            "{% block content %}{% endblock %}{% endblock %}"
            "{% block sidebar %}{% block breadcrumbs %}{% endblock %}{% endblock %}",
        }
    )
    base = engine.get_template(checks.BASE_TEMPLATE)
    # sidebar (and the breadcrumbs inside it) is not in layout.html: never rendered.
    assert checks.rendered_blocks(base) == {"extra_css", "extra_head", "main", "content"}
    assert [p.id for p in checks.missing_base_blocks(base, {"congthongtin.news"})] == []


def test_a_host_base_without_extra_css_loses_the_apps_head():
    engine = fake_engine(**{"base.html": "{% block content %}{% endblock %}"})
    assert "extra_head" not in checks.rendered_blocks(engine.get_template(checks.BASE_TEMPLATE))


def test_portal_override_renders_every_block_of_the_apps():
    base = engines["django"].engine.get_template(checks.BASE_TEMPLATE)
    assert "nhuxuan_site" in base.origin.name
    assert checks.rendered_blocks(base) >= {
        name for blocks in checks.BASE_TEMPLATE_BLOCKS.values() for name in blocks
    }


def test_missing_host_template_is_an_error():
    engine = fake_engine()
    errors = checks.missing_host_templates(
        {"congthongtin.search", "congthongtin.news", "congthongtin.core"}, engine.get_template
    )
    assert [error.id for error in errors] == ["portal.E012"]
    assert "'base.html'" in errors[0].msg
    assert "news, search" in errors[0].msg
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("base.html")
    assert checks.missing_host_templates({"congthongtin.core"}, engine.get_template) == []
    # A project overriding congthongtin/base.html with a layout of its own needs no base.html.
    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {checks.BASE_TEMPLATE: '{% extends "layout.html" %}', "layout.html": ""},
            )
        ]
    )
    assert checks.missing_host_templates({"congthongtin.news"}, engine.get_template) == []


def test_projects_need_nothing_of_news():
    """Projects' listing includes, pager and stylesheet are core's (issue 17)."""
    assert NS + "news" not in checks.PREREQUISITES[NS + "projects"]
    for path in (ROOT / "projects").rglob("*"):
        if path.suffix in {".py", ".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8")
            assert "news/" not in text and "congthongtin.news" not in text, path


def test_real_project_passes_every_check():
    # Raises SystemCheckError on any Error, ours included.
    call_command("check")
    call_command("check", tags=["compatibility", "templates"])
